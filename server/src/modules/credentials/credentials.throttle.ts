import type { Db } from '../../db/client.ts';
import { tooMany } from '../../http/errors.ts';
import { lockThrottle, saveThrottle } from '../auth/auth.repository.ts';
import { decideRate, type RatePolicy, VERIFY_RATE } from './credentials.rules.ts';

/**
 * Public verification is rate-limited per client address through the same database table as the login throttle
 * (`auth_throttle`, key `verify|<address>`), under a row lock, so the limit holds across every server process.
 * The row's `failures` holds the window's count and `lastAttemptAt` the window's start.
 */
export async function claimVerification(db: Db, ip: string, policy: RatePolicy = VERIFY_RATE): Promise<void> {
  const key = `verify|${ip}`;
  const now = new Date();
  await db.transaction(async (tx) => {
    const row = await lockThrottle(tx, key);
    const decision = decideRate(row && row.failures > 0 ? { count: row.failures, windowStart: row.lastAttemptAt } : undefined, now, policy);
    if (!decision.allowed) throw tooMany('CREDENTIAL.VERIFY_THROTTLED', decision.retryAfterSeconds);
    await saveThrottle(tx, key, { failures: decision.next.count, lastAttemptAt: decision.next.windowStart, blockedUntil: null });
  });
}
