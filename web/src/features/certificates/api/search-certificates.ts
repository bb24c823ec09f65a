import type { PublicCertificate } from '@skillcert/shared/api/certificates';
import { useMutation } from '@tanstack/react-query';
import { http } from '@/lib/http';

/** The national query's form: a person's certificates by name + ID number (an empty list when they do not match). */
export function searchCertificates(body: { name: string; idNumber: string }): Promise<{ items: PublicCertificate[] }> {
  return http.post<{ items: PublicCertificate[] }>('/api/public/certificates/search', body);
}

export function useSearchCertificates() {
  return useMutation({ mutationFn: searchCertificates });
}
