/**
 * 统一社会信用代码 — unified social credit code, GB 32100-2015 (DOMAIN.md §6).
 *
 * Layout (18 characters):
 *   1     registration authority (登记管理部门代码)
 *   2     organisation type (机构类别代码)
 *   3-8   GB/T 2260 region code of the registration authority
 *   9-17  organisation code (组织机构代码, itself carrying a check character at position 17)
 *   18    check character
 *
 * Alphabet: the 31 characters `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z), valued 0..30.
 * Check: weights 3^(i-1) mod 31 for positions i = 1..17; check value = 31 − (Σ value×weight mod 31), with
 * 31 written as 0; the check value is written with the same alphabet.
 *
 * NOTE: some early pilot codes (issued in Fujian/Xiamen before the standard was final) fail this check.
 * Callers must not hard-reject on 'check_digit': warn and let a reviewer override. This validator only
 * reports `check_digit`; the policy lives with the caller.
 *
 * Only length, alphabet and the check character are validated here (positions 1-2 and 3-8 are not
 * checked against code lists).
 */

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^i mod 31 for i = 0..16. */
const WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeFailureReason = 'length' | 'charset' | 'check_digit';

export type CreditCodeResult =
  | {
      ok: true;
      /** Normalised: trimmed, upper-case. */
      value: string;
      /** Positions 3-8: region code of the registration authority. */
      regionCode: string;
    }
  | { ok: false; reason: CreditCodeFailureReason };

function charValue(ch: string): number {
  return CREDIT_CODE_ALPHABET.indexOf(ch);
}

/**
 * The check character for a 17-character body over the credit-code alphabet (upper-case expected).
 * Throws RangeError when `first17` is not 17 characters of the alphabet.
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar expects exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(first17.charAt(i));
    if (v < 0) throw new RangeError(`creditCodeCheckChar: '${first17.charAt(i)}' is not in the alphabet`);
    sum += v * (WEIGHTS[i] ?? 0);
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET.charAt(check === 31 ? 0 : check);
}

/**
 * Parse a credit code: trimmed and upper-cased first, then checked for
 * 'length' (not 18), 'charset' (a character outside the alphabet) and 'check_digit', in that order.
 */
export function parseCreditCode(value: string): CreditCodeResult {
  const normalised = value.trim().toUpperCase();
  if (normalised.length !== 18) return { ok: false, reason: 'length' };
  for (const ch of normalised) {
    if (charValue(ch) < 0) return { ok: false, reason: 'charset' };
  }
  if (creditCodeCheckChar(normalised.slice(0, 17)) !== normalised.charAt(17)) {
    return { ok: false, reason: 'check_digit' };
  }
  return { ok: true, value: normalised, regionCode: normalised.slice(2, 8) };
}

/** True when `parseCreditCode(value)` succeeds. */
export function isValidCreditCode(value: string): boolean {
  return parseCreditCode(value).ok;
}
