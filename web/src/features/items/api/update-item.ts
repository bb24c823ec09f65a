import type { ItemBody, ItemDetail } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { blueprintsKey } from '@/features/blueprints/api/get-blueprints';
import { itemsKey } from '@/features/items/api/get-items';

export interface UpdateItemVariables {
  id: string;
  body: ItemBody;
}

/** A new version of the item (papers keep theirs); it goes back to draft. */
export function updateItem({ id, body }: UpdateItemVariables): Promise<ItemDetail> {
  return http.put<ItemDetail>(`/api/items/${encodeURIComponent(id)}`, body);
}

export function useUpdateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateItem,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: itemsKey });
      await queryClient.invalidateQueries({ queryKey: blueprintsKey });
    },
  });
}
