import type { Spec, SpecStatus } from '@skillcert/shared/api/specs';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export interface SpecFilter {
  status?: SpecStatus;
  /** Only those waiting for my review (HR over the school). */
  todo?: boolean;
}

export const specsKey = ['specs'] as const;

export function getSpecs(filter: SpecFilter, signal?: AbortSignal): Promise<Spec[]> {
  return http.get<Spec[]>('/api/specs', { status: filter.status, todo: filter.todo ? 'true' : undefined }, signal);
}

export function useSpecs(filter: SpecFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...specsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getSpecs(filter, signal),
    enabled: options.enabled ?? true,
    staleTime: 0,
  });
}
