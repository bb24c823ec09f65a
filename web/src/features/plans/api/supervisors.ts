import type { PlanDetail } from '@skillcert/shared/api/plans';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';

export interface SupervisorOption {
  userId: string;
  displayName: string;
  username: string;
}

/** The bureau's own supervisor accounts (外部质量督导员) HR may assign to the plan. */
export function getSupervisorOptions(id: string, signal?: AbortSignal): Promise<SupervisorOption[]> {
  return http.get<SupervisorOption[]>(`/api/plans/${encodeURIComponent(id)}/supervisor-options`, undefined, signal);
}

export function useSupervisorOptions(id: string | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...plansKey, 'supervisor-options', id ?? ''] as const,
    queryFn: ({ signal }) => getSupervisorOptions(id ?? '', signal),
    enabled: Boolean(id) && enabled,
  });
}

export function assignSupervisors({ id, userIds }: { id: string; userIds: string[] }): Promise<PlanDetail> {
  return http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/supervisors`, { userIds });
}

export function useAssignSupervisors() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: assignSupervisors, onSettled: () => queryClient.invalidateQueries({ queryKey: plansKey }) });
}
