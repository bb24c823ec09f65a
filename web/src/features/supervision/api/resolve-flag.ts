import type { SupervisionFlag } from '@skillcert/shared/api/supervision';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { supervisionKey } from '@/features/supervision/api/keys';

export function resolveFlag(planId: string, flagId: string, resolution: string): Promise<SupervisionFlag> {
  return http.post<SupervisionFlag>(`/api/plans/${encodeURIComponent(planId)}/supervision/flags/${encodeURIComponent(flagId)}/resolve`, { resolution });
}

export function useResolveFlag(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ flagId, resolution }: { flagId: string; resolution: string }) => resolveFlag(planId, flagId, resolution),
    onSettled: () => queryClient.invalidateQueries({ queryKey: supervisionKey(planId) }),
  });
}
