import type { PlanDetail } from '@skillcert/shared/api/plans';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';
import { PLAN_REFUSALS } from '@/features/plans/api/plan-codes';

/** HR acknowledges a change request (变更: new dates, rooms, papers) or returns it with reasons. */
export function decideChange({
  id,
  changeId,
  decision,
  reason,
}: {
  id: string;
  changeId: string;
  decision: 'acknowledge' | 'return';
  reason?: string;
}): Promise<PlanDetail> {
  return http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/changes/${encodeURIComponent(changeId)}/decision`, {
    decision,
    ...(reason ? { reason } : {}),
  });
}

export function useDecideChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideChange,
    meta: { handledCodes: PLAN_REFUSALS },
    onSettled: () => queryClient.invalidateQueries({ queryKey: plansKey }),
  });
}
