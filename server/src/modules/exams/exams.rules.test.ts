import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressAllowed,
  afterSwitch,
  chinaDateTime,
  chinaTime,
  checkAnswer,
  checkEntry,
  checkResponse,
  checkSubmit,
  clockOf,
  deadline,
  isDue,
  mayTakeOver,
  parseIp,
  remainingSeconds,
  scaleTo100,
  scoreObjective,
  type SittingClock,
} from './exams.rules.ts';

const start = new Date('2026-06-10T01:00:00Z'); // 09:00 Beijing
const clock: SittingClock = { startsAt: start, durationMinutes: 90, lateEntryMinutes: 15, minMinutesBeforeSubmit: 30, openMinutesBefore: 30 };
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('the exam clock (server time only)', () => {
  it('doors open 30 minutes before, entry closes 15 minutes after the start', () => {
    expect(checkEntry(clock, at(-31))?.code).toBe('EXAM.NOT_OPEN');
    expect(checkEntry(clock, at(-30))).toBeNull();
    expect(checkEntry(clock, at(15))).toBeNull();
    expect(checkEntry(clock, at(15.01))?.code).toBe('EXAM.ENTRY_CLOSED');
  });

  it('a late candidate gets no extra minutes; accommodation adds to the deadline', () => {
    expect(deadline(clock)).toEqual(at(90));
    expect(remainingSeconds(clock, at(10))).toBe(80 * 60);
    expect(remainingSeconds(clock, at(10), 20)).toBe(100 * 60);
    expect(remainingSeconds(clock, at(-10))).toBe(90 * 60);
    expect(remainingSeconds(clock, at(200))).toBe(0);
  });

  it('submitting before the minimum time is refused', () => {
    expect(checkSubmit(clock, at(29))?.code).toBe('EXAM.TOO_EARLY_TO_SUBMIT');
    expect(checkSubmit(clock, at(30))).toBeNull();
  });

  it('answers after the deadline (past the 30 s grace for answers in flight) are refused; the server submits then', () => {
    expect(checkAnswer(clock, new Date(at(90).getTime() + 30_000))).toBeNull();
    expect(checkAnswer(clock, new Date(at(90).getTime() + 30_001))?.code).toBe('EXAM.DEADLINE_PASSED');
    expect(isDue(clock, at(91))).toBe(true);
    expect(isDue(clock, at(91), 5)).toBe(false);
  });

  it('remaining time never grows as time passes, and is never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 200 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 60 }), (m, step, extra) => {
        const a = remainingSeconds(clock, at(m), extra);
        const b = remainingSeconds(clock, at(m + step), extra);
        return b <= a && b >= 0;
      }),
    );
  });
});

describe('integrity (防作弊)', () => {
  it('warns on each switch; submits at the limit only when the plan says so', () => {
    expect(afterSwitch(1, { limit: 3, autoSubmitAtLimit: false })).toEqual({ action: 'warn', count: 1, limit: 3 });
    expect(afterSwitch(3, { limit: 3, autoSubmitAtLimit: false })).toEqual({ action: 'warn', count: 3, limit: 3 });
    expect(afterSwitch(3, { limit: 3, autoSubmitAtLimit: true })).toEqual({ action: 'submit', count: 3, limit: 3 });
    expect(afterSwitch(9, { limit: null, autoSubmitAtLimit: true })).toEqual({ action: 'warn', count: 9, limit: null });
  });

  it('a second browser takes over only with an unused, unexpired allowance from the invigilator', () => {
    const now = at(20);
    expect(mayTakeOver({ deviceId: 'a' }, 'a', null, now)).toBe('same_device');
    expect(mayTakeOver({ deviceId: 'a' }, 'b', null, now)).toBe('needs_invigilator');
    expect(mayTakeOver({ deviceId: 'a' }, 'b', { expiresAt: at(25), used: false }, now)).toBe('allowed');
    expect(mayTakeOver({ deviceId: 'a' }, 'b', { expiresAt: at(25), used: true }, now)).toBe('needs_invigilator');
    expect(mayTakeOver({ deviceId: 'a' }, 'b', { expiresAt: at(19), used: false }, now)).toBe('needs_invigilator');
  });
});

describe('allowed addresses (IP/CIDR per sitting)', () => {
  it('matches IPv4, IPv6 and IPv4-mapped addresses against CIDR ranges', () => {
    expect(addressAllowed('10.1.2.3', [])).toBe(true);
    expect(addressAllowed('10.1.2.3', ['10.1.2.0/24'])).toBe(true);
    expect(addressAllowed('10.1.3.3', ['10.1.2.0/24'])).toBe(false);
    expect(addressAllowed('::ffff:10.1.2.3', ['10.1.2.0/24'])).toBe(true);
    expect(addressAllowed('192.168.0.7', ['192.168.0.7'])).toBe(true);
    expect(addressAllowed('2001:db8::1', ['2001:db8::/32'])).toBe(true);
    expect(addressAllowed('2001:db9::1', ['2001:db8::/32'])).toBe(false);
    expect(addressAllowed('2001:db8::1', ['10.0.0.0/8'])).toBe(false);
    expect(addressAllowed('not an ip', ['0.0.0.0/0'])).toBe(false);
    expect(addressAllowed('10.0.0.1', ['10.0.0.0/33'])).toBe(false);
  });

  it('parses what it is given or says null', () => {
    expect(parseIp('::1')).toEqual([...Array(15).fill(0), 1]);
    expect(parseIp('256.1.1.1')).toBeNull();
    expect(parseIp('1::2::3')).toBeNull();
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeNull();
  });
});

describe('China time of a sitting', () => {
  it('reads a sitting date and time as UTC+8 and back', () => {
    const at = chinaTime('2026-05-20', '09:00');
    expect(at.toISOString()).toBe('2026-05-20T01:00:00.000Z');
    expect(chinaDateTime(at)).toEqual({ date: '2026-05-20', time: '09:00' });
    expect(chinaDateTime(new Date('2026-05-20T17:30:00Z'))).toEqual({ date: '2026-05-21', time: '01:30' });
  });
});

describe('answers and objective marking (客观题评分)', () => {
  const single = { type: 'single', shownKeys: ['A', 'B', 'C', 'D'] };
  const multiple = { type: 'multiple', shownKeys: ['A', 'B', 'C', 'D'] };
  const judge = { type: 'judge', shownKeys: ['true', 'false'] };

  it('an answer must fit its item: one key for single and 判断, distinct known keys, text for 简答', () => {
    expect(checkResponse(single, { keys: ['B'] })).toBeNull();
    expect(checkResponse(single, { keys: [] })).toBeNull();
    expect(checkResponse(single, { keys: ['A', 'B'] })).toBe('too_many_keys');
    expect(checkResponse(single, { keys: ['E'] })).toBe('unknown_key');
    expect(checkResponse(multiple, { keys: ['A', 'C', 'D'] })).toBeNull();
    expect(checkResponse(multiple, { keys: ['A', 'A'] })).toBe('repeated_key');
    expect(checkResponse(judge, { keys: ['true'] })).toBeNull();
    expect(checkResponse(judge, { keys: ['true', 'false'] })).toBe('too_many_keys');
    expect(checkResponse(judge, { text: '对' })).toBe('wrong_kind');
    expect(checkResponse({ type: 'subjective', shownKeys: [] }, { text: '降速示教' })).toBeNull();
    expect(checkResponse({ type: 'subjective', shownKeys: [] }, { keys: ['A'] })).toBe('wrong_kind');
  });

  it('maps the shown keys back to the bank’s keys; multiple choice scores only when exact (no partial credit)', () => {
    // The candidate saw the bank's options C, A, D, B as A, B, C, D.
    const item = { type: 'multiple', points: 2, answer: ['A', 'C'], shownKeys: ['A', 'B', 'C', 'D'], originalKeys: ['C', 'A', 'D', 'B'] };
    expect(scoreObjective(item, { keys: ['B', 'A'] })).toBe(2);
    expect(scoreObjective(item, { keys: ['A'] })).toBe(0); // 少选
    expect(scoreObjective(item, { keys: ['A', 'B', 'C'] })).toBe(0); // 多选
    expect(scoreObjective(item, { keys: ['A', 'C'] })).toBe(0); // 错选
    expect(scoreObjective(item, null)).toBe(0);
    expect(scoreObjective(item, { keys: [] })).toBe(0);
    const s = { type: 'single', points: 1, answer: ['D'], shownKeys: ['A', 'B', 'C', 'D'], originalKeys: ['D', 'C', 'B', 'A'] };
    expect(scoreObjective(s, { keys: ['A'] })).toBe(1);
    expect(scoreObjective(s, { keys: ['D'] })).toBe(0);
    const j = { type: 'judge', points: 1, answer: ['false'], shownKeys: ['true', 'false'], originalKeys: ['true', 'false'] };
    expect(scoreObjective(j, { keys: ['false'] })).toBe(1);
    expect(scoreObjective(j, { keys: ['true'] })).toBe(0);
  });

  it('a theory score is out of 100: scaled when the paper’s total is not 100', () => {
    expect(scaleTo100(45, 50)).toBe(90);
    expect(scaleTo100(7, 9)).toBe(77.8);
    expect(scaleTo100(0, 0)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), (max, got) => {
        const s = scaleTo100(Math.min(got, max), max);
        return s >= 0 && s <= 100;
      }),
    );
  });

  it('a sitting’s clock comes from its plan rows in China time', () => {
    const c = clockOf({ date: '2026-06-10', startTime: '09:00', durationMinutes: 90, lateEntryMinutes: 15, minMinutesBeforeSubmit: 30 });
    expect(c.startsAt.toISOString()).toBe('2026-06-10T01:00:00.000Z');
    expect(deadline(c).toISOString()).toBe('2026-06-10T02:30:00.000Z');
    expect(checkEntry(c, new Date('2026-06-10T00:29:00Z'))?.code).toBe('EXAM.NOT_OPEN');
  });
});
