import type { PolicyProfile } from '@skillcert/shared/api/policies';
import type { Attempts, CandidateCategory, EnrolmentPart, EnrolmentProblem, Gender, IdType, SocietyKind } from '@skillcert/shared/api/enrolment';
import type { SchoolType, SkillLevel } from '@skillcert/shared/domain';
import { idCardCheckChar, parseIdCard } from '@skillcert/shared/validators/id-card';
import type { Locale } from '../../context.ts';
import { categoryName, enrolmentMessage, type EnrolmentMessageId, fieldName, levelName, listJoin, schoolTypeName } from './enrolments.messages.ts';

// 报名资格 — the verdict on each candidate of a plan (DOMAIN.md §2 step 6, R2, R3). Pure: the caller brings the plan's
// facts and what the database knows (who is enrolled already, who holds the certificate), keyed by the identity hash.

/** A candidate as a row of the workbook or the one-by-one form gives it; null where the cell could not be read. */
export interface CandidateRow {
  /** Excel row number; 0 for a candidate entered by hand. */
  row: number;
  name: string;
  idType: IdType | null;
  idNumber: string;
  gender: Gender | null;
  birthDate: string | null;
  category: CandidateCategory | null;
  societyKind: SocietyKind | null;
  schoolName: string | null;
  majorCode: string | null;
  className: string | null;
  graduatingYear: number | null;
  phone: string | null;
  attempts: Attempts;
}

/** What a verdict needs to know about the plan and its institution. */
export interface PlanFacts {
  occupationName: string;
  /** Null for a 专项职业能力 item (no level, R3 does not apply). */
  level: SkillLevel | null;
  /** The institution's school type (R3 caps its own students). */
  schoolType: SchoolType | null;
  profile: Pick<PolicyProfile, 'levelCaps' | 'inSchoolMaxLevel' | 'candidates'>;
  /** R2: the sources the plan takes candidates from. */
  sources: readonly CandidateCategory[];
  /** YYYY-MM-DD of the first sitting; decides the graduating class. */
  firstSittingDate: string | null;
  /** Parts the plan has (a resit may only name one of them). */
  parts: readonly EnrolmentPart[];
  /** Candidates the plan may hold in all; null = no limit. */
  capacity: number | null;
  /** Candidates enrolled already. */
  enrolled: number;
  /** The institution's own majors, code → name. */
  ownMajors: ReadonlyMap<string, string>;
  /** Majors (by code) mapped to the plan's occupation, code → name. */
  occupationMajors: ReadonlyMap<string, string>;
}

/** What the database knows, by identity key (the vault's keyed hash of the ID number). */
export interface KnownPeople {
  enrolledInPlan: ReadonlySet<string>;
  /** Holders of this occupation-and-level certificate (see certificates.port.ts). */
  holdingCertificate: ReadonlySet<string>;
}

export interface Identity {
  idType: IdType;
  /** Normalised number (trimmed; X upper-case). */
  value: string;
  gender: Gender;
  birthDate: string;
}

export interface Problem {
  code: string;
  rule: string | null;
  field: keyof CandidateRow | EnrolmentPart | '';
  message: string;
}

export interface Verdict {
  row: CandidateRow;
  identity: Identity | null;
  /** The identity key (hash) when the ID number is valid. */
  key: string | null;
  problems: Problem[];
}

const GENDER_WORDS: Record<Gender, Record<Locale, string>> = { male: { 'zh-CN': '男', 'en-US': 'male' }, female: { 'zh-CN': '女', 'en-US': 'female' } };

/** The graduating class (届) of a date: a school year runs September to August and is named by the year it ends. */
export function classOfDate(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 9 ? year + 1 : year;
}

const OTHER_ID = /^[A-Za-z0-9-]{5,30}$/;

/** GB 11643 for 居民身份证; shape for the other documents, whose gender and birth date the row must give. */
export function checkIdentity(row: CandidateRow, locale: Locale, today?: Date): { identity: Identity | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const say = (code: EnrolmentMessageId, field: Problem['field'], params: Record<string, string | number> = {}, rule: string | null = null) =>
    problems.push({ code, rule, field, message: enrolmentMessage(locale, code, params) });
  if (!row.idType) return { identity: null, problems };
  const raw = row.idNumber.trim();
  if (!raw) {
    say('ENROLMENT.REQUIRED', 'idNumber', { field: fieldName(locale, 'idNumber') });
    return { identity: null, problems };
  }
  if (row.idType !== 'resident_id') {
    if (!OTHER_ID.test(raw)) say('ENROLMENT.ID_OTHER_FORMAT', 'idNumber');
    if (!row.gender) say('ENROLMENT.REQUIRED', 'gender', { field: fieldName(locale, 'gender') });
    if (!row.birthDate) say('ENROLMENT.REQUIRED', 'birthDate', { field: fieldName(locale, 'birthDate') });
    if (problems.length || !row.gender || !row.birthDate) return { identity: null, problems };
    return { identity: { idType: row.idType, value: raw.toUpperCase(), gender: row.gender, birthDate: row.birthDate }, problems };
  }
  const parsed = parseIdCard(raw, { today });
  if (!parsed.ok) {
    const n = raw.slice(0, 17) + raw.slice(17).toUpperCase();
    switch (parsed.reason) {
      case 'length':
        say('ENROLMENT.ID_LENGTH', 'idNumber', { length: Array.from(raw).length }, 'GB11643');
        break;
      case 'format':
        say('ENROLMENT.ID_FORMAT', 'idNumber', {}, 'GB11643');
        break;
      case 'region':
        say('ENROLMENT.ID_REGION', 'idNumber', { prefix: n.slice(0, 2) }, 'GB11643');
        break;
      case 'birth_date':
        say('ENROLMENT.ID_BIRTH_DATE', 'idNumber', { date: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}` }, 'GB11643');
        break;
      case 'check_digit':
        say('ENROLMENT.ID_CHECK_CHAR', 'idNumber', { expected: idCardCheckChar(n.slice(0, 17)), found: n.slice(17) }, 'GB11643');
        break;
    }
    return { identity: null, problems };
  }
  if (row.gender && row.gender !== parsed.gender) {
    say('ENROLMENT.GENDER_MISMATCH', 'gender', { given: GENDER_WORDS[row.gender][locale], derived: GENDER_WORDS[parsed.gender][locale] }, 'GB11643');
  }
  if (row.birthDate && row.birthDate !== parsed.birthDate) {
    say('ENROLMENT.BIRTH_DATE_MISMATCH', 'birthDate', { given: row.birthDate, derived: parsed.birthDate }, 'GB11643');
  }
  return { identity: { idType: 'resident_id', value: parsed.value, gender: parsed.gender, birthDate: parsed.birthDate }, problems };
}

/** R2: the plan's sources; graduating-year (Shanghai) or enrolled (Fujian) students by the profile. */
export function checkSource(row: CandidateRow, plan: PlanFacts, locale: Locale): Problem[] {
  const problems: Problem[] = [];
  const say = (code: EnrolmentMessageId, field: Problem['field'], params: Record<string, string | number> = {}, rule: string | null = 'R2') =>
    problems.push({ code, rule, field, message: enrolmentMessage(locale, code, params) });
  if (!row.category) return problems;
  if (!plan.sources.includes(row.category)) {
    say('ENROLMENT.SOURCE_NOT_ALLOWED', 'category', {
      category: categoryName(locale, row.category),
      allowed: listJoin(
        locale,
        plan.sources.map((s) => categoryName(locale, s)),
      ),
    });
    return problems;
  }
  if (row.category === 'society') {
    if (!row.societyKind) say('ENROLMENT.REQUIRED', 'category', { field: fieldName(locale, 'category') }, null);
    return problems;
  }
  if (row.category === 'other_school_student' && !row.schoolName) say('ENROLMENT.REQUIRED', 'schoolName', { field: fieldName(locale, 'schoolName') }, null);
  if (row.graduatingYear === null) {
    say('ENROLMENT.REQUIRED', 'graduatingYear', { field: fieldName(locale, 'graduatingYear') });
  } else if (plan.firstSittingDate) {
    const classOf = classOfDate(plan.firstSittingDate);
    if (plan.profile.candidates.value === 'graduating_year' && row.graduatingYear !== classOf) {
      say('ENROLMENT.NOT_GRADUATING_YEAR', 'graduatingYear', { year: classOf, given: row.graduatingYear });
    } else if (plan.profile.candidates.value === 'enrolled' && row.graduatingYear < classOf) {
      say('ENROLMENT.NOT_ENROLLED', 'graduatingYear', { given: row.graduatingYear, date: plan.firstSittingDate });
    }
  }
  return problems;
}

/** A student's major must be mapped to the occupation (and, for the school's own students, be one of its majors). */
export function checkMajor(row: CandidateRow, plan: PlanFacts, locale: Locale): Problem[] {
  if (!row.category || row.category === 'society') return [];
  const say = (code: EnrolmentMessageId, params: Record<string, string | number>): Problem[] => [
    { code, rule: null, field: 'majorCode', message: enrolmentMessage(locale, code, params) },
  ];
  if (!row.majorCode) return say('ENROLMENT.REQUIRED', { field: fieldName(locale, 'majorCode') });
  if (row.category === 'own_student' && !plan.ownMajors.has(row.majorCode)) return say('ENROLMENT.MAJOR_UNKNOWN', { major: row.majorCode });
  if (!plan.occupationMajors.has(row.majorCode)) {
    const name = plan.ownMajors.get(row.majorCode);
    return say('ENROLMENT.MAJOR_NOT_MAPPED', { major: name ? `${row.majorCode} ${name}` : row.majorCode, occupation: plan.occupationName });
  }
  return [];
}

/** R3: students sit levels within their school type's cap and never above the in-school maximum. */
export function checkLevel(row: CandidateRow, plan: PlanFacts, locale: Locale): Problem[] {
  if (!row.category || row.category === 'society' || plan.level === null) return [];
  const level = levelName(locale, plan.level);
  // Levels count down: 1 (一级) is the highest. A plan level numerically below the maximum is above it.
  if (plan.level < plan.profile.inSchoolMaxLevel.value) {
    return [
      {
        code: 'ENROLMENT.IN_SCHOOL_MAX',
        rule: 'R3',
        field: '',
        message: enrolmentMessage(locale, 'ENROLMENT.IN_SCHOOL_MAX', { max: levelName(locale, plan.profile.inSchoolMaxLevel.value), level }),
      },
    ];
  }
  if (row.category === 'own_student' && plan.schoolType) {
    const allowed = plan.profile.levelCaps.value[plan.schoolType] ?? [];
    if (!allowed.includes(plan.level as SkillLevel)) {
      return [
        {
          code: 'ENROLMENT.LEVEL_CAP',
          rule: 'R3',
          field: '',
          message: enrolmentMessage(locale, 'ENROLMENT.LEVEL_CAP', {
            schoolType: schoolTypeName(locale, plan.schoolType),
            allowed: listJoin(
              locale,
              [...allowed].sort((a, b) => b - a).map((l) => levelName(locale, l)),
            ),
            level,
          }),
        },
      ];
    }
  }
  return [];
}

const PHONE = /^\+?[\d\s-]{5,20}$/;

function checkRest(row: CandidateRow, plan: PlanFacts, locale: Locale): Problem[] {
  const problems: Problem[] = [];
  if (!row.name.trim())
    problems.push({
      code: 'ENROLMENT.REQUIRED',
      rule: null,
      field: 'name',
      message: enrolmentMessage(locale, 'ENROLMENT.REQUIRED', { field: fieldName(locale, 'name') }),
    });
  else if (Array.from(row.name.trim()).length > 50 || /[\p{Cc}<>]/u.test(row.name)) {
    problems.push({ code: 'ENROLMENT.NAME_FORMAT', rule: null, field: 'name', message: enrolmentMessage(locale, 'ENROLMENT.NAME_FORMAT') });
  }
  if (row.phone && !PHONE.test(row.phone))
    problems.push({ code: 'ENROLMENT.PHONE_FORMAT', rule: null, field: 'phone', message: enrolmentMessage(locale, 'ENROLMENT.PHONE_FORMAT') });
  for (const [part, attempt] of Object.entries(row.attempts) as [EnrolmentPart, string][]) {
    if (attempt === 'resit' && !plan.parts.includes(part)) {
      problems.push({
        code: 'ENROLMENT.PART_NOT_IN_PLAN',
        rule: null,
        field: part,
        message: enrolmentMessage(locale, 'ENROLMENT.PART_NOT_IN_PLAN', { part: fieldName(locale, part) }),
      });
    }
  }
  return problems;
}

/**
 * The verdict on every row, in order: the ID (GB 11643, gender and birth date cross-checked), R2 source and
 * graduating year, the major, R3 level caps, not twice in the file or the plan, no certificate held already,
 * and last the plan's capacity (filled in row order by the rows that pass everything else).
 * `keyOf` turns a valid identity into its look-up key (the vault's keyed hash).
 */
export function judgeRows(
  rows: readonly CandidateRow[],
  plan: PlanFacts,
  known: KnownPeople,
  keyOf: (identity: Identity) => string,
  locale: Locale,
  today?: Date,
  /** Problems found before the rules (unreadable cells), by row: such a row is refused and takes no place. */
  readProblems: ReadonlyMap<number, Problem[]> = new Map(),
): Verdict[] {
  const firstRowOf = new Map<string, number>();
  let room = plan.capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, plan.capacity - plan.enrolled);
  return rows.map((row) => {
    const { identity, problems: idProblems } = checkIdentity(row, locale, today);
    const problems = [...(readProblems.get(row.row) ?? []), ...idProblems];
    problems.push(...checkRest(row, plan, locale), ...checkSource(row, plan, locale), ...checkMajor(row, plan, locale), ...checkLevel(row, plan, locale));
    let key: string | null = null;
    if (identity) {
      key = keyOf(identity);
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        problems.push({
          code: 'ENROLMENT.DUPLICATE_IN_FILE',
          rule: null,
          field: 'idNumber',
          message: enrolmentMessage(locale, 'ENROLMENT.DUPLICATE_IN_FILE', { first }),
        });
      } else {
        firstRowOf.set(key, row.row);
        if (known.enrolledInPlan.has(key))
          problems.push({ code: 'ENROLMENT.ALREADY_ENROLLED', rule: null, field: 'idNumber', message: enrolmentMessage(locale, 'ENROLMENT.ALREADY_ENROLLED') });
      }
      if (known.holdingCertificate.has(key)) {
        problems.push({
          code: 'ENROLMENT.CERTIFICATE_HELD',
          rule: null,
          field: 'idNumber',
          message: enrolmentMessage(locale, 'ENROLMENT.CERTIFICATE_HELD', { level: plan.level === null ? '' : levelName(locale, plan.level) }),
        });
      }
    }
    if (!problems.length) {
      if (room > 0) room -= 1;
      else
        problems.push({
          code: 'ENROLMENT.CAPACITY',
          rule: null,
          field: '',
          message: enrolmentMessage(locale, 'ENROLMENT.CAPACITY', { capacity: plan.capacity ?? 0 }),
        });
    }
    return { row, identity, key, problems };
  });
}

/** The problems of a verdict in the API's shape, each at its template column. */
export function presentProblems(problems: readonly Problem[], columnOf: (field: Problem['field']) => string): EnrolmentProblem[] {
  return problems.map((p) => ({ code: p.code, rule: p.rule, column: columnOf(p.field), message: p.message }));
}
