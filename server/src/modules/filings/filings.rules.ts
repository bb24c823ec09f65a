import type { EligibilityCheck, FilingAction, FilingKind, FilingStatus, FilingType } from '@skillcert/shared/api/filings';
import type { FilingStepActor, PolicyProfile } from '@skillcert/shared/api/policies';
import type { SchoolType, SkillLevel } from '@skillcert/shared/domain';
import { cityOf, provinceOf } from '@skillcert/shared/validators/region-code';
import { type Actor, isHrOverRegion } from '../access/policy.ts';

/**
 * 备案 workflow as a pure state machine. Who acts at each step comes from the policy profile
 * (R7 Shanghai: 市教委 receives, HR + edu assess, HR reports to 人社部; R8 Fujian: the city HR bureau receives).
 */

export type StepActor = 'school' | 'sanctioning_hr' | readonly FilingStepActor[];

interface Transition {
  from: readonly FilingStatus[];
  to: (profile: PolicyProfile) => FilingStatus;
  actor: (profile: PolicyProfile, from: FilingStatus) => StepActor;
  types: readonly FilingType[];
  needsReason?: boolean;
}

const path = (p: PolicyProfile) => p.filingPath.value;
/** The bureau that acts on a filing sitting in `status` (used to return or reject it there). */
function reviewerAt(p: PolicyProfile, status: FilingStatus): readonly FilingStepActor[] {
  switch (status) {
    case 'submitted':
      return [path(p).eduReview ?? path(p).receive];
    case 'edu_reviewed':
      return path(p).techAssessment;
    case 'tech_assessment':
      return [...path(p).techAssessment, path(p).report];
    case 'reported':
      return [path(p).list];
    default:
      return [];
  }
}

const BOTH: readonly FilingType[] = ['initial', 'expansion'];

export const TRANSITIONS: Record<FilingAction, Transition> = {
  submit: { from: ['draft', 'returned'], to: () => 'submitted', actor: () => 'school', types: BOTH },
  // Shanghai: 市教委 reviews first; where the profile has no education review the receiving bureau accepts it into assessment.
  approve: { from: ['submitted'], to: (p) => (path(p).eduReview ? 'edu_reviewed' : 'tech_assessment'), actor: (p) => reviewerAt(p, 'submitted'), types: BOTH },
  start_assessment: { from: ['edu_reviewed'], to: () => 'tech_assessment', actor: (p) => path(p).techAssessment, types: BOTH },
  assess: { from: ['tech_assessment'], to: () => 'tech_assessment', actor: (p) => path(p).techAssessment, types: BOTH },
  report: { from: ['tech_assessment'], to: () => 'reported', actor: (p) => [path(p).report], types: BOTH },
  list: { from: ['reported'], to: () => 'listed', actor: (p) => [path(p).list], types: BOTH },
  return: { from: ['submitted', 'edu_reviewed', 'tech_assessment'], to: () => 'returned', actor: reviewerAt, types: BOTH, needsReason: true },
  reject: { from: ['submitted', 'edu_reviewed', 'tech_assessment', 'reported'], to: () => 'rejected', actor: reviewerAt, types: BOTH, needsReason: true },
  suspend: { from: ['listed'], to: () => 'suspended', actor: () => 'sanctioning_hr', types: ['initial'], needsReason: true },
  reinstate: { from: ['suspended'], to: () => 'listed', actor: () => 'sanctioning_hr', types: ['initial'], needsReason: true },
  revoke: { from: ['listed', 'suspended'], to: () => 'revoked', actor: () => 'sanctioning_hr', types: ['initial'], needsReason: true },
  expire: { from: ['listed', 'suspended'], to: () => 'expired', actor: () => 'sanctioning_hr', types: ['initial'] },
};

/** Does this bureau user act as the given step actor for a school in `schoolRegion`? */
export function isStepActor(actor: Pick<Actor, 'role' | 'orgKind' | 'regionCode'>, step: FilingStepActor, schoolRegion: string): boolean {
  const role = step.bureau === 'hr_bureau' ? 'hr' : 'edu';
  const region = step.level === 'province' ? provinceOf(schoolRegion) : cityOf(schoolRegion);
  return actor.role === role && actor.orgKind === step.bureau && actor.regionCode === region;
}

export interface FilingFacts {
  status: FilingStatus;
  type: FilingType;
  orgId: string;
  regionCode: string;
  /** The technical assessment on file passed. */
  assessmentPassed: boolean;
  /** Listing's last valid day (YYYY-MM-DD), for `expire`. */
  validTo: string | null;
}

export type TransitionRefusal =
  | { code: 'FILING.TRANSITION_OUT_OF_ORDER'; status: 409 }
  | { code: 'FILING.NOT_YOUR_STEP'; status: 403 }
  | { code: 'FILING.REASON_REQUIRED'; status: 400 }
  | { code: 'FILING.ASSESSMENT_REQUIRED'; status: 422 }
  | { code: 'FILING.ASSESSMENT_SHEET_REQUIRED'; status: 400 }
  | { code: 'FILING.NOT_EXPIRED'; status: 422 };

export type TransitionVerdict = { ok: true; to: FilingStatus } | { ok: false; refusal: TransitionRefusal };

function actorMayAct(actor: Pick<Actor, 'role' | 'orgKind' | 'orgId' | 'regionCode'>, who: StepActor, f: FilingFacts): boolean {
  if (who === 'school') return actor.orgId === f.orgId && (actor.role === 'school_admin' || actor.role === 'school_staff');
  if (who === 'sanctioning_hr') return isHrOverRegion(actor, f.regionCode);
  return who.some((s) => isStepActor(actor, s, f.regionCode));
}

/** May `actor` take `action` on the filing now, and where does it lead? */
export function decideTransition(
  action: FilingAction,
  f: FilingFacts,
  actor: Pick<Actor, 'role' | 'orgKind' | 'orgId' | 'regionCode'>,
  profile: PolicyProfile,
  input: { reason?: string | undefined; hasAssessmentSheet?: boolean; today?: string } = {},
): TransitionVerdict {
  const t = TRANSITIONS[action];
  if (!t.from.includes(f.status) || !t.types.includes(f.type)) return { ok: false, refusal: { code: 'FILING.TRANSITION_OUT_OF_ORDER', status: 409 } };
  if (!actorMayAct(actor, t.actor(profile, f.status), f)) return { ok: false, refusal: { code: 'FILING.NOT_YOUR_STEP', status: 403 } };
  if (t.needsReason && !input.reason?.trim()) return { ok: false, refusal: { code: 'FILING.REASON_REQUIRED', status: 400 } };
  if (action === 'assess' && !input.hasAssessmentSheet) return { ok: false, refusal: { code: 'FILING.ASSESSMENT_SHEET_REQUIRED', status: 400 } };
  if (action === 'report' && !f.assessmentPassed) return { ok: false, refusal: { code: 'FILING.ASSESSMENT_REQUIRED', status: 422 } };
  if (action === 'expire' && (!f.validTo || f.validTo >= (input.today ?? new Date().toISOString().slice(0, 10)))) {
    return { ok: false, refusal: { code: 'FILING.NOT_EXPIRED', status: 422 } };
  }
  return { ok: true, to: t.to(profile) };
}

/** The actions open to this actor now (the UI shows these buttons; the to-do list is built from them). */
export function allowedActions(
  f: FilingFacts,
  actor: Pick<Actor, 'role' | 'orgKind' | 'orgId' | 'regionCode'>,
  profile: PolicyProfile,
  today?: string,
): FilingAction[] {
  return (Object.keys(TRANSITIONS) as FilingAction[]).filter((a) => {
    const v = decideTransition(a, f, actor, profile, { reason: 'x', hasAssessmentSheet: true, ...(today ? { today } : {}) });
    return v.ok;
  });
}

// ---------------------------------------------------------------------------------------------
// Eligibility (R1, R3, R4)

export interface SchoolFacts {
  schoolType: SchoolType | null;
  runsThroughPrograms: boolean;
}

/** R1: who may apply (Shanghai: mainly 大专 and above; 中职 only with 贯通培养 majors). */
export function checkApplicant(school: SchoolFacts, profile: PolicyProfile): EligibilityCheck[] {
  const { schoolTypes, secondaryNeedsThroughPrograms } = profile.applicants.value;
  const checks: EligibilityCheck[] = [
    {
      rule: 'R1',
      condition: 'school_type_may_apply',
      value: school.schoolType,
      required: schoolTypes,
      pass: school.schoolType !== null && schoolTypes.includes(school.schoolType),
    },
  ];
  if (school.schoolType === 'secondary_vocational' && secondaryNeedsThroughPrograms) {
    checks.push({
      rule: 'R1',
      condition: 'secondary_runs_through_programs',
      value: school.runsThroughPrograms,
      required: true,
      pass: school.runsThroughPrograms,
    });
  }
  return checks;
}

export interface LineFacts {
  level: SkillLevel | null;
}

/**
 * R3: levels by school type (Fujian: 中职 五级/四级, 高职 四级/三级) and at most 三级 for in-school students.
 * An expansion may add 技师 and above (R4 decides whether it may); the school-type caps still bind 五级–三级.
 */
export function checkLevels(kind: FilingKind, type: FilingType, lines: readonly LineFacts[], school: SchoolFacts, profile: PolicyProfile): EligibilityCheck[] {
  if (kind !== 'skill_level') return [];
  const caps = school.schoolType ? profile.levelCaps.value[school.schoolType] : [];
  const max = profile.inSchoolMaxLevel.value;
  return lines.map((line, i) => {
    const level = line.level;
    const aboveInSchoolMax = level !== null && level < max;
    const pass = level !== null && (type === 'expansion' && aboveInSchoolMax ? true : caps.includes(level) && !aboveInSchoolMax);
    return { rule: 'R3', condition: 'level_within_school_type_cap', value: level, required: caps, pass, line: i };
  });
}

export interface InstitutionFacts {
  status: 'listed' | 'suspended' | 'revoked' | 'expired';
  validFrom: string;
  validTo: string;
  /** Violations recorded within the current filing period. */
  violations: number;
  evaluated: number;
}

/** R4: expansion only within the validity period, without violations, after the profile's evaluation volume. */
export function checkExpansion(inst: InstitutionFacts, profile: PolicyProfile, today: string): EligibilityCheck[] {
  const min = profile.expansionMinEvaluated.value;
  return [
    { rule: 'R4', condition: 'listed_and_in_good_standing', value: inst.status, required: 'listed', pass: inst.status === 'listed' },
    {
      rule: 'R4',
      condition: 'within_filing_period',
      value: today,
      required: `${inst.validFrom} – ${inst.validTo}`,
      pass: inst.validFrom <= today && today <= inst.validTo,
    },
    { rule: 'R4', condition: 'no_violation_record', value: inst.violations, required: 0, pass: inst.violations === 0 },
    { rule: 'R4', condition: 'minimum_evaluation_volume', value: inst.evaluated, required: min, pass: inst.evaluated >= min },
  ];
}

/** Parts an application must have before it is submitted — shared with the web's self-check. */
export { missingParts } from '@skillcert/shared/rules/filing-completeness';

/** A panel's score sheet: total normalised to 100, passed at the profile's mark. */
export function scoreAssessment(
  scores: readonly { maxScore: number; score: number }[],
  profile: PolicyProfile,
): { total: number; passed: boolean } | { error: 'score_above_max' } {
  if (scores.some((s) => s.score > s.maxScore)) return { error: 'score_above_max' };
  const max = scores.reduce((a, s) => a + s.maxScore, 0);
  const got = scores.reduce((a, s) => a + s.score, 0);
  const total = max === 0 ? 0 : Math.round((got / max) * 1000) / 10;
  return { total, passed: total >= profile.techAssessmentPassScore.value };
}

/** Certificate numbers' positions 1–13: type S, institution code, province, provincial serial. */
export function certificatePrefix(institutionCode: string, province: string, provinceSerial: number): string {
  return `S${institutionCode}${province}${String(provinceSerial).padStart(6, '0')}`;
}

/** Last valid day of a listing made on `from`. */
export function validUntil(from: string, years: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
