import { describe, expect, it } from 'vitest';
import { ADDRESS_POLICY, decideAttempt, delaySeconds, PAIR_POLICY, refundAttempt, type ThrottleState } from './throttle.rules.ts';

const t0 = new Date('2026-11-29T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('login throttle rules', () => {
  it('the first attempts pass freely, then each further attempt waits a doubling delay up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => delaySeconds(n, PAIR_POLICY))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map((n) => delaySeconds(n, PAIR_POLICY))).toEqual([30, 60, 120, 240, 480, 900]);
    expect(delaySeconds(1000, PAIR_POLICY)).toBe(900);
    expect(delaySeconds(49, ADDRESS_POLICY)).toBe(0);
  });

  it('counts every attempt and refuses while the delay runs, naming the seconds left', () => {
    let state: ThrottleState | undefined;
    for (let i = 1; i <= 5; i++) {
      const d = decideAttempt(state, t0, PAIR_POLICY);
      expect(d.allowed).toBe(true);
      if (d.allowed) state = d.next;
    }
    expect(state).toMatchObject({ failures: 5, blockedUntil: at(30) });
    expect(decideAttempt(state, at(10), PAIR_POLICY)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    const after = decideAttempt(state, at(30), PAIR_POLICY);
    expect(after.allowed && after.next).toMatchObject({ failures: 6, blockedUntil: at(90) });
  });

  it('an old key starts again from zero', () => {
    const old: ThrottleState = { failures: 9, blockedUntil: at(100), lastAttemptAt: t0 };
    const d = decideAttempt(old, at(3600), PAIR_POLICY);
    expect(d.allowed && d.next).toMatchObject({ failures: 1, blockedUntil: null });
  });

  it('a right password refunds its attempt on the address; the delay ends once below the free attempts', () => {
    expect(refundAttempt({ failures: 50, blockedUntil: at(30), lastAttemptAt: t0 }, ADDRESS_POLICY)).toMatchObject({ failures: 49, blockedUntil: null });
    expect(refundAttempt({ failures: 60, blockedUntil: at(30), lastAttemptAt: t0 }, ADDRESS_POLICY)).toMatchObject({ failures: 59, blockedUntil: at(30) });
  });
});
