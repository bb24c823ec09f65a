/**
 * Issue 16: the public reads are cached in each server process, and a change drops them at once — a revocation shows
 * on the public page, a suspension in the catalog, with no stale answer in between (the triggers of migration
 * public_reads send NOTIFY public_reads; on PGlite the notification arrives in this process when the write commits).
 * Across two server processes on PostgreSQL: server/test/scale-out.test.ts.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { publicCache } from '../src/http/public-cache.ts';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const pub = () => client(t);

describe('the public-read cache drops its answers at once on a change', () => {
  it('is live: answers are cached (a second read comes from the cache)', async () => {
    const cache = publicCache(t.db);
    expect(cache.live).toBe(true);
    const [c] = await queryRows<{ number: string }>(t.db, sql`select number from certificates where status = 'valid' order by number limit 1`);
    await pub()('GET', `/api/public/certificates/${c!.number}`);
    const before = cache.hits;
    expect((await pub()('GET', `/api/public/certificates/${c!.number}`)).status).toBe(200);
    expect(cache.hits).toBe(before + 1);
  });

  it('R10: a certificate read (and cached) before its revocation answers revoked right after it', async () => {
    const [c] = await queryRows<{ id: string; number: string }>(
      t.db,
      sql`select c.id, c.number from certificates c join institutions i on i.id = c.institution_id
          join users u on u.org_id = i.org_id
          where u.username = 'lg_school_admin' and c.status = 'valid' order by c.number limit 1`,
    );
    expect(c).toBeDefined();
    for (let i = 0; i < 2; i++) expect((await pub()('GET', `/api/public/certificates/${c!.number}`)).body).toMatchObject({ status: 'valid' });
    const school = client(t, await t.login('lg_school_admin'));
    expect((await school('POST', `/api/certificates/${c!.id}/revoke`, { reason: '考试作弊，经查实' })).status).toBe(200);
    expect((await pub()('GET', `/api/public/certificates/${c!.number}`)).body).toMatchObject({ status: 'revoked' });
  });

  it('R10: a suspension shows in the catalog (page, entry, and a certificate’s catalog line) right after it; a revoked listing leaves it', async () => {
    const [inst] = await queryRows<{ id: string; code: string; filing_id: string }>(
      t.db,
      sql`select i.id, i.code, f.id as filing_id from institutions i join users u on u.org_id = i.org_id
          join filings f on f.institution_id = i.id and f.type = 'initial' and f.status = 'listed'
          where u.username = 'lg_school_admin' limit 1`,
    );
    expect(inst).toBeDefined();
    const [c] = await queryRows<{ number: string }>(t.db, sql`select number from certificates where institution_id = ${inst!.id} and status = 'valid' limit 1`);
    const page = `/api/public/institutions?q=${encodeURIComponent(inst!.code)}&page=1&pageSize=20`;
    for (let i = 0; i < 2; i++) {
      expect((await pub()('GET', page)).body.items).toMatchObject([{ id: inst!.id, status: 'listed' }]);
      expect((await pub()('GET', `/api/public/institutions/${inst!.id}`)).body.status).toBe('listed');
      expect((await pub()('GET', `/api/public/certificates/${c!.number}`)).body.catalog).toMatchObject({ status: 'listed' });
    }
    const hr = client(t, await t.login('sh_hr'));
    const suspended = await hr('POST', `/api/filings/${inst!.filing_id}/transitions`, { action: 'suspend', reason: '整改期间暂停' });
    expect(suspended.status, JSON.stringify(suspended.body)).toBeLessThan(300);
    expect((await pub()('GET', page)).body.items).toMatchObject([{ id: inst!.id, status: 'suspended' }]);
    expect((await pub()('GET', `/api/public/institutions/${inst!.id}`)).body.status).toBe('suspended');
    // The certificate's public page shows its issuer's catalog entry: suspended too.
    expect((await pub()('GET', `/api/public/certificates/${c!.number}`)).body.catalog).toMatchObject({ status: 'suspended' });
    const revoked = await hr('POST', `/api/filings/${inst!.filing_id}/transitions`, { action: 'revoke', reason: '严重违规' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBeLessThan(300);
    expect((await pub()('GET', page)).body.items).toEqual([]);
    expectError(await pub()('GET', `/api/public/institutions/${inst!.id}`), 404);
  });
});
