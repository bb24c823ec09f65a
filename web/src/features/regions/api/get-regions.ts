import type { Region } from '@skillcert/shared/api/regions';
import type { RegionLevel } from '@skillcert/shared/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export interface RegionFilter {
  /** Children of this code; without any filter the server answers the provinces. */
  parent?: string;
  level?: RegionLevel;
  q?: string;
}

export function getRegions(filter: RegionFilter, signal?: AbortSignal): Promise<Region[]> {
  return http.get<Region[]>('/api/regions', { ...filter }, signal);
}

/** GB/T 2260 regions are reference data: cached for the whole session. */
export function regionsQueryOptions(filter: RegionFilter) {
  return queryOptions({
    queryKey: ['regions', 'list', filter] as const,
    queryFn: ({ signal }) => getRegions(filter, signal),
    staleTime: Infinity,
    gcTime: 60 * 60_000,
  });
}

export function useRegions(filter: RegionFilter, options: { enabled?: boolean } = {}) {
  return useQuery({ ...regionsQueryOptions(filter), enabled: options.enabled ?? true });
}
