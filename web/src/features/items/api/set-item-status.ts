import type { ItemStatus, ItemStatusResult } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { blueprintsKey } from '@/features/blueprints/api/get-blueprints';
import { itemsKey } from '@/features/items/api/get-items';

export interface SetItemStatusVariables {
  ids: string[];
  status: ItemStatus;
}

/** Bulk 审核 (reviewed — never one's own items), 停用 (retired) or 重新打开 (draft). */
export function setItemStatus(body: SetItemStatusVariables): Promise<(typeof ItemStatusResult)['_output']> {
  return http.post<(typeof ItemStatusResult)['_output']>('/api/items/status', body);
}

export function useSetItemStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setItemStatus,
    // The bank page shows these refusals in place, next to the selection (with a way to leave one's own items out).
    meta: { handledCodes: ['ITEM.SELF_REVIEW', 'BANK.NOT_OWN'] },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: itemsKey });
      await queryClient.invalidateQueries({ queryKey: blueprintsKey });
    },
  });
}
