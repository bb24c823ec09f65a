import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { certificateBatches, certificates, institutions, serials } from '../src/db/schema.ts';
import { CHUNK } from '../src/modules/certificates/certificates.service.ts';
import { cleanup, demoInstance, openInstance } from '../test/helpers/operations.ts';
import { makeBigClearedPlan } from './fixtures/big-plan.ts';

/**
 * Issue 17 part 1 (a): a certificate batch killed with SIGKILL at RANDOM moments (not only after a chunk: while
 * signing, inside a chunk's transaction, between chunks), restarted each time, until it finishes. Then: every
 * candidate exactly one certificate, numbers distinct and contiguous (none skipped or reused), the serial counter at
 * the last number, after every kill only whole chunks committed. The kills are spread over the batch: the k-th comes
 * at a random position of the k-th of KILLS+1 equal parts, 0–400 ms after the chunk that reached it committed.
 * STRESS_CERTIFICATES sets the batch size (default below; the fixture, fixtures/big-plan.ts, clears any number);
 * STRESS_KILLS the number of kills; STRESS_SEED repeats a run; STRESS_DEBUG=FILE keeps the children's output;
 * STRESS_CPU_PROF=DIR writes a CPU profile of the last (unkilled) child. Prints, per run and in total: certificates,
 * time, rate, load average, and the signing library's own rate measured in the last child just before it issues.
 * Runs in scripts/test.sh on PGlite and PostgreSQL.
 */
const SIZE = Number(process.env.STRESS_CERTIFICATES ?? 10_000);
const KILLS = Number(process.env.STRESS_KILLS ?? 2);
/** Time allowed for the whole batch (a hang is caught sooner: 150 s without output): 10,000 at load 30 on 2 cores ran ≈ 8/s. */
const BUDGET_MS = Math.max(600_000, SIZE * 300);
const SEED = Number(process.env.STRESS_SEED ?? Date.now() % 100000);
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'batch.child.ts');
/** Children still running when the test ends (a failed or timed-out run): killed, never left issuing in the background. */
const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await cleanup();
});

let state = SEED;
function random(): number {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
}

interface Outcome {
  outcome: 'killed' | 'done';
  /** The signing library's rate in the child (when asked for), certificates per second. */
  library?: number;
  /** Certificates per second the child issued from taking the job up to its end (when it finished). */
  rate?: number;
}

/**
 * Runs the child; once it reports `issued N` with N ≥ `killAt`, kills it `delayMs` later (or, when it finishes first,
 * answers 'done'). `killAt` null: never killed.
 */
function runAndKill(env: object, killAt: number | null, delayMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const profile = process.env.STRESS_CPU_PROF && killAt === null ? ['--cpu-prof', `--cpu-prof-dir=${process.env.STRESS_CPU_PROF}`] : [];
    const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', CHILD], {
      env: { ...process.env, CHILD: JSON.stringify({ ...env, library: killAt === null, profile: profile.length > 0 }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let err = '';
    let armed = false;
    let library: number | undefined;
    let rate: number | undefined;
    // No output for 150 s: stuck (a 10,000 batch prints after every chunk).
    const stuck = () =>
      setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`child made no progress: ${err.slice(-1500)}`));
      }, 150_000);
    let timer = stuck();
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      const text = d.toString();
      clearTimeout(timer);
      timer = stuck();
      if (process.env.STRESS_DEBUG) fs.appendFileSync(process.env.STRESS_DEBUG, text);
      const lib = /library ([\d.]+)\/s/.exec(text);
      if (lib) library = Number(lib[1]);
      const r = /rate (\d+) in ([\d.]+) s/.exec(text);
      if (r) rate = Number(r[1]) / Number(r[2]);
      if (text.includes('batch done')) {
        clearTimeout(timer);
        if (!profile.length) child.kill('SIGKILL');
        resolve({ outcome: 'done', library, rate });
        return;
      }
      const issued = [...text.matchAll(/issued (\d+)/g)].map((m) => Number(m[1]));
      if (!armed && killAt !== null && issued.some((n) => n >= killAt)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      if (signal === 'SIGKILL' || (profile.length && code === 0)) resolve({ outcome: 'killed', library });
      else reject(new Error(`child exited (${code}): ${err.slice(-1500)}`));
    });
  });
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

it(
  `a ${SIZE}-certificate batch killed ${KILLS} times at random moments issues each certificate once, numbers contiguous (seed ${SEED})`,
  async () => {
    const { where, dataKey: key, loadDataDir } = await demoInstance();
    let t = await openInstance(where, key, loadDataDir);
    const w = await makeBigClearedPlan(t, SIZE);
    await t.close();

    const db = process.env.TEST_DB ?? 'pglite';
    const say = (line: string) => console.log(`[certificates batch ${db}] ${line}`);
    const started = performance.now();
    const loadAtStart = load();
    let killedMidway = 0;
    let have = 0;
    let library: number | undefined;
    let lastRate = 0;
    for (let round = 0; round <= KILLS; round++) {
      const t0 = performance.now();
      // The k-th kill: somewhere in the k-th of KILLS+1 equal parts of the batch (after at least one chunk).
      const killAt = round === KILLS ? null : Math.max(CHUNK, Math.floor((SIZE * (round + random())) / (KILLS + 1)));
      const run = await runAndKill({ ...where, dataKey: key, planId: w.planId, resume: round > 0 }, killAt, Math.floor(random() * 400));
      const ms = performance.now() - t0;
      t = await openInstance(where, key);
      try {
        const rows = await t.db.select({ id: certificates.id }).from(certificates).where(eq(certificates.planId, w.planId));
        const gained = rows.length - have;
        have = rows.length;
        say(
          `run ${round + 1}: ${run.outcome}, ${have} of ${SIZE} issued (+${gained} in ${(ms / 1000).toFixed(1)} s with start-up: ${(gained / (ms / 1000)).toFixed(1)}/s), load ${load()}`,
        );
        if (run.outcome === 'done') {
          expect(rows).toHaveLength(SIZE);
          library = run.library;
          lastRate = run.rate ?? 0;
          break;
        }
        // Killed at a random moment: only whole chunks are in, never a half-written one.
        expect(rows.length % CHUNK === 0 || rows.length === SIZE).toBe(true);
        if (rows.length < SIZE) killedMidway++;
      } finally {
        await t.close();
      }
    }
    const total = (performance.now() - started) / 1000;
    say(
      `${SIZE} certificates, ${killedMidway} kills, ${total.toFixed(0)} s in all (${(SIZE / total).toFixed(1)}/s with restarts), load ${loadAtStart} → ${load()}` +
        (library
          ? `; last run ${lastRate.toFixed(1)}/s (start-up not counted) against the signing library's ${library.toFixed(1)}/s alone in that process: ${((lastRate / library) * 100).toFixed(0)}%`
          : ''),
    );

    // The batch really was interrupted (not finished before the first kill).
    expect(killedMidway).toBeGreaterThan(0);
    t = await openInstance(where, key);
    try {
      const rows = await t.db.select().from(certificates).where(eq(certificates.planId, w.planId));
      expect(rows).toHaveLength(SIZE);
      expect(new Set(rows.map((r) => r.enrolmentId)).size).toBe(SIZE);
      expect(new Set(rows.map((r) => r.number)).size).toBe(SIZE);
      const used = rows.map((r) => r.serial!).sort((a, b) => a - b);
      expect(used).toEqual(Array.from({ length: SIZE }, (_, i) => used[0]! + i));
      const [inst] = await t.db.select().from(institutions).where(eq(institutions.id, w.institutionId));
      const [counter] = await t.db
        .select()
        .from(serials)
        .where(eq(serials.name, `cert:${inst!.certificatePrefix}:${String(rows[0]!.year).padStart(2, '0')}:4`));
      expect(counter!.value).toBe(used[0]! + SIZE - 1);
      const [batch] = await t.db.select().from(certificateBatches).where(eq(certificateBatches.planId, w.planId));
      expect(batch).toMatchObject({ status: 'done', issued: SIZE });
    } finally {
      await t.close();
    }
  },
  BUDGET_MS,
);
