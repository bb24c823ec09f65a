import type { LoginBody, Me } from '@skillcert/shared/api/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { meQueryKey } from '@/features/auth/api/get-me';

/** Sets the HttpOnly session cookie and answers with the user. */
export function login(body: LoginBody): Promise<Me> {
  return http.post<Me>('/api/auth/login', body);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    // The login form shows its errors itself (wrong password, throttled).
    meta: { silent: true },
    onSuccess: (me) => {
      // Nothing cached from an earlier session may leak into this one.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
