import { FILING_ACTIONS, FILING_STATUSES, type FilingAction, type FilingStatus } from '@skillcert/shared/api/filings';
import type { Role } from '@skillcert/shared/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/modules/access/policy.ts';
import { allowedActions, decideTransition, type FilingFacts } from '../src/modules/filings/filings.rules.ts';
import { profileForRegion } from '../src/modules/policies/policies.rules.ts';
import { client, makeSchool } from './helpers/api.ts';
import { draftFiling, PASSING_SHEET } from './helpers/filings.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * Issue 17 part 3 over HTTP: random sequences of filing actions by random users, each against a fresh school's filing.
 * The pure rules (shown equal to the declared machine in filings.property.test.ts) are the model: every answer is a
 * success exactly when the model allows the step, never a 5xx, a refusal leaves the stored status alone, and at the end
 * the stored status and the filing's history are the model's path, step for step.
 */

let t: TestApp;
const cookies = new Map<string, string>();
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

async function as(username: string) {
  let cookie = cookies.get(username);
  if (!cookie) {
    cookie = await t.login(username);
    cookies.set(username, cookie);
  }
  return client(t, cookie);
}

type ModelActor = Pick<Actor, 'role' | 'orgKind' | 'orgId' | 'regionCode'>;
const bureau = (role: Role, orgKind: 'hr_bureau' | 'edu_bureau' | 'platform', regionCode: string): ModelActor => ({
  role,
  orgKind,
  orgId: `org-${regionCode}`,
  regionCode,
});
/** The demo world's bureau users (and another province's, and the platform admin), as the rules see them. */
const BUREAUS: Record<string, ModelActor> = {
  sh_edu: bureau('edu', 'edu_bureau', '310000'),
  sh_hr: bureau('hr', 'hr_bureau', '310000'),
  pd_hr: bureau('hr', 'hr_bureau', '310115'),
  qz_hr: bureau('hr', 'hr_bureau', '350500'),
  qz_edu: bureau('edu', 'edu_bureau', '350500'),
  fj_hr: bureau('hr', 'hr_bureau', '350000'),
  admin: bureau('admin', 'platform', '000000'),
};
const WORLDS = [
  { name: 'Shanghai (R7)', region: '310112' },
  { name: 'Fujian (R8)', region: '350582' },
] as const;

const FAILING_SHEET = { ...PASSING_SHEET, scores: PASSING_SHEET.scores.map((s) => ({ ...s, score: 1 })) };

interface Step {
  guided: boolean;
  pick: number;
  action: FilingAction;
  user: string;
  reason: string | undefined;
  sheet: 'pass' | 'fail' | 'none';
}
const USERS = ['school', 'otherSchool', ...Object.keys(BUREAUS)];
const step: fc.Arbitrary<Step> = fc.record({
  guided: fc.nat({ max: 4 }).map((n) => n > 0),
  pick: fc.noBias(fc.nat({ max: 719 })),
  action: fc.constantFrom(...FILING_ACTIONS),
  user: fc.constantFrom(...USERS),
  reason: fc.oneof({ weight: 1, arbitrary: fc.constantFrom(undefined, '', '  ') }, { weight: 3, arbitrary: fc.constant('材料需补充') }),
  sheet: fc.constantFrom<Step['sheet']>('pass', 'pass', 'fail', 'none'),
});

describe('filing state machine over HTTP: stored status and history agree with the model', () => {
  it('random sequences by random users on fresh filings (Shanghai and Fujian)', async () => {
    let runs = 0;
    const reached = new Set<FilingStatus>();
    const free: { username: string; orgId: string }[][] = [[], []];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1 }), fc.array(step, { minLength: 3, maxLength: 10 }), async (world, steps) => {
        runs += 1;
        const w = WORLDS[world]!;
        const profile = profileForRegion(w.region);
        // a school whose last filing ended (rejected, revoked, expired) files again; otherwise a new school
        const school = free[world]!.pop() ?? (await makeSchool(t, { regionCode: w.region }));
        const id = await draftFiling(t, school.username, [{ occupationCode: '6-31-01-03', level: 4 }]);
        const actors: Record<string, { username: string; model: ModelActor }> = {
          school: { username: school.username, model: { role: 'school_admin', orgKind: 'school', orgId: school.orgId, regionCode: w.region } },
          otherSchool: { username: 'school_admin', model: { role: 'school_admin', orgKind: 'school', orgId: 'demo-school', regionCode: '310115' } },
          ...Object.fromEntries(Object.entries(BUREAUS).map(([u, m]) => [u, { username: u, model: m }])),
        };
        let facts: FilingFacts = { status: 'draft', type: 'initial', orgId: school.orgId, regionCode: w.region, assessmentPassed: false, validTo: null };
        const path: { action: FilingAction; from: FilingStatus; to: FilingStatus }[] = [];
        const today = new Date().toISOString().slice(0, 10);
        for (const s of steps) {
          let action = s.action;
          let user = s.user;
          if (s.guided) {
            const enabled = USERS.flatMap((u) => allowedActions(facts, actors[u]!.model, profile, today).map((a) => [a, u] as const));
            const chosen = enabled[s.pick % Math.max(enabled.length, 1)];
            if (chosen) [action, user] = chosen;
          }
          const body: Record<string, unknown> = { action };
          if (s.reason !== undefined) body.reason = s.reason;
          if (s.sheet !== 'none') body.assessment = s.sheet === 'pass' ? PASSING_SHEET : FAILING_SHEET;
          const verdict = decideTransition(action, facts, actors[user]!.model, profile, {
            reason: s.reason,
            hasAssessmentSheet: s.sheet !== 'none',
            today,
          });
          // a school submits through its own route (the transitions route is the reviewers')
          const call = await as(actors[user]!.username);
          const res = action === 'submit' ? await call('POST', `/api/filings/${id}/submit`, {}) : await call('POST', `/api/filings/${id}/transitions`, body);
          const where = `${w.name}: ${facts.status} --${action} by ${user}--> ${res.status} ${JSON.stringify(res.body?.error ?? res.body?.status)}`;
          expect(res.status, where).toBeLessThan(500);
          if (!verdict.ok) {
            expect(res.status, where).toBeGreaterThanOrEqual(400);
            continue;
          }
          expect(res.status, where).toBe(200);
          expect(res.body.status, where).toBe(verdict.to);
          path.push({ action, from: facts.status, to: verdict.to });
          facts = {
            ...facts,
            status: verdict.to,
            assessmentPassed: action === 'assess' ? s.sheet === 'pass' : facts.assessmentPassed,
            validTo: action === 'list' ? (res.body.validTo ?? '2099-12-31') : facts.validTo,
          };
          reached.add(verdict.to);
        }
        // what is stored is the model's state and the model's path, seen by the school
        const stored = await (await as(school.username))('GET', `/api/filings/${id}`);
        expect(stored.status).toBe(200);
        expect(FILING_STATUSES).toContain(stored.body.status);
        expect(stored.body.status).toBe(facts.status);
        const events = (stored.body.events as { action: string; fromStatus: FilingStatus | null; toStatus: FilingStatus }[]).filter(
          (e) => e.action !== 'create',
        );
        expect(events.map((e) => ({ action: e.action, from: e.fromStatus, to: e.toStatus }))).toEqual(path);
        if (['rejected', 'revoked', 'expired'].includes(facts.status)) free[world]!.push(school);
      }),
      { numRuns: 20, endOnFailure: true },
    );
    expect(runs).toBe(20);
    // the walks went beyond the first step: a review decision and a listing were reached
    expect([...reached]).toEqual(expect.arrayContaining(['submitted', 'tech_assessment']));
  }, 120_000);
});
