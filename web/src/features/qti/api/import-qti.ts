import type { QtiImportBody, QtiImportReport } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { blueprintsKey } from '@/features/blueprints/api/get-blueprints';
import { itemsKey } from '@/features/items/api/get-items';
import { papersKey } from '@/features/papers/api/get-papers';

/** The file, and for items from other platforms without skillcert metadata: the blueprint and area they go into. */
export type ImportQtiVariables = (typeof QtiImportBody)['_input'];

/** A QTI 3.0/2.1 package (.zip) or single item (.xml): items and, if it holds a test, the paper — all or nothing. */
export function importQti(body: ImportQtiVariables): Promise<QtiImportReport> {
  return http.post<QtiImportReport>('/api/qti/import', body);
}

export function useImportQti() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importQti,
    onSuccess: async (report) => {
      if (!report.stored) return;
      await queryClient.invalidateQueries({ queryKey: itemsKey });
      await queryClient.invalidateQueries({ queryKey: blueprintsKey });
      await queryClient.invalidateQueries({ queryKey: papersKey });
    },
  });
}

/** The paper as a QTI 3.0 content package. */
export const paperQtiPath = (paperId: string) => `/api/papers/${encodeURIComponent(paperId)}/qti.zip`;
/** The blueprint's bank (items not retired) as a QTI 3.0 content package. */
export const blueprintQtiPath = (blueprintId: string) => `/api/blueprints/${encodeURIComponent(blueprintId)}/qti.zip`;
