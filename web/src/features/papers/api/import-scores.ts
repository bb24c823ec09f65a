import type { ScoresImportReport } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { itemsKey } from '@/features/items/api/get-items';

/** The paper's scores sheet: a row per candidate, a column per item (bank.manage, own school's paper). */
export function scoresTemplatePath(paperId: string): string {
  return `/api/papers/${encodeURIComponent(paperId)}/scores-template.xlsx`;
}

export interface ImportScoresVariables {
  filename: string;
  contentBase64: string;
}

/** Every candidate recorded (item statistics recomputed), or none and a per-cell report with the annotated workbook. */
export function importScores(paperId: string, body: ImportScoresVariables): Promise<ScoresImportReport> {
  return http.post<ScoresImportReport>(`/api/papers/${encodeURIComponent(paperId)}/scores/import`, body);
}

export function useImportScores(paperId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportScoresVariables) => importScores(paperId, body),
    onSuccess: async (report) => {
      if (!report.stored) return;
      // Item statistics (facility, discrimination, flags) changed: lists and details alike.
      await queryClient.invalidateQueries({ queryKey: itemsKey });
    },
  });
}
