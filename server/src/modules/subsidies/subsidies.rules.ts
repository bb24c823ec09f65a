import type { PolicyProfile } from '@skillcert/shared/api/policies';
import type { SubsidyCheck, SubsidyCheckName, SubsidyStatus } from '@skillcert/shared/api/subsidies';
import { cityOf, regionLevelOf } from '@skillcert/shared/validators/region-code';

// 职业技能提升补贴 (R11): eligibility from the policy profile, each check kept with its outcome; the claim's state
// machine; which bureau reviews. Pure functions, no database.

export type SubsidyProfile = Pick<
  PolicyProfile,
  'subsidyByLevel' | 'subsidyMaxClaimsPerYear' | 'subsidyClaimWithinMonths' | 'subsidyReviewLevel' | 'subsidyGraduatingYearLocalRules'
>;

export interface ClaimedCertificate {
  kind: string;
  status: string;
  level: number | null;
  occupationCode: string | null;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** The issuer is an HR bureau (专项职业能力证书). */
  issuedByHr: boolean;
  /** The institution's catalog entry, when issued by an institution. */
  institution: { status: string; validFrom: string; validTo: string } | null;
  /** The enrolment's graduating year (毕业学年), when known. */
  graduatingYear: number | null;
}

/** A claim the person already has (any status; refused ones do not count). */
export interface PriorClaim {
  occupationCode: string;
  level: number;
  status: SubsidyStatus;
  /** YYYY-MM-DD of the application. */
  appliedOn: string;
}

export type RefusalCode =
  | 'SUBSIDY.CERTIFICATE_NOT_ELIGIBLE'
  | 'SUBSIDY.WINDOW_CLOSED'
  | 'SUBSIDY.ALREADY_CLAIMED'
  | 'SUBSIDY.YEAR_LIMIT'
  | 'SUBSIDY.LOWER_AFTER_HIGHER'
  | 'SUBSIDY.NO_AMOUNT';

/** Which refusal each failing check answers, and with which status (a duplicate is a conflict, the rest 422). */
export const REFUSALS: Record<Exclude<SubsidyCheckName, 'local_rules'>, { code: RefusalCode; status: 409 | 422 }> = {
  certificate: { code: 'SUBSIDY.CERTIFICATE_NOT_ELIGIBLE', status: 422 },
  window: { code: 'SUBSIDY.WINDOW_CLOSED', status: 422 },
  once_per_level: { code: 'SUBSIDY.ALREADY_CLAIMED', status: 409 },
  per_year: { code: 'SUBSIDY.YEAR_LIMIT', status: 409 },
  no_lower_after_higher: { code: 'SUBSIDY.LOWER_AFTER_HIGHER', status: 422 },
  amount: { code: 'SUBSIDY.NO_AMOUNT', status: 422 },
};

/** YYYY-MM-DD plus whole months; a day past the end of the target month falls on its last day (01-31 + 1 → 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const live = (c: PriorClaim) => c.status !== 'refused';

/**
 * Every eligibility check of R11, in order, each with its outcome and the facts behind it; the amount by level.
 * Levels run 1 = 一级 (highest) … 5 = 五级 (lowest): a "higher" level has the smaller number.
 */
export function subsidyEligibility(input: {
  certificate: ClaimedCertificate;
  prior: readonly PriorClaim[];
  profile: SubsidyProfile;
  /** YYYY-MM-DD of the application. */
  today: string;
}): { checks: SubsidyCheck[]; amount: number; failed: SubsidyCheck | undefined } {
  const { certificate: c, prior, profile, today } = input;
  const checks: SubsidyCheck[] = [];
  const level = c.level;
  const occupation = c.occupationCode;

  // 1. The certificate: one we issued (not a recorded 职业资格 record), valid, from a filed institution or the HR bureau.
  const kindOk = c.kind === 'skill_level' || c.kind === 'special_ability';
  const issuerFiled =
    c.issuedByHr ||
    (c.institution !== null && c.institution.status !== 'revoked' && c.institution.validFrom <= c.issuedOn && c.issuedOn <= c.institution.validTo);
  checks.push({
    name: 'certificate',
    outcome: kindOk && c.status === 'valid' && issuerFiled && level !== null && occupation !== null ? 'pass' : 'fail',
    detail: { kind: c.kind, status: c.status, issuer: c.issuedByHr ? 'hr_bureau' : (c.institution?.status ?? 'none'), issuerFiled },
  });

  // 2. Within the claim window from the issue date.
  const months = profile.subsidyClaimWithinMonths.value;
  const closes = addMonths(c.issuedOn, months);
  checks.push({ name: 'window', outcome: today <= closes ? 'pass' : 'fail', detail: { issuedOn: c.issuedOn, months, closesOn: closes } });

  // 3. One claim per person per occupation and level (refused claims do not count).
  const same = prior.filter((p) => live(p) && p.occupationCode === occupation && p.level === level);
  checks.push({ name: 'once_per_level', outcome: same.length === 0 ? 'pass' : 'fail', detail: { existing: same.length } });

  // 4. At most N claims per person per calendar year.
  const year = today.slice(0, 4);
  const max = profile.subsidyMaxClaimsPerYear.value;
  const thisYear = prior.filter((p) => live(p) && p.appliedOn.startsWith(year)).length;
  checks.push({ name: 'per_year', outcome: thisYear < max ? 'pass' : 'fail', detail: { year: Number(year), claims: thisYear, max } });

  // 5. No lower level after a higher one in the same occupation.
  const higher = prior.filter((p) => live(p) && p.occupationCode === occupation && level !== null && p.level < level);
  const highest = higher.length ? Math.min(...higher.map((p) => p.level)) : null;
  checks.push({ name: 'no_lower_after_higher', outcome: highest === null ? 'pass' : 'fail', detail: { level, higherClaimed: highest } });

  // 6. The amount for the level, from the profile.
  const amount = level === null ? undefined : profile.subsidyByLevel.value[String(level)];
  checks.push({ name: 'amount', outcome: amount !== undefined && amount > 0 ? 'pass' : 'fail', detail: { level, amount: amount ?? null } });

  // 7. Graduating-year students under local rules: shown when the profile says so (it refuses nothing).
  if (profile.subsidyGraduatingYearLocalRules.value && c.graduatingYear !== null && String(c.graduatingYear) === c.issuedOn.slice(0, 4)) {
    checks.push({ name: 'local_rules', outcome: 'pass', detail: { graduatingYear: c.graduatingYear, source: profile.subsidyGraduatingYearLocalRules.source } });
  }

  return { checks, amount: amount ?? 0, failed: checks.find((k) => k.outcome === 'fail') };
}

// --- Which bureau reviews -------------------------------------------------------------------------------------------

/**
 * The region whose HR bureau reviews a claim, by profile: the holder's county (区/县) or its city. The holder's place is
 * the region of the school that evaluated them. Returns the regions to try in order (the county's bureau, else the
 * city's, else the province's), so a place without a bureau of its own still reaches the one above it.
 */
export function reviewRegions(holderRegion: string, level: 'county' | 'city'): string[] {
  const province = `${holderRegion.slice(0, 2)}0000`;
  const city = cityOf(holderRegion);
  const out: string[] = [];
  if (level === 'county' && regionLevelOf(holderRegion) === 'county') out.push(holderRegion);
  if (city !== province) out.push(city);
  out.push(province);
  return [...new Set(out)];
}

// --- The claim's state machine --------------------------------------------------------------------------------------

export type ClaimAction = 'approve' | 'refuse' | 'pay';

const MOVES: Record<ClaimAction, { from: SubsidyStatus; to: SubsidyStatus }> = {
  approve: { from: 'submitted', to: 'approved' },
  refuse: { from: 'submitted', to: 'refused' },
  pay: { from: 'approved', to: 'paid' },
};

/** The status after the action, or null when the claim may not move so (a paid claim never pays again). */
export function nextStatus(current: SubsidyStatus, action: ClaimAction): SubsidyStatus | null {
  const m = MOVES[action];
  return current === m.from ? m.to : null;
}

export function requiredStatus(action: ClaimAction): SubsidyStatus {
  return MOVES[action].from;
}

/** A payment may not exceed the approved amount. */
export function paymentRefusal(approved: number, paid: number): 'SUBSIDY.PAYMENT_EXCEEDS' | null {
  return paid > approved ? 'SUBSIDY.PAYMENT_EXCEEDS' : null;
}
