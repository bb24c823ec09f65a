import type { Spec, SpecDecisionBody } from '@skillcert/shared/api/specs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { specsKey } from '@/features/specs/api/get-specs';

export interface DecideSpecVariables {
  id: string;
  body: (typeof SpecDecisionBody)['_output'];
}

/** HR files the 评价规范 or returns it with a note. */
export function decideSpec({ id, body }: DecideSpecVariables): Promise<Spec> {
  return http.post<Spec>(`/api/specs/${encodeURIComponent(id)}/decision`, body);
}

export function useDecideSpec() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideSpec,
    onSettled: () => queryClient.invalidateQueries({ queryKey: specsKey }),
  });
}
