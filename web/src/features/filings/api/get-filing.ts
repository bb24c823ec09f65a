import type { FilingDetail } from '@skillcert/shared/api/filings';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { filingsKey } from '@/features/filings/api/get-filings';

export function filingKey(id: string) {
  return [...filingsKey, 'detail', id] as const;
}

export function getFiling(id: string, signal?: AbortSignal): Promise<FilingDetail> {
  return http.get<FilingDetail>(`/api/filings/${encodeURIComponent(id)}`, undefined, signal);
}

export function useFiling(id: string | null | undefined) {
  return useQuery({
    queryKey: filingKey(id ?? ''),
    queryFn: ({ signal }) => getFiling(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}
