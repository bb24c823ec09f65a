import { useMutation } from '@tanstack/react-query';
import { http } from '@/lib/http';

export interface CredentialCheck {
  check: string;
  outcome: 'pass' | 'fail' | 'could_not_check';
  reason?: string;
}
export interface CredentialReport {
  valid: boolean;
  checks: CredentialCheck[];
}

/** A pasted credential checked by the server (POST /api/public/verify): each check, and valid only if all pass. */
export function verifyCredential(credential: unknown): Promise<CredentialReport> {
  return http.post<CredentialReport>('/api/public/verify', credential);
}

export function useVerifyCredential() {
  return useMutation({ mutationFn: verifyCredential });
}
