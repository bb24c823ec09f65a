/**
 * Scale-out (issue 16): two server processes (`server/src/main.ts`, each its own Node process) on ONE PostgreSQL
 * database, driven alternately: a session opened on one works on the other (and a logout on one ends it on both); the
 * public query's rate limit holds across both; a candidate signs in on one, starts on the other and autosaves on
 * both in turn, and every acknowledged answer is in the database; background jobs enqueued on both are each claimed
 * and run exactly once. PostgreSQL only: PGlite is one process's embedded database (vitest.config.ts leaves this file
 * out of the PGlite pass).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { makeEvaluationWorld, type EvaluationWorld } from './helpers/evaluation.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let t: TestApp;
let w: EvaluationWorld;
const servers: { url: string; child: ChildProcess }[] = [];
let dataDir = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

async function startServer(databaseUrl: string, dataKey: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SKILLCERT_DATA_KEY: dataKey,
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];
const json = { 'content-type': 'application/json' };

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeEvaluationWorld(t, { candidates: 1, theoryDurationMinutes: 120 });
  const [{ name } = { name: '' }] = await queryRows<{ name: string }>(t.db, sql`select current_database() as name`);
  const url = new URL(process.env.TEST_PG_URL ?? '');
  url.pathname = `/${name}`;
  const dataKey = inject('dbTemplate')?.dataKey;
  if (!dataKey) throw new Error('the api project seeds the demo world with a data key (global-setup.ts)');
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'skillcert-scale-'));
  servers.push(...(await Promise.all([startServer(url.toString(), dataKey), startServer(url.toString(), dataKey)])));
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode === null ? s.child.once('exit', r) : r(null)))));
  rmSync(dataDir, { recursive: true, force: true });
  await t?.close();
});

describe('two server processes on one PostgreSQL', () => {
  it('a session opened on one works on the other; a logout on one ends it on both', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: w.schoolUsername, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login, 'skillcert_session')!;
    for (const s of [b, a, b]) expect((await fetch(`${s.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBeLessThan(300);
    for (const s of [a, b]) expect((await fetch(`${s.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('the public rate limit holds across both: 20 searches in the window in all, then 429 on either', async () => {
    const body = JSON.stringify({ name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' });
    const headers = { ...json, 'x-forwarded-for': '198.51.100.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 26; i++) {
      const s = servers[i % 2]!;
      statuses.push((await fetch(`${s.url}/api/public/certificates/search`, { method: 'POST', headers, body })).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429, 429]);
    // Another client is not affected, on either.
    for (const s of servers)
      expect(
        (await fetch(`${s.url}/api/public/certificates/search`, { method: 'POST', headers: { ...json, 'x-forwarded-for': '198.51.100.78' }, body })).status,
      ).toBe(200);
  });

  it('R10: a certificate cached on one process answers revoked there right after the other revokes it (NOTIFY public_reads)', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const [c] = await queryRows<{ id: string; number: string }>(
      t.db,
      sql`select c.id, c.number from certificates c join institutions i on i.id = c.institution_id
          join users u on u.org_id = i.org_id
          where u.username = 'lg_school_admin' and c.status = 'valid' order by c.number desc limit 1`,
    );
    expect(c).toBeDefined();
    const read = async (s: (typeof servers)[0], i: number) =>
      (await (await fetch(`${s.url}/api/public/certificates/${c!.number}`, { headers: { 'x-forwarded-for': `198.51.100.${90 + i}` } })).json()) as {
        status: string;
      };
    // Read twice on b: the second answer comes from b's cache.
    for (let i = 0; i < 2; i++) expect((await read(b, i)).status).toBe('valid');
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'lg_school_admin', password: DEMO_PASSWORD }),
    });
    const cookie = cookieOf(login, 'skillcert_session')!;
    const revoked = await fetch(`${a.url}/api/certificates/${c!.id}/revoke`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ reason: '考试作弊，经查实' }),
    });
    expect(revoked.status).toBe(200);
    expect((await read(b, 3)).status).toBe('revoked');
    expect((await read(a, 4)).status).toBe('revoked');
  });

  it("a candidate's autosaves land on both, and every acknowledged answer is stored", async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const school = await t.login(w.schoolUsername);
    expect((await t.app.inject({ method: 'POST', url: `/api/sittings/${w.theory.sittingId}/prepare`, headers: { cookie: school } })).statusCode).toBe(200);
    const c = w.candidates[0]!;
    const signIn = await fetch(`${a.url}/api/exam/sign-in`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ examNumber: c.theoryExamNumber, idNumber: c.idNumber, deviceId: 'scale-out-device' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = cookieOf(signIn, 'skillcert_exam')!;
    const { attemptId } = (await signIn.json()) as { attemptId: string };
    const start = await fetch(`${b.url}/api/exam/start`, { method: 'POST', headers: { cookie } });
    expect(start.status).toBe(200);
    const { items } = (await start.json()) as { items: { itemId: string; type: string; options: { key: string }[] }[] };
    const acked: { itemId: string; seq: number }[] = [];
    for (const [k, item] of items.entries()) {
      const s = servers[k % 2]!;
      const response = item.type === 'subjective' ? { text: `作答 ${k}` } : { keys: item.options.slice(0, 1).map((o) => o.key) };
      const res = await fetch(`${s.url}/api/exam/answers`, {
        method: 'PUT',
        headers: { ...json, cookie },
        body: JSON.stringify({ answers: [{ itemId: item.itemId, response, flagged: false, seq: k + 1 }] }),
      });
      expect(res.status).toBe(200);
      acked.push(...((await res.json()) as { saved: { itemId: string; seq: number }[] }).saved);
    }
    expect(acked.length).toBe(items.length);
    const stored = await queryRows<{ item_id: string; seq: number }>(t.db, sql`select item_id, seq from exam_answers where attempt_id = ${attemptId}`);
    const bySeq = new Map(stored.map((r) => [r.item_id, Number(r.seq)]));
    for (const x of acked) expect(bySeq.get(x.itemId)).toBeGreaterThanOrEqual(x.seq);
  });

  it('jobs enqueued on both are each claimed and run exactly once', async () => {
    const login = await fetch(`${servers[0]!.url}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: w.schoolUsername, password: DEMO_PASSWORD }),
    });
    const cookie = cookieOf(login, 'skillcert_session')!;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${servers[i % 2]!.url}/api/plans/${w.planId}/tickets/zip`, {
        method: 'POST',
        headers: { cookie },
      });
      expect(res.status).toBeLessThan(300);
      ids.push(((await res.json()) as { id: string }).id);
    }
    let rows: { status: string; attempts: number }[] = [];
    for (let i = 0; i < 120; i++) {
      rows = await queryRows<{ status: string; attempts: number }>(
        t.db,
        sql`select status, attempts from jobs where id in ${sql`(${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`}`,
      );
      if (rows.length === ids.length && rows.every((r) => r.status === 'done' || r.status === 'failed')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual(ids.map(() => ['done', 1]));
  });
});
