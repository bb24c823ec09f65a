import type { ObjectionBody, PublicitySummary, PublicObjection, PublicPublicity } from '@skillcert/shared/api/results';
import { useMutation, useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

// 公示 — the public (no login) publicity pages: the list, one plan's masked results, objections and their tracking.

export function usePublicPublicities() {
  return useQuery({
    queryKey: ['public', 'publicity'] as const,
    queryFn: ({ signal }) => http.get<{ items: PublicitySummary[] }>('/api/public/publicity', undefined, signal),
  });
}

export function usePublicPublicity(planId: string) {
  return useQuery({
    queryKey: ['public', 'publicity', planId] as const,
    queryFn: ({ signal }) => http.get<PublicPublicity>(`/api/public/publicity/${planId}`, undefined, signal),
  });
}

export function useLodgeObjection(planId: string) {
  return useMutation({ mutationFn: (body: ObjectionBody) => http.post<{ trackingCode: string }>(`/api/public/publicity/${planId}/objections`, body) });
}

export function useTrackObjection() {
  return useMutation({ mutationFn: (code: string) => http.get<PublicObjection>(`/api/public/objections/${encodeURIComponent(code.trim())}`) });
}
