import type { Certificate } from '@skillcert/shared/api/certificates';
import type { PublicInstitution } from '@skillcert/shared/api/institutions';
import type { Institution } from '@skillcert/shared/api/institutions';
import type { SanctionInput, ViolationDetail, ViolationSummary } from '@skillcert/shared/api/sanctions';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

// 违规与处理: one hook per API call; every write refreshes the lists, the record and the institutions (status changes).

const key = ['violations'] as const;

export function useViolations(filter: { status?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...key, 'list', filter] as const,
    queryFn: ({ signal }) => http.get<Page<ViolationSummary>>('/api/violations', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useViolation(id: string | null) {
  return useQuery({
    queryKey: [...key, 'one', id] as const,
    enabled: Boolean(id),
    queryFn: ({ signal }) => http.get<ViolationDetail>(`/api/violations/${id}`, undefined, signal),
  });
}

/** Institutions in the bureau's region (listed or suspended) to record a violation against. */
export function useSanctionableInstitutions(enabled: boolean) {
  return useQuery({
    queryKey: ['institutions', 'for-sanction'] as const,
    enabled,
    queryFn: ({ signal }) => http.get<Page<PublicInstitution>>('/api/institutions', { pageSize: 200 }, signal),
  });
}

export function useInstitution(id: string | undefined) {
  return useQuery({
    queryKey: ['institutions', 'one', id] as const,
    enabled: Boolean(id),
    queryFn: ({ signal }) => http.get<Institution>(`/api/institutions/${id}`, undefined, signal),
  });
}

function useWrite<V>(fn: (v: V) => Promise<ViolationDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['institutions'] })]),
  });
}

export interface ViolationForm {
  institutionId: string;
  type: string;
  severity: string;
  description: string;
  occurredOn: string;
  rule: string;
  sanction?: SanctionInput | undefined;
}

export const useRecordViolation = () => useWrite((v: ViolationForm) => http.post<ViolationDetail>('/api/violations', v));
export const useLiftSanction = () =>
  useWrite((v: { id: string; reason: string }) => http.post<ViolationDetail>(`/api/sanctions/${v.id}/lift`, { reason: v.reason }));
export const useCloseViolation = () =>
  useWrite((v: { id: string; reason: string }) => http.post<ViolationDetail>(`/api/violations/${v.id}/close`, { reason: v.reason }));
export const useAppeal = () =>
  useWrite((v: { id: string; reason: string }) => http.post<ViolationDetail>(`/api/violations/${v.id}/appeals`, { reason: v.reason }));
export const useDecideAppeal = () =>
  useWrite((v: { id: string; appealId: string; grant: boolean; reason: string }) =>
    http.post<ViolationDetail>(`/api/violations/${v.id}/appeals/${v.appealId}/decision`, { grant: v.grant, reason: v.reason }),
  );

/** One institution's valid certificates, searched by number or name and paged: the ones a sanction may revoke. */
export function useInstitutionCertificates(institutionId: string | undefined, q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['certificates', 'for-sanction', institutionId, q, page, pageSize] as const,
    enabled: Boolean(institutionId),
    queryFn: ({ signal }) => http.get<Page<Certificate>>('/api/certificates', { institutionId, status: 'valid', page, pageSize, ...(q ? { q } : {}) }, signal),
    placeholderData: keepPreviousData,
  });
}
