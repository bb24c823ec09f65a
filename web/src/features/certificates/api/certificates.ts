import type { Certificate, CertificateBatch } from '@skillcert/shared/api/certificates';
import type { JobView } from '@skillcert/shared/api/enrolment';
import type { Plan } from '@skillcert/shared/api/plans';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { http, type Page } from '@/lib/http';

// The institution's certificate screens and the holder's page: one hook per API call.

export interface CertificateFilter {
  q?: string | undefined;
  planId?: string | undefined;
  status?: 'valid' | 'revoked' | undefined;
  page: number;
  pageSize: number;
}

const key = ['certificates'] as const;

export function useCertificates(filter: CertificateFilter) {
  return useQuery({
    queryKey: [...key, 'list', filter] as const,
    queryFn: ({ signal }) => http.get<Page<Certificate>>('/api/certificates', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Plans whose results are out (publicity or closed): the ones a batch can be issued for. */
export function useIssuablePlans() {
  return useQuery({
    queryKey: [...key, 'plans'] as const,
    queryFn: async ({ signal }) => {
      const [closed, publicity] = await Promise.all([
        http.get<Page<Plan>>('/api/plans', { status: 'closed', pageSize: 100 }, signal),
        http.get<Page<Plan>>('/api/plans', { status: 'publicity', pageSize: 100 }, signal),
      ]);
      return [...closed.items, ...publicity.items];
    },
  });
}

export function useBatch(planId: string | undefined, refetchMs: number | false) {
  return useQuery({
    queryKey: [...key, 'batch', planId] as const,
    enabled: Boolean(planId),
    queryFn: ({ signal }) => http.get<CertificateBatch>(`/api/plans/${planId}/certificates/batch`, undefined, signal),
    refetchInterval: refetchMs,
  });
}

export function useStartBatch(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<{ batch: CertificateBatch; job: JobView }>(`/api/plans/${planId}/certificates/batch`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function usePdfZip(planId: string) {
  return useMutation({ mutationFn: () => http.post<JobView>(`/api/plans/${planId}/certificates/pdf-zip`, {}) });
}

export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: ['jobs', jobId],
    enabled: Boolean(jobId),
    queryFn: ({ signal }) => http.get<JobView>(`/api/jobs/${jobId}`, undefined, signal),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 800),
  });
}

/**
 * The issuance job of a batch: when it ends, the plan's certificates, its batch counts and the issuable plans are read
 * again — the list read while the job ran holds only the certificates of the chunks committed by then.
 */
export function useIssuanceJob(jobId: string | null) {
  const qc = useQueryClient();
  const job = useJob(jobId);
  const ended = job.data?.status === 'done' || job.data?.status === 'failed';
  useEffect(() => {
    if (ended) void qc.invalidateQueries({ queryKey: key });
  }, [ended, qc]);
  return job;
}

export function useRevoke() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) => http.post<Certificate>(`/api/certificates/${v.id}/revoke`, { reason: v.reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useReissue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: 'lost' | 'damaged'; remark: string }) =>
      http.post<Certificate>(`/api/certificates/${v.id}/reissue`, { reason: v.reason, remark: v.remark }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useMyCertificates() {
  return useQuery({
    queryKey: [...key, 'mine'] as const,
    queryFn: ({ signal }) => http.get<{ items: Certificate[] }>('/api/me/certificates', undefined, signal),
  });
}
