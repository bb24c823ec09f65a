import type { Coverage } from '@skillcert/shared/api/banks';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { coursesKey } from '@/features/curriculum/api/get-courses';

/** Under the courses key: a course change changes the coverage. */
export function coverageKey(blueprintId: string) {
  return [...coursesKey, 'coverage', blueprintId] as const;
}

/** Which blueprint areas the school's courses teach and which they leave bare (课程内容与国家职业技能标准对接). */
export function getCoverage(blueprintId: string, signal?: AbortSignal): Promise<Coverage> {
  return http.get<Coverage>(`/api/blueprints/${encodeURIComponent(blueprintId)}/coverage`, undefined, signal);
}

export function useCoverage(blueprintId: string | null | undefined) {
  return useQuery({
    queryKey: coverageKey(blueprintId ?? ''),
    queryFn: ({ signal }) => getCoverage(blueprintId ?? '', signal),
    enabled: Boolean(blueprintId),
    staleTime: 0,
  });
}
