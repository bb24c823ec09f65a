import type { User } from '@skillcert/shared/api/users';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { usersKey } from '@/features/users/api/get-users';

export function getUser(id: string, signal?: AbortSignal): Promise<User> {
  return http.get<User>(`/api/users/${encodeURIComponent(id)}`, undefined, signal);
}

export function useUser(id: string | null | undefined) {
  return useQuery({
    queryKey: [...usersKey, 'detail', id ?? ''] as const,
    queryFn: ({ signal }) => getUser(id ?? '', signal),
    enabled: Boolean(id),
  });
}
