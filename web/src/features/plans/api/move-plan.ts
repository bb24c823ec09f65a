import type { PlanDetail, PlanStatus } from '@skillcert/shared/api/plans';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';
import { PLAN_REFUSALS } from '@/features/plans/api/plan-codes';

export interface MovePlanVariables {
  id: string;
  action: 'withdraw' | 'start' | 'start_marking' | 'publish' | 'close';
  reason?: string;
  expectedStatus: PlanStatus;
}

/** The school moves its plan on (start needs an external supervisor: 逢考必督). */
export function movePlan({ id, ...body }: MovePlanVariables): Promise<PlanDetail> {
  return http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/transitions`, body);
}

export function useMovePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: movePlan, meta: { handledCodes: PLAN_REFUSALS }, onSettled: () => queryClient.invalidateQueries({ queryKey: plansKey }) });
}
