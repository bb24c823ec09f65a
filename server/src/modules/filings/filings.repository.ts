import type { FilingSort } from '@skillcert/shared/api/filings';
import { and, asc, count, desc, eq, ilike, inArray, like, type SQL } from 'drizzle-orm';
import { regionPrefix } from '@skillcert/shared/validators/region-code';
import type { Executor } from '../../db/client.ts';
import { orderOf, timestampRange } from '../../db/list-query.ts';
import { filingEvents, filings, filingScopeLines, occupations, organisations, specialItems } from '../../db/schema.ts';
import type { OrgScope } from '../access/policy.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { containing } from '../../db/like.ts';

const columns = {
  id: filings.id,
  orgId: filings.orgId,
  kind: filings.kind,
  type: filings.type,
  institutionId: filings.institutionId,
  status: filings.status,
  profileId: filings.profileId,
  contactName: filings.contactName,
  contactPhone: filings.contactPhone,
  note: filings.note,
  sites: filings.sites,
  assessors: filings.assessors,
  attachmentIds: filings.attachmentIds,
  assessment: filings.assessment,
  submittedAt: filings.submittedAt,
  createdAt: filings.createdAt,
  updatedAt: filings.updatedAt,
  orgName: organisations.name,
  regionCode: organisations.regionCode,
  schoolType: organisations.schoolType,
  runsThroughPrograms: organisations.runsThroughPrograms,
};

export type FilingRow = Awaited<ReturnType<typeof findFiling>> & {};

export async function findFiling(ex: Executor, id: string, forUpdate = false) {
  const q = ex.select(columns).from(filings).innerJoin(organisations, eq(organisations.id, filings.orgId)).where(eq(filings.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update', { of: filings }) : await q;
  return rows[0];
}

export interface FilingFilter {
  status?: string | undefined;
  statuses?: string[] | undefined;
  orgId?: string | undefined;
  q?: string | undefined;
  region?: string | undefined;
  institutionId?: string | undefined;
  /** updatedAt on or after `from` (00:00) and before the day after `to` (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  sort?: FilingSort | undefined;
}

// Ties (same school, same status) by last change, then id.
const SORT_COLUMNS = { updatedAt: filings.updatedAt, submittedAt: filings.submittedAt, school: organisations.name, status: filings.status } as const;

export async function listFilings(ex: Executor, scope: OrgScope, f: FilingFilter, limit: number, offset: number) {
  const conds: (SQL | undefined)[] = [scopeCondition(scope)];
  if (f.q) conds.push(ilike(organisations.name, containing(f.q)));
  if (f.region) conds.push(like(organisations.regionCode, `${regionPrefix(f.region)}%`));
  if (f.institutionId) conds.push(eq(filings.institutionId, f.institutionId));
  if (f.status) conds.push(eq(filings.status, f.status));
  if (f.statuses) conds.push(inArray(filings.status, f.statuses));
  if (f.orgId) conds.push(eq(filings.orgId, f.orgId));
  conds.push(...timestampRange(filings.updatedAt, f.from, f.to));
  const where = and(...conds);
  const [items, totals] = await Promise.all([
    ex
      .select(columns)
      .from(filings)
      .innerJoin(organisations, eq(organisations.id, filings.orgId))
      .where(where)
      .orderBy(...orderOf(f.sort, '-updatedAt', SORT_COLUMNS, [desc(filings.updatedAt), asc(filings.id)]))
      .limit(limit)
      .offset(offset),
    ex.select({ n: count() }).from(filings).innerJoin(organisations, eq(organisations.id, filings.orgId)).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertFiling(ex: Executor, v: typeof filings.$inferInsert): Promise<string> {
  const [row] = await ex.insert(filings).values(v).returning({ id: filings.id });
  if (!row) throw new Error('filing not inserted');
  return row.id;
}

export async function updateFiling(ex: Executor, id: string, v: Partial<typeof filings.$inferInsert>) {
  await ex
    .update(filings)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(filings.id, id));
}

export type LineInsert = Omit<typeof filingScopeLines.$inferInsert, 'id' | 'filingId'>;

export async function replaceLines(ex: Executor, filingId: string, lines: LineInsert[]) {
  await ex.delete(filingScopeLines).where(eq(filingScopeLines.filingId, filingId));
  if (lines.length) await ex.insert(filingScopeLines).values(lines.map((l) => ({ ...l, filingId })));
}

export async function linesOf(ex: Executor, filingIds: string[]) {
  if (filingIds.length === 0) return [];
  return ex
    .select({
      filingId: filingScopeLines.filingId,
      occupationId: filingScopeLines.occupationId,
      occupationCode: occupations.code,
      occupationName: occupations.name,
      specialItemId: filingScopeLines.specialItemId,
      specialItemName: specialItems.name,
      workType: filingScopeLines.workType,
      level: filingScopeLines.level,
    })
    .from(filingScopeLines)
    .leftJoin(occupations, eq(occupations.id, filingScopeLines.occupationId))
    .leftJoin(specialItems, eq(specialItems.id, filingScopeLines.specialItemId))
    .where(inArray(filingScopeLines.filingId, filingIds))
    .orderBy(asc(filingScopeLines.position));
}

export async function insertEvent(ex: Executor, v: typeof filingEvents.$inferInsert) {
  await ex.insert(filingEvents).values(v);
}

export async function eventsOf(ex: Executor, filingId: string) {
  return ex.select().from(filingEvents).where(eq(filingEvents.filingId, filingId)).orderBy(asc(filingEvents.id));
}
