import type { PGlite } from '@electric-sql/pglite';
import { and, asc, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db, Executor } from '../../db/client.ts';
import { isEmbedded, queryRows } from '../../db/client.ts';
import {
  enrolments,
  examAnswers,
  examAttempts,
  examEvents,
  examinerAccounts,
  examSessions,
  examSittingSettings,
  itemResponses,
  items,
  itemVersions,
  organisations,
  paperItems,
  papers,
  partResults,
  persons,
  planParts,
  plans,
  planSittings,
  planStaff,
  planSupervisors,
  seatAssignments,
  users,
} from '../../db/schema.ts';

// --- Sittings -------------------------------------------------------------------------------------------------------

const sittingColumns = {
  id: planSittings.id,
  planId: planSittings.planId,
  partId: planSittings.partId,
  date: planSittings.date,
  startTime: planSittings.startTime,
  endTime: planSittings.endTime,
  site: planSittings.site,
  room: planSittings.room,
  partKind: planParts.kind,
  paperId: planParts.paperId,
  durationMinutes: planParts.durationMinutes,
  lateEntryMinutes: planParts.lateEntryMinutes,
  minMinutesBeforeSubmit: planParts.minMinutesBeforeSubmit,
  switchLimit: planParts.switchLimit,
  autoSubmitAtSwitchLimit: planParts.autoSubmitAtSwitchLimit,
  planTitle: plans.title,
  planStatus: plans.status,
  orgId: plans.orgId,
  regionCode: organisations.regionCode,
  allowedAddresses: examSittingSettings.allowedAddresses,
};

/** A sitting with its part (clock, paper, switch policy), its plan (scope) and the exam settings. */
export async function findSitting(ex: Executor, sittingId: string) {
  const [row] = await ex
    .select(sittingColumns)
    .from(planSittings)
    .innerJoin(planParts, eq(planParts.id, planSittings.partId))
    .innerJoin(plans, eq(plans.id, planSittings.planId))
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .leftJoin(examSittingSettings, eq(examSittingSettings.sittingId, planSittings.id))
    .where(eq(planSittings.id, sittingId))
    .limit(1);
  return row;
}
export type SittingRow = NonNullable<Awaited<ReturnType<typeof findSitting>>>;

/** Is the user's 考评员 certificate staffed in the sitting (as invigilator, examiner or chief examiner)? */
export async function isStaffedIn(ex: Executor, sittingId: string, userId: string): Promise<boolean> {
  const rows = await ex
    .select({ id: planStaff.id })
    .from(planStaff)
    .innerJoin(examinerAccounts, eq(examinerAccounts.certificateNo, planStaff.certificateNo))
    .where(and(eq(planStaff.sittingId, sittingId), eq(examinerAccounts.userId, userId)))
    .limit(1);
  return rows.length > 0;
}

export async function isSupervisorOf(ex: Executor, planId: string, userId: string): Promise<boolean> {
  const rows = await ex
    .select({ u: planSupervisors.userId })
    .from(planSupervisors)
    .where(and(eq(planSupervisors.planId, planId), eq(planSupervisors.userId, userId)))
    .limit(1);
  return rows.length > 0;
}

export async function saveSittingSettings(ex: Executor, sittingId: string, allowedAddresses: string[], userId: string) {
  await ex
    .insert(examSittingSettings)
    .values({ sittingId, allowedAddresses, updatedBy: userId })
    .onConflictDoUpdate({ target: examSittingSettings.sittingId, set: { allowedAddresses, updatedBy: userId, updatedAt: new Date() } });
}

export async function savePartSwitchPolicy(ex: Executor, partId: string, v: { switchLimit?: number | null; autoSubmitAtSwitchLimit?: boolean }) {
  if (v.switchLimit === undefined && v.autoSubmitAtSwitchLimit === undefined) return;
  await ex.update(planParts).set(v).where(eq(planParts.id, partId));
}

/**
 * Theory sittings whose copies should be ready now: the part has a paper, the plan is running (acknowledged or
 * in progress), and the sitting's day is today or tomorrow (China time); the caller checks the clock.
 */
export async function upcomingTheorySittings(ex: Executor, days: string[]) {
  return ex
    .select({ id: planSittings.id, date: planSittings.date, startTime: planSittings.startTime })
    .from(planSittings)
    .innerJoin(planParts, eq(planParts.id, planSittings.partId))
    .innerJoin(plans, eq(plans.id, planSittings.planId))
    .where(
      and(
        inArray(planSittings.date, days),
        eq(planParts.kind, 'theory'),
        sql`${planParts.paperId} is not null`,
        inArray(plans.status, ['acknowledged', 'in_progress']),
      ),
    );
}

// --- Seats and copies -----------------------------------------------------------------------------------------------

/** Seats of the sitting (enrolled candidates) without a prepared copy, up to `limit`. */
export async function seatsWithoutCopy(ex: Executor, sittingId: string, limit: number) {
  return ex
    .select({
      seatAssignmentId: seatAssignments.id,
      enrolmentId: seatAssignments.enrolmentId,
      examNumber: seatAssignments.examNumber,
    })
    .from(seatAssignments)
    .innerJoin(enrolments, eq(enrolments.id, seatAssignments.enrolmentId))
    .leftJoin(examAttempts, eq(examAttempts.seatAssignmentId, seatAssignments.id))
    .where(and(eq(seatAssignments.sittingId, sittingId), eq(enrolments.status, 'enrolled'), isNull(examAttempts.id)))
    .orderBy(asc(seatAssignments.seat))
    .limit(limit);
}

export async function countSeats(ex: Executor, sittingId: string): Promise<{ seats: number; copies: number }> {
  const [row] = await queryRows<{ seats: number; copies: number }>(
    ex,
    sql`select count(*)::int as seats, count(a.id)::int as copies
          from ${seatAssignments} s join ${enrolments} e on e.id = s.enrolment_id and e.status = 'enrolled'
          left join ${examAttempts} a on a.seat_assignment_id = s.id
         where s.sitting_id = ${sittingId}`,
  );
  return { seats: Number(row?.seats ?? 0), copies: Number(row?.copies ?? 0) };
}

export async function insertCopies(ex: Executor, rows: (typeof examAttempts.$inferInsert)[]): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await ex.insert(examAttempts).values(rows).onConflictDoNothing({ target: examAttempts.seatAssignmentId }).returning({ id: examAttempts.id });
  return inserted.length;
}

/** The seat of an exam number (准考证号) with what sign-in checks: the person's ID hash and the enrolment's state. */
export async function findSeatByExamNumber(ex: Executor, examNumber: string) {
  const [row] = await ex
    .select({
      seatAssignmentId: seatAssignments.id,
      sittingId: seatAssignments.sittingId,
      enrolmentId: seatAssignments.enrolmentId,
      examNumber: seatAssignments.examNumber,
      idHash: persons.idHash,
      enrolmentStatus: enrolments.status,
    })
    .from(seatAssignments)
    .innerJoin(enrolments, eq(enrolments.id, seatAssignments.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(eq(seatAssignments.examNumber, examNumber))
    .limit(1);
  return row;
}

export async function findSeat(ex: Executor, seatAssignmentId: string) {
  const [row] = await ex
    .select({
      seatAssignmentId: seatAssignments.id,
      sittingId: seatAssignments.sittingId,
      enrolmentId: seatAssignments.enrolmentId,
      examNumber: seatAssignments.examNumber,
    })
    .from(seatAssignments)
    .where(eq(seatAssignments.id, seatAssignmentId))
    .limit(1);
  return row;
}

/** The paper's items (in paper order) with the content of the version the paper names. */
export async function paperWithContent(ex: Executor, paperId: string) {
  const [paper] = await ex.select({ id: papers.id, seed: papers.seed, totalScore: papers.totalScore }).from(papers).where(eq(papers.id, paperId)).limit(1);
  if (!paper) return undefined;
  const refs = await ex
    .select({
      itemId: paperItems.itemId,
      version: paperItems.version,
      points: paperItems.points,
      position: paperItems.position,
      type: items.type,
      currentVersion: items.version,
      stem: items.stem,
      options: items.options,
      answer: items.answer,
    })
    .from(paperItems)
    .innerJoin(items, eq(items.id, paperItems.itemId))
    .where(eq(paperItems.paperId, paperId))
    .orderBy(asc(paperItems.position));
  const versions = refs.length
    ? await ex
        .select({ itemId: itemVersions.itemId, version: itemVersions.version, content: itemVersions.content })
        .from(itemVersions)
        .where(
          inArray(
            itemVersions.itemId,
            refs.map((r) => r.itemId),
          ),
        )
    : [];
  return { paper, refs, versions };
}

// --- Attempts -------------------------------------------------------------------------------------------------------

const attemptColumns = {
  id: examAttempts.id,
  planId: examAttempts.planId,
  partId: examAttempts.partId,
  sittingId: examAttempts.sittingId,
  seatAssignmentId: examAttempts.seatAssignmentId,
  enrolmentId: examAttempts.enrolmentId,
  paperId: examAttempts.paperId,
  examNumber: examAttempts.examNumber,
  layout: examAttempts.layout,
  status: examAttempts.status,
  signedInAt: examAttempts.signedInAt,
  identityConfirmedAt: examAttempts.identityConfirmedAt,
  startedAt: examAttempts.startedAt,
  submittedAt: examAttempts.submittedAt,
  submittedHow: examAttempts.submittedHow,
  deviceId: examAttempts.deviceId,
  address: examAttempts.address,
  extraMinutes: examAttempts.extraMinutes,
  switchCount: examAttempts.switchCount,
  takeoverUntil: examAttempts.takeoverUntil,
  objectiveScore: examAttempts.objectiveScore,
  objectiveMax: examAttempts.objectiveMax,
  updatedAt: examAttempts.updatedAt,
};

export async function findAttempt(ex: Executor, id: string, forUpdate = false) {
  const q = ex.select(attemptColumns).from(examAttempts).where(eq(examAttempts.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}
export type AttemptRow = NonNullable<Awaited<ReturnType<typeof findAttempt>>>;

export async function findAttemptBySeat(ex: Executor, seatAssignmentId: string, forUpdate = false) {
  const q = ex.select(attemptColumns).from(examAttempts).where(eq(examAttempts.seatAssignmentId, seatAssignmentId)).limit(1);
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function updateAttempt(ex: Executor, id: string, v: Partial<typeof examAttempts.$inferInsert>) {
  await ex
    .update(examAttempts)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(examAttempts.id, id));
}

/** The candidate's name and photo presence, and the sitting's place. */
export async function attemptPeople(ex: Executor, attemptId: string) {
  const [row] = await ex
    .select({
      name: persons.name,
      hasPhoto: sql<boolean>`${persons.photo} is not null`,
      seat: seatAssignments.seat,
      planTitle: plans.title,
      site: planSittings.site,
      room: planSittings.room,
    })
    .from(examAttempts)
    .innerJoin(enrolments, eq(enrolments.id, examAttempts.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .innerJoin(seatAssignments, eq(seatAssignments.id, examAttempts.seatAssignmentId))
    .innerJoin(planSittings, eq(planSittings.id, examAttempts.sittingId))
    .innerJoin(plans, eq(plans.id, examAttempts.planId))
    .where(eq(examAttempts.id, attemptId))
    .limit(1);
  return row;
}

export type PeopleRow = Awaited<ReturnType<typeof attemptPeople>>;

export async function photoOfAttempt(ex: Executor, attemptId: string) {
  const [row] = await ex
    .select({ photo: persons.photo })
    .from(examAttempts)
    .innerJoin(enrolments, eq(enrolments.id, examAttempts.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(eq(examAttempts.id, attemptId))
    .limit(1);
  return row?.photo ?? null;
}

/**
 * Attempts still open (signed in or writing) whose deadline (China time start + duration + extra time) plus the grace
 * has passed at `now` — the sweeper's work, found by the database rather than by reading every open attempt of every
 * running sitting each few seconds (5,000 rows a sweep in a large sitting, competing with the candidates' requests).
 */
export async function dueAttempts(ex: Executor, now: Date, graceSeconds: number) {
  // Only sittings past their deadline before any extra time (extra minutes only add), then their open attempts by the
  // (sitting, status) index: while a sitting runs this reads none of its attempts — evaluated for every open attempt,
  // the sweep took ~30 ms of the embedded database's one thread every 5 s at 5,000 candidates (a stall each request
  // arriving meanwhile waited out).
  const deadline = (extra: SQL) => sql`(${planSittings.date}::text || 'T' || ${planSittings.startTime} || ':00+08:00')::timestamptz
              + make_interval(mins => ${planParts.durationMinutes} + ${extra}, secs => ${graceSeconds})
            < ${now.toISOString()}::timestamptz`;
  const past = ex.select({ id: planSittings.id }).from(planSittings).innerJoin(planParts, eq(planParts.id, planSittings.partId)).where(deadline(sql`0`));
  return ex
    .select({
      id: examAttempts.id,
      sittingId: examAttempts.sittingId,
      extraMinutes: examAttempts.extraMinutes,
      date: planSittings.date,
      startTime: planSittings.startTime,
      durationMinutes: planParts.durationMinutes,
    })
    .from(examAttempts)
    .innerJoin(planSittings, eq(planSittings.id, examAttempts.sittingId))
    .innerJoin(planParts, eq(planParts.id, examAttempts.partId))
    .where(and(inArray(examAttempts.sittingId, past), inArray(examAttempts.status, ['signed_in', 'writing']), deadline(sql`${examAttempts.extraMinutes}`)));
}

/** The candidate account's theory attempts. */
export async function attemptsOfUser(ex: Executor, userId: string) {
  return ex
    .select({
      attemptId: examAttempts.id,
      planId: examAttempts.planId,
      planTitle: plans.title,
      examNumber: examAttempts.examNumber,
      status: examAttempts.status,
      sittingId: examAttempts.sittingId,
      extraMinutes: examAttempts.extraMinutes,
    })
    .from(examAttempts)
    .innerJoin(enrolments, eq(enrolments.id, examAttempts.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .innerJoin(plans, eq(plans.id, examAttempts.planId))
    .where(eq(persons.userId, userId));
}

/** Seats of the candidate account in theory sittings that have no copy yet (their copy is built on entering). */
export async function seatsOfUserWithoutCopy(ex: Executor, userId: string) {
  return ex
    .select({ seatAssignmentId: seatAssignments.id, sittingId: seatAssignments.sittingId })
    .from(seatAssignments)
    .innerJoin(enrolments, eq(enrolments.id, seatAssignments.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .innerJoin(planParts, eq(planParts.id, seatAssignments.partId))
    .leftJoin(examAttempts, eq(examAttempts.seatAssignmentId, seatAssignments.id))
    .where(and(eq(persons.userId, userId), eq(planParts.kind, 'theory'), eq(enrolments.status, 'enrolled'), isNull(examAttempts.id)));
}

export async function attemptOwner(ex: Executor, attemptId: string): Promise<string | null> {
  const [row] = await ex
    .select({ userId: persons.userId })
    .from(examAttempts)
    .innerJoin(enrolments, eq(enrolments.id, examAttempts.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(eq(examAttempts.id, attemptId))
    .limit(1);
  return row?.userId ?? null;
}

// --- Room -----------------------------------------------------------------------------------------------------------

export async function roomRows(ex: Executor, sittingId: string) {
  return queryRows<{
    id: string;
    enrolment_id: string;
    plan_id: string;
    seat: number | null;
    exam_number: string;
    name: string;
    has_photo: boolean;
    status: string;
    submitted_how: string | null;
    identity_confirmed_at: Date | string | null;
    answered: number;
    items: number;
    switch_count: number;
    last_seen: Date | string | null;
    extra_minutes: number;
    takeover_until: Date | string | null;
    address: string | null;
  }>(
    ex,
    sql`select a.id, a.enrolment_id, a.plan_id, s.seat, a.exam_number, p.name, (p.photo is not null) as has_photo, a.status, a.submitted_how,
               a.identity_confirmed_at, jsonb_array_length(a.layout)::int as items, a.switch_count, a.extra_minutes, a.takeover_until, a.address,
               (select count(*)::int from ${examAnswers} x where x.attempt_id = a.id) as answered,
               greatest(a.updated_at, (select max(x.saved_at) from ${examAnswers} x where x.attempt_id = a.id)) as last_seen
          from ${examAttempts} a
          join ${seatAssignments} s on s.id = a.seat_assignment_id
          join ${enrolments} e on e.id = a.enrolment_id
          join ${persons} p on p.id = e.person_id
         where a.sitting_id = ${sittingId}
         order by s.seat, a.exam_number`,
  );
}

export async function eventsAfter(ex: Executor, sittingId: string, after: number, limit: number) {
  return ex
    .select({
      id: examEvents.id,
      attemptId: examEvents.attemptId,
      examNumber: examAttempts.examNumber,
      name: persons.name,
      kind: examEvents.kind,
      data: examEvents.data,
      address: examEvents.address,
      actorName: users.displayName,
      at: examEvents.at,
    })
    .from(examEvents)
    .innerJoin(examAttempts, eq(examAttempts.id, examEvents.attemptId))
    .innerJoin(enrolments, eq(enrolments.id, examAttempts.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .leftJoin(users, eq(users.id, examEvents.actorId))
    .where(and(eq(examEvents.sittingId, sittingId), gt(examEvents.id, after)))
    .orderBy(asc(examEvents.id))
    .limit(limit);
}

// --- Answers, events, sessions ----------------------------------------------------------------------------------------

export async function answersOf(ex: Executor, attemptId: string) {
  return ex
    .select({ itemId: examAnswers.itemId, response: examAnswers.response, flagged: examAnswers.flagged, seq: examAnswers.seq })
    .from(examAnswers)
    .where(eq(examAnswers.attemptId, attemptId));
}

/** Upserts a batch; a stored answer with a newer (or equal) seq is kept. Returns the stored seq of each item of the batch. */
export async function saveAnswers(ex: Executor, attemptId: string, rows: { itemId: string; response: unknown; flagged: boolean; seq: number }[]) {
  const now = new Date();
  await ex
    .insert(examAnswers)
    .values(rows.map((r) => ({ attemptId, itemId: r.itemId, response: r.response, flagged: r.flagged, seq: r.seq, savedAt: now })))
    .onConflictDoUpdate({
      target: [examAnswers.attemptId, examAnswers.itemId],
      set: { response: sql`excluded.response`, flagged: sql`excluded.flagged`, seq: sql`excluded.seq`, savedAt: sql`excluded.saved_at` },
      setWhere: sql`${examAnswers.seq} < excluded.seq`,
    });
  return ex
    .select({ itemId: examAnswers.itemId, seq: examAnswers.seq })
    .from(examAnswers)
    .where(
      and(
        eq(examAnswers.attemptId, attemptId),
        inArray(
          examAnswers.itemId,
          rows.map((r) => r.itemId),
        ),
      ),
    );
}

export async function insertEvent(ex: Executor, v: typeof examEvents.$inferInsert) {
  await ex.insert(examEvents).values(v);
}

export async function insertSession(ex: Executor, v: typeof examSessions.$inferInsert) {
  await ex.insert(examSessions).values(v);
}

export async function findSession(ex: Executor, tokenHash: string) {
  const [row] = await ex
    .select({ attemptId: examSessions.attemptId, deviceId: examSessions.deviceId, expiresAt: examSessions.expiresAt })
    .from(examSessions)
    .where(eq(examSessions.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** What the hot path (start, autosave) needs of the sitting: its clock, switch policy and allowed addresses. */
const boundSittingColumns = {
  id: planSittings.id,
  planId: planSittings.planId,
  partId: planSittings.partId,
  date: planSittings.date,
  startTime: planSittings.startTime,
  durationMinutes: planParts.durationMinutes,
  lateEntryMinutes: planParts.lateEntryMinutes,
  minMinutesBeforeSubmit: planParts.minMinutesBeforeSubmit,
  switchLimit: planParts.switchLimit,
  autoSubmitAtSwitchLimit: planParts.autoSubmitAtSwitchLimit,
  allowedAddresses: examSittingSettings.allowedAddresses,
};

/**
 * The candidate's hot path in one read (start, autosave), for every token of a group commit at once: the session of
 * each token with its attempt and the attempt's sitting clock, each row with its token's hash. Each relation probed by
 * key (LATERAL, LIMIT 1), so the plan stays a few index probes per token whatever the statistics (a ten-way join here
 * once cost ~100 ms of planning per request on the embedded database). Not locked: a write that depends on it
 * re-checks the attempt in its own statement.
 */
export async function findBoundMany(db: Db, tokenHashes: string[]) {
  if (!tokenHashes.length) return [];
  const rows = await hotRows<BoundSqlRow>(db, 'exam_bound_many', BOUND_MANY, [JSON.stringify(tokenHashes)]);
  return rows.map((r) => ({
    tokenHash: r.token_hash,
    session: { attemptId: r.id, deviceId: r.session_device_id, expiresAt: r.expires_at },
    a: {
      id: r.id,
      planId: r.plan_id,
      partId: r.part_id,
      sittingId: r.sitting_id,
      seatAssignmentId: r.seat_assignment_id,
      enrolmentId: r.enrolment_id,
      paperId: r.paper_id,
      examNumber: r.exam_number,
      layout: r.layout,
      status: r.status,
      signedInAt: r.signed_in_at,
      identityConfirmedAt: r.identity_confirmed_at,
      startedAt: r.started_at,
      submittedAt: r.submitted_at,
      submittedHow: r.submitted_how,
      deviceId: r.device_id,
      address: r.address,
      extraMinutes: r.extra_minutes,
      switchCount: r.switch_count,
      takeoverUntil: r.takeover_until,
      objectiveScore: r.objective_score,
      objectiveMax: r.objective_max,
      updatedAt: r.updated_at,
    },
    s: {
      id: r.s_id,
      planId: r.s_plan_id,
      partId: r.s_part_id,
      date: r.s_date,
      startTime: r.s_start_time,
      durationMinutes: r.duration_minutes,
      lateEntryMinutes: r.late_entry_minutes,
      minMinutesBeforeSubmit: r.min_minutes_before_submit,
      switchLimit: r.switch_limit,
      autoSubmitAtSwitchLimit: r.auto_submit_at_switch_limit,
      allowedAddresses: r.allowed_addresses,
    },
  }));
}
interface BoundSqlRow {
  token_hash: string;
  session_device_id: string;
  expires_at: Date;
  id: string;
  plan_id: string;
  part_id: string;
  sitting_id: string;
  seat_assignment_id: string;
  enrolment_id: string;
  paper_id: string;
  exam_number: string;
  layout: AttemptRow['layout'];
  status: string;
  signed_in_at: Date | null;
  identity_confirmed_at: Date | null;
  started_at: Date | null;
  submitted_at: Date | null;
  submitted_how: string | null;
  device_id: string | null;
  address: string | null;
  extra_minutes: number;
  switch_count: number;
  takeover_until: Date | null;
  objective_score: number | null;
  objective_max: number | null;
  updated_at: Date;
  s_id: string;
  s_plan_id: string;
  s_part_id: string;
  s_date: string;
  s_start_time: string;
  duration_minutes: number;
  late_entry_minutes: number;
  min_minutes_before_submit: number;
  switch_limit: number | null;
  auto_submit_at_switch_limit: boolean;
  allowed_addresses: string[] | null;
}
const BOUND_MANY = `select h.token_hash, t.device_id as session_device_id, t.expires_at,
       x.id, x.plan_id, x.part_id, x.sitting_id, x.seat_assignment_id, x.enrolment_id, x.paper_id, x.exam_number, x.layout, x.status,
       x.signed_in_at, x.identity_confirmed_at, x.started_at, x.submitted_at, x.submitted_how, x.device_id, x.address, x.extra_minutes,
       x.switch_count, x.takeover_until, x.objective_score, x.objective_max, x.updated_at,
       s.id as s_id, s.plan_id as s_plan_id, s.part_id as s_part_id, s.date as s_date, s.start_time as s_start_time, s.duration_minutes,
       s.late_entry_minutes, s.min_minutes_before_submit, s.switch_limit, s.auto_submit_at_switch_limit, s.allowed_addresses
  from jsonb_array_elements_text($1::jsonb) as h(token_hash)
  cross join lateral (select t.attempt_id, t.device_id, t.expires_at from exam_sessions t where t.token_hash = h.token_hash::char(64) limit 1) t
  cross join lateral (select * from exam_attempts x where x.id = t.attempt_id limit 1) x
  cross join lateral (
    select ps.id, ps.plan_id, ps.part_id, ps.date::text as date, ps.start_time, pp.duration_minutes, pp.late_entry_minutes,
           pp.min_minutes_before_submit, pp.switch_limit, pp.auto_submit_at_switch_limit, ss.allowed_addresses
      from plan_sittings ps join plan_parts pp on pp.id = ps.part_id left join exam_sitting_settings ss on ss.sitting_id = ps.id
     where ps.id = x.sitting_id limit 1) s`;
export type BoundRow = Omit<Awaited<ReturnType<typeof findBoundMany>>[number], 'tokenHash'>;

/** One candidate's 开始答题 in a group commit: the attempt as the caller read it (signed in on this device, from this address). */
export interface StartRequest {
  attemptId: string;
  deviceId: string;
  address: string;
  at: Date;
}

/**
 * 开始答题 for many candidates in ONE statement (the start rush's group commit): each attempt goes from signed_in to
 * writing if it is still signed in on the request's device and address (the row locked for update, so a takeover or a
 * submission comes wholly before or after), its `started` event is written with it, and the candidate's name and
 * place are read back for the answer. Per request: the name and place, or null when the attempt is no longer as the
 * caller read it. At most one request per attempt (the caller's group commit keys on the attempt).
 */
export async function startMany(db: Db, requests: StartRequest[]): Promise<(PeopleRow | null)[]> {
  if (!requests.length) return [];
  const reqs = JSON.stringify(requests.map((q, r) => ({ r, attempt_id: q.attemptId, device_id: q.deviceId, address: q.address, at: q.at.toISOString() })));
  const rows = await hotRows<{
    r: number;
    name: string | null;
    has_photo: boolean | null;
    seat: number | null;
    plan_title: string | null;
    site: string | null;
    room: string | null;
  }>(db, 'exam_start_many', START_MANY, [reqs]);
  const out: (PeopleRow | null)[] = requests.map(() => null);
  for (const x of rows) {
    out[Number(x.r)] =
      x.name === null || x.seat === null || x.plan_title === null
        ? undefined
        : { name: x.name, hasPhoto: Boolean(x.has_photo), seat: x.seat, planTitle: x.plan_title, site: x.site ?? '', room: x.room ?? '' };
  }
  return out;
}
/**
 * The attempt is found by key (LATERAL, LIMIT 1) and updated by key (id = ANY of the found ids): written as a join of
 * the update with the requests, with no statistics (PGlite never analyzes) the planner scanned the (sitting, status)
 * index for every signed-in attempt of the sitting and hashed them against the batch — 1,000 heap pages, 2.6 ms of
 * the embedded database's thread per start at 5,000 candidates (EXPLAIN ANALYZE; by key: 0.2 ms).
 */
const START_MANY = `with q as (
    select * from jsonb_to_recordset($1::jsonb) as q(r integer, attempt_id uuid, device_id varchar, address varchar, at timestamptz)),
  t as (
    select q.r, q.at, q.address, x.id from q
      cross join lateral (
        select x.id from exam_attempts x
         where x.id = q.attempt_id and x.status = 'signed_in' and x.device_id = q.device_id and x.address = q.address
         limit 1 for update) x),
  u as (
    update exam_attempts x set status = 'writing', started_at = t.at, updated_at = t.at from t
     where x.id = any(array(select t.id from t)) and x.id = t.id
    returning x.id, x.sitting_id, x.plan_id, x.enrolment_id, x.seat_assignment_id, t.r, t.address, t.at),
  e as (insert into exam_events (attempt_id, sitting_id, kind, address, at) select u.id, u.sitting_id, 'started', u.address, u.at from u)
  select u.r, p.name, p.has_photo, sa.seat, pl.title as plan_title, ps.site, ps.room from u
    left join lateral (
      select p.name, p.photo is not null as has_photo from enrolments e join persons p on p.id = e.person_id where e.id = u.enrolment_id limit 1) p on true
    left join lateral (select sa.seat from seat_assignments sa where sa.id = u.seat_assignment_id limit 1) sa on true
    left join lateral (select ps.site, ps.room from plan_sittings ps where ps.id = u.sitting_id limit 1) ps on true
    left join lateral (select pl.title from plans pl where pl.id = u.plan_id limit 1) pl on true`;

/**
 * One candidate's autosave in a group commit: the attempt and its sitting as the caller read them (the sitting's
 * clock and allowed addresses, which the caller checked), and the batch (one row per item).
 */
export interface AutosaveRequest {
  attemptId: string;
  deviceId: string;
  address: string;
  sitting: { id: string; date: string; startTime: string; durationMinutes: number; allowedAddresses: string[] | null };
  at: Date;
  rows: { itemId: string; response: unknown; flagged: boolean; seq: number }[];
}

/** What one request of an autosave group commit stored: the stored seq of each of its items, and the attempt's extra minutes now. */
export interface AutosaveStored {
  saved: { itemId: string; seq: number }[];
  extraMinutes: number;
}

/**
 * A hot-path statement in plain SQL, past the query builder (building a query cost more CPU than running it at 500
 * autosaves/s), parsed and planned once: on PostgreSQL a named statement (once per pooled connection); on PGlite (one
 * session) a PREPAREd statement run with EXECUTE — its parameters, all text (JSON), go as quoted literals, since
 * EXECUTE takes no bound parameters. A profile of the autosave at 500/s on PGlite showed parse and plan (Parse and Bind
 * messages) at ~40% of the statement's time, every time. Only on the database handle (never in a transaction); the
 * text names the tables, so it changes with them (PostgreSQL re-plans a prepared statement whose tables change).
 */
async function hotRows<T>(db: Db, name: string, text: string, values: string[]): Promise<T[]> {
  const client = (db as unknown as { $client: PGlite | pg.Pool }).$client;
  if (!isEmbedded(db)) return (await (client as pg.Pool).query<T & pg.QueryResultRow>({ name, text, values })).rows;
  const lite = client as PGlite;
  const execute = `execute ${name}(${values.map(literal).join(', ')})`;
  let names = preparedOn.get(lite);
  if (!names) preparedOn.set(lite, (names = new Set()));
  if (!names.has(name)) {
    await lite.exec(`prepare ${name}(${values.map(() => 'text').join(', ')}) as ${text}`);
    names.add(name);
  }
  return (await lite.query<T>(execute)).rows;
}
/** The statements PREPAREd on each embedded database (its one session keeps them until it closes). */
const preparedOn = new WeakMap<PGlite, Set<string>>();
/** A text value as an SQL literal (standard_conforming_strings is on: only the quote is special). */
const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;

/**
 * Every look-up below is a LATERAL sub-select with LIMIT 1 on a key, so the plan — a generic plan, once prepared — can
 * only probe by key, whatever the statistics say: with statistics from before the sitting (no attempt writing yet) the
 * planner joined each request against all the sitting's writing attempts, and a generic plan probed the answers by item
 * alone (EXPLAIN ANALYZE with 1,000 candidates, a batch of 50: 15 ms and 63 ms executing; by key 1.7 ms).
 */
const AUTOSAVE_MANY = `with q as (
    select * from jsonb_to_recordset($1::jsonb)
      as q(r integer, attempt_id uuid, device_id varchar, address varchar, sitting_id uuid, date date, start_time varchar, duration_minutes integer, allowed jsonb)),
  a as (
    select q.r, x.id, x.extra_minutes from q
      cross join lateral (
        select x.id, x.extra_minutes, x.sitting_id from exam_attempts x
         where x.id = q.attempt_id and x.status = 'writing' and x.device_id = q.device_id and x.address = q.address
         limit 1 for share) x
      cross join lateral (
        select ps.date, ps.start_time, pp.duration_minutes, ss.allowed_addresses from plan_sittings ps
          join plan_parts pp on pp.id = ps.part_id
          left join exam_sitting_settings ss on ss.sitting_id = ps.id
         where ps.id = x.sitting_id limit 1) s
     where x.sitting_id = q.sitting_id and s.date = q.date and s.start_time = q.start_time and s.duration_minutes = q.duration_minutes
       and coalesce(s.allowed_addresses, '[]'::jsonb) = q.allowed),
  b as (select * from jsonb_to_recordset($2::jsonb) as b(r integer, item_id uuid, response jsonb, flagged boolean, seq integer, saved_at timestamptz)),
  up as (
    insert into exam_answers (attempt_id, item_id, response, flagged, seq, saved_at)
    select a.id, b.item_id, b.response, b.flagged, b.seq, b.saved_at from b join a on a.r = b.r
    on conflict (attempt_id, item_id) do update
       set response = excluded.response, flagged = excluded.flagged, seq = excluded.seq, saved_at = excluded.saved_at
     where exam_answers.seq < excluded.seq
    returning attempt_id, item_id, seq)
  select a.r, a.extra_minutes, up.item_id, up.seq from up join a on a.id = up.attempt_id
  union all
  select a.r, a.extra_minutes, x.item_id, x.seq from b join a on a.r = b.r
    cross join lateral (select x.item_id, x.seq from exam_answers x where x.attempt_id = a.id and x.item_id = b.item_id limit 1) x
   where not exists (select 1 from up where up.attempt_id = a.id and up.item_id = x.item_id)`;

/**
 * Many candidates' autosaves in ONE statement (one round trip, one commit), all or none per request: each request's
 * answers are written only while its attempt is writing on its device from its address (the attempt row is
 * share-locked, so a submission — which locks it for update — comes wholly before or after) and its sitting's clock
 * and allowed addresses are still those the caller checked; a stored answer with a newer (or equal) seq is kept. Each request gets the stored seq of each of its items and its attempt's extra minutes,
 * or null when its attempt is no longer as the caller read it. At most one request per attempt (the caller's group
 * commit keys on the attempt): an upsert may not touch a row twice.
 */
export async function saveAnswersManyIfWriting(db: Db, requests: AutosaveRequest[]): Promise<(AutosaveStored | null)[]> {
  if (!requests.length) return [];
  const reqs = JSON.stringify(
    requests.map((q, r) => ({
      r,
      attempt_id: q.attemptId,
      device_id: q.deviceId,
      address: q.address,
      sitting_id: q.sitting.id,
      date: q.sitting.date,
      start_time: q.sitting.startTime,
      duration_minutes: q.sitting.durationMinutes,
      allowed: q.sitting.allowedAddresses ?? [],
    })),
  );
  const rows = JSON.stringify(
    requests.flatMap((q, r) =>
      q.rows.map((x) => ({ r, item_id: x.itemId, response: x.response, flagged: x.flagged, seq: x.seq, saved_at: q.at.toISOString() })),
    ),
  );
  const found = await hotRows<{ r: number; extra_minutes: number; item_id: string; seq: number }>(db, 'exam_autosave_many', AUTOSAVE_MANY, [reqs, rows]);
  const out: (AutosaveStored | null)[] = requests.map(() => null);
  for (const f of found) {
    const r = Number(f.r);
    const o = out[r] ?? { saved: [], extraMinutes: Number(f.extra_minutes) };
    out[r] = o;
    o.saved.push({ itemId: f.item_id, seq: Number(f.seq) });
  }
  return out;
}

// --- Results of submission ----------------------------------------------------------------------------------------

export async function upsertItemResponses(ex: Executor, rows: (typeof itemResponses.$inferInsert)[]) {
  if (!rows.length) return;
  await ex
    .insert(itemResponses)
    .values(rows)
    .onConflictDoUpdate({
      target: [itemResponses.paperId, itemResponses.candidate, itemResponses.itemId],
      set: { score: sql`excluded.score`, maxScore: sql`excluded.max_score`, version: sql`excluded.version`, recordedAt: sql`excluded.recorded_at` },
    });
}

/** Writes the part result unless one is there already (an absent mark or a marker's result is never overwritten here). */
export async function insertPartResult(ex: Executor, v: typeof partResults.$inferInsert): Promise<boolean> {
  const rows = await ex.insert(partResults).values(v).onConflictDoNothing().returning({ enrolmentId: partResults.enrolmentId });
  return rows.length > 0;
}

/** Theory sittings from a day on, with their plan, school, counts, and whether the user is staffed in / supervises them. */
export async function theorySittingsFrom(ex: Executor, from: string, userId: string) {
  return queryRows<{
    sitting_id: string;
    plan_id: string;
    plan_title: string;
    org_id: string;
    org_name: string;
    region_code: string;
    date: string;
    start_time: string;
    end_time: string;
    site: string;
    room: string;
    seats: number;
    prepared: number;
    signed_in: number;
    writing: number;
    submitted: number;
    absent: number;
    staffed: boolean;
    supervised: boolean;
  }>(
    ex,
    sql`select s.id as sitting_id, p.id as plan_id, p.title as plan_title, o.id as org_id, o.name as org_name, o.region_code,
               s.date::text as date, s.start_time, s.end_time, s.site, s.room,
               (select count(*)::int from ${seatAssignments} x where x.sitting_id = s.id) as seats,
               count(a.id)::int as prepared,
               count(a.id) filter (where a.status = 'signed_in')::int as signed_in,
               count(a.id) filter (where a.status = 'writing')::int as writing,
               count(a.id) filter (where a.status = 'submitted')::int as submitted,
               count(a.id) filter (where a.status = 'absent')::int as absent,
               exists (select 1 from ${planStaff} ps join ${examinerAccounts} ea on ea.certificate_no = ps.certificate_no
                        where ps.sitting_id = s.id and ea.user_id = ${userId}) as staffed,
               exists (select 1 from ${planSupervisors} sv where sv.plan_id = p.id and sv.user_id = ${userId}) as supervised
          from ${planSittings} s
          join ${planParts} pp on pp.id = s.part_id and pp.kind = 'theory'
          join ${plans} p on p.id = s.plan_id
          join ${organisations} o on o.id = p.org_id
          left join ${examAttempts} a on a.sitting_id = s.id
         where s.date >= ${from}
         group by s.id, p.id, o.id
         order by s.date, s.start_time, s.room
         limit 1000`,
  );
}
