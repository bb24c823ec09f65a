import type { Proposal } from '@skillcert/shared/api/specs';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export const proposalsKey = ['special-item-proposals'] as const;

/** 专项职业能力 item proposals in my scope (a school: its own); `todo`: waiting for my decision. */
export function getProposals(query: { todo?: boolean } = {}, signal?: AbortSignal): Promise<Proposal[]> {
  return http.get<Proposal[]>('/api/special-item-proposals', query.todo ? { todo: 'true' } : undefined, signal);
}

export function useProposals(options: { enabled?: boolean; todo?: boolean } = {}) {
  return useQuery({
    queryKey: [...proposalsKey, 'list', { todo: options.todo ?? false }] as const,
    queryFn: ({ signal }) => getProposals({ todo: options.todo ?? false }, signal),
    enabled: options.enabled ?? true,
    staleTime: 0,
  });
}
