import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalSpecs, specialItemProposals } from '../src/db/schema.ts';
import { client, expectError, makeSchool } from './helpers/api.ts';
import { upload } from './helpers/filings.ts';
import { daysFromNow } from './helpers/plans.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * The 评价规范 and 专项 proposal lists a bureau works from: text search, day range, status, sorting, paging
 * (issue 9, item 6).
 */
let t: TestApp;
const TAG = '列表核对规范';
const GEN_AI = '4-04-05-13'; // 生成式人工智能系统应用员: no national standard, so a school may file a 评价规范 (R5)
/** Spec ids: last changed 400 days ago, 10 days ago, today (the last one submitted to HR). */
const spec = { old: '', recent: '', today: '' };
/** Proposal ids: proposed 400 days ago (returned), 10 days ago, today. */
const prop = { old: '', recent: '', today: '' };
let fjSchoolName = '';

type Call = ReturnType<typeof client>;
type Res = { status: number; body: { items: { id: string; title?: string; name?: string }[]; total: number; page: number; pageSize: number } };
const ids = (res: Res) => res.body.items.map((r) => r.id);

beforeAll(async () => {
  t = await makeTestApp();
  const school = client(t, await t.login('school_admin'));
  const attachmentId = await upload(school, '评价规范.pdf');
  for (const k of ['recent', 'old', 'today'] as const) {
    const res = await school('POST', '/api/specs', {
      occupationCode: GEN_AI,
      levels: [4],
      title: `${TAG} ${k}`,
      attachmentId,
      theory: [{ area: '基础知识', weight: 100 }],
      skills: [{ area: '系统应用', weight: 100 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    spec[k] = res.body.id as string;
  }
  expect((await school('POST', `/api/specs/${spec.today}/submit`)).status).toBe(200);
  await t.db
    .update(evalSpecs)
    .set({ updatedAt: new Date(`${daysFromNow(-400)}T12:00:00`) })
    .where(eq(evalSpecs.id, spec.old));
  await t.db
    .update(evalSpecs)
    .set({ updatedAt: new Date(`${daysFromNow(-10)}T12:00:00`) })
    .where(eq(evalSpecs.id, spec.recent));

  const fj = await makeSchool(t, { regionCode: '350503', schoolType: 'secondary_vocational', majors: [['750106', '茶艺与茶营销']] });
  const fjSchool = client(t, await t.login(fj.username));
  fjSchoolName = (await fjSchool('GET', '/api/auth/me')).body.organisation.name as string;
  for (const k of ['today', 'old', 'recent'] as const) {
    const res = await fjSchool('POST', '/api/special-item-proposals', {
      name: `${TAG} 茶叶制作 ${k}`,
      majorCode: '750106',
      standard: '依据专项职业能力考核规范编写规范，包含能力要求与考核要点',
      outline: '考核内容：鲜叶处理、摇青、炒青、揉捻、烘焙；实操考核为主',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    prop[k] = res.body.id as string;
  }
  const fjHr = client(t, await t.login('fj_hr'));
  expect((await fjHr('POST', `/api/special-item-proposals/${prop.old}/decision`, { decision: 'return', note: '请补充考核要点' })).status).toBe(200);
  await t.db
    .update(specialItemProposals)
    .set({ createdAt: new Date(`${daysFromNow(-400)}T12:00:00`) })
    .where(eq(specialItemProposals.id, prop.old));
  await t.db
    .update(specialItemProposals)
    .set({ createdAt: new Date(`${daysFromNow(-10)}T12:00:00`) })
    .where(eq(specialItemProposals.id, prop.recent));
}, 120_000);
afterAll(async () => t?.close());

describe('评价规范 list: search, date range, status, sort, paging', () => {
  let hr: Call;
  const list = async (query: string) => (await hr('GET', `/api/specs?q=${encodeURIComponent(TAG)}&${query}`)) as Res;
  beforeAll(async () => {
    hr = client(t, await t.login('sh_hr'));
  });

  it('a text search matches the title, the school and the occupation; another province sees none', async () => {
    expect((await list('')).body.total).toBe(3);
    const byOccupation = (await hr('GET', `/api/specs?q=${GEN_AI}&pageSize=200`)) as Res;
    expect(ids(byOccupation)).toEqual(expect.arrayContaining(Object.values(spec)));
    const schoolName = (await client(t, await t.login('school_admin'))('GET', '/api/auth/me')).body.organisation.name as string;
    expect(ids((await hr('GET', `/api/specs?q=${encodeURIComponent(schoolName)}&pageSize=200`)) as Res)).toEqual(expect.arrayContaining(Object.values(spec)));
    expect((await hr('GET', `/api/specs?q=${encodeURIComponent('没有这个规范')}`)).body.total).toBe(0);
    expect((await client(t, await t.login('fj_hr'))('GET', `/api/specs?q=${encodeURIComponent(TAG)}`)).body.total).toBe(0);
  });

  it('a range on the day of the last change, and a status filter', async () => {
    expect(ids(await list(`from=${daysFromNow(-401)}&to=${daysFromNow(-399)}`))).toEqual([spec.old]);
    expect(ids(await list(`from=${daysFromNow(-11)}&to=${daysFromNow(-9)}`))).toEqual([spec.recent]);
    expect(ids(await list(`from=${daysFromNow(-1)}`))).toEqual([spec.today]);
    expect(ids(await list(`to=${daysFromNow(-401)}`))).toEqual([]);
    expect(ids(await list('status=submitted'))).toEqual([spec.today]);
    expect((await list('status=draft')).body.total).toBe(2);
  });

  it('sorting goes both ways; paging splits the same order', async () => {
    expect(ids(await list('sort=updatedAt'))).toEqual([spec.old, spec.recent, spec.today]);
    expect(ids(await list(''))).toEqual([spec.today, spec.recent, spec.old]);
    const byTitle = ids(await list('sort=title'));
    expect(ids(await list('sort=-title'))).toEqual([...byTitle].reverse());
    expect(ids(await list('sort=status'))[2]).toBe(spec.today);
    const first = await list('sort=updatedAt&pageSize=2');
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    const second = await list('sort=updatedAt&pageSize=2&page=2');
    expect([...ids(first), ...ids(second)]).toEqual([spec.old, spec.recent, spec.today]);
  });

  it('the to-do list: what HR over the school may decide, searched and paged like the rest; a school has none', async () => {
    const todo = await list('todo=true');
    expect(ids(todo)).toEqual([spec.today]);
    expect(todo.body.total).toBe(1);
    expect((await list(`todo=true&to=${daysFromNow(-1)}`)).body.total).toBe(0);
    const school = client(t, await t.login('school_admin'));
    expect((await school('GET', `/api/specs?todo=true&q=${encodeURIComponent(TAG)}`)).body.total).toBe(0);
    expect((await school('GET', `/api/specs?q=${encodeURIComponent(TAG)}`)).body.total).toBe(3);
  });

  it('an unknown sort, an inverted or absurd range, a page too large is a 400 naming the field', async () => {
    const bad = await hr('GET', '/api/specs?sort=password');
    expectError(bad, 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(bad.body)).toContain('sort');
    const inverted = await hr('GET', '/api/specs?from=2026-05-01&to=2026-04-01');
    expectError(inverted, 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(inverted.body)).toContain('to');
    expectError(await hr('GET', '/api/specs?from=2026-02-30'), 400, 'VALIDATION.FAILED');
    expectError(await hr('GET', '/api/specs?pageSize=1000'), 400, 'VALIDATION.FAILED');
    expectError(await hr('GET', '/api/specs?status=lost'), 400, 'VALIDATION.FAILED');
  });
});

describe('专项 proposals list: search, date range, status, sort, paging', () => {
  let hr: Call;
  const list = async (query: string) => (await hr('GET', `/api/special-item-proposals?q=${encodeURIComponent(TAG)}&${query}`)) as Res;
  beforeAll(async () => {
    hr = client(t, await t.login('fj_hr'));
  });

  it('a text search matches the item name, the school and the major code', async () => {
    expect((await list('')).body.total).toBe(3);
    const bySchool = (await hr('GET', `/api/special-item-proposals?q=${encodeURIComponent(fjSchoolName)}`)) as Res;
    expect(ids(bySchool).sort()).toEqual(Object.values(prop).sort());
    expect(ids((await hr('GET', '/api/special-item-proposals?q=750106&pageSize=200')) as Res)).toEqual(expect.arrayContaining(Object.values(prop)));
    expect((await hr('GET', `/api/special-item-proposals?q=${encodeURIComponent('没有这个项目')}`)).body.total).toBe(0);
    expect((await client(t, await t.login('sh_hr'))('GET', `/api/special-item-proposals?q=${encodeURIComponent(TAG)}`)).body.total).toBe(0);
  });

  it('a range on the day proposed, and a status filter', async () => {
    expect(ids(await list(`from=${daysFromNow(-401)}&to=${daysFromNow(-399)}`))).toEqual([prop.old]);
    expect(ids(await list(`from=${daysFromNow(-11)}&to=${daysFromNow(-1)}`))).toEqual([prop.recent]);
    expect(ids(await list(`from=${daysFromNow(0)}`))).toEqual([prop.today]);
    expect(ids(await list('status=returned'))).toEqual([prop.old]);
    expect((await list('status=submitted')).body.total).toBe(2);
  });

  it('sorting goes both ways; paging splits the same order', async () => {
    expect(ids(await list(''))).toEqual([prop.today, prop.recent, prop.old]);
    expect(ids(await list('sort=createdAt'))).toEqual([prop.old, prop.recent, prop.today]);
    const byName = ids(await list('sort=name'));
    expect(ids(await list('sort=-name'))).toEqual([...byName].reverse());
    expect(ids(await list('sort=status'))[0]).toBe(prop.old);
    const first = await list('sort=createdAt&pageSize=2');
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect([...ids(first), ...ids(await list('sort=createdAt&pageSize=2&page=2'))]).toEqual([prop.old, prop.recent, prop.today]);
  });

  it('the to-do list is the province HR bureau’s: the city bureau reads them but decides none', async () => {
    expect(ids(await list('todo=true&sort=createdAt'))).toEqual([prop.recent, prop.today]);
    const city = client(t, await t.login('qz_hr'));
    expect((await city('GET', `/api/special-item-proposals?q=${encodeURIComponent(TAG)}`)).body.total).toBe(3);
    expect((await city('GET', `/api/special-item-proposals?todo=true&q=${encodeURIComponent(TAG)}`)).body.total).toBe(0);
  });

  it('an unknown sort, an inverted range, a bad status is a 400 naming the field', async () => {
    const bad = await hr('GET', '/api/special-item-proposals?sort=-standard');
    expectError(bad, 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(bad.body)).toContain('sort');
    expectError(await hr('GET', '/api/special-item-proposals?from=2026-05-01&to=2026-04-01'), 400, 'VALIDATION.FAILED');
    expectError(await hr('GET', '/api/special-item-proposals?status=draft'), 400, 'VALIDATION.FAILED');
    expectError(await hr('GET', '/api/special-item-proposals?page=0'), 400, 'VALIDATION.FAILED');
  });
});
