import type { ItemBody, ItemDetail } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { blueprintsKey } from '@/features/blueprints/api/get-blueprints';
import { itemsKey } from '@/features/items/api/get-items';

/** A new item: a draft until someone other than its author reviews it. */
export function createItem(body: ItemBody): Promise<ItemDetail> {
  return http.post<ItemDetail>('/api/items', body);
}

export function useCreateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createItem,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: itemsKey });
      await queryClient.invalidateQueries({ queryKey: blueprintsKey }); // item counts
    },
  });
}
