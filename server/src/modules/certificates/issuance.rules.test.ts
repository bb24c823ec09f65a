import { describe, expect, it } from 'vitest';
import {
  certificateNumber,
  isCertificateNumber,
  issueDate,
  issueYear,
  levelDigit,
  levelText,
  mayIssue,
  nextPrintSerial,
  revokeRole,
  serialName,
  serialsFor,
  workTypeText,
} from './issuance.rules.ts';

const closed = new Date('2026-05-01T00:00:00Z');
const facts = {
  plan: { status: 'closed', level: 3 },
  institution: { status: 'listed', validTo: '2029-12-31' },
  inScope: true,
  publicity: { closesAt: closed },
  now: new Date('2026-05-02T00:00:00Z'),
};

describe('certificate numbers (DOMAIN §7)', () => {
  it('22 characters: prefix 1–13, year 14–15, level 16, serial 17–22', () => {
    const n = certificateNumber('S000031000123', 25, 3, 1);
    expect(n).toBe('S000031000123253000001');
    expect(n).toHaveLength(22);
    expect(isCertificateNumber(n)).toBe(true);
  });
  it('serials run to 999999 and no further', () => {
    expect(certificateNumber('S000031000123', 26, 5, 999_999).slice(16)).toBe('999999');
    expect(() => certificateNumber('S000031000123', 26, 5, 1_000_000)).toThrow();
    expect(() => certificateNumber('S000031000123', 26, 5, 0)).toThrow();
    expect(serialsFor(999_990, 9)).toEqual({ first: 999_991, last: 999_999 });
    expect(serialsFor(999_990, 10)).toBeNull();
  });
  it('a malformed number is refused by the format check', () => {
    for (const bad of ['', 'S00003100012325300000', 'X000031000123253000001', 's000031000123253000001', 'S00003100012325300000A', 'S0000310001232530000011']) {
      expect(isCertificateNumber(bad)).toBe(false);
    }
  });
  it('the year and the issue date are read in China time', () => {
    expect(issueYear(new Date('2025-12-31T16:30:00Z'))).toBe(26);
    expect(issueDate(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(issueYear(new Date('2025-12-31T15:59:00Z'))).toBe(25);
  });
  it('one counter per institution, year and level', () => {
    expect(serialName('S000031000123', 6, 3)).toBe('cert:S000031000123:06:3');
    expect(levelDigit('skill_level', 4)).toBe(4);
    expect(levelDigit('special_ability', null)).toBe(0);
  });
  it('printed level and 工种: 三级/高级工, -- when none', () => {
    expect(levelText(3)).toBe('三级/高级工');
    expect(levelText(5)).toBe('五级/初级工');
    expect(levelText(null)).toBe('--');
    expect(workTypeText(null)).toBe('--');
    expect(workTypeText('  ')).toBe('--');
    expect(workTypeText('维修电工')).toBe('维修电工');
  });
});

describe('who may issue, when (R9)', () => {
  it('R9: the listed institution issues after publicity closed', () => {
    expect(mayIssue(facts)).toBeNull();
  });
  it('R9: not before publicity closed', () => {
    expect(mayIssue({ ...facts, now: closed })).toBe('CERT.PUBLICITY_NOT_CLOSED');
    expect(mayIssue({ ...facts, publicity: null })).toBe('CERT.PUBLICITY_NOT_CLOSED');
    expect(mayIssue({ ...facts, plan: { status: 'marking', level: 3 } })).toBe('CERT.PUBLICITY_NOT_CLOSED');
  });
  it('R9: not while the institution is suspended, revoked or expired', () => {
    for (const status of ['suspended', 'revoked', 'expired'])
      expect(mayIssue({ ...facts, institution: { status, validTo: '2029-12-31' } })).toBe('CERT.INSTITUTION_SUSPENDED');
  });
  it('R14: an institution suspended until a day issues nothing before or on that day (China time), and issues again after it', () => {
    const suspended = { status: 'suspended', validTo: '2029-12-31', suspendedUntil: '2026-06-10' };
    const closed = { ...facts, institution: suspended };
    expect(mayIssue({ ...closed, now: new Date('2026-06-09T08:00:00Z') })).toBe('CERT.INSTITUTION_SUSPENDED');
    expect(mayIssue({ ...closed, now: new Date('2026-06-10T15:59:00Z') })).toBe('CERT.INSTITUTION_SUSPENDED');
    expect(mayIssue({ ...closed, now: new Date('2026-06-10T16:00:00Z') })).toBeNull();
  });
  it('R9: not out of the institution’s scope', () => {
    expect(mayIssue({ ...facts, inScope: false })).toBe('CERT.OUT_OF_SCOPE');
  });
  it('R9: the issuer revokes its own; HR revokes on a violation; others not', () => {
    const cert = { issuerOrgId: 'school', institutionOrgId: 'school' };
    expect(revokeRole({ orgKind: 'school', orgId: 'school' }, cert)).toBe('issuer');
    expect(revokeRole({ orgKind: 'hr_bureau', orgId: 'hr' }, cert)).toBe('hr');
    expect(revokeRole({ orgKind: 'school', orgId: 'other' }, cert)).toBeNull();
  });
  it('a reissue keeps the number and takes the next print serial', () => {
    expect(nextPrintSerial(1)).toBe(2);
  });
});
