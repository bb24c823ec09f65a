import type { PlanDetail, PlanStatus } from '@skillcert/shared/api/plans';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';
import { PLAN_REFUSALS } from '@/features/plans/api/plan-codes';

/** Submit to HR (考前计划备案); a refusal is a 422 naming the rule with every failing check. */
export function submitPlan({ id, expectedStatus }: { id: string; expectedStatus: PlanStatus }): Promise<PlanDetail> {
  return http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/submit`, { expectedStatus });
}

export function useSubmitPlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: submitPlan, meta: { handledCodes: PLAN_REFUSALS }, onSettled: () => queryClient.invalidateQueries({ queryKey: plansKey }) });
}
