import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, INITIAL_PASSWORD } from './helpers/api.ts';
import { type ListedInstitution, makeListedInstitution, planBody } from './helpers/plans.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/** Review: an attacker and a careless user against the plans, users and auth routes. */
type Call = ReturnType<typeof client>;
let t: TestApp;
let inst: ListedInstitution;
let school: Call;
let hr: Call;
let schoolCookie: string;
const as = async (u: string): Promise<Call> => client(t, await t.login(u));

beforeAll(async () => {
  t = await makeTestApp();
  inst = await makeListedInstitution(t);
  schoolCookie = await t.login(inst.schoolUser);
  school = client(t, schoolCookie);
  hr = await as(inst.hrUser);
}, 120_000);
afterAll(async () => t?.close());

async function draft(): Promise<string> {
  const res = await school('POST', '/api/plans', planBody());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
async function submitted(): Promise<string> {
  const id = await draft();
  expect((await school('POST', `/api/plans/${id}/submit`, {})).status).toBe(200);
  return id;
}
const supervisorId = async () =>
  ((await hr('GET', '/api/users?q=sh_supervisor')).body.items as { id: string; username: string }[]).find((u) => u.username === 'sh_supervisor')!.id;

describe('review: plans across organisations and regions', () => {
  it('another school, another province and an unassigned supervisor neither see nor move a plan', async () => {
    const id = await submitted();
    for (const who of ['lg_school_admin', 'qz_school_admin', 'fj_hr', 'qz_hr', 'sh_supervisor', 'assessor', 'candidate']) {
      const call = await as(who);
      const got = await call('GET', `/api/plans/${id}`);
      expect([403, 404], `${who} GET`).toContain(got.status);
      for (const [m, url, body] of [
        ['POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' }],
        ['POST', `/api/plans/${id}/transitions`, { action: 'withdraw' }],
        ['PUT', `/api/plans/${id}`, planBody()],
        ['GET', `/api/plans/${id}/checks`, undefined],
        ['GET', `/api/plans/${id}/draws`, undefined],
        ['GET', `/api/plans/${id}/supervisor-options`, undefined],
      ] as const) {
        const res = await call(m, url, body);
        expect([403, 404], `${who} ${m} ${url} ${JSON.stringify(res.body)}`).toContain(res.status);
      }
    }
    expect((await school('GET', `/api/plans/${id}`)).body.status).toBe('submitted');
  });

  it('a school does not acknowledge its own plan nor assign supervisors to it', async () => {
    const id = await submitted();
    expect([403]).toContain((await school('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' })).status);
    expect([403]).toContain((await school('POST', `/api/plans/${id}/supervisors`, { userIds: [await supervisorId()] })).status);
    expect((await school('GET', `/api/plans/${id}`)).body.status).toBe('submitted');
  });

  it('two acknowledgements at once: one wins, one history row', async () => {
    const id = await submitted();
    const [a, b] = await Promise.all([
      hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' }),
      hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const events = (await school('GET', `/api/plans/${id}`)).body.events as { action: string }[];
    expect(events.filter((e) => e.action === 'acknowledge')).toHaveLength(1);
  });

  it('no start without a supervisor, no change request on a draft, no direct edit of an acknowledged plan', async () => {
    const d = await draft();
    expect(
      (
        await school('POST', `/api/plans/${d}/changes`, {
          reason: '改期',
          sittings: [{ sittingId: (await school('GET', `/api/plans/${d}`)).body.parts[0].sittings[0].id, room: 'C302' }],
        })
      ).status,
    ).toBe(409);
    const id = await submitted();
    expect((await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' })).status).toBe(200);
    const start = await school('POST', `/api/plans/${id}/transitions`, { action: 'start' });
    expect([409, 422], JSON.stringify(start.body)).toContain(start.status);
    expect((await school('PUT', `/api/plans/${id}`, planBody())).status).toBe(409);
    expect((await school('GET', `/api/plans/${id}`)).body.status).toBe('acknowledged');
  });
});

describe('review: inputs that must not answer 500', () => {
  it('bad ids, dates, numbers, arrays and nesting are 400/404/422', async () => {
    const id = await draft();
    const bad: [string, string, unknown][] = [
      ['GET', '/api/plans/not-a-uuid', undefined],
      ['GET', `/api/plans/${id}/draws/not-a-uuid/replay`, undefined],
      ['GET', `/api/plans/${id}/draws/00000000-0000-0000-0000-000000000000/replay`, undefined],
      ['POST', `/api/plans/${id}/changes/xyz/decision`, { decision: 'acknowledge' }],
      ['POST', `/api/plans/${id}/sittings/xyz/draw`, {}],
      ['POST', `/api/plans/${id}/sittings/00000000-0000-0000-0000-000000000000/draw`, {}],
      ['GET', '/api/plans?page=1e400', undefined],
      ['GET', '/api/plans?pageSize=-1', undefined],
      ['GET', '/api/plans?page=99999999999', undefined],
      ['GET', '/api/plans?status=nope', undefined],
      ['POST', '/api/plans', { ...planBody(), capacity: 1e308 }],
      ['POST', '/api/plans', { ...planBody(), capacity: -5 }],
      [
        'POST',
        '/api/plans',
        (() => {
          const b = planBody();
          b.parts[0]!.sittings[0]!.date = '2026-02-30';
          return b;
        })(),
      ],
      [
        'POST',
        '/api/plans',
        (() => {
          const b = planBody();
          b.parts[0]!.sittings[0]!.capacity = -1;
          return b;
        })(),
      ],
      ['POST', '/api/plans', { ...planBody(), candidateSources: Array.from({ length: 10_000 }, () => 'own_students') }],
      ['POST', '/api/plans', { ...planBody(), conflicts: Array.from({ length: 10_000 }, () => ({ certificateNo: 'x', kind: 'relative', value: 'y' })) }],
      ['POST', `/api/plans/${id}/supervisors`, { userIds: Array.from({ length: 10_000 }, () => '00000000-0000-0000-0000-000000000000') }],
      ['GET', '/api/users/not-a-uuid', undefined],
      ['GET', '/api/users?page=1e400', undefined],
      ['GET', '/api/users?pageSize=100000', undefined],
      ['GET', '/api/users?orgId=nope', undefined],
      ['GET', '/api/organisations/not-a-uuid', undefined],
      ['GET', '/api/organisations?page=99999999999', undefined],
    ];
    const nested = await t.app.inject({
      method: 'POST',
      url: '/api/plans',
      payload: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
      headers: { cookie: schoolCookie, 'content-type': 'application/json' },
    });
    expect(nested.statusCode, nested.body.slice(0, 300)).toBe(400);
    const admin = await as('admin');
    for (const [m, url, body] of bad) {
      for (const call of [school, hr, admin]) {
        const res = await call(m as 'GET', url, body);
        expect(res.status, `${m} ${url} ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeLessThan(500);
        expect(res.status, `${m} ${url}`).toBeGreaterThanOrEqual(400);
      }
    }
  });
});

describe('review: login throttle', () => {
  it('X-Forwarded-For without TRUST_PROXY and case or width variants of the username share the same throttle', async () => {
    const variants = ['school_staff', 'SCHOOL_STAFF', 'School_Staff', 'ｓｃｈｏｏｌ_ｓｔａｆｆ', 'school_staff ', ' school_staff'];
    let i = 0;
    const statuses: number[] = [];
    for (let k = 0; k < 12; k++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: variants[k % variants.length], password: 'wrong-password-' + k },
        headers: { 'x-forwarded-for': `10.0.0.${i++}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 429).length, statuses.join(',')).toBeGreaterThan(0);
  });
});

describe('review: bank confidentiality in the audit log', () => {
  it('the audit log (read by the platform operator) keeps no answer, reference answer, explanation or rubric of an item', async () => {
    const staff = await as('school_admin');
    const items = (await staff('GET', '/api/items?pageSize=200')).body.items as {
      id: string;
      type: string;
      answer: string[];
      referenceAnswer: string | null;
      rubric: unknown;
      answersHidden: boolean;
    }[];
    const one = items.find((i) => i.type === 'single' && i.answer.length === 1)!;
    const full = (await staff('GET', `/api/items/${one.id}`)).body as Record<string, unknown> & { content?: Record<string, unknown> };
    const c = (full.content ?? full) as Record<string, unknown>;
    const body = {
      blueprintId: full.blueprintId,
      areaCode: c.areaCode,
      pointCode: c.pointCode,
      type: full.type,
      stem: `${String(c.stem)}（修订）`,
      options: c.options,
      answer: c.answer,
      referenceAnswer: '参考答案：先验电后接地',
      points: c.points,
      difficulty: c.difficulty,
      analysis: '解析：安全规程第三条',
    };
    const updated = await staff('PUT', `/api/items/${one.id}`, body);
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const admin = await as('admin');
    expect((await admin('GET', `/api/items/${one.id}`)).body.answersHidden).toBe(true);
    const log = await admin('GET', `/api/audit?action=item.update&targetId=${one.id}`);
    expect(log.status).toBe(200);
    expect(log.body.total).toBeGreaterThan(0);
    const text = JSON.stringify(log.body.items);
    expect(text).toContain('修订');
    expect(text).not.toContain('先验电后接地');
    expect(text).not.toContain('安全规程第三条');
    for (const e of log.body.items as { after: Record<string, unknown> }[]) expect(e.after.answer, text).toBeUndefined();
  });
});

describe('review: 逢考必督 with a supervisor who is no longer one', () => {
  it('a plan whose only supervisor was deactivated or given another role does not start', async () => {
    const sh = ((await hr('GET', '/api/users?q=sh_supervisor')).body.items as { username: string; orgId: string }[]).find(
      (u) => u.username === 'sh_supervisor',
    )!;
    for (const [n, change] of [
      [1, { active: false }],
      [2, { role: 'hr' }],
    ] as const) {
      const created = await hr('POST', '/api/users', {
        username: `rev_sup_${n}`,
        displayName: `复核督导${n}`,
        role: 'supervisor',
        orgId: sh.orgId,
        password: INITIAL_PASSWORD,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = await submitted();
      expect((await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge', supervisorIds: [created.body.id] })).status).toBe(200);
      expect((await hr('PATCH', `/api/users/${created.body.id}`, change)).status).toBe(200);
      const start = await school('POST', `/api/plans/${id}/transitions`, { action: 'start' });
      expect(start.status, JSON.stringify(start.body)).toBe(422);
      expect(start.body.error.code).toBe('PLAN.SUPERVISOR_REQUIRED');
      expect((await school('GET', `/api/plans/${id}`)).body.allowedActions).not.toContain('start');
    }
  });
});

describe('review: another school’s bank staff and the platform operator on a school’s papers', () => {
  it('papers, prints, candidate views, templates, QTI and item exports of the demo school are closed to them', async () => {
    const staff = await as('school_admin');
    const paperId = (await staff('GET', '/api/papers?pageSize=50')).body.items[0].id as string;
    const itemId = (await staff('GET', '/api/items?pageSize=1')).body.items[0].id as string;
    const blueprintId = (await staff('GET', '/api/blueprints')).body[0].id as string;
    const urls = [
      `/api/papers/${paperId}?answers=true`,
      `/api/papers/${paperId}/print.pdf?copy=key`,
      `/api/papers/${paperId}/print.docx?copy=key`,
      `/api/papers/${paperId}/candidate-view?candidateKey=abc`,
      `/api/papers/${paperId}/scores-template.xlsx`,
      `/api/papers/${paperId}/qti.zip`,
      `/api/blueprints/${blueprintId}/qti.zip`,
    ];
    for (const who of ['lg_school_admin', 'admin', 'assessor', 'sh_supervisor', 'sh_hr']) {
      const cookie = await t.login(who);
      for (const url of urls) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        expect([400, 403, 404], `${who} ${url} ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      }
      const item = await (await as(who))('GET', `/api/items/${itemId}`);
      if (item.status === 200) expect(item.body.answersHidden, who).toBe(true);
      else expect(item.status, who).toBe(404);
    }
  });
});

describe('review: a change request (变更) that says two things', () => {
  it('one sitting or one part named twice in a change request is refused with the field, nothing stored', async () => {
    const id = await submitted();
    expect((await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' })).status).toBe(200);
    const plan = (await school('GET', `/api/plans/${id}`)).body;
    const sittingId = plan.parts[0].sittings[0].id as string;
    const partId = plan.parts[0].id as string;
    for (const body of [
      {
        reason: '换考场',
        sittings: [
          { sittingId, room: 'C302' },
          { sittingId, room: 'C303' },
        ],
      },
      {
        reason: '换试卷',
        papers: [
          { partId, paperId: null },
          { partId, paperId: null },
        ],
      },
    ]) {
      const res = await school('POST', `/api/plans/${id}/changes`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toMatch(/body\.(sittings|papers)/);
    }
    expect((await school('GET', `/api/plans/${id}`)).body.changeRequests).toEqual([]);
  });
});

describe('review: a stolen session does not set its own password without the current one', () => {
  it('an account manager resetting their own password is refused; change-password (current password, throttled) is the way', async () => {
    for (const who of ['school_admin', 'sh_hr', 'admin']) {
      const call = await as(who);
      const me = await call('GET', '/api/auth/me');
      const id = (me.body.user?.id ?? me.body.id) as string;
      const res = await call('POST', `/api/users/${id}/reset-password`, { password: 'Quiet-Harbour-7312' });
      expect(res.status, `${who} ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.code).toBe('USER.SELF_RESET');
      expect((await call('GET', '/api/auth/me')).status, who).toBe(200);
    }
    const stillWorks = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'school_admin', password: 'Quiet-Harbour-7312' } });
    expect(stillWorks.statusCode).toBe(401);
  });
});

describe('review: a plan withdrawn with a change request pending', () => {
  it('the pending change request is withdrawn with the plan: nothing left for HR to decide', async () => {
    const id = await submitted();
    expect((await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' })).status).toBe(200);
    const sittingId = (await school('GET', `/api/plans/${id}`)).body.parts[0].sittings[0].id as string;
    const asked = await school('POST', `/api/plans/${id}/changes`, { reason: '换考场', sittings: [{ sittingId, room: 'C302' }] });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const changeId = asked.body.changeRequests[0].id as string;
    const withdrawn = await school('POST', `/api/plans/${id}/transitions`, { action: 'withdraw', reason: '计划取消' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.pendingChange).toBe(false);
    expect(withdrawn.body.changeRequests[0].status).toBe('withdrawn');
    expect((await hr('POST', `/api/plans/${id}/changes/${changeId}/decision`, { decision: 'acknowledge' })).status).toBe(409);
    expect((await school('GET', `/api/plans/${id}`)).body.parts[0].sittings[0].room).toBe('C301');
  });
});
