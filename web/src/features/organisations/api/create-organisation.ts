import type { CreateOrganisationBody, Organisation } from '@skillcert/shared/api/organisations';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { organisationsKey } from '@/features/organisations/api/get-organisations';

export function createOrganisation(body: CreateOrganisationBody): Promise<Organisation> {
  return http.post<Organisation>('/api/organisations', body);
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrganisation,
    // ORG.CREDIT_CODE_CHECK is answered in the form (reviewer override), not by a toast.
    meta: { handledCodes: ['ORG.CREDIT_CODE_CHECK'] },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  });
}
