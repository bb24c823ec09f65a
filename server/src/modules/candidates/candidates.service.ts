import { timingSafeEqual } from 'node:crypto';
import type { ActivateBody } from '@skillcert/shared/api/enrolment';
import { inTransaction } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError, tooMany } from '../../http/errors.ts';
import * as authRepo from '../auth/auth.repository.ts';
import { login, type LoginResult, THROTTLE } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hashActivationCode } from '../enrolments/enrolments.service.ts';
import * as repo from './candidates.repository.ts';

/**
 * A candidate's first login: the username and the one-time activation code the school handed out, and a password
 * of the candidate's own. The code then stops working; failures count towards the login throttle.
 */
export async function activateCandidate(db: Db, body: ActivateBody, client: { ip: string; requestId: string }, sessionHours: number): Promise<LoginResult> {
  const username = body.username.toLowerCase();
  const failures = await authRepo.recentFailures(db, username, client.ip, THROTTLE.windowMinutes);
  if (failures.byUser >= THROTTLE.perUsername || failures.byIp >= THROTTLE.perIp) throw tooMany('AUTH.THROTTLED', THROTTLE.windowMinutes * 60);
  const pending = await repo.findPendingActivation(db, username);
  const given = Buffer.from(hashActivationCode(body.activationCode), 'hex');
  const stored = Buffer.from(pending?.codeHash ?? '0'.repeat(64), 'hex');
  if (!pending || !pending.active || !pending.codeHash || !timingSafeEqual(given, stored)) {
    await authRepo.recordFailure(db, username, client.ip);
    throw new AppError(401, 'CANDIDATE.ACTIVATION_INVALID');
  }
  const passwordHash = await hashPassword(body.newPassword);
  await inTransaction(db, { actor: { userId: pending.userId, username: pending.username }, requestId: client.requestId }, async (tx, audit) => {
    await authRepo.setPasswordHash(tx, pending.userId, passwordHash, false);
    await repo.markActivated(tx, pending.personId);
    await audit({ action: 'candidate.activate', targetType: 'user', targetId: pending.userId });
  });
  return login(db, { username: pending.username, password: body.newPassword }, client, sessionHours);
}
