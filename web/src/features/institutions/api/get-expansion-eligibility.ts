import type { EligibilityReport } from '@skillcert/shared/api/filings';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { institutionKey } from '@/features/institutions/api/get-institution';

/** R4: may the institution apply for 增设 now (validity, no violations, evaluation volume)? */
export function getExpansionEligibility(id: string, signal?: AbortSignal): Promise<EligibilityReport> {
  return http.get<EligibilityReport>(`/api/institutions/${encodeURIComponent(id)}/expansion-eligibility`, undefined, signal);
}

export function useExpansionEligibility(id: string | null | undefined) {
  return useQuery({
    queryKey: [...institutionKey(id ?? ''), 'expansion-eligibility'] as const,
    queryFn: ({ signal }) => getExpansionEligibility(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}
