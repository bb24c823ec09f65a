import type { InspectionReport } from '@skillcert/shared/api/supervision';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { supervisionKey } from '@/features/supervision/api/keys';

export function getReports(planId: string, signal?: AbortSignal): Promise<{ items: InspectionReport[] }> {
  return http.get<{ items: InspectionReport[] }>(`/api/plans/${encodeURIComponent(planId)}/inspection-reports`, undefined, signal);
}

export function useReports(planId: string) {
  return useQuery({ queryKey: [...supervisionKey(planId), 'reports'] as const, queryFn: ({ signal }) => getReports(planId, signal) });
}

/** Where the browser shows a report's photo (same origin; the server checks the reader may see the report). */
export function reportPhotoUrl(planId: string, reportId: string, photoId: string): string {
  return `/api/plans/${encodeURIComponent(planId)}/inspection-reports/${encodeURIComponent(reportId)}/photos/${encodeURIComponent(photoId)}`;
}
