import type { Paper } from '@skillcert/shared/api/banks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface PaperFilter {
  blueprintId?: string;
  page: number;
  pageSize: number;
}

export const papersKey = ['papers'] as const;

/** Papers in my scope, newest first. */
export function getPapers(filter: PaperFilter, signal?: AbortSignal): Promise<Page<Paper>> {
  return http.get<Page<Paper>>('/api/papers', { ...filter }, signal);
}

export function usePapers(filter: PaperFilter) {
  return useQuery({
    queryKey: [...papersKey, 'list', filter] as const,
    queryFn: ({ signal }) => getPapers(filter, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
