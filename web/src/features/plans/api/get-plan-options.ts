import type { PlanOptions } from '@skillcert/shared/api/plans';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';

/** The editor's choices: the school's listed scope, declared sites and 考评员 roster, its papers and 评价规范. */
export function getPlanOptions(signal?: AbortSignal): Promise<PlanOptions> {
  return http.get<PlanOptions>('/api/plans/options', undefined, signal);
}

export function usePlanOptions() {
  return useQuery({ queryKey: [...plansKey, 'options'] as const, queryFn: ({ signal }) => getPlanOptions(signal) });
}
