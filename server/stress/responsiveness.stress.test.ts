import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, makeSchool } from '../test/helpers/api.ts';
import { ELECTRICIAN_BLUEPRINT, fillTemplate, generateBankRows } from '../test/helpers/bank-workbook.ts';
import { percentile, startProbes } from '../test/helpers/probe.ts';
import { makeTestApp, type TestApp } from '../test/helpers/test-app.ts';

/**
 * (In the stress project, which runs one file at a time: its bar is read against the same machine idle, so it must not share
 * the machine with another test file.)
 *
 * One heavy request must not freeze the server: while a 10,000-row item import runs, unrelated requests
 * (the health check, a signed-in read) keep answering. The server listens on a real port; probes come from
 * another thread (helpers/probe.ts) on a fixed schedule.
 *
 * The goal is p99 under 500 ms. These machines are shared (2 cores, often a load of 10+), so the bar is that goal
 * or, when the machine is slow, 8 × the p99 of the same probes against the idle server measured just before.
 * Before the fix (parsing and one long write on the request thread) the p99 was 26 s on PGlite, with probes
 * failing outright.
 */
const ROWS = 10_000;
const PROBE_EVERY_MS = 100;
const GOAL_P99_MS = 500;
const SLOW_MACHINE_FACTOR = 8;

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await makeTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t.close());

describe('a heavy import does not freeze the server', () => {
  it(`while ${ROWS.toLocaleString('en')} items import, /api/health and a signed-in GET stay under ${GOAL_P99_MS} ms at p99`, { timeout: 600_000 }, async () => {
    const school = await makeSchool(t);
    const cookie = await t.login(school.username);
    const admin = client(t, cookie);
    expect((await admin('POST', '/api/blueprints', ELECTRICIAN_BLUEPRINT)).status).toBe(201);
    const template = await t.app.inject({ method: 'GET', url: '/api/items/template.xlsx', headers: { cookie } });
    const file = await fillTemplate(template.rawPayload, generateBankRows(ROWS, 42));
    const body = JSON.stringify({ filename: 'bank.xlsx', contentBase64: file.toString('base64') });
    const urls = [`${base}/api/health`, `${base}/api/auth/me`];
    const probeHeaders = { cookie: await t.login('sh_hr') };

    const idleProbes = startProbes(urls, probeHeaders, PROBE_EVERY_MS);
    await new Promise((r) => setTimeout(r, 3000));
    const idle = await idleProbes.stop();

    const probes = startProbes(urls, probeHeaders, PROBE_EVERY_MS);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/items/import`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body });
    const result = (await res.json()) as { stored: boolean; created: number };
    const importMs = performance.now() - t0;
    const { latencies, failures } = await probes.stop();

    expect(res.status).toBe(200);
    expect(result).toMatchObject({ stored: true, created: ROWS });
    const idleP99 = percentile(idle.latencies, 99);
    const p99 = percentile(latencies, 99);
    const bar = Math.max(GOAL_P99_MS, SLOW_MACHINE_FACTOR * idleP99);
    console.log(
      `[responsiveness ${t.dbKind}] import ${Math.round(importMs)} ms; ${latencies.length} probes: p50 ${Math.round(percentile(latencies, 50))} ms, ` +
        `p99 ${Math.round(p99)} ms, worst ${Math.round(Math.max(...latencies))} ms, failed ${failures.length}; idle p99 ${Math.round(idleP99)} ms; bar ${Math.round(bar)} ms`,
    );
    expect(failures).toEqual([]);
    expect(latencies.length).toBeGreaterThan(20);
    expect(p99).toBeLessThan(bar);
  });
});
