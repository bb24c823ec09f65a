import type { PlanRangeField, PlanSort } from '@skillcert/shared/api/plans';
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { dateRange, orderOf, timestampRange } from '../../db/list-query.ts';
import {
  blueprints,
  courseAreas,
  courses,
  evalSpecs,
  filings,
  institutions,
  institutionScope,
  occupations,
  organisations,
  papers,
  planChangeRequests,
  planConflicts,
  planDraws,
  planEvents,
  planParts,
  plans,
  planSittings,
  planStaff,
  planSupervisors,
  specialItems,
  users,
} from '../../db/schema.ts';
import type { OrgScope } from '../access/policy.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { containing } from '../../db/like.ts';

const columns = {
  id: plans.id,
  institutionId: plans.institutionId,
  orgId: plans.orgId,
  title: plans.title,
  occupationId: plans.occupationId,
  occupationCode: occupations.code,
  occupationName: occupations.name,
  hasStandardYear: occupations.standardYear,
  specialItemId: plans.specialItemId,
  specialItemName: specialItems.name,
  workType: plans.workType,
  level: plans.level,
  basis: plans.basis,
  evalSpecId: plans.evalSpecId,
  method: plans.method,
  candidateSources: plans.candidateSources,
  courseExamReplacesTheory: plans.courseExamReplacesTheory,
  capacity: plans.capacity,
  status: plans.status,
  profileId: plans.profileId,
  leadDays: plans.leadDays,
  internalSupervisor: plans.internalSupervisor,
  note: plans.note,
  version: plans.version,
  submittedAt: plans.submittedAt,
  acknowledgedAt: plans.acknowledgedAt,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
  orgName: organisations.name,
  regionCode: organisations.regionCode,
  schoolType: organisations.schoolType,
};

function base(ex: Executor) {
  return ex
    .select(columns)
    .from(plans)
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .leftJoin(occupations, eq(occupations.id, plans.occupationId))
    .leftJoin(specialItems, eq(specialItems.id, plans.specialItemId));
}

export type PlanRow = Awaited<ReturnType<typeof findPlan>> & {};

export async function findPlan(ex: Executor, id: string, forUpdate = false) {
  const q = base(ex).where(eq(plans.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update', { of: plans }) : await q;
  return rows[0];
}

/** Several plans by id in one query (the public publicity list: issue 16), in no particular order. */
export async function findPlans(ex: Executor, ids: string[]) {
  return ids.length === 0 ? [] : base(ex).where(inArray(plans.id, ids));
}

/** Which plans a listing reaches: the organisations in scope, or (supervisors) the plans assigned to the user. */
export type PlanScope = OrgScope | { kind: 'supervisor'; userId: string };

export interface PlanFilter {
  status?: string | undefined;
  statuses?: string[] | undefined;
  q?: string | undefined;
  /** First sitting day (default) or submission within [from, to] (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  range?: PlanRangeField | undefined;
  sort?: PlanSort | undefined;
}

/** A plan's first sitting day (plan_sittings_plan_idx serves it). */
const firstSittingDay = sql`(select min(ps.date) from ${planSittings} ps where ps.plan_id = ${plans.id})`;

// Ties by last change, then id.
const SORT_COLUMNS = {
  title: plans.title,
  school: organisations.name,
  occupation: sql`coalesce(${occupations.code}, ${specialItems.name})`,
  status: plans.status,
  firstSitting: firstSittingDay,
  submittedAt: plans.submittedAt,
  updatedAt: plans.updatedAt,
};

export async function listPlans(ex: Executor, scope: PlanScope, f: PlanFilter, limit: number, offset: number) {
  const conds: (SQL | undefined)[] = [];
  if (scope.kind === 'supervisor') {
    conds.push(inArray(plans.id, ex.select({ id: planSupervisors.planId }).from(planSupervisors).where(eq(planSupervisors.userId, scope.userId))));
  } else conds.push(scopeCondition(scope));
  if (f.q) {
    const like = containing(f.q);
    conds.push(
      or(
        ilike(plans.title, like),
        ilike(organisations.name, like),
        ilike(occupations.name, like),
        ilike(occupations.code, like),
        ilike(specialItems.name, like),
      ),
    );
  }
  conds.push(...(f.range === 'submittedAt' ? timestampRange(plans.submittedAt, f.from, f.to) : dateRange(firstSittingDay, f.from, f.to)));
  if (f.status) conds.push(eq(plans.status, f.status));
  if (f.statuses) conds.push(inArray(plans.status, f.statuses));
  const where = and(...conds);
  const [items, totals] = await Promise.all([
    base(ex)
      .where(where)
      .orderBy(...orderOf(f.sort, '-updatedAt', SORT_COLUMNS, [desc(plans.updatedAt), asc(plans.id)]))
      .limit(limit)
      .offset(offset),
    ex
      .select({ n: count() })
      .from(plans)
      .innerJoin(organisations, eq(organisations.id, plans.orgId))
      .leftJoin(occupations, eq(occupations.id, plans.occupationId))
      .leftJoin(specialItems, eq(specialItems.id, plans.specialItemId))
      .where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertPlan(ex: Executor, v: typeof plans.$inferInsert): Promise<string> {
  const [row] = await ex.insert(plans).values(v).returning({ id: plans.id });
  if (!row) throw new Error('plan not inserted');
  return row.id;
}

export async function updatePlan(ex: Executor, id: string, v: Partial<typeof plans.$inferInsert>) {
  await ex
    .update(plans)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(plans.id, id));
}

// --- parts, sittings, staff, conflicts -----------------------------------------------------------

export interface PartWrite {
  part: Omit<typeof planParts.$inferInsert, 'id' | 'planId'>;
  sittings: { sitting: Omit<typeof planSittings.$inferInsert, 'id' | 'planId' | 'partId'>; staff: { role: string; certificateNo: string; name: string }[] }[];
}

/** Replace a draft's parts, sittings, staff (and their draws) and conflicts. */
export async function replaceStructure(ex: Executor, planId: string, parts: PartWrite[], conflicts: { certificateNo: string; kind: string; value: string }[]) {
  await ex.delete(planStaff).where(eq(planStaff.planId, planId));
  await ex.delete(planDraws).where(eq(planDraws.planId, planId));
  await ex.delete(planSittings).where(eq(planSittings.planId, planId));
  await ex.delete(planParts).where(eq(planParts.planId, planId));
  await ex.delete(planConflicts).where(eq(planConflicts.planId, planId));
  for (const p of parts) {
    const [part] = await ex
      .insert(planParts)
      .values({ ...p.part, planId })
      .returning({ id: planParts.id });
    if (!part) throw new Error('part not inserted');
    for (const s of p.sittings) {
      const [sitting] = await ex
        .insert(planSittings)
        .values({ ...s.sitting, planId, partId: part.id })
        .returning({ id: planSittings.id });
      if (!sitting) throw new Error('sitting not inserted');
      if (s.staff.length) await ex.insert(planStaff).values(s.staff.map((m) => ({ ...m, planId, sittingId: sitting.id })));
    }
  }
  if (conflicts.length) await ex.insert(planConflicts).values(conflicts.map((c) => ({ ...c, planId })));
}

export async function partsOf(ex: Executor, planId: string) {
  return ex
    .select({ part: planParts, paperName: papers.name })
    .from(planParts)
    .leftJoin(papers, eq(papers.id, planParts.paperId))
    .where(eq(planParts.planId, planId))
    .orderBy(asc(planParts.position));
}

export async function sittingsOf(ex: Executor, planId: string) {
  return ex.select().from(planSittings).where(eq(planSittings.planId, planId)).orderBy(asc(planSittings.position));
}

export async function staffOf(ex: Executor, planId: string) {
  return ex.select().from(planStaff).where(eq(planStaff.planId, planId)).orderBy(asc(planStaff.role), asc(planStaff.certificateNo));
}

export async function conflictsOf(ex: Executor, planId: string) {
  return ex.select().from(planConflicts).where(eq(planConflicts.planId, planId)).orderBy(asc(planConflicts.certificateNo));
}

export async function updateSitting(ex: Executor, id: string, v: Partial<typeof planSittings.$inferInsert>) {
  await ex.update(planSittings).set(v).where(eq(planSittings.id, id));
}

export async function updatePart(ex: Executor, id: string, v: Partial<typeof planParts.$inferInsert>) {
  await ex.update(planParts).set(v).where(eq(planParts.id, id));
}

/** First sitting day of each plan. */
export async function firstSittings(ex: Executor, planIds: string[]): Promise<Map<string, string>> {
  if (planIds.length === 0) return new Map();
  const rows = await ex.select({ planId: planSittings.planId, date: planSittings.date }).from(planSittings).where(inArray(planSittings.planId, planIds));
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.planId) || r.date < out.get(r.planId)!) out.set(r.planId, r.date);
  return out;
}

// --- draws ---------------------------------------------------------------------------------------

export async function replaceDrawnExaminers(
  ex: Executor,
  planId: string,
  sittingId: string,
  draw: Omit<typeof planDraws.$inferInsert, 'id' | 'planId' | 'sittingId'>,
  drawn: { certificateNo: string; name: string }[],
): Promise<string> {
  await ex.delete(planStaff).where(and(eq(planStaff.sittingId, sittingId), isNotNull(planStaff.drawId)));
  const [row] = await ex
    .insert(planDraws)
    .values({ ...draw, planId, sittingId })
    .returning({ id: planDraws.id });
  if (!row) throw new Error('draw not inserted');
  if (drawn.length)
    await ex
      .insert(planStaff)
      .values(drawn.map((d) => ({ planId, sittingId, role: 'examiner', certificateNo: d.certificateNo, name: d.name, drawId: row.id })));
  return row.id;
}

export async function drawsOf(ex: Executor, planId: string) {
  return ex.select().from(planDraws).where(eq(planDraws.planId, planId)).orderBy(asc(planDraws.at));
}

export async function findDraw(ex: Executor, planId: string, drawId: string) {
  const [row] = await ex
    .select()
    .from(planDraws)
    .where(and(eq(planDraws.planId, planId), eq(planDraws.id, drawId)));
  return row;
}

// --- supervisors, events, change requests --------------------------------------------------------

export async function supervisorsOf(ex: Executor, planIds: string[]) {
  if (planIds.length === 0) return [];
  return ex
    .select({
      planId: planSupervisors.planId,
      userId: planSupervisors.userId,
      displayName: users.displayName,
      username: users.username,
      at: planSupervisors.at,
      active: users.active,
      role: users.role,
    })
    .from(planSupervisors)
    .innerJoin(users, eq(users.id, planSupervisors.userId))
    .where(inArray(planSupervisors.planId, planIds))
    .orderBy(asc(planSupervisors.at));
}

export async function addSupervisors(ex: Executor, planId: string, userIds: string[], assignedBy: string) {
  if (userIds.length)
    await ex
      .insert(planSupervisors)
      .values(userIds.map((userId) => ({ planId, userId, assignedBy })))
      .onConflictDoNothing();
}

/** Active supervisor accounts of one organisation (an HR bureau's 外部质量督导员). */
export async function supervisorAccounts(ex: Executor, orgId: string) {
  return ex
    .select({ userId: users.id, displayName: users.displayName, username: users.username })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'supervisor'), eq(users.active, true)))
    .orderBy(asc(users.username));
}

export async function insertEvent(ex: Executor, v: typeof planEvents.$inferInsert) {
  await ex.insert(planEvents).values(v);
}

export async function eventsOf(ex: Executor, planId: string) {
  return ex.select().from(planEvents).where(eq(planEvents.planId, planId)).orderBy(asc(planEvents.id));
}

export async function changeRequestsOf(ex: Executor, planIds: string[]) {
  if (planIds.length === 0) return [];
  return ex.select().from(planChangeRequests).where(inArray(planChangeRequests.planId, planIds)).orderBy(asc(planChangeRequests.createdAt));
}

export async function findChangeRequest(ex: Executor, planId: string, id: string) {
  const [row] = await ex
    .select()
    .from(planChangeRequests)
    .where(and(eq(planChangeRequests.planId, planId), eq(planChangeRequests.id, id)))
    .for('update');
  return row;
}

export async function insertChangeRequest(ex: Executor, v: typeof planChangeRequests.$inferInsert): Promise<string> {
  const [row] = await ex.insert(planChangeRequests).values(v).returning({ id: planChangeRequests.id });
  if (!row) throw new Error('change request not inserted');
  return row.id;
}

export async function updateChangeRequest(ex: Executor, id: string, v: Partial<typeof planChangeRequests.$inferInsert>) {
  await ex.update(planChangeRequests).set(v).where(eq(planChangeRequests.id, id));
}

// --- facts from other modules ----------------------------------------------------------------------

/** The institution's listed scope lines (with suspension) and the filings that declared its sites and roster. */
export async function institutionDeclarations(ex: Executor, institutionId: string) {
  const scope = await ex.select().from(institutionScope).where(eq(institutionScope.institutionId, institutionId));
  const declared = await ex
    .select({ sites: filings.sites, assessors: filings.assessors })
    .from(filings)
    .where(and(eq(filings.institutionId, institutionId), eq(filings.status, 'listed')));
  return { scope, declared };
}

export async function findListedInstitution(ex: Executor, orgId: string, kind: string) {
  const [row] = await ex
    .select()
    .from(institutions)
    .where(and(eq(institutions.orgId, orgId), eq(institutions.kind, kind)));
  return row;
}

export async function countClosedPlans(ex: Executor, institutionId: string): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(plans)
    .where(and(eq(plans.institutionId, institutionId), eq(plans.status, 'closed')));
  return row?.n ?? 0;
}

export async function findEvalSpec(ex: Executor, id: string) {
  const [row] = await ex
    .select({ id: evalSpecs.id, orgId: evalSpecs.orgId, occupationId: evalSpecs.occupationId, levels: evalSpecs.levels, status: evalSpecs.status })
    .from(evalSpecs)
    .where(eq(evalSpecs.id, id));
  return row;
}

export async function findPapers(ex: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return ex
    .select({ id: papers.id, orgId: papers.orgId, part: papers.part, occupationId: blueprints.occupationId, level: blueprints.level })
    .from(papers)
    .innerJoin(blueprints, eq(blueprints.id, papers.blueprintId))
    .where(inArray(papers.id, ids));
}

export async function findBlueprint(ex: Executor, orgId: string, occupationId: string, level: number) {
  const [row] = await ex
    .select({ id: blueprints.id, theory: blueprints.theory, skills: blueprints.skills })
    .from(blueprints)
    .where(and(eq(blueprints.orgId, orgId), eq(blueprints.occupationId, occupationId), eq(blueprints.level, level)));
  return row;
}

/** Blueprint areas the school's courses teach (课程内容与标准对接), for R6. */
export async function taughtAreas(ex: Executor, blueprintId: string, orgId: string) {
  const rows = await ex
    .select({ id: courses.id, name: courses.name, part: courseAreas.part, areaCode: courseAreas.areaCode })
    .from(courseAreas)
    .innerJoin(courses, eq(courses.id, courseAreas.courseId))
    .where(and(eq(courseAreas.blueprintId, blueprintId), eq(courses.orgId, orgId)));
  return rows.map((r) => ({ ...r, part: r.part as 'theory' | 'skills' }));
}

/** A school's institutions with their scope lines (occupation code and name). */
export async function institutionsOf(ex: Executor, orgId: string) {
  const insts = await ex.select().from(institutions).where(eq(institutions.orgId, orgId));
  if (insts.length === 0) return [];
  const lines = await ex
    .select({
      id: institutionScope.id,
      institutionId: institutionScope.institutionId,
      occupationCode: occupations.code,
      occupationName: occupations.name,
      specialItemId: institutionScope.specialItemId,
      specialItemName: specialItems.name,
      workType: institutionScope.workType,
      level: institutionScope.level,
      suspendedAt: institutionScope.suspendedAt,
    })
    .from(institutionScope)
    .leftJoin(occupations, eq(occupations.id, institutionScope.occupationId))
    .leftJoin(specialItems, eq(specialItems.id, institutionScope.specialItemId))
    .where(
      inArray(
        institutionScope.institutionId,
        insts.map((i) => i.id),
      ),
    )
    .orderBy(asc(occupations.code), desc(institutionScope.level));
  return insts.map((i) => ({ ...i, lines: lines.filter((l) => l.institutionId === i.id) }));
}

export async function papersOf(ex: Executor, orgId: string) {
  return ex
    .select({ id: papers.id, name: papers.name, part: papers.part, occupationCode: occupations.code, level: blueprints.level })
    .from(papers)
    .innerJoin(blueprints, eq(blueprints.id, papers.blueprintId))
    .innerJoin(occupations, eq(occupations.id, blueprints.occupationId))
    .where(eq(papers.orgId, orgId))
    .orderBy(desc(papers.createdAt));
}

export async function specsOf(ex: Executor, orgId: string) {
  return ex
    .select({ id: evalSpecs.id, title: evalSpecs.title, status: evalSpecs.status, occupationCode: occupations.code, levels: evalSpecs.levels })
    .from(evalSpecs)
    .innerJoin(occupations, eq(occupations.id, evalSpecs.occupationId))
    .where(eq(evalSpecs.orgId, orgId))
    .orderBy(desc(evalSpecs.createdAt));
}
