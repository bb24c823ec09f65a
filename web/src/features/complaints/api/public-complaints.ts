import type { ComplaintBody, PublicComplaint } from '@skillcert/shared/api/complaints';
import type { PublicInstitution } from '@skillcert/shared/api/institutions';
import { useMutation, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

// 投诉 — the public (no login) complaint form and its tracking.

/** The catalog of filed institutions searched by name (the complaint's subject is chosen from it). */
export function useCatalogSearch(q: string) {
  return useQuery({
    queryKey: ['public', 'institutions', 'complaint', q] as const,
    queryFn: ({ signal }) => http.get<Page<PublicInstitution>>('/api/public/institutions', { q: q || undefined, pageSize: 20 }, signal),
  });
}

export function useLodgeComplaint() {
  return useMutation({ mutationFn: (body: ComplaintBody) => http.post<{ trackingCode: string }>('/api/public/complaints', body) });
}

export function useTrackComplaint() {
  return useMutation({ mutationFn: (code: string) => http.get<PublicComplaint>(`/api/public/complaints/${encodeURIComponent(code.trim())}`) });
}
