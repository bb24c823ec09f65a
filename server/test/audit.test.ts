import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { verifyChain } from '../src/modules/audit/audit.service.ts';
import { client, rowCount } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('audit log', () => {
  it('every write appends one entry with who, action, target, before/after and request id', async () => {
    const call = client(t, await t.login('admin'));
    const before = await rowCount(t, 'audit_log');
    const res = await call('POST', '/api/organisations', { kind: 'edu_bureau', name: '厦门市教育局', regionCode: '350200' }, { 'x-request-id': 'req-audit-1' });
    expect(res.status).toBe(201);
    await call('PATCH', `/api/organisations/${res.body.id}`, { name: '厦门市教育局（改）' });
    expect(await rowCount(t, 'audit_log')).toBe(before + 2);
    const entries = (await call('GET', `/api/audit?targetId=${res.body.id}`)).body.items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['org.update', 'org.create']);
    // Without a trusted proxy the client's X-Request-Id is not kept (issue 8.11): the entry carries the id the server gave.
    expect(res.headers['x-request-id']).not.toBe('req-audit-1');
    expect(entries[1]).toMatchObject({ actorName: 'admin', requestId: res.headers['x-request-id'], before: null });
    expect(entries[0].before.name).toBe('厦门市教育局');
    expect(entries[0].after.name).toBe('厦门市教育局（改）');
  });

  it('the database refuses to update or delete audit entries', async () => {
    await expect(queryRows(t.db, sql`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(queryRows(t.db, sql`delete from audit_log where seq = 1`)).rejects.toThrow();
  });

  it('verification passes on an intact chain and names the first tampered entry', async () => {
    const call = client(t, await t.login('admin'));
    const ok = await call('GET', '/api/audit/verify');
    expect(ok.body).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.body.checked).toBe(await rowCount(t, 'audit_log'));

    // Someone with database access bypasses the trigger and edits entry #3.
    await queryRows(t.db, sql`alter table audit_log disable trigger audit_log_no_update`);
    await queryRows(t.db, sql`update audit_log set after = '{"name":"forged"}'::jsonb where seq = 3`);
    await queryRows(t.db, sql`alter table audit_log enable trigger audit_log_no_update`);

    const broken = await call('GET', '/api/audit/verify');
    expect(broken.body).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'hash_mismatch' } });
    expect((await verifyChain(t.db, 2)).firstBroken?.seq).toBe(3);
  });

  it('only the admin and HR bureaus read the audit log (schools do not)', async () => {
    expect((await client(t, await t.login('sh_hr'))('GET', '/api/audit')).status).toBe(200);
    expect((await client(t, await t.login('school_admin'))('GET', '/api/audit')).status).toBe(403);
    expect((await client(t, await t.login('sh_edu'))('GET', '/api/audit')).status).toBe(403);
  });
});
