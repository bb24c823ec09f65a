import type { PublicCertificate } from '@skillcert/shared/api/certificates';
import { useEffect, useState } from 'react';
import { http, isApiError } from '@/lib/http';

/** A certificate as the free public query shows it; null when the number is unknown (404) or malformed (400). */
export async function getPublicCertificate(number: string, signal?: AbortSignal): Promise<PublicCertificate | null> {
  try {
    return await http.get<PublicCertificate>(`/api/public/certificates/${encodeURIComponent(number)}`, undefined, signal);
  } catch (e) {
    if (isApiError(e) && (e.status === 404 || e.status === 400)) return null;
    throw e;
  }
}

export type PublicCertificateState = { status: 'pending' } | { status: 'success'; data: PublicCertificate | null } | { status: 'error'; error: Error };

/**
 * The verification page's one read, without the query library (the page a QR code opens keeps its first view under
 * 150 KB of JavaScript).
 */
export function usePublicCertificate(number: string): PublicCertificateState {
  const [state, setState] = useState<PublicCertificateState>({ status: 'pending' });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: 'pending' });
    getPublicCertificate(number, ctl.signal).then(
      (data) => setState({ status: 'success', data }),
      (error: unknown) => {
        if (!ctl.signal.aborted) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => ctl.abort();
  }, [number]);
  return state;
}
