import type {
  ExternalCertificate,
  ExternalCertificateBody,
  ExternalChannel,
  ExternalImportReport,
  ExternalKind,
  NationalCandidates,
} from '@skillcert/shared/api/external-certificates';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

// 外部证书: one hook per API call (list, record, import, withdraw; a plan's external issuer records; key rotation).

export interface ExternalFilter {
  q?: string | undefined;
  kind?: ExternalKind | undefined;
  channel?: ExternalChannel | undefined;
  status?: 'recorded' | 'withdrawn' | undefined;
  page: number;
  pageSize: number;
}

const key = ['external-certificates'] as const;

export function useExternalCertificates(filter: ExternalFilter) {
  return useQuery({
    queryKey: [...key, 'list', filter] as const,
    queryFn: ({ signal }) => http.get<Page<ExternalCertificate>>('/api/external-certificates', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecordExternal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ExternalCertificateBody) => http.post<ExternalCertificate>('/api/external-certificates', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useImportExternal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (contentBase64: string) => http.post<ExternalImportReport>('/api/external-certificates/import', { contentBase64 }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useWithdrawExternal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) => http.post<ExternalCertificate>(`/api/external-certificates/${v.id}/withdraw`, { reason: v.reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useNationalCandidates(planId: string) {
  return useQuery({
    queryKey: [...key, 'national', planId] as const,
    queryFn: ({ signal }) => http.get<NationalCandidates>(`/api/plans/${planId}/external-certificates/national`, undefined, signal),
  });
}

export function useRecordNational(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { issuerName: string; issuedOn: string; items: { enrolmentId: string; number: string }[] }) =>
      http.post<NationalCandidates>(`/api/plans/${planId}/external-certificates/national`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** The issuer's admin rotates its signing key (certificates issued before keep verifying). */
export function useRotateIssuerKey() {
  return useMutation({ mutationFn: () => http.post<{ keyNo: number; validFrom: string }>('/api/certificates/issuer-key/rotate', {}) });
}
