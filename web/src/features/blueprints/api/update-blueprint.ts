import type { Blueprint, BlueprintUpdateBody } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { BLUEPRINT_SAVE_CODES } from '@/features/blueprints/api/create-blueprint';
import { blueprintsKey } from '@/features/blueprints/api/get-blueprints';

export interface UpdateBlueprintVariables {
  id: string;
  body: BlueprintUpdateBody;
}

/** Areas, points and weights; an area or point that items sit on cannot be removed (409 BLUEPRINT.CODE_IN_USE). */
export function updateBlueprint({ id, body }: UpdateBlueprintVariables): Promise<Blueprint> {
  return http.put<Blueprint>(`/api/blueprints/${encodeURIComponent(id)}`, body);
}

export function useUpdateBlueprint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBlueprint,
    meta: { handledCodes: BLUEPRINT_SAVE_CODES },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blueprintsKey }),
  });
}
