import type { PaperDetail } from '@skillcert/shared/api/banks';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { papersKey } from '@/features/papers/api/get-papers';

export function paperKey(id: string, withAnswers = false) {
  return [...papersKey, 'detail', id, withAnswers ? 'answers' : 'plain'] as const;
}

/**
 * One paper with its items (the versions it was built from) and its blueprint coverage. 题库保密: answer keys only with
 * `withAnswers` — the school's bank staff, and the server writes each such view to the audit log.
 */
export function getPaper(id: string, withAnswers: boolean, signal?: AbortSignal): Promise<PaperDetail> {
  const url = `/api/papers/${encodeURIComponent(id)}${withAnswers ? '?answers=true' : ''}`;
  return http.get<PaperDetail>(url, undefined, signal);
}

export function usePaper(id: string | null | undefined, withAnswers = false) {
  return useQuery({
    queryKey: paperKey(id ?? '', withAnswers),
    queryFn: ({ signal }) => getPaper(id ?? '', withAnswers, signal),
    enabled: Boolean(id),
  });
}
