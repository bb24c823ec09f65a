import type { PolicyProfile } from '@skillcert/shared/api/policies';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { policiesKey } from '@/features/policies/api/get-policies';

export function getPolicy(id: string, signal?: AbortSignal): Promise<PolicyProfile> {
  return http.get<PolicyProfile>(`/api/policies/${encodeURIComponent(id)}`, undefined, signal);
}

/** One profile: each field's value, whether it is our default, and its source. */
export function usePolicy(id: string | null | undefined) {
  return useQuery({
    queryKey: [...policiesKey, 'detail', id ?? ''] as const,
    queryFn: ({ signal }) => getPolicy(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 10 * 60_000,
  });
}
