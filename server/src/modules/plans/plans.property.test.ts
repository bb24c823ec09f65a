import { PLAN_ACTIONS, PLAN_STATUSES, type PlanAction, type PlanStatus } from '@skillcert/shared/api/plans';
import type { PolicyProfile } from '@skillcert/shared/api/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findProfile } from '../policies/policies.rules.ts';
import { allowedPlanActions, decidePlanTransition, isEditable, mayAssignSupervisors, mayRequestChange, type PlanActor, type PlanFacts } from './plans.rules.ts';

/**
 * The plan state machine never reaches an illegal state (issue 17 part 3): draft → submitted → acknowledged (approved)
 * → in_progress (running) → marking → publicity → closed, with returns, withdrawals, supervisor assignment and change
 * requests (变更). The declared machine is written out here by hand, independently of `PLAN_TRANSITIONS`; random
 * sequences of actions by random actors are played against the rules and every verdict must agree with it.
 */

type ActorName = 'school' | 'staff' | 'otherSchool' | 'listingHr' | 'lowerHr' | 'edu' | 'foreignHr' | 'supervisor' | 'admin';

interface Edge {
  from: PlanStatus;
  action: PlanAction;
  to: PlanStatus;
  by: 'school' | 'hr';
}

const EDGES: readonly Edge[] = [
  { from: 'draft', action: 'submit', to: 'submitted', by: 'school' },
  { from: 'returned', action: 'submit', to: 'submitted', by: 'school' },
  { from: 'submitted', action: 'acknowledge', to: 'acknowledged', by: 'hr' },
  { from: 'submitted', action: 'return', to: 'returned', by: 'hr' },
  { from: 'draft', action: 'withdraw', to: 'withdrawn', by: 'school' },
  { from: 'submitted', action: 'withdraw', to: 'withdrawn', by: 'school' },
  { from: 'returned', action: 'withdraw', to: 'withdrawn', by: 'school' },
  { from: 'acknowledged', action: 'withdraw', to: 'withdrawn', by: 'school' },
  { from: 'acknowledged', action: 'start', to: 'in_progress', by: 'school' },
  { from: 'in_progress', action: 'start_marking', to: 'marking', by: 'school' },
  { from: 'marking', action: 'publish', to: 'publicity', by: 'school' },
  { from: 'publicity', action: 'close', to: 'closed', by: 'school' },
];
const TERMINAL: readonly PlanStatus[] = ['closed', 'withdrawn'];
const NEEDS_REASON: readonly PlanAction[] = ['return', 'withdraw'];
/** Declared side steps: HR names supervisors while the plan is with it and not over; a change request only before the start. */
const SUPERVISORS_WHILE: readonly PlanStatus[] = ['submitted', 'acknowledged', 'in_progress'];
const CHANGE_WHILE: readonly PlanStatus[] = ['acknowledged'];
const EDITABLE_WHILE: readonly PlanStatus[] = ['draft', 'returned'];

interface Machine {
  name: string;
  profile: PolicyProfile;
  schoolRegion: string;
  actors: Record<ActorName, PlanActor>;
  /** Who acts for the school, and which HR bureau acknowledges (the listing step's bureau or one above it). */
  schoolActors: readonly ActorName[];
  hrActors: readonly ActorName[];
}

const a = (userId: string, role: PlanActor['role'], orgKind: PlanActor['orgKind'], orgId: string, regionCode: string): PlanActor => ({
  userId,
  role,
  orgKind,
  orgId,
  regionCode,
});

const machines: Machine[] = [
  {
    name: 'shanghai (listed by the municipal HR bureau)',
    profile: findProfile('shanghai-2022')!,
    schoolRegion: '310115',
    actors: {
      school: a('u1', 'school_admin', 'school', 'school-1', '310115'),
      staff: a('u2', 'school_staff', 'school', 'school-1', '310115'),
      otherSchool: a('u3', 'school_admin', 'school', 'school-2', '310115'),
      listingHr: a('u4', 'hr', 'hr_bureau', 'sh-hr', '310000'),
      lowerHr: a('u5', 'hr', 'hr_bureau', 'pd-hr', '310115'),
      edu: a('u6', 'edu', 'edu_bureau', 'sh-edu', '310000'),
      foreignHr: a('u7', 'hr', 'hr_bureau', 'fj-hr', '350000'),
      supervisor: a('u8', 'supervisor', 'hr_bureau', 'sh-hr', '310000'),
      admin: a('u9', 'admin', 'platform', 'platform', '000000'),
    },
    schoolActors: ['school', 'staff'],
    hrActors: ['listingHr'],
  },
  {
    name: 'fujian (listed by the provincial HR bureau)',
    profile: findProfile('fujian-2024')!,
    schoolRegion: '350582',
    actors: {
      school: a('u1', 'school_admin', 'school', 'school-1', '350582'),
      staff: a('u2', 'school_staff', 'school', 'school-1', '350582'),
      otherSchool: a('u3', 'school_staff', 'school', 'school-9', '350582'),
      listingHr: a('u4', 'hr', 'hr_bureau', 'fj-hr', '350000'),
      lowerHr: a('u5', 'hr', 'hr_bureau', 'qz-hr', '350500'),
      edu: a('u6', 'edu', 'edu_bureau', 'fj-edu', '350000'),
      foreignHr: a('u7', 'hr', 'hr_bureau', 'sh-hr', '310000'),
      supervisor: a('u8', 'supervisor', 'hr_bureau', 'fj-hr', '350000'),
      admin: a('u9', 'admin', 'platform', 'platform', '000000'),
    },
    schoolActors: ['school', 'staff'],
    hrActors: ['listingHr'],
  },
];

type SideStep = 'assign_supervisor' | 'request_change' | 'decide_change';
interface Step {
  guided: boolean;
  pick: number;
  move: PlanAction | SideStep;
  actor: ActorName;
  reason: string | undefined;
}
const ACTOR_NAMES: readonly ActorName[] = ['school', 'staff', 'otherSchool', 'listingHr', 'lowerHr', 'edu', 'foreignHr', 'supervisor', 'admin'];
const MOVES: readonly (PlanAction | SideStep)[] = [...PLAN_ACTIONS, 'assign_supervisor', 'request_change', 'decide_change'];
const step: fc.Arbitrary<Step> = fc.record({
  guided: fc.nat({ max: 4 }).map((n) => n > 0),
  pick: fc.noBias(fc.nat({ max: 719 })),
  move: fc.constantFrom(...MOVES),
  actor: fc.constantFrom(...ACTOR_NAMES),
  reason: fc.oneof({ weight: 1, arbitrary: fc.constantFrom(undefined, '', ' \t ') }, { weight: 4, arbitrary: fc.constantFrom('场地变更', 'site changed') }),
});

interface Model {
  status: PlanStatus;
  supervisors: number;
  pendingChange: boolean;
}

/** The declared verdict for a state-machine action: where it leads, or null when it must be refused. */
function declared(m: Machine, s: Model, action: PlanAction, actor: ActorName, reason: string | undefined): PlanStatus | null {
  const edge = EDGES.find((e) => e.from === s.status && e.action === action);
  if (!edge) return null;
  if (!(edge.by === 'school' ? m.schoolActors : m.hrActors).includes(actor)) return null;
  if (NEEDS_REASON.includes(action) && !reason?.trim()) return null;
  // 逢考必督, and no start while a change request waits
  if (action === 'start' && (s.supervisors === 0 || s.pendingChange)) return null;
  return edge.to;
}

function play(m: Machine, start: Model, steps: readonly Step[], seen: Set<string>): void {
  let s = start;
  const facts = (x: Model): PlanFacts => ({
    status: x.status,
    orgId: 'school-1',
    regionCode: m.schoolRegion,
    supervisorIds: Array.from({ length: x.supervisors }, (_, i) => `sup-${i}`),
    pendingChange: x.pendingChange,
  });
  for (const st of steps) {
    let move = st.move;
    let actorName = st.actor;
    if (st.guided) {
      const enabled = [
        ...EDGES.filter((e) => e.from === s.status).flatMap((e) => (e.by === 'school' ? m.schoolActors : m.hrActors).map((n) => [e.action, n] as const)),
        ...(SUPERVISORS_WHILE.includes(s.status) ? m.hrActors.map((n) => ['assign_supervisor', n] as const) : []),
        ...(CHANGE_WHILE.includes(s.status) && !s.pendingChange ? m.schoolActors.map((n) => ['request_change', n] as const) : []),
        ...(s.pendingChange ? m.hrActors.map((n) => ['decide_change', n] as const) : []),
      ];
      const chosen = enabled[st.pick % Math.max(enabled.length, 1)];
      if (chosen) [move, actorName] = chosen;
    }
    const actor = m.actors[actorName];
    const before = s;
    if (move === 'assign_supervisor' || move === 'request_change' || move === 'decide_change') {
      // the side steps' predicates agree with the declared windows
      expect(mayAssignSupervisors(s.status)).toBe(SUPERVISORS_WHILE.includes(s.status));
      expect(mayRequestChange(s.status)).toBe(CHANGE_WHILE.includes(s.status));
      if (move === 'assign_supervisor' && SUPERVISORS_WHILE.includes(s.status) && m.hrActors.includes(actorName)) s = { ...s, supervisors: s.supervisors + 1 };
      if (move === 'request_change' && mayRequestChange(s.status) && m.schoolActors.includes(actorName) && !s.pendingChange) s = { ...s, pendingChange: true };
      if (move === 'decide_change' && s.pendingChange && m.hrActors.includes(actorName)) s = { ...s, pendingChange: false };
      expect(s.status).toBe(before.status);
      continue;
    }
    const verdict = decidePlanTransition(move, facts(s), actor, m.profile, { reason: st.reason });
    const want = declared(m, s, move, actorName, st.reason);
    expect(verdict.ok ? verdict.to : null, `${m.name}: ${s.status} --${move} by ${actorName}-->`).toBe(want);
    if (!verdict.ok) {
      expect(verdict.refusal.code).toMatch(/^PLAN\./);
      expect(s).toBe(before);
      continue;
    }
    expect(PLAN_STATUSES).toContain(verdict.to);
    seen.add(`${s.status}-${move}>${verdict.to}`);
    s = { ...s, status: verdict.to };
    seen.add(s.status);
    expect(isEditable(s.status)).toBe(EDITABLE_WHILE.includes(s.status));
    // what each actor is offered is exactly what the declared machine enables
    for (const n of ACTOR_NAMES) {
      const offered = allowedPlanActions(facts(s), m.actors[n], m.profile).sort();
      const enabled = PLAN_ACTIONS.filter((x) => declared(m, s, x, n, 'x') !== null).sort();
      expect(offered, `${m.name}: ${s.status} offered to ${n}`).toEqual(enabled);
    }
    if (TERMINAL.includes(s.status)) {
      for (const n of ACTOR_NAMES)
        for (const x of PLAN_ACTIONS) expect(decidePlanTransition(x, facts(s), m.actors[n], m.profile, { reason: 'x' }).ok).toBe(false);
      expect(mayAssignSupervisors(s.status) || mayRequestChange(s.status) || isEditable(s.status)).toBe(false);
    }
  }
}

describe('plan state machine — random sequences by random actors', () => {
  for (const m of machines) {
    it(`${m.name}: every verdict agrees with the declared machine; only declared states; refusals change nothing; terminal stays terminal`, () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(
          fc.oneof(fc.constant<PlanStatus>('draft'), fc.constantFrom(...new Set(EDGES.map((e) => e.from)))),
          fc.nat({ max: 2 }),
          fc.boolean(),
          fc.array(step, { minLength: 1, maxLength: 30 }),
          (status, supervisors, pendingChange, steps) => {
            play(m, { status, supervisors, pendingChange: pendingChange && CHANGE_WHILE.includes(status) }, steps, seen);
          },
        ),
        { numRuns: 1000 },
      );
      for (const e of EDGES) expect(seen, `${m.name}: edge ${e.from} --${e.action}--> ${e.to} never taken`).toContain(`${e.from}-${e.action}>${e.to}`);
    });
  }
});
