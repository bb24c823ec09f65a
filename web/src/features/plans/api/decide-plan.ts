import type { PlanDetail, PlanStatus } from '@skillcert/shared/api/plans';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';
import { PLAN_REFUSALS } from '@/features/plans/api/plan-codes';

export interface DecidePlanVariables {
  id: string;
  action: 'acknowledge' | 'return';
  reason?: string;
  supervisorIds?: string[];
  expectedStatus: PlanStatus;
}

/** HR acknowledges (备案, optionally assigning supervisors) or returns a submitted plan with reasons. */
export function decidePlan({ id, ...body }: DecidePlanVariables): Promise<PlanDetail> {
  return http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/acknowledge`, body);
}

export function useDecidePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: decidePlan, meta: { handledCodes: PLAN_REFUSALS }, onSettled: () => queryClient.invalidateQueries({ queryKey: plansKey }) });
}
