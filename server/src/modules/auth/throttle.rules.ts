/**
 * Guessing throttle (登录限流) as pure rules. Each key — a (username, address) pair, a (user, address) pair for
 * password changes, or an address alone — keeps a count of recent attempts. The first `free` attempts pass; from
 * then on each further attempt waits a delay that doubles (base, 2×base, 4×base… up to max). There is no hard lock
 * of an account: the right password from an address without failures always works.
 *
 * An attempt is counted *before* the password is checked (pessimistically, under a row lock, so parallel guesses
 * cannot all pass the check before any is recorded); a right password then clears its pair and refunds the address.
 */
export interface ThrottlePolicy {
  /** Attempts allowed before delays start. */
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  /** A key whose last attempt is older than this starts again from zero. */
  forgetAfterSeconds: number;
}

/** Per (username, address) and per (user, address) for password changes. */
export const PAIR_POLICY: ThrottlePolicy = { free: 5, baseSeconds: 30, maxSeconds: 900, forgetAfterSeconds: 3600 };
/** Per address: many people may share one (a school's NAT), so more attempts pass before delays start. */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 50, baseSeconds: 30, maxSeconds: 900, forgetAfterSeconds: 3600 };

export interface ThrottleState {
  failures: number;
  blockedUntil: Date | null;
  lastAttemptAt: Date;
}

export type AttemptDecision = { allowed: false; retryAfterSeconds: number } | { allowed: true; next: ThrottleState };

/** The wait after the n-th counted attempt: none while n < free, then base·2^(n−free), capped at max. */
export function delaySeconds(attempts: number, p: ThrottlePolicy): number {
  if (attempts < p.free) return 0;
  return Math.min(p.maxSeconds, p.baseSeconds * 2 ** Math.min(attempts - p.free, 30));
}

function recentFailures(state: ThrottleState | undefined, now: Date, p: ThrottlePolicy): number {
  if (!state) return 0;
  return now.getTime() - state.lastAttemptAt.getTime() >= p.forgetAfterSeconds * 1000 ? 0 : state.failures;
}

/** Refused while the key is waiting out its delay; otherwise allowed, and counted. */
export function decideAttempt(state: ThrottleState | undefined, now: Date, p: ThrottlePolicy): AttemptDecision {
  if (state?.blockedUntil && state.blockedUntil > now) {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000)) };
  }
  const failures = recentFailures(state, now, p) + 1;
  const delay = delaySeconds(failures, p);
  return { allowed: true, next: { failures, blockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null, lastAttemptAt: now } };
}

/** A right password gives back the attempt counted against a shared key (the address); its delay ends below `free`. */
export function refundAttempt(state: ThrottleState, p: ThrottlePolicy): ThrottleState {
  const failures = Math.max(0, state.failures - 1);
  return { ...state, failures, blockedUntil: failures < p.free ? null : state.blockedUntil };
}
