import type { PaperDetail } from '@skillcert/shared/api/banks';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { papersKey } from '@/features/papers/api/get-papers';

export function paperKey(id: string) {
  return [...papersKey, 'detail', id] as const;
}

/** One paper with its items (the versions it was built from, answers included) and its blueprint coverage. */
export function getPaper(id: string, signal?: AbortSignal): Promise<PaperDetail> {
  return http.get<PaperDetail>(`/api/papers/${encodeURIComponent(id)}`, undefined, signal);
}

export function usePaper(id: string | null | undefined) {
  return useQuery({
    queryKey: paperKey(id ?? ''),
    queryFn: ({ signal }) => getPaper(id ?? '', signal),
    enabled: Boolean(id),
  });
}
