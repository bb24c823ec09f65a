import type { UpdateUserBody, User } from '@skillcert/shared/api/users';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { usersKey } from '@/features/users/api/get-users';

export interface UpdateUserVariables {
  id: string;
  body: UpdateUserBody;
}

export function updateUser({ id, body }: UpdateUserVariables): Promise<User> {
  return http.patch<User>(`/api/users/${encodeURIComponent(id)}`, body);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
