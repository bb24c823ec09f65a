import type { LiveView } from '@skillcert/shared/api/supervision';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { supervisionKey } from '@/features/supervision/api/keys';

/** How often the live view polls (seconds). */
export const LIVE_POLL_SECONDS = 5;

export function getLiveView(planId: string, after: number, signal?: AbortSignal): Promise<LiveView> {
  return http.get<LiveView>(`/api/plans/${encodeURIComponent(planId)}/supervision/live`, { after }, signal);
}

/**
 * The rooms and marking progress of a plan, polled; `after` is the last integrity event the screen holds, so each poll
 * brings only new events (the screen appends them).
 */
export function useLiveView(planId: string, after: number, enabled: boolean) {
  return useQuery({
    queryKey: [...supervisionKey(planId), 'live', after] as const,
    queryFn: ({ signal }) => getLiveView(planId, after, signal),
    enabled,
    refetchInterval: LIVE_POLL_SECONDS * 1000,
    staleTime: 0,
  });
}
