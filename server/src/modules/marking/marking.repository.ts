import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  attachments,
  enrolments,
  examAnswers,
  examAttempts,
  examinerAccounts,
  itemResponses,
  items,
  markDecisions,
  marks,
  paperItems,
  papers,
  partResults,
  planParts,
  plans,
  planSittings,
  planStaff,
  remarkRequests,
  seatAssignments,
  users,
} from '../../db/schema.ts';

export async function certificateOf(ex: Executor, userId: string): Promise<string | null> {
  const [row] = await ex.select({ c: examinerAccounts.certificateNo }).from(examinerAccounts).where(eq(examinerAccounts.userId, userId));
  return row?.c ?? null;
}

/** The sittings (and their plans and parts) where a 考评员 certificate number is staffed in one of the roles. */
export async function staffingOf(ex: Executor, certificateNo: string, roles: string[]) {
  return ex
    .select({
      planId: planStaff.planId,
      sittingId: planStaff.sittingId,
      role: planStaff.role,
      partId: planSittings.partId,
      planTitle: plans.title,
      planStatus: plans.status,
    })
    .from(planStaff)
    .innerJoin(planSittings, eq(planSittings.id, planStaff.sittingId))
    .innerJoin(plans, eq(plans.id, planStaff.planId))
    .where(and(eq(planStaff.certificateNo, certificateNo), inArray(planStaff.role, roles)));
}

/** Staff of a plan (sitting, role, certificate number). */
export async function staffOfPlan(ex: Executor, planId: string) {
  return ex
    .select({ sittingId: planStaff.sittingId, role: planStaff.role, certificateNo: planStaff.certificateNo })
    .from(planStaff)
    .where(eq(planStaff.planId, planId));
}

export async function partsOfPlan(ex: Executor, planId: string) {
  return ex
    .select({ id: planParts.id, kind: planParts.kind, paperId: planParts.paperId, position: planParts.position })
    .from(planParts)
    .where(eq(planParts.planId, planId))
    .orderBy(planParts.position);
}

export async function findPart(ex: Executor, partId: string) {
  const [row] = await ex
    .select({ id: planParts.id, planId: planParts.planId, kind: planParts.kind, paperId: planParts.paperId })
    .from(planParts)
    .where(eq(planParts.id, partId));
  return row;
}

export async function paperTotal(ex: Executor, paperId: string): Promise<number> {
  const [row] = await ex.select({ total: papers.totalScore }).from(papers).where(eq(papers.id, paperId));
  return row?.total ?? 0;
}

/** The rubric-marked items of a paper (practical tasks or 简答), with what an examiner needs to mark them. */
export async function markedItemsOfPaper(ex: Executor, paperId: string, types: string[]) {
  return ex
    .select({
      itemId: paperItems.itemId,
      version: paperItems.version,
      points: paperItems.points,
      position: paperItems.position,
      type: items.type,
      stem: items.stem,
      rubric: items.rubric,
      orgId: items.orgId,
    })
    .from(paperItems)
    .innerJoin(items, eq(items.id, paperItems.itemId))
    .where(and(eq(paperItems.paperId, paperId), inArray(items.type, types)))
    .orderBy(paperItems.position);
}

export async function itemsByIds(ex: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return ex.select({ id: items.id, stem: items.stem, rubric: items.rubric, orgId: items.orgId, type: items.type }).from(items).where(inArray(items.id, ids));
}

/** The seated candidates of a practical part (optionally of some sittings), without those recorded absent (缺考). */
export async function practicalSeats(ex: Executor, partId: string, enrolmentId?: string) {
  return ex
    .select({ enrolmentId: seatAssignments.enrolmentId, sittingId: seatAssignments.sittingId, examNumber: seatAssignments.examNumber })
    .from(seatAssignments)
    .innerJoin(enrolments, eq(enrolments.id, seatAssignments.enrolmentId))
    .leftJoin(partResults, and(eq(partResults.enrolmentId, seatAssignments.enrolmentId), eq(partResults.partId, seatAssignments.partId)))
    .where(
      and(
        eq(seatAssignments.partId, partId),
        sql`coalesce(${partResults.absent}, false) = false`,
        enrolmentId ? eq(seatAssignments.enrolmentId, enrolmentId) : undefined,
      ),
    )
    .orderBy(seatAssignments.examNumber);
}

/** Submitted theory attempts of a part (their copies carry the 简答 items to mark). */
export async function submittedAttempts(ex: Executor, partId: string, enrolmentId?: string) {
  return ex
    .select({
      id: examAttempts.id,
      enrolmentId: examAttempts.enrolmentId,
      sittingId: examAttempts.sittingId,
      examNumber: examAttempts.examNumber,
      paperId: examAttempts.paperId,
      layout: examAttempts.layout,
      objectiveScore: examAttempts.objectiveScore,
    })
    .from(examAttempts)
    .where(and(eq(examAttempts.partId, partId), eq(examAttempts.status, 'submitted'), enrolmentId ? eq(examAttempts.enrolmentId, enrolmentId) : undefined))
    .orderBy(examAttempts.examNumber);
}

export async function answersOf(ex: Executor, attemptIds: string[], itemIds: string[]) {
  if (attemptIds.length === 0 || itemIds.length === 0) return [];
  return ex
    .select({ attemptId: examAnswers.attemptId, itemId: examAnswers.itemId, response: examAnswers.response })
    .from(examAnswers)
    .where(and(inArray(examAnswers.attemptId, attemptIds), inArray(examAnswers.itemId, itemIds)));
}

export async function marksOfPart(ex: Executor, partId: string, enrolmentId?: string) {
  return ex
    .select()
    .from(marks)
    .where(and(eq(marks.partId, partId), enrolmentId ? eq(marks.enrolmentId, enrolmentId) : undefined));
}

export async function decisionsOfPart(ex: Executor, partId: string, enrolmentId?: string) {
  return ex
    .select()
    .from(markDecisions)
    .where(and(eq(markDecisions.partId, partId), enrolmentId ? eq(markDecisions.enrolmentId, enrolmentId) : undefined));
}

export async function remarksOfPart(ex: Executor, partId: string) {
  return ex.select().from(remarkRequests).where(eq(remarkRequests.partId, partId));
}

export async function openRemarksFor(ex: Executor, examinerId: string) {
  return ex
    .select()
    .from(remarkRequests)
    .where(and(eq(remarkRequests.examinerId, examinerId), eq(remarkRequests.status, 'open')));
}

export async function openRemark(ex: Executor, u: { partId: string; enrolmentId: string; itemId: string }) {
  const [row] = await ex
    .select()
    .from(remarkRequests)
    .where(
      and(
        eq(remarkRequests.partId, u.partId),
        eq(remarkRequests.enrolmentId, u.enrolmentId),
        eq(remarkRequests.itemId, u.itemId),
        eq(remarkRequests.status, 'open'),
      ),
    );
  return row;
}

/** Serialises every write about one candidate (marks, decisions, the part result): concurrent examiners queue here. */
export async function lockEnrolment(ex: Executor, enrolmentId: string): Promise<boolean> {
  const rows = await ex.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.id, enrolmentId)).for('update');
  return rows.length > 0;
}

export async function upsertMark(ex: Executor, v: typeof marks.$inferInsert) {
  const [row] = await ex
    .insert(marks)
    .values(v)
    .onConflictDoUpdate({
      target: [marks.enrolmentId, marks.partId, marks.itemId, marks.examinerId, marks.round],
      set: { scores: v.scores, vetoes: v.vetoes, comment: v.comment, total: v.total, source: v.source, sheetAttachmentId: v.sheetAttachmentId, at: new Date() },
    })
    .returning();
  return row!;
}

export async function upsertDecision(ex: Executor, v: typeof markDecisions.$inferInsert) {
  const [row] = await ex
    .insert(markDecisions)
    .values(v)
    .onConflictDoUpdate({
      target: [markDecisions.enrolmentId, markDecisions.partId, markDecisions.itemId, markDecisions.kind],
      set: { score: v.score, reason: v.reason, decidedBy: v.decidedBy, at: new Date() },
    })
    .returning();
  return row!;
}

export async function insertRemark(ex: Executor, v: typeof remarkRequests.$inferInsert) {
  const [row] = await ex.insert(remarkRequests).values(v).returning();
  return row!;
}

export async function closeRemark(ex: Executor, id: string) {
  await ex.update(remarkRequests).set({ status: 'done', doneAt: new Date() }).where(eq(remarkRequests.id, id));
}

export async function insertSheet(ex: Executor, v: typeof attachments.$inferInsert): Promise<string> {
  const [row] = await ex.insert(attachments).values(v).returning({ id: attachments.id });
  return row!.id;
}

export async function upsertPartResult(ex: Executor, v: typeof partResults.$inferInsert) {
  await ex
    .insert(partResults)
    .values(v)
    .onConflictDoUpdate({
      target: [partResults.enrolmentId, partResults.partId],
      set: { score: v.score, absent: false, substituted: false, source: v.source, detail: v.detail, recordedBy: v.recordedBy, at: new Date() },
    });
}

export async function partResultsOfPlan(ex: Executor, planId: string) {
  return ex
    .select({ enrolmentId: partResults.enrolmentId, partId: partResults.partId, source: partResults.source, absent: partResults.absent })
    .from(partResults)
    .where(eq(partResults.planId, planId));
}

export async function upsertItemResponses(ex: Executor, rows: (typeof itemResponses.$inferInsert)[]) {
  if (rows.length === 0) return;
  await ex
    .insert(itemResponses)
    .values(rows)
    .onConflictDoUpdate({
      target: [itemResponses.paperId, itemResponses.candidate, itemResponses.itemId],
      set: { score: sql`excluded.score`, maxScore: sql`excluded.max_score`, version: sql`excluded.version`, recordedAt: new Date() },
    });
}

/** Display names of accounts and their 考评员 certificate numbers. */
export async function examinersByIds(ex: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return ex
    .select({ userId: users.id, displayName: users.displayName, certificateNo: examinerAccounts.certificateNo })
    .from(users)
    .leftJoin(examinerAccounts, eq(examinerAccounts.userId, users.id))
    .where(inArray(users.id, userIds));
}

/** Assessor accounts whose certificate numbers are among these (the plan's examiners). */
export async function accountsOfCertificates(ex: Executor, certificateNos: string[]) {
  if (certificateNos.length === 0) return [];
  return ex
    .select({ userId: users.id, displayName: users.displayName, certificateNo: examinerAccounts.certificateNo, orgId: users.orgId, role: users.role })
    .from(examinerAccounts)
    .innerJoin(users, eq(users.id, examinerAccounts.userId))
    .where(inArray(examinerAccounts.certificateNo, certificateNos));
}

export async function findUser(ex: Executor, id: string) {
  const [row] = await ex.select({ id: users.id, role: users.role, orgId: users.orgId, displayName: users.displayName }).from(users).where(eq(users.id, id));
  return row;
}
