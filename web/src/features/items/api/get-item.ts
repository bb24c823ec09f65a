import type { ItemDetail } from '@skillcert/shared/api/banks';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { itemsKey } from '@/features/items/api/get-items';

export function itemKey(id: string) {
  return [...itemsKey, 'detail', id] as const;
}

/** One item with its version history. */
export function getItem(id: string, signal?: AbortSignal): Promise<ItemDetail> {
  return http.get<ItemDetail>(`/api/items/${encodeURIComponent(id)}`, undefined, signal);
}

export function useItem(id: string | null | undefined) {
  return useQuery({
    queryKey: itemKey(id ?? ''),
    queryFn: ({ signal }) => getItem(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}
