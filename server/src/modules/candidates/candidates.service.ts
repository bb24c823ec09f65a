import { timingSafeEqual } from 'node:crypto';
import type { ActivateBody } from '@skillcert/shared/api/enrolment';
import { inTransaction } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import * as authRepo from '../auth/auth.repository.ts';
import { login, type LoginResult } from '../auth/auth.service.ts';
import { hashPassword, requireStrongPassword } from '../auth/auth.service.ts';
import { claimAttempt, settleSuccess } from '../auth/throttle.service.ts';
import { hashActivationCode } from '../enrolments/enrolments.service.ts';
import * as repo from './candidates.repository.ts';

/**
 * A candidate's first login: the username and the one-time activation code the school handed out, and a password
 * of the candidate's own (the password rules apply). The code then stops working; attempts are throttled like logins.
 */
export async function activateCandidate(db: Db, body: ActivateBody, client: { ip: string; requestId: string }, sessionHours: number): Promise<LoginResult> {
  const username = body.username.toLowerCase();
  const keys = { address: `ip|${client.ip}`, pair: `activate|${username}|${client.ip}` };
  await claimAttempt(db, keys);
  const pending = await repo.findPendingActivation(db, username);
  const given = Buffer.from(hashActivationCode(body.activationCode), 'hex');
  const stored = Buffer.from(pending?.codeHash ?? '0'.repeat(64), 'hex');
  if (!pending || !pending.active || !pending.codeHash || !timingSafeEqual(given, stored)) throw new AppError(401, 'CANDIDATE.ACTIVATION_INVALID');
  requireStrongPassword(body.newPassword, pending.username, 'body.newPassword');
  await settleSuccess(db, keys);
  const passwordHash = await hashPassword(body.newPassword);
  await inTransaction(db, { actor: { userId: pending.userId, username: pending.username }, requestId: client.requestId }, async (tx, audit) => {
    await authRepo.setPasswordHash(tx, pending.userId, passwordHash, false);
    await repo.markActivated(tx, pending.personId);
    await audit({ action: 'candidate.activate', targetType: 'user', targetId: pending.userId });
  });
  return login(db, { username: pending.username, password: body.newPassword }, client, sessionHours);
}
