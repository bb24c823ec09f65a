import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError } from './helpers/api.ts';
import { daysFromNow, makeListedInstitution, planBody } from './helpers/plans.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/** The 认定计划 list HR works from: text search, first-sitting / submission day range, sorting, also in the to-do list (issue 9, item 6). */
let t: TestApp;
let hr: ReturnType<typeof client>;
const TAG = '列表排序核对';
/** Plan ids by first sitting 30, 60 and 90 days ahead; the 30- and 90-day ones are submitted. */
const ids: Record<30 | 60 | 90, string> = { 30: '', 60: '', 90: '' };
let schoolName = '';

beforeAll(async () => {
  t = await makeTestApp();
  const inst = await makeListedInstitution(t);
  const school = client(t, await t.login(inst.schoolUser));
  hr = client(t, await t.login(inst.hrUser));
  for (const days of [60, 30, 90] as const) {
    const res = await school('POST', '/api/plans', { ...planBody(days), title: `${TAG} 第${days}天` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[days] = res.body.id as string;
    schoolName = res.body.orgName as string;
    if (days !== 60) {
      const sent = await school('POST', `/api/plans/${ids[days]}/submit`, {});
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    }
  }
}, 120_000);
afterAll(async () => t?.close());

type Res = { body: { items: { id: string }[]; total: number } };
const list = async (query: string) => ((await hr('GET', `/api/plans?q=${encodeURIComponent(TAG)}&${query}`)) as Res).body.items.map((p) => p.id);

describe('plans list: search, date range, sort', () => {
  it('a text search matches the title, the school and the occupation', async () => {
    expect(await list('')).toHaveLength(3);
    const bySchool = await hr('GET', `/api/plans?q=${encodeURIComponent(schoolName)}`);
    expect(bySchool.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(Object.values(ids)));
    const byOccupation = await hr('GET', `/api/plans?q=${encodeURIComponent('工业机器人')}`);
    expect(byOccupation.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(Object.values(ids)));
    expect((await hr('GET', `/api/plans?q=${encodeURIComponent('没有这个计划')}`)).body.total).toBe(0);
  });

  it('a range on the first sitting day (default) or on the submission day', async () => {
    expect(await list(`from=${daysFromNow(55)}&to=${daysFromNow(65)}`)).toEqual([ids[60]]);
    expect(await list(`range=firstSitting&from=${daysFromNow(85)}`)).toEqual([ids[90]]);
    expect((await list(`range=submittedAt&from=${daysFromNow(-1)}&to=${daysFromNow(1)}`)).sort()).toEqual([ids[30], ids[90]].sort());
    expect(await list(`range=submittedAt&to=${daysFromNow(-2)}`)).toEqual([]);
  });

  it('sorting by first sitting goes both ways, and the to-do list keeps the order', async () => {
    expect(await list('sort=firstSitting')).toEqual([ids[30], ids[60], ids[90]]);
    expect(await list('sort=-firstSitting')).toEqual([ids[90], ids[60], ids[30]]);
    expect(await list('todo=true&sort=-firstSitting')).toEqual([ids[90], ids[30]]);
    expect(await list('todo=true&sort=firstSitting')).toEqual([ids[30], ids[90]]);
    const byTitle = await list('sort=title');
    expect(await list('sort=-title')).toEqual([...byTitle].reverse());
  });

  it('an unknown sort or range field, an inverted or absurd range is a 400 naming the field', async () => {
    const bad = await hr('GET', '/api/plans?sort=password');
    expectError(bad, 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(bad.body)).toContain('sort');
    expectError(await hr('GET', '/api/plans?range=createdAt'), 400, 'VALIDATION.FAILED');
    const inverted = await hr('GET', '/api/plans?from=2026-05-01&to=2026-04-01');
    expectError(inverted, 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(inverted.body)).toContain('to');
    expectError(await hr('GET', '/api/plans?to=9999-01-01'), 400, 'VALIDATION.FAILED');
  });
});
