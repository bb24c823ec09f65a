import type { Occupation, OccupationBody } from '@skillcert/shared/api/occupations';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { occupationsKey } from '@/features/occupations/api/get-occupations';

export function updateOccupation(body: OccupationBody): Promise<Occupation> {
  return http.put<Occupation>(`/api/occupations/${encodeURIComponent(body.code)}`, body);
}

export function useUpdateOccupation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOccupation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: occupationsKey }),
  });
}
