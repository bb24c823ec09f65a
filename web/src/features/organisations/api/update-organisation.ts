import type { Organisation, UpdateOrganisationBody } from '@skillcert/shared/api/organisations';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { organisationsKey } from '@/features/organisations/api/get-organisations';

export interface UpdateOrganisationVariables {
  id: string;
  body: UpdateOrganisationBody;
}

export function updateOrganisation({ id, body }: UpdateOrganisationVariables): Promise<Organisation> {
  return http.patch<Organisation>(`/api/organisations/${encodeURIComponent(id)}`, body);
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrganisation,
    meta: { handledCodes: ['ORG.CREDIT_CODE_CHECK'] },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  });
}
