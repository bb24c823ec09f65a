import type { Proposal, ProposalSort, ProposalStatus } from '@skillcert/shared/api/specs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export const proposalsKey = ['special-item-proposals'] as const;

export interface ProposalFilter {
  status?: ProposalStatus | undefined;
  /** Only those waiting for my decision (the province's HR bureau). */
  todo?: boolean;
  /** Item name, school or major code contains. */
  q?: string | undefined;
  /** Proposed within [from, to] (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  sort?: ProposalSort | undefined;
  page?: number;
  pageSize?: number;
}

/** 专项职业能力 item proposals in my scope (a school: its own), one page; `todo`: waiting for my decision. */
export function getProposals(filter: ProposalFilter, signal?: AbortSignal): Promise<Page<Proposal>> {
  const { todo, ...rest } = filter;
  return http.get<Page<Proposal>>('/api/special-item-proposals', { ...rest, todo: todo ? 'true' : undefined }, signal);
}

export function useProposals(filter: ProposalFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...proposalsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getProposals(filter, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    staleTime: 0,
  });
}
