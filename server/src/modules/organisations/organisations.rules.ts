import type { OrgKind, SchoolType } from '@skillcert/shared/domain';
import { type CreditCodeFailureReason, parseCreditCode } from '@skillcert/shared/validators/credit-code';

export type CreditCodeVerdict =
  | { ok: true; value: string | null; override: boolean }
  | { ok: false; code: 'ORG.CREDIT_CODE_FORMAT' | 'ORG.CREDIT_CODE_CHECK'; reason: CreditCodeFailureReason };

/**
 * 统一社会信用代码 (GB 32100). A wrong length or character is refused; a failing check character is refused
 * unless a reviewer explicitly accepts it — some early pilot codes (Fujian/Xiamen) fail the check yet are real.
 */
export function checkCreditCode(value: string | null | undefined, reviewerOverride: boolean): CreditCodeVerdict {
  if (value === null || value === undefined || value === '') return { ok: true, value: null, override: false };
  const parsed = parseCreditCode(value);
  if (parsed.ok) return { ok: true, value: parsed.value, override: false };
  if (parsed.reason !== 'check_digit') return { ok: false, code: 'ORG.CREDIT_CODE_FORMAT', reason: parsed.reason };
  if (reviewerOverride) return { ok: true, value: value.trim().toUpperCase(), override: true };
  return { ok: false, code: 'ORG.CREDIT_CODE_CHECK', reason: parsed.reason };
}

export type SchoolFieldsVerdict = { ok: true } | { ok: false; code: 'ORG.SCHOOL_TYPE_REQUIRED' | 'ORG.SCHOOL_FIELDS_ONLY' };

/** A school needs its type; school type and 贯通培养 make no sense on a bureau. */
export function checkSchoolFields(kind: OrgKind, schoolType: SchoolType | null | undefined, runsThroughPrograms: boolean | undefined): SchoolFieldsVerdict {
  if (kind === 'school') return schoolType ? { ok: true } : { ok: false, code: 'ORG.SCHOOL_TYPE_REQUIRED' };
  if (schoolType || runsThroughPrograms) return { ok: false, code: 'ORG.SCHOOL_FIELDS_ONLY' };
  return { ok: true };
}
