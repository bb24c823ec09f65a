import type { Item, ItemStatus, ItemType } from '@skillcert/shared/api/banks';
import type { SkillLevel } from '@skillcert/shared/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

/** The bank browser's filters (`GET /api/items` query; also the export's). */
export interface ItemFilter {
  blueprintId?: string;
  occupationCode?: string;
  level?: SkillLevel;
  areaCode?: string;
  type?: ItemType;
  status?: ItemStatus;
  /** Item statistics outside the thresholds (too easy, too hard, low discrimination). */
  flagged?: boolean;
  /** Text in the stem. */
  q?: string;
}

export const itemsKey = ['items'] as const;

export function itemQuery(filter: ItemFilter) {
  const { flagged, ...rest } = filter;
  return { ...rest, flagged: flagged === undefined ? undefined : String(flagged) };
}

export function getItems(filter: ItemFilter & { page: number; pageSize: number }, signal?: AbortSignal): Promise<Page<Item>> {
  const { page, pageSize, ...rest } = filter;
  return http.get<Page<Item>>('/api/items', { ...itemQuery(rest), page, pageSize }, signal);
}

export function useItems(filter: ItemFilter & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...itemsKey, 'list', filter] as const,
    queryFn: ({ signal }) => getItems(filter, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
