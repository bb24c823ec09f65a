import type { BulkClaimResult, SubsidyClaim, SubsidyStatus, TotalsLine } from '@skillcert/shared/api/subsidies';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

// 职业技能提升补贴 (R11): the holder's claims, the school's bulk application, HR's review, payment and totals.

const key = ['subsidies'] as const;

export interface ClaimFilter {
  status?: SubsidyStatus | undefined;
  level?: number | undefined;
  channel?: 'holder' | 'school' | undefined;
  q?: string | undefined;
  todo?: boolean | undefined;
  page: number;
  pageSize: number;
}

export function useMyClaims() {
  return useQuery({
    queryKey: [...key, 'mine'] as const,
    queryFn: ({ signal }) => http.get<{ items: SubsidyClaim[] }>('/api/me/subsidy-claims', undefined, signal),
  });
}

export function useClaimSubsidy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { certificateId: string; bankAccount: string }) => http.post<SubsidyClaim>('/api/me/subsidy-claims', v),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useClaims(filter: ClaimFilter, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...key, 'list', filter] as const,
    queryFn: ({ signal }) => http.get<Page<SubsidyClaim>>('/api/subsidy-claims', { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export function useReviewClaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'refuse'; reason?: string }) =>
      http.post<SubsidyClaim>(
        `/api/subsidy-claims/${v.id}/review`,
        v.decision === 'approve' ? { decision: 'approve' } : { decision: 'refuse', reason: v.reason },
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRecordPayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; paidOn: string; amount: number; bankReference: string }) =>
      http.post<SubsidyClaim>(`/api/subsidy-claims/${v.id}/payment`, { paidOn: v.paidOn, amount: v.amount, bankReference: v.bankReference }),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useBulkClaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rows: { certificateNumber: string; bankAccount: string }[]) => http.post<BulkClaimResult>('/api/subsidy-claims/bulk', { rows }),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useBulkClaimXlsx() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: { filename: string; contentBase64: string }) => http.post<BulkClaimResult>('/api/subsidy-claims/bulk/xlsx', file),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useTotals(period: 'month' | 'year') {
  return useQuery({
    queryKey: [...key, 'totals', period] as const,
    queryFn: ({ signal }) => http.get<{ lines: TotalsLine[] }>('/api/subsidy-claims/totals', { period }, signal),
  });
}
