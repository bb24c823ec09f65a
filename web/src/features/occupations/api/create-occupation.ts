import type { Occupation, OccupationBody } from '@skillcert/shared/api/occupations';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { occupationsKey } from '@/features/occupations/api/get-occupations';

export function createOccupation(body: OccupationBody): Promise<Occupation> {
  return http.post<Occupation>('/api/occupations', body);
}

export function useCreateOccupation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOccupation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: occupationsKey }),
  });
}
