import type { ExamSettings, ExamSettingsBody, PrepareResult, RoomCandidate, RoomEvents, RoomView } from '@skillcert/shared/api/exams';
import { isWithinRegion } from '@skillcert/shared/validators/region-code';
import { type Audit, inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { conflict, notFound, unprocessable } from '../../http/errors.ts';
import { type Actor, requireAction } from '../access/policy.ts';
import { prepareSitting, requireTheoryPaper } from './exams.copies.ts';
import * as repo from './exams.repository.ts';
import { deadline, entryClosesAt, opensAt, parseIp } from './exams.rules.ts';
import { clockOfSitting, loadSitting } from './exams.service.ts';
import { finalizeAttempt } from './exams.submit.ts';

/**
 * The invigilator's room (考场): who is in, writing, submitted; identity against the photo; 缺考; takeovers; extra time;
 * submission on a candidate's behalf; the live event log. Run by the school's offices and by an assessor staffed in the
 * sitting; read by HR over the region and by the plan's supervisors.
 */

/** Out of scope reads as missing (404). `write`: run the room (not just watch it). */
async function requireRoom(ex: Executor, actor: Actor, s: repo.SittingRow, write: boolean): Promise<void> {
  requireAction(actor, write ? 'exam.invigilate' : 'exam.monitor');
  if (actor.orgKind === 'school' && actor.role !== 'assessor' && actor.orgId === s.orgId) return;
  if (actor.role === 'assessor' && (await repo.isStaffedIn(ex, s.id, actor.userId))) return;
  if (!write) {
    if (actor.role === 'admin') return;
    if (actor.role === 'supervisor' && (await repo.isSupervisorOf(ex, s.planId, actor.userId))) return;
    if (actor.orgKind === 'hr_bureau' && isWithinRegion(actor.regionCode, s.regionCode)) return;
  }
  throw notFound('sitting');
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function candidateOf(r: Awaited<ReturnType<typeof repo.roomRows>>[number], s: repo.SittingRow): RoomCandidate {
  return {
    attemptId: r.id,
    enrolmentId: r.enrolment_id,
    seat: r.seat,
    examNumber: r.exam_number,
    name: r.name,
    photoUrl: r.has_photo ? `/api/sittings/${s.id}/attempts/${r.id}/photo` : null,
    status: r.status as RoomCandidate['status'],
    submittedHow: (r.submitted_how as RoomCandidate['submittedHow']) ?? null,
    identityConfirmed: r.identity_confirmed_at !== null,
    answeredCount: Number(r.answered),
    itemCount: Number(r.items),
    switchCount: Number(r.switch_count),
    lastSeen: iso(r.last_seen),
    extraMinutes: Number(r.extra_minutes),
    deadline: deadline(clockOfSitting(s), Number(r.extra_minutes)).toISOString(),
    takeoverUntil: iso(r.takeover_until),
    address: r.address,
  };
}

export async function room(ctx: UseCaseContext, sittingId: string): Promise<RoomView> {
  const s = await loadSitting(ctx.db, sittingId);
  await requireRoom(ctx.db, ctx.actor, s, false);
  const clock = clockOfSitting(s);
  const candidates = (await repo.roomRows(ctx.db, s.id)).map((r) => candidateOf(r, s));
  const counts: Record<string, number> = { prepared: 0, signed_in: 0, writing: 0, submitted: 0, absent: 0 };
  for (const c of candidates) counts[c.status] = (counts[c.status] ?? 0) + 1;
  const seats = await repo.countSeats(ctx.db, s.id);
  return {
    sitting: {
      id: s.id,
      planId: s.planId,
      planTitle: s.planTitle,
      date: s.date,
      startTime: s.startTime,
      endTime: s.endTime,
      site: s.site,
      room: s.room,
      startsAt: clock.startsAt.toISOString(),
      opensAt: opensAt(clock).toISOString(),
      entryClosesAt: entryClosesAt(clock).toISOString(),
      endsAt: deadline(clock).toISOString(),
      switchLimit: s.switchLimit,
      autoSubmitAtSwitchLimit: s.autoSubmitAtSwitchLimit,
      allowedAddresses: s.allowedAddresses ?? [],
    },
    serverNow: new Date().toISOString(),
    candidates,
    counts,
    unprepared: seats.seats - seats.copies,
  };
}

export async function roomEvents(ctx: UseCaseContext, sittingId: string, q: { after: number; limit: number }): Promise<RoomEvents> {
  const s = await loadSitting(ctx.db, sittingId);
  await requireRoom(ctx.db, ctx.actor, s, false);
  const rows = await repo.eventsAfter(ctx.db, s.id, q.after, q.limit);
  return {
    items: rows.map((e) => ({ ...e, data: e.data ?? null, at: e.at.toISOString() })),
    lastId: rows.length ? rows[rows.length - 1]!.id : q.after,
  };
}

export async function attemptPhoto(ctx: UseCaseContext, sittingId: string, attemptId: string): Promise<Buffer> {
  const s = await loadSitting(ctx.db, sittingId);
  await requireRoom(ctx.db, ctx.actor, s, false);
  const a = await repo.findAttempt(ctx.db, attemptId);
  if (!a || a.sittingId !== s.id) throw notFound('attempt');
  const photo = await repo.photoOfAttempt(ctx.db, a.id);
  if (!photo) throw notFound('photo');
  return photo;
}

/** Prepares the candidates' copies now (also done by the sweeper ahead of the doors opening). Idempotent. */
export async function prepare(ctx: UseCaseContext, sittingId: string): Promise<PrepareResult> {
  const s = await loadSitting(ctx.db, sittingId);
  await requireRoom(ctx.db, ctx.actor, s, true);
  requireTheoryPaper(s);
  const result = await prepareSitting(ctx.db, s);
  await inTransaction(ctx.db, ctx, (_tx, audit) => audit({ action: 'exam.prepare', targetType: 'sitting', targetId: s.id, after: result }));
  return result;
}

// --- Settings: allowed addresses, switch policy ---------------------------------------------------------------------------

export async function settings(ctx: UseCaseContext, sittingId: string): Promise<ExamSettings> {
  const s = await loadSitting(ctx.db, sittingId);
  await requireRoom(ctx.db, ctx.actor, s, false);
  return { allowedAddresses: s.allowedAddresses ?? [], switchLimit: s.switchLimit, autoSubmitAtSwitchLimit: s.autoSubmitAtSwitchLimit };
}

/** The school's offices set a sitting's allowed addresses and its part's switch policy (not an assessor). */
export async function updateSettings(ctx: UseCaseContext, sittingId: string, body: ExamSettingsBody): Promise<ExamSettings> {
  const before = await loadSitting(ctx.db, sittingId);
  await requireRoom(ctx.db, ctx.actor, before, true);
  if (ctx.actor.orgKind !== 'school' || ctx.actor.role === 'assessor') throw notFound('sitting');
  const bad = (body.allowedAddresses ?? []).filter((a) => !parseIp(a.split('/')[0] ?? '') || !cidrBitsOk(a));
  if (bad.length) throw unprocessable('EXAM.BAD_ADDRESS', { addresses: bad });
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    if (body.allowedAddresses) await repo.saveSittingSettings(tx, before.id, body.allowedAddresses, ctx.actor.userId);
    await repo.savePartSwitchPolicy(tx, before.partId, { switchLimit: body.switchLimit, autoSubmitAtSwitchLimit: body.autoSubmitAtSwitchLimit });
    await audit({
      action: 'exam.settings',
      targetType: 'sitting',
      targetId: before.id,
      before: { allowedAddresses: before.allowedAddresses ?? [], switchLimit: before.switchLimit, autoSubmitAtSwitchLimit: before.autoSubmitAtSwitchLimit },
      after: body,
    });
  });
  return settings(ctx, sittingId);
}

function cidrBitsOk(cidr: string): boolean {
  const [base = '', bits] = cidr.split('/');
  if (bits === undefined) return true;
  const ip = parseIp(base);
  const n = Number(bits);
  return ip !== null && Number.isInteger(n) && n >= 0 && n <= ip.length * 8;
}

// --- Actions on one attempt -------------------------------------------------------------------------------------------

type Action = (tx: Tx, a: repo.AttemptRow, s: repo.SittingRow, now: Date, audit: Audit) => Promise<void>;

/** The staff member's client address, logged with the events their actions write. */
export type StaffContext = UseCaseContext & { address?: string };

async function onAttempt(ctx: StaffContext, sittingId: string, attemptId: string, action: Action): Promise<RoomCandidate> {
  const s = await loadSitting(ctx.db, sittingId);
  await requireRoom(ctx.db, ctx.actor, s, true);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const a = await repo.findAttempt(tx, attemptId, true);
    if (!a || a.sittingId !== s.id) throw notFound('attempt');
    await action(tx, a, s, new Date(), audit);
  });
  const row = (await repo.roomRows(ctx.db, s.id)).find((r) => r.id === attemptId);
  if (!row) throw notFound('attempt');
  return candidateOf(row, s);
}

const event = (ctx: StaffContext, a: repo.AttemptRow, kind: string, data: Record<string, unknown>, now: Date) => ({
  attemptId: a.id,
  sittingId: a.sittingId,
  kind,
  data,
  actorId: ctx.actor.userId,
  address: ctx.address ?? null,
  at: now,
});

/** 核验身份: the invigilator confirms the person against the enrolment photo. */
export function confirmIdentity(ctx: StaffContext, sittingId: string, attemptId: string): Promise<RoomCandidate> {
  return onAttempt(ctx, sittingId, attemptId, async (tx, a, _s, now, audit) => {
    if (a.status === 'absent') throw conflict('EXAM.ABSENT');
    if (a.identityConfirmedAt) return;
    await repo.updateAttempt(tx, a.id, { identityConfirmedAt: now, identityConfirmedBy: ctx.actor.userId });
    await repo.insertEvent(tx, event(ctx, a, 'identity_confirmed', {}, now));
    await audit({ action: 'exam.confirm_identity', targetType: 'exam_attempt', targetId: a.id });
  });
}

/** 缺考: a candidate who never signed in; the theory part's result is written as absent. */
export function markAbsent(ctx: StaffContext, sittingId: string, attemptId: string, reason: string | undefined): Promise<RoomCandidate> {
  return onAttempt(ctx, sittingId, attemptId, async (tx, a, _s, now, audit) => {
    if (a.status === 'absent') return;
    if (a.status !== 'prepared') throw conflict('EXAM.ALREADY_IN');
    await repo.updateAttempt(tx, a.id, { status: 'absent' });
    await repo.insertPartResult(tx, {
      enrolmentId: a.enrolmentId,
      partId: a.partId,
      planId: a.planId,
      score: null,
      absent: true,
      source: 'absent',
      detail: { attemptId: a.id, ...(reason ? { reason } : {}) },
      recordedBy: ctx.actor.userId,
      at: now,
    });
    await repo.insertEvent(tx, event(ctx, a, 'absent', reason ? { reason } : {}, now));
    await audit({ action: 'exam.absent', targetType: 'exam_attempt', targetId: a.id, after: { reason: reason ?? null } });
  });
}

/** A second device may take over within `minutes`, once (the first other device that enters uses it up). */
export function allowTakeover(ctx: StaffContext, sittingId: string, attemptId: string, body: { minutes: number; reason?: string | undefined }) {
  return onAttempt(ctx, sittingId, attemptId, async (tx, a, _s, now, audit) => {
    if (a.status !== 'signed_in' && a.status !== 'writing') throw conflict('EXAM.NOT_IN_PROGRESS');
    const until = new Date(now.getTime() + body.minutes * 60_000);
    await repo.updateAttempt(tx, a.id, { takeoverUntil: until, takeoverAllowedBy: ctx.actor.userId });
    await repo.insertEvent(tx, event(ctx, a, 'takeover_allowed', { until: until.toISOString(), reason: body.reason ?? null }, now));
    await audit({ action: 'exam.allow_takeover', targetType: 'exam_attempt', targetId: a.id, after: { until, reason: body.reason ?? null } });
  });
}

/** Extra time for a named candidate (accommodation), with the reason; a further grant adds to it. */
export function extraTime(ctx: StaffContext, sittingId: string, attemptId: string, body: { minutes: number; reason: string }) {
  return onAttempt(ctx, sittingId, attemptId, async (tx, a, s, now, audit) => {
    if (a.status === 'submitted' || a.status === 'absent') throw conflict(a.status === 'absent' ? 'EXAM.ABSENT' : 'EXAM.SUBMITTED');
    const total = a.extraMinutes + body.minutes;
    await repo.updateAttempt(tx, a.id, { extraMinutes: total });
    await repo.insertEvent(
      tx,
      event(
        ctx,
        a,
        'time_extended',
        { minutes: body.minutes, totalMinutes: total, reason: body.reason, deadline: deadline(clockOfSitting(s), total).toISOString() },
        now,
      ),
    );
    await audit({
      action: 'exam.extra_time',
      targetType: 'exam_attempt',
      targetId: a.id,
      before: { extraMinutes: a.extraMinutes },
      after: { extraMinutes: total, reason: body.reason },
    });
  });
}

/** 代交卷: the invigilator submits for the candidate (illness, a broken device), with the reason. */
export function submitOnBehalf(ctx: StaffContext, sittingId: string, attemptId: string, reason: string) {
  return onAttempt(ctx, sittingId, attemptId, async (tx, a, _s, now, audit) => {
    if (a.status === 'submitted') return;
    if (a.status !== 'signed_in' && a.status !== 'writing') throw conflict('EXAM.NOT_IN_PROGRESS');
    await finalizeAttempt(tx, a, 'invigilator', { actorId: ctx.actor.userId, address: ctx.address ?? null, reason }, now);
    await audit({ action: 'exam.submit_on_behalf', targetType: 'exam_attempt', targetId: a.id, after: { reason } });
  });
}
