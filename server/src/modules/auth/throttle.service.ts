import type { Db } from '../../db/client.ts';
import { tooMany } from '../../http/errors.ts';
import * as repo from './auth.repository.ts';
import { ADDRESS_POLICY, decideAttempt, PAIR_POLICY, refundAttempt, type ThrottlePolicy } from './throttle.rules.ts';

/** The keys one guess is counted against: the address first (always locked in this order), then the pair. */
export interface ThrottleKeys {
  address: string;
  pair: string;
}

export const loginKeys = (username: string, ip: string): ThrottleKeys => ({ address: `ip|${ip}`, pair: `login|${username.toLowerCase()}|${ip}` });
export const passwordKeys = (userId: string, ip: string): ThrottleKeys => ({ address: `ip|${ip}`, pair: `password|${userId}|${ip}` });

const policies = (k: ThrottleKeys): [string, ThrottlePolicy][] => [
  [k.address, ADDRESS_POLICY],
  [k.pair, PAIR_POLICY],
];

/**
 * Check and record in one step: in one transaction, lock each key's row, refuse (429, nothing counted) if any key is
 * waiting out a delay, else count the attempt on every key. Concurrent guesses queue on the row locks, so each
 * sees the ones before it — across every server process sharing the database.
 */
export async function claimAttempt(db: Db, keys: ThrottleKeys, code = 'AUTH.THROTTLED'): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    const writes: [string, Parameters<typeof repo.saveThrottle>[2]][] = [];
    for (const [key, policy] of policies(keys)) {
      const decision = decideAttempt(await repo.lockThrottle(tx, key), now, policy);
      if (!decision.allowed) throw tooMany(code, decision.retryAfterSeconds);
      writes.push([key, decision.next]);
    }
    for (const [key, next] of writes) await repo.saveThrottle(tx, key, next);
  });
}

/** The password was right: the pair starts again from zero and the address gets its attempt back. */
export async function settleSuccess(db: Db, keys: ThrottleKeys): Promise<void> {
  await db.transaction(async (tx) => {
    const address = await repo.lockThrottle(tx, keys.address);
    if (address) await repo.saveThrottle(tx, keys.address, refundAttempt(address, ADDRESS_POLICY));
    await repo.deleteThrottle(tx, keys.pair);
  });
}
