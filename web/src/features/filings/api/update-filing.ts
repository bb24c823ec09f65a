import type { FilingBody, FilingDetail } from '@skillcert/shared/api/filings';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { filingsKey } from '@/features/filings/api/get-filings';

export interface UpdateFilingVariables {
  id: string;
  body: FilingBody;
}

/** Edits a draft or returned application (the whole body). */
export function updateFiling({ id, body }: UpdateFilingVariables): Promise<FilingDetail> {
  return http.put<FilingDetail>(`/api/filings/${encodeURIComponent(id)}`, body);
}

export function useUpdateFiling() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateFiling,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: filingsKey }),
  });
}
