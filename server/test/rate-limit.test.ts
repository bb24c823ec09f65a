import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { publicReadsChanged } from '../src/http/public-cache.ts';
import { leaseHits, leaseSize, leaseWithLookup, leasingCounter, PUBLIC_RATE, sweepRateLimits } from '../src/http/rate-limit.ts';
import { publicByHolderLookup } from '../src/modules/certificates/certificates.repository.ts';
import type { App } from '../src/http/types.ts';
import { loadConfig } from '../src/config.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let second: App;

beforeAll(async () => {
  t = await makeTestApp();
  // A second server process on the same database (another instance behind the same load balancer).
  second = (await buildApp({ db: t.db, dbKind: t.dbKind, config: { ...loadConfig({}, []), logLevel: 'silent' }, identity: t.identity }, false)).app;
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const hit = (app: App, address: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/api/public/institutions', remoteAddress: address, headers });

describe('public rate limit (R10: a free query, not an enumeration service)', () => {
  it('R10: two server processes share one limit per client; over it 429 with Retry-After in the one error shape', async () => {
    const max = PUBLIC_RATE.lookup.max;
    for (let i = 0; i < max; i++) {
      const res = await hit(i % 2 ? second : t.app, '203.0.113.5');
      expect(res.statusCode, `request ${i + 1}`).toBe(200);
    }
    const over = await hit(second, '203.0.113.5');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.json().error.code).toBe('RATE_LIMITED');
    expect(over.json().error.message).toMatch(/秒后再试|seconds/);
    // another client is not held back by the first
    expect((await hit(t.app, '198.51.100.7')).statusCode).toBe(200);
  });

  it('R10: a client at its limit through another process: a look-up answers its first hit here, then 429; a search refuses at once', async () => {
    // On PostgreSQL the counters are the database's (written here as another process would); PGlite counts in memory
    // (one process per database), where the other process's counts cannot exist.
    const address = '203.0.113.61';
    for (const key of [`GET /api/public/institutions|${address}`, `POST /api/public/certificates/search|${address}`])
      await leaseHits(t.db, [{ key, windowSecs: 60, want: 200, max: 200 }]);
    const search = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/certificates/search',
        remoteAddress: address,
        payload: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
      });
    const statuses = [(await hit(t.app, address)).statusCode, (await hit(t.app, address)).statusCode, (await search()).statusCode];
    expect(statuses).toEqual(t.dbKind === 'postgres' ? [200, 429, 429] : [200, 200, 200]);
  });

  it('X-Forwarded-For is not believed without a trusted proxy: a client cannot reset its own limit', async () => {
    for (let i = 0; i < PUBLIC_RATE.lookup.max; i++) await hit(t.app, '203.0.113.9', { 'x-forwarded-for': `10.0.0.${i % 250}` });
    const res = await hit(t.app, '203.0.113.9', { 'x-forwarded-for': '10.9.9.9' });
    expect(res.statusCode).toBe(429);
  });
});

/** A demo certificate's holder: name, ID number (opened from the person's sealed one) and the keyed hash. */
async function aHolder() {
  const [h] = await queryRows<{ name: string; cipher: string; id_hash: string }>(
    t.db,
    sql`select c.holder_name as name, p.id_cipher as cipher, c.id_hash from certificates c join persons p on p.id = c.person_id
        where c.id_type = 'resident_id' order by c.number limit 1`,
  );
  if (!h) throw new Error('the demo world has no certificate');
  return { name: h.name, idNumber: t.identity.open(h.cipher), idHash: h.id_hash };
}

/** Statements this app's pool sends while `run` runs (PostgreSQL; the cache's listening connection is not the pool). */
async function statementsDuring(run: () => Promise<unknown>): Promise<number> {
  const pool = (t.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const query = pool.query;
  let n = 0;
  pool.query = function (this: unknown, ...args: unknown[]) {
    n += 1;
    return Reflect.apply(query, this, args);
  };
  try {
    await run();
  } finally {
    pool.query = query;
  }
  return n;
}

describe('the search by name + ID number (issue 16: one round trip, the same exact bound)', () => {
  const search = (app: App, address: string, body: object) =>
    app.inject({ method: 'POST', url: '/api/public/certificates/search', remoteAddress: address, payload: { idType: 'resident_id', ...body } });

  it('R10: two server processes answer a client 20 searches in all, each the holder’s masked certificates, then 429 on either — found or not', async () => {
    const holder = await aHolder();
    const address = '203.0.113.77';
    const answers: unknown[] = [];
    for (let i = 0; i < PUBLIC_RATE.search.max; i++) {
      // Every other search finds nothing cached: its look-up travels with a lease (or is read after one held here).
      if (i % 2 === 0) publicReadsChanged(t.db);
      const res = await search(i % 2 ? second : t.app, address, { name: holder.name, idNumber: holder.idNumber });
      expect(res.statusCode, `search ${i + 1}`).toBe(200);
      answers.push(res.json());
    }
    const first = answers[0] as { items: { number: string; holderName: string }[] };
    expect(first.items.length).toBeGreaterThan(0);
    for (const a of answers) expect(a).toEqual(first);
    // Each item is what the look-up by number answers (the same columns, catalog line and masking).
    for (const item of first.items) {
      const byNumber = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${item.number}`, remoteAddress: '198.51.100.78' });
      expect(item).toEqual(byNumber.json());
      expect(item.holderName).not.toBe(holder.name);
    }
    publicReadsChanged(t.db);
    const over = [
      await search(t.app, address, { name: holder.name, idNumber: holder.idNumber }),
      await search(second, address, { name: holder.name, idNumber: holder.idNumber }),
      await search(second, address, { name: '张三', idNumber: '11010519491231002X' }),
    ];
    for (const res of over) {
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    // Refused the same whether the person exists or not: no existence oracle past the limit.
    expect(over[2]?.json()).toEqual(over[1]?.json());
    // A malformed query answers 400 (not counted), another client is not held back.
    expect((await search(t.app, address, { name: holder.name, idNumber: '110105194912310021' })).statusCode).toBe(400);
    expect((await search(t.app, '198.51.100.79', { name: holder.name, idNumber: holder.idNumber })).statusCode).toBe(200);
  });

  it('one database statement for a new client’s search, cached or not (PostgreSQL: the lease and the look-up together)', async () => {
    const holder = await aHolder();
    publicReadsChanged(t.db);
    const cold = await statementsDuring(async () => {
      const res = await search(t.app, '198.51.100.90', { name: holder.name, idNumber: holder.idNumber });
      expect(res.json().items.length).toBeGreaterThan(0);
    });
    const cached = await statementsDuring(async () => {
      expect((await search(t.app, '198.51.100.91', { name: holder.name, idNumber: holder.idNumber })).statusCode).toBe(200);
    });
    // The same client again, answer dropped: served from the lease this process holds, then one look-up.
    publicReadsChanged(t.db);
    const held = await statementsDuring(async () => {
      expect((await search(t.app, '198.51.100.90', { name: holder.name, idNumber: holder.idNumber })).statusCode).toBe(200);
    });
    // PGlite counts in memory: the look-up only when nothing is cached.
    expect([cold, cached, held]).toEqual(t.dbKind === 'postgres' ? [1, 1, 1] : [1, 0, 1]);
  });

  it('R10: 30 leases with their look-up at once never grant more than the limit; rows only to the granted ones', async () => {
    const holder = await aHolder();
    const key = `test-lease-lookup|${Math.random()}`;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => leaseWithLookup(t.db, { key, windowSecs: 60, want: 3, max: 20 }, publicByHolderLookup(holder.idHash))),
    );
    expect(results.reduce((n, r) => n + r.granted, 0)).toBe(20);
    for (const r of results) {
      if (r.granted > 0) expect(r.rows.length).toBeGreaterThan(0);
      else expect(r.rows).toEqual([]);
      expect(r.ttl).toBeGreaterThan(0);
    }
  });
});

describe('leased hits (issue 16: the limit costs one database write per lease, not per request, and stays exact)', () => {
  it('R10: leases taken at the same time never grant more than the limit in all', async () => {
    const key = `test-lease|${Math.random()}`;
    const grants = await Promise.all(Array.from({ length: 40 }, () => leaseHits(t.db, [{ key, windowSecs: 60, want: 7, max: 120 }])));
    const total = grants.reduce((sum, g) => sum + (g.get(key)?.granted ?? 0), 0);
    expect(total).toBe(120);
    for (const g of grants) expect(g.get(key)?.ttl).toBeGreaterThan(0);
  });

  it('R10: three lessees under 300 concurrent hits of one client answer at most the limit, and lose at most two leases', async () => {
    const key = `test-lessees|${Math.random()}`;
    const lessees = [leasingCounter(t.db), leasingCounter(t.db), leasingCounter(t.db)];
    const max = 120;
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => lessees[i % 3]!(key, 60_000, max)));
    const allowed = answers.filter((a) => a.current <= max).length;
    expect(allowed).toBeLessThanOrEqual(max);
    expect(allowed).toBeGreaterThanOrEqual(max - 2 * leaseSize(max));
    // Once refused, a lessee refuses from its own state: the next hit writes nothing and is refused.
    const before = await queryRows<{ count: number }>(t.db, sql`select count from rate_limits where key = ${key}`);
    for (const l of lessees) expect((await l(key, 60_000, max)).current).toBeGreaterThan(max);
    const after = await queryRows<{ count: number }>(t.db, sql`select count from rate_limits where key = ${key}`);
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count));
  });
  it('R10: 200 clients at once each get exactly their limit (leases of many keys batched, several statements in flight)', async () => {
    const count = leasingCounter(t.db);
    const keys = Array.from({ length: 200 }, (_, i) => `test-many|${Math.random()}|${i}`);
    const answers = await Promise.all(keys.map((k) => Promise.all([count(k, 60_000, 2), count(k, 60_000, 2), count(k, 60_000, 2)])));
    for (const a of answers) expect(a.filter((x) => x.current <= 2).length).toBe(2);
    const rows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from rate_limits where key like 'test-many|%' and count >= 2`);
    expect(Number(rows[0]?.n)).toBe(200);
  });

  it("R10: a look-up client's first hit in a process does not wait for its lease; past its limit elsewhere it gets that one hit, then 429 without another write", async () => {
    const key = `test-first-hit|${Math.random()}`;
    const max = 120;
    // The client used its whole limit through other processes in this window.
    await leaseHits(t.db, [{ key, windowSecs: 60, want: max, max }]);
    const fresh = leasingCounter(t.db);
    const first = await fresh(key, 60_000, max, true);
    expect(first.current).toBe(1);
    expect(first.ttl).toBeGreaterThan(0);
    // The lease sent for that hit came back empty: refused from now on, and refusals write nothing.
    expect((await fresh(key, 60_000, max, true)).current).toBeGreaterThan(max);
    const before = await queryRows<{ count: number }>(t.db, sql`select count from rate_limits where key = ${key}`);
    for (let i = 0; i < 5; i++) expect((await fresh(key, 60_000, max, true)).current).toBeGreaterThan(max);
    const after = await queryRows<{ count: number }>(t.db, sql`select count from rate_limits where key = ${key}`);
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count));
    // Without firstHitAtOnce (the search by personal data) a fresh lessee refuses that first hit too: the bound is exact.
    expect((await leasingCounter(t.db)(key, 60_000, max)).current).toBeGreaterThan(max);
  });

  it("R10: a new client's first hit is charged to its lease: 60 hits through three fresh lessees answer at most the limit", async () => {
    const key = `test-first-charged|${Math.random()}`;
    const max = 20;
    const lessees = [leasingCounter(t.db), leasingCounter(t.db), leasingCounter(t.db)];
    let allowed = 0;
    // One after another (each first hit answered at once, the next ones after the leases came back).
    for (let i = 0; i < 60; i++) if ((await lessees[i % 3]!(key, 60_000, max, true)).current <= max) allowed += 1;
    expect(allowed).toBe(max);
  });

  it('the counters skip the write-ahead log (UNLOGGED: a lease commits without a WAL flush; lost at a crash only)', async () => {
    const [r] = await queryRows<{ p: string }>(t.db, sql`select relpersistence as p from pg_class where relname = 'rate_limits' and relkind = 'r'`);
    expect(r?.p).toBe('u');
  });
  it('counters of windows long over are cleared (the table does not grow with every client ever seen); running ones kept', async () => {
    const old = `test-sweep-old|${Math.random()}`;
    const running = `test-sweep-running|${Math.random()}`;
    await queryRows(t.db, sql`insert into rate_limits (key, window_start, count) values (${old}, now() - interval '2 hours', 5), (${running}, now(), 5)`);
    // Whatever other rows are over, the sweep runs in batches until none is left.
    while ((await sweepRateLimits(t.db)) > 0);
    const left = await queryRows<{ key: string }>(t.db, sql`select key from rate_limits where key in (${old}, ${running})`);
    expect(left.map((r) => r.key)).toEqual([running]);
    // A lessee sweeps on its own while it leases.
    await queryRows(t.db, sql`insert into rate_limits (key, window_start, count) values (${old}, now() - interval '2 hours', 5)`);
    await leasingCounter(t.db)(`test-sweep-trigger|${Math.random()}`, 60_000, 120);
    await expect.poll(async () => (await queryRows(t.db, sql`select key from rate_limits where key = ${old}`)).length).toBe(0);
  });
});
