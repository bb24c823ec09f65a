import type { OccupationTreeNode } from '@skillcert/shared/api/occupations';
import { useQuery } from '@tanstack/react-query';
import { occupationsKey } from '@/features/occupations/api/get-occupations';
import { http } from '@/lib/http';

export const occupationTreeKey = [...occupationsKey, 'tree'] as const;

export function getOccupationTree(signal?: AbortSignal): Promise<OccupationTreeNode[]> {
  return http.get<OccupationTreeNode[]>('/api/occupations/tree', undefined, signal);
}

/** 大类 → 中类 → 小类 of the 2022 edition with occupation counts, for browsing the catalog. */
export function useOccupationTree() {
  return useQuery({ queryKey: occupationTreeKey, queryFn: ({ signal }) => getOccupationTree(signal), staleTime: 10 * 60_000 });
}
