import type { Filing, FilingSort, FilingStatus } from '@skillcert/shared/api/filings';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface FilingFilter {
  status?: FilingStatus;
  /** Only those waiting for an action of mine (`allowedActions` not empty). */
  todo?: boolean;
  orgId?: string;
  /** School name contains. */
  q?: string;
  /** Last changed within [from, to] (YYYY-MM-DD). */
  from?: string;
  to?: string;
  sort?: FilingSort;
  page?: number;
  pageSize?: number;
}

export const filingsKey = ['filings'] as const;

export function getFilings(filter: FilingFilter, signal?: AbortSignal): Promise<Page<Filing>> {
  const { todo, ...rest } = filter;
  return http.get<Page<Filing>>('/api/filings', { ...rest, todo: todo ? 'true' : undefined }, signal);
}

export function useFilings(filter: FilingFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...filingsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getFilings(filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    // A to-do list goes stale as soon as someone else acts.
    staleTime: 0,
  });
}
