import type { JobView } from '@skillcert/shared/api/enrolment';
import type { LedgerExportBody, LedgerPage, LedgerPart } from '@skillcert/shared/api/ledger';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

// 工作台账 (R14) and 一批一档: the ledger's pages, its Excel export and a plan's archive (both background jobs).

export type LedgerFilter = LedgerExportBody & { part: LedgerPart; page: number; pageSize: number };

export function useLedger(filter: LedgerFilter) {
  return useQuery({
    queryKey: ['ledger', filter] as const,
    queryFn: ({ signal }) => http.get<LedgerPage>('/api/ledger', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStartLedgerExport() {
  return useMutation({ mutationFn: (body: LedgerExportBody) => http.post<JobView>('/api/ledger/export', body) });
}

export function useStartArchive(planId: string) {
  return useMutation({ mutationFn: () => http.post<JobView>(`/api/plans/${planId}/archive`, {}) });
}

/** A ledger job's progress, polled until it is done or failed. */
export function useLedgerJob(jobId: string | null) {
  return useQuery({
    queryKey: ['ledger', 'jobs', jobId],
    enabled: Boolean(jobId),
    queryFn: ({ signal }) => http.get<JobView>(`/api/ledger/jobs/${jobId}`, undefined, signal),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

export function downloadLedgerJob(jobId: string) {
  return http.file(`/api/ledger/jobs/${jobId}/result`);
}
