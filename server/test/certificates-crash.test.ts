import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { queryRows } from '../src/db/client.ts';
import { certificateBatches, certificates, institutions, jobs, serials } from '../src/db/schema.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { CHUNK } from '../src/modules/certificates/certificates.service.ts';
import { drainJobs, idleJobs } from '../src/modules/jobs/jobs.service.ts';
import { makeClearedPlan } from './helpers/certificates.ts';
import type { TestApp } from './helpers/test-app.ts';

/**
 * Issue 13 "Done when": a batch killed with SIGKILL mid-way, then resumed, issues each certificate exactly once with
 * no number skipped or reused. The batch runs in a child server process against a file database (PGlite in a folder)
 * or a PostgreSQL database; the test kills it after the first chunk committed, reopens the database and resumes.
 */
const CANDIDATES = 60;
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'certificates-batch.child.ts');
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function freshPostgres(): Promise<string> {
  const base = process.env.TEST_PG_URL;
  if (!base) throw new Error('TEST_DB=postgres needs TEST_PG_URL');
  const name = `skillcert_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function open(where: { databaseUrl?: string; dataDir: string }, dataKey: string) {
  const config = { ...loadConfig({}, []), ...where, dataKey, seedDemo: true, logLevel: 'silent' };
  const { database, identity, credentials } = await prepareDatabase(config);
  const { app, routes } = await buildApp({ db: database.db, dbKind: database.kind, config, identity, credentials }, false);
  const t: TestApp = {
    app,
    db: database.db,
    routes,
    dbKind: database.kind,
    identity,
    credentials,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      const cookie = res.cookies.find((c) => c.name === 'skillcert_session');
      if (!cookie) throw new Error(`login ${username} failed: ${res.statusCode}`);
      return `skillcert_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
  return t;
}

/** Runs the child until it has issued at least `atLeast` (and fewer than all) certificates, then SIGKILLs it. */
function runAndKill(env: Record<string, unknown>, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, CHILD: JSON.stringify(env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = 0;
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not reach ${atLeast} certificates in time (seen ${seen}): ${err.slice(-2000)}`));
    }, 150_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/issued (\d+)/g)) seen = Math.max(seen, Number(m[1]));
      if (seen >= atLeast && !child.killed) {
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && seen >= atLeast) resolve(seen);
      else reject(new Error(`child exited (${signal ?? _code}) after ${seen}: ${err.slice(-2000)}`));
    });
  });
}

it('a batch killed with SIGKILL mid-way and resumed issues each certificate exactly once, no number skipped or reused', async () => {
  const dataKey = randomBytes(32).toString('base64');
  const where =
    process.env.TEST_DB === 'postgres'
      ? { databaseUrl: await freshPostgres(), dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-crash-')) }
      : { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-crash-')) };
  cleanups.push(async () => fs.rmSync(where.dataDir, { recursive: true, force: true }));

  let t = await open(where, dataKey);
  const w = await makeClearedPlan(t, { candidates: CANDIDATES });
  await t.close();

  // The child commits the first chunk (50) and is killed while the next one is in its transaction.
  const seenBeforeKill = await runAndKill({ ...where, dataKey, planId: w.planId }, 1);
  expect(seenBeforeKill).toBeLessThan(CANDIDATES);

  t = await open(where, dataKey);
  try {
    const afterCrash = await t.db.select().from(certificates).where(eq(certificates.planId, w.planId));
    // Whole chunks only: nothing half-written.
    expect(afterCrash.length % CHUNK).toBe(0);
    expect(afterCrash.length).toBeGreaterThan(0);
    expect(afterCrash.length).toBeLessThan(CANDIDATES);
    const [job] = await t.db.select().from(jobs).where(eq(jobs.kind, 'certificates.issue'));
    expect(job!.status).toBe('running');
    // The dead worker's lease runs out (120 s in production); the next worker takes the job up again.
    await t.db.update(jobs).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(jobs.id, job!.id));
    await drainJobs(t.db);
    await idleJobs(t.db);

    const rows = await t.db.select().from(certificates).where(eq(certificates.planId, w.planId));
    expect(rows).toHaveLength(CANDIDATES);
    expect(new Set(rows.map((r) => r.enrolmentId)).size).toBe(CANDIDATES);
    expect(new Set(rows.map((r) => r.number)).size).toBe(CANDIDATES);
    const serialsUsed = rows.map((r) => r.serial!).sort((a, b) => a - b);
    const first = serialsUsed[0]!;
    expect(serialsUsed).toEqual(Array.from({ length: CANDIDATES }, (_, i) => first + i));
    const [inst] = await t.db.select().from(institutions).where(eq(institutions.id, w.institutionId));
    const yy = String(rows[0]!.year).padStart(2, '0');
    const [counter] = await t.db
      .select()
      .from(serials)
      .where(eq(serials.name, `cert:${inst!.certificatePrefix}:${yy}:4`));
    expect(counter!.value).toBe(first + CANDIDATES - 1);
    // One status-list entry each, never shared.
    const entries = await queryRows<{ n: number }>(
      t.db,
      sql`select count(distinct (status_list_id, status_index))::int as n from certificates where plan_id = ${w.planId}`,
    );
    expect(entries[0]!.n).toBe(CANDIDATES);
    const [batch] = await t.db.select().from(certificateBatches).where(eq(certificateBatches.planId, w.planId));
    expect(batch).toMatchObject({ status: 'done', issued: CANDIDATES });
    const [doneJob] = await t.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(doneJob!.status).toBe('done');
  } finally {
    await t.close();
  }
}, 300_000);
