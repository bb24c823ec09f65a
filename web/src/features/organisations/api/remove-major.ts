import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { organisationKey } from '@/features/organisations/api/get-organisation';

export interface RemoveMajorVariables {
  orgId: string;
  majorId: string;
}

export function removeMajor({ orgId, majorId }: RemoveMajorVariables): Promise<void> {
  return http.delete(`/api/organisations/${encodeURIComponent(orgId)}/majors/${encodeURIComponent(majorId)}`);
}

export function useRemoveMajor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMajor,
    onSuccess: (_void, { orgId }) => queryClient.invalidateQueries({ queryKey: organisationKey(orgId) }),
  });
}
