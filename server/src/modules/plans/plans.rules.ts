import type { FilingStepActor, PolicyProfile } from '@skillcert/shared/api/policies';
import type { CandidateSource, PartKind, PlanAction, PlanBasis, PlanCheck, PlanMethod, PlanStatus, StaffRole } from '@skillcert/shared/api/plans';
import type { OrgKind, Role, SchoolType, SkillLevel } from '@skillcert/shared/domain';
import { cityOf, isWithinRegion, provinceOf } from '@skillcert/shared/validators/region-code';

/**
 * 认定计划 as pure rules: the state machine (who moves a plan from where to where) and the checks a plan must pass
 * before it reaches HR — scope, R2, R3, R5, R6, lead time, R9 (declared sites and staff, no subcontracting),
 * staff ratios and 回避. The service gathers the facts; nothing here reads the database.
 */

// --- state machine -------------------------------------------------------------------------------

export interface PlanActor {
  userId: string;
  role: Role;
  orgId: string;
  orgKind: OrgKind;
  regionCode: string;
}

export interface PlanFacts {
  status: PlanStatus;
  orgId: string;
  /** The school's region. */
  regionCode: string;
  /** External supervisors assigned (逢考必督). */
  supervisorIds: readonly string[];
  /** A change request (变更) waits for HR. */
  pendingChange: boolean;
}

type Who = 'school' | 'hr';

interface Transition {
  from: readonly PlanStatus[];
  to: PlanStatus;
  who: Who;
  needsReason?: boolean;
}

export const PLAN_TRANSITIONS: Record<PlanAction, Transition> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', who: 'school' },
  acknowledge: { from: ['submitted'], to: 'acknowledged', who: 'hr' },
  return: { from: ['submitted'], to: 'returned', who: 'hr', needsReason: true },
  withdraw: { from: ['draft', 'submitted', 'returned', 'acknowledged'], to: 'withdrawn', who: 'school', needsReason: true },
  start: { from: ['acknowledged'], to: 'in_progress', who: 'school' },
  start_marking: { from: ['in_progress'], to: 'marking', who: 'school' },
  publish: { from: ['marking'], to: 'publicity', who: 'school' },
  close: { from: ['publicity'], to: 'closed', who: 'school' },
};

/**
 * The HR bureau that acknowledges a school's plans: the one that listed the institution (the profile's listing step),
 * or an HR bureau above it.
 */
export function isPlanBureau(actor: Pick<PlanActor, 'role' | 'orgKind' | 'regionCode'>, listStep: FilingStepActor, schoolRegion: string): boolean {
  if (actor.role !== 'hr' || actor.orgKind !== 'hr_bureau') return false;
  const listRegion = listStep.level === 'province' ? provinceOf(schoolRegion) : cityOf(schoolRegion);
  return isWithinRegion(actor.regionCode, listRegion);
}

export type PlanRefusal =
  | { code: 'PLAN.TRANSITION_OUT_OF_ORDER'; status: 409 }
  | { code: 'PLAN.NOT_YOUR_STEP'; status: 403 }
  | { code: 'PLAN.REASON_REQUIRED'; status: 400 }
  | { code: 'PLAN.SUPERVISOR_REQUIRED'; status: 422; rule: 'supervision' }
  | { code: 'PLAN.CHANGE_PENDING'; status: 409 };

export type PlanVerdict = { ok: true; to: PlanStatus } | { ok: false; refusal: PlanRefusal };

function mayAct(actor: PlanActor, who: Who, f: PlanFacts, profile: PolicyProfile): boolean {
  if (who === 'school') return actor.orgId === f.orgId && (actor.role === 'school_admin' || actor.role === 'school_staff');
  return isPlanBureau(actor, profile.filingPath.value.list, f.regionCode);
}

/** May `actor` take `action` on the plan now, and where does it lead? */
export function decidePlanTransition(
  action: PlanAction,
  f: PlanFacts,
  actor: PlanActor,
  profile: PolicyProfile,
  input: { reason?: string | undefined; supervisorIds?: readonly string[] | undefined } = {},
): PlanVerdict {
  const t = PLAN_TRANSITIONS[action];
  if (!t.from.includes(f.status)) return { ok: false, refusal: { code: 'PLAN.TRANSITION_OUT_OF_ORDER', status: 409 } };
  if (!mayAct(actor, t.who, f, profile)) return { ok: false, refusal: { code: 'PLAN.NOT_YOUR_STEP', status: 403 } };
  if (t.needsReason && !input.reason?.trim()) return { ok: false, refusal: { code: 'PLAN.REASON_REQUIRED', status: 400 } };
  // 逢考必督: no plan starts without an external quality supervisor.
  if (action === 'start' && f.supervisorIds.length === 0) return { ok: false, refusal: { code: 'PLAN.SUPERVISOR_REQUIRED', status: 422, rule: 'supervision' } };
  if (action === 'start' && f.pendingChange) return { ok: false, refusal: { code: 'PLAN.CHANGE_PENDING', status: 409 } };
  return { ok: true, to: t.to };
}

/** The actions open to this actor now (buttons in the UI, the to-do list). */
export function allowedPlanActions(f: PlanFacts, actor: PlanActor, profile: PolicyProfile): PlanAction[] {
  return (Object.keys(PLAN_TRANSITIONS) as PlanAction[]).filter((a) => decidePlanTransition(a, f, actor, profile, { reason: 'x' }).ok);
}

/** Drafts and returned plans are edited freely; after that only through a change request (变更). */
export const isEditable = (status: PlanStatus) => status === 'draft' || status === 'returned';
/** HR assigns supervisors while the plan is with it or acknowledged and not yet over. */
export const mayAssignSupervisors = (status: PlanStatus) => status === 'submitted' || status === 'acknowledged' || status === 'in_progress';
/** A change request (变更) is for an acknowledged plan that has not started. */
export const mayRequestChange = (status: PlanStatus) => status === 'acknowledged';

// --- dates ---------------------------------------------------------------------------------------

/** `day` + n calendar days (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Lead time (考前计划备案): the first sitting at least the profile's `planLeadDays` calendar days after the day the plan
 * reaches HR. Returns the earliest allowed first sitting.
 */
export function earliestFirstSitting(submittedOn: string, profile: PolicyProfile): string {
  return addDays(submittedOn, profile.planLeadDays.value);
}

// --- the checks before submission ----------------------------------------------------------------

export interface StaffFact {
  role: StaffRole;
  certificateNo: string;
}
export interface SittingFact {
  date: string;
  startTime: string;
  endTime: string;
  site: string;
  room: string;
  capacity: number;
  classes: readonly string[];
  staff: readonly StaffFact[];
}
export interface PartFact {
  kind: PartKind;
  weight: number | null;
  sittings: readonly SittingFact[];
}
export interface ScopeLineFact {
  occupationId: string | null;
  specialItemId: string | null;
  workType: string | null;
  level: number | null;
  suspended: boolean;
}
export interface RosterFact {
  certificateNo: string;
  name: string;
  occupationCode?: string | undefined;
  levels?: readonly number[] | undefined;
  specialItemId?: string | undefined;
  validTo?: string | undefined;
}
export interface SiteFact {
  name: string;
  capacity: number;
}
export interface ConflictFact {
  certificateNo: string;
  kind: 'teaches_class' | 'relative';
  value: string;
}

export interface PlanCheckFacts {
  /** The day the plan reaches HR (today, for a preview). */
  submittedOn: string;
  institution: { status: string; validTo: string };
  school: { schoolType: SchoolType | null };
  /** R2 stage: plans of its own the institution has closed; whether it was selected as a 社会培训评价组织. */
  stage: { closedPlans: number; socialTrainingOrg: boolean };
  scope: readonly ScopeLineFact[];
  sites: readonly SiteFact[];
  roster: readonly RosterFact[];
  plan: {
    occupationId: string | null;
    occupationCode: string | null;
    /** The occupation has a published national standard (R5). */
    hasNationalStandard: boolean;
    specialItemId: string | null;
    workType: string | null;
    level: SkillLevel | null;
    basis: PlanBasis;
    /** The named 评价规范 as stored (null when none is named or it does not exist). */
    evalSpec: { status: string; sameOrg: boolean; occupationId: string; levels: readonly number[] } | null;
    method: PlanMethod;
    candidateSources: readonly CandidateSource[];
    courseExamReplacesTheory: boolean;
    /** R6: the curriculum's verdict for the plan's blueprint (null: no blueprint). */
    courseExamMayReplaceTheory: boolean | null;
    capacity: number;
    /** Candidates enrolled so far (null before enrolment): ratios use it, else the capacity. */
    enrolled: number | null;
    parts: readonly PartFact[];
    conflicts: readonly ConflictFact[];
  };
}

const check = (rule: string, code: string, condition: string, pass: boolean, value: unknown, required: unknown, path?: string): PlanCheck => ({
  rule,
  code,
  condition,
  pass,
  value,
  required,
  ...(path === undefined ? {} : { path }),
});

/** Scope: the occupation (工种) and level, or the 专项 item, among the institution's listed lines, the line not suspended. */
export function checkScope(f: PlanCheckFacts): PlanCheck[] {
  const { plan, institution } = f;
  const listed = institution.status === 'listed' && f.submittedOn <= institution.validTo;
  const out = [check('scope', 'PLAN.INSTITUTION_NOT_LISTED', 'institution_listed', listed, institution.status, 'listed')];
  const line = f.scope.find((l) =>
    plan.specialItemId
      ? l.specialItemId === plan.specialItemId
      : l.occupationId === plan.occupationId && l.level === plan.level && (l.workType === null || l.workType === plan.workType),
  );
  const what = plan.specialItemId ?? `${plan.occupationCode ?? '?'}${plan.workType ? `/${plan.workType}` : ''} L${plan.level ?? '?'}`;
  out.push(check('scope', 'PLAN.OUT_OF_SCOPE', 'in_listed_scope', Boolean(line), what, 'a listed scope line'));
  if (line)
    out.push(check('scope', 'PLAN.SCOPE_SUSPENDED', 'scope_line_not_suspended', !line.suspended, line.suspended ? 'suspended' : 'in force', 'in force'));
  return out;
}

/** R5: the national standard where one is published, else a 评价规范 the school filed with HR for this occupation and level. */
export function checkBasis(f: PlanCheckFacts): PlanCheck[] {
  const { plan } = f;
  if (plan.specialItemId) return [];
  if (plan.hasNationalStandard) {
    return [check('R5', 'PLAN.STANDARD_PUBLISHED', 'national_standard_when_published', plan.basis === 'national_standard', plan.basis, 'national_standard')];
  }
  if (plan.basis === 'national_standard') return [check('R5', 'PLAN.NO_NATIONAL_STANDARD', 'national_standard_published', false, 'none', 'a filed 评价规范')];
  const s = plan.evalSpec;
  const filed = s !== null && s.sameOrg && s.status === 'filed' && s.occupationId === plan.occupationId && plan.level !== null && s.levels.includes(plan.level);
  return [check('R5', 'PLAN.SPEC_NOT_FILED', 'eval_spec_filed', filed, s?.status ?? 'none', 'filed')];
}

/** R2: own students always; other schools' students and society only where the profile and the institution's stage allow. */
export function checkCandidateSources(f: PlanCheckFacts, profile: PolicyProfile): PlanCheck[] {
  const { otherSchools, society } = profile.candidateSources.value;
  const out: PlanCheck[] = [];
  if (f.plan.candidateSources.includes('other_schools')) {
    const pass = otherSchools === 'allowed' || (otherSchools === 'after_first_plan' && f.stage.closedPlans > 0);
    out.push(check('R2', 'PLAN.CANDIDATE_SOURCE', 'other_schools_allowed', pass, `closed plans: ${f.stage.closedPlans}`, otherSchools));
  }
  if (f.plan.candidateSources.includes('society')) {
    const pass = society === 'allowed' || (society === 'social_org_only' && f.stage.socialTrainingOrg);
    out.push(check('R2', 'PLAN.CANDIDATE_SOURCE', 'society_allowed', pass, f.stage.socialTrainingOrg ? 'social_org' : 'school', society));
  }
  return out;
}

/** R3: students (own or other schools') only at the levels of the school type's cap and at most the in-school maximum. */
export function checkLevelCap(f: PlanCheckFacts, profile: PolicyProfile): PlanCheck[] {
  const { plan } = f;
  if (plan.level === null || !plan.candidateSources.some((s) => s === 'own_students' || s === 'other_schools')) return [];
  const caps = f.school.schoolType ? profile.levelCaps.value[f.school.schoolType] : [];
  const max = profile.inSchoolMaxLevel.value;
  return [
    check(
      'R3',
      'PLAN.LEVEL_CAP',
      'level_within_school_type_cap',
      caps.includes(plan.level) && plan.level >= max,
      plan.level,
      caps.filter((l) => l >= max),
    ),
  ];
}

/**
 * R6 and the parts: a result assessment has theory (unless a course exam replaces it — only where the courses cover every
 * theory area) and practical; a process assessment has weighted process components summing to 100; 综合评审 only at
 * 二级/一级, where it is required.
 */
export function checkParts(f: PlanCheckFacts): PlanCheck[] {
  const { plan } = f;
  const kinds = plan.parts.map((p) => p.kind);
  const out: PlanCheck[] = [];
  if (plan.courseExamReplacesTheory) {
    out.push(
      check(
        'R6',
        'PLAN.COURSE_EXAM_NOT_ALLOWED',
        'courses_cover_every_theory_area',
        plan.courseExamMayReplaceTheory === true,
        plan.courseExamMayReplaceTheory,
        true,
      ),
    );
  }
  if (plan.method === 'result') {
    const theoryOk = plan.courseExamReplacesTheory ? !kinds.includes('theory') : kinds.includes('theory');
    out.push(
      check(
        'R6',
        'PLAN.PARTS',
        plan.courseExamReplacesTheory ? 'no_theory_part_when_replaced' : 'theory_part',
        theoryOk,
        kinds,
        plan.courseExamReplacesTheory ? 'no theory' : 'theory',
      ),
    );
    out.push(check('R6', 'PLAN.PARTS', 'practical_part', kinds.includes('practical'), kinds, 'practical'));
    out.push(check('R6', 'PLAN.PARTS', 'no_process_in_result_method', !kinds.includes('process'), kinds, 'theory, practical, review'));
  } else {
    const weights = plan.parts.filter((p) => p.kind === 'process').map((p) => p.weight ?? 0);
    const sum = Math.round(weights.reduce((a, w) => a + w, 0) * 100) / 100;
    out.push(check('R6', 'PLAN.PARTS', 'process_components', weights.length > 0, weights.length, '≥ 1'));
    out.push(check('R6', 'PLAN.PROCESS_WEIGHTS', 'process_weights_sum_100', weights.length > 0 && sum === 100, sum, 100));
  }
  const technician = plan.level === 2 || plan.level === 1;
  out.push(
    check(
      'parts',
      'PLAN.REVIEW_PART',
      technician ? 'review_required_at_technician_levels' : 'review_only_at_technician_levels',
      technician === kinds.includes('review'),
      kinds,
      technician ? 'review' : 'no review',
    ),
  );
  plan.parts.forEach((p, i) => {
    if (p.kind !== 'process') out.push(check('parts', 'PLAN.NO_SITTING', 'part_has_sitting', p.sittings.length > 0, p.sittings.length, '≥ 1', `parts.${i}`));
    p.sittings.forEach((s, j) => {
      out.push(
        check(
          'parts',
          'PLAN.SITTING_TIME',
          'end_after_start',
          s.endTime > s.startTime,
          `${s.startTime}–${s.endTime}`,
          'end > start',
          `parts.${i}.sittings.${j}`,
        ),
      );
    });
  });
  return out;
}

/** Lead time: the first sitting no earlier than the submission day plus the profile's lead days (calendar days). */
export function checkLeadTime(f: PlanCheckFacts, profile: PolicyProfile): PlanCheck[] {
  const dates = f.plan.parts.flatMap((p) => p.sittings.map((s) => s.date)).sort();
  const first = dates[0];
  if (!first) return [];
  const earliest = earliestFirstSitting(f.submittedOn, profile);
  return [check('lead_time', 'PLAN.LEAD_TIME', 'first_sitting_after_lead_time', first >= earliest, first, earliest)];
}

/** Is this roster entry a valid 考评员 record for the plan's occupation and level (or 专项 item) on `lastDay`? */
export function rosterCovers(r: RosterFact, plan: Pick<PlanCheckFacts['plan'], 'occupationCode' | 'specialItemId' | 'level'>, lastDay: string): boolean {
  if (r.validTo && r.validTo < lastDay) return false;
  if (plan.specialItemId) return r.specialItemId === plan.specialItemId;
  return r.occupationCode === plan.occupationCode && plan.level !== null && (r.levels ?? []).includes(plan.level);
}

/**
 * R9, no subcontracting: every sitting at a site declared in the listing and within its capacity; every invigilator and
 * examiner from the declared roster with a valid 考评员 record for this occupation and level; nobody on a sitting whose
 * group they must step aside from (回避: a class they teach).
 */
export function checkSitesAndStaff(f: PlanCheckFacts): PlanCheck[] {
  const out: PlanCheck[] = [];
  const sites = new Map(f.sites.map((s) => [s.name, s]));
  const roster = new Map(f.roster.map((r) => [r.certificateNo, r]));
  const lastDay =
    f.plan.parts
      .flatMap((p) => p.sittings.map((s) => s.date))
      .sort()
      .at(-1) ?? f.submittedOn;
  const taught = new Map<string, Set<string>>();
  for (const c of f.plan.conflicts) if (c.kind === 'teaches_class') taught.set(c.certificateNo, (taught.get(c.certificateNo) ?? new Set()).add(c.value));
  f.plan.parts.forEach((p, i) =>
    p.sittings.forEach((s, j) => {
      const path = `parts.${i}.sittings.${j}`;
      const site = sites.get(s.site);
      out.push(check('R9', 'PLAN.SITE_UNDECLARED', 'site_declared', Boolean(site), s.site, [...sites.keys()], path));
      if (site) out.push(check('R9', 'PLAN.SITE_CAPACITY', 'sitting_within_site_capacity', s.capacity <= site.capacity, s.capacity, site.capacity, path));
      for (const m of s.staff) {
        const r = roster.get(m.certificateNo);
        out.push(check('R9', 'PLAN.STAFF_UNDECLARED', 'staff_on_declared_roster', Boolean(r), m.certificateNo, 'declared roster', path));
        if (r)
          out.push(
            check(
              'R9',
              'PLAN.STAFF_NOT_CERTIFIED',
              'staff_certified_for_occupation_and_level',
              rosterCovers(r, f.plan, lastDay),
              `${r.name} ${m.certificateNo}`,
              f.plan.specialItemId ?? `${f.plan.occupationCode} L${f.plan.level}`,
              path,
            ),
          );
        const classes = taught.get(m.certificateNo);
        if (m.role !== 'invigilator' && classes) {
          const clash = s.classes.filter((c) => classes.has(c));
          out.push(
            check(
              'R9',
              'PLAN.STAFF_CONFLICT',
              'examiner_not_conflicted',
              clash.length === 0,
              clash.length ? `${m.certificateNo}: ${clash.join('、')}` : m.certificateNo,
              'no class taught',
              path,
            ),
          );
        }
      }
    }),
  );
  return out;
}

/** Candidates a sitting holds for the ratios: its capacity, or fewer when the plan has fewer (enrolled, else capacity). */
const sittingCandidates = (s: SittingFact, plan: PlanCheckFacts['plan']) => Math.min(s.capacity, plan.enrolled ?? plan.capacity);

/** Examiners a practical sitting needs: 1 per N candidates, at least the minimum, rounded up to odd where required. */
export function requiredExaminers(candidates: number, profile: PolicyProfile): number {
  const r = profile.staffRatios.value;
  const n = Math.max(r.practicalMinExaminers, Math.ceil(candidates / r.practicalCandidatesPerExaminer));
  return r.practicalOddExaminers && n % 2 === 0 ? n + 1 : n;
}

/**
 * Ratios (exam practice, numbers from the profile): theory ≥ 1 invigilator per 15 candidates and ≥ 2 per room;
 * practical ≥ 1 examiner per 5, ≥ 3 and odd; 综合评审 panel ≥ 3 and odd.
 */
export function checkRatios(f: PlanCheckFacts, profile: PolicyProfile): PlanCheck[] {
  const r = profile.staffRatios.value;
  const out: PlanCheck[] = [];
  f.plan.parts.forEach((p, i) =>
    p.sittings.forEach((s, j) => {
      const path = `parts.${i}.sittings.${j}`;
      const n = sittingCandidates(s, f.plan);
      const count = (roles: readonly StaffRole[]) => s.staff.filter((m) => roles.includes(m.role)).length;
      if (p.kind === 'theory') {
        const need = Math.max(r.theoryMinInvigilatorsPerRoom, Math.ceil(n / r.theoryCandidatesPerInvigilator));
        out.push(check('ratio', 'PLAN.RATIO', 'theory_invigilators', count(['invigilator']) >= need, count(['invigilator']), need, path));
      } else if (p.kind === 'practical') {
        const got = count(['examiner', 'chief_examiner']);
        const need = Math.max(r.practicalMinExaminers, Math.ceil(n / r.practicalCandidatesPerExaminer));
        out.push(check('ratio', 'PLAN.RATIO', 'practical_examiners', got >= need, got, need, path));
        if (r.practicalOddExaminers) out.push(check('ratio', 'PLAN.RATIO', 'practical_examiners_odd', got % 2 === 1, got, 'odd', path));
      } else if (p.kind === 'review') {
        const got = count(['panel', 'chief_examiner']);
        out.push(check('ratio', 'PLAN.RATIO', 'review_panel', got >= r.reviewMinPanel, got, r.reviewMinPanel, path));
        if (r.reviewOddPanel) out.push(check('ratio', 'PLAN.RATIO', 'review_panel_odd', got % 2 === 1, got, 'odd', path));
      }
    }),
  );
  return out;
}

/** Every check, in the order a reviewer reads them. */
export function planChecks(f: PlanCheckFacts, profile: PolicyProfile): PlanCheck[] {
  return [
    ...checkScope(f),
    ...checkBasis(f),
    ...checkCandidateSources(f, profile),
    ...checkLevelCap(f, profile),
    ...checkParts(f),
    ...checkLeadTime(f, profile),
    ...checkSitesAndStaff(f),
    ...checkRatios(f, profile),
  ];
}

// --- the examiner draw pool ----------------------------------------------------------------------

/**
 * Who may be drawn as an examiner for a sitting: roster entries certified for the plan (R9), not already on the sitting
 * in another role, and not conflicted with its group (回避: a class they teach, a named relative among its candidates).
 */
export function drawPool(
  roster: readonly RosterFact[],
  plan: Pick<PlanCheckFacts['plan'], 'occupationCode' | 'specialItemId' | 'level' | 'conflicts'>,
  sitting: { date: string; classes: readonly string[]; candidateNames: readonly string[]; otherStaff: readonly string[] },
): { pool: string[]; excluded: { certificateNo: string; reason: string }[] } {
  const pool: string[] = [];
  const excluded: { certificateNo: string; reason: string }[] = [];
  for (const r of roster) {
    const conflicts = plan.conflicts.filter((c) => c.certificateNo === r.certificateNo);
    const reason = !rosterCovers(r, plan, sitting.date)
      ? 'not_certified'
      : sitting.otherStaff.includes(r.certificateNo)
        ? 'already_on_sitting'
        : conflicts.some((c) => c.kind === 'teaches_class' && sitting.classes.includes(c.value))
          ? 'teaches_class'
          : conflicts.some((c) => c.kind === 'relative' && sitting.candidateNames.includes(c.value))
            ? 'relative'
            : null;
    if (reason) excluded.push({ certificateNo: r.certificateNo, reason });
    else pool.push(r.certificateNo);
  }
  return { pool, excluded };
}
