import type { AssembleBody, AssembleResult } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { papersKey } from '@/features/papers/api/get-papers';

/** Refusals the assembly dialog explains in place (shortages table, coverage, weight problems). */
export const ASSEMBLY_CODES = [
  'PAPER.BANK_INSUFFICIENT',
  'PAPER.TOLERANCE_UNREACHABLE',
  'PAPER.TOTAL_MISMATCH',
  'PAPER.MIXED_PARTS',
  'PAPER.SECTION_REPEATED',
  'BLUEPRINT.WEIGHTS',
  'VALIDATION.FAILED',
] as const;

/** 组卷: `dryRun` previews without storing; an unmet blueprint is explained (422), never a short paper. */
export function assemblePapers(body: AssembleBody): Promise<AssembleResult> {
  return http.post<AssembleResult>('/api/papers/assemble', body);
}

export function useAssemblePapers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assemblePapers,
    meta: { handledCodes: ASSEMBLY_CODES },
    onSuccess: (result) => (result.stored ? queryClient.invalidateQueries({ queryKey: papersKey }) : undefined),
  });
}
