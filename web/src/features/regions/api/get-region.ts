import type { Region } from '@skillcert/shared/api/regions';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export function getRegion(code: string, signal?: AbortSignal): Promise<Region> {
  return http.get<Region>(`/api/regions/${encodeURIComponent(code)}`, undefined, signal);
}

export function useRegion(code: string | null | undefined) {
  return useQuery({
    queryKey: ['regions', 'one', code] as const,
    queryFn: ({ signal }) => getRegion(code ?? '', signal),
    enabled: Boolean(code),
    staleTime: Infinity,
  });
}
