import type { ActivationSlip, EnrolmentImportReport, EnrolmentSummary, JobView, PhotoZipReport, SeatPlan } from '@skillcert/shared/api/enrolment';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

// 报名 and 考务 API calls of one plan: candidates, the Excel import (preview, commit), photos, seats, tickets.

export const enrolmentsKey = (planId: string) => ['plans', planId, 'enrolments'] as const;
export const seatingKey = (planId: string) => ['plans', planId, 'seating'] as const;

export const enrolmentTemplatePath = (planId: string) => `/api/plans/${planId}/enrolments/template.xlsx`;
export const sittingDocPath = (planId: string, sittingId: string, doc: string) => `/api/plans/${planId}/seating/${sittingId}/${doc}`;
export const ticketPath = (planId: string, enrolmentId: string) => `/api/plans/${planId}/tickets/${enrolmentId}`;

export function useEnrolments(planId: string, q: { page: number; pageSize: number; q?: string }) {
  return useQuery({
    queryKey: [...enrolmentsKey(planId), q],
    queryFn: ({ signal }) =>
      http.get<Page<EnrolmentSummary>>(`/api/plans/${planId}/enrolments`, { page: q.page, pageSize: q.pageSize, q: q.q || undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface FileBody {
  filename: string;
  contentBase64: string;
}

/** Every row's verdict; nothing is written. */
export function usePreviewImport(planId: string) {
  return useMutation({ mutationFn: (body: FileBody) => http.post<EnrolmentImportReport>(`/api/plans/${planId}/enrolments/import/preview`, body) });
}

/** Stores the accepted rows in one transaction; returns the refused ones and the activation slips. */
export function useCommitImport(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FileBody) => http.post<EnrolmentImportReport>(`/api/plans/${planId}/enrolments/import`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['plans', planId] }),
  });
}

export function useRevealId(planId: string) {
  return useMutation({
    mutationFn: (enrolmentId: string) => http.post<{ idType: string; idNumber: string }>(`/api/plans/${planId}/enrolments/${enrolmentId}/reveal-id`),
  });
}

export function useReissueCodes(planId: string) {
  return useMutation({ mutationFn: () => http.post<{ items: ActivationSlip[] }>(`/api/plans/${planId}/enrolments/activation-codes`, {}) });
}

export function usePhotoZip(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FileBody) => http.post<PhotoZipReport>(`/api/plans/${planId}/photos/zip`, { contentBase64: body.contentBase64 }),
    onSuccess: () => qc.invalidateQueries({ queryKey: enrolmentsKey(planId) }),
  });
}

export function useSeatPlan(planId: string) {
  return useQuery({ queryKey: seatingKey(planId), queryFn: ({ signal }) => http.get<SeatPlan>(`/api/plans/${planId}/seating`, undefined, signal) });
}

export function useArrange(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (seed?: string) => http.post<SeatPlan>(`/api/plans/${planId}/seating/arrange`, seed ? { seed } : {}),
    onSuccess: (plan) => qc.setQueryData(seatingKey(planId), plan),
  });
}

export function useTicketsZip(planId: string) {
  return useMutation({ mutationFn: () => http.post<JobView>(`/api/plans/${planId}/tickets/zip`) });
}

/** A background job, polled every second until it is done or failed. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: ['jobs', jobId],
    enabled: Boolean(jobId),
    queryFn: ({ signal }) => http.get<JobView>(`/api/jobs/${jobId}`, undefined, signal),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}
