import type { Spec } from '@skillcert/shared/api/specs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { specsKey } from '@/features/specs/api/get-specs';

/** The school files it with HR (each blueprint must add up to 100 and the document be attached). */
export function submitSpec(id: string): Promise<Spec> {
  return http.post<Spec>(`/api/specs/${encodeURIComponent(id)}/submit`);
}

export function useSubmitSpec() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitSpec,
    onSettled: () => queryClient.invalidateQueries({ queryKey: specsKey }),
  });
}
