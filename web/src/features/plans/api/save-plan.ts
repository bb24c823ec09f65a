import type { PlanBody, PlanDetail } from '@skillcert/shared/api/plans';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';
import { PLAN_SAVE_REFUSALS } from '@/features/plans/api/plan-codes';

export interface SavePlanVariables {
  /** Absent: a new draft. */
  id?: string;
  body: PlanBody;
}

/** Create a draft, or replace a draft's or returned plan's content. */
export function savePlan({ id, body }: SavePlanVariables): Promise<PlanDetail> {
  return id ? http.put<PlanDetail>(`/api/plans/${encodeURIComponent(id)}`, body) : http.post<PlanDetail>('/api/plans', body);
}

export function useSavePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePlan,
    meta: { handledCodes: PLAN_SAVE_REFUSALS },
    onSettled: () => queryClient.invalidateQueries({ queryKey: plansKey }),
  });
}
