import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { usersKey } from '@/features/users/api/get-users';

export interface ResetPasswordVariables {
  id: string;
  /** ResetPasswordBody in the shared package. */
  body: { password: string };
}

/** 204; the user must change the password at next login. */
export function resetPassword({ id, body }: ResetPasswordVariables): Promise<void> {
  return http.post<void>(`/api/users/${encodeURIComponent(id)}/reset-password`, body);
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }), // mustChangePassword flips
  });
}
