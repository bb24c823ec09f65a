import { describe, expect, it } from 'vitest';
import {
  checkViolationDay,
  chinaDay,
  checkSanction,
  institutionMayOperate,
  isLiftable,
  lineSuspended,
  mayAppeal,
  mayClose,
  type SanctionFacts,
  sanctionInForce,
  standingStatus,
} from './sanctions.rules.ts';

const at = new Date('2026-06-01T08:00:00Z');

describe('institutionMayOperate', () => {
  it('R14: a listed institution with its line in force may operate', () => {
    expect(institutionMayOperate({ status: 'listed' }, { suspendedAt: null }, at)).toBeNull();
  });
  it('R14: a suspended institution may not, whatever its line', () => {
    expect(institutionMayOperate({ status: 'suspended' }, { suspendedAt: null }, at)).toEqual({ rule: 'R14', code: 'SANCTION.INSTITUTION_SUSPENDED' });
  });
  it('R14: a revoked or expired listing may not', () => {
    expect(institutionMayOperate({ status: 'revoked' }, null, at)?.code).toBe('SANCTION.INSTITUTION_REVOKED');
    expect(institutionMayOperate({ status: 'expired' }, null, at)?.code).toBe('SANCTION.INSTITUTION_REVOKED');
  });
  it('R14: a line suspended before the act refuses; one suspended after it does not reach back', () => {
    expect(institutionMayOperate({ status: 'listed' }, { suspendedAt: new Date('2026-05-01T00:00:00Z') }, at)?.code).toBe('SANCTION.LINE_SUSPENDED');
    expect(institutionMayOperate({ status: 'listed' }, { suspendedAt: new Date('2026-07-01T00:00:00Z') }, at)).toBeNull();
  });
  it('R14: an institution suspended until a day is refused up to and on that day, and operates again the day after', () => {
    const inst = { status: 'suspended', suspendedUntil: '2026-06-10' };
    expect(institutionMayOperate(inst, null, new Date('2026-06-09T08:00:00Z'))?.code).toBe('SANCTION.INSTITUTION_SUSPENDED');
    // 23:30 on the 10th in China is still the last day.
    expect(institutionMayOperate(inst, null, new Date('2026-06-10T15:30:00Z'))?.code).toBe('SANCTION.INSTITUTION_SUSPENDED');
    // 00:30 on the 11th in China (16:30 UTC on the 10th): the period is over.
    expect(institutionMayOperate(inst, null, new Date('2026-06-10T16:30:00Z'))).toBeNull();
    expect(institutionMayOperate({ status: 'suspended', suspendedUntil: null }, null, new Date('2027-01-01T00:00:00Z'))?.code).toBe(
      'SANCTION.INSTITUTION_SUSPENDED',
    );
  });
  it('R14: a line suspended until a day is refused before its end and operates after it', () => {
    const line = { suspendedAt: new Date('2026-05-01T00:00:00Z'), suspendedUntil: '2026-06-10' };
    expect(institutionMayOperate({ status: 'listed' }, line, new Date('2026-06-05T08:00:00Z'))?.code).toBe('SANCTION.LINE_SUSPENDED');
    expect(institutionMayOperate({ status: 'listed' }, line, new Date('2026-06-11T08:00:00Z'))).toBeNull();
  });
  it('R14: standingStatus — suspended before and on the last day (China time), listed again the day after; revoked stays revoked', () => {
    const inst = { status: 'suspended', suspendedUntil: '2026-06-10' };
    expect(standingStatus(inst, new Date('2026-06-09T23:00:00Z'))).toBe('suspended');
    expect(standingStatus(inst, new Date('2026-06-10T15:59:59Z'))).toBe('suspended');
    expect(standingStatus(inst, new Date('2026-06-10T16:00:00Z'))).toBe('listed');
    expect(standingStatus({ status: 'suspended', suspendedUntil: null }, new Date('2030-01-01T00:00:00Z'))).toBe('suspended');
    expect(standingStatus({ status: 'revoked', suspendedUntil: '2026-06-10' }, new Date('2026-07-01T00:00:00Z'))).toBe('revoked');
    expect(standingStatus({ status: 'listed' }, at)).toBe('listed');
  });
  it('R14: lineSuspended — before and on the last day (China time) suspended, the day after not; without a period until lifted', () => {
    const line = { suspendedAt: new Date('2026-05-01T00:00:00Z'), suspendedUntil: '2026-06-10' };
    expect(lineSuspended(line, new Date('2026-06-01T00:00:00Z'))).toBe(true);
    expect(lineSuspended(line, new Date('2026-06-10T15:59:59Z'))).toBe(true);
    expect(lineSuspended(line, new Date('2026-06-10T16:00:00Z'))).toBe(false);
    expect(lineSuspended({ suspendedAt: line.suspendedAt, suspendedUntil: null }, new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(lineSuspended({ suspendedAt: null, suspendedUntil: null }, at)).toBe(false);
  });
  it('R14: a suspension until a day shows in force up to that day and not after; a lifted one never', () => {
    const s = { status: 'in_force', until: '2026-06-10' };
    expect(sanctionInForce(s, new Date('2026-06-10T08:00:00Z'))).toBe(true);
    expect(sanctionInForce(s, new Date('2026-06-11T08:00:00Z'))).toBe(false);
    expect(sanctionInForce({ status: 'in_force', until: null }, new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(sanctionInForce({ status: 'lifted', until: null }, at)).toBe(false);
    expect(chinaDay(new Date('2026-06-10T16:00:00Z'))).toBe('2026-06-11');
  });
});

const facts = (over: Partial<SanctionFacts> = {}): SanctionFacts => ({
  kind: 'suspend_line',
  institutionStatus: 'listed',
  lineInScope: true,
  inForce: [],
  scopeLineId: 'L1',
  until: null,
  today: '2026-06-01',
  violationStatus: 'open',
  ...over,
});

describe('checkSanction', () => {
  it('R14: a first suspension of a line passes', () => {
    expect(checkSanction(facts())).toBeNull();
  });
  it('R14: a second open suspension of the same line is a conflict (409); another line is not', () => {
    const inForce = [{ kind: 'suspend_line' as const, scopeLineId: 'L1' }];
    expect(checkSanction(facts({ inForce }))).toMatchObject({ status: 409, code: 'SANCTION.ALREADY_IN_FORCE', rule: 'R14' });
    expect(checkSanction(facts({ inForce, scopeLineId: 'L2' }))).toBeNull();
  });
  it('R14: the whole institution is suspended once', () => {
    expect(checkSanction(facts({ kind: 'suspend_institution', scopeLineId: null, institutionStatus: 'suspended' }))?.code).toBe('SANCTION.ALREADY_IN_FORCE');
    expect(checkSanction(facts({ kind: 'suspend_institution', scopeLineId: null }))).toBeNull();
  });
  it('a line outside the scope, a past end date, a closed record, a revoked listing are refused', () => {
    expect(checkSanction(facts({ lineInScope: false }))?.code).toBe('SANCTION.LINE_NOT_IN_SCOPE');
    expect(checkSanction(facts({ until: '2026-05-31' }))?.code).toBe('SANCTION.UNTIL_PAST');
    expect(checkSanction(facts({ until: '2026-06-01' }))).toBeNull();
    expect(checkSanction(facts({ violationStatus: 'closed' }))?.code).toBe('SANCTION.VIOLATION_NOT_OPEN');
    expect(checkSanction(facts({ kind: 'warning', institutionStatus: 'revoked' }))?.code).toBe('SANCTION.INSTITUTION_REVOKED');
    expect(checkSanction(facts({ kind: 'revoke_certificates', institutionStatus: 'revoked' }))).toBeNull();
  });
});

describe('checkViolationDay', () => {
  it('R14: a violation that occurred today or before is recorded; one dated after today (China time) is refused', () => {
    expect(checkViolationDay('2026-11-30', '2026-11-30')).toBeNull();
    expect(checkViolationDay('2025-01-01', '2026-11-30')).toBeNull();
    expect(checkViolationDay('2026-12-01', '2026-11-30')).toEqual({ status: 422, code: 'SANCTION.OCCURRED_IN_FUTURE', rule: 'R14' });
  });
});

describe('lifting, appeals, closing', () => {
  it('only suspensions are lifted', () => {
    expect(isLiftable('suspend_line')).toBe(true);
    expect(isLiftable('suspend_institution')).toBe(true);
    expect(isLiftable('warning')).toBe(false);
    expect(isLiftable('revoke_filing')).toBe(false);
  });
  it('one pending appeal at a time, on an open record', () => {
    expect(mayAppeal('open', false)).toBeNull();
    expect(mayAppeal('open', true)).toBe('SANCTION.APPEAL_PENDING');
    expect(mayAppeal('closed', false)).toBe('SANCTION.VIOLATION_NOT_OPEN');
  });
  it('R14: closing waits for the appeal and for suspensions to be lifted', () => {
    expect(mayClose('open', true, [])).toBe('SANCTION.APPEAL_PENDING');
    expect(mayClose('open', false, [{ kind: 'suspend_line' }])).toBe('SANCTION.SUSPENSION_IN_FORCE');
    expect(mayClose('open', false, [{ kind: 'warning' }])).toBeNull();
  });
});
