import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * 题库保密 on the demo school's bank (浦江: a reviewed bank with practical tasks and an A/B paper): answers, keys,
 * reference answers, explanations and rubrics only for the school's bank staff; exports need bank.manage; viewing a
 * paper's answers is audited.
 */
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

type Call = ReturnType<typeof client>;
const as = async (username: string): Promise<Call> => client(t, await t.login(username));
const OUTSIDERS = ['assessor', 'sh_supervisor', 'sh_hr', 'pd_hr', 'sh_edu'];

interface ItemView {
  id: string;
  type: string;
  answer: string[];
  referenceAnswer: string | null;
  analysis: string | null;
  rubric: unknown;
  answersHidden: boolean;
}

async function bank(call: Call, query = ''): Promise<ItemView[]> {
  const res = await call('GET', `/api/items?pageSize=200${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as ItemView[];
}

describe('bank confidentiality (题库保密)', () => {
  it('the school’s bank staff see answers and rubrics', async () => {
    for (const who of ['school_admin', 'school_staff']) {
      const items = await bank(await as(who));
      expect(items.length).toBeGreaterThan(50);
      expect(items.every((i) => !i.answersHidden)).toBe(true);
      expect(items.filter((i) => i.type === 'single').every((i) => i.answer.length === 1)).toBe(true);
    }
    const practical = await bank(await as('school_staff'), '&type=practical');
    expect(practical.length).toBeGreaterThan(0);
    expect(practical.every((i) => i.rubric)).toBe(true);
  });

  it('assessors, supervisors and bureaus see the items without answers, keys, reference answers, explanations or rubrics', async () => {
    const staffView = await bank(await as('school_admin'));
    const practicalId = (await bank(await as('school_admin'), '&type=practical'))[0]!.id;
    for (const who of OUTSIDERS) {
      const call = await as(who);
      const items = await bank(call);
      expect(items.length, who).toBe(staffView.length);
      for (const i of items) {
        expect(i, who).toMatchObject({ answersHidden: true, answer: [], referenceAnswer: null, analysis: null, rubric: null });
      }
      const one = await call('GET', `/api/items/${practicalId}`);
      expect(one.body).toMatchObject({ answersHidden: true, rubric: null, answer: [] });
      for (const v of one.body.versions) expect(v.content).toMatchObject({ answer: [], rubric: null, referenceAnswer: null, analysis: null });
    }
  });

  it("a paper comes without answers by default; its answers are for the school's bank staff only, and each view is audited", async () => {
    const admin = await as('school_admin');
    const paperId = (await admin('GET', '/api/papers?pageSize=50')).body.items.find((p: { part: string }) => p.part === 'theory').id as string;
    for (const who of ['school_admin', ...OUTSIDERS]) {
      const plain = await (await as(who))('GET', `/api/papers/${paperId}`);
      expect(plain.status, who).toBe(200);
      expect(plain.body.items.length).toBeGreaterThan(0);
      expect(
        plain.body.items.every((i: ItemView) => i.answersHidden && i.answer.length === 0),
        who,
      ).toBe(true);
    }
    for (const who of OUTSIDERS) {
      const res = await (await as(who))('GET', `/api/papers/${paperId}?answers=true`);
      expectError(res, 403, 'BANK.ANSWERS_CONFIDENTIAL');
    }
    const audit = await as('admin');
    const before = (await audit('GET', `/api/audit?action=paper.view_answers&targetId=${paperId}`)).body.total as number;
    const full = await admin('GET', `/api/papers/${paperId}?answers=true`);
    expect(full.status).toBe(200);
    expect(full.body.items.every((i: ItemView) => !i.answersHidden)).toBe(true);
    expect(full.body.items.some((i: ItemView) => i.answer.length > 0)).toBe(true);
    const after = await audit('GET', `/api/audit?action=paper.view_answers&targetId=${paperId}`);
    expect(after.body.total).toBe(before + 1);
    expect(after.body.items[0]).toMatchObject({ action: 'paper.view_answers', targetType: 'paper', targetId: paperId });
  });

  it('exports (Excel, QTI) carry answers and need bank.manage', async () => {
    const admin = await as('school_admin');
    const paperId = (await admin('GET', '/api/papers?pageSize=50')).body.items[0].id as string;
    const blueprintId = (await admin('GET', '/api/blueprints')).body[0].id as string;
    const urls = ['/api/items/export.xlsx', `/api/papers/${paperId}/qti.zip`, `/api/blueprints/${blueprintId}/qti.zip`];
    for (const who of [...OUTSIDERS, 'admin']) {
      const cookie = await t.login(who);
      for (const url of urls) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        expect(res.statusCode, `${who} ${url}`).toBe(403);
      }
    }
    const cookie = await t.login('school_admin');
    for (const url of urls) expect((await t.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode, url).toBe(200);
  });
});
