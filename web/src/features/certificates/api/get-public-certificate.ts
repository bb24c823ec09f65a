import type { PublicCertificate } from '@skillcert/shared/api/certificates';
import { useQuery } from '@tanstack/react-query';
import { http, isApiError } from '@/lib/http';

/** A certificate as the free public query shows it; null when the number is unknown (404). */
export async function getPublicCertificate(number: string, signal?: AbortSignal): Promise<PublicCertificate | null> {
  try {
    return await http.get<PublicCertificate>(`/api/public/certificates/${encodeURIComponent(number)}`, undefined, signal);
  } catch (e) {
    if (isApiError(e) && (e.status === 404 || e.status === 400)) return null;
    throw e;
  }
}

export function usePublicCertificate(number: string) {
  return useQuery({ queryKey: ['public', 'certificate', number] as const, queryFn: ({ signal }) => getPublicCertificate(number, signal), retry: false });
}
