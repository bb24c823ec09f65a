import { describe, expect, it } from 'vitest';
import {
  channelProblem,
  externalNumberProblem,
  issueDateProblem,
  legacyNumberProblem,
  oneXCounts,
  parseLegacyNumber,
  type RecordInput,
  recordProblems,
} from './external-certificates.rules.ts';

// 2008, Shanghai (31), city 01, 鉴定站 kind 2, body 005, level 3, serial 00123.
const LEGACY = '0831012005300123';
// DOMAIN §7: S 0000 31 000123 | 25 3 000001
const NEW = 'S000031000123253000001';

describe('older 16-digit 职业资格证书 numbers', () => {
  it('parses year, area, city, body kind and serial, level and the yearly serial', () => {
    expect(parseLegacyNumber(LEGACY)).toEqual({ yy: '08', area: '31', city: '01', bodyKind: 2, bodySerial: '005', level: 3, serial: 123 });
  });
  it('refuses the wrong length, non-digits, a body kind outside 0–4, a level outside 1–5, serial 00000', () => {
    expect(legacyNumberProblem('083101200530012')).toBe('length');
    expect(legacyNumberProblem('08310120053001X3')).toBe('digits');
    expect(legacyNumberProblem('0831015005300123')).toBe('body_kind');
    expect(legacyNumberProblem('0831012005600123')).toBe('level');
    expect(legacyNumberProblem('0831012005300000')).toBe('serial');
    expect(legacyNumberProblem(LEGACY)).toBeNull();
  });
});

describe('external certificate numbers by kind', () => {
  it('职业技能等级证书: the 22-character number of DOMAIN §7, its level and year matching', () => {
    expect(externalNumberProblem({ kind: 'skill_level', number: NEW, level: 3, issuedOn: '2025-06-30' })).toBeNull();
    expect(externalNumberProblem({ kind: 'skill_level', number: NEW, level: 4, issuedOn: '2025-06-30' })).toBe('level_mismatch');
    expect(externalNumberProblem({ kind: 'skill_level', number: NEW, level: 3, issuedOn: '2024-06-30' })).toBe('year_mismatch');
    expect(externalNumberProblem({ kind: 'skill_level', number: LEGACY, level: 3, issuedOn: '2008-06-30' })).toBe('shape');
    expect(externalNumberProblem({ kind: 'skill_level', number: 's000031000123253000001', level: 3, issuedOn: '2025-06-30' })).toBe('shape');
  });
  it('国家职业资格证书: the older 16 digits or a 22-character number', () => {
    expect(externalNumberProblem({ kind: 'qualification', number: LEGACY, level: 3, issuedOn: '2008-03-01' })).toBeNull();
    expect(externalNumberProblem({ kind: 'qualification', number: NEW, level: 3, issuedOn: '2025-03-01' })).toBeNull();
    expect(externalNumberProblem({ kind: 'qualification', number: LEGACY, level: 2, issuedOn: '2008-03-01' })).toBe('level_mismatch');
    expect(externalNumberProblem({ kind: 'qualification', number: LEGACY, level: 3, issuedOn: '2009-03-01' })).toBe('year_mismatch');
    expect(externalNumberProblem({ kind: 'qualification', number: '12345', level: 3, issuedOn: '2009-03-01' })).toBe('shape');
  });
  it('others: free text, bounded, no control characters', () => {
    expect(externalNumberProblem({ kind: 'competition', number: 'SH-2024/技能赛-017', level: null, issuedOn: '2024-05-01' })).toBeNull();
    expect(externalNumberProblem({ kind: 'enterprise', number: 'A'.repeat(65), level: null, issuedOn: '2024-05-01' })).toBe('too_long');
    expect(externalNumberProblem({ kind: 'enterprise', number: 'A\u0007B', level: null, issuedOn: '2024-05-01' })).toBe('characters');
    expect(externalNumberProblem({ kind: 'special_ability', number: '', level: null, issuedOn: '2024-05-01' })).toBe('empty');
  });
});

describe('channels, dates', () => {
  it('an external issuing authority (national) records 国家职业资格证书 only', () => {
    expect(channelProblem('qualification', 'national')).toBe(false);
    expect(channelProblem('skill_level', 'national')).toBe(true);
    expect(channelProblem('enterprise', 'competition')).toBe(true);
    expect(channelProblem('skill_level', 'social_organisation')).toBe(false);
  });
  it('issue date: a real day, not in the future, not before 1990', () => {
    expect(issueDateProblem('2026-11-29', '2026-11-29')).toBeNull();
    expect(issueDateProblem('2026-11-30', '2026-11-29')).toBe('future');
    expect(issueDateProblem('2025-02-30', '2026-11-29')).toBe('format');
    expect(issueDateProblem('1989-12-31', '2026-11-29')).toBe('too_early');
  });
});

const base: RecordInput = {
  holderName: '段誉',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  gender: null,
  birthDate: null,
  kind: 'skill_level',
  channel: 'social_organisation',
  issuerName: '上海某评价组织',
  number: NEW,
  occupationCode: '4-04-05-01',
  occupationName: '网络与信息安全管理员',
  workType: null,
  level: 3,
  issuedOn: '2025-06-30',
  majorCode: '710207',
};
const facts = { today: '2026-11-29', majorCodes: new Set(['710207']), occupationCodes: new Set(['4-04-05-01']) };

describe('a whole record', () => {
  it('accepts a good record', () => {
    expect(recordProblems(base, facts)).toEqual([]);
  });
  it('names every field at fault: ID number, level, occupation, major, date, number', () => {
    const bad = { ...base, idNumber: '110105194912310021', level: null, occupationCode: '9-99-99-99', majorCode: '000000', issuedOn: '2027-01-01' };
    expect(recordProblems(bad, facts).map((p) => `${p.field}:${p.code}`)).toEqual([
      'idNumber:EXTCERT.ID_NUMBER',
      'occupationCode:EXTCERT.OCCUPATION_UNKNOWN',
      'level:EXTCERT.LEVEL_REQUIRED',
      'issuedOn:EXTCERT.ISSUED_IN_FUTURE',
      'majorCode:EXTCERT.MAJOR_UNKNOWN',
    ]);
    expect(recordProblems({ ...base, number: '123' }, facts).map((p) => p.code)).toEqual(['EXTCERT.NUMBER_SHAPE']);
    expect(recordProblems({ ...base, kind: 'special_ability', level: 3, number: 'ZX-1' }, facts).map((p) => p.code)).toEqual(['EXTCERT.LEVEL_NOT_ALLOWED']);
    expect(recordProblems({ ...base, level: 7 }, facts).map((p) => p.code)).toContain('EXTCERT.LEVEL_RANGE');
  });
});

describe('R12: 1+X counts', () => {
  const row = (kind: string, personId: string, majorCode: string | null, status = 'recorded') => ({ kind, personId, majorCode, status });
  it('R12: counts 职业资格, 职业技能等级 and 专项职业能力 certificates only, live ones only', () => {
    const c = oneXCounts(
      [
        row('qualification', 'p1', 'A'),
        row('skill_level', 'p1', 'A', 'valid'),
        row('skill_level', 'p2', 'B'),
        row('special_ability', 'p3', null),
        row('competition', 'p4', 'C'),
        row('enterprise', 'p4', 'C'),
        row('skill_level', 'p5', 'C', 'withdrawn'),
        row('skill_level', 'p6', 'C', 'revoked'),
      ],
      ['A', 'B', 'C', 'D'],
    );
    expect(c).toMatchObject({ qualification: 1, skillLevel: 2, specialAbility: 1, total: 4, holders: 3, majorsCovered: 2, coverage: 0.5 });
    expect(c.majors).toEqual([
      { code: 'A', certificates: 2, holders: 1 },
      { code: 'B', certificates: 1, holders: 1 },
      { code: 'C', certificates: 0, holders: 0 },
      { code: 'D', certificates: 0, holders: 0 },
    ]);
  });
  it('R12: a school without majors has coverage 0, not NaN', () => {
    expect(oneXCounts([], []).coverage).toBe(0);
  });
});
