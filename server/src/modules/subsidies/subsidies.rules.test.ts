import { describe, expect, it } from 'vitest';
import { fujian2024 } from '../policies/profiles/fujian-2024.ts';
import { national2024 } from '../policies/profiles/national.ts';
import { shanghai2022 } from '../policies/profiles/shanghai-2022.ts';
import { addMonths, type ClaimedCertificate, nextStatus, paymentRefusal, type PriorClaim, reviewRegions, subsidyEligibility } from './subsidies.rules.ts';

const cert = (over: Partial<ClaimedCertificate> = {}): ClaimedCertificate => ({
  kind: 'skill_level',
  status: 'valid',
  level: 4,
  occupationCode: '6-31-01-10',
  issuedOn: '2026-03-10',
  issuedByHr: false,
  institution: { status: 'listed', validFrom: '2025-01-01', validTo: '2029-12-31' },
  graduatingYear: null,
  ...over,
});
const prior = (over: Partial<PriorClaim> = {}): PriorClaim => ({
  occupationCode: '6-31-01-10',
  level: 4,
  status: 'submitted',
  appliedOn: '2026-04-01',
  ...over,
});
const run = (c: ClaimedCertificate, p: PriorClaim[] = [], today = '2026-06-01', profile = national2024) =>
  subsidyEligibility({ certificate: c, prior: p, profile, today });

describe('subsidy eligibility (R11)', () => {
  it('R11: a valid 四级 certificate of a listed institution within the window passes every check; 1,500 yuan (national guide)', () => {
    const r = run(cert());
    expect(r.failed).toBeUndefined();
    expect(r.amount).toBe(1500);
    expect(r.checks.map((k) => k.name)).toEqual(['certificate', 'window', 'once_per_level', 'per_year', 'no_lower_after_higher', 'amount']);
  });

  it('R11: amounts by level from the profile — 1,000 / 1,500 / 2,000 for 五/四/三级 in all three profiles', () => {
    for (const p of [national2024, shanghai2022, fujian2024]) {
      expect([5, 4, 3].map((level) => run(cert({ level }), [], '2026-06-01', p).amount)).toEqual([1000, 1500, 2000]);
    }
    const r = run(cert({ level: 2 }));
    expect(r.failed?.name).toBe('amount');
  });

  it('R11: a revoked certificate, a qualification record, or an issuer never filed fails the certificate check', () => {
    expect(run(cert({ status: 'revoked' })).failed?.name).toBe('certificate');
    expect(run(cert({ kind: 'qualification' })).failed?.name).toBe('certificate');
    expect(run(cert({ institution: null })).failed?.name).toBe('certificate');
    expect(run(cert({ institution: { status: 'listed', validFrom: '2026-04-01', validTo: '2030-01-01' } })).failed?.name).toBe('certificate');
    // 专项职业能力证书 signed by the HR bureau
    expect(run(cert({ kind: 'special_ability', institution: null, issuedByHr: true })).checks[0]?.outcome).toBe('pass');
  });

  it('R11: the claim window is 12 months from issue by default; the day after it closes is refused', () => {
    expect(run(cert({ issuedOn: '2025-06-01' }), [], '2026-06-01').failed).toBeUndefined();
    const late = run(cert({ issuedOn: '2025-06-01' }), [], '2026-06-02');
    expect(late.failed?.name).toBe('window');
    expect(late.failed?.detail.closesOn).toBe('2026-06-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('R11: one claim per person per occupation and level; a refused claim does not count', () => {
    expect(run(cert(), [prior()]).failed?.name).toBe('once_per_level');
    expect(run(cert(), [prior({ status: 'paid' })]).failed?.name).toBe('once_per_level');
    expect(run(cert(), [prior({ status: 'refused' })]).failed).toBeUndefined();
    expect(run(cert(), [prior({ occupationCode: '4-04-05-01' })]).failed).toBeUndefined();
  });

  it('R11: at most 3 claims per person per calendar year (refused ones aside)', () => {
    const three = ['a', 'b', 'c'].map((o) => prior({ occupationCode: o }));
    const r = run(cert(), three);
    expect(r.failed?.name).toBe('per_year');
    expect(r.failed?.detail).toMatchObject({ claims: 3, max: 3 });
    expect(run(cert(), [...three.slice(0, 2), prior({ occupationCode: 'c', status: 'refused' })]).failed).toBeUndefined();
    expect(
      run(
        cert(),
        three.map((p) => ({ ...p, appliedOn: '2025-12-31' })),
        '2026-01-02',
        national2024,
      ).failed,
    ).toBeUndefined();
  });

  it('R11: no lower level after a higher one in the same occupation (1 = 一级 highest … 5 = 五级 lowest)', () => {
    const r = run(cert({ level: 5 }), [prior({ level: 3 })]);
    expect(r.failed?.name).toBe('no_lower_after_higher');
    expect(r.failed?.detail).toMatchObject({ level: 5, higherClaimed: 3 });
    // A higher level after a lower one is fine; another occupation is not compared.
    expect(run(cert({ level: 3 }), [prior({ level: 5 })]).failed).toBeUndefined();
    expect(run(cert({ level: 5 }), [prior({ level: 3, occupationCode: 'x' })]).failed).toBeUndefined();
  });

  it('R11: Shanghai graduating-year students are shown under local rules (profile field, seed Q4); elsewhere not', () => {
    const student = cert({ graduatingYear: 2026 });
    const sh = run(student, [], '2026-06-01', shanghai2022);
    expect(sh.checks.at(-1)).toMatchObject({ name: 'local_rules', outcome: 'pass' });
    expect(run(student, [], '2026-06-01', fujian2024).checks.some((k) => k.name === 'local_rules')).toBe(false);
  });
});

describe('which bureau reviews (R11)', () => {
  it('R11: county profile — the county, then its city, then the province; city profile skips the county', () => {
    expect(reviewRegions('350582', 'county')).toEqual(['350582', '350500', '350000']);
    expect(reviewRegions('350582', 'city')).toEqual(['350500', '350000']);
    expect(reviewRegions('310115', 'county')).toEqual(['310115', '310100', '310000']);
    expect(reviewRegions('350500', 'county')).toEqual(['350500', '350000']);
  });
  it('R11: the three profiles name a review level with its source', () => {
    for (const p of [national2024, shanghai2022, fujian2024]) {
      expect(['county', 'city']).toContain(p.subsidyReviewLevel.value);
      expect(p.subsidyReviewLevel.source.length).toBeGreaterThan(5);
    }
  });
});

describe('the claim state machine (R11)', () => {
  it('R11: submitted → approved | refused; approved → paid; a paid claim never pays twice', () => {
    expect(nextStatus('submitted', 'approve')).toBe('approved');
    expect(nextStatus('submitted', 'refuse')).toBe('refused');
    expect(nextStatus('approved', 'pay')).toBe('paid');
    expect(nextStatus('paid', 'pay')).toBeNull();
    expect(nextStatus('submitted', 'pay')).toBeNull();
    expect(nextStatus('refused', 'approve')).toBeNull();
    expect(nextStatus('approved', 'refuse')).toBeNull();
  });
  it('R11: a payment may not exceed the approved amount', () => {
    expect(paymentRefusal(1500, 1500)).toBeNull();
    expect(paymentRefusal(1500, 1000)).toBeNull();
    expect(paymentRefusal(1500, 1501)).toBe('SUBSIDY.PAYMENT_EXCEEDS');
  });
});
