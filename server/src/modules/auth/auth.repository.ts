import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { authThrottle, organisations, sessions, users } from '../../db/schema.ts';

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
  const rows = await ex.select(actorColumns).from(users).innerJoin(organisations, eq(organisations.id, users.orgId)).where(eq(users.id, userId)).limit(1);
  return rows[0];
}

export async function insertSession(ex: Executor, tokenHash: string, userId: string, expiresAt: Date) {
  await ex.insert(sessions).values({ tokenHash, userId, expiresAt });
}

export async function deleteSession(ex: Executor, tokenHash: string) {
  await ex.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteOtherSessions(ex: Executor, userId: string, keepTokenHash: string | null) {
  await ex.delete(sessions).where(keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(ex: Executor) {
  await ex.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
}

/** The throttle row of a key, created if missing and locked until the transaction ends. */
export async function lockThrottle(tx: Tx, key: string) {
  await tx.insert(authThrottle).values({ key }).onConflictDoNothing();
  const rows = await tx
    .select({ failures: authThrottle.failures, blockedUntil: authThrottle.blockedUntil, lastAttemptAt: authThrottle.lastAttemptAt })
    .from(authThrottle)
    .where(eq(authThrottle.key, key))
    .for('update');
  return rows[0];
}

export async function saveThrottle(ex: Executor, key: string, v: { failures: number; blockedUntil: Date | null; lastAttemptAt: Date }) {
  await ex.update(authThrottle).set(v).where(eq(authThrottle.key, key));
}

export async function deleteThrottle(ex: Executor, key: string) {
  await ex.delete(authThrottle).where(eq(authThrottle.key, key));
}

export async function getPasswordHash(ex: Executor, userId: string) {
  const rows = await ex.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return rows[0]?.h;
}

export async function setPasswordHash(ex: Executor, userId: string, passwordHash: string, mustChange: boolean) {
  await ex.update(users).set({ passwordHash, mustChangePassword: mustChange, updatedAt: new Date() }).where(eq(users.id, userId));
}
