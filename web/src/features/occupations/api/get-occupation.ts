import type { Occupation } from '@skillcert/shared/api/occupations';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { occupationsKey } from '@/features/occupations/api/get-occupations';

export function occupationKey(code: string) {
  return [...occupationsKey, 'detail', code] as const;
}

export function getOccupation(code: string, signal?: AbortSignal): Promise<Occupation> {
  return http.get<Occupation>(`/api/occupations/${encodeURIComponent(code)}`, undefined, signal);
}

/** One occupation (its levels and 工种), e.g. for a scope line's level select. */
export function useOccupation(code: string | null | undefined) {
  return useQuery({
    queryKey: occupationKey(code ?? ''),
    queryFn: ({ signal }) => getOccupation(code ?? '', signal),
    enabled: Boolean(code),
    staleTime: 5 * 60_000,
  });
}
