import type { Institution, PriorVolumeBody } from '@skillcert/shared/api/institutions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { institutionKey } from '@/features/institutions/api/get-institution';

export interface SetPriorVolumeVariables {
  id: string;
  body: (typeof PriorVolumeBody)['_output'];
}

/** HR records how many candidates the institution evaluated before the platform, and where the figure comes from (R4). */
export function setPriorVolume({ id, body }: SetPriorVolumeVariables): Promise<Institution> {
  return http.put<Institution>(`/api/institutions/${encodeURIComponent(id)}/prior-volume`, body);
}

export function useSetPriorVolume() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPriorVolume,
    onSuccess: (_inst, { id }) => queryClient.invalidateQueries({ queryKey: institutionKey(id) }),
  });
}
