import type { ChangePasswordBody } from '@skillcert/shared/api/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { meQueryKey } from '@/features/auth/api/get-me';

/** 204; the session stays valid. */
export function changePassword(body: ChangePasswordBody): Promise<void> {
  return http.post<void>('/api/auth/password', body);
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // Shown on the form's fields instead of a toast.
    meta: { handledCodes: ['AUTH.WRONG_PASSWORD', 'AUTH.SAME_PASSWORD', 'PASSWORD.TOO_SHORT', 'PASSWORD.CONTAINS_USERNAME', 'PASSWORD.COMMON'] },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }), // mustChangePassword is now false
  });
}
