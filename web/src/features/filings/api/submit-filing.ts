import type { FilingDetail, FilingStatus } from '@skillcert/shared/api/filings';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { filingsKey } from '@/features/filings/api/get-filings';

export interface SubmitFilingVariables {
  id: string;
  /** The status the page showed: a 409 means someone else moved it. */
  expectedStatus: FilingStatus;
}

/** The school submits (R1, R3 — and R4 for 增设 — are checked; a refusal is a 422 naming the rule). */
export function submitFiling({ id, expectedStatus }: SubmitFilingVariables): Promise<FilingDetail> {
  return http.post<FilingDetail>(`/api/filings/${encodeURIComponent(id)}/submit`, { expectedStatus });
}

export function useSubmitFiling() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitFiling,
    meta: { handledCodes: ['FILING.NOT_ELIGIBLE', 'FILING.INCOMPLETE', 'FILING.STALE', 'FILING.TRANSITION_OUT_OF_ORDER'] },
    onSettled: () => queryClient.invalidateQueries({ queryKey: filingsKey }),
  });
}
