import type { DrawReplay, DrawView } from '@skillcert/shared/api/plans';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { plansKey } from '@/features/plans/api/get-plans';
import { PLAN_REFUSALS } from '@/features/plans/api/plan-codes';

export function drawsKey(id: string) {
  return [...plansKey, 'draws', id] as const;
}

/** The plan's examiner draws: seed, pool, exclusions (回避) and the log. */
export function getDraws(id: string, signal?: AbortSignal): Promise<DrawView[]> {
  return http.get<DrawView[]>(`/api/plans/${encodeURIComponent(id)}/draws`, undefined, signal);
}

export function useDraws(id: string) {
  return useQuery({ queryKey: drawsKey(id), queryFn: ({ signal }) => getDraws(id, signal), staleTime: 0 });
}

/** Replays a draw from its seed and pool (what a supervisor checks). */
export function replayDraw({ id, drawId }: { id: string; drawId: string }): Promise<DrawReplay> {
  return http.get<DrawReplay>(`/api/plans/${encodeURIComponent(id)}/draws/${encodeURIComponent(drawId)}/replay`);
}

export function useReplayDraw() {
  return useMutation({ mutationFn: replayDraw });
}

/** Draws the examiners of a practical sitting at random (seeded, logged). */
export function drawExaminers({ id, sittingId, count, seed }: { id: string; sittingId: string; count?: number; seed?: string }): Promise<DrawView> {
  return http.post<DrawView>(`/api/plans/${encodeURIComponent(id)}/sittings/${encodeURIComponent(sittingId)}/draw`, {
    ...(count ? { count } : {}),
    ...(seed ? { seed } : {}),
  });
}

export function useDrawExaminers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: drawExaminers,
    meta: { handledCodes: [...PLAN_REFUSALS, 'PLAN.DRAW_TOO_FEW', 'PLAN.DRAW_PART', 'PLAN.NOT_DRAFT'] },
    onSettled: () => queryClient.invalidateQueries({ queryKey: plansKey }),
  });
}
