import type { AbsentBody, AllowTakeoverBody, ExtraTimeBody, PrepareResult, RoomCandidate, RoomEvents, RoomView } from '@skillcert/shared/api/exams';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '@/lib/http';

// The invigilator's room (考场) of one sitting: candidates with their state, the live event log, and the actions on one
// attempt (identity, absent, takeover, extra time, submit on behalf) — all read and written through /api/sittings/:id.

const ROOM_POLL_MS = 5_000;
const EVENTS_POLL_MS = 3_000;

export const roomKey = (sittingId: string) => ['sittings', sittingId, 'room'] as const;

export function useRoom(sittingId: string) {
  return useQuery({
    queryKey: roomKey(sittingId),
    queryFn: ({ signal }) => http.get<RoomView>(`/api/sittings/${encodeURIComponent(sittingId)}/room`, undefined, signal),
    refetchInterval: ROOM_POLL_MS,
    staleTime: 0,
  });
}

/** The live log, newest last: polls with the last id seen and keeps what came before. */
export function useRoomEvents(sittingId: string, after: number) {
  return useQuery({
    queryKey: ['sittings', sittingId, 'events', after],
    queryFn: ({ signal }) => http.get<RoomEvents>(`/api/sittings/${encodeURIComponent(sittingId)}/events`, { after }, signal),
    refetchInterval: EVENTS_POLL_MS,
    staleTime: 0,
    meta: { silent: true },
  });
}

export type RoomAction =
  | { kind: 'confirm-identity' }
  | { kind: 'absent'; body: z.input<typeof AbsentBody> }
  | { kind: 'allow-takeover'; body: AllowTakeoverBody }
  | { kind: 'extra-time'; body: ExtraTimeBody }
  | { kind: 'submit'; body: { reason: string } };

export function useRoomAction(sittingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ attemptId, action }: { attemptId: string; action: RoomAction }) =>
      http.post<RoomCandidate>(
        `/api/sittings/${encodeURIComponent(sittingId)}/attempts/${encodeURIComponent(attemptId)}/${action.kind}`,
        'body' in action ? action.body : {},
      ),
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: roomKey(sittingId) }),
  });
}

export function usePrepareCopies(sittingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<PrepareResult>(`/api/sittings/${encodeURIComponent(sittingId)}/prepare`, {}),
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: roomKey(sittingId) }),
  });
}
