import type { SupervisionFlag } from '@skillcert/shared/api/supervision';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { supervisionKey } from '@/features/supervision/api/keys';

export function getFlags(planId: string, signal?: AbortSignal): Promise<{ items: SupervisionFlag[] }> {
  return http.get<{ items: SupervisionFlag[] }>(`/api/plans/${encodeURIComponent(planId)}/supervision/flags`, undefined, signal);
}

export function useFlags(planId: string) {
  return useQuery({ queryKey: [...supervisionKey(planId), 'flags'] as const, queryFn: ({ signal }) => getFlags(planId, signal) });
}
