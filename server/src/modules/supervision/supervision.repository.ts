import { and, asc, desc, eq, gt, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { alias } from 'drizzle-orm/pg-core';
import {
  attachments,
  enrolments,
  examAttempts,
  examEvents,
  examinerAccounts,
  inspectionReports,
  items,
  markDecisions,
  markingWorkload,
  marks,
  organisations,
  paperItems,
  persons,
  planParts,
  plans,
  planSittings,
  planStaff,
  seatAssignments,
  supervisionFlags,
  users,
} from '../../db/schema.ts';
import type { OrgScope } from '../access/policy.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { heldCandidates, type OpenFlag } from './supervision.rules.ts';

/**
 * Supervision reads what the exams and marking modules write (exam_attempts, exam_events, marks, mark_decisions) —
 * read only — and keeps its own supervision_flags and inspection_reports.
 */

// --- the plan's rooms ----------------------------------------------------------------------------

export async function sittingsOf(ex: Executor, planId: string) {
  return ex
    .select({
      id: planSittings.id,
      partId: planSittings.partId,
      partKind: planParts.kind,
      partPosition: planParts.position,
      paperId: planParts.paperId,
      date: planSittings.date,
      startTime: planSittings.startTime,
      endTime: planSittings.endTime,
      site: planSittings.site,
      room: planSittings.room,
      position: planSittings.position,
    })
    .from(planSittings)
    .innerJoin(planParts, eq(planParts.id, planSittings.partId))
    .where(eq(planSittings.planId, planId))
    .orderBy(asc(planSittings.date), asc(planSittings.startTime), asc(planParts.position), asc(planSittings.position));
}

export async function partsOf(ex: Executor, planId: string) {
  return ex
    .select({ id: planParts.id, kind: planParts.kind, paperId: planParts.paperId })
    .from(planParts)
    .where(eq(planParts.planId, planId))
    .orderBy(asc(planParts.position));
}

/** Candidates seated in the plan's sittings (enrolled, not withdrawn), with their names. */
export async function seatsOf(ex: Executor, planId: string) {
  return ex
    .select({
      seatId: seatAssignments.id,
      enrolmentId: seatAssignments.enrolmentId,
      partId: seatAssignments.partId,
      sittingId: seatAssignments.sittingId,
      seat: seatAssignments.seat,
      examNumber: seatAssignments.examNumber,
      name: persons.name,
    })
    .from(seatAssignments)
    .innerJoin(enrolments, eq(enrolments.id, seatAssignments.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(and(eq(seatAssignments.planId, planId), eq(enrolments.status, 'enrolled')))
    .orderBy(asc(seatAssignments.sittingId), asc(seatAssignments.seat));
}

export async function attemptsOf(ex: Executor, planId: string) {
  return ex
    .select({
      seatAssignmentId: examAttempts.seatAssignmentId,
      status: examAttempts.status,
      switchCount: examAttempts.switchCount,
      submittedAt: examAttempts.submittedAt,
    })
    .from(examAttempts)
    .where(eq(examAttempts.planId, planId));
}

/** Integrity events of the plan's attempts after an id, oldest first, at most `limit`. */
export async function eventsAfter(ex: Executor, planId: string, after: number, limit: number) {
  return ex
    .select({
      id: examEvents.id,
      sittingId: examEvents.sittingId,
      room: planSittings.room,
      examNumber: examAttempts.examNumber,
      kind: examEvents.kind,
      data: examEvents.data,
      at: examEvents.at,
    })
    .from(examEvents)
    .innerJoin(examAttempts, eq(examAttempts.id, examEvents.attemptId))
    .innerJoin(planSittings, eq(planSittings.id, examEvents.sittingId))
    .where(and(eq(examAttempts.planId, planId), gt(examEvents.id, after)))
    .orderBy(asc(examEvents.id))
    .limit(limit);
}

/** The items of these papers that examiners mark (简答 and practical tasks). */
export async function markedItemsOf(ex: Executor, paperIds: string[]) {
  if (paperIds.length === 0) return [];
  return ex
    .select({ paperId: paperItems.paperId, itemId: paperItems.itemId })
    .from(paperItems)
    .innerJoin(items, eq(items.id, paperItems.itemId))
    .where(and(inArray(paperItems.paperId, paperIds), inArray(items.type, ['subjective', 'practical'])));
}

/** First-round marks of the plan (the independent blind marks). */
export async function firstMarksOf(ex: Executor, planId: string) {
  return ex
    .select({ partId: marks.partId, enrolmentId: marks.enrolmentId, itemId: marks.itemId, total: marks.total })
    .from(marks)
    .where(and(eq(marks.planId, planId), eq(marks.round, 'first')));
}

export async function chiefDecisionsOf(ex: Executor, planId: string) {
  return ex
    .select({ partId: markDecisions.partId, enrolmentId: markDecisions.enrolmentId, itemId: markDecisions.itemId, score: markDecisions.score })
    .from(markDecisions)
    .where(and(eq(markDecisions.planId, planId), eq(markDecisions.kind, 'chief')));
}

// --- flags ---------------------------------------------------------------------------------------

const raiser = alias(users, 'raiser');
const resolver = alias(users, 'resolver');

export async function flagsOf(ex: Executor, planId: string, id?: string) {
  const where: SQL[] = [eq(supervisionFlags.planId, planId)];
  if (id) where.push(eq(supervisionFlags.id, id));
  return ex
    .select({
      id: supervisionFlags.id,
      planId: supervisionFlags.planId,
      sittingId: supervisionFlags.sittingId,
      enrolmentId: supervisionFlags.enrolmentId,
      reason: supervisionFlags.reason,
      status: supervisionFlags.status,
      resolution: supervisionFlags.resolution,
      raisedBy: supervisionFlags.raisedBy,
      raisedByName: raiser.displayName,
      resolvedBy: supervisionFlags.resolvedBy,
      resolvedByName: resolver.displayName,
      resolvedAt: supervisionFlags.resolvedAt,
      createdAt: supervisionFlags.createdAt,
    })
    .from(supervisionFlags)
    .innerJoin(raiser, eq(raiser.id, supervisionFlags.raisedBy))
    .leftJoin(resolver, eq(resolver.id, supervisionFlags.resolvedBy))
    .where(and(...where))
    .orderBy(desc(supervisionFlags.createdAt), asc(supervisionFlags.id));
}
export type FlagRow = Awaited<ReturnType<typeof flagsOf>>[number];

export async function lockFlag(ex: Executor, planId: string, id: string) {
  const [row] = await ex
    .select({ id: supervisionFlags.id, status: supervisionFlags.status })
    .from(supervisionFlags)
    .where(and(eq(supervisionFlags.planId, planId), eq(supervisionFlags.id, id)))
    .for('update');
  return row;
}

export async function insertFlag(ex: Executor, v: typeof supervisionFlags.$inferInsert): Promise<string> {
  const [row] = await ex.insert(supervisionFlags).values(v).returning({ id: supervisionFlags.id });
  if (!row) throw new Error('flag not stored');
  return row.id;
}

export async function resolveFlag(ex: Executor, id: string, v: { resolution: string; resolvedBy: string; resolvedAt: Date }) {
  await ex
    .update(supervisionFlags)
    .set({ ...v, status: 'resolved' })
    .where(eq(supervisionFlags.id, id));
}

export async function enrolmentInPlan(ex: Executor, planId: string, enrolmentId: string): Promise<boolean> {
  const rows = await ex
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.planId, planId), eq(enrolments.id, enrolmentId)));
  return rows.length > 0;
}

export async function sittingInPlan(ex: Executor, planId: string, sittingId: string): Promise<boolean> {
  const rows = await ex
    .select({ id: planSittings.id })
    .from(planSittings)
    .where(and(eq(planSittings.planId, planId), eq(planSittings.id, sittingId)));
  return rows.length > 0;
}

/**
 * The open supervision flags holding each candidate of a plan (results reads this for clearance): a candidate flag
 * holds that candidate, a room flag every candidate seated in that sitting. Candidates without an open flag are absent.
 */
export async function openFlagsByEnrolment(ex: Executor, planId: string): Promise<Map<string, OpenFlag[]>> {
  const flags = await ex
    .select({
      id: supervisionFlags.id,
      status: supervisionFlags.status,
      reason: supervisionFlags.reason,
      enrolmentId: supervisionFlags.enrolmentId,
      sittingId: supervisionFlags.sittingId,
    })
    .from(supervisionFlags)
    .where(and(eq(supervisionFlags.planId, planId), eq(supervisionFlags.status, 'open')));
  const roomIds = [...new Set(flags.flatMap((f) => (f.enrolmentId === null && f.sittingId ? [f.sittingId] : [])))];
  const seats = new Map<string, string[]>();
  if (roomIds.length) {
    const rows = await ex
      .select({ sittingId: seatAssignments.sittingId, enrolmentId: seatAssignments.enrolmentId })
      .from(seatAssignments)
      .where(and(eq(seatAssignments.planId, planId), inArray(seatAssignments.sittingId, roomIds)));
    for (const r of rows) seats.set(r.sittingId, [...(seats.get(r.sittingId) ?? []), r.enrolmentId]);
  }
  return heldCandidates(flags, seats);
}

// --- inspection reports --------------------------------------------------------------------------

export async function reportsOf(ex: Executor, planId: string) {
  return ex
    .select({
      id: inspectionReports.id,
      planId: inspectionReports.planId,
      sittingId: inspectionReports.sittingId,
      supervisorId: inspectionReports.supervisorId,
      supervisorName: users.displayName,
      findings: inspectionReports.findings,
      irregularities: inspectionReports.irregularities,
      photoIds: inspectionReports.photoIds,
      correctsId: inspectionReports.correctsId,
      createdAt: inspectionReports.createdAt,
    })
    .from(inspectionReports)
    .innerJoin(users, eq(users.id, inspectionReports.supervisorId))
    .where(eq(inspectionReports.planId, planId))
    .orderBy(desc(inspectionReports.createdAt), asc(inspectionReports.id));
}

export async function findReport(ex: Executor, planId: string, id: string) {
  const [row] = await ex
    .select({ id: inspectionReports.id, photoIds: inspectionReports.photoIds })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.planId, planId), eq(inspectionReports.id, id)));
  return row;
}

/** The report a correction names, locked; and whether another report already corrects it. */
export async function correctionTarget(ex: Executor, planId: string, id: string) {
  const [row] = await ex
    .select({ id: inspectionReports.id })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.planId, planId), eq(inspectionReports.id, id)))
    .for('update');
  if (!row) return undefined;
  const later = await ex.select({ id: inspectionReports.id }).from(inspectionReports).where(eq(inspectionReports.correctsId, id));
  return { id: row.id, correctedBy: later[0]?.id ?? null };
}

export async function insertReport(ex: Executor, v: typeof inspectionReports.$inferInsert): Promise<string> {
  const [row] = await ex.insert(inspectionReports).values(v).returning({ id: inspectionReports.id });
  if (!row) throw new Error('report not stored');
  return row.id;
}

const photoMeta = {
  id: attachments.id,
  orgId: attachments.orgId,
  uploadedBy: attachments.uploadedBy,
  filename: attachments.filename,
  mimeType: attachments.mimeType,
  size: attachments.size,
};

export async function photosMeta(ex: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return ex
    .select(photoMeta)
    .from(attachments)
    .where(inArray(attachments.id, [...ids]));
}

export async function photoContent(ex: Executor, id: string) {
  const [row] = await ex
    .select({ ...photoMeta, content: attachments.content })
    .from(attachments)
    .where(eq(attachments.id, id));
  return row;
}

// --- R15 workload --------------------------------------------------------------------------------

/** Plans whose sittings took place: started and not withdrawn. */
const HELD = ['in_progress', 'marking', 'publicity', 'closed'];

function planWhere(scope: OrgScope, orgId: string | undefined): SQL[] {
  const where: SQL[] = [inArray(plans.status, HELD)];
  const s = scopeCondition(scope);
  if (s) where.push(s);
  if (orgId) where.push(eq(plans.orgId, orgId));
  return where;
}

/**
 * Staff of the held sittings within [from, to] (days), of the plans in scope, counted per 考评员 certificate number and
 * sitting times: distinct sittings invigilated, examined, and in either (a few rows per assessor, not one per assignment).
 */
export async function staffInTerm(ex: Executor, scope: OrgScope, orgId: string | undefined, from: string, to: string) {
  const invigilator = sql`${planStaff.role} = 'invigilator'`;
  return ex
    .select({
      certificateNo: planStaff.certificateNo,
      name: sql<string>`max(${planStaff.name})`,
      startTime: planSittings.startTime,
      endTime: planSittings.endTime,
      invigilated: sql<number>`(count(distinct ${planStaff.sittingId}) filter (where ${invigilator}))::int`,
      examined: sql<number>`(count(distinct ${planStaff.sittingId}) filter (where not ${invigilator}))::int`,
      sittings: sql<number>`count(distinct ${planStaff.sittingId})::int`,
    })
    .from(planStaff)
    .innerJoin(planSittings, eq(planSittings.id, planStaff.sittingId))
    .innerJoin(plans, eq(plans.id, planStaff.planId))
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .where(and(...planWhere(scope, orgId), gte(planSittings.date, from), lt(planSittings.date, nextDay(to))))
    .groupBy(planStaff.certificateNo, planSittings.startTime, planSittings.endTime)
    .orderBy(asc(planStaff.certificateNo));
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Marks (every round) given in the term by examiners with a 考评员 account, of the plans in scope, counted per
 * examiner: distinct candidate × part, and mark rows — read from marking_workload (per term × plan × examiner, kept by
 * the triggers of migration 0026 on marks; a candidate × part lies in one plan, so the plans' counts add up).
 */
export async function marksInTerm(ex: Executor, scope: OrgScope, orgId: string | undefined, term: string) {
  return ex
    .select({
      certificateNo: examinerAccounts.certificateNo,
      candidates: sql<number>`sum(${markingWorkload.candidates})::int`,
      tasks: sql<number>`sum(${markingWorkload.tasks})::int`,
    })
    .from(markingWorkload)
    .innerJoin(plans, eq(plans.id, markingWorkload.planId))
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .innerJoin(examinerAccounts, eq(examinerAccounts.userId, markingWorkload.examinerId))
    .where(and(...planWhere(scope, orgId), eq(markingWorkload.term, term)))
    .groupBy(examinerAccounts.certificateNo);
}

export async function decisionsInTerm(ex: Executor, scope: OrgScope, orgId: string | undefined, since: Date, until: Date) {
  return ex
    .select({ certificateNo: examinerAccounts.certificateNo })
    .from(markDecisions)
    .innerJoin(examinerAccounts, eq(examinerAccounts.userId, markDecisions.decidedBy))
    .innerJoin(plans, eq(plans.id, markDecisions.planId))
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .where(and(...planWhere(scope, orgId), gte(markDecisions.at, since), lt(markDecisions.at, until)));
}

export async function examinerAccountsOf(ex: Executor, certificateNos: string[]) {
  if (certificateNos.length === 0) return [];
  return ex
    .select({ certificateNo: examinerAccounts.certificateNo, username: users.username, displayName: users.displayName })
    .from(examinerAccounts)
    .innerJoin(users, eq(users.id, examinerAccounts.userId))
    .where(inArray(examinerAccounts.certificateNo, certificateNos));
}

export async function findOrg(ex: Executor, id: string) {
  const [row] = await ex
    .select({ id: organisations.id, kind: organisations.kind, regionCode: organisations.regionCode, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row;
}
