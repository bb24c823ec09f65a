import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  enrolments,
  examAttempts,
  examEvents,
  markDecisions,
  marks,
  objections,
  partResults,
  persons,
  planParts,
  publicities,
  seatAssignments,
  supervisionFlags,
} from '../../db/schema.ts';

// Queries of results (part_results) and publicity (publicities, objections); the plan itself is read through plans.repository.

export async function partsOf(ex: Executor, planId: string) {
  return ex.select().from(planParts).where(eq(planParts.planId, planId)).orderBy(asc(planParts.position));
}

/** The plan's enrolled candidates with their names and sealed ID numbers. */
export async function candidatesOf(ex: Executor, planId: string) {
  return ex
    .select({
      enrolmentId: enrolments.id,
      personId: enrolments.personId,
      className: enrolments.className,
      name: persons.name,
      idCipher: persons.idCipher,
      idHash: persons.idHash,
    })
    .from(enrolments)
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(and(eq(enrolments.planId, planId), eq(enrolments.status, 'enrolled')))
    .orderBy(asc(enrolments.createdAt), asc(enrolments.id));
}

export async function seatsOf(ex: Executor, planId: string) {
  return ex
    .select({ enrolmentId: seatAssignments.enrolmentId, partId: seatAssignments.partId, examNumber: seatAssignments.examNumber })
    .from(seatAssignments)
    .where(eq(seatAssignments.planId, planId));
}

export async function partResultsOf(ex: Executor, planId: string, enrolmentId?: string) {
  return ex
    .select()
    .from(partResults)
    .where(enrolmentId ? and(eq(partResults.planId, planId), eq(partResults.enrolmentId, enrolmentId)) : eq(partResults.planId, planId));
}

export type PartResultInsert = typeof partResults.$inferInsert;

/** Insert or replace each (enrolment, part) result. */
export async function upsertPartResults(ex: Executor, rows: PartResultInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await ex
    .insert(partResults)
    .values(rows)
    .onConflictDoUpdate({
      target: [partResults.enrolmentId, partResults.partId],
      set: {
        score: sql`excluded.score`,
        absent: sql`excluded.absent`,
        substituted: sql`excluded.substituted`,
        source: sql`excluded.source`,
        evidenceAttachmentId: sql`excluded.evidence_attachment_id`,
        detail: sql`excluded.detail`,
        recordedBy: sql`excluded.recorded_by`,
        at: sql`excluded.at`,
      },
    });
}

// --- the whole mark record (read only; the marking and exam modules write these tables) --------------------------

export async function marksOf(ex: Executor, planId: string, enrolmentId: string) {
  return ex
    .select()
    .from(marks)
    .where(and(eq(marks.planId, planId), eq(marks.enrolmentId, enrolmentId)))
    .orderBy(asc(marks.at));
}

export async function decisionsOf(ex: Executor, planId: string, enrolmentId: string) {
  return ex
    .select()
    .from(markDecisions)
    .where(and(eq(markDecisions.planId, planId), eq(markDecisions.enrolmentId, enrolmentId)))
    .orderBy(asc(markDecisions.at));
}

export async function eventsOf(ex: Executor, planId: string, enrolmentId: string) {
  return ex
    .select({ id: examEvents.id, attemptId: examEvents.attemptId, kind: examEvents.kind, data: examEvents.data, at: examEvents.at })
    .from(examEvents)
    .innerJoin(examAttempts, eq(examAttempts.id, examEvents.attemptId))
    .where(and(eq(examAttempts.planId, planId), eq(examAttempts.enrolmentId, enrolmentId)))
    .orderBy(asc(examEvents.id));
}

// --- 公示 and 异议 ---------------------------------------------------------------------------------

export async function findPublicity(ex: Executor, planId: string) {
  const [row] = await ex.select().from(publicities).where(eq(publicities.planId, planId));
  return row;
}

export type PublicityRow = typeof publicities.$inferSelect;

export async function insertPublicity(ex: Executor, row: typeof publicities.$inferInsert): Promise<void> {
  await ex.insert(publicities).values(row);
}

export async function markPublicityClosed(ex: Executor, planId: string, at: Date): Promise<void> {
  await ex.update(publicities).set({ closedAt: at }).where(eq(publicities.planId, planId));
}

/** All publicities, newest first (the public list filters running/closed itself). */
export async function listPublicities(ex: Executor, limit: number) {
  return ex.select().from(publicities).orderBy(sql`${publicities.opensAt} desc`).limit(limit);
}

export async function objectionsOf(ex: Executor, planId: string) {
  return ex.select().from(objections).where(eq(objections.planId, planId)).orderBy(asc(objections.createdAt));
}

export async function findObjectionByCode(ex: Executor, code: string) {
  const [row] = await ex.select().from(objections).where(eq(objections.trackingCode, code));
  return row;
}

export async function findObjection(ex: Executor, planId: string, id: string, forUpdate = false) {
  const q = ex
    .select()
    .from(objections)
    .where(and(eq(objections.planId, planId), eq(objections.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertObjection(ex: Executor, row: typeof objections.$inferInsert) {
  const [created] = await ex.insert(objections).values(row).returning();
  return created!;
}

export async function answerObjection(ex: Executor, id: string, answer: string, by: string, at: Date): Promise<void> {
  await ex.update(objections).set({ status: 'answered', answer, answeredBy: by, answeredAt: at }).where(eq(objections.id, id));
}

export async function openFlagsOf(ex: Executor, planId: string) {
  return ex
    .select({ enrolmentId: supervisionFlags.enrolmentId })
    .from(supervisionFlags)
    .where(and(eq(supervisionFlags.planId, planId), eq(supervisionFlags.status, 'open')));
}

export async function enrolmentsByIds(ex: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return ex.select({ id: enrolments.id, personId: enrolments.personId }).from(enrolments).where(inArray(enrolments.id, ids));
}
