import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutions } from '../src/db/schema.ts';
import { client, expectError } from './helpers/api.ts';
import { daysFromNow, makeListedInstitution } from './helpers/plans.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/** The 评价机构 list a bureau works from: text search (name, code), listing-day range, status, sorting (issue 9, item 6). */
let t: TestApp;
let hr: ReturnType<typeof client>;
let olderId: string;
beforeAll(async () => {
  t = await makeTestApp();
  hr = client(t, await t.login('sh_hr'));
  // A second Shanghai institution, listed through the real workflow, then dated as listed 400 days ago.
  olderId = (await makeListedInstitution(t)).institutionId;
  await t.db
    .update(institutions)
    .set({ validFrom: daysFromNow(-400) })
    .where(eq(institutions.id, olderId));
});
afterAll(async () => t.close());

interface Row {
  id: string;
  name: string;
  code: string;
  validFrom: string;
}
type Res = { body: { items: Row[]; total: number } };
const names = (res: Res) => res.body.items.map((i) => i.name);
const ids = (res: Res) => res.body.items.map((i) => i.id);

describe('institutions list: search, date range, sort', () => {
  it('a text search matches the name or the institution code', async () => {
    const all = await hr('GET', '/api/institutions');
    expect(all.body.total).toBe(2);
    const [first] = all.body.items as Row[];
    const byName = await hr('GET', `/api/institutions?q=${encodeURIComponent(first!.name.slice(2, 6))}`);
    expect(names(byName)).toContain(first!.name);
    expect(byName.body.total).toBeLessThan(2);
    const byCode = await hr('GET', `/api/institutions?q=${first!.code}`);
    expect(ids(byCode)).toContain(first!.id);
    expect((await hr('GET', `/api/institutions?q=${encodeURIComponent('没有这个机构')}`)).body.total).toBe(0);
  });

  it('a listing-day range: the one listed 400 days ago is in last year, the other today', async () => {
    expect(ids(await hr('GET', `/api/institutions?from=${daysFromNow(-401)}&to=${daysFromNow(-399)}`))).toEqual([olderId]);
    const recent = await hr('GET', `/api/institutions?from=${daysFromNow(-1)}`);
    expect(recent.body.total).toBe(1);
    expect(ids(recent)).not.toContain(olderId);
    expect((await hr('GET', `/api/institutions?to=${daysFromNow(-401)}`)).body.total).toBe(0);
  });

  it('sorting by listing day and by name goes both ways', async () => {
    expect(ids(await hr('GET', '/api/institutions?sort=validFrom'))[0]).toBe(olderId);
    expect(ids(await hr('GET', '/api/institutions?sort=-validFrom'))[1]).toBe(olderId);
    const up = names(await hr('GET', '/api/institutions?sort=name'));
    expect(up).toHaveLength(2);
    expect(names(await hr('GET', '/api/institutions?sort=-name'))).toEqual([...up].reverse());
    expect(names(await hr('GET', '/api/institutions?sort=validTo'))).toHaveLength(2);
  });

  it('a status filter', async () => {
    expect((await hr('GET', '/api/institutions?status=listed')).body.total).toBe(2);
    expect((await hr('GET', '/api/institutions?status=revoked')).body.total).toBe(0);
  });

  it('an unknown sort, an inverted or absurd range is a 400 naming the field', async () => {
    const bad = await hr('GET', '/api/institutions?sort=password');
    expectError(bad, 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(bad.body)).toContain('sort');
    const inverted = await hr('GET', '/api/institutions?from=2026-05-01&to=2026-04-01');
    expectError(inverted, 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(inverted.body)).toContain('to');
    expectError(await hr('GET', '/api/institutions?from=1066-10-14'), 400, 'VALIDATION.FAILED');
    expectError(await hr('GET', '/api/institutions?to=2026-02-30'), 400, 'VALIDATION.FAILED');
  });
});

describe('filings list shares the range check', () => {
  it('an inverted range is a 400', async () => {
    expectError(await hr('GET', '/api/filings?from=2026-05-01&to=2026-04-01'), 400, 'VALIDATION.FAILED');
  });
});
