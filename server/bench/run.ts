/**
 * `npm run bench [-- --compare] [-- --smoke] [-- --only NAME] [-- --db pglite|postgres|both]`: runs every
 * server/bench/*.bench.ts (each in its own process, on PGlite and on PostgreSQL) and prints ONE table of what they
 * report() — figure, ours, the limit measured in the same run, the ratio, the goal, pass/miss. The run is kept as
 * JSON under bench/results/; --compare prints each figure beside the previous JSON's. PostgreSQL: BENCH_PG_URL or
 * TEST_PG_URL, else a throwaway server started here when initdb exists (as scripts/test.sh does).
 * --smoke: the benches marked `// bench: smoke` (or --only), small sizes and ~1 s of load per figure, PGlite only,
 * nothing written — `npm test` runs it so the harness cannot rot; exit 1 when a bench fails to run (a missed goal is
 * not a failure there: the machine is shared). `--smoke --only .bench.ts` smoke-runs every bench.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchRow, goalText, ROW_MARK } from './harness.ts';

const { values } = parseArgs({
  options: {
    compare: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    db: { type: 'string', default: 'both' },
  },
});
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const RESULTS = path.join(ROOT, 'bench/results');
const smoke = values.smoke;

const files = readdirSync(HERE)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => (values.only ? f.includes(values.only) : !smoke || readFileSync(path.join(HERE, f), 'utf8').includes('// bench: smoke')))
  // The public reads first (the figures the issues ask for with 1,000,000 certificates), then by name.
  .sort((a, b) => Number(b.startsWith('public-reads')) - Number(a.startsWith('public-reads')) || a.localeCompare(b));

// --- PostgreSQL ------------------------------------------------------------------------------------------------------
let pgUrl = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL;
let stopPg = () => {};
const wantPg = !smoke && values.db !== 'pglite';
if (wantPg && !pgUrl) {
  const bins = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)) : [];
  const bin = bins.length ? `/usr/lib/postgresql/${bins[bins.length - 1]}/bin` : '';
  if (bin && existsSync(`${bin}/initdb`)) {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'skillcert-bench-pg.'));
    const root = process.getuid?.() === 0;
    const as = (cmd: string, args: string[]) => (root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args]) : execFileSync(cmd, args));
    if (root) execFileSync('chown', ['postgres', dir]);
    as(`${bin}/initdb`, ['-D', `${dir}/data`, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    as(`${bin}/pg_ctl`, [
      '-D',
      `${dir}/data`,
      '-l',
      `${dir}/log`,
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    ]);
    pgUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stopPg = () => {
      try {
        as(`${bin}/pg_ctl`, ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    };
    console.log(`bench: started a throwaway PostgreSQL on 127.0.0.1:${port}`);
  }
}
const dbs: ('pglite' | 'postgres')[] = [];
if (values.db !== 'postgres') dbs.push('pglite');
if (wantPg) {
  if (pgUrl) dbs.push('postgres');
  else console.log('bench: no PostgreSQL (set BENCH_PG_URL or install postgresql) — PGlite only');
}

// --- run ---------------------------------------------------------------------------------------------------------------
function runOne(file: string, db: 'pglite' | 'postgres'): Promise<{ rows: BenchRow[]; ok: boolean; seconds: number }> {
  const t0 = performance.now();
  const rows: BenchRow[] = [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, file)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_DB: db, BENCH_PG_URL: pgUrl ?? '', BENCH_SMOKE: smoke ? '1' : '0', TEST_PG_URL: db === 'postgres' ? (pgUrl ?? '') : '' },
    });
    let buf = '';
    const prefix = `  [${file.replace('.bench.ts', '')} ${db}] `;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith(ROW_MARK)) rows.push(JSON.parse(line.slice(ROW_MARK.length)) as BenchRow);
        else if (!smoke) process.stdout.write(`${prefix}${line}\n`);
        nl = buf.indexOf('\n');
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      if (!smoke) process.stderr.write(d.toString().replace(/(^|\n)(?=.)/g, `$1${prefix}`));
      else errText += d.toString();
    });
    let errText = '';
    const limit = setTimeout(() => child.kill('SIGKILL'), (smoke ? 120 : 3600) * 1000);
    child.on('exit', (code) => {
      clearTimeout(limit);
      if (code !== 0 && smoke) process.stderr.write(errText);
      resolve({ rows, ok: code === 0 && rows.length > 0, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

/** The run as JSON under bench/results/ (rewritten after every bench, so a run cut short keeps what it measured). */
function writeResults(final: boolean): void {
  if (smoke) return;
  mkdirSync(RESULTS, { recursive: true });
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {}
  const out = path.join(RESULTS, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    out,
    `${JSON.stringify({ at: started.toISOString(), commit, node: process.version, cpus: os.cpus().length, dbs, complete: final, broken, rows: all }, null, 2)}\n`,
  );
  if (final) console.log(`bench: results in ${path.relative(ROOT, out)}`);
}

const all: BenchRow[] = [];
const broken: string[] = [];
const started = new Date();
try {
  for (const file of files) {
    const once = readFileSync(path.join(HERE, file), 'utf8').includes('// bench: no-database');
    for (const db of once ? [dbs[0] ?? 'pglite'] : dbs) {
      console.log(`bench: ${file} on ${once ? 'no database' : db} …`);
      const r = await runOne(file, db);
      all.push(...r.rows);
      if (!r.ok) broken.push(`${file} (${db})`);
      console.log(`bench: ${file} ${r.ok ? 'done' : 'FAILED'} in ${r.seconds.toFixed(0)} s`);
      writeResults(false);
    }
  }
} finally {
  stopPg();
}

// --- the table -----------------------------------------------------------------------------------------------------------
const num = (n: number | null) => (n === null ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
const key = (r: BenchRow) => `${r.figure}|${r.db}`;
let previous: Map<string, BenchRow> | undefined;
const prevFile = existsSync(RESULTS)
  ? readdirSync(RESULTS)
      // the run before this one (this run's own file is already written)
      .filter((f) => f.endsWith('.json') && f < started.toISOString().replace(/[:.]/g, '-'))
      .sort()
      .pop()
  : undefined;
if (values.compare && prevFile) {
  const prev = JSON.parse(readFileSync(path.join(RESULTS, prevFile), 'utf8')) as { rows: BenchRow[] };
  previous = new Map(prev.rows.map((r) => [key(r), r]));
}
const header = ['figure', 'db', 'ours', 'limit (same run)', 'ratio', 'goal', 'result', ...(previous ? [`vs ${prevFile}`] : [])];
const table = all.map((r) => {
  const p = previous?.get(key(r));
  const delta = p
    ? r.ratio !== null && p.ratio !== null
      ? `ratio ${num(p.ratio)} → ${num(r.ratio)}`
      : `${num(p.ours)} → ${num(r.ours)} ${r.unit}`
    : previous
      ? 'new'
      : undefined;
  return [
    r.figure,
    r.db,
    `${num(r.ours)} ${r.unit}`,
    r.limit === null ? '—' : `${num(r.limit)}${r.limitName ? ` (${r.limitName})` : ''}`,
    r.ratio === null ? '—' : num(r.ratio),
    goalText(r.goal),
    r.pass === null ? 'info' : r.pass ? 'pass' : 'MISS',
    ...(delta === undefined ? [] : [delta]),
  ];
});
const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...table.map((row) => (row[i] ?? '').length))));
const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join('  ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const row of table) console.log(line(row));
const passed = all.filter((r) => r.pass === true).length;
const missed = all.filter((r) => r.pass === false).length;
console.log(`\n${all.length} figures: ${passed} pass, ${missed} miss${broken.length ? `; benches that failed to run: ${broken.join(', ')}` : ''}`);

writeResults(true);
if (broken.length) process.exitCode = 1;
