import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { client, makeSchool, rowCount } from './helpers/api.ts';
import { act, upload } from './helpers/filings.ts';
import { makeListedInstitution, planBody } from './helpers/plans.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * Issue 17 part 4, the API half of "SQL injection and XSS strings in every text field": what a user types into a field
 * another user sees is stored and answered back literally — markup is not stripped or escaped by the API (the browser
 * shows it as text, e2e/xss.test.ts), and SQL is data, never a statement (the tables are all still there, the counts
 * right). Every payload goes into organisation names, display names, filing fields and reasons, plan titles and
 * complaint texts.
 */

export const XSS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  '"><svg onload=window.__xss=1>',
] as const;
export const SQLI = ["'; DROP TABLE users; --", "1' OR '1'='1", "Robert'); DELETE FROM filings;--", '" OR ""="'] as const;
const PAYLOADS = [...XSS, ...SQLI];

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

const tableCount = async () =>
  (await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`)))[0]!.n;

describe('markup and SQL typed into text fields are stored and answered literally', () => {
  it('organisation names and user display names', async () => {
    const tables = await tableCount();
    const users = await rowCount(t, 'users');
    const admin = client(t, await t.login('admin'));
    const school = await makeSchool(t);
    for (const [i, p] of PAYLOADS.entries()) {
      const org = await admin('POST', '/api/organisations', { kind: 'school', name: `学校${i}${p}`, regionCode: '310112', schoolType: 'higher_vocational' });
      expect(org.status, JSON.stringify(org.body)).toBe(201);
      expect((await admin('GET', `/api/organisations/${org.body.id}`)).body.name).toBe(`学校${i}${p}`);
      const user = await admin('POST', '/api/users', {
        username: `xss_user_${i}`,
        displayName: p,
        role: 'school_staff',
        orgId: school.orgId,
        password: 'Initial-Key-4821',
      });
      expect(user.status, JSON.stringify(user.body)).toBe(201);
      expect(user.body.displayName).toBe(p);
    }
    const listed = await admin('GET', `/api/users?orgId=${school.orgId}&pageSize=100`);
    expect(listed.status).toBe(200);
    expect((listed.body.items as { displayName: string }[]).map((u) => u.displayName)).toEqual(expect.arrayContaining(PAYLOADS));
    // searching by a payload is a search, not a statement
    const searched = await admin('GET', `/api/organisations?q=${encodeURIComponent("1' OR '1'='1")}`);
    expect(searched.status).toBe(200);
    expect((searched.body.items as { name: string }[]).every((o) => o.name.includes("1' OR '1'='1"))).toBe(true);
    expect(await tableCount()).toBe(tables);
    // makeSchool's admin + one per payload: nothing dropped, nothing extra
    expect(await rowCount(t, 'users')).toBe(users + 1 + PAYLOADS.length);
  });

  it('filing fields (contact, sites, assessors) and a reviewer’s reason', async () => {
    const school = client(t, await t.login('lg_school_admin'));
    const created = await school('POST', '/api/filings', {
      kind: 'special_ability',
      contactName: XSS[0],
      contactPhone: '021-12345678',
      scope: [],
      sites: PAYLOADS.map((p, i) => ({ name: p, address: `${p} 地址${i}`, capacity: 30, owned: true })),
      assessors: PAYLOADS.map((p, i) => ({ name: p.slice(0, 50), certificateNo: `KPY-XSS-${i}`, affiliation: 'teacher' })),
      attachmentIds: [await upload(school, `${XSS[3]}.pdf`)],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const got = await school('GET', `/api/filings/${created.body.id}`);
    expect(got.body.contactName).toBe(XSS[0]);
    expect(got.body.sites.map((s: { name: string }) => s.name)).toEqual(PAYLOADS);
    expect(got.body.sites.map((s: { address: string }) => s.address)).toEqual(PAYLOADS.map((p, i) => `${p} 地址${i}`));
    expect(got.body.assessors.map((a: { name: string }) => a.name)).toEqual(PAYLOADS);
  });

  it('a return reason reaches the school literally', async () => {
    const schoolUser = await makeSchool(t, { regionCode: '310112' });
    const school = client(t, await t.login(schoolUser.username));
    const created = await school('POST', '/api/filings', {
      kind: 'skill_level',
      contactName: SQLI[0],
      contactPhone: '021-12345678',
      scope: [{ occupationCode: '6-31-01-03', level: 4 }],
      sites: [{ name: SQLI[1], address: SQLI[2], capacity: 30, owned: true }],
      assessors: [{ name: SQLI[3], certificateNo: 'KPY-SQL-1', affiliation: 'teacher' }],
      attachmentIds: [await upload(school)],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await school('POST', `/api/filings/${id}/submit`, {})).status).toBe(200);
    const reason = PAYLOADS.join(' ');
    await act(client(t, await t.login('sh_edu')), id, { action: 'return', reason });
    const got = await school('GET', `/api/filings/${id}`);
    expect(got.body.status).toBe('returned');
    expect(got.body.events.at(-1).reason).toBe(reason);
    expect(got.body.contactName).toBe(SQLI[0]);
    // the filings table is still there and holds both
    expect((await school('GET', '/api/filings')).body.items.map((f: { id: string }) => f.id)).toContain(id);
  });

  it('plan titles', async () => {
    const inst = await makeListedInstitution(t);
    const school = client(t, await t.login(inst.schoolUser));
    for (const p of [XSS[1], SQLI[2]]) {
      const title = `2026 ${p}`;
      const created = await school('POST', '/api/plans', { ...planBody(), title });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await school('GET', `/api/plans/${created.body.id}`)).body.title).toBe(title);
      const listed = await school('GET', `/api/plans?q=${encodeURIComponent(p)}`);
      expect(listed.status).toBe(200);
    }
  });

  it('complaint texts, HR’s note and answer, the tracking page', async () => {
    const anon = client(t);
    const inst = (await anon('GET', '/api/public/institutions?region=310000')).body.items[0];
    const matter = `考场问题 ${PAYLOADS.join(' ')}`;
    const lodged = await anon('POST', '/api/public/complaints', { institutionId: inst.id, matter, name: XSS[2], contact: SQLI[1] });
    expect(lodged.status, JSON.stringify(lodged.body)).toBe(201);
    const hr = client(t, await t.login('sh_hr'));
    const mine = (await hr('GET', '/api/complaints?pageSize=100')).body.items.find(
      (c: { trackingCode: string }) => c.trackingCode === lodged.body.trackingCode,
    );
    expect(mine).toMatchObject({ matter, name: XSS[2], contact: SQLI[1] });
    const me = (await hr('GET', '/api/auth/me')).body;
    expect((await hr('POST', `/api/complaints/${mine.id}/assign`, { userId: me.id })).status).toBe(200);
    const noted = await hr('POST', `/api/complaints/${mine.id}/notes`, { text: XSS[3] });
    expect(noted.status, JSON.stringify(noted.body)).toBe(200);
    expect(noted.body.notes.at(-1).text).toBe(XSS[3]);
    expect((await hr('POST', `/api/complaints/${mine.id}/answer`, { answer: SQLI[0] })).body.answer).toBe(SQLI[0]);
    const tracked = await anon('GET', `/api/public/complaints/${lodged.body.trackingCode}`);
    expect(tracked.body).toMatchObject({ matter, answer: SQLI[0] });
  });
});
