import type { Major, MajorBody } from '@skillcert/shared/api/organisations';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { organisationKey } from '@/features/organisations/api/get-organisation';

export interface AddMajorVariables {
  orgId: string;
  body: MajorBody;
}

export function addMajor({ orgId, body }: AddMajorVariables): Promise<Major> {
  return http.post<Major>(`/api/organisations/${encodeURIComponent(orgId)}/majors`, body);
}

export function useAddMajor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addMajor,
    onSuccess: (_major, { orgId }) => queryClient.invalidateQueries({ queryKey: organisationKey(orgId) }),
  });
}
