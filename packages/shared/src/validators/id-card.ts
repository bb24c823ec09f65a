/**
 * 居民身份证号码 — citizen identity number, GB 11643-1999 (DOMAIN.md §6).
 *
 * Layout (18 characters):
 *   1-6   address code (GB/T 2260 region where the number was first issued)
 *   7-14  birth date YYYYMMDD
 *   15-17 sequence code; the 17th digit is odd for men, even for women
 *   18    check character, ISO 7064 MOD 11-2 ('X' stands for 10)
 *
 * Pure: no I/O. The 15-digit first-generation numbers are not accepted (reason 'length').
 */

export type IdCardFailureReason = 'length' | 'format' | 'birth_date' | 'check_digit' | 'region';

export type IdCardResult =
  | {
      ok: true;
      /** Normalised: trimmed, check character upper-case. */
      value: string;
      /** First 6 digits (GB/T 2260 code at the time of issue; may since have been abolished). */
      regionCode: string;
      /** YYYY-MM-DD */
      birthDate: string;
      gender: 'male' | 'female';
    }
  | { ok: false; reason: IdCardFailureReason };

export interface ParseIdCardOptions {
  /** "Today" for the not-in-the-future check; defaults to `new Date()`. Its local calendar date is used. */
  today?: Date;
  /**
   * Optional lookup of the full 6-digit address code (e.g. against a GB/T 2260 snapshot). When given and it
   * returns false the result is `{ ok: false, reason: 'region' }`. Remember that the code is the one valid
   * when the number was issued: a snapshot lookup should include abolished codes.
   */
  isKnownRegion?: (code: string) => boolean;
}

/** ISO 7064 MOD 11-2 weights for positions 1..17 (2^(18-i) mod 11). */
const WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character by (weighted sum mod 11). */
const CHECK_CHARS = '10X98765432';

/** Province-level prefixes (first two digits) in use: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82. */
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
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

const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * The check character for a 17-digit body. Throws RangeError when `first17` is not exactly 17 ASCII digits.
 */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCardCheckChar expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Local calendar date of `d` as YYYY-MM-DD. */
function localIsoDate(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

/** YYYYMMDD → YYYY-MM-DD when it is a real calendar date, otherwise undefined. */
function calendarDate(yyyymmdd: string): string | undefined {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Parse and validate an ID number. Surrounding whitespace is ignored and a lower-case `x` accepted.
 *
 * Checks, in this order (the first failure is reported):
 *   1. 'length'      — not 18 characters
 *   2. 'format'      — not 17 digits followed by a digit or X
 *   3. 'region'      — first two digits are not a province-level prefix
 *   4. 'birth_date'  — not a real date, before 1900-01-01 or after today
 *   5. 'check_digit' — ISO 7064 MOD 11-2 check character does not match
 *   6. 'region'      — `options.isKnownRegion` given and it rejects the 6-digit code
 * The snapshot lookup comes last so that a caller can tell "well-formed number with an unknown region"
 * (possibly just an old code) from a mistyped one.
 */
export function parseIdCard(value: string, options: ParseIdCardOptions = {}): IdCardResult {
  const trimmed = value.trim();
  if (trimmed.length !== 18) return { ok: false, reason: 'length' };
  const normalised = trimmed.slice(0, 17) + trimmed.slice(17).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalised)) return { ok: false, reason: 'format' };

  if (!PROVINCE_PREFIXES.has(normalised.slice(0, 2))) return { ok: false, reason: 'region' };

  const birthDate = calendarDate(normalised.slice(6, 14));
  if (birthDate === undefined) return { ok: false, reason: 'birth_date' };
  const today = localIsoDate(options.today ?? new Date());
  // ISO dates compare correctly as strings.
  if (birthDate < EARLIEST_BIRTH_DATE || birthDate > today) return { ok: false, reason: 'birth_date' };

  const first17 = normalised.slice(0, 17);
  if (idCardCheckChar(first17) !== normalised.slice(17)) return { ok: false, reason: 'check_digit' };

  const regionCode = normalised.slice(0, 6);
  if (options.isKnownRegion && !options.isKnownRegion(regionCode)) return { ok: false, reason: 'region' };

  const genderDigit = normalised.charCodeAt(16) - 48;
  return {
    ok: true,
    value: normalised,
    regionCode,
    birthDate,
    gender: genderDigit % 2 === 1 ? 'male' : 'female',
  };
}

/** True when `parseIdCard(value)` succeeds (today = now, no region lookup). */
export function isValidIdCard(value: string): boolean {
  return parseIdCard(value).ok;
}
