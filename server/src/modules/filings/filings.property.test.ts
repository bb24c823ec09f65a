import { FILING_ACTIONS, FILING_STATUSES, type FilingAction, type FilingStatus, type FilingType } from '@skillcert/shared/api/filings';
import type { PolicyProfile } from '@skillcert/shared/api/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findProfile } from '../policies/policies.rules.ts';
import { allowedActions, decideTransition, type FilingFacts } from './filings.rules.ts';

/**
 * The filing state machine never reaches an illegal state (issue 17 part 3). The declared machine is written out here
 * by hand from DOMAIN.md §2.1, R7 and R8 — independently of `TRANSITIONS` — and random sequences of actions by random
 * actors are played against `decideTransition`: every verdict agrees with the declared machine, every state reached is
 * declared, a refused action changes nothing, terminal states stay terminal.
 */

type ActorName = 'school' | 'otherSchool' | 'shEdu' | 'shHr' | 'districtHr' | 'districtEdu' | 'cityHr' | 'provinceHr' | 'cityEdu' | 'foreignHr' | 'admin';
interface NamedActor {
  role: 'admin' | 'hr' | 'edu' | 'school_admin' | 'school_staff' | 'supervisor';
  orgKind: 'platform' | 'hr_bureau' | 'edu_bureau' | 'school';
  orgId: string;
  regionCode: string;
}

interface Edge {
  from: FilingStatus;
  action: FilingAction;
  to: FilingStatus;
  by: readonly ActorName[];
  /** Only for initial filings (a listing's sanctions); expansions end at listed. */
  initialOnly?: boolean;
}

interface Machine {
  name: string;
  profile: PolicyProfile;
  schoolRegion: string;
  actors: Partial<Record<ActorName, NamedActor>>;
  edges: readonly Edge[];
}

const TERMINAL: readonly FilingStatus[] = ['rejected', 'revoked', 'expired'];
const NEEDS_REASON: readonly FilingAction[] = ['return', 'reject', 'suspend', 'reinstate', 'revoke'];

const sanctionEdges = (by: readonly ActorName[]): Edge[] => [
  { from: 'listed', action: 'suspend', to: 'suspended', by, initialOnly: true },
  { from: 'suspended', action: 'reinstate', to: 'listed', by, initialOnly: true },
  { from: 'listed', action: 'revoke', to: 'revoked', by, initialOnly: true },
  { from: 'suspended', action: 'revoke', to: 'revoked', by, initialOnly: true },
  { from: 'listed', action: 'expire', to: 'expired', by, initialOnly: true },
  { from: 'suspended', action: 'expire', to: 'expired', by, initialOnly: true },
];

// R7 Shanghai: 市教委 receives and reviews; HR and edu assess together; the municipal HR bureau reports and lists.
const shanghai: Machine = {
  name: 'R7 shanghai',
  profile: findProfile('shanghai-2022')!,
  schoolRegion: '310115',
  actors: {
    school: { role: 'school_admin', orgKind: 'school', orgId: 'school-1', regionCode: '310115' },
    otherSchool: { role: 'school_admin', orgKind: 'school', orgId: 'school-2', regionCode: '310115' },
    shEdu: { role: 'edu', orgKind: 'edu_bureau', orgId: 'sh-edu', regionCode: '310000' },
    shHr: { role: 'hr', orgKind: 'hr_bureau', orgId: 'sh-hr', regionCode: '310000' },
    districtHr: { role: 'hr', orgKind: 'hr_bureau', orgId: 'pd-hr', regionCode: '310115' },
    districtEdu: { role: 'edu', orgKind: 'edu_bureau', orgId: 'pd-edu', regionCode: '310115' },
    foreignHr: { role: 'hr', orgKind: 'hr_bureau', orgId: 'fj-hr', regionCode: '350000' },
    admin: { role: 'admin', orgKind: 'platform', orgId: 'platform', regionCode: '000000' },
  },
  edges: [
    { from: 'draft', action: 'submit', to: 'submitted', by: ['school'] },
    { from: 'returned', action: 'submit', to: 'submitted', by: ['school'] },
    { from: 'submitted', action: 'approve', to: 'edu_reviewed', by: ['shEdu'] },
    { from: 'submitted', action: 'return', to: 'returned', by: ['shEdu'] },
    { from: 'submitted', action: 'reject', to: 'rejected', by: ['shEdu'] },
    { from: 'edu_reviewed', action: 'start_assessment', to: 'tech_assessment', by: ['shHr', 'shEdu'] },
    { from: 'edu_reviewed', action: 'return', to: 'returned', by: ['shHr', 'shEdu'] },
    { from: 'edu_reviewed', action: 'reject', to: 'rejected', by: ['shHr', 'shEdu'] },
    { from: 'tech_assessment', action: 'assess', to: 'tech_assessment', by: ['shHr', 'shEdu'] },
    { from: 'tech_assessment', action: 'report', to: 'reported', by: ['shHr'] },
    { from: 'tech_assessment', action: 'return', to: 'returned', by: ['shHr', 'shEdu'] },
    { from: 'tech_assessment', action: 'reject', to: 'rejected', by: ['shHr', 'shEdu'] },
    { from: 'reported', action: 'list', to: 'listed', by: ['shHr'] },
    { from: 'reported', action: 'reject', to: 'rejected', by: ['shHr'] },
    // the sanctioning HR bureau: the school's province or city (a Shanghai district is neither)
    ...sanctionEdges(['shHr']),
  ],
};

// R8 Fujian: a county school files with its city HR bureau (泉州), no education review; the province lists.
const fujian: Machine = {
  name: 'R8 fujian',
  profile: findProfile('fujian-2024')!,
  schoolRegion: '350582',
  actors: {
    school: { role: 'school_staff', orgKind: 'school', orgId: 'school-1', regionCode: '350582' },
    otherSchool: { role: 'school_admin', orgKind: 'school', orgId: 'school-3', regionCode: '350582' },
    cityHr: { role: 'hr', orgKind: 'hr_bureau', orgId: 'qz-hr', regionCode: '350500' },
    provinceHr: { role: 'hr', orgKind: 'hr_bureau', orgId: 'fj-hr', regionCode: '350000' },
    districtHr: { role: 'hr', orgKind: 'hr_bureau', orgId: 'county-hr', regionCode: '350582' },
    cityEdu: { role: 'edu', orgKind: 'edu_bureau', orgId: 'qz-edu', regionCode: '350500' },
    foreignHr: { role: 'hr', orgKind: 'hr_bureau', orgId: 'sh-hr', regionCode: '310000' },
    admin: { role: 'admin', orgKind: 'platform', orgId: 'platform', regionCode: '000000' },
  },
  edges: [
    { from: 'draft', action: 'submit', to: 'submitted', by: ['school'] },
    { from: 'returned', action: 'submit', to: 'submitted', by: ['school'] },
    { from: 'submitted', action: 'approve', to: 'tech_assessment', by: ['cityHr'] },
    { from: 'submitted', action: 'return', to: 'returned', by: ['cityHr'] },
    { from: 'submitted', action: 'reject', to: 'rejected', by: ['cityHr'] },
    { from: 'tech_assessment', action: 'assess', to: 'tech_assessment', by: ['cityHr'] },
    { from: 'tech_assessment', action: 'report', to: 'reported', by: ['cityHr'] },
    { from: 'tech_assessment', action: 'return', to: 'returned', by: ['cityHr'] },
    { from: 'tech_assessment', action: 'reject', to: 'rejected', by: ['cityHr'] },
    { from: 'reported', action: 'list', to: 'listed', by: ['provinceHr'] },
    { from: 'reported', action: 'reject', to: 'rejected', by: ['provinceHr'] },
    ...sanctionEdges(['provinceHr', 'cityHr']),
  ],
};

interface Step {
  /** Follow the declared machine (an enabled edge, picked by `pick`) or try anything. */
  guided: boolean;
  pick: number;
  action: FilingAction;
  actor: ActorName;
  reason: string | undefined;
  hasSheet: boolean;
  /** The score sheet passes (for `assess`). */
  passes: boolean;
  /** Whether `today` is after the listing's last day (for `expire`). */
  pastValidity: boolean;
}

const ACTOR_NAMES: readonly ActorName[] = [
  'school',
  'otherSchool',
  'shEdu',
  'shHr',
  'districtHr',
  'districtEdu',
  'cityHr',
  'provinceHr',
  'cityEdu',
  'foreignHr',
  'admin',
];
const step: fc.Arbitrary<Step> = fc.record({
  guided: fc.nat({ max: 4 }).map((n) => n > 0),
  pick: fc.noBias(fc.nat({ max: 719 })),
  action: fc.constantFrom(...FILING_ACTIONS),
  actor: fc.constantFrom(...ACTOR_NAMES),
  reason: fc.oneof({ weight: 1, arbitrary: fc.constantFrom(undefined, '', '   ') }, { weight: 4, arbitrary: fc.constantFrom('材料不全', 'incomplete') }),
  hasSheet: fc.nat({ max: 3 }).map((n) => n > 0),
  passes: fc.nat({ max: 3 }).map((n) => n > 0),
  pastValidity: fc.boolean(),
});

const VALID_TO = '2030-06-30';

/** The declared verdict: where the action leads, or null when it must be refused. */
function declared(m: Machine, f: FilingFacts, action: FilingAction, actor: ActorName, s: Step): FilingStatus | null {
  const edge = m.edges.find((e) => e.from === f.status && e.action === action && (!e.initialOnly || f.type === 'initial'));
  if (!edge?.by.includes(actor)) return null;
  if (NEEDS_REASON.includes(action) && !s.reason?.trim()) return null;
  if (action === 'assess' && !s.hasSheet) return null;
  if (action === 'report' && !f.assessmentPassed) return null;
  if (action === 'expire' && !s.pastValidity) return null;
  return edge.to;
}

function playMachine(m: Machine, type: FilingType, start: FilingStatus, passed: boolean, steps: readonly Step[], seen: Set<string>): void {
  const listedOnce = ['listed', 'suspended', 'revoked', 'expired'].includes(start);
  let f: FilingFacts = { status: start, type, orgId: 'school-1', regionCode: m.schoolRegion, assessmentPassed: passed, validTo: listedOnce ? VALID_TO : null };
  const names = ACTOR_NAMES.filter((n) => m.actors[n]);
  for (const s of steps) {
    let action = s.action;
    let actorName: ActorName = m.actors[s.actor] ? s.actor : 'admin';
    if (s.guided) {
      const enabled = m.edges
        .filter((e) => e.from === f.status && (!e.initialOnly || type === 'initial'))
        .flatMap((e) => e.by.map((by) => [e.action, by] as const));
      const chosen = enabled[s.pick % Math.max(enabled.length, 1)];
      if (chosen) [action, actorName] = chosen;
    }
    const actor = m.actors[actorName]!;
    const today = s.pastValidity ? '2030-07-01' : '2030-06-30';
    const before = f;
    const verdict = decideTransition(action, f, actor, m.profile, { reason: s.reason, hasAssessmentSheet: s.hasSheet, today });
    const want = declared(m, f, action, actorName, s);
    // the verdict agrees with the declared machine
    expect(verdict.ok ? verdict.to : null, `${m.name} ${type}: ${f.status} --${action} by ${actorName}-->`).toBe(want);
    if (!verdict.ok) {
      // a refusal names a known reason and changes nothing
      expect(verdict.refusal.code).toMatch(/^FILING\./);
      expect(f).toBe(before);
      continue;
    }
    expect(FILING_STATUSES).toContain(verdict.to);
    seen.add(`${f.status}-${action}>${verdict.to}`);
    f = {
      ...f,
      status: verdict.to,
      assessmentPassed: action === 'assess' ? s.passes : action === 'submit' ? false : f.assessmentPassed,
      validTo: action === 'list' ? VALID_TO : f.validTo,
    };
    seen.add(f.status);
    // what the screen offers each actor is exactly what the declared machine enables
    for (const n of names) {
      const offered = allowedActions(f, m.actors[n]!, m.profile, today).sort();
      const enabled = FILING_ACTIONS.filter((a) => declared(m, f, a, n, { ...s, reason: 'x', hasSheet: true, pastValidity: today > VALID_TO }) !== null).sort();
      expect(offered, `${m.name}: ${f.status} offered to ${n}`).toEqual(enabled);
    }
    if (TERMINAL.includes(f.status)) {
      // terminal: nobody may do anything any more, whatever they say
      for (const n of names)
        for (const a of FILING_ACTIONS) {
          expect(decideTransition(a, f, m.actors[n]!, m.profile, { reason: 'x', hasAssessmentSheet: true, today: '2099-01-01' }).ok).toBe(false);
        }
    }
    // an expansion never enters the sanctions' states
    if (type === 'expansion') expect(['suspended', 'revoked', 'expired']).not.toContain(f.status);
  }
}

describe('filing state machine — random sequences by random actors (R7, R8)', () => {
  for (const m of [shanghai, fujian]) {
    it(`${m.name}: every verdict agrees with the declared machine; only declared states; refusals change nothing; terminal stays terminal`, () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(
          fc.constantFrom<FilingType>('initial', 'expansion'),
          // half the walks start at draft, the others at a state of the declared machine (deep states are rare on foot)
          fc.oneof(fc.constant<FilingStatus>('draft'), fc.constantFrom(...new Set(m.edges.map((e) => e.from)))),
          fc.boolean(),
          fc.array(step, { minLength: 1, maxLength: 30 }),
          (type, start, passed, steps) => {
            // an expansion is never listed-and-sanctioned: start it before the listing
            playMachine(m, type, type === 'expansion' && start === 'suspended' ? 'draft' : start, passed, steps, seen);
          },
        ),
        { numRuns: 1000 },
      );
      // the runs were not vacuous: every declared edge was taken
      for (const e of m.edges) expect(seen, `${m.name}: edge ${e.from} --${e.action}--> ${e.to} never taken`).toContain(`${e.from}-${e.action}>${e.to}`);
      const reachable = new Set(['draft', ...m.edges.map((e) => e.to)]);
      for (const st of FILING_STATUSES) if (!reachable.has(st)) expect(seen).not.toContain(st);
    });
  }
});
