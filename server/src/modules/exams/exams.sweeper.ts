import type { FastifyBaseLogger } from 'fastify';
import { inTransaction } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { prepareSitting } from './exams.copies.ts';
import * as repo from './exams.repository.ts';
import { ANSWER_GRACE_SECONDS, chinaDateTime, clockOf, entryClosesAt, isDue, opensAt } from './exams.rules.ts';
import { finalizeAttempt } from './exams.submit.ts';

/**
 * The exam sweeper, run on boot and every few seconds by the server process (main.ts): it prepares the copies of theory
 * sittings whose doors open within the next two hours (so the start rush only reads), and submits every attempt whose
 * deadline (plus the grace for answers in flight) has passed — browser or not. All its state is in the database, so a
 * restarted server simply carries on; two servers sweeping at once are safe (copies are unique per seat, a submission
 * locks the attempt and re-checks it).
 */

/** Copies are prepared this long before a sitting starts. */
export const PREPARE_AHEAD_MINUTES = 120;
export const SWEEP_SECONDS = 5;

export interface SweepResult {
  prepared: number;
  submitted: number;
}

export async function sweepExams(db: Db, now = new Date()): Promise<SweepResult> {
  const prepared = await prepareDue(db, now);
  const submitted = await submitDue(db, now);
  return { prepared, submitted };
}

/**
 * Sittings of each database found with every seat's copy prepared after their doors opened: not counted again by this
 * process. Counting a sitting's seats against its copies took ~35 ms of the embedded database's one thread at 5,000
 * candidates (max 170–320 ms on a loaded machine) — every 5 s, in the middle of the start rush; a seat added after
 * the doors opened gets its copy when its candidate signs in (prepareSeat), so the sweeper has nothing to add then.
 */
const completeOnceOpen = new WeakMap<Db, Set<string>>();

async function prepareDue(db: Db, now: Date): Promise<number> {
  const days = [...new Set([chinaDateTime(now).date, chinaDateTime(new Date(now.getTime() + PREPARE_AHEAD_MINUTES * 60_000)).date])];
  const complete = completeOnceOpen.get(db) ?? new Set<string>();
  completeOnceOpen.set(db, complete);
  let prepared = 0;
  for (const candidate of await repo.upcomingTheorySittings(db, days)) {
    if (complete.has(candidate.id)) continue;
    const s = await repo.findSitting(db, candidate.id);
    if (!s) continue;
    const clock = clockOf(s);
    if (now.getTime() < clock.startsAt.getTime() - PREPARE_AHEAD_MINUTES * 60_000 || now > entryClosesAt(clock)) continue;
    let counts = await repo.countSeats(db, s.id);
    if (counts.copies < counts.seats) {
      const done = await prepareSitting(db, s);
      prepared += done.prepared;
      counts = { seats: done.total, copies: done.prepared + done.existing };
    }
    if (counts.copies >= counts.seats && now >= opensAt(clock)) complete.add(s.id);
  }
  return prepared;
}

/** Submits the attempts that are due, each in its own transaction (locked, re-checked); one audit entry per sitting. */
export async function submitDue(db: Db, now = new Date()): Promise<number> {
  const due = (await repo.dueAttempts(db, now, ANSWER_GRACE_SECONDS)).filter((a) =>
    isDue(
      clockOf({ date: a.date, startTime: a.startTime, durationMinutes: a.durationMinutes, lateEntryMinutes: 0, minMinutesBeforeSubmit: 0 }),
      now,
      a.extraMinutes,
    ),
  );
  const bySitting = new Map<string, number>();
  for (const d of due) {
    const done = await db.transaction(async (tx) => {
      const a = await repo.findAttempt(tx, d.id, true);
      if (!a || (a.status !== 'signed_in' && a.status !== 'writing')) return false;
      const s = await repo.findSitting(tx, a.sittingId);
      if (!s || !isDue(clockOf(s), now, a.extraMinutes)) return false;
      await finalizeAttempt(tx, a, 'deadline', { actorId: null, address: null }, now);
      return true;
    });
    if (done) bySitting.set(d.sittingId, (bySitting.get(d.sittingId) ?? 0) + 1);
  }
  for (const [sittingId, count] of bySitting) {
    await inTransaction(db, { actor: null, requestId: 'exam-sweeper' }, (_tx, audit) =>
      audit({ action: 'exam.auto_submit', targetType: 'sitting', targetId: sittingId, after: { attempts: count, at: now.toISOString() } }),
    );
  }
  return due.length ? [...bySitting.values()].reduce((x, y) => x + y, 0) : 0;
}

/** Starts the sweeper (one sweep now, then every `seconds`); the returned function stops it and waits for a running sweep. */
export function startExamSweeper(db: Db, log: Pick<FastifyBaseLogger, 'error' | 'info'>, seconds = SWEEP_SECONDS): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = sweepExams(db)
      .then((r) => {
        if (r.prepared || r.submitted) log.info({ ...r }, 'exam sweeper');
      })
      .catch((err: unknown) => log.error({ err }, 'exam sweeper failed'))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
