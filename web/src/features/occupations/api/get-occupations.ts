import type { Occupation } from '@skillcert/shared/api/occupations';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export interface OccupationFilter {
  /** Code (or its start), name, pinyin initials (gyjqr) or a work type (工种). */
  q?: string;
  /** true: with a national standard; false: without (a 评价规范 must be filed, R5). */
  hasStandard?: boolean;
  /** Only skill occupations (技能人员职业). */
  skill?: boolean;
  /** Only under this 大类, 中类 or 小类 (6, 6-31, 6-31-07). */
  group?: string;
  page?: number;
  pageSize?: number;
}

export const occupationsKey = ['occupations'] as const;

export function getOccupations(filter: OccupationFilter, signal?: AbortSignal): Promise<Page<Occupation>> {
  const { hasStandard, skill, ...rest } = filter;
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : String(v));
  return http.get<Page<Occupation>>('/api/occupations', { ...rest, hasStandard: flag(hasStandard), skill: flag(skill) }, signal);
}

export function useOccupations(filter: OccupationFilter) {
  return useQuery({
    queryKey: [...occupationsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getOccupations(filter, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
