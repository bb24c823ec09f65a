import type { CreateUserBody, User } from '@skillcert/shared/api/users';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { usersKey } from '@/features/users/api/get-users';

export function createUser(body: CreateUserBody): Promise<User> {
  return http.post<User>('/api/users', body);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
