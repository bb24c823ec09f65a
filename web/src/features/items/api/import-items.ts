import type { ItemImportReport } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { blueprintsKey } from '@/features/blueprints/api/get-blueprints';
import { itemsKey } from '@/features/items/api/get-items';

/** The Excel template: a row per item, dropdowns from the catalogs and my blueprints (bank.manage). */
export const ITEM_TEMPLATE_PATH = '/api/items/template.xlsx';
/** The filtered items as the import template (re-importable unchanged). */
export const ITEM_EXPORT_PATH = '/api/items/export.xlsx';

export interface ImportItemsVariables {
  filename: string;
  contentBase64: string;
}

/** Every row stored, or none and a per-row report (with the workbook annotated with 批注). */
export function importItems(body: ImportItemsVariables): Promise<ItemImportReport> {
  return http.post<ItemImportReport>('/api/items/import', body);
}

export function useImportItems() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importItems,
    onSuccess: async (report) => {
      if (!report.stored) return;
      await queryClient.invalidateQueries({ queryKey: itemsKey });
      await queryClient.invalidateQueries({ queryKey: blueprintsKey });
    },
  });
}
