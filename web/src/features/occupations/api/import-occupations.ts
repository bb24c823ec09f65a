import type { ImportReport } from '@skillcert/shared/api/occupations';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { occupationsKey } from '@/features/occupations/api/get-occupations';

/** Where the Excel import template downloads from (occupation.manage). */
export const OCCUPATION_TEMPLATE_URL = '/api/occupations/template.xlsx';

/** All rows or none: a report with `errors` imported nothing. */
export function importOccupations(contentBase64: string): Promise<ImportReport> {
  return http.post<ImportReport>('/api/occupations/import', { contentBase64 });
}

export function useImportOccupations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importOccupations,
    onSuccess: (report) => (report.errors.length === 0 ? queryClient.invalidateQueries({ queryKey: occupationsKey }) : undefined),
  });
}
