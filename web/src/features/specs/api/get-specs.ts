import type { Spec, SpecSort, SpecStatus } from '@skillcert/shared/api/specs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface SpecFilter {
  status?: SpecStatus | undefined;
  /** Only those waiting for my review (HR over the school). */
  todo?: boolean;
  /** Title, school or occupation contains. */
  q?: string | undefined;
  /** Last changed within [from, to] (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  sort?: SpecSort | undefined;
  page?: number;
  pageSize?: number;
}

export const specsKey = ['specs'] as const;

export function getSpecs(filter: SpecFilter, signal?: AbortSignal): Promise<Page<Spec>> {
  const { todo, ...rest } = filter;
  return http.get<Page<Spec>>('/api/specs', { ...rest, todo: todo ? 'true' : undefined }, signal);
}

export function useSpecs(filter: SpecFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...specsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getSpecs(filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    staleTime: 0,
  });
}
