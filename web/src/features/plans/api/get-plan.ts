import type { PlanDetail } from '@skillcert/shared/api/plans';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';

export function planKey(id: string) {
  return [...plansKey, 'detail', id] as const;
}

export function getPlan(id: string, signal?: AbortSignal): Promise<PlanDetail> {
  return http.get<PlanDetail>(`/api/plans/${encodeURIComponent(id)}`, undefined, signal);
}

export function usePlan(id: string | null | undefined) {
  return useQuery({ queryKey: planKey(id ?? ''), queryFn: ({ signal }) => getPlan(id ?? '', signal), enabled: Boolean(id), staleTime: 0 });
}
