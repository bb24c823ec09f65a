import type { Plan, PlanRangeField, PlanSort, PlanStatus } from '@skillcert/shared/api/plans';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface PlanFilter {
  status?: PlanStatus | undefined;
  /** Waiting for me: HR to acknowledge or decide a change; a supervisor's assigned plans; a school's with an action open. */
  todo?: boolean;
  /** Title, institution or occupation contains. */
  q?: string | undefined;
  /** First sitting (default) or submission day within [from, to] (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  range?: PlanRangeField | undefined;
  sort?: PlanSort | undefined;
  page?: number;
  pageSize?: number;
}

export const plansKey = ['plans'] as const;

export function getPlans(filter: PlanFilter, signal?: AbortSignal): Promise<Page<Plan>> {
  const { todo, ...rest } = filter;
  return http.get<Page<Plan>>('/api/plans', { ...rest, todo: todo ? 'true' : undefined }, signal);
}

export function usePlans(filter: PlanFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...plansKey, 'list', filter] as const,
    queryFn: ({ signal }) => getPlans(filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    staleTime: 0,
  });
}
