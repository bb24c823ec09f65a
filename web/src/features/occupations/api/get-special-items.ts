import type { SpecialItem } from '@skillcert/shared/api/occupations';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

/** A province's 专项职业能力 items (2-digit province code). */
export function getSpecialItems(province: string, signal?: AbortSignal): Promise<SpecialItem[]> {
  return http.get<SpecialItem[]>('/api/special-items', { province }, signal);
}

export function useSpecialItems(province: string | undefined) {
  return useQuery({
    queryKey: ['special-items', province ?? ''] as const,
    queryFn: ({ signal }) => getSpecialItems(province ?? '', signal),
    enabled: Boolean(province),
    staleTime: 5 * 60_000,
  });
}
