import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type Answer,
  type ClientEventKind,
  type ExamAttemptState,
  type ExamEventResult,
  type ExamResponse,
  emptyResponse,
  examApi,
} from '@/features/exam/api/exam-api';
import { ackPending, clearPending, listPending, putPending } from '@/features/exam/lib/answer-store';
import { ApiError, isApiError } from '@/lib/http';

/** Where one answer is: acknowledged by the server, on its way, or kept in IndexedDB until the network returns. */
export type SaveState = 'saved' | 'saving' | 'queued';

export interface LocalAnswer {
  response: ExamResponse;
  flagged: boolean;
  seq: number;
  state: SaveState;
}

const RETRY_MS = 2_000;
const POLL_MS = 20_000;
const POLL_AFTER_DEADLINE_MS = 3_000;

/** Refusals that mean "this attempt is over or not yours any more": read the attempt again rather than retry. */
const FINAL_CODES = ['EXAM.DEADLINE_PASSED', 'EXAM.SUBMITTED', 'EXAM.ALREADY_SUBMITTED', 'EXAM.NOT_STARTED', 'EXAM.ABSENT'];

type EventData = Record<string, string | number | boolean | null>;

/** What the last 切屏 event earned: a warning (count of limit) or submission at the limit. */
export interface SwitchWarning {
  verdict: 'warn' | 'submit';
  count: number;
  limit: number | null;
}

/** No exam cookie (or an expired one): the candidate signs in. */
function needsSignIn(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'EXAM.NO_SESSION' || e.status === 401 || e.status === 403 || e.status === 404);
}

/**
 * The exam page's engine: the attempt as the server last told it, the candidate's answers with their save state, the
 * server clock (offset from the browser's: the browser's own clock is never trusted alone), the IndexedDB queue and its
 * flush loop (retries while the network is down, sends the queue when it returns), integrity events, submit.
 */
export function useExam(initial: ExamAttemptState, initialSentAt: number, onSignedOut: (refusal: ApiError | null) => void) {
  const [attempt, setAttempt] = useState<ExamAttemptState>(initial);
  const [answers, setAnswers] = useState<Record<string, LocalAnswer>>({});
  /** The answers as of now (state lags a render behind); every change goes through `mutate`. */
  const answersRef = useRef<Record<string, LocalAnswer>>({});
  const mutate = useCallback((fn: (prev: Record<string, LocalAnswer>) => Record<string, LocalAnswer>) => {
    answersRef.current = fn(answersRef.current);
    setAnswers(answersRef.current);
  }, []);
  const [online, setOnline] = useState(true);
  const [pendingCount, setPendingCount] = useState(0);
  const [fatal, setFatal] = useState<ApiError | null>(null);
  const [verdict, setVerdict] = useState<SwitchWarning | null>(null);
  const [switchCount, setSwitchCount] = useState(0);

  /** Server time minus browser time (ms), from the last exchange with the smallest round trip. */
  const offset = useRef(0);
  const bestRtt = useRef(Number.POSITIVE_INFINITY);
  /** The deadline in server time (ms); moves with extra time. */
  const deadlineMs = useRef(0);
  const [deadlineTick, setDeadlineTick] = useState(0);
  /** Re-arms the poll after each round, whatever its outcome (a failed read must not stop the polling). */
  const [pollTick, setPollTick] = useState(0);
  const seqRef = useRef(0);
  const attemptRef = useRef<ExamAttemptState>(initial);
  const signedOut = useRef(onSignedOut);
  signedOut.current = onSignedOut;
  const flushing = useRef(false);
  const again = useRef(false);
  const retryTimer = useRef<number | undefined>(undefined);
  const pendingEvents = useRef<{ kind: ClientEventKind; data?: EventData }[]>([]);
  const offlineSince = useRef<number | null>(null);

  /** Learn the server clock from an answer that carried `serverNow`, sent at `sent` and received now. */
  const clock = useCallback((serverNow: string, sent: number, remainingSeconds?: number) => {
    const received = Date.now();
    const rtt = received - sent;
    const server = Date.parse(serverNow);
    if (Number.isNaN(server)) return;
    // A sample with a shorter round trip is closer to the truth; an old best is replaced after a while anyway.
    if (rtt <= bestRtt.current * 1.5 || rtt < 1_000) {
      bestRtt.current = Math.min(bestRtt.current, rtt);
      offset.current = server - (sent + rtt / 2);
    }
    if (remainingSeconds !== undefined) {
      // The deadline moved (extra time granted meanwhile) when the server's whole seconds left disagree with ours.
      const told = server + remainingSeconds * 1000;
      if (remainingSeconds > 0 && Math.abs(told - deadlineMs.current) > 2_000) {
        deadlineMs.current = told;
        setDeadlineTick((n) => n + 1);
      }
    }
  }, []);

  const serverNow = useCallback(() => Date.now() + offset.current, []);

  /** Take a fresh attempt state from the server and merge the browser's queue into it (newer seq wins). */
  const adopt = useCallback(
    async (state: ExamAttemptState, sent: number) => {
      attemptRef.current = state;
      clock(state.serverNow, sent);
      deadlineMs.current = Date.parse(state.deadline);
      setDeadlineTick((n) => n + 1);
      setSwitchCount(state.switchCount);
      let pending: Answer[] = [];
      try {
        pending = await listPending(state.attemptId);
      } catch {
        pending = [];
      }
      const next: Record<string, LocalAnswer> = {};
      let maxSeq = 0;
      for (const a of state.answers) {
        next[a.itemId] = { response: a.response, flagged: a.flagged, seq: a.seq, state: 'saved' };
        maxSeq = Math.max(maxSeq, a.seq);
      }
      const ended = state.status === 'submitted' || state.status === 'absent';
      for (const p of pending) {
        maxSeq = Math.max(maxSeq, p.seq);
        const known = next[p.itemId];
        if (!ended && (!known || known.seq < p.seq)) next[p.itemId] = { response: p.response, flagged: p.flagged, seq: p.seq, state: 'queued' };
      }
      if (ended) {
        void clearPending(state.attemptId).catch(() => undefined);
        setPendingCount(0);
      } else {
        setPendingCount(pending.filter((p) => (next[p.itemId]?.seq ?? 0) <= p.seq).length);
      }
      seqRef.current = Math.max(seqRef.current, maxSeq);
      mutate((prev) => {
        // Answers given while this state was on its way stay (their seq is higher).
        for (const [itemId, a] of Object.entries(prev)) {
          const n = next[itemId];
          if (!ended && (!n || n.seq < a.seq)) next[itemId] = a;
        }
        return next;
      });
      setAttempt(state);
    },
    [clock, mutate],
  );

  const refresh = useCallback(async () => {
    const sent = Date.now();
    try {
      const state = await examApi.attempt();
      setOnline(true);
      await adopt(state, sent);
    } catch (e) {
      if (isApiError(e, 'EXAM.OTHER_DEVICE')) {
        setFatal(e as ApiError);
      } else if (needsSignIn(e)) {
        signedOut.current(null);
      } else {
        // The network or the server is away: keep writing on what we have; the queue waits.
        setOnline(false);
      }
    }
  }, [adopt]);

  // --- the save loop ------------------------------------------------------------------------------------------

  const scheduleRetry = useCallback((fn: () => void) => {
    window.clearTimeout(retryTimer.current);
    retryTimer.current = window.setTimeout(fn, RETRY_MS);
  }, []);

  const sendEvents = useCallback(async (): Promise<boolean> => {
    while (pendingEvents.current.length > 0) {
      const ev = pendingEvents.current[0];
      if (!ev) break;
      let result: ExamEventResult;
      try {
        result = await examApi.event(ev.kind, ev.data);
      } catch (e) {
        if (isApiError(e, 'NETWORK.ERROR') || (e instanceof ApiError && e.status >= 500)) return false;
        pendingEvents.current.shift(); // refused (e.g. the attempt is over): not worth retrying
        continue;
      }
      pendingEvents.current.shift();
      setSwitchCount(result.switchCount);
      if (result.verdict !== 'none') setVerdict({ verdict: result.verdict, count: result.switchCount, limit: result.switchLimit });
      if (result.verdict === 'submit' || result.status === 'submitted') void refresh();
    }
    return true;
  }, [refresh]);

  const flush = useCallback(async (): Promise<void> => {
    const st = attemptRef.current;
    if (!st) return;
    if (flushing.current) {
      again.current = true;
      return;
    }
    flushing.current = true;
    try {
      do {
        again.current = false;
        const pending = await listPending(st.attemptId);
        setPendingCount(pending.length);
        if (pending.length === 0) break;
        const batch: Answer[] = pending.map(({ itemId, response, flagged, seq }) => ({ itemId, response, flagged, seq }));
        const inFlight = new Map(batch.map((a) => [a.itemId, a.seq]));
        mutate((prev) => {
          const next = { ...prev };
          for (const [itemId, seq] of inFlight) {
            const a = next[itemId];
            if (a && a.seq === seq) next[itemId] = { ...a, state: 'saving' };
          }
          return next;
        });
        const sent = Date.now();
        const result = await examApi.saveAnswers(batch);
        clock(result.serverNow, sent, result.remainingSeconds);
        await ackPending(st.attemptId, result.saved);
        mutate((prev) => {
          const next = { ...prev };
          for (const s of result.saved) {
            const a = next[s.itemId];
            if (a && a.seq <= s.seq) next[s.itemId] = { ...a, state: 'saved' };
          }
          return next;
        });
        if (offlineSince.current !== null) {
          const seconds = Math.round((Date.now() - offlineSince.current) / 1000);
          offlineSince.current = null;
          pendingEvents.current.push({ kind: 'reconnect', data: { offlineSeconds: seconds } });
        }
        setOnline(true);
        again.current = true; // read the queue again: answers given meanwhile, or items the server did not take
        if (result.saved.length === 0) break;
      } while (again.current);
      const remaining = await listPending(st.attemptId);
      setPendingCount(remaining.length);
      await sendEvents();
    } catch (e) {
      if (isApiError(e, 'NETWORK.ERROR') || (e instanceof ApiError && e.status >= 500)) {
        offlineSince.current ??= Date.now();
        setOnline(false);
        mutate((prev) => {
          const next = { ...prev };
          for (const [k, a] of Object.entries(next)) if (a.state === 'saving') next[k] = { ...a, state: 'queued' };
          return next;
        });
        scheduleRetry(() => void flush());
      } else if (isApiError(e, 'EXAM.OTHER_DEVICE')) {
        setFatal(e as ApiError);
      } else if (e instanceof ApiError && (FINAL_CODES.includes(e.code) || e.status === 409 || e.status === 422)) {
        void refresh();
      } else if (needsSignIn(e)) {
        signedOut.current(null);
      } else {
        scheduleRetry(() => void flush());
      }
    } finally {
      flushing.current = false;
    }
    if (again.current) void flush();
  }, [clock, mutate, refresh, scheduleRetry, sendEvents]);

  /** The candidate answered or flagged an item: queue it in IndexedDB first, then send. */
  const give = useCallback(
    (itemId: string, change: { response?: ExamResponse; flagged?: boolean }) => {
      const st = attemptRef.current;
      const item = st?.items.find((i) => i.itemId === itemId);
      if (!st || !item) return;
      seqRef.current += 1;
      const seq = seqRef.current;
      const was = answersRef.current[itemId];
      const toStore: Answer = {
        itemId,
        response: change.response ?? was?.response ?? emptyResponse(item.type),
        flagged: change.flagged ?? was?.flagged ?? false,
        seq,
      };
      mutate((prev) => ({ ...prev, [itemId]: { response: toStore.response, flagged: toStore.flagged, seq, state: 'queued' } }));
      void putPending({ attemptId: st.attemptId, ...toStore })
        .then(() => flush())
        .catch(() => {
          // IndexedDB refused (private mode, disk full): send straight away, keeping the answer in memory meanwhile.
          void examApi.saveAnswers([toStore]).then(
            () =>
              mutate((prev) => {
                const a = prev[itemId];
                return a && a.seq === seq ? { ...prev, [itemId]: { ...a, state: 'saved' } } : prev;
              }),
            () => undefined,
          );
        });
    },
    [flush, mutate],
  );

  /** An integrity event: sent now, or kept until the network returns. */
  const report = useCallback(
    (kind: ClientEventKind, data?: EventData) => {
      const st = attemptRef.current;
      if (!st || st.status === 'submitted' || st.status === 'absent') return;
      pendingEvents.current.push(data ? { kind, data } : { kind });
      void sendEvents().then((ok) => {
        if (!ok) {
          offlineSince.current ??= Date.now();
          setOnline(false);
          scheduleRetry(() => void flush());
        }
      });
    },
    [flush, scheduleRetry, sendEvents],
  );

  const start = useCallback(async () => {
    const sent = Date.now();
    const state = await examApi.start();
    await adopt(state, sent);
  }, [adopt]);

  const submit = useCallback(async () => {
    await flush();
    const sent = Date.now();
    const state = await examApi.submit();
    await adopt(state, sent);
  }, [adopt, flush]);

  // First: the state the page was opened with (from sign-in or the probe), merged with this browser's queue.
  useEffect(() => {
    void adopt(initial, initialSentAt);
  }, [adopt, initial, initialSentAt]);

  // Send the queue as soon as the attempt is known (answers kept from before a reload), and when the network returns.
  useEffect(() => {
    void flush();
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [flush]);

  // Poll the attempt now and then (extra time granted, submitted by staff or by the server at the deadline).
  const status = attempt?.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: deadlineTick and pollTick re-arm the timer
  useEffect(() => {
    if (status === 'submitted' || status === 'absent') return;
    const left = deadlineMs.current - serverNow();
    const wait = left <= 0 ? POLL_AFTER_DEADLINE_MS : Math.min(POLL_MS, Math.max(1_000, left + 500));
    const timer = window.setTimeout(() => {
      void flush()
        .then(() => refresh())
        .finally(() => setPollTick((n) => n + 1));
    }, wait);
    return () => window.clearTimeout(timer);
  }, [status, attempt, deadlineTick, pollTick, flush, refresh, serverNow]);

  useEffect(() => () => window.clearTimeout(retryTimer.current), []);

  return {
    attempt,
    answers,
    online,
    pendingCount,
    fatal,
    setFatal,
    verdict,
    dismissVerdict: () => setVerdict(null),
    switchCount,
    serverNow,
    deadlineMs,
    deadlineTick,
    give,
    report,
    start,
    submit,
    refresh,
  };
}

export type ExamEngine = ReturnType<typeof useExam>;
