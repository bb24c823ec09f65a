import { and, count, eq, gt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { loginFailures, organisations, sessions, users } from '../../db/schema.ts';

export async function findUserForLogin(ex: Executor, username: string) {
  const rows = await ex
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash, active: users.active, orgActive: organisations.active })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .limit(1);
  return rows[0];
}

const actorColumns = {
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  mustChangePassword: users.mustChangePassword,
  orgId: organisations.id,
  orgKind: organisations.kind,
  orgName: organisations.name,
  regionCode: organisations.regionCode,
};

/** The acting user behind a live session, or undefined. */
export async function findSessionUser(ex: Executor, tokenHash: string) {
  const rows = await ex
    .select(actorColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), eq(users.active, true), eq(organisations.active, true)))
    .limit(1);
  return rows[0];
}

export async function findUserProfile(ex: Executor, userId: string) {
  const rows = await ex
    .select(actorColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, userId))
    .limit(1);
  return rows[0];
}

export async function insertSession(ex: Executor, tokenHash: string, userId: string, expiresAt: Date) {
  await ex.insert(sessions).values({ tokenHash, userId, expiresAt });
}

export async function deleteSession(ex: Executor, tokenHash: string) {
  await ex.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteOtherSessions(ex: Executor, userId: string, keepTokenHash: string | null) {
  await ex
    .delete(sessions)
    .where(keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(ex: Executor) {
  await ex.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
}

export async function recentFailures(ex: Executor, username: string, ip: string, windowMinutes: number) {
  const since = sql`now() - make_interval(mins => ${windowMinutes})`;
  const [byUser, byIp] = await Promise.all([
    ex.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.username, username), gt(loginFailures.at, since))),
    ex.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since))),
  ]);
  return { byUser: byUser[0]?.n ?? 0, byIp: byIp[0]?.n ?? 0 };
}

export async function recordFailure(ex: Executor, username: string, ip: string) {
  await ex.insert(loginFailures).values({ username, ip });
}

export async function clearFailures(ex: Executor, username: string) {
  await ex.delete(loginFailures).where(eq(loginFailures.username, username));
}

export async function getPasswordHash(ex: Executor, userId: string) {
  const rows = await ex.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return rows[0]?.h;
}

export async function setPasswordHash(ex: Executor, userId: string, passwordHash: string, mustChange: boolean) {
  await ex.update(users).set({ passwordHash, mustChangePassword: mustChange, updatedAt: new Date() }).where(eq(users.id, userId));
}
