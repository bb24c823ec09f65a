import type { Blueprint, BlueprintBody } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { blueprintsKey } from '@/features/blueprints/api/get-blueprints';

/** Codes the blueprint editor explains in place (R5 refusal, an existing blueprint, repeated codes). */
export const BLUEPRINT_SAVE_CODES = [
  'BLUEPRINT.NO_BASIS',
  'BLUEPRINT.EXISTS',
  'BLUEPRINT.CODE_IN_USE',
  'BLUEPRINT.DUPLICATE_CODE',
  'VALIDATION.FAILED',
] as const;

/** A school sets up the blueprint of an occupation and level (R5: national standard or a filed 评价规范). */
export function createBlueprint(body: BlueprintBody): Promise<Blueprint> {
  return http.post<Blueprint>('/api/blueprints', body);
}

export function useCreateBlueprint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBlueprint,
    meta: { handledCodes: BLUEPRINT_SAVE_CODES },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blueprintsKey }),
  });
}
