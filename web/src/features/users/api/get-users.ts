import type { User } from '@skillcert/shared/api/users';
import type { Role } from '@skillcert/shared/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface UserFilter {
  orgId?: string;
  role?: Role;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const usersKey = ['users'] as const;

export function getUsers(filter: UserFilter, signal?: AbortSignal): Promise<Page<User>> {
  return http.get<Page<User>>('/api/users', { ...filter }, signal);
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: [...usersKey, 'list', filter] as const,
    queryFn: ({ signal }) => getUsers(filter, signal),
    placeholderData: keepPreviousData,
  });
}
