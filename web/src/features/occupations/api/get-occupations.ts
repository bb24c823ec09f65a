import type { Occupation } from '@skillcert/shared/api/occupations';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface OccupationFilter {
  /** Name (Chinese or English) or the start of the code. */
  q?: string;
  /** true: with a national standard; false: without (a 评价规范 must be filed, R5). */
  hasStandard?: boolean;
  page?: number;
  pageSize?: number;
}

export const occupationsKey = ['occupations'] as const;

export function getOccupations(filter: OccupationFilter, signal?: AbortSignal): Promise<Page<Occupation>> {
  const { hasStandard, ...rest } = filter;
  return http.get<Page<Occupation>>('/api/occupations', { ...rest, hasStandard: hasStandard === undefined ? undefined : String(hasStandard) }, signal);
}

export function useOccupations(filter: OccupationFilter) {
  return useQuery({
    queryKey: [...occupationsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getOccupations(filter, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
