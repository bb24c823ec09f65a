import { and, asc, count, desc, eq, gte, ilike, inArray, like, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { regionPrefix } from '@skillcert/shared/validators/region-code';
import type { InstitutionSort } from '@skillcert/shared/api/institutions';
import type { Executor } from '../../db/client.ts';
import { dateRange, orderOf } from '../../db/list-query.ts';
import { filings, institutions, institutionScope, occupations, organisations, regions, serials, specialItems, violations } from '../../db/schema.ts';
import type { OrgScope } from '../access/policy.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { containing } from '../../db/like.ts';

export type InstitutionRow = typeof institutions.$inferSelect & { orgName: string; regionCode: string; regionName: string };

const columns = {
  id: institutions.id,
  orgId: institutions.orgId,
  kind: institutions.kind,
  code: institutions.code,
  province: institutions.province,
  provinceSerial: institutions.provinceSerial,
  certificatePrefix: institutions.certificatePrefix,
  status: institutions.status,
  validFrom: institutions.validFrom,
  validTo: institutions.validTo,
  profileId: institutions.profileId,
  priorEvaluated: institutions.priorEvaluated,
  priorSource: institutions.priorSource,
  createdAt: institutions.createdAt,
  updatedAt: institutions.updatedAt,
  orgName: organisations.name,
  regionCode: organisations.regionCode,
  regionName: regions.fullName,
};

function base(ex: Executor) {
  return ex
    .select(columns)
    .from(institutions)
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .innerJoin(regions, eq(regions.code, organisations.regionCode));
}

export async function findInstitution(ex: Executor, id: string, forUpdate = false): Promise<InstitutionRow | undefined> {
  const q = base(ex).where(eq(institutions.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update', { of: institutions }) : await q;
  return rows[0];
}

export async function findInstitutionOf(ex: Executor, orgId: string, kind: string): Promise<InstitutionRow | undefined> {
  const rows = await base(ex)
    .where(and(eq(institutions.orgId, orgId), eq(institutions.kind, kind)))
    .limit(1);
  return rows[0];
}

export interface InstitutionFilter {
  q?: string | undefined;
  region?: string | undefined;
  occupation?: string | undefined;
  statuses?: string[];
  /** Only listings still valid on this day (YYYY-MM-DD). */
  validOn?: string;
  /** Listed (validFrom) on or after / on or before (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  sort?: InstitutionSort | undefined;
  /** Leave these out (a suspension over, R14, when filtering suspended). */
  excludeIds?: string[];
  /** Take these too whatever their recorded status (a suspension over, R14, when filtering listed). */
  orIds?: string[];
}

// Ties: province, serial (the catalog's own order), then id.
const SORT_COLUMNS = {
  name: organisations.name,
  code: institutions.code,
  validFrom: institutions.validFrom,
  validTo: institutions.validTo,
  status: institutions.status,
};

/** The ids of every institution the filter matches (no paging): the recorded-suspended ones standing is asked about. */
export async function institutionIdsWithStatus(ex: Executor, scope: OrgScope, f: InstitutionFilter): Promise<string[]> {
  const rows = await ex
    .select({ id: institutions.id })
    .from(institutions)
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(and(...filterConditions(scope, f)));
  return rows.map((r) => r.id);
}

function filterConditions(scope: OrgScope, f: InstitutionFilter): (SQL | undefined)[] {
  const conds: (SQL | undefined)[] = [scopeCondition(scope)];
  if (f.statuses)
    conds.push(f.orIds?.length ? or(inArray(institutions.status, f.statuses), inArray(institutions.id, f.orIds)) : inArray(institutions.status, f.statuses));
  if (f.excludeIds?.length) conds.push(notInArray(institutions.id, f.excludeIds));
  if (f.validOn) conds.push(gte(institutions.validTo, f.validOn));
  if (f.region) conds.push(like(organisations.regionCode, `${regionPrefix(f.region)}%`));
  if (f.q)
    conds.push(
      or(ilike(organisations.name, containing(f.q)), ilike(institutions.code, containing(f.q)), ilike(institutions.certificatePrefix, containing(f.q))),
    );
  conds.push(...dateRange(institutions.validFrom, f.from, f.to));
  if (f.occupation) {
    conds.push(
      sql`exists (select 1 from ${institutionScope} s join ${occupations} o on o.id = s.occupation_id
                 where s.institution_id = ${institutions.id} and (o.code = ${f.occupation} or o.name ilike ${containing(f.occupation)}))`,
    );
  }
  return conds;
}

export async function listInstitutions(ex: Executor, scope: OrgScope, f: InstitutionFilter, page: number, pageSize: number) {
  const where = and(...filterConditions(scope, f));
  const [items, totals] = await Promise.all([
    base(ex)
      .where(where)
      .orderBy(...orderOf(f.sort, 'code', SORT_COLUMNS, [asc(institutions.province), asc(institutions.provinceSerial), asc(institutions.id)]))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(institutions).innerJoin(organisations, eq(organisations.id, institutions.orgId)).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function scopeOf(ex: Executor, institutionIds: string[]) {
  if (institutionIds.length === 0) return [];
  return ex
    .select({
      id: institutionScope.id,
      institutionId: institutionScope.institutionId,
      suspendedAt: institutionScope.suspendedAt,
      occupationCode: occupations.code,
      occupationName: occupations.name,
      specialItemName: specialItems.name,
      workType: institutionScope.workType,
      level: institutionScope.level,
    })
    .from(institutionScope)
    .leftJoin(occupations, eq(occupations.id, institutionScope.occupationId))
    .leftJoin(specialItems, eq(specialItems.id, institutionScope.specialItemId))
    .where(inArray(institutionScope.institutionId, institutionIds))
    .orderBy(asc(occupations.code), asc(institutionScope.level));
}

export async function insertInstitution(ex: Executor, v: typeof institutions.$inferInsert): Promise<string> {
  const [row] = await ex.insert(institutions).values(v).returning({ id: institutions.id });
  if (!row) throw new Error('institution not inserted');
  return row.id;
}

export async function addScope(ex: Executor, lines: (typeof institutionScope.$inferInsert)[]) {
  if (lines.length) await ex.insert(institutionScope).values(lines);
}

export async function updateInstitution(ex: Executor, id: string, v: Partial<typeof institutions.$inferInsert>) {
  await ex
    .update(institutions)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(institutions.id, id));
}

/** The latest first filing ('initial') of the institution: the one its sanctions act on. */
export async function listingFilingId(ex: Executor, institutionId: string): Promise<string | null> {
  const rows = await ex
    .select({ id: filings.id })
    .from(filings)
    .where(and(eq(filings.institutionId, institutionId), eq(filings.type, 'initial')))
    .orderBy(desc(filings.updatedAt))
    .limit(1);
  return rows[0]?.id ?? null;
}

export async function listViolations(ex: Executor, institutionId: string) {
  return ex.select().from(violations).where(eq(violations.institutionId, institutionId)).orderBy(asc(violations.at));
}

export async function countViolationsSince(ex: Executor, institutionId: string, since: string): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(violations)
    // An appeal granted annuls the record (sanctions module): it no longer counts for R4.
    .where(and(eq(violations.institutionId, institutionId), gte(violations.at, new Date(`${since}T00:00:00Z`)), ne(violations.status, 'annulled')));
  return row?.n ?? 0;
}

export async function insertViolation(ex: Executor, v: typeof violations.$inferInsert) {
  const [row] = await ex.insert(violations).values(v).returning();
  return row;
}

/** Next value of a named counter, allocated exactly once even under concurrent listings. */
export async function nextSerial(ex: Executor, name: string): Promise<number> {
  const [row] = await ex
    .insert(serials)
    .values({ name, value: 1 })
    .onConflictDoUpdate({ target: serials.name, set: { value: sql`${serials.value} + 1` } })
    .returning({ value: serials.value });
  if (!row) throw new Error('serial not allocated');
  return row.value;
}

export async function findScopeLine(ex: Executor, institutionId: string, lineId: string) {
  const [row] = await ex
    .select()
    .from(institutionScope)
    .where(and(eq(institutionScope.institutionId, institutionId), eq(institutionScope.id, lineId)));
  return row;
}

export async function setScopeLineSuspension(ex: Executor, lineId: string, suspended: boolean, reason: string) {
  await ex
    .update(institutionScope)
    .set({ suspendedAt: suspended ? new Date() : null, suspendReason: suspended ? reason : null })
    .where(eq(institutionScope.id, lineId));
}
