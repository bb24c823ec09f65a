import type { ProposalSort, SpecSort } from '@skillcert/shared/api/specs';
import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, timestampRange } from '../../db/list-query.ts';
import { evalSpecs, majors, occupations, organisations, specialItemProposals } from '../../db/schema.ts';
import type { OrgScope } from '../access/policy.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { containing } from '../../db/like.ts';

// --- 评价规范 (R5) --------------------------------------------------------------------------------------

const specColumns = {
  id: evalSpecs.id,
  orgId: evalSpecs.orgId,
  orgName: organisations.name,
  regionCode: organisations.regionCode,
  occupationCode: occupations.code,
  occupationName: occupations.name,
  levels: evalSpecs.levels,
  title: evalSpecs.title,
  attachmentId: evalSpecs.attachmentId,
  theory: evalSpecs.theory,
  skills: evalSpecs.skills,
  status: evalSpecs.status,
  reviewNote: evalSpecs.reviewNote,
  filedAt: evalSpecs.filedAt,
  updatedAt: evalSpecs.updatedAt,
};

function specQuery(ex: Executor) {
  return ex
    .select(specColumns)
    .from(evalSpecs)
    .innerJoin(organisations, eq(organisations.id, evalSpecs.orgId))
    .innerJoin(occupations, eq(occupations.id, evalSpecs.occupationId));
}
export type SpecRow = Awaited<ReturnType<ReturnType<typeof specQuery>['where']>>[number];

export async function findSpec(ex: Executor, id: string, forUpdate = false): Promise<SpecRow | undefined> {
  const q = specQuery(ex).where(eq(evalSpecs.id, id)).limit(1);
  const [row] = forUpdate ? await q.for('update', { of: evalSpecs }) : await q;
  return row;
}

export interface SpecFilter {
  status?: string | undefined;
  /** Title, school, occupation name or code contains. */
  q?: string | undefined;
  /** Last changed within [from, to] (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  sort?: SpecSort | undefined;
}

// Ties by last change, then id, so paging is stable.
const SPEC_SORT_COLUMNS = {
  title: evalSpecs.title,
  school: organisations.name,
  occupation: occupations.code,
  status: evalSpecs.status,
  filedAt: evalSpecs.filedAt,
  updatedAt: evalSpecs.updatedAt,
};

/** One page of 评价规范 in `scope` matching the filter, and how many match in all. */
export async function listSpecs(ex: Executor, scope: OrgScope, f: SpecFilter, limit: number, offset: number) {
  const conds: (SQL | undefined)[] = [scopeCondition(scope)];
  if (f.status) conds.push(eq(evalSpecs.status, f.status));
  if (f.q) {
    const like = containing(f.q);
    conds.push(or(ilike(evalSpecs.title, like), ilike(organisations.name, like), ilike(occupations.name, like), ilike(occupations.code, like)));
  }
  conds.push(...timestampRange(evalSpecs.updatedAt, f.from, f.to));
  const where = and(...conds);
  const [items, totals] = await Promise.all([
    specQuery(ex)
      .where(where)
      .orderBy(...orderOf(f.sort, '-updatedAt', SPEC_SORT_COLUMNS, [desc(evalSpecs.updatedAt), asc(evalSpecs.id)]))
      .limit(limit)
      .offset(offset),
    ex
      .select({ n: count() })
      .from(evalSpecs)
      .innerJoin(organisations, eq(organisations.id, evalSpecs.orgId))
      .innerJoin(occupations, eq(occupations.id, evalSpecs.occupationId))
      .where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertSpec(ex: Executor, v: typeof evalSpecs.$inferInsert): Promise<string> {
  const [row] = await ex.insert(evalSpecs).values(v).returning({ id: evalSpecs.id });
  if (!row) throw new Error('insert into eval_specs returned no row');
  return row.id;
}

/** Changes a 评价规范 and stamps its last change. */
export async function updateSpec(ex: Executor, id: string, v: Partial<typeof evalSpecs.$inferInsert>): Promise<void> {
  await ex
    .update(evalSpecs)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(evalSpecs.id, id));
}

/** The filed 评价规范 of a school for an occupation (R5's evaluation basis). */
export function filedSpecsOf(ex: Executor, orgId: string, occupationId: string) {
  return ex
    .select({ id: evalSpecs.id, levels: evalSpecs.levels })
    .from(evalSpecs)
    .where(and(eq(evalSpecs.orgId, orgId), eq(evalSpecs.occupationId, occupationId), eq(evalSpecs.status, 'filed')));
}

// --- 专项职业能力 item proposals ---------------------------------------------------------------------------

function proposalQuery(ex: Executor) {
  return ex
    .select({
      id: specialItemProposals.id,
      orgId: specialItemProposals.orgId,
      orgName: organisations.name,
      regionCode: organisations.regionCode,
      province: specialItemProposals.province,
      name: specialItemProposals.name,
      majorCode: specialItemProposals.majorCode,
      standard: specialItemProposals.standard,
      outline: specialItemProposals.outline,
      attachmentId: specialItemProposals.attachmentId,
      status: specialItemProposals.status,
      reviewNote: specialItemProposals.reviewNote,
      specialItemId: specialItemProposals.specialItemId,
      createdAt: specialItemProposals.createdAt,
    })
    .from(specialItemProposals)
    .innerJoin(organisations, eq(organisations.id, specialItemProposals.orgId));
}
export type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalQuery>['where']>>[number];

export async function findProposal(ex: Executor, id: string, forUpdate = false): Promise<ProposalRow | undefined> {
  const q = proposalQuery(ex).where(eq(specialItemProposals.id, id)).limit(1);
  const [row] = forUpdate ? await q.for('update', { of: specialItemProposals }) : await q;
  return row;
}

export async function insertProposal(ex: Executor, v: typeof specialItemProposals.$inferInsert): Promise<string> {
  const [row] = await ex.insert(specialItemProposals).values(v).returning({ id: specialItemProposals.id });
  if (!row) throw new Error('insert into special_item_proposals returned no row');
  return row.id;
}

/** Changes a proposal and stamps its last change. */
export async function updateProposal(ex: Executor, id: string, v: Partial<typeof specialItemProposals.$inferInsert>): Promise<void> {
  await ex
    .update(specialItemProposals)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(specialItemProposals.id, id));
}

/** Is `majorCode` one of the school's majors? */
export async function isOwnMajor(ex: Executor, orgId: string, majorCode: string): Promise<boolean> {
  const rows = await ex
    .select({ id: majors.id })
    .from(majors)
    .where(and(eq(majors.orgId, orgId), eq(majors.code, majorCode)))
    .limit(1);
  return rows.length > 0;
}

export interface ProposalFilter {
  status?: string | undefined;
  /** Item name, school or major code contains. */
  q?: string | undefined;
  /** Proposed within [from, to] (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  sort?: ProposalSort | undefined;
}

// Ties by proposal time, then id.
const PROPOSAL_SORT_COLUMNS = {
  name: specialItemProposals.name,
  school: organisations.name,
  major: specialItemProposals.majorCode,
  status: specialItemProposals.status,
  createdAt: specialItemProposals.createdAt,
};

/** One page of proposals in `scope` matching the filter, and how many match in all. */
export async function listProposals(ex: Executor, scope: OrgScope, f: ProposalFilter, limit: number, offset: number) {
  const conds: (SQL | undefined)[] = [scopeCondition(scope)];
  if (f.status) conds.push(eq(specialItemProposals.status, f.status));
  if (f.q) {
    const like = containing(f.q);
    conds.push(or(ilike(specialItemProposals.name, like), ilike(organisations.name, like), ilike(specialItemProposals.majorCode, like)));
  }
  conds.push(...timestampRange(specialItemProposals.createdAt, f.from, f.to));
  const where = and(...conds);
  const [items, totals] = await Promise.all([
    proposalQuery(ex)
      .where(where)
      .orderBy(...orderOf(f.sort, '-createdAt', PROPOSAL_SORT_COLUMNS, [desc(specialItemProposals.createdAt), asc(specialItemProposals.id)]))
      .limit(limit)
      .offset(offset),
    ex.select({ n: count() }).from(specialItemProposals).innerJoin(organisations, eq(organisations.id, specialItemProposals.orgId)).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}
