import type { CandidatePaper } from '@skillcert/shared/api/banks';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { paperKey } from '@/features/papers/api/get-paper';

/** One candidate's copy: item and option order reproducible from the paper seed and the candidate key. */
export function getCandidateView(paperId: string, candidate: string, signal?: AbortSignal): Promise<CandidatePaper> {
  return http.get<CandidatePaper>(`/api/papers/${encodeURIComponent(paperId)}/candidate-view`, { candidate }, signal);
}

export function useCandidateView(paperId: string, candidate: string | null) {
  return useQuery({
    queryKey: [...paperKey(paperId), 'candidate', candidate ?? ''] as const,
    queryFn: ({ signal }) => getCandidateView(paperId, candidate ?? '', signal),
    enabled: Boolean(candidate),
    staleTime: Infinity, // the same key always gives the same copy
    meta: { silent: true }, // the dialog shows a refusal in place
  });
}
