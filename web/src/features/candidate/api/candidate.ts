import type { Me } from '@skillcert/shared/api/auth';
import type { MyCandidatePage } from '@skillcert/shared/api/enrolment';
import { useMutation, useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export const myTicketPath = (enrolmentId: string) => `/api/me/candidate/tickets/${enrolmentId}`;
export const MY_PHOTO_PATH = '/api/me/candidate/photo';

export function useMyCandidatePage() {
  return useQuery({ queryKey: ['me', 'candidate'], queryFn: ({ signal }) => http.get<MyCandidatePage>('/api/me/candidate', undefined, signal) });
}

/** First login: username + one-time activation code + a password of one's own; the server opens the session. */
export function useActivate() {
  // The activation form shows its errors itself.
  return useMutation({
    mutationFn: (body: { username: string; activationCode: string; newPassword: string }) => http.post<Me>('/api/auth/activate', body),
    meta: { silent: true },
  });
}
