import type { SkillLevel } from '@skillcert/shared/domain';
import { z } from 'zod';
import { vm } from '@skillcert/shared/validation-key';

/**
 * 职业技能等级证书 numbers and printed texts (DOMAIN.md §7, 人社鉴发〔2021〕1号). Pure functions, no database.
 *
 * A number is 22 characters, one capital letter and 21 digits:
 *
 *   S 0000 31 000123 | 25 3 000001
 *   │ │    │  │        │  │ └ 17–22 the institution's own serial for that year and level (000001–999999)
 *   │ │    │  │        │  └ 16 level 1–5 (5 = 五级/初级工)
 *   │ │    │  │        └ 14–15 year of issue, two digits
 *   │ │    │  └ 8–13 the province's serial for the institution (000001–999999)
 *   │ │    └ 6–7 province (first two digits of GB/T 2260)
 *   │ └ 2–5 institution code: 0001–9999 filed with 人社部, 0000 filed with a province
 *   └ 1 institution type: Y employer (用人单位), S social training & evaluation organisation (schools file as S)
 *
 * Positions 1–13 are fixed when the institution is listed — the institutions module stores them whole as
 * `institutions.certificate_prefix` (filings.rules `certificatePrefix`); 14–22 are allocated at issue.
 */

export const CERTIFICATE_NUMBER_LENGTH = 22;
export const CERTIFICATE_PREFIX_LENGTH = 13;
/** The largest serial positions 17–22 (and 8–13) can hold. */
export const MAX_SERIAL = 999_999;

export type InstitutionType = 'Y' | 'S';

/** A certificate number taken apart. */
export interface CertificateNumberParts {
  institutionType: InstitutionType;
  /** Positions 2–5, four digits (`0000` when filed with a province). */
  institutionCode: string;
  /** Positions 6–7, two digits (e.g. `31` Shanghai). */
  province: string;
  /** Positions 8–13 as a number (1–999999). */
  provinceSerial: number;
  /** Positions 1–13 as printed. */
  prefix: string;
  /** Year of issue, four digits (positions 14–15 are its last two; 2000–2099). */
  year: number;
  level: SkillLevel;
  /** Positions 17–22 as a number (1–999999). */
  serial: number;
}

/** Why a string is not a certificate number (the first problem found, left to right). */
export type CertificateNumberProblem =
  | 'length' // not 22 characters
  | 'institution_type' // position 1 is not Y or S
  | 'digits' // positions 2–22 are not all ASCII digits
  | 'province' // positions 6–7 name no province
  | 'province_serial' // positions 8–13 are 000000
  | 'level' // position 16 is not 1–5
  | 'serial'; // positions 17–22 are 000000

/** Province-level prefixes of GB/T 2260 in use: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82. */
const PROVINCES: ReadonlySet<string> = new Set(
  [
    [11, 15],
    [21, 23],
    [31, 37],
    [41, 46],
    [50, 54],
    [61, 65],
    [71, 71],
    [81, 82],
  ].flatMap(([from = 0, to = 0]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))),
);

const SHAPE = /^[YS]\d{21}$/;

/** The problem with positions 1–13 (a listed institution's prefix), or null when it is well formed. */
function prefixProblem(p: string): CertificateNumberProblem | null {
  if (p[0] !== 'Y' && p[0] !== 'S') return 'institution_type';
  if (!/^\d{12}$/.test(p.slice(1, 13))) return 'digits';
  if (!PROVINCES.has(p.slice(5, 7))) return 'province';
  if (p.slice(7, 13) === '000000') return 'province_serial';
  return null;
}

/** The first problem of `value` as a certificate number, or null when it is one. Strict: no spaces, no lower case. */
export function certificateNumberProblem(value: string): CertificateNumberProblem | null {
  if (value.length !== CERTIFICATE_NUMBER_LENGTH) return 'length';
  const head = prefixProblem(value.slice(0, CERTIFICATE_PREFIX_LENGTH));
  if (head) return head;
  if (!/^\d{9}$/.test(value.slice(13))) return 'digits';
  if (!/[1-5]/.test(value[15] ?? '')) return 'level';
  if (value.slice(16) === '000000') return 'serial';
  return null;
}

/** True when `value` is a well-formed certificate number (the fast check before any query). */
export function isCertificateNumber(value: string): boolean {
  return SHAPE.test(value) && certificateNumberProblem(value) === null;
}

/** The parts of a certificate number, or null when it is not one. */
export function parseCertificateNumber(value: string): CertificateNumberParts | null {
  if (!isCertificateNumber(value)) return null;
  return {
    institutionType: value[0] as InstitutionType,
    institutionCode: value.slice(1, 5),
    province: value.slice(5, 7),
    provinceSerial: Number(value.slice(7, 13)),
    prefix: value.slice(0, 13),
    year: 2000 + Number(value.slice(13, 15)),
    level: Number(value[15]) as SkillLevel,
    serial: Number(value.slice(16)),
  };
}

/** True when `prefix` is a well-formed positions 1–13 (type, institution code, province, provincial serial). */
export function isCertificatePrefix(prefix: string): boolean {
  return prefix.length === CERTIFICATE_PREFIX_LENGTH && prefixProblem(prefix) === null;
}

const pad6 = (n: number) => String(n).padStart(6, '0');

/** Positions 1–13 from the listing's parts (the same text filings.rules `certificatePrefix` stores for an S institution). */
export function buildCertificatePrefix(p: { institutionType: InstitutionType; institutionCode: string; province: string; provinceSerial: number }): string {
  if (!Number.isInteger(p.provinceSerial) || p.provinceSerial < 1 || p.provinceSerial > MAX_SERIAL)
    throw new RangeError(`provincial serial out of range: ${p.provinceSerial}`);
  const prefix = `${p.institutionType}${p.institutionCode}${p.province}${pad6(p.provinceSerial)}`;
  const problem = prefix.length === CERTIFICATE_PREFIX_LENGTH ? prefixProblem(prefix) : 'length';
  if (problem) throw new RangeError(`not a certificate prefix (${problem}): ${JSON.stringify(prefix)}`);
  return prefix;
}

/**
 * A certificate number: the institution's prefix (positions 1–13, as stored at listing), the year of issue, the level
 * and the institution's serial for that year and level. Inputs come from the database, not from a user: a value out
 * of range is a bug and throws RangeError.
 */
export function buildCertificateNumber(p: { prefix: string; year: number; level: SkillLevel; serial: number }): string {
  if (!isCertificatePrefix(p.prefix)) throw new RangeError(`not a certificate prefix: ${JSON.stringify(p.prefix)}`);
  if (!Number.isInteger(p.year) || p.year < 2000 || p.year > 2099) throw new RangeError(`year of issue out of range: ${p.year}`);
  if (!Number.isInteger(p.level) || p.level < 1 || p.level > 5) throw new RangeError(`level out of range: ${p.level}`);
  if (!Number.isInteger(p.serial) || p.serial < 1 || p.serial > MAX_SERIAL) throw new RangeError(`serial out of range: ${p.serial}`);
  return `${p.prefix}${String(p.year % 100).padStart(2, '0')}${p.level}${pad6(p.serial)}`;
}

/** Year of issue of a day (YYYY-MM-DD) — the year in positions 14–15 is the issue date's. */
export function issueYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || year < 2000 || year > 2099) throw new RangeError(`not an issue day: ${JSON.stringify(day)}`);
  return year;
}

/**
 * The serials of a batch of `count` certificates of one institution, year and level, after the last one used:
 * consecutive, no gaps. Null when they would not fit in six digits (the batch is refused whole, nothing allocated).
 */
export function batchSerials(lastUsed: number, count: number): number[] | null {
  if (!Number.isInteger(lastUsed) || lastUsed < 0 || !Number.isInteger(count) || count < 0) throw new RangeError(`bad serial range: ${lastUsed} + ${count}`);
  if (lastUsed + count > MAX_SERIAL) return null;
  return Array.from({ length: count }, (_, i) => lastUsed + 1 + i);
}

/**
 * The number as an HTTP parameter, strict (no trimming, capital letter only): a wrong number is refused with 400
 * before any query, the message naming the first problem.
 */
export const CertificateNumberParam = z.string().superRefine((value, ctx) => {
  const problem = certificateNumberProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: vm(`valid.certificateNumber.${problem}`) });
});

// --- Printed texts ---------------------------------------------------------------------------------------

/** 等级 as printed on a certificate (人社鉴发〔2021〕1号): level number and its traditional name. */
export const LEVEL_PRINTED: Record<SkillLevel, string> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};

/** 3 → `三级/高级工`. */
export function printedLevel(level: SkillLevel): string {
  return LEVEL_PRINTED[level];
}

/** 工种/职业方向 as printed: the work type, or `--` when there is none (never blank). */
export function printedWorkType(workType: string | null | undefined): string {
  const t = workType?.trim();
  return t ? t : '--';
}
