import type { PlanCheckReport } from '@skillcert/shared/api/plans';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';

/** The checks (scope, R2, R3, R5, R6, lead time, R9, ratios) as they stand today: shown before submission. */
export function getPlanChecks(id: string, signal?: AbortSignal): Promise<PlanCheckReport> {
  return http.get<PlanCheckReport>(`/api/plans/${encodeURIComponent(id)}/checks`, undefined, signal);
}

export function usePlanChecks(id: string | null | undefined) {
  return useQuery({
    queryKey: [...plansKey, 'checks', id ?? ''] as const,
    queryFn: ({ signal }) => getPlanChecks(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}
