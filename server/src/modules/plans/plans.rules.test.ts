import type { PolicyProfile } from '@skillcert/shared/api/policies';
import { describe, expect, it } from 'vitest';
import { fujian2024 } from '../policies/profiles/fujian-2024.ts';
import { national2024 } from '../policies/profiles/national.ts';
import { shanghai2022 } from '../policies/profiles/shanghai-2022.ts';
import {
  addDays,
  allowedPlanActions,
  checkBasis,
  checkCandidateSources,
  checkLeadTime,
  checkLevelCap,
  checkParts,
  checkRatios,
  checkScope,
  checkSitesAndStaff,
  decidePlanTransition,
  drawPool,
  type PlanActor,
  type PlanCheckFacts,
  type PlanFacts,
  planChecks,
  requiredExaminers,
  type SittingFact,
} from './plans.rules.ts';

const OCC = 'occ-1';
const inv = (n: number) => Array.from({ length: n }, (_, i) => ({ role: 'invigilator' as const, certificateNo: `K${i + 1}` }));
const exm = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ role: 'examiner' as const, certificateNo: `K${i + from}` }));
const sitting = (over: Partial<SittingFact> = {}): SittingFact => ({
  date: '2026-03-20',
  startTime: '09:00',
  endTime: '10:30',
  site: '实训楼',
  room: '301',
  capacity: 30,
  classes: [],
  staff: [],
  ...over,
});

function facts(over: Partial<PlanCheckFacts['plan']> = {}, rest: Partial<PlanCheckFacts> = {}): PlanCheckFacts {
  return {
    submittedOn: '2026-03-01',
    institution: { status: 'listed', validTo: '2030-12-31' },
    school: { schoolType: 'higher_vocational' },
    stage: { closedPlans: 0, socialTrainingOrg: false },
    scope: [{ occupationId: OCC, specialItemId: null, workType: null, level: 4, suspended: false }],
    sites: [{ name: '实训楼', capacity: 60 }],
    roster: Array.from({ length: 8 }, (_, i) => ({ certificateNo: `K${i + 1}`, name: `考评员${i + 1}`, occupationCode: '6-31-07-03', levels: [4, 3] })),
    plan: {
      occupationId: OCC,
      occupationCode: '6-31-07-03',
      hasNationalStandard: true,
      specialItemId: null,
      workType: null,
      level: 4,
      basis: 'national_standard',
      evalSpec: null,
      method: 'result',
      candidateSources: ['own_students'],
      courseExamReplacesTheory: false,
      courseExamMayReplaceTheory: null,
      capacity: 30,
      enrolled: null,
      parts: [
        { kind: 'theory', weight: null, sittings: [sitting({ staff: inv(2) })] },
        { kind: 'practical', weight: null, sittings: [sitting({ date: '2026-03-21', startTime: '13:00', endTime: '16:00', capacity: 15, staff: exm(3, 3) })] },
      ],
      conflicts: [],
      ...over,
    },
    ...rest,
  };
}
const failing = (checks: { pass: boolean; code: string; condition: string }[]) => checks.filter((c) => !c.pass).map((c) => c.condition);

describe('plan checks', () => {
  it('a complete plan passes every check', () => {
    expect(failing(planChecks(facts(), national2024))).toEqual([]);
  });

  it('scope: an occupation or level outside the listed scope is refused', () => {
    expect(failing(checkScope(facts({ level: 3 })))).toEqual(['in_listed_scope']);
    expect(failing(checkScope(facts({ occupationId: 'other' })))).toEqual(['in_listed_scope']);
  });

  it('scope: a suspended scope line is refused; so is an institution no longer listed', () => {
    const f = facts({}, { scope: [{ occupationId: OCC, specialItemId: null, workType: null, level: 4, suspended: true }] });
    expect(failing(checkScope(f))).toEqual(['scope_line_not_suspended']);
    expect(failing(checkScope(facts({}, { institution: { status: 'suspended', validTo: '2030-12-31' } })))).toEqual(['institution_listed']);
    expect(failing(checkScope(facts({}, { institution: { status: 'listed', validTo: '2026-02-01' } })))).toEqual(['institution_listed']);
  });

  it('scope: a line of a work type covers that 工种 only; a line without one covers the whole occupation', () => {
    const typed = { scope: [{ occupationId: OCC, specialItemId: null, workType: '维修电工', level: 4, suspended: false }] };
    expect(failing(checkScope(facts({ workType: '维修电工' }, typed)))).toEqual([]);
    expect(failing(checkScope(facts({ workType: null }, typed)))).toEqual(['in_listed_scope']);
    expect(failing(checkScope(facts({ workType: '维修电工' })))).toEqual([]);
  });

  it('R5: the national standard where published; else only a 评价规范 filed for this occupation and level', () => {
    expect(failing(checkBasis(facts({ basis: 'eval_spec' })))).toEqual(['national_standard_when_published']);
    const noStd = { hasNationalStandard: false };
    expect(failing(checkBasis(facts({ ...noStd, basis: 'national_standard' })))).toEqual(['national_standard_published']);
    expect(failing(checkBasis(facts({ ...noStd, basis: 'eval_spec', evalSpec: null })))).toEqual(['eval_spec_filed']);
    expect(
      failing(checkBasis(facts({ ...noStd, basis: 'eval_spec', evalSpec: { status: 'submitted', sameOrg: true, occupationId: OCC, levels: [4] } }))),
    ).toEqual(['eval_spec_filed']);
    expect(failing(checkBasis(facts({ ...noStd, basis: 'eval_spec', evalSpec: { status: 'filed', sameOrg: true, occupationId: OCC, levels: [3] } })))).toEqual([
      'eval_spec_filed',
    ]);
    expect(failing(checkBasis(facts({ ...noStd, basis: 'eval_spec', evalSpec: { status: 'filed', sameOrg: false, occupationId: OCC, levels: [4] } })))).toEqual(
      ['eval_spec_filed'],
    );
    expect(failing(checkBasis(facts({ ...noStd, basis: 'eval_spec', evalSpec: { status: 'filed', sameOrg: true, occupationId: OCC, levels: [4] } })))).toEqual(
      [],
    );
  });

  it('R2: own students always; other schools only after a closed plan of its own (Shanghai); society only as a 社会培训评价组织', () => {
    expect(checkCandidateSources(facts(), shanghai2022)).toEqual([]);
    expect(failing(checkCandidateSources(facts({ candidateSources: ['own_students', 'other_schools'] }), shanghai2022))).toEqual(['other_schools_allowed']);
    expect(
      failing(
        checkCandidateSources(
          facts({ candidateSources: ['own_students', 'other_schools'] }, { stage: { closedPlans: 1, socialTrainingOrg: false } }),
          shanghai2022,
        ),
      ),
    ).toEqual([]);
    expect(failing(checkCandidateSources(facts({ candidateSources: ['society'] }), fujian2024))).toEqual(['society_allowed']);
    expect(
      failing(checkCandidateSources(facts({ candidateSources: ['society'] }, { stage: { closedPlans: 0, socialTrainingOrg: true } }), fujian2024)),
    ).toEqual([]);
    const open: PolicyProfile = {
      ...national2024,
      candidateSources: { value: { otherSchools: 'allowed', society: 'allowed' }, default: true, source: 'test' },
    };
    expect(failing(checkCandidateSources(facts({ candidateSources: ['other_schools', 'society'] }), open))).toEqual([]);
  });

  it('R3: 中职 students not at 三级 (Fujian); nobody in school above 三级', () => {
    expect(failing(checkLevelCap(facts({ level: 3 }, { school: { schoolType: 'secondary_vocational' } }), fujian2024))).toEqual([
      'level_within_school_type_cap',
    ]);
    expect(failing(checkLevelCap(facts({ level: 4 }, { school: { schoolType: 'secondary_vocational' } }), fujian2024))).toEqual([]);
    expect(failing(checkLevelCap(facts({ level: 2 }), fujian2024))).toEqual(['level_within_school_type_cap']);
    // society candidates alone: the in-school cap does not bind
    expect(checkLevelCap(facts({ level: 2, candidateSources: ['society'] }), fujian2024)).toEqual([]);
  });

  it('R6: a course exam replaces theory only where the courses cover every theory area, and then no theory part', () => {
    const practicalOnly = facts().plan.parts.filter((p) => p.kind === 'practical');
    expect(failing(checkParts(facts({ courseExamReplacesTheory: true, courseExamMayReplaceTheory: false, parts: practicalOnly })))).toEqual([
      'courses_cover_every_theory_area',
    ]);
    expect(failing(checkParts(facts({ courseExamReplacesTheory: true, courseExamMayReplaceTheory: null, parts: practicalOnly })))).toEqual([
      'courses_cover_every_theory_area',
    ]);
    expect(failing(checkParts(facts({ courseExamReplacesTheory: true, courseExamMayReplaceTheory: true, parts: practicalOnly })))).toEqual([]);
    expect(failing(checkParts(facts({ courseExamReplacesTheory: true, courseExamMayReplaceTheory: true })))).toEqual(['no_theory_part_when_replaced']);
  });

  it('R6: a result assessment needs theory and practical; a process assessment weighted components summing to 100', () => {
    expect(failing(checkParts(facts({ parts: facts().plan.parts.slice(0, 1) })))).toEqual(['practical_part']);
    const proc = (w: number[]) => facts({ method: 'process', parts: w.map((weight) => ({ kind: 'process' as const, weight, sittings: [] })) });
    expect(failing(checkParts(proc([40, 60])))).toEqual([]);
    expect(failing(checkParts(proc([40, 50])))).toEqual(['process_weights_sum_100']);
    expect(failing(checkParts(facts({ method: 'process', parts: [] })))).toEqual(['process_components', 'process_weights_sum_100']);
  });

  it('综合评审 only at 二级/一级, and required there', () => {
    const review = { kind: 'review' as const, weight: null, sittings: [sitting({ staff: [] })] };
    expect(failing(checkParts(facts({ parts: [...facts().plan.parts, review] })))).toEqual(['review_only_at_technician_levels']);
    expect(failing(checkParts(facts({ level: 2 })))).toEqual(['review_required_at_technician_levels']);
    expect(failing(checkParts(facts({ level: 2, parts: [...facts().plan.parts, review] })))).toEqual([]);
  });

  it('lead time: the first sitting at least planLeadDays calendar days after submission', () => {
    const lead = national2024.planLeadDays.value;
    const first = addDays('2026-03-01', lead);
    const at = (date: string) => facts({ parts: [{ kind: 'theory', weight: null, sittings: [sitting({ date, staff: inv(2) })] }] });
    expect(failing(checkLeadTime(at(first), national2024))).toEqual([]);
    const late = checkLeadTime(at(addDays(first, -1)), national2024);
    expect(late[0]).toMatchObject({ rule: 'lead_time', pass: false, value: addDays(first, -1), required: first });
  });

  it('R9: a sitting at an undeclared site, or beyond its capacity, is refused', () => {
    const f = facts({ parts: [{ kind: 'theory', weight: null, sittings: [sitting({ site: '校外培训公司', staff: inv(2) })] }] });
    expect(failing(checkSitesAndStaff(f))).toEqual(['site_declared']);
    const big = facts({ parts: [{ kind: 'theory', weight: null, sittings: [sitting({ capacity: 61, staff: inv(5) })] }] });
    expect(failing(checkSitesAndStaff(big))).toEqual(['sitting_within_site_capacity']);
  });

  it('R9: staff only from the declared roster, each certified for this occupation and level and valid on the day', () => {
    const withStaff = (staff: SittingFact['staff'], roster?: PlanCheckFacts['roster']) =>
      facts({ parts: [{ kind: 'theory', weight: null, sittings: [sitting({ staff })] }] }, roster ? { roster } : {});
    expect(failing(checkSitesAndStaff(withStaff([...inv(1), { role: 'invigilator', certificateNo: 'OUTSIDER' }])))).toEqual(['staff_on_declared_roster']);
    const roster = [
      { certificateNo: 'K1', name: 'a', occupationCode: '6-31-07-03', levels: [3] },
      { certificateNo: 'K2', name: 'b', occupationCode: '6-31-01-03', levels: [4] },
      { certificateNo: 'K3', name: 'c', occupationCode: '6-31-07-03', levels: [4], validTo: '2026-03-01' },
      { certificateNo: 'K4', name: 'd', occupationCode: '6-31-07-03', levels: [4], validTo: '2026-12-31' },
    ];
    const staff = ['K1', 'K2', 'K3', 'K4'].map((certificateNo) => ({ role: 'invigilator' as const, certificateNo }));
    expect(
      checkSitesAndStaff(withStaff(staff, roster))
        .filter((c) => !c.pass)
        .map((c) => c.value),
    ).toEqual(['a K1', 'b K2', 'c K3']);
  });

  it('回避: an examiner who teaches a class of the group may not examine it', () => {
    const f = facts({
      conflicts: [{ certificateNo: 'K3', kind: 'teaches_class', value: '机电2201' }],
      parts: [{ kind: 'practical', weight: null, sittings: [sitting({ classes: ['机电2201'], staff: exm(3, 3) })] }],
    });
    expect(failing(checkSitesAndStaff(f))).toEqual(['examiner_not_conflicted']);
  });

  it('ratio: theory ≥ 1 invigilator per 15 candidates and ≥ 2 per room', () => {
    const theory = (capacity: number, n: number) =>
      facts({ capacity: 100, parts: [{ kind: 'theory', weight: null, sittings: [sitting({ capacity, staff: inv(n) })] }] });
    expect(failing(checkRatios(theory(10, 1), national2024))).toEqual(['theory_invigilators']);
    expect(failing(checkRatios(theory(10, 2), national2024))).toEqual([]);
    expect(failing(checkRatios(theory(46, 3), national2024))).toEqual(['theory_invigilators']);
    expect(failing(checkRatios(theory(46, 4), national2024))).toEqual([]);
    // the plan's capacity bounds the room's candidates until enrolment says otherwise
    const small = facts({ capacity: 20, parts: [{ kind: 'theory', weight: null, sittings: [sitting({ capacity: 60, staff: inv(2) })] }] });
    expect(failing(checkRatios(small, national2024))).toEqual([]);
  });

  it('ratio: practical ≥ 1 examiner per 5 candidates, ≥ 3 and an odd number', () => {
    const practical = (capacity: number, n: number) =>
      facts({ capacity: 100, parts: [{ kind: 'practical', weight: null, sittings: [sitting({ capacity, staff: exm(n) })] }] });
    expect(failing(checkRatios(practical(10, 2), national2024))).toEqual(['practical_examiners', 'practical_examiners_odd']);
    expect(failing(checkRatios(practical(10, 4), national2024))).toEqual(['practical_examiners_odd']);
    expect(failing(checkRatios(practical(10, 3), national2024))).toEqual([]);
    expect(failing(checkRatios(practical(21, 3), national2024))).toEqual(['practical_examiners']);
    expect(failing(checkRatios(practical(21, 5), national2024))).toEqual([]);
    expect(requiredExaminers(21, national2024)).toBe(5);
    expect(requiredExaminers(16, national2024)).toBe(5);
    expect(requiredExaminers(4, national2024)).toBe(3);
  });

  it('ratio: 综合评审 panel ≥ 3 and odd', () => {
    const panel = (n: number) =>
      facts({
        level: 2,
        parts: [
          {
            kind: 'review',
            weight: null,
            sittings: [sitting({ staff: Array.from({ length: n }, (_, i) => ({ role: 'panel' as const, certificateNo: `K${i + 1}` })) })],
          },
        ],
      });
    expect(failing(checkRatios(panel(2), national2024))).toEqual(['review_panel', 'review_panel_odd']);
    expect(failing(checkRatios(panel(1), national2024))).toEqual(['review_panel']);
    expect(failing(checkRatios(panel(4), national2024))).toEqual(['review_panel_odd']);
    expect(failing(checkRatios(panel(3), national2024))).toEqual([]);
  });

  it('the draw pool: certified roster members, minus those already on the sitting and those who must step aside', () => {
    const f = facts({
      conflicts: [
        { certificateNo: 'K2', kind: 'teaches_class', value: '机电2201' },
        { certificateNo: 'K3', kind: 'relative', value: '段誉' },
      ],
    });
    const roster = [...f.roster, { certificateNo: 'X9', name: 'x', occupationCode: '6-31-01-03', levels: [4] }];
    const { pool, excluded } = drawPool(roster, f.plan, { date: '2026-03-21', classes: ['机电2201'], candidateNames: ['段誉'], otherStaff: ['K1'] });
    expect(pool).toEqual(['K4', 'K5', 'K6', 'K7', 'K8']);
    expect(excluded).toEqual([
      { certificateNo: 'K1', reason: 'already_on_sitting' },
      { certificateNo: 'K2', reason: 'teaches_class' },
      { certificateNo: 'K3', reason: 'relative' },
      { certificateNo: 'X9', reason: 'not_certified' },
    ]);
  });
});

describe('plan state machine', () => {
  const school: PlanActor = { userId: 'u1', role: 'school_admin', orgId: 'school', orgKind: 'school', regionCode: '310115' };
  const shHr: PlanActor = { userId: 'u2', role: 'hr', orgId: 'sh-hr', orgKind: 'hr_bureau', regionCode: '310000' };
  const pdHr: PlanActor = { userId: 'u3', role: 'hr', orgId: 'pd-hr', orgKind: 'hr_bureau', regionCode: '310115' };
  const fjHr: PlanActor = { userId: 'u4', role: 'hr', orgId: 'fj-hr', orgKind: 'hr_bureau', regionCode: '350000' };
  const at = (status: PlanFacts['status'], over: Partial<PlanFacts> = {}): PlanFacts => ({
    status,
    orgId: 'school',
    regionCode: '310115',
    supervisorIds: [],
    pendingChange: false,
    ...over,
  });

  it('the school submits a draft or returned plan; the listing bureau (province HR) acknowledges or returns it', () => {
    expect(allowedPlanActions(at('draft'), school, shanghai2022)).toEqual(['submit', 'withdraw']);
    expect(allowedPlanActions(at('submitted'), shHr, shanghai2022)).toEqual(['acknowledge', 'return']);
    expect(allowedPlanActions(at('submitted'), pdHr, shanghai2022)).toEqual([]);
    expect(allowedPlanActions(at('submitted'), fjHr, shanghai2022)).toEqual([]);
    expect(decidePlanTransition('acknowledge', at('submitted'), school, shanghai2022)).toEqual({
      ok: false,
      refusal: { code: 'PLAN.NOT_YOUR_STEP', status: 403 },
    });
  });

  it('a return needs reasons', () => {
    expect(decidePlanTransition('return', at('submitted'), shHr, shanghai2022, { reason: ' ' })).toMatchObject({
      ok: false,
      refusal: { code: 'PLAN.REASON_REQUIRED' },
    });
    expect(decidePlanTransition('return', at('submitted'), shHr, shanghai2022, { reason: '考场安排不合理' })).toEqual({ ok: true, to: 'returned' });
  });

  it('逢考必督: an acknowledged plan cannot start without an external supervisor', () => {
    expect(decidePlanTransition('start', at('acknowledged'), school, shanghai2022)).toMatchObject({
      ok: false,
      refusal: { code: 'PLAN.SUPERVISOR_REQUIRED', rule: 'supervision' },
    });
    expect(decidePlanTransition('start', at('acknowledged', { supervisorIds: ['s1'] }), school, shanghai2022)).toEqual({ ok: true, to: 'in_progress' });
    expect(decidePlanTransition('start', at('acknowledged', { supervisorIds: ['s1'], pendingChange: true }), school, shanghai2022)).toMatchObject({
      ok: false,
      refusal: { code: 'PLAN.CHANGE_PENDING' },
    });
  });

  it('moves in order: in_progress → marking → publicity → closed; nothing out of order', () => {
    expect(decidePlanTransition('start_marking', at('in_progress'), school, shanghai2022)).toEqual({ ok: true, to: 'marking' });
    expect(decidePlanTransition('publish', at('marking'), school, shanghai2022)).toEqual({ ok: true, to: 'publicity' });
    expect(decidePlanTransition('close', at('publicity'), school, shanghai2022)).toEqual({ ok: true, to: 'closed' });
    expect(decidePlanTransition('close', at('marking'), school, shanghai2022)).toMatchObject({ ok: false, refusal: { code: 'PLAN.TRANSITION_OUT_OF_ORDER' } });
    expect(decidePlanTransition('submit', at('acknowledged'), school, shanghai2022)).toMatchObject({
      ok: false,
      refusal: { code: 'PLAN.TRANSITION_OUT_OF_ORDER' },
    });
    expect(decidePlanTransition('withdraw', at('in_progress'), school, shanghai2022, { reason: 'x' })).toMatchObject({ ok: false });
  });

  it('another school cannot move the plan', () => {
    expect(allowedPlanActions(at('draft'), { ...school, orgId: 'other' }, shanghai2022)).toEqual([]);
  });
});
