import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  filings,
  institutionScope,
  institutions,
  occupations,
  organisations,
  plans,
  sanctions,
  specialItems,
  violationAppeals,
  violationEvents,
  violations,
} from '../../db/schema.ts';

export type ViolationRow = typeof violations.$inferSelect;
export type SanctionRow = typeof sanctions.$inferSelect;

const summaryColumns = {
  v: violations,
  institutionName: organisations.name,
  regionCode: organisations.regionCode,
  orgId: organisations.id,
};

function summaryBase(ex: Executor) {
  return ex
    .select(summaryColumns)
    .from(violations)
    .innerJoin(institutions, eq(institutions.id, violations.institutionId))
    .innerJoin(organisations, eq(organisations.id, institutions.orgId));
}

export type ViolationWithOrg = { v: ViolationRow; institutionName: string; regionCode: string; orgId: string };

export async function findViolation(ex: Executor, id: string, forUpdate = false): Promise<ViolationWithOrg | undefined> {
  const q = summaryBase(ex).where(eq(violations.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update', { of: violations }) : await q;
  return rows[0];
}

export interface ViolationFilter {
  regionPrefix?: string;
  orgId?: string;
  institutionId?: string | undefined;
  status?: string | undefined;
}

export async function listViolations(ex: Executor, f: ViolationFilter, page: number, pageSize: number) {
  const where: SQL[] = [];
  if (f.regionPrefix !== undefined) where.push(sql`${organisations.regionCode} like ${`${f.regionPrefix}%`}`);
  if (f.orgId) where.push(eq(organisations.id, f.orgId));
  if (f.institutionId) where.push(eq(violations.institutionId, f.institutionId));
  if (f.status) where.push(eq(violations.status, f.status));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    summaryBase(ex)
      .where(cond)
      .orderBy(desc(violations.at))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex
      .select({ n: count() })
      .from(violations)
      .innerJoin(institutions, eq(institutions.id, violations.institutionId))
      .innerJoin(organisations, eq(organisations.id, institutions.orgId))
      .where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function insertViolation(ex: Executor, v: typeof violations.$inferInsert) {
  const [row] = await ex.insert(violations).values(v).returning();
  return row!;
}

export async function updateViolation(ex: Executor, id: string, v: Partial<typeof violations.$inferInsert>) {
  await ex.update(violations).set(v).where(eq(violations.id, id));
}

export async function sanctionsOf(ex: Executor, violationIds: string[]): Promise<SanctionRow[]> {
  if (!violationIds.length) return [];
  return ex.select().from(sanctions).where(inArray(sanctions.violationId, violationIds)).orderBy(sanctions.imposedAt);
}

export async function inForceOf(ex: Executor, institutionId: string): Promise<SanctionRow[]> {
  return ex
    .select()
    .from(sanctions)
    .where(and(eq(sanctions.institutionId, institutionId), eq(sanctions.status, 'in_force')));
}

export async function findSanction(ex: Executor, id: string, forUpdate = false): Promise<SanctionRow | undefined> {
  const q = ex.select().from(sanctions).where(eq(sanctions.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function insertSanction(ex: Executor, v: typeof sanctions.$inferInsert): Promise<SanctionRow> {
  const [row] = await ex.insert(sanctions).values(v).returning();
  return row!;
}

export async function updateSanction(ex: Executor, id: string, v: Partial<typeof sanctions.$inferInsert>) {
  await ex.update(sanctions).set(v).where(eq(sanctions.id, id));
}

export async function insertEvent(ex: Executor, v: typeof violationEvents.$inferInsert) {
  await ex.insert(violationEvents).values(v);
}

export async function eventsOf(ex: Executor, violationId: string) {
  return ex.select().from(violationEvents).where(eq(violationEvents.violationId, violationId)).orderBy(violationEvents.at);
}

export async function appealsOf(ex: Executor, violationIds: string[]) {
  if (!violationIds.length) return [];
  return ex.select().from(violationAppeals).where(inArray(violationAppeals.violationId, violationIds)).orderBy(violationAppeals.filedAt);
}

export async function insertAppeal(ex: Executor, v: typeof violationAppeals.$inferInsert) {
  const [row] = await ex.insert(violationAppeals).values(v).returning();
  return row!;
}

export async function updateAppeal(ex: Executor, id: string, v: Partial<typeof violationAppeals.$inferInsert>) {
  await ex.update(violationAppeals).set(v).where(eq(violationAppeals.id, id));
}

/** Labels of scope lines (occupation name / 专项 item, level) for display. */
export async function lineLabels(ex: Executor, lineIds: string[]): Promise<Map<string, string>> {
  if (!lineIds.length) return new Map();
  const rows = await ex
    .select({ id: institutionScope.id, occ: occupations.name, item: specialItems.name, level: institutionScope.level, workType: institutionScope.workType })
    .from(institutionScope)
    .leftJoin(occupations, eq(occupations.id, institutionScope.occupationId))
    .leftJoin(specialItems, eq(specialItems.id, institutionScope.specialItemId))
    .where(inArray(institutionScope.id, lineIds));
  return new Map(rows.map((r) => [r.id, `${r.item ?? r.occ ?? '?'}${r.workType ? `（${r.workType}）` : ''}${r.level ? ` ${r.level}级` : ''}`]));
}

/** The listing (initial) filings of an institution: suspension and revocation act on them as on the institution. */
export async function setListingFilingStatus(ex: Executor, institutionId: string, from: string[], to: string) {
  await ex
    .update(filings)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(filings.institutionId, institutionId), eq(filings.type, 'initial'), inArray(filings.status, from)));
}

/** The institution's state and the scope line a plan uses, for institutionMayOperate. */
export async function operatingFacts(
  ex: Executor,
  institutionId: string,
  lineOf: { occupationId: string | null; level: number | null; specialItemId: string | null; workType: string | null } | null,
) {
  const [row] = await ex.select({ status: institutions.status }).from(institutions).where(eq(institutions.id, institutionId));
  const live = row ? await inForceOf(ex, institutionId) : [];
  const inst = row && { status: row.status, suspendedUntil: lastDay(live.filter((s) => s.kind === 'suspend_institution')) };
  if (!lineOf) return { inst, line: null };
  const lines = await ex
    .select({
      id: institutionScope.id,
      occupationId: institutionScope.occupationId,
      specialItemId: institutionScope.specialItemId,
      level: institutionScope.level,
      workType: institutionScope.workType,
      suspendedAt: institutionScope.suspendedAt,
    })
    .from(institutionScope)
    .where(eq(institutionScope.institutionId, institutionId));
  const line =
    lines.find((l) =>
      lineOf.specialItemId
        ? l.specialItemId === lineOf.specialItemId
        : l.occupationId === lineOf.occupationId && l.level === lineOf.level && (l.workType === null || l.workType === lineOf.workType),
    ) ?? null;
  return { inst, line: line && { ...line, suspendedUntil: lastDay(live.filter((s) => s.kind === 'suspend_line' && s.scopeLineId === line.id)) } };
}

/**
 * The last day of the suspensions in force on these institutions and on their scope lines (null: until lifted), for
 * standingStatus and lineSuspended. Institutions and lines without one are absent.
 */
export async function suspensionEnds(ex: Executor, institutionIds: readonly string[]) {
  const institution = new Map<string, string | null>();
  const line = new Map<string, string | null>();
  if (!institutionIds.length) return { institution, line };
  const live = await ex
    .select()
    .from(sanctions)
    .where(
      and(
        inArray(sanctions.institutionId, [...institutionIds]),
        eq(sanctions.status, 'in_force'),
        inArray(sanctions.kind, ['suspend_institution', 'suspend_line']),
      ),
    );
  const group = (key: (s: SanctionRow) => string | null) => {
    const by = new Map<string, SanctionRow[]>();
    for (const s of live) {
      const k = key(s);
      if (k) by.set(k, [...(by.get(k) ?? []), s]);
    }
    return by;
  };
  for (const [id, rows] of group((s) => (s.kind === 'suspend_institution' ? s.institutionId : null))) institution.set(id, lastDay(rows));
  for (const [id, rows] of group((s) => (s.kind === 'suspend_line' ? s.scopeLineId : null))) line.set(id, lastDay(rows));
  return { institution, line };
}

/**
 * The violation behind a suspension in force (the latest imposed): its type and the clause broken, for the refusal a
 * suspended institution or line meets. `lineId` null: the whole institution's suspension.
 */
export async function suspensionBehind(ex: Executor, institutionId: string, lineId: string | null) {
  const [row] = await ex
    .select({ type: violations.type, clause: violations.rule, until: sanctions.until })
    .from(sanctions)
    .innerJoin(violations, eq(violations.id, sanctions.violationId))
    .where(
      and(
        eq(sanctions.institutionId, institutionId),
        eq(sanctions.status, 'in_force'),
        lineId ? and(eq(sanctions.kind, 'suspend_line'), eq(sanctions.scopeLineId, lineId)) : eq(sanctions.kind, 'suspend_institution'),
      ),
    )
    .orderBy(desc(sanctions.imposedAt))
    .limit(1);
  return row;
}

/** The end of the suspensions in force: null when one of them runs until lifted (or none records a period). */
function lastDay(rows: readonly SanctionRow[]): string | null {
  if (!rows.length || rows.some((s) => s.until === null)) return null;
  return (
    rows
      .map((s) => s.until!)
      .sort()
      .at(-1) ?? null
  );
}

/** The plan's institution and scope line (occupation, level, 专项 item, 工种). */
export async function planLine(ex: Executor, planId: string) {
  const [row] = await ex
    .select({
      institutionId: plans.institutionId,
      occupationId: plans.occupationId,
      level: plans.level,
      specialItemId: plans.specialItemId,
      workType: plans.workType,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  return row;
}
