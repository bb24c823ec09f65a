import type { WorkloadReport } from '@skillcert/shared/api/supervision';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { workloadKey } from '@/features/supervision/api/keys';

export const WORKLOAD_EXPORT_PATH = '/api/workload/export.xlsx';

export function getWorkload(term: string | undefined, signal?: AbortSignal): Promise<WorkloadReport> {
  return http.get<WorkloadReport>('/api/workload', { term }, signal);
}

/** R15: the assessors' workload of a term (the current one when none is chosen). */
export function useWorkload(term: string | undefined) {
  return useQuery({
    queryKey: [...workloadKey, term ?? 'current'] as const,
    queryFn: ({ signal }) => getWorkload(term, signal),
    placeholderData: keepPreviousData,
  });
}
