import type { SkillLevel } from '@skillcert/shared/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificatePrefix } from '../filings/filings.rules.ts';
import {
  batchSerials,
  buildCertificateNumber,
  buildCertificatePrefix,
  CertificateNumberParam,
  certificateNumberProblem,
  isCertificateNumber,
  issueYearOf,
  parseCertificateNumber,
  printedLevel,
  printedWorkType,
} from './certificates.rules.ts';

const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46'];
const MORE_PROVINCES = ['50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82'];

/** Any well-formed number's parts. */
const parts = fc.record({
  institutionType: fc.constantFrom<'Y' | 'S'>('Y', 'S'),
  institutionCode: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
  province: fc.constantFrom(...PROVINCES, ...MORE_PROVINCES),
  provinceSerial: fc.integer({ min: 1, max: 999_999 }),
  year: fc.integer({ min: 2000, max: 2099 }),
  level: fc.constantFrom<SkillLevel>(1, 2, 3, 4, 5),
  serial: fc.integer({ min: 1, max: 999_999 }),
});
type Parts = typeof parts extends fc.Arbitrary<infer T> ? T : never;
const numberOf = (p: Parts) => buildCertificateNumber({ prefix: buildCertificatePrefix(p), year: p.year, level: p.level, serial: p.serial });

describe('certificate number (DOMAIN.md §7)', () => {
  it('the example of §7: S000031000123253000001 — S, filed in Shanghai, provincial serial 123, 2025, 三级, serial 1', () => {
    const n = buildCertificateNumber({ prefix: 'S000031000123', year: 2025, level: 3, serial: 1 });
    expect(n).toBe('S000031000123253000001');
    expect(n).toHaveLength(22);
    expect(parseCertificateNumber(n)).toEqual({
      institutionType: 'S',
      institutionCode: '0000',
      province: '31',
      provinceSerial: 123,
      prefix: 'S000031000123',
      year: 2025,
      level: 3,
      serial: 1,
    });
  });

  it('positions 1–13 are the prefix the institutions module stores at listing (filings.rules certificatePrefix)', () => {
    const stored = certificatePrefix('0042', '35', 7);
    expect(buildCertificatePrefix({ institutionType: 'S', institutionCode: '0042', province: '35', provinceSerial: 7 })).toBe(stored);
    expect(buildCertificateNumber({ prefix: stored, year: 2026, level: 5, serial: 999_999 })).toBe(`${stored}265999999`);
  });

  it('build → parse round trip for every well-formed number; the number is 22 characters', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const n = numberOf(p);
        expect(n).toMatch(/^[YS]\d{21}$/);
        expect(isCertificateNumber(n)).toBe(true);
        expect(CertificateNumberParam.safeParse(n).success).toBe(true);
        expect(parseCertificateNumber(n)).toEqual({ ...p, prefix: n.slice(0, 13) });
      }),
    );
  });

  it('parse → build round trip: whatever is accepted is exactly the number its parts build', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[A-Z]\d{21}$/), fc.string({ maxLength: 30 })), (s) => {
        const p = parseCertificateNumber(s);
        expect(p !== null).toBe(isCertificateNumber(s));
        if (p) expect(buildCertificateNumber({ prefix: p.prefix, year: p.year, level: p.level, serial: p.serial })).toBe(s);
      }),
    );
  });

  it('a letter and 21 digits is accepted exactly when type, province, serials and level are all valid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]\d{21}$/), (s) => {
        const expected =
          (s[0] === 'Y' || s[0] === 'S') &&
          [...PROVINCES, ...MORE_PROVINCES].includes(s.slice(5, 7)) &&
          Number(s.slice(7, 13)) > 0 &&
          ['1', '2', '3', '4', '5'].includes(s[15] ?? '') &&
          Number(s.slice(16)) > 0;
        expect(isCertificateNumber(s)).toBe(expected);
      }),
    );
  });

  /** One way to spoil a good number: each yields a string that is not a certificate number. */
  const spoil = fc.oneof(
    fc.nat({ max: 21 }).map((i) => (n: string) => n.slice(0, i) + n.slice(i + 1)), // a character dropped
    fc.tuple(fc.nat({ max: 22 }), fc.constantFrom('0', '9', 'S', ' ')).map(
      ([i, c]) =>
        (n: string) =>
          n.slice(0, i) + c + n.slice(i),
    ), // one added
    fc.constantFrom('s', 'y', 'X', 'A', 'Z', '0', '1', ' ', 'Ｓ').map((c) => (n: string) => c + n.slice(1)), // bad type letter
    fc.tuple(fc.integer({ min: 1, max: 21 }), fc.constantFrom('A', 'x', ' ', '-', '.', '０', '٣', '\u0000')).map(
      ([i, c]) =>
        (n: string) =>
          n.slice(0, i) + c + n.slice(i + 1),
    ), // a non-ASCII-digit among the digits
    fc.constantFrom('0', '6', '7', '8', '9').map((c) => (n: string) => n.slice(0, 15) + c + n.slice(16)), // level not 1–5
    fc.constant((n: string) => `${n.slice(0, 16)}000000`), // serial 0
    fc.constant((n: string) => `${n.slice(0, 7)}000000${n.slice(13)}`), // provincial serial 0
    fc
      .constantFrom('00', '10', '16', '20', '30', '38', '47', '55', '66', '70', '72', '80', '83', '99')
      .map((c) => (n: string) => n.slice(0, 5) + c + n.slice(7)), // no such province
    fc.constantFrom(' ', '\n', '\t', '\u3000').map((c) => (n: string) => n + c), // trailing space
    fc.constantFrom(' ', '\n').map((c) => (n: string) => c + n), // leading space
    fc.constant((n: string) => n.toLowerCase()),
    fc.constant((n: string) => `${n.slice(0, 11)}-${n.slice(11)}`),
  );

  it('every malformed variant of a good number is refused: by the check, by parse, and at the HTTP edge', () => {
    fc.assert(
      fc.property(parts, spoil, (p, f) => {
        const bad = f(numberOf(p));
        expect(isCertificateNumber(bad)).toBe(false);
        expect(certificateNumberProblem(bad)).not.toBeNull();
        expect(parseCertificateNumber(bad)).toBeNull();
        expect(CertificateNumberParam.safeParse(bad).success).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('names the first problem', () => {
    const good = 'S000031000123253000001';
    expect(certificateNumberProblem(good)).toBeNull();
    expect(certificateNumberProblem(good.slice(1))).toBe('length');
    expect(certificateNumberProblem(`X${good.slice(1)}`)).toBe('institution_type');
    expect(certificateNumberProblem(`S0000３1000123253000001`)).toBe('digits');
    expect(certificateNumberProblem('S000099000123253000001')).toBe('province');
    expect(certificateNumberProblem('S000031000000253000001')).toBe('province_serial');
    expect(certificateNumberProblem('S00003100012325A000001')).toBe('digits');
    expect(certificateNumberProblem('S000031000123256000001')).toBe('level');
    expect(certificateNumberProblem('S000031000123253000000')).toBe('serial');
    const refused = CertificateNumberParam.safeParse('S000031000123256000001');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('level');
  });

  it('building from out-of-range parts is a bug, thrown as RangeError, never a wrong number', () => {
    const ok = { prefix: 'S000031000123', year: 2025, level: 3 as SkillLevel, serial: 1 };
    expect(() => buildCertificateNumber({ ...ok, serial: 0 })).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...ok, serial: 1_000_000 })).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...ok, serial: 1.5 })).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...ok, year: 1999 })).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...ok, year: 2100 })).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...ok, level: 6 as SkillLevel })).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...ok, prefix: 'S00003100012' })).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...ok, prefix: 'T000031000123' })).toThrow(RangeError);
    expect(() => buildCertificatePrefix({ institutionType: 'S', institutionCode: '12345', province: '31', provinceSerial: 1 })).toThrow(RangeError);
    expect(() => buildCertificatePrefix({ institutionType: 'S', institutionCode: '0000', province: '31', provinceSerial: 0 })).toThrow(RangeError);
    expect(() => buildCertificatePrefix({ institutionType: 'S', institutionCode: '0000', province: '99', provinceSerial: 1 })).toThrow(RangeError);
  });

  it('the year is the issue day’s; a batch takes consecutive serials after the last used, or none when six digits are out', () => {
    expect(issueYearOf('2026-01-01')).toBe(2026);
    expect(() => issueYearOf('26-01-01')).toThrow(RangeError);
    expect(batchSerials(0, 3)).toEqual([1, 2, 3]);
    expect(batchSerials(41, 2)).toEqual([42, 43]);
    expect(batchSerials(999_998, 1)).toEqual([999_999]);
    expect(batchSerials(999_998, 2)).toBeNull();
    expect(batchSerials(5, 0)).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 300 }), (last, n) => {
        const s = batchSerials(last, n);
        if (last + n > 999_999) expect(s).toBeNull();
        else {
          expect(s).toHaveLength(n);
          expect(s).toEqual(Array.from({ length: n }, (_, i) => last + 1 + i));
        }
      }),
    );
  });
});

describe('printed texts (人社鉴发〔2021〕1号)', () => {
  it('the level is written number/name for all five levels', () => {
    expect([5, 4, 3, 2, 1].map((l) => printedLevel(l as SkillLevel))).toEqual(['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师']);
  });

  it('工种 is `--` when there is none, never blank', () => {
    expect(printedWorkType(null)).toBe('--');
    expect(printedWorkType(undefined)).toBe('--');
    expect(printedWorkType('')).toBe('--');
    expect(printedWorkType('  \u3000')).toBe('--');
    expect(printedWorkType(' 维修电工 ')).toBe('维修电工');
  });
});
