import type { AnswerImportReport, ReportBatch, ReportBatchDetail, ReportLine, ReportPlan, ReportStatus, ReportTodo } from '@skillcert/shared/api/reporting';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, http, type Page } from '@/lib/http';
import { currentLanguage } from '@/lib/i18n';

// 证书数据上报 (R10): the institution's reporting list and batches, HR's review, the national upload file and the answer
// import — one hook per API call.

const key = ['reporting'] as const;

export interface ReportLineFilter {
  planId?: string | undefined;
  status?: ReportStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export function useReportTodo(enabled = true) {
  return useQuery({ queryKey: [...key, 'todo'] as const, enabled, queryFn: ({ signal }) => http.get<ReportTodo>('/api/reporting/todo', undefined, signal) });
}

export function useReportPlans(enabled = true) {
  return useQuery({
    queryKey: [...key, 'plans'] as const,
    enabled,
    queryFn: ({ signal }) => http.get<{ items: ReportPlan[] }>('/api/reporting/plans', undefined, signal),
  });
}

export function useReportLines(filter: ReportLineFilter) {
  return useQuery({
    queryKey: [...key, 'lines', filter] as const,
    queryFn: ({ signal }) => http.get<Page<ReportLine>>('/api/reporting/certificates', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReportBatches(status: 'submitted' | 'reviewed' | undefined) {
  return useQuery({
    queryKey: [...key, 'batches', status] as const,
    queryFn: ({ signal }) => http.get<Page<ReportBatch>>('/api/reporting/batches', { status, page: 1, pageSize: 50 }, signal),
  });
}

export function useReportBatch(id: string | null) {
  return useQuery({
    queryKey: [...key, 'batch', id] as const,
    enabled: Boolean(id),
    queryFn: ({ signal }) => http.get<ReportBatchDetail>(`/api/reporting/batches/${id}`, undefined, signal),
  });
}

export function useSubmitBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { planId: string; certificateIds?: string[] }) => http.post<ReportBatchDetail>('/api/reporting/batches', v),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useCorrect() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { certificateId: string; note: string }) =>
      http.post<ReportLine>(`/api/reporting/certificates/${v.certificateId}/correction`, { note: v.note }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useReviewBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { batchId: string; returns: { certificateId: string; reason: string }[] }) =>
      http.post<ReportBatchDetail>(`/api/reporting/batches/${v.batchId}/review`, { returns: v.returns }),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useImportAnswer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { filename: string; contentBase64: string }) => http.post<AnswerImportReport>('/api/reporting/national-answer', v),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** The national upload file (a POST: exporting marks the certificates uploaded and is audited). */
export async function downloadNationalUpload(format: 'xlsx' | 'json'): Promise<{ blob: Blob; filename: string }> {
  const res = await fetch(`/api/reporting/national-upload?format=${format}`, {
    method: 'POST',
    headers: { 'Accept-Language': currentLanguage() },
    credentials: 'same-origin',
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'REQUEST.INVALID', body?.error?.message ?? res.statusText, body?.error?.details);
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  return { blob: await res.blob(), filename: star?.[1] ? decodeURIComponent(star[1]) : `national-upload.${format}` };
}
