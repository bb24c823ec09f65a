import type { CreateFilingBody, FilingDetail } from '@skillcert/shared/api/filings';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { filingsKey } from '@/features/filings/api/get-filings';

/** A draft (or, with `institutionId`, a 增设 expansion of a listed institution). */
export function createFiling(body: CreateFilingBody): Promise<FilingDetail> {
  return http.post<FilingDetail>('/api/filings', body);
}

export function useCreateFiling() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createFiling,
    // The form explains these in place (with a way to the open application).
    meta: { handledCodes: ['FILING.OPEN_EXISTS', 'FILING.ALREADY_LISTED'] },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: filingsKey }),
  });
}
