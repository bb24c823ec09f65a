import { fieldIssue } from '@skillcert/shared/validation-key';
import { createHash, randomBytes } from 'node:crypto';
import type { ChangePasswordBody, LoginBody, Me } from '@skillcert/shared/api/auth';
import type { OrgKind, Role } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound, unauthenticated } from '../../http/errors.ts';
import { type Actor, permissionsOf } from '../access/policy.ts';
import * as repo from './auth.repository.ts';
import { hashPassword, requireStrongPassword, timingDummyHash, verifyPassword } from './passwords.ts';

/** For other modules that set a password (candidate activation): hashing and the password rules, through this service. */
export { hashPassword, requireStrongPassword };
import { claimAttempt, loginKeys, passwordKeys, settleSuccess } from './throttle.service.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type SessionUser = NonNullable<Awaited<ReturnType<typeof repo.findSessionUser>>>;

export function actorOf(u: SessionUser): Actor {
  return {
    userId: u.userId,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    orgId: u.orgId,
    orgKind: u.orgKind as OrgKind,
    regionCode: u.regionCode,
  };
}

function present(u: SessionUser): Me {
  return {
    id: u.userId,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    mustChangePassword: u.mustChangePassword,
    organisation: { id: u.orgId, name: u.orgName, kind: u.orgKind as OrgKind, regionCode: u.regionCode },
    permissions: permissionsOf(u.role as Role),
  };
}

/** The actor behind a session cookie, and whether it must change its password before anything but auth.* (server-enforced). */
export async function authenticate(db: Db, token: string | undefined): Promise<{ actor: Actor; mustChangePassword: boolean } | null> {
  if (!token) return null;
  const u = await repo.findSessionUser(db, hashToken(token));
  return u ? { actor: actorOf(u), mustChangePassword: u.mustChangePassword } : null;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  me: Me;
}

/** Count the attempt against the throttle, check the credentials, then open a session. Failures never say which part was wrong. */
export async function login(db: Db, body: LoginBody, client: { ip: string; requestId: string }, sessionHours: number): Promise<LoginResult> {
  const username = body.username.toLowerCase();
  const keys = loginKeys(username, client.ip);
  await claimAttempt(db, keys);
  const user = await repo.findUserForLogin(db, username);
  const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), body.password);
  if (!user || !ok || !user.active || !user.orgActive) throw new AppError(401, 'AUTH.INVALID_CREDENTIALS');
  await settleSuccess(db, keys);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
  await inTransaction(db, { actor: { userId: user.id, username: user.username }, requestId: client.requestId }, async (tx, audit) => {
    await repo.deleteExpiredSessions(tx);
    await repo.insertSession(tx, hashToken(token), user.id, expiresAt);
    await audit({ action: 'auth.login', targetType: 'user', targetId: user.id, after: { ip: client.ip } });
  });
  const profile = await repo.findUserProfile(db, user.id);
  if (!profile) throw notFound('user');
  return { token, expiresAt, me: present(profile) };
}

export async function logout(ctx: UseCaseContext, token: string): Promise<void> {
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    await repo.deleteSession(tx, hashToken(token));
    await audit({ action: 'auth.logout', targetType: 'user', targetId: ctx.actor.userId });
  });
}

export async function me(ctx: UseCaseContext): Promise<Me> {
  const profile = await repo.findUserProfile(ctx.db, ctx.actor.userId);
  if (!profile) throw unauthenticated();
  return present(profile);
}

/** Change one's own password; other sessions of the user end, this one stays. */
export async function changePassword(ctx: UseCaseContext, token: string, body: ChangePasswordBody, ip: string): Promise<void> {
  // Guesses of the current password through a stolen session are throttled like logins.
  const keys = passwordKeys(ctx.actor.userId, ip);
  await claimAttempt(ctx.db, keys);
  const current = await repo.getPasswordHash(ctx.db, ctx.actor.userId);
  if (!current || !(await verifyPassword(current, body.currentPassword))) {
    throw new AppError(422, 'AUTH.WRONG_PASSWORD', { issues: [fieldIssue('body.currentPassword', 'valid.wrongPassword')] });
  }
  await settleSuccess(ctx.db, keys);
  if (body.currentPassword === body.newPassword) {
    throw new AppError(422, 'AUTH.SAME_PASSWORD', { issues: [fieldIssue('body.newPassword', 'valid.samePassword')] });
  }
  requireStrongPassword(body.newPassword, ctx.actor.username, 'body.newPassword');
  const next = await hashPassword(body.newPassword);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    await repo.setPasswordHash(tx, ctx.actor.userId, next, false);
    await repo.deleteOtherSessions(tx, ctx.actor.userId, hashToken(token));
    await audit({ action: 'auth.change_password', targetType: 'user', targetId: ctx.actor.userId });
  });
}
