import type { Proposal, ProposalDecisionBody } from '@skillcert/shared/api/specs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { proposalsKey } from '@/features/proposals/api/get-proposals';

export interface DecideProposalVariables {
  id: string;
  body: (typeof ProposalDecisionBody)['_output'];
}

/** HR approves (the item joins the province's catalog), returns or rejects. */
export function decideProposal({ id, body }: DecideProposalVariables): Promise<Proposal> {
  return http.post<Proposal>(`/api/special-item-proposals/${encodeURIComponent(id)}/decision`, body);
}

export function useDecideProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideProposal,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: proposalsKey });
      await queryClient.invalidateQueries({ queryKey: ['special-items'] });
    },
  });
}
