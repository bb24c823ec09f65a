import type { InspectionReport, ReportBody } from '@skillcert/shared/api/supervision';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { supervisionKey } from '@/features/supervision/api/keys';

export function fileReport(planId: string, body: ReportBody): Promise<InspectionReport> {
  return http.post<InspectionReport>(`/api/plans/${encodeURIComponent(planId)}/inspection-reports`, body);
}

export function useFileReport(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportBody) => fileReport(planId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: supervisionKey(planId) }),
  });
}
