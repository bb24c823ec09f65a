import { and, asc, count, eq, ilike, like, or, type SQL } from 'drizzle-orm';
import type { OrgKind } from '@skillcert/shared/domain';
import { regionPrefix } from '@skillcert/shared/validators/region-code';
import type { Executor } from '../../db/client.ts';
import { majors, organisations, regions } from '../../db/schema.ts';
import type { OrgScope } from '../access/policy.ts';
import { containing } from '../../db/like.ts';

export type OrganisationRow = typeof organisations.$inferSelect & { regionName: string };

const columns = {
  id: organisations.id,
  kind: organisations.kind,
  name: organisations.name,
  regionCode: organisations.regionCode,
  regionName: regions.fullName,
  creditCode: organisations.creditCode,
  creditCodeOverride: organisations.creditCodeOverride,
  schoolType: organisations.schoolType,
  runsThroughPrograms: organisations.runsThroughPrograms,
  active: organisations.active,
  createdAt: organisations.createdAt,
  updatedAt: organisations.updatedAt,
};

export function scopeCondition(scope: OrgScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'region':
      return like(organisations.regionCode, `${regionPrefix(scope.regionCode)}%`);
    case 'org':
      return eq(organisations.id, scope.orgId);
  }
}

export async function findOrganisation(ex: Executor, id: string, forUpdate = false): Promise<OrganisationRow | undefined> {
  const q = ex.select(columns).from(organisations).innerJoin(regions, eq(regions.code, organisations.regionCode)).where(eq(organisations.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update', { of: organisations }) : await q;
  return rows[0];
}

export interface OrganisationFilter {
  kind?: OrgKind | undefined;
  region?: string | undefined;
  q?: string | undefined;
}

export async function listOrganisations(ex: Executor, scope: OrgScope, f: OrganisationFilter, page: number, pageSize: number) {
  const conds: (SQL | undefined)[] = [scopeCondition(scope)];
  if (f.kind) conds.push(eq(organisations.kind, f.kind));
  if (f.region) conds.push(like(organisations.regionCode, `${regionPrefix(f.region)}%`));
  if (f.q) conds.push(or(ilike(organisations.name, containing(f.q)), eq(organisations.creditCode, f.q.toUpperCase())));
  const where = and(...conds);
  const [items, totals] = await Promise.all([
    ex
      .select(columns)
      .from(organisations)
      .innerJoin(regions, eq(regions.code, organisations.regionCode))
      .where(where)
      .orderBy(asc(organisations.regionCode), asc(organisations.name))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(organisations).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertOrganisation(ex: Executor, values: typeof organisations.$inferInsert): Promise<string> {
  const [row] = await ex.insert(organisations).values(values).returning({ id: organisations.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateOrganisation(ex: Executor, id: string, values: Partial<typeof organisations.$inferInsert>) {
  await ex
    .update(organisations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organisations.id, id));
}

export async function listMajors(ex: Executor, orgId: string) {
  return ex.select({ id: majors.id, code: majors.code, name: majors.name }).from(majors).where(eq(majors.orgId, orgId)).orderBy(asc(majors.code));
}

export async function insertMajor(ex: Executor, orgId: string, code: string, name: string) {
  const [row] = await ex.insert(majors).values({ orgId, code, name }).returning({ id: majors.id, code: majors.code, name: majors.name });
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findMajor(ex: Executor, orgId: string, majorId: string) {
  const rows = await ex
    .select({ id: majors.id, code: majors.code, name: majors.name })
    .from(majors)
    .where(and(eq(majors.orgId, orgId), eq(majors.id, majorId)))
    .limit(1);
  return rows[0];
}

export async function deleteMajor(ex: Executor, majorId: string) {
  await ex.delete(majors).where(eq(majors.id, majorId));
}
