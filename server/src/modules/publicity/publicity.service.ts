import { fieldIssue } from '@skillcert/shared/validation-key';
import { publicCache } from '../../http/public-cache.ts';
import { randomInt } from 'node:crypto';
import type { PartKind } from '@skillcert/shared/api/plans';
import type {
  CandidateResultView,
  ClearanceLine,
  ObjectionBody,
  ObjectionView,
  PartVerdict,
  PublicityAdmin,
  PublicityLine,
  PublicitySummary,
  PublicObjection,
  PublicPublicity,
  ResultOutcome,
} from '@skillcert/shared/api/results';
import { maskName } from '@skillcert/shared/validators/mask';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Db, Executor } from '../../db/client.ts';
import { AppError, conflict, notFound } from '../../http/errors.ts';
import { type WorkingDayWindow, workingDayWindow } from '../../lib/working-days.ts';
import { requireAction } from '../access/policy.ts';
import { claimAttempt } from '../auth/throttle.service.ts';
import * as plans from '../plans/plans.repository.ts';
import { transitionPlan } from '../plans/plans.service.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import * as repo from '../results/results.repository.ts';
import { clearance, mayObject } from '../results/results.rules.ts';
import { computeResults, loadPlan, type PlanRow } from '../results/results.service.ts';

/**
 * 公示 (results publicity) and 异议 (objections). The clock is injectable so a test can publish "on" a fixed day (a
 * window over 国庆节 and its 调休) and lodge an objection after the window closed.
 */
export const clock = { now: (): Date => new Date() };

/** What was published, kept as it was shown (masked names), so later edits cannot change history. */
export interface Snapshot {
  firstDay: string;
  lastDay: string;
  lines: (PublicityLine & { enrolmentId: string })[];
}

const snapshotOf = (row: repo.PublicityRow) => row.snapshot as Snapshot;

/** The list as published: masked names (段*), the first exam number, the outcome and each part. */
export function snapshotFor(items: CandidateResultView[], w: Pick<WorkingDayWindow, 'firstDay' | 'lastDay'>): Snapshot {
  return {
    firstDay: w.firstDay,
    lastDay: w.lastDay,
    lines: items.map((i) => ({
      enrolmentId: i.enrolmentId,
      examNumber: i.examNumbers[0] ?? '',
      name: maskName(i.name),
      outcome: i.outcome,
      parts: i.parts.map((x) => ({ kind: x.kind, score: x.score, verdict: x.verdict, substituted: x.substituted })),
    })),
  };
}
const stateOf = (row: repo.PublicityRow, now: Date): 'running' | 'closed' => (row.closedAt || now > row.closesAt ? 'closed' : 'running');

function summaryOf(row: repo.PublicityRow, p: PlanRow, now: Date): PublicitySummary {
  const s = snapshotOf(row);
  return {
    planId: row.planId,
    title: p.title,
    orgName: p.orgName,
    occupationName: p.occupationName ?? p.specialItemName ?? null,
    level: p.level,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    firstDay: s.firstDay,
    lastDay: s.lastDay,
    workingDays: row.workingDays,
    calendarKnown: row.calendarKnown,
    state: stateOf(row, now),
    candidates: s.lines.length,
  };
}

// --- publishing ----------------------------------------------------------------------------------

/**
 * The institution publishes a plan's results: every candidate must have a final result; the window is the profile's
 * number of working days (Chinese holidays and 调休 from the calendar package); the list is stored as shown; the plan
 * moves marking → publicity. One transaction.
 */
export async function publish(ctx: UseCaseContext, planId: string, body: { workingDays?: number | undefined }): Promise<PublicityAdmin> {
  requireAction(ctx.actor, 'result.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadPlan(ctx, tx, planId, true);
    if (await repo.findPublicity(tx, planId)) throw conflict('PUBLICITY.ALREADY_PUBLISHED');
    if (p.status !== 'marking') throw conflict('PUBLICITY.NOT_READY', { status: p.status });
    const { items } = await computeResults(tx, planId);
    const pending = items.filter((i) => i.outcome === 'pending');
    if (pending.length) throw new AppError(409, 'PUBLICITY.PENDING_RESULTS', { enrolmentIds: pending.map((i) => i.enrolmentId) }, { count: pending.length });
    const profile = findProfile(p.profileId) ?? profileForRegion(p.regionCode);
    const workingDays = body.workingDays ?? profile.publicityWorkingDays.value;
    const now = clock.now();
    const w = workingDayWindow(now, workingDays);
    const snapshot = snapshotFor(items, w);
    await repo.insertPublicity(tx, {
      planId,
      opensAt: now,
      closesAt: w.closesAt,
      workingDays,
      calendarKnown: w.calendarKnown,
      snapshot,
      publishedBy: ctx.actor.userId,
    });
    await audit({
      action: 'publicity.publish',
      targetType: 'plan',
      targetId: planId,
      after: { opensAt: now.toISOString(), closesAt: w.closesAt.toISOString(), workingDays, calendarKnown: w.calendarKnown, candidates: items.length },
    });
    // The plan's own transition (history row, audit entry) inside the same transaction.
    await transitionPlan({ ...ctx, db: tx }, planId, { action: 'publish' });
  });
  return publicityAdmin(ctx, planId);
}

/** After the window: the publicity is marked closed and the plan moves publicity → closed (done when the institution reads it). */
async function settle(ctx: UseCaseContext, planId: string): Promise<void> {
  const now = clock.now();
  const row = await repo.findPublicity(ctx.db, planId);
  if (!row || row.closedAt || now <= row.closesAt) return;
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadPlan(ctx, tx, planId, true);
    const again = await repo.findPublicity(tx, planId);
    if (!again || again.closedAt) return;
    await repo.markPublicityClosed(tx, planId, now);
    await audit({ action: 'publicity.close', targetType: 'plan', targetId: planId, after: { closedAt: now.toISOString() } });
    if (p.status === 'publicity') await transitionPlan({ ...ctx, db: tx }, planId, { action: 'close' });
  });
}

// --- clearance -----------------------------------------------------------------------------------

export interface ClearedCandidate {
  enrolmentId: string;
  personId: string;
  parts: { kind: PartKind; score: number | null; substituted: boolean }[];
  processScore: number | null;
}

/**
 * Who is cleared for a certificate and who is blocked, and why: after the window, a passing candidate with no open
 * objection (异议) and no open supervision flag. An open objection about a candidate blocks that candidate only; an
 * open objection about the plan as a whole blocks every candidate of it until answered.
 */
export async function clearanceOf(ex: Executor, planId: string, now: Date = clock.now()) {
  const row = await repo.findPublicity(ex, planId);
  const { items } = await computeResults(ex, planId);
  const objections = (await repo.objectionsOf(ex, planId)).filter((o) => o.status === 'open');
  const planWide = objections.filter((o) => o.enrolmentId === null).length;
  const flags = await repo.openFlagsOf(ex, planId);
  const planFlags = flags.filter((f) => f.enrolmentId === null).length;
  const closesAt = row?.closesAt ?? new Date(8.64e15);
  return items.map((i) => {
    const verdict = clearance(
      {
        outcome: i.outcome,
        openObjections: planWide + objections.filter((o) => o.enrolmentId === i.enrolmentId).length,
        openFlags: planFlags + flags.filter((f) => f.enrolmentId === i.enrolmentId).length,
      },
      closesAt,
      now,
    );
    return { candidate: i, cleared: verdict.cleared, blocks: verdict.cleared ? [] : verdict.blocks };
  });
}

/** For the certificates module: the candidates of a plan cleared for certificates, with their part scores. */
export async function clearedCandidates(ex: Executor, planId: string): Promise<ClearedCandidate[]> {
  return (await clearanceOf(ex, planId))
    .filter((c) => c.cleared)
    .map(({ candidate: c }) => ({
      enrolmentId: c.enrolmentId,
      personId: c.personId,
      parts: c.parts.map((p) => ({ kind: p.kind, score: p.score, substituted: p.substituted })),
      processScore: c.processScore,
    }));
}

// --- the institution's screen ----------------------------------------------------------------------

function objectionView(o: Awaited<ReturnType<typeof repo.objectionsOf>>[number], lines: Snapshot['lines'], names: Map<string, string>): ObjectionView {
  const line = o.enrolmentId ? lines.find((l) => l.enrolmentId === o.enrolmentId) : undefined;
  return {
    id: o.id,
    trackingCode: o.trackingCode,
    enrolmentId: o.enrolmentId,
    examNumber: line?.examNumber ?? null,
    candidateName: o.enrolmentId ? (names.get(o.enrolmentId) ?? null) : null,
    name: o.name,
    contact: o.contact,
    text: o.text,
    status: o.status as ObjectionView['status'],
    answer: o.answer,
    answeredAt: o.answeredAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}

export async function publicityAdmin(ctx: UseCaseContext, planId: string): Promise<PublicityAdmin> {
  requireAction(ctx.actor, 'result.read');
  await loadPlan(ctx, ctx.db, planId);
  if (ctx.actor.role === 'school_admin' || ctx.actor.role === 'school_staff') await settle(ctx, planId);
  const p = await loadPlan(ctx, ctx.db, planId);
  const now = clock.now();
  const row = await repo.findPublicity(ctx.db, planId);
  const lines = row ? snapshotOf(row).lines : [];
  const cl = row ? await clearanceOf(ctx.db, planId, now) : [];
  const names = new Map(cl.map((c) => [c.candidate.enrolmentId, c.candidate.name]));
  return {
    planId,
    planStatus: p.status,
    publicity: row ? summaryOf(row, p, now) : null,
    objections: (await repo.objectionsOf(ctx.db, planId)).map((o) => objectionView(o, lines, names)),
    clearance: cl.map(
      (c): ClearanceLine => ({
        enrolmentId: c.candidate.enrolmentId,
        name: c.candidate.name,
        examNumber: c.candidate.examNumbers[0] ?? '',
        outcome: c.candidate.outcome,
        cleared: c.cleared,
        blocks: c.blocks,
      }),
    ),
  };
}

/** The institution answers an objection (a re-mark, where one is needed, is the marking module's; the answer says what was done). */
export async function answerObjection(ctx: UseCaseContext, planId: string, objectionId: string, answer: string): Promise<ObjectionView> {
  requireAction(ctx.actor, 'result.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    await loadPlan(ctx, tx, planId, true);
    const o = await repo.findObjection(tx, planId, objectionId, true);
    if (!o) throw notFound('objection');
    if (o.status !== 'open') throw conflict('OBJECTION.ALREADY_ANSWERED');
    await repo.answerObjection(tx, o.id, answer, ctx.actor.userId, clock.now());
    await audit({
      action: 'publicity.answer_objection',
      targetType: 'objection',
      targetId: o.id,
      before: { status: o.status },
      after: { status: 'answered', answer },
    });
  });
  const view = (await publicityAdmin(ctx, planId)).objections.find((o) => o.id === objectionId);
  if (!view) throw notFound('objection');
  return view;
}

// --- public (no login) -----------------------------------------------------------------------------

async function publicRow(db: Db, planId: string) {
  const row = await repo.findPublicity(db, planId);
  const p = row ? await plans.findPlan(db, planId) : undefined;
  if (!row || !p) throw notFound('publicity');
  return { row, p };
}

/** Publicities running now and those closed in the last 30 days, newest first. */
export async function publicList(db: Db): Promise<{ items: PublicitySummary[] }> {
  const now = clock.now();
  // The publicities with their plans (two queries, not one per plan), cached until a write to plans or publicities
  // (NOTIFY public_reads) drops them; which are recent and their state are worked out from the clock on every request.
  const listed = await publicCache(db).get('publicity-list', async () => {
    const rows = await repo.listPublicities(db, 200);
    const byId = new Map(
      (
        await plans.findPlans(
          db,
          rows.map((r) => r.planId),
        )
      ).map((p) => [p.id, p]),
    );
    return rows.flatMap((r) => {
      const p = byId.get(r.planId);
      return p ? [{ r, p }] : [];
    });
  });
  const items = listed.filter(({ r }) => now.getTime() - r.closesAt.getTime() < 30 * 86_400_000).map(({ r, p }) => summaryOf(r, p, now));
  return { items };
}

export async function publicDetail(db: Db, planId: string): Promise<PublicPublicity> {
  // The stored rows and the lines as shown are cached until a write to publicities or plans (NOTIFY public_reads) drops
  // them; the state (running / closed) is worked out from the clock on every request, and the answer for each state is
  // kept with the entry (the same answer object on every hit: its JSON text is made once, see sendJson).
  const entry = await publicCache(db).get(`publicity|${planId}`, async () => {
    const { row, p } = await publicRow(db, planId);
    const lines = snapshotOf(row).lines.map(
      (l): PublicityLine => ({
        examNumber: l.examNumber,
        name: l.name,
        outcome: l.outcome as ResultOutcome,
        parts: l.parts.map((x) => ({ kind: x.kind, score: x.score, verdict: x.verdict as PartVerdict, substituted: x.substituted })),
      }),
    );
    return { row, p, lines, byState: new Map<string, PublicPublicity>() };
  });
  const now = clock.now();
  const state = stateOf(entry.row, now);
  let answer = entry.byState.get(state);
  if (!answer) {
    answer = { ...summaryOf(entry.row, entry.p, now), lines: entry.lines };
    entry.byState.set(state, answer);
  }
  return answer;
}

/** Readable, unambiguous letters and digits (no 0/O, 1/I/L, U): 5 + 5 of 30 symbols ≈ 49 bits. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
export function newTrackingCode(): string {
  const pick = () => Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}
const normaliseCode = (code: string) =>
  code
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
const formatCode = (code: string) => (code.length === 10 ? `${code.slice(0, 5)}-${code.slice(5)}` : code);

/** Anyone lodges an objection during publicity, about a candidate (by exam number) or the plan; throttled per address. */
export async function lodgeObjection(db: Db, planId: string, body: ObjectionBody, who: { ip: string; requestId: string }): Promise<{ trackingCode: string }> {
  const { row } = await publicRow(db, planId);
  await claimAttempt(db, { address: `objection-ip|${who.ip}`, pair: `objection|${planId}|${who.ip}` }, 'PUBLICITY.THROTTLED');
  const refusal = mayObject(row, clock.now());
  if (refusal) throw conflict(refusal);
  let enrolmentId: string | null = null;
  if (body.examNumber) {
    const wanted = body.examNumber.toUpperCase();
    const line = snapshotOf(row).lines.find((l) => l.examNumber.toUpperCase() === wanted);
    const seat = line ? undefined : (await repo.seatsOf(db, planId)).find((s) => s.examNumber.toUpperCase() === wanted);
    enrolmentId = line?.enrolmentId ?? seat?.enrolmentId ?? null;
    if (!enrolmentId) throw new AppError(422, 'PUBLICITY.UNKNOWN_EXAM_NUMBER', { issues: [fieldIssue('body.examNumber', 'valid.notInPublicity')] });
  }
  const trackingCode = newTrackingCode();
  await inTransaction(db, { actor: null, requestId: who.requestId }, async (tx, audit) => {
    const o = await repo.insertObjection(tx, {
      planId,
      enrolmentId,
      trackingCode,
      name: body.name,
      contact: body.contact,
      text: body.text,
      createdAt: clock.now(),
    });
    await audit({ action: 'publicity.objection', targetType: 'objection', targetId: o.id, after: { planId, enrolmentId, trackingCode } });
  });
  return { trackingCode };
}

/** The objection's status and answer for whoever holds the code — never the objector's contact. */
export async function trackObjection(db: Db, code: string): Promise<PublicObjection> {
  const o = await repo.findObjectionByCode(db, formatCode(normaliseCode(code)));
  if (!o) throw notFound('objection');
  const p = await plans.findPlan(db, o.planId);
  const row = await repo.findPublicity(db, o.planId);
  const line = o.enrolmentId && row ? snapshotOf(row).lines.find((l) => l.enrolmentId === o.enrolmentId) : undefined;
  return {
    trackingCode: o.trackingCode,
    planTitle: p?.title ?? '',
    examNumber: line?.examNumber ?? null,
    status: o.status as PublicObjection['status'],
    text: o.text,
    answer: o.answer,
    createdAt: o.createdAt.toISOString(),
    answeredAt: o.answeredAt?.toISOString() ?? null,
  };
}
