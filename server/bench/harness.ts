/**
 * What a bench file needs to take part in `npm run bench` (server/bench/run.ts runs every `*.bench.ts` here):
 * `report()` one row per figure — ours, the limit measured in the same run, the goal — and the runner prints them
 * all as one table and keeps them as JSON under bench/results/. Adding a bench is adding a file that calls report().
 *
 * The runner sets BENCH_DB (pglite | postgres; with postgres BENCH_PG_URL, a server where the bench may create a
 * throwaway database) and BENCH_SMOKE=1 for the quick run in `npm test` (small sizes, ~1 s of load: it only proves the
 * bench still works). A bench file that needs no database says so on a line `// bench: no-database` (run once).
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const SMOKE = process.env.BENCH_SMOKE === '1';
export const BENCH_DB: 'pglite' | 'postgres' = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
export const ROW_MARK = 'BENCH-ROW ';

/** ratio ≥ min (ours/limit, higher is better: rates), ratio ≤ max (times), ours < below (an absolute bar, e.g. p99 ms). */
export type Goal = { atLeast: number } | { atMost: number } | { below: number } | { info: true };

export interface BenchRow {
  figure: string;
  db: 'pglite' | 'postgres' | '-';
  unit: string;
  ours: number;
  /** The limit measured in the same run (null for an absolute goal). */
  limit: number | null;
  limitName: string | null;
  ratio: number | null;
  goal: Goal;
  pass: boolean | null;
}

export function goalText(g: Goal): string {
  if ('atLeast' in g) return `≥ ${g.atLeast}×`;
  if ('atMost' in g) return `≤ ${g.atMost}×`;
  if ('below' in g) return `< ${g.below}`;
  return '—';
}

/** Records one figure (printed for people, and as a marked JSON line the runner collects). */
export function report(r: {
  figure: string;
  unit: string;
  ours: number;
  limit?: number | null;
  limitName?: string;
  goal: Goal;
  db?: BenchRow['db'];
}): BenchRow {
  const limit = r.limit ?? null;
  const ratio = limit ? r.ours / limit : null;
  const g = r.goal;
  const pass =
    'atLeast' in g
      ? ratio === null
        ? null
        : ratio >= g.atLeast
      : 'atMost' in g
        ? ratio === null
          ? null
          : ratio <= g.atMost
        : 'below' in g
          ? r.ours < g.below
          : null;
  const row: BenchRow = { figure: r.figure, db: r.db ?? BENCH_DB, unit: r.unit, ours: r.ours, limit, limitName: r.limitName ?? null, ratio, goal: g, pass };
  console.log(`${ROW_MARK}${JSON.stringify(row)}`);
  return row;
}

/** A fresh PostgreSQL database for this bench (dropped by the returned function), or undefined on PGlite. */
export async function benchDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const base = process.env.BENCH_PG_URL;
  if (BENCH_DB !== 'postgres') return { url: undefined, drop: async () => {} };
  if (!base) throw new Error('BENCH_DB=postgres needs BENCH_PG_URL');
  const name = `skillcert_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  paths: string[];
  bodies?: string[];
  connections?: number;
  seconds?: number;
  forwardedFor?: boolean;
  /** Requests offered per second, open loop, each timed from when it was due (load.ts openLoop()); else saturated. */
  rate?: number;
}
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  statuses: Record<string, number>;
  /** Open loop only: the load generator's own worst lateness in sending a due request (ms; included in the latencies). */
  lagMs?: number;
}

/** Load from a second process (autocannon over loopback), bounded in time. */
export function loadFromAnotherProcess(spec: LoadSpec): Promise<LoadResult> {
  const full = { connections: 16, seconds: SMOKE ? 1 : 8, ...spec };
  const script = fileURLToPath(new URL('./load.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(full)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}
