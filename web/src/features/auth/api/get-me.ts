import type { Me } from '@skillcert/shared/api/auth';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { http, isApiError } from '@/lib/http';

export const meQueryKey = ['auth', 'me'] as const;

/** The logged-in user, or null when there is no session (401). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await http.get<Me>('/api/auth/me', undefined, signal);
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export const meQueryOptions = queryOptions({
  queryKey: meQueryKey,
  queryFn: ({ signal }) => getMe(signal),
  staleTime: 5 * 60_000,
});

/** Gates the routes: `data === null` means "not logged in". */
export function useMe() {
  return useQuery(meQueryOptions);
}
