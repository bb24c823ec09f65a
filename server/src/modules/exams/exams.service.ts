import { createHash, randomBytes } from 'node:crypto';
import type { ExamAnswer, ExamAttemptState, ExamEventBody, ExamEventResult, MyExams, SaveAnswersResult } from '@skillcert/shared/api/exams';
import { type Db, type Executor, isEmbedded } from '../../db/client.ts';
import type { UseCaseContext } from '../../context.ts';
import { type GroupCommit, groupCommit } from '../../lib/group-commit.ts';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { requireAction } from '../access/policy.ts';
import { claimAttempt, settleSuccess } from '../auth/throttle.service.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { paperContent, prepareSeat, requireTheoryPaper, shownKeys, shownOptions } from './exams.copies.ts';
import * as repo from './exams.repository.ts';
import { requirePlanMayOperate } from '../sanctions/sanctions.service.ts';
import {
  addressAllowed,
  afterSwitch,
  type ClockRefusal,
  checkAnswer,
  checkEntry,
  checkResponse,
  checkSubmit,
  chinaDateTime,
  clockOf,
  deadline,
  entryClosesAt,
  isDue,
  mayTakeOver,
  opensAt,
  type Response,
  remainingSeconds,
  SWITCH_EVENTS,
  type SittingClock,
} from './exams.rules.ts';
import { finalizeAttempt } from './exams.submit.ts';

/**
 * The candidate's side of the theory exam. A candidate signs in (签到) with exam number + ID number, or enters from the
 * candidate account; either way they get an exam cookie bound to the attempt and the device. Every request then reads
 * the attempt from the database — a reload, a new browser tab or a server restart finds it exactly where it was.
 */

export interface Client {
  ip: string;
  requestId: string;
}

export const EXAM_COOKIE = 'skillcert_exam';
/** An exam cookie outlives the candidate's deadline by this much (to read the submitted state). */
const SESSION_HOURS_AFTER_DEADLINE = 6;
/** Plan states in which a sitting runs. */
const RUNNING = new Set(['in_progress']);

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** An instant as the message shows it: China date and time. */
export function chinaText(d: Date): string {
  const t = chinaDateTime(d);
  return `${t.date} ${t.time}`;
}

export function clockRefused(r: ClockRefusal): AppError {
  switch (r.code) {
    case 'EXAM.NOT_OPEN':
      return unprocessable(r.code, { opensAt: r.opensAt.toISOString() }, { opensAt: chinaText(r.opensAt) });
    case 'EXAM.ENTRY_CLOSED':
      return unprocessable(r.code, { closedAt: r.closedAt.toISOString() }, { closedAt: chinaText(r.closedAt) });
    case 'EXAM.TOO_EARLY_TO_SUBMIT':
      return unprocessable(r.code, { allowedFrom: r.allowedFrom.toISOString() }, { allowedFrom: chinaText(r.allowedFrom) });
    case 'EXAM.DEADLINE_PASSED':
      return unprocessable(r.code, { deadline: r.deadline.toISOString() }, { deadline: chinaText(r.deadline) });
  }
}

export async function loadSitting(ex: Executor, id: string): Promise<repo.SittingRow> {
  const s = await repo.findSitting(ex, id);
  if (!s) throw notFound('sitting');
  return s;
}

export const clockOfSitting = (s: repo.SittingRow): SittingClock => clockOf(s);

export function checkAddress(s: repo.SittingRow, ip: string): void {
  if (!addressAllowed(ip, s.allowedAddresses ?? [])) throw forbidden('EXAM.ADDRESS_NOT_ALLOWED', { address: ip });
}

/** The address an attempt writes from changed: logged (`address_changed`) and remembered. */
async function noteAddress(tx: Executor, a: repo.AttemptRow, ip: string, now: Date): Promise<void> {
  if (a.address === ip) return;
  if (a.address) {
    await repo.insertEvent(tx, { attemptId: a.id, sittingId: a.sittingId, kind: 'address_changed', data: { from: a.address, to: ip }, address: ip, at: now });
  }
  await repo.updateAttempt(tx, a.id, { address: ip });
  a.address = ip;
}

// --- The attempt as the candidate sees it ---------------------------------------------------------------------------

/** What the candidate's view needs of the sitting (the title, site and room come with the candidate's seat). */
type StateSitting = Pick<
  repo.SittingRow,
  'id' | 'date' | 'startTime' | 'durationMinutes' | 'lateEntryMinutes' | 'minMinutesBeforeSubmit' | 'switchLimit' | 'autoSubmitAtSwitchLimit'
>;

export async function stateOf(
  ex: Executor,
  a: repo.AttemptRow,
  s: StateSitting,
  now = new Date(),
  known: { answers?: Awaited<ReturnType<typeof repo.answersOf>>; people?: repo.PeopleRow } = {},
): Promise<ExamAttemptState> {
  const clock = clockOf(s);
  const people = known.people ?? (await repo.attemptPeople(ex, a.id));
  const showItems = a.status === 'writing' || a.status === 'submitted';
  const paper = showItems ? await paperContent(ex, a.paperId) : null;
  const answers = showItems ? (known.answers ?? (await repo.answersOf(ex, a.id))) : [];
  return {
    attemptId: a.id,
    status: a.status as ExamAttemptState['status'],
    submittedHow: (a.submittedHow as ExamAttemptState['submittedHow']) ?? null,
    examNumber: a.examNumber,
    candidateName: people?.name ?? '',
    photoUrl: people?.hasPhoto ? '/api/exam/photo' : null,
    sitting: { id: s.id, title: people?.planTitle ?? '', site: people?.site ?? '', room: people?.room ?? '', seat: people?.seat ?? null },
    serverNow: now.toISOString(),
    startsAt: clock.startsAt.toISOString(),
    opensAt: opensAt(clock).toISOString(),
    entryClosesAt: entryClosesAt(clock).toISOString(),
    deadline: deadline(clock, a.extraMinutes).toISOString(),
    remainingSeconds: a.status === 'submitted' || a.status === 'absent' ? 0 : remainingSeconds(clock, now, a.extraMinutes),
    minSubmitAt: new Date(clock.startsAt.getTime() + clock.minMinutesBeforeSubmit * 60_000).toISOString(),
    extraMinutes: a.extraMinutes,
    switchCount: a.switchCount,
    switchLimit: s.switchLimit,
    autoSubmitAtSwitchLimit: s.autoSubmitAtSwitchLimit,
    startedAt: a.startedAt?.toISOString() ?? null,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    items: paper
      ? a.layout.map((item, i) => {
          const content = paper.byId.get(item.itemId);
          return {
            itemId: item.itemId,
            position: i + 1,
            type: item.type as ExamAttemptState['items'][number]['type'],
            stem: content?.stem ?? '',
            points: item.points,
            options: shownOptions(item, content),
          };
        })
      : [],
    answers: answers.map((x) => ({ itemId: x.itemId, response: x.response as Response, flagged: x.flagged, seq: x.seq })),
  };
}

// --- Entering: sign-in with exam number + ID number, or from the candidate account -------------------------------------

export interface Entered {
  token: string;
  expiresAt: Date;
  state: ExamAttemptState;
}

interface SeatRef {
  seatAssignmentId: string;
  sittingId: string;
  enrolmentId: string;
  examNumber: string;
}

/**
 * 签到 with 准考证号 + 证件号码. The ID number is compared by the vault's keyed hash; an unknown exam number and a wrong
 * ID number answer the same (422 EXAM.BAD_CREDENTIALS), and guesses are throttled like logins (per address, and per
 * exam number and address).
 */
export async function signIn(
  db: Db,
  identity: IdentityVault,
  body: { examNumber: string; idNumber: string; deviceId: string },
  client: Client,
): Promise<Entered> {
  const keys = { address: `ip|${client.ip}`, pair: `exam|${body.examNumber.toUpperCase()}|${client.ip}` };
  await claimAttempt(db, keys);
  const seat = await repo.findSeatByExamNumber(db, body.examNumber);
  const hash = identity.hash(body.idNumber);
  if (!seat || seat.idHash !== hash || seat.enrolmentStatus !== 'enrolled') throw unprocessable('EXAM.BAD_CREDENTIALS');
  await settleSuccess(db, keys);
  return enter(db, seat, body.deviceId, client, { via: 'exam_number', actorId: null });
}

/** The candidate account enters one of its attempts. */
export async function enterFromAccount(ctx: UseCaseContext, attemptId: string, deviceId: string, client: Client): Promise<Entered> {
  requireAction(ctx.actor, 'candidate.self');
  const owner = await repo.attemptOwner(ctx.db, attemptId);
  const a = owner === ctx.actor.userId ? await repo.findAttempt(ctx.db, attemptId) : undefined;
  if (!a) throw notFound('attempt');
  return enter(ctx.db, a, deviceId, client, { via: 'account', actorId: ctx.actor.userId });
}

async function enter(
  db: Db,
  seat: SeatRef,
  deviceId: string,
  client: Client,
  how: { via: 'exam_number' | 'account'; actorId: string | null },
): Promise<Entered> {
  const now = new Date();
  try {
    return await db.transaction(async (tx) => {
      const s = await loadSitting(tx, seat.sittingId);
      requireTheoryPaper(s);
      if (!RUNNING.has(s.planStatus)) throw conflict('EXAM.PLAN_NOT_RUNNING');
      // R14: a suspended institution (or line) opens no exam door (sanctions module).
      await requirePlanMayOperate(tx, s.planId, now);
      checkAddress(s, client.ip);
      const clock = clockOfSitting(s);
      let a = await repo.findAttemptBySeat(tx, seat.seatAssignmentId, true);
      if (!a) {
        // The copy was not prepared ahead (the seat came late): build just this one.
        await prepareSeat(tx, s, seat);
        a = await repo.findAttemptBySeat(tx, seat.seatAssignmentId, true);
        if (!a) throw notFound('attempt');
      }
      if (a.status === 'absent') throw conflict('EXAM.ABSENT');
      if (a.status === 'prepared') {
        const refused = checkEntry(clock, now);
        if (refused) throw clockRefused(refused);
        await repo.updateAttempt(tx, a.id, { status: 'signed_in', signedInAt: now, deviceId, address: client.ip });
        await repo.insertEvent(tx, {
          attemptId: a.id,
          sittingId: a.sittingId,
          kind: 'signed_in',
          data: { via: how.via },
          address: client.ip,
          actorId: how.actorId,
          at: now,
        });
        a = { ...a, status: 'signed_in', signedInAt: now, deviceId, address: client.ip };
      } else if (a.status === 'signed_in' || a.status === 'writing') {
        const allowance = a.takeoverUntil ? { expiresAt: a.takeoverUntil, used: false } : null;
        const decision = mayTakeOver({ deviceId: a.deviceId ?? deviceId }, deviceId, allowance, now);
        if (decision === 'needs_invigilator') throw conflict('EXAM.OTHER_DEVICE');
        if (decision === 'allowed') {
          // Single use: the allowance is spent by this device; the old device's requests now answer EXAM.OTHER_DEVICE.
          await repo.updateAttempt(tx, a.id, { deviceId, takeoverUntil: null });
          await repo.insertEvent(tx, {
            attemptId: a.id,
            sittingId: a.sittingId,
            kind: 'takeover',
            data: { via: how.via, fromDevice: a.deviceId, toDevice: deviceId },
            address: client.ip,
            actorId: how.actorId,
            at: now,
          });
          a = { ...a, deviceId, takeoverUntil: null };
        } else {
          await repo.insertEvent(tx, {
            attemptId: a.id,
            sittingId: a.sittingId,
            kind: 'reconnect',
            data: { via: how.via, signIn: true },
            address: client.ip,
            actorId: how.actorId,
            at: now,
          });
        }
        await noteAddress(tx, a, client.ip, now);
        if (isDue(clock, now, a.extraMinutes)) {
          await finalizeAttempt(tx, a, 'deadline', { actorId: null, address: null }, now);
          a = (await repo.findAttempt(tx, a.id))!;
        }
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Math.max(deadline(clock, a.extraMinutes).getTime(), now.getTime()) + SESSION_HOURS_AFTER_DEADLINE * 3_600_000);
      await repo.insertSession(tx, { tokenHash: hashToken(token), attemptId: a.id, deviceId: a.deviceId ?? deviceId, expiresAt });
      return { token, expiresAt, state: await stateOf(tx, a, s, now) };
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'EXAM.OTHER_DEVICE') await logRefusedDevice(db, seat.seatAssignmentId, deviceId, client.ip, how.actorId);
    throw e;
  }
}

/** A second device was refused: the invigilator sees it in the live log (outside the refused transaction). */
async function logRefusedDevice(db: Db, seatAssignmentId: string, deviceId: string, ip: string, actorId: string | null): Promise<void> {
  const a = await repo.findAttemptBySeat(db, seatAssignmentId);
  if (a) await repo.insertEvent(db, { attemptId: a.id, sittingId: a.sittingId, kind: 'device_refused', data: { device: deviceId }, address: ip, actorId });
}

// --- Requests with the exam cookie --------------------------------------------------------------------------------------

interface Bound {
  a: repo.AttemptRow;
  s: repo.SittingRow;
  now: Date;
}

/**
 * No (or an expired) exam cookie: 409, not 401 — an exam page is not a login page, and a 401 would send the browser
 * to the account login.
 */
const noSession = () => conflict('EXAM.NO_SESSION');

async function sessionOf(db: Db, token: string | undefined) {
  const session = token ? await repo.findSession(db, hashToken(token)) : undefined;
  if (!session || session.expiresAt.getTime() < Date.now()) throw noSession();
  return session;
}

/**
 * Runs a candidate's write in one transaction with the attempt row locked: the cookie's device must still be the
 * attempt's device (a takeover moves it), the address must be allowed; an address change is logged.
 */
async function withAttempt<T>(db: Db, token: string | undefined, client: Client, fn: (tx: Executor, b: Bound) => Promise<T>): Promise<T> {
  const session = await sessionOf(db, token);
  return db.transaction(async (tx) => {
    const now = new Date();
    const a = await repo.findAttempt(tx, session.attemptId, true);
    if (!a) throw noSession();
    if (a.deviceId !== session.deviceId) throw conflict('EXAM.OTHER_DEVICE');
    const s = await loadSitting(tx, a.sittingId);
    checkAddress(s, client.ip);
    await noteAddress(tx, a, client.ip, now);
    return fn(tx, { a, s, now });
  });
}

export async function readAttempt(db: Db, token: string | undefined, client: Client): Promise<ExamAttemptState> {
  const session = await sessionOf(db, token);
  const a = await repo.findAttempt(db, session.attemptId);
  if (!a) throw noSession();
  if (a.deviceId !== session.deviceId) throw conflict('EXAM.OTHER_DEVICE');
  const s = await loadSitting(db, a.sittingId);
  checkAddress(s, client.ip);
  return stateOf(db, a, s);
}

export async function candidatePhoto(db: Db, token: string | undefined): Promise<Buffer> {
  const session = await sessionOf(db, token);
  const photo = await repo.photoOfAttempt(db, session.attemptId);
  if (!photo) throw notFound('photo');
  return photo;
}

function requireOpen(a: repo.AttemptRow): void {
  if (a.status === 'submitted') throw conflict('EXAM.SUBMITTED');
  if (a.status === 'absent') throw conflict('EXAM.ABSENT');
}

/**
 * Group commit of the hot path (lib/group-commit.ts): the session look-ups of start and autosave, and the autosaves'
 * writes, of all candidates whose requests arrive while the previous statement runs go as one statement — at 5,000
 * candidates (~500 autosaves/s) one write per batch instead of one per candidate. Each request keeps its own
 * semantics (its own device, address, seq check; all or none; its own answer), and a request whose attempt is not as
 * read takes the full path as before. Per database handle.
 *
 * Between requests the autosave keeps (`known`, by the cookie's hash) what its look-up read: what cannot change for an
 * exam cookie — its attempt, device and expiry (a cookie's row is never updated) and the attempt's copy (fixed when
 * prepared) — the extra minutes, which only grow (a stale value makes the quick path stricter, never looser; each save
 * answers the current value), and the sitting's clock and allowed addresses. The write re-checks all that can change
 * — the attempt's status, device and address under a share lock, the sitting's clock and addresses equal to those
 * checked — so a takeover, a submission, a moved clock or a changed address list, on this process or another, is
 * seen at once: the write does nothing, the full path answers, and the cookie is read afresh next time.
 */
interface HotPath {
  bound: GroupCommit<string, repo.BoundRow | undefined>;
  save: GroupCommit<repo.AutosaveRequest, repo.AutosaveStored | null>;
  /** Per request: the candidate's name and place once started, null when the attempt was not as read. */
  start: GroupCommit<repo.StartRequest, repo.PeopleRow | null>;
  known: Map<string, Known>;
}
/** What the hot path keeps of an exam cookie (by its token's hash). */
interface Known {
  attemptId: string;
  deviceId: string;
  expiresAt: Date;
  layout: repo.AttemptRow['layout'];
  extraMinutes: number;
  s: repo.BoundRow['s'];
}
const hotPaths = new WeakMap<Db, HotPath>();
/** Statements in flight at once per kind: PGlite runs one at a time; a PostgreSQL pool of 10 overlaps a few. */
const HOT_PATH_CONCURRENCY = { pglite: 1, postgres: 3 } as const;
/** Cookies kept at most (a sitting's candidates many times over); past it, the oldest half is forgotten. */
const KNOWN_MAX = 50_000;

function hotPath(db: Db): HotPath {
  let h = hotPaths.get(db);
  if (!h) {
    const concurrency = HOT_PATH_CONCURRENCY[isEmbedded(db) ? 'pglite' : 'postgres'];
    h = {
      bound: groupCommit({
        maxBatch: 200,
        concurrency,
        runBatch: async (hashes: string[]) => {
          const rows = await repo.findBoundMany(db, [...new Set(hashes)]);
          const byHash = new Map(rows.map(({ tokenHash, ...row }) => [tokenHash, row]));
          return hashes.map((h) => byHash.get(h));
        },
      }),
      save: groupCommit({
        maxBatch: 200,
        concurrency,
        key: (r) => r.attemptId,
        runBatch: (requests) => repo.saveAnswersManyIfWriting(db, requests),
      }),
      start: groupCommit({
        maxBatch: 100,
        concurrency,
        key: (r) => r.attemptId,
        runBatch: (requests) => repo.startMany(db, requests),
      }),
      known: new Map(),
    };
    hotPaths.set(db, h);
  }
  return h;
}

/** The hot path's group commits of a database handle (the bench reports how large the batches were). */
export const hotPathStats = (db: Db) => ({
  lookups: hotPath(db).bound.stats,
  autosaves: hotPath(db).save.stats,
  starts: hotPath(db).start.stats,
});

/** Keeps what a look-up read of a cookie. */
function remember(h: HotPath, hash: string, b: repo.BoundRow): Known {
  if (h.known.size >= KNOWN_MAX) {
    let drop = h.known.size / 2;
    for (const key of h.known.keys()) {
      if (drop-- <= 0) break;
      h.known.delete(key);
    }
  }
  const k: Known = {
    attemptId: b.a.id,
    deviceId: b.session.deviceId,
    expiresAt: b.session.expiresAt,
    layout: b.a.layout,
    extraMinutes: b.a.extraMinutes,
    s: b.s,
  };
  h.known.set(hash, k);
  return k;
}

/**
 * The hot path's look-up (start, autosave): session, attempt, sitting and person in one read — or undefined when the
 * request is anything but the common case (no session, another device, an address to check or log), which then takes
 * the full path in a transaction (withAttempt) that answers it exactly.
 */
async function quickBound(db: Db, token: string | undefined, client: Client) {
  if (!token) return undefined;
  const hash = hashToken(token);
  const h = hotPath(db);
  const b = await h.bound.run(hash);
  if (!b || b.session.expiresAt.getTime() < Date.now()) return undefined;
  remember(h, hash, b);
  const { a, s } = b;
  if (a.deviceId !== b.session.deviceId || a.address !== client.ip || !addressAllowed(client.ip, s.allowedAddresses ?? [])) return undefined;
  return { ...b, now: new Date() };
}

/**
 * The autosave's look-up: what is known of the cookie (read once, then kept until the quick path fails for it) —
 * undefined when the cookie is unknown or expired or the address is not allowed (the full path answers).
 */
async function quickKnown(db: Db, token: string | undefined, client: Client) {
  if (!token) return undefined;
  const hash = hashToken(token);
  const h = hotPath(db);
  let k = h.known.get(hash);
  if (!k) {
    const b = await h.bound.run(hash);
    if (!b) return undefined;
    k = remember(h, hash, b);
  }
  if (k.expiresAt.getTime() >= Date.now() && addressAllowed(client.ip, k.s.allowedAddresses ?? [])) return { hash, k, now: new Date() };
  h.known.delete(hash);
  return undefined;
}

/** 开始答题: from the sitting's start; a started attempt resumes (idempotent). */
export async function start(db: Db, token: string | undefined, client: Client): Promise<ExamAttemptState> {
  // The start rush: one read, then (the first time) one statement that starts the attempt and reads the candidate's name
  // and place, each in a group commit with the other candidates starting at the same moment; anything unusual takes the
  // full path below.
  const b = await quickBound(db, token, client);
  if (b && b.a.status === 'signed_in') {
    const clock = clockOf(b.s);
    if (b.now >= clock.startsAt && !checkAnswer(clock, b.now, b.a.extraMinutes)) {
      const people = await hotPath(db).start.run({ attemptId: b.a.id, deviceId: b.session.deviceId, address: client.ip, at: b.now });
      if (people !== null) return stateOf(db, { ...b.a, status: 'writing', startedAt: b.now }, b.s, b.now, { answers: [], people });
    }
  }
  return withAttempt(db, token, client, async (tx, { a, s, now }) => {
    if (a.status === 'signed_in') {
      const clock = clockOfSitting(s);
      if (now < clock.startsAt) throw unprocessable('EXAM.NOT_STARTED', { startsAt: clock.startsAt.toISOString() }, { startsAt: chinaText(clock.startsAt) });
      const late = checkAnswer(clock, now, a.extraMinutes);
      if (late) throw clockRefused(late);
      await repo.updateAttempt(tx, a.id, { status: 'writing', startedAt: now });
      await repo.insertEvent(tx, { attemptId: a.id, sittingId: a.sittingId, kind: 'started', address: client.ip, at: now });
      a.status = 'writing';
      a.startedAt = now;
    }
    return stateOf(tx, a, s, now);
  });
}

/**
 * Saves a batch of answers as given, all or none: refused after the deadline (plus the grace for answers in flight), for
 * an item not on the candidate's copy, or for an answer that does not fit its item. An older seq never overwrites a
 * newer one; the answer says which seq is stored for each item.
 */
export async function saveAnswers(db: Db, token: string | undefined, client: Client, answers: ExamAnswer[]): Promise<SaveAnswersResult> {
  // The common case in one statement (shared with the other candidates saving at the same moment) that re-checks the
  // attempt under a share lock; when the attempt is not as known, or anything is refused, the full path below answers.
  const q = await quickKnown(db, token, client);
  if (q) {
    const { k, now } = q;
    const clock = clockOf(k.s);
    const latest = checkAnswer(clock, now, k.extraMinutes) ? undefined : latestValid(k.layout, answers);
    if (latest?.length) {
      const stored = await hotPath(db).save.run({ attemptId: k.attemptId, deviceId: k.deviceId, address: client.ip, sitting: k.s, at: now, rows: latest });
      if (stored) {
        k.extraMinutes = stored.extraMinutes;
        return { saved: stored.saved, serverNow: now.toISOString(), remainingSeconds: remainingSeconds(clock, now, stored.extraMinutes) };
      }
    }
    // Not the common case (or the attempt or sitting changed): the full path answers, and the cookie is read afresh next time.
    hotPath(db).known.delete(q.hash);
  }
  return withAttempt(db, token, client, async (tx, { a, s, now }) => {
    requireOpen(a);
    if (a.status !== 'writing') throw conflict('EXAM.NOT_STARTED');
    const clock = clockOfSitting(s);
    const late = checkAnswer(clock, now, a.extraMinutes);
    if (late) throw clockRefused(late);
    const onCopy = new Map(a.layout.map((i) => [i.itemId, i]));
    const notOnPaper = answers.filter((x) => !onCopy.has(x.itemId)).map((x) => x.itemId);
    if (notOnPaper.length) throw unprocessable('EXAM.ITEM_NOT_ON_PAPER', { itemIds: [...new Set(notOnPaper)] });
    const issues: { itemId: string; problem: string }[] = [];
    const latest = new Map<string, { itemId: string; response: Response; flagged: boolean; seq: number }>();
    for (const x of answers) {
      const item = onCopy.get(x.itemId)!;
      const response = x.response as Response;
      const problem = checkResponse({ type: item.type, shownKeys: shownKeys(item) }, response);
      if (problem) issues.push({ itemId: x.itemId, problem });
      const prev = latest.get(x.itemId);
      if (!prev || prev.seq < x.seq) latest.set(x.itemId, { itemId: x.itemId, response, flagged: x.flagged ?? false, seq: x.seq });
    }
    if (issues.length) throw unprocessable('EXAM.BAD_RESPONSE', { issues });
    const stored = await repo.saveAnswers(tx, a.id, [...latest.values()]);
    return {
      saved: stored.map((r) => ({ itemId: r.itemId, seq: r.seq })),
      serverNow: now.toISOString(),
      remainingSeconds: remainingSeconds(clock, now, a.extraMinutes),
    };
  });
}

/** The batch, one answer per item (the highest seq), when every answer is on the copy and fits its item; else undefined. */
function latestValid(layout: repo.AttemptRow['layout'], answers: ExamAnswer[]) {
  const onCopy = new Map(layout.map((i) => [i.itemId, i]));
  const latest = new Map<string, { itemId: string; response: Response; flagged: boolean; seq: number }>();
  for (const x of answers) {
    const item = onCopy.get(x.itemId);
    if (!item) return undefined;
    const response = x.response as Response;
    if (checkResponse({ type: item.type, shownKeys: shownKeys(item) }, response)) return undefined;
    const prev = latest.get(x.itemId);
    if (!prev || prev.seq < x.seq) latest.set(x.itemId, { itemId: x.itemId, response, flagged: x.flagged ?? false, seq: x.seq });
  }
  return [...latest.values()];
}

/** An integrity event from the browser; a switch (切屏) counts towards the part's limit and may submit the attempt. */
export async function recordEvent(db: Db, token: string | undefined, client: Client, body: ExamEventBody): Promise<ExamEventResult> {
  return withAttempt(db, token, client, async (tx, { a, s, now }) => {
    requireOpen(a);
    await repo.insertEvent(tx, { attemptId: a.id, sittingId: a.sittingId, kind: body.kind, data: body.data ?? null, address: client.ip, at: now });
    if (!(SWITCH_EVENTS as readonly string[]).includes(body.kind)) {
      return { switchCount: a.switchCount, switchLimit: s.switchLimit, verdict: 'none', status: a.status as ExamEventResult['status'] };
    }
    const count = a.switchCount + 1;
    await repo.updateAttempt(tx, a.id, { switchCount: count });
    const verdict = afterSwitch(count, { limit: s.switchLimit, autoSubmitAtLimit: s.autoSubmitAtSwitchLimit });
    let status = a.status;
    if (verdict.action === 'submit' && a.status === 'writing') {
      await finalizeAttempt(tx, { ...a, switchCount: count }, 'switch_limit', { actorId: null, address: client.ip }, now);
      status = 'submitted';
    }
    return { switchCount: count, switchLimit: s.switchLimit, verdict: verdict.action, status: status as ExamEventResult['status'] };
  });
}

/** 交卷: refused before the part's minimum time; a repeated submit answers the submitted state. */
export async function submit(db: Db, token: string | undefined, client: Client): Promise<ExamAttemptState> {
  return withAttempt(db, token, client, async (tx, { a, s, now }) => {
    if (a.status === 'submitted') return stateOf(tx, a, s, now);
    requireOpen(a);
    if (a.status !== 'writing') throw conflict('EXAM.NOT_STARTED');
    const early = checkSubmit(clockOfSitting(s), now);
    if (early) throw clockRefused(early);
    await finalizeAttempt(tx, a, 'candidate', { actorId: null, address: client.ip }, now);
    return stateOf(tx, (await repo.findAttempt(tx, a.id))!, s, now);
  });
}

// --- The candidate account -----------------------------------------------------------------------------------------

/** The candidate's theory sittings with their windows; a seat without a copy yet gets its copy here. */
export async function myExams(ctx: UseCaseContext): Promise<MyExams> {
  requireAction(ctx.actor, 'candidate.self');
  const now = new Date();
  for (const seat of await repo.seatsOfUserWithoutCopy(ctx.db, ctx.actor.userId)) {
    const s = await repo.findSitting(ctx.db, seat.sittingId);
    if (!s?.paperId) continue;
    const full = await repo.findSeat(ctx.db, seat.seatAssignmentId);
    if (full) await prepareSeat(ctx.db, s, full);
  }
  const rows = await repo.attemptsOfUser(ctx.db, ctx.actor.userId);
  const items: MyExams['items'] = [];
  for (const r of rows) {
    const s = await repo.findSitting(ctx.db, r.sittingId);
    if (!s) continue;
    const clock = clockOfSitting(s);
    const open = r.status === 'signed_in' || r.status === 'writing';
    const canEnter =
      RUNNING.has(s.planStatus) && ((r.status === 'prepared' && checkEntry(clock, now) === null) || (open && !isDue(clock, now, r.extraMinutes)));
    items.push({
      attemptId: r.attemptId,
      planId: r.planId,
      planTitle: r.planTitle,
      examNumber: r.examNumber,
      status: r.status as MyExams['items'][number]['status'],
      site: s.site,
      room: s.room,
      startsAt: clock.startsAt.toISOString(),
      opensAt: opensAt(clock).toISOString(),
      entryClosesAt: entryClosesAt(clock).toISOString(),
      deadline: deadline(clock, r.extraMinutes).toISOString(),
      canEnter,
    });
  }
  items.sort((x, y) => x.startsAt.localeCompare(y.startsAt));
  return { items, serverNow: now.toISOString() };
}
