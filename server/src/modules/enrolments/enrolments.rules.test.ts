import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import { describe, expect, it } from 'vitest';
import { findProfile } from '../policies/policies.rules.ts';
import { type CandidateRow, classOfDate, judgeRows, type PlanFacts } from './enrolments.rules.ts';

const sh = findProfile('shanghai-2022')!;
const fj = findProfile('fujian-2024')!;

/** A valid 居民身份证 number: region, birth date, sequence (odd = male), check character. */
export const idNumber = (birth = '20050312', seq = '123', region = '310115') => {
  const body = `${region}${birth}${seq}`;
  return body + idCardCheckChar(body);
};

const row = (over: Partial<CandidateRow> = {}): CandidateRow => ({
  row: 2,
  name: '张三',
  idType: 'resident_id',
  idNumber: idNumber(),
  gender: 'male',
  birthDate: '2005-03-12',
  category: 'own_student',
  societyKind: null,
  schoolName: null,
  majorCode: '460305',
  className: '机器人2301',
  graduatingYear: 2026,
  phone: '13800138000',
  attempts: {},
  ...over,
});

const plan = (over: Partial<PlanFacts> = {}): PlanFacts => ({
  occupationName: '工业机器人系统操作员',
  level: 4,
  schoolType: 'higher_vocational',
  profile: sh,
  sources: ['own_student'],
  firstSittingDate: '2026-05-20',
  parts: ['theory', 'practical'],
  capacity: null,
  enrolled: 0,
  ownMajors: new Map([
    ['460305', '工业机器人技术'],
    ['510201', '计算机应用技术'],
  ]),
  occupationMajors: new Map([['460305', '工业机器人技术']]),
  ...over,
});

const none = { enrolledInPlan: new Set<string>(), holdingCertificate: new Set<string>() };
const keyOf = (i: { idType: string; value: string }) => `${i.idType}:${i.value}`;
const judge = (rows: CandidateRow[], p = plan(), known = none) => judgeRows(rows, p, known, keyOf, 'zh-CN', new Date('2026-01-10'));
const codes = (rows: CandidateRow[], p = plan(), known = none) => judge(rows, p, known).map((v) => v.problems.map((x) => x.code));

describe('identity (GB 11643)', () => {
  it('GB 11643: a valid number passes; gender and birth date are derived from it', () => {
    const [v] = judge([row({ gender: null, birthDate: null })]);
    expect(v!.problems).toEqual([]);
    expect(v!.identity).toMatchObject({ gender: 'male', birthDate: '2005-03-12' });
  });

  it('GB 11643: a wrong check character is refused, naming the right one', () => {
    const good = idNumber();
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const [v] = judge([row({ idNumber: wrong })]);
    expect(v!.problems[0]).toMatchObject({ code: 'ENROLMENT.ID_CHECK_CHAR', rule: 'GB11643', field: 'idNumber' });
    expect(v!.problems[0]!.message).toContain(`末位应为 ${good.slice(17)}`);
  });

  it('GB 11643: an impossible birth date (30 February) is refused', () => {
    const [v] = judge([row({ idNumber: idNumber('20050230'), birthDate: null })]);
    expect(v!.problems.map((p) => p.code)).toEqual(['ENROLMENT.ID_BIRTH_DATE']);
    expect(v!.problems[0]!.message).toContain('2005-02-30');
  });

  it('GB 11643: a region prefix that is no province is refused', () => {
    expect(codes([row({ idNumber: idNumber('20050312', '123', '990101') })])[0]).toContain('ENROLMENT.ID_REGION');
  });

  it('GB 11643: a gender contradicting the 17th digit is refused', () => {
    const [v] = judge([row({ idNumber: idNumber('20050312', '124'), gender: 'male' })]);
    expect(v!.problems).toEqual([expect.objectContaining({ code: 'ENROLMENT.GENDER_MISMATCH', field: 'gender' })]);
    expect(v!.problems[0]!.message).toContain('与身份证号码（女）不符');
  });

  it('GB 11643: a birth date contradicting the number is refused', () => {
    expect(codes([row({ birthDate: '2005-03-13' })])[0]).toEqual(['ENROLMENT.BIRTH_DATE_MISMATCH']);
  });

  it('other documents are checked by shape and need gender and birth date from the row', () => {
    expect(codes([row({ idType: 'passport', idNumber: 'E12345678', gender: null, birthDate: null })])[0]).toEqual(['ENROLMENT.REQUIRED', 'ENROLMENT.REQUIRED']);
    expect(codes([row({ idType: 'passport', idNumber: 'E1', gender: 'male', birthDate: '2005-01-01' })])[0]).toEqual(['ENROLMENT.ID_OTHER_FORMAT']);
    expect(codes([row({ idType: 'passport', idNumber: 'E12345678', gender: 'male', birthDate: '2005-01-01' })])[0]).toEqual([]);
  });
});

describe('R2: candidate sources and the graduating year', () => {
  it('R2: a plan for own students refuses society candidates and other schools’ students', () => {
    const [a, b] = judge([
      row({ category: 'society', societyKind: 'veteran' }),
      row({ row: 3, category: 'other_school_student', schoolName: '某校', idNumber: idNumber('20050312', '135') }),
    ]);
    expect(a!.problems).toEqual([expect.objectContaining({ code: 'ENROLMENT.SOURCE_NOT_ALLOWED', rule: 'R2' })]);
    expect(b!.problems.map((p) => p.code)).toContain('ENROLMENT.SOURCE_NOT_ALLOWED');
  });

  it('R2: a society candidate is taken where the plan takes society, with the kind named', () => {
    const p = plan({ sources: ['own_student', 'society'] });
    expect(codes([row({ category: 'society', societyKind: 'migrant_worker', majorCode: null, graduatingYear: null })], p)[0]).toEqual([]);
    expect(codes([row({ category: 'society', societyKind: null, majorCode: null, graduatingYear: null })], p)[0]).toEqual(['ENROLMENT.REQUIRED']);
  });

  it('R2 (Shanghai): only the graduating class of the first sitting’s school year', () => {
    expect(classOfDate('2026-05-20')).toBe(2026);
    expect(classOfDate('2026-09-20')).toBe(2027);
    const [v] = judge([row({ graduatingYear: 2027 })]);
    expect(v!.problems).toEqual([expect.objectContaining({ code: 'ENROLMENT.NOT_GRADUATING_YEAR', rule: 'R2', field: 'graduatingYear' })]);
    expect(v!.problems[0]!.message).toContain('2026 届');
  });

  it('R2 (Fujian): any enrolled student, but not one who has graduated', () => {
    const p = plan({ profile: fj });
    expect(codes([row({ graduatingYear: 2028 })], p)[0]).toEqual([]);
    expect(codes([row({ graduatingYear: 2025 })], p)[0]).toEqual(['ENROLMENT.NOT_ENROLLED']);
  });
});

describe('major mapped to the occupation', () => {
  it('a major not mapped to the occupation is refused; an unknown major of the school too', () => {
    expect(codes([row({ majorCode: '510201' })])[0]).toEqual(['ENROLMENT.MAJOR_NOT_MAPPED']);
    expect(codes([row({ majorCode: '999999' })])[0]).toEqual(['ENROLMENT.MAJOR_UNKNOWN']);
    expect(codes([row({ majorCode: null })])[0]).toEqual(['ENROLMENT.REQUIRED']);
  });
});

describe('R3: level caps', () => {
  it('R3: 中职 may not enrol 三级', () => {
    const p = plan({ level: 3, schoolType: 'secondary_vocational' });
    const [v] = judge([row()], p);
    expect(v!.problems).toEqual([expect.objectContaining({ code: 'ENROLMENT.LEVEL_CAP', rule: 'R3' })]);
    expect(v!.problems[0]!.message).toContain('中职学生只能报考 五级/初级工、四级/中级工');
  });

  it('R3: 高职 may enrol 三级, the in-school maximum', () => {
    expect(codes([row()], plan({ level: 3 }))[0]).toEqual([]);
  });

  it('R3: no in-school student above 三级 (二级/技师 refused), society candidates are not capped by it', () => {
    const p = plan({ level: 2, sources: ['own_student', 'society'] });
    expect(judge([row()], p)[0]!.problems).toEqual([expect.objectContaining({ code: 'ENROLMENT.IN_SCHOOL_MAX', rule: 'R3' })]);
    expect(codes([row({ category: 'society', societyKind: 'employee', majorCode: null, graduatingYear: null })], p)[0]).toEqual([]);
  });
});

describe('once per plan, no certificate twice, capacity', () => {
  it('a candidate twice in the file is refused at the second row, naming the first', () => {
    const [a, b] = judge([row(), row({ row: 7, name: '张三三' })]);
    expect(a!.problems).toEqual([]);
    expect(b!.problems).toEqual([expect.objectContaining({ code: 'ENROLMENT.DUPLICATE_IN_FILE' })]);
    expect(b!.problems[0]!.message).toContain('第 2 行');
  });

  it('a candidate already enrolled in the plan is refused', () => {
    const known = { enrolledInPlan: new Set([keyOf({ idType: 'resident_id', value: idNumber() })]), holdingCertificate: new Set<string>() };
    expect(codes([row()], plan(), known)[0]).toEqual(['ENROLMENT.ALREADY_ENROLLED']);
  });

  it('a holder of this occupation-and-level certificate is refused', () => {
    const known = { enrolledInPlan: new Set<string>(), holdingCertificate: new Set([keyOf({ idType: 'resident_id', value: idNumber() })]) };
    expect(codes([row()], plan(), known)[0]).toEqual(['ENROLMENT.CERTIFICATE_HELD']);
  });

  it('capacity is filled in row order by the rows that pass everything else', () => {
    const rows = [
      row(),
      row({ row: 3, idNumber: idNumber('20050312', '131'), graduatingYear: 2030 }),
      row({ row: 4, idNumber: idNumber('20050312', '151') }),
      row({ row: 5, idNumber: idNumber('20050312', '171') }),
    ];
    expect(codes(rows, plan({ capacity: 10, enrolled: 8 }))).toEqual([[], ['ENROLMENT.NOT_GRADUATING_YEAR'], [], ['ENROLMENT.CAPACITY']]);
  });

  it('a resit of a part the plan does not have is refused', () => {
    expect(codes([row({ attempts: { review: 'resit' } })])[0]).toEqual(['ENROLMENT.PART_NOT_IN_PLAN']);
    expect(codes([row({ attempts: { theory: 'resit' } })])[0]).toEqual([]);
  });

  it('messages come in English on request', () => {
    const v = judgeRows([row({ graduatingYear: 2027 })], plan(), none, keyOf, 'en-US', new Date('2026-01-10'));
    expect(v[0]!.problems[0]!.message).toContain('graduating-year students only (R2)');
  });
});
