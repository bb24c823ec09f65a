import type { FilingDetail, TransitionBody } from '@skillcert/shared/api/filings';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { filingsKey } from '@/features/filings/api/get-filings';
import { institutionsKey } from '@/features/institutions/api/get-institutions';

export interface TransitionFilingVariables {
  id: string;
  body: TransitionBody;
}

/** A bureau moves the filing one step (approve, start_assessment, assess, report, list, return, reject …). */
export function transitionFiling({ id, body }: TransitionFilingVariables): Promise<FilingDetail> {
  return http.post<FilingDetail>(`/api/filings/${encodeURIComponent(id)}/transitions`, body);
}

export function useTransitionFiling() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transitionFiling,
    meta: { handledCodes: ['FILING.NOT_ELIGIBLE', 'FILING.STALE', 'FILING.TRANSITION_OUT_OF_ORDER'] },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: filingsKey });
      // Listing, suspending or revoking changes the catalog.
      await queryClient.invalidateQueries({ queryKey: institutionsKey });
    },
  });
}
