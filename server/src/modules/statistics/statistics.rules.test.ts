import { StatFilter } from '@skillcert/shared/api/statistics';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  childDigits,
  childRegionOf,
  dayRange,
  filingCoverage,
  fillMonths,
  onePlusX,
  rateOf,
  resolvePeriod,
  schoolCoverage,
} from './statistics.rules.ts';

describe('statistics period', () => {
  it('defaults to the twelve months ending this month', () => {
    expect(resolvePeriod({}, '2026-11')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(resolvePeriod({ to: '2026-03' }, '2026-11')).toEqual({ from: '2025-04', to: '2026-03' });
  });
  it('refuses a range longer than ten years or inverted, also when only `from` is given', () => {
    expect(resolvePeriod({ from: '2000-01', to: '2099-12' }, '2026-11')).toBeNull();
    expect(resolvePeriod({ from: '2010-01' }, '2026-11')).toBeNull();
    expect(resolvePeriod({ from: '2026-05', to: '2026-04' }, '2026-11')).toBeNull();
    expect(resolvePeriod({ from: '2016-12', to: '2026-11' }, '2026-11')).toEqual({ from: '2016-12', to: '2026-11' });
  });
  it('the filter schema refuses absurd values before any query', () => {
    expect(StatFilter.safeParse({ from: '1826-01', to: '2026-01' }).success).toBe(false);
    expect(StatFilter.safeParse({ from: '2001-01', to: '2026-01' }).success).toBe(false);
    expect(StatFilter.safeParse({ region: '31' }).success).toBe(false);
    expect(StatFilter.safeParse({ occupation: 'x'.repeat(10_000) }).success).toBe(false);
    expect(StatFilter.safeParse({ level: '9' }).success).toBe(false);
    expect(StatFilter.safeParse({ from: '2026-01', to: '2026-06', region: '310000', level: '4', occupation: '6-31-01-03' }).success).toBe(true);
  });
  it('months and day ranges', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
    expect(dayRange({ from: '2026-01', to: '2026-12' })).toEqual({ since: '2026-01-01', until: '2027-01-01' });
    expect(fillMonths({ from: '2026-01', to: '2026-03' }, [{ month: '2026-02', count: 4 }], { count: 0 })).toEqual([
      { month: '2026-01', count: 0 },
      { month: '2026-02', count: 4 },
      { month: '2026-03', count: 0 },
    ]);
  });
});

describe('pass rates', () => {
  it('share of those who sat, 0 when nobody sat', () => {
    expect(rateOf(3, 2)).toBe(0.6667);
    expect(rateOf(0, 0)).toBe(0);
  });
});

describe('R13 coverage of majors', () => {
  const school = { orgId: 'A', schoolName: '甲校', regionCode: '310115' };
  const majors = [
    { ...school, code: '460305', name: '工业机器人技术' },
    { ...school, code: '460301', name: '机电一体化技术' },
    { ...school, code: '510201', name: '计算机应用技术' },
    { ...school, code: '540202', name: '烹饪工艺与营养' },
    { ...school, code: '540202', name: '烹饪工艺与营养' }, // the same major twice counts once
    { orgId: 'B', schoolName: '乙校', regionCode: '350582', code: '660301', name: '机电技术应用' },
  ];
  it('R13: a major covered by the school’s own scope or by an external certificate counts once, share against the target', () => {
    const rows = schoolCoverage(majors, new Set(['A|460305', 'A|460301']), new Set(['A|460301', 'A|510201', 'B|999999']), (r) =>
      r.startsWith('31') ? 0.8 : 0.5,
    );
    const a = rows.find((r) => r.orgId === 'A');
    expect(a).toMatchObject({ majors: 4, coveredByScope: 2, coveredByExternal: 2, covered: 3, share: 0.75, target: 0.8, meets: false });
    expect(a?.detail.find((d) => d.code === '540202')).toEqual({ code: '540202', name: '烹饪工艺与营养', byScope: false, byExternal: false });
    const b = rows.find((r) => r.orgId === 'B');
    expect(b).toMatchObject({ majors: 1, covered: 0, share: 0, target: 0.5, meets: false });
  });
  it('R13: meets the target at exactly the target share', () => {
    const rows = schoolCoverage(majors.slice(0, 4), new Set(['A|460305', 'A|460301', 'A|510201']), new Set(['A|540202']), () => 0.8);
    expect(rows[0]).toMatchObject({ covered: 4, share: 1, meets: true });
    const four = schoolCoverage(
      [...majors.slice(0, 4), { ...school, code: '000001', name: 'x' }],
      new Set(['A|460305', 'A|460301', 'A|510201', 'A|540202']),
      new Set(),
      () => 0.8,
    );
    expect(four[0]).toMatchObject({ majors: 5, covered: 4, share: 0.8, meets: true });
  });
  it('R13 (Fujian): filing coverage per region one level below the reader’s', () => {
    const out = filingCoverage(
      [
        { orgId: '1', name: '海丝', regionCode: '350582', filed: true },
        { orgId: '2', name: '刺桐', regionCode: '350503', filed: false },
        { orgId: '3', name: '厦门', regionCode: '350203', filed: true },
      ],
      (c) => childRegionOf('35', c),
      (c) => `R${c}`,
    );
    expect(out.byRegion).toEqual([
      { regionCode: '350200', regionName: 'R350200', schools: 1, filed: 1, share: 1 },
      { regionCode: '350500', regionName: 'R350500', schools: 2, filed: 1, share: 0.5 },
    ]);
    expect(out).toMatchObject({ schools: 3, filed: 2, share: 0.6667, unfiled: [{ orgId: '2', name: '刺桐', regionCode: '350503' }] });
  });
});

describe('regions one level below the reader', () => {
  it('platform → province, province → city, city → county, county → itself', () => {
    expect(childRegionOf(null, '310115')).toBe('310000');
    expect(childRegionOf('35', '350582')).toBe('350500');
    expect(childRegionOf('3505', '350582')).toBe('350582');
    expect(childRegionOf('350582', '350582')).toBe('350582');
  });
  it('a municipality (直辖市) → its districts, not the placeholder 市辖区', () => {
    expect(childDigits('31')).toBe(6);
    expect(childRegionOf('31', '310115')).toBe('310115');
    expect(childRegionOf('11', '110105')).toBe('110105');
    expect(childRegionOf('50', '500229')).toBe('500229');
    expect(childDigits('35')).toBe(4);
    expect(childDigits(null)).toBe(2);
  });
});

describe('R12 1+X counts', () => {
  it('R12: counts 职业资格, 职业技能等级 and 专项职业能力, ours and external, and leaves other kinds out', () => {
    const out = onePlusX(
      [
        { kind: 'skill_level', count: 10 },
        { kind: 'special_ability', count: 2 },
      ],
      [
        { kind: 'qualification', count: 3 },
        { kind: 'skill_level', count: 1 },
        { kind: 'competition', count: 7 },
        { kind: 'enterprise', count: 5 },
      ],
    );
    expect(out.rows).toEqual([
      { kind: 'qualification', ours: 0, external: 3, total: 3 },
      { kind: 'skill_level', ours: 10, external: 1, total: 11 },
      { kind: 'special_ability', ours: 2, external: 0, total: 2 },
    ]);
    expect(out.total).toBe(16);
  });
});
