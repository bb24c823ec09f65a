import type { Institution, ViolationBody } from '@skillcert/shared/api/institutions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { institutionKey } from '@/features/institutions/api/get-institution';

export interface RecordViolationVariables {
  id: string;
  body: (typeof ViolationBody)['_output'];
}

/** HR records a violation (it blocks 增设 under R4 for the rest of the filing period). */
export function recordViolation({ id, body }: RecordViolationVariables): Promise<Institution> {
  return http.post<Institution>(`/api/institutions/${encodeURIComponent(id)}/violations`, body);
}

export function useRecordViolation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordViolation,
    onSuccess: (_inst, { id }) => queryClient.invalidateQueries({ queryKey: institutionKey(id) }),
  });
}
