import type { Blueprint } from '@skillcert/shared/api/banks';
import type { SkillLevel } from '@skillcert/shared/domain';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export interface BlueprintFilter {
  occupationCode?: string;
  level?: SkillLevel;
  orgId?: string;
}

export const blueprintsKey = ['blueprints'] as const;

/** 鉴定要素细目表 in my scope (a school: its own), with weight problems and item counts. */
export function getBlueprints(filter: BlueprintFilter, signal?: AbortSignal): Promise<Blueprint[]> {
  return http.get<Blueprint[]>('/api/blueprints', { ...filter }, signal);
}

export function useBlueprints(filter: BlueprintFilter = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...blueprintsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getBlueprints(filter, signal),
    enabled: options.enabled ?? true,
  });
}
