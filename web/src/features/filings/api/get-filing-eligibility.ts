import type { EligibilityReport } from '@skillcert/shared/api/filings';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { filingKey } from '@/features/filings/api/get-filing';

export function filingEligibilityKey(id: string) {
  return [...filingKey(id), 'eligibility'] as const;
}

/** R1, R3 (and R4 for 增设): each condition with its value and pass/fail, as the server will check it on submission. */
export function getFilingEligibility(id: string, signal?: AbortSignal): Promise<EligibilityReport> {
  return http.get<EligibilityReport>(`/api/filings/${encodeURIComponent(id)}/eligibility`, undefined, signal);
}

export function useFilingEligibility(id: string | null | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: filingEligibilityKey(id ?? ''),
    queryFn: ({ signal }) => getFilingEligibility(id ?? '', signal),
    enabled: Boolean(id) && (options.enabled ?? true),
    staleTime: 0,
  });
}
