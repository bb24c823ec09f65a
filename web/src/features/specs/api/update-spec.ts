import type { Spec, SpecBody } from '@skillcert/shared/api/specs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { specsKey } from '@/features/specs/api/get-specs';

export interface UpdateSpecVariables {
  id: string;
  body: SpecBody;
}

export function updateSpec({ id, body }: UpdateSpecVariables): Promise<Spec> {
  return http.put<Spec>(`/api/specs/${encodeURIComponent(id)}`, body);
}

export function useUpdateSpec() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSpec,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: specsKey }),
  });
}
