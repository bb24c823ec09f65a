import { and, asc, count, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import { regionPrefix } from '@skillcert/shared/validators/region-code';
import type { Role } from '@skillcert/shared/domain';
import type { Executor } from '../../db/client.ts';
import { organisations, sessions, users } from '../../db/schema.ts';
import type { AccountScope } from '../access/policy.ts';
import { containing } from '../../db/like.ts';

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  orgId: users.orgId,
  orgName: organisations.name,
  orgKind: organisations.kind,
  orgRegionCode: organisations.regionCode,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
};

export type UserRow = Awaited<ReturnType<typeof findUser>> & {};

export async function findUser(ex: Executor, id: string, forUpdate = false) {
  const q = ex.select(columns).from(users).innerJoin(organisations, eq(organisations.id, users.orgId)).where(eq(users.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update', { of: users }) : await q;
  return rows[0];
}

export interface UserFilter {
  orgId?: string | undefined;
  role?: Role | undefined;
  q?: string | undefined;
}

/** The accounts an actor manages (R7): all, one organisation's, or one bureau kind's within a region. */
function accountCondition(scope: AccountScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'org':
      return eq(users.orgId, scope.orgId);
    case 'bureau':
      return and(eq(organisations.kind, scope.orgKind), like(organisations.regionCode, `${regionPrefix(scope.regionCode)}%`));
    case 'none':
      return sql`false`;
  }
}

export async function listUsers(ex: Executor, scope: AccountScope, f: UserFilter, page: number, pageSize: number) {
  const conds: (SQL | undefined)[] = [accountCondition(scope)];
  if (f.orgId) conds.push(eq(users.orgId, f.orgId));
  if (f.role) conds.push(eq(users.role, f.role));
  if (f.q) conds.push(or(ilike(users.username, containing(f.q)), ilike(users.displayName, containing(f.q))));
  const where = and(...conds);
  const [items, totals] = await Promise.all([
    ex
      .select(columns)
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .where(where)
      .orderBy(asc(organisations.name), asc(users.username))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(users).innerJoin(organisations, eq(organisations.id, users.orgId)).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function usernameTaken(ex: Executor, username: string): Promise<boolean> {
  const rows = await ex
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .limit(1);
  return rows.length > 0;
}

export async function insertUser(ex: Executor, values: typeof users.$inferInsert): Promise<string> {
  const [row] = await ex.insert(users).values(values).returning({ id: users.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateUser(ex: Executor, id: string, values: Partial<typeof users.$inferInsert>) {
  await ex
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id));
}

export async function endSessions(ex: Executor, userId: string) {
  await ex.delete(sessions).where(eq(sessions.userId, userId));
}
