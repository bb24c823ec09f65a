import type { Proposal } from '@skillcert/shared/api/specs';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export const proposalsKey = ['special-item-proposals'] as const;

/** 专项职业能力 item proposals in my scope (a school: its own). */
export function getProposals(signal?: AbortSignal): Promise<Proposal[]> {
  return http.get<Proposal[]>('/api/special-item-proposals', undefined, signal);
}

export function useProposals(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...proposalsKey, 'list'] as const,
    queryFn: ({ signal }) => getProposals(signal),
    enabled: options.enabled ?? true,
    staleTime: 0,
  });
}
