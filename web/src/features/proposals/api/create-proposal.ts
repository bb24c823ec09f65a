import type { Proposal, ProposalBody } from '@skillcert/shared/api/specs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { proposalsKey } from '@/features/proposals/api/get-proposals';

/** A school proposes an item for one of its majors that maps to no occupation. */
export function createProposal(body: (typeof ProposalBody)['_output']): Promise<Proposal> {
  return http.post<Proposal>('/api/special-item-proposals', body);
}

export function useCreateProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProposal,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: proposalsKey }),
  });
}
