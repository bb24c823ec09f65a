import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/** The filings list a bureau works from: text search, a date range on the last change, and sorting (issue 9, item 6). */
let t: TestApp;
let edu: ReturnType<typeof client>;
beforeAll(async () => {
  t = await makeTestApp();
  edu = client(t, await t.login('sh_edu'));
});
afterAll(async () => t.close());

const names = (res: { body: { items: { orgName: string }[] } }) => res.body.items.map((f) => f.orgName);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('filings list: search, date range, sort', () => {
  it('the demo world leaves 市教委 real work: an application waiting for its review', async () => {
    const todo = await edu('GET', '/api/filings?todo=true');
    expect(names(todo)).toContain('上海东海职业技术学院（演示）');
    const hr = client(t, await t.login('sh_hr'));
    expect(names(await hr('GET', '/api/filings?todo=true'))).toContain('上海杨浦职业技术学院（演示）');
    const school = client(t, await t.login('js_school_admin'));
    const mine = await school('GET', '/api/filings?status=returned');
    expect(mine.body.total).toBe(1);
  });

  it('a text search narrows by school name, also in the to-do list', async () => {
    expect(names(await edu('GET', `/api/filings?q=${encodeURIComponent('东海')}`))).toEqual(['上海东海职业技术学院（演示）']);
    // 金山 is back with its school (returned): in 市教委's list, not in its to-do.
    expect(names(await edu('GET', `/api/filings?q=${encodeURIComponent('金山')}`))).toEqual(['上海金山职业技术学院（演示）']);
    expect(names(await edu('GET', `/api/filings?todo=true&q=${encodeURIComponent('金山')}`))).toEqual([]);
  });

  it('a date range on the last change: today holds them all, tomorrow none', async () => {
    const all = await edu('GET', '/api/filings');
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    expect((await edu('GET', `/api/filings?from=${day(-1)}&to=${day(1)}`)).body.total).toBe(all.body.total);
    expect((await edu('GET', `/api/filings?from=${day(2)}`)).body.total).toBe(0);
    expect((await edu('GET', `/api/filings?to=${day(-2)}`)).body.total).toBe(0);
  });

  it('sorting by school name goes both ways', async () => {
    const up = names(await edu('GET', '/api/filings?sort=school'));
    const down = names(await edu('GET', '/api/filings?sort=-school'));
    expect(up.length).toBeGreaterThanOrEqual(4);
    expect(down).toEqual([...up].reverse());
  });

  it('an unknown sort or a malformed day is a 400 naming the field', async () => {
    const bad = await edu('GET', '/api/filings?sort=password');
    expectError(bad, 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(bad.body)).toContain('sort');
    expectError(await edu('GET', '/api/filings?from=2024-13-40'), 400, 'VALIDATION.FAILED');
  });
});
