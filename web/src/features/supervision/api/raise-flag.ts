import type { FlagBody, SupervisionFlag } from '@skillcert/shared/api/supervision';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { supervisionKey } from '@/features/supervision/api/keys';

export function raiseFlag(planId: string, body: FlagBody): Promise<SupervisionFlag> {
  return http.post<SupervisionFlag>(`/api/plans/${encodeURIComponent(planId)}/supervision/flags`, body);
}

export function useRaiseFlag(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FlagBody) => raiseFlag(planId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: supervisionKey(planId) }),
  });
}
