import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, inject, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { makeEvaluationWorld } from '../test/helpers/evaluation.ts';
import { cleanup, openInstance, tempDir, type Where } from '../test/helpers/operations.ts';
import { type Cluster, makeCluster } from './fixtures/pg-cluster.ts';
import { call, SEED, seeded, sleep, startServer, stopServers } from './fixtures/server.ts';
import { Autosaving, type Response, signInAll } from './fixtures/sitting.ts';

/**
 * Issue 17 part 1, PostgreSQL only: the DATABASE server restarted mid-sitting (pg_ctl stop -m fast, then -m immediate,
 * on a cluster of this test's own) while CANDIDATES candidates autosave through the real HTTP API. Meanwhile the API
 * answers 503 SERVER.UNAVAILABLE — never a 500, never a hang; once the database is back the same server process
 * recovers by itself (its pool reconnects) and autosaves land again; nothing acknowledged is lost.
 */
const CANDIDATES = 30;
const random = seeded(SEED + 3);
let cluster: Cluster | undefined;
afterAll(async () => {
  stopServers();
  cluster?.destroy();
  await cleanup();
});

it(`PostgreSQL stopped (fast, then immediate) mid-sitting: 503 meanwhile, recovery without a server restart, nothing acknowledged lost (seed ${SEED})`, async () => {
  const template = inject('dbTemplate');
  cluster = await makeCluster(template!.postgresTemplate!);
  const where: Where = { dataDir: path.join(tempDir('skillcert-stress-'), 'data'), databaseUrl: cluster.url };
  const t = await openInstance(where, template!.dataKey);
  const w = await makeEvaluationWorld(t, { candidates: CANDIDATES, examiners: 0, theoryStartsInMinutes: -1, theoryDurationMinutes: 90 });
  await t.close();

  const server = await startServer(where, template!.dataKey);
  const candidates = await signInAll(server.base, w);
  const sitting = new Autosaving(candidates, () => server.base, random);

  const outages: string[] = [];
  for (const mode of ['fast', 'immediate'] as const) {
    await sleep(3000 + random() * 3000);
    sitting.setUp(false);
    cluster.stop(mode);
    // While the database is down: the health check and a signed-in read answer 503 with the one error shape, at once.
    const downFor = 2000 + random() * 2000;
    const downAt = Date.now();
    const statuses = new Map<number, number>();
    while (Date.now() - downAt < downFor) {
      const t0 = performance.now();
      const health = await call(server.base, 'GET', '/api/health', undefined, undefined, 10_000);
      const attempt = await call(server.base, 'GET', '/api/exam/attempt', undefined, candidates[0]!.cookie, 10_000);
      expect(performance.now() - t0).toBeLessThan(10_000);
      for (const res of [health, attempt]) {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, JSON.stringify(res.body)).toBe(503);
        expect(res.body.error).toMatchObject({ code: 'SERVER.UNAVAILABLE' });
      }
      await sleep(200);
    }
    cluster.start();
    // The same process recovers by itself: health answers 200 again within a few seconds.
    const upAt = Date.now();
    let health = await call(server.base, 'GET', '/api/health');
    while (health.status !== 200 && Date.now() - upAt < 30_000) {
      expect(health.status).toBe(503);
      await sleep(200);
      health = await call(server.base, 'GET', '/api/health');
    }
    expect(health.status).toBe(200);
    sitting.setUp(true);
    outages.push(`${mode}: down ${Date.now() - downAt} ms, back in ${Date.now() - upAt} ms, ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}`);
    // Autosaves land again.
    const landedFrom = sitting.saves;
    const until = Date.now() + 20_000;
    while (sitting.saves < landedFrom + CANDIDATES && Date.now() < until) await sleep(200);
    expect(sitting.saves).toBeGreaterThanOrEqual(landedFrom + CANDIDATES);
  }
  await sitting.stop();
  expect(server.alive()).toBe(true);
  await server.kill();

  const after = await openInstance(where, template!.dataKey);
  const rows = await queryRows<{ attempt_id: string; item_id: string; seq: number; response: Response }>(
    after.db,
    sql`select attempt_id, item_id, seq, response from exam_answers where attempt_id in (select id from exam_attempts where part_id = ${w.theory.partId})`,
  );
  await after.close();
  const checked = sitting.expectAcknowledgedStored(rows);
  console.log(
    `[postgres restart] ${CANDIDATES} candidates, ${sitting.saves} saves acknowledged; autosaves while down: ${[...sitting.downStatuses].map(([s, n]) => `${n}× ${s}`).join(', ')}; ` +
      `slowest answer ${Math.round(sitting.slowest)} ms; ${outages.join('; ')}; ${checked} acknowledged answers checked`,
  );
  expect(sitting.problems).toEqual([]);
  // While the database was down the autosaves were answered 503 (never 500, never left hanging).
  expect(sitting.downStatuses.get(503) ?? 0).toBeGreaterThan(0);
  expect(sitting.downStatuses.get(0) ?? 0).toBe(0);
  expect(sitting.timeouts).toBe(0);
  expect(checked).toBeGreaterThan(CANDIDATES);
}, 600_000);
