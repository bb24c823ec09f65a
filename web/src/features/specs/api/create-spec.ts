import type { Spec, SpecBody } from '@skillcert/shared/api/specs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { specsKey } from '@/features/specs/api/get-specs';

/** A draft 评价规范 (occupations without a national standard only, R5). */
export function createSpec(body: SpecBody): Promise<Spec> {
  return http.post<Spec>('/api/specs', body);
}

export function useCreateSpec() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSpec,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: specsKey }),
  });
}
