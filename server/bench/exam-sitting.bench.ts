import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { queryRows } from '../src/db/client.ts';
import { enrolments, persons, seatAssignments } from '../src/db/schema.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { examNumber } from '../src/modules/seating/exam-number.ts';
import { hotPathStats } from '../src/modules/exams/exams.service.ts';
import { startExamSweeper } from '../src/modules/exams/exams.sweeper.ts';
import { idNumber } from '../test/helpers/enrolment-plan.ts';
import { makeEvaluationWorld } from '../test/helpers/evaluation.ts';
import type { TestApp } from '../test/helpers/test-app.ts';
import { benchDatabase, report, SMOKE } from './harness.ts';

/**
 * The theory sitting of the issue: CANDIDATES simulated candidates (5,000) press start within START_SECONDS (60 s), then
 * each saves one answer every SAVE_SECONDS (10 s), ROUNDS times — the exam's writing time shortened to ROUNDS × 10 s
 * for the bench (the rates are the real sitting's: ~83 starts/s, then ~500 autosaves/s). The candidates are a second
 * process on loopback (load.ts --exam-sitting), open-loop on the clock; the server process also runs the exam sweeper,
 * as main.ts does. Before, everyone signs in (bounded: one room behind one address).
 *
 * Variables: BENCH_EXAM_CANDIDATES, BENCH_EXAM_START_SECONDS, BENCH_EXAM_SAVE_SECONDS, BENCH_EXAM_ROUNDS (above);
 * BENCH_SQL_TIME=1 prints, on PGlite, the embedded database's thread time per statement during the sitting (see
 * timeEmbeddedSql); BENCH_CPU_PROF_DIR profiles the candidates' process (run the bench with --cpu-prof for the server's).
 */
const CANDIDATES = Number(process.env.BENCH_EXAM_CANDIDATES ?? (SMOKE ? 30 : 5000));
const START_SECONDS = Number(process.env.BENCH_EXAM_START_SECONDS ?? (SMOKE ? 1 : 60));
const SAVE_SECONDS = Number(process.env.BENCH_EXAM_SAVE_SECONDS ?? (SMOKE ? 0.5 : 10));
const ROUNDS = Number(process.env.BENCH_EXAM_ROUNDS ?? (SMOKE ? 2 : 6));
const SIGN_IN_CONCURRENCY = 32;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};
/** The machine's count of connections dropped from a full listen queue (Linux; every process on the machine). */
function listenOverflows(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const names = lines.find((l) => l.startsWith('TcpExt:'))?.split(' ') ?? [];
    const values = lines.filter((l) => l.startsWith('TcpExt:'))[1]?.split(' ') ?? [];
    return Number(values[names.indexOf('ListenOverflows')] ?? 0);
  } catch {
    return 0;
  }
}
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);

interface OpSummary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rps: number;
  errors: number;
  statuses: Record<string, number>;
}
interface SittingResult {
  signIn: OpSummary;
  start: OpSummary;
  save: OpSummary;
  /** A start's new connection: from the request made to the socket connected. */
  startConnect: { p50: number; p90: number; p99: number; max: number };
  lagMs: number;
  wallMs: number;
  acks: [string, string, number][];
}

/** Runs the candidates' process with the plan on its stdin; answers its one JSON line. */
function candidates(plan: object, onSignedIn: () => void): Promise<SittingResult> {
  const script = fileURLToPath(new URL('./load.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF_DIR: the candidates' process writes a CPU profile there (run the bench itself with --cpu-prof for the server's).
    const prof = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
    const child = spawn(process.execPath, [...prof, '--import', 'tsx', script, '--exam-sitting'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    let signedIn = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!signedIn && out.includes('signed-in\n')) {
        signedIn = true;
        onSignedIn();
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`the candidates' process exited with ${code}`));
      else resolve(JSON.parse(line) as SittingResult);
    });
    child.stdin.end(JSON.stringify(plan));
  });
}

/**
 * BENCH_SQL_TIME=1 (PGlite): the embedded database's thread time per statement during the sitting — PGlite runs each
 * statement synchronously on the server's one event loop, so this is the time every request arriving meanwhile waits.
 * A statement is known by its Parse message's text; the Bind/Execute that follow are counted to it.
 */
function timeEmbeddedSql(db: unknown) {
  const client = (db as { $client?: { execProtocolRawSync?: (m: Uint8Array) => Uint8Array } }).$client;
  const original = client?.execProtocolRawSync;
  const by = new Map<string, { n: number; ms: number; max: number }>();
  let on = false;
  // A PREPAREd statement's EXECUTE by its name; any other by its first words.
  const label = (text: string) => /^execute (\w+)\(/.exec(text)?.[1] ?? text.replace(/\s+/g, ' ').slice(0, 140);
  const statements = new Map<string, number>();
  const count = (q: string) => on && statements.set(q, (statements.get(q) ?? 0) + 1);
  if (process.env.BENCH_SQL_TIME === '1' && client && original) {
    let current = '(none)';
    client.execProtocolRawSync = function (this: unknown, m: Uint8Array) {
      if (m[0] === 0x50) {
        // Parse: 'P', int32 length, statement name\0, query\0
        const nameEnd = m.indexOf(0, 5);
        current = label(Buffer.from(m.subarray(nameEnd + 1, m.indexOf(0, nameEnd + 1))).toString('utf8'));
        count(current);
      } else if (m[0] === 0x51) {
        current = label(Buffer.from(m.subarray(5, m.length - 1)).toString('utf8'));
        count(current);
      }
      const at = performance.now();
      try {
        return original.call(this, m);
      } finally {
        if (on) {
          const ms = performance.now() - at;
          if (process.env.BENCH_SQL_TYPES === '1') {
            const key = `${current.slice(0, 30)} [${String.fromCharCode(m[0] ?? 63)}]`;
            const y = by.get(key) ?? { n: 0, ms: 0, max: 0 };
            y.n += 1;
            y.ms += ms;
            y.max = Math.max(y.max, ms);
            by.set(key, y);
          }
          const x = by.get(current) ?? { n: 0, ms: 0, max: 0 };
          x.n += 1;
          x.ms += ms;
          x.max = Math.max(x.max, ms);
          by.set(current, x);
        }
      }
    };
  }
  return {
    reset: () => {
      by.clear();
      statements.clear();
      on = true;
    },
    stop: () => {
      on = false;
    },
    print: () => {
      if (!by.size) return;
      const rows = [...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30);
      console.log(`  the embedded database's thread during the sitting: ${[...by.values()].reduce((t, x) => t + x.ms, 0).toFixed(0)} ms in all`);
      for (const [q, x] of rows)
        console.log(
          `    ${x.ms.toFixed(0).padStart(7)} ms  ${String(statements.get(q) ?? 0).padStart(6)} statements (${String(x.n).padStart(6)} messages)  max ${x.max.toFixed(1).padStart(6)} ms  ${q}`,
        );
    },
  };
}

async function sitting(databaseUrl: string | undefined): Promise<void> {
  const config = { ...loadConfig({}, []), databaseUrl, seedDemo: true, logLevel: 'silent' as const };
  const { database, identity, credentials } = await prepareDatabase(config, { inMemory: true });
  const { app } = await buildApp({ db: database.db, dbKind: database.kind, config, identity, credentials }, false);
  // The server's own time per request (from its headers parsed to the response written), to tell the part of the
  // candidates' latency spent in the server from queueing before it (the client, sockets, the accept queue).
  const served = { start: [] as number[], save: [] as number[] };
  // And, for a start (each on a new connection), the time from the server accepting the connection to the request's
  // headers parsed (a server busy elsewhere reads a new connection late).
  const acceptedAt = new WeakMap<object, number>();
  const startRead: number[] = [];
  const startQueued: number[] = [];
  const startServed: number[] = [];
  app.server.prependListener('connection', (socket: object) => acceptedAt.set(socket, performance.now()));
  app.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const at = performance.now();
    const accepted = acceptedAt.get(req.socket);
    if (req.url === '/api/exam/start' && accepted !== undefined) {
      startRead.push(at - accepted);
      // The candidate's moment of sending, on the machine's clock: how long before the server accepted the connection
      // (the kernel's accept queue), and how long from sending to the response handed to the kernel.
      const sentAt = Number(req.headers['x-sent-at']) - performance.timeOrigin;
      if (Number.isFinite(sentAt)) {
        startQueued.push(accepted - sentAt);
        res.once('finish', () => startServed.push(performance.now() - sentAt));
      }
    }
    const into = req.url === '/api/exam/start' ? served.start : req.url === '/api/exam/answers' ? served.save : undefined;
    if (into) res.once('finish', () => into.push(performance.now() - at));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const t: TestApp = {
    app,
    db: database.db,
    routes: [],
    dbKind: database.kind,
    identity,
    credentials,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      const cookie = res.cookies.find((c) => c.name === 'skillcert_session');
      if (!cookie) throw new Error(`login ${username}: ${res.statusCode}`);
      return `skillcert_session=${cookie.value}`;
    },
    close: async () => undefined,
  };
  try {
    // The sitting: the evaluation fixture's plan (theory paper of 6 objective + 2 简答 items), then 1,000 seated candidates.
    progress(`${database.kind}: demo world seeded; seating ${CANDIDATES} candidates`);
    const w = await makeEvaluationWorld(t, { candidates: 0, examiners: 0, theoryDurationMinutes: 120 });
    const people: { examNumber: string; idNumber: string }[] = [];
    const year = new Date().getUTCFullYear();
    for (let start = 0; start < CANDIDATES; start += 250) {
      const chunk = Array.from({ length: Math.min(250, CANDIDATES - start) }, (_, k) => start + k);
      const rows = chunk.map((i) => {
        const id = idNumber(i % 1000, `2004${String(1 + Math.floor(i / 1000)).padStart(2, '0')}15`, '310116');
        const sealed = identity.seal(id);
        return { i, id, sealed };
      });
      const ps = await database.db
        .insert(persons)
        .values(
          rows.map((r) => ({
            idType: 'resident_id',
            idCipher: r.sealed.cipher,
            idHash: r.sealed.hash,
            name: `考生${r.i}`,
            gender: 'female',
            birthDate: '2004-01-15',
          })),
        )
        .returning({ id: persons.id });
      const es = await database.db
        .insert(enrolments)
        .values(
          ps.map((p) => ({
            planId: w.planId,
            personId: p.id,
            orgId: w.orgId,
            category: 'own_student',
            className: '机电2301',
            graduatingYear: year,
            source: 'excel',
          })),
        )
        .returning({ id: enrolments.id });
      await database.db.insert(seatAssignments).values(
        es.map((e, k) => {
          const i = rows[k]!.i;
          const number = examNumber({ year, institutionSerial: '8888', planSeq: 777, partCode: 'T', roomNo: Math.floor(i / 99) + 1, seat: (i % 99) + 1 });
          people.push({ examNumber: number, idNumber: rows[k]!.id });
          return { planId: w.planId, enrolmentId: e.id, partId: w.theory.partId, sittingId: w.theory.sittingId, seat: i + 1, examNumber: number };
        }),
      );
    }
    progress('candidates seated; preparing copies');
    const school = await t.login(w.schoolUsername);
    const p0 = performance.now();
    const prepared = await fetch(`${base}/api/sittings/${w.theory.sittingId}/prepare`, { method: 'POST', headers: { cookie: school } }).then((r) => r.json());
    const prepareMs = performance.now() - p0;

    progress(`copies prepared; ${CANDIDATES} candidates sign in, start within ${START_SECONDS} s, save every ${SAVE_SECONDS} s × ${ROUNDS}`);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const sqlTime = timeEmbeddedSql(database.db);
    const stopSweeper = startExamSweeper(database.db, { info: () => undefined, error: (o: unknown) => console.error('sweeper', o) });
    let result: SittingResult;
    let overflowsBefore = listenOverflows();
    try {
      result = await candidates(
        {
          base,
          people,
          signInConcurrency: SIGN_IN_CONCURRENCY,
          startSeconds: START_SECONDS,
          saveSeconds: SAVE_SECONDS,
          rounds: ROUNDS,
        },
        () => {
          overflowsBefore = listenOverflows();
          served.start.length = 0;
          startRead.length = 0;
          startQueued.length = 0;
          startServed.length = 0;
          served.save.length = 0;
          loopDelay.enable();
          sqlTime.reset();
        },
      );
    } finally {
      loopDelay.disable();
      await stopSweeper();
      sqlTime.stop();
    }
    // Every acknowledged answer must be in the database with at least the acknowledged seq.
    const acked = new Map<string, number>();
    for (const [attemptId, itemId, seq] of result.acks) acked.set(`${attemptId}|${itemId}`, Math.max(seq, acked.get(`${attemptId}|${itemId}`) ?? 0));
    const rows = await queryRows<{ attempt_id: string; item_id: string; seq: number }>(
      database.db,
      sql`select x.attempt_id, x.item_id, x.seq from exam_answers x join exam_attempts a on a.id = x.attempt_id where a.sitting_id = ${w.theory.sittingId}`,
    );
    const inDb = new Map(rows.map((r) => [`${r.attempt_id}|${r.item_id}`, Number(r.seq)]));
    let lost = 0;
    for (const [key, seq] of acked) if ((inDb.get(key) ?? -1) < seq) lost += 1;
    console.log(
      `exam sitting (${database.kind}, ${CANDIDATES} candidates: start within ${START_SECONDS} s, then an autosave every ${SAVE_SECONDS} s × ${ROUNDS}; candidates in a second process, loopback HTTP)`,
    );
    console.log(`  copies prepared ahead   ${JSON.stringify(prepared)} in ${prepareMs.toFixed(0)} ms`);
    for (const [name, op] of [
      ['sign-in', result.signIn],
      ['start', result.start],
      ['autosave', result.save],
    ] as const) {
      console.log(
        `  ${name.padEnd(10)} n=${String(op.n).padStart(6)}  p50 ${op.p50.toFixed(1).padStart(7)} ms  p90 ${op.p90.toFixed(1).padStart(7)} ms  p99 ${op.p99.toFixed(1).padStart(7)} ms  max ${op.max.toFixed(0).padStart(6)} ms  ${op.rps.toFixed(0).padStart(5)} req/s  errors ${op.errors} ${JSON.stringify(op.statuses)}`,
      );
    }
    const inServer = (name: string, xs: number[], what = "in the server's handler") =>
      console.log(
        `  ${name.padEnd(10)} ${what}: p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms  p90 ${pct(xs, 90).toFixed(1).padStart(7)} ms  p99 ${pct(xs, 99).toFixed(1).padStart(7)} ms  max ${pct(xs, 100).toFixed(0).padStart(6)} ms`,
      );
    inServer('start', served.start);
    inServer('start', startQueued, 'from sent to the connection accepted');
    inServer('start', startRead, 'from the connection accepted to the request read');
    inServer('start', startServed, 'from sent to the response written');
    const c = result.startConnect;
    console.log(
      `  start      connecting (the candidates' side): p50 ${c.p50.toFixed(1)} ms  p90 ${c.p90.toFixed(1)} ms  p99 ${c.p99.toFixed(1)} ms  max ${c.max.toFixed(0)} ms`,
    );
    inServer('autosave', served.save);
    const overflows = listenOverflows() - overflowsBefore;
    console.log(`  listen-queue overflows during the sitting (the whole machine's count): ${overflows}`);
    // The histogram holds the intervals of a 10 ms timer: the delay is what passes beyond the 10 ms.
    const ms = (ns: number) => Math.max(0, ns / 1e6 - 10).toFixed(0);
    console.log(
      `  server event-loop delay during the sitting: p50 ${ms(loopDelay.percentile(50))} ms  p99 ${ms(loopDelay.percentile(99))} ms  max ${ms(loopDelay.max)} ms; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${os.cpus().length} cores`,
    );
    sqlTime.print();
    const g = hotPathStats(database.db);
    const per = (x: { batches: number; inputs: number; largest: number }) => `${x.inputs} in ${x.batches} statements (largest ${x.largest})`;
    console.log(`  group commit: look-ups ${per(g.lookups)}; starts ${per(g.starts)}; autosaves ${per(g.autosaves)}`);
    console.log(`  client lag (late timers) max ${result.lagMs.toFixed(0)} ms; answers acknowledged ${acked.size}, in the database ${inDb.size}, lost ${lost}`);
    const signIn = result.signIn;
    const start = result.start;
    const save = result.save;
    const n = `${CANDIDATES.toLocaleString()} candidates`;
    report({ figure: `exam sitting ${n}: sign-in p99 (32 at once)`, unit: 'ms', ours: signIn.p99, goal: { info: true } });
    report({ figure: `exam sitting ${n}: start p99`, unit: 'ms', ours: start.p99, goal: { below: 100 } });
    report({ figure: `exam sitting ${n}: autosave p99`, unit: 'ms', ours: save.p99, goal: { below: 100 } });
    for (const [name, op, srv] of [
      ['start', start, served.start],
      ['autosave', save, served.save],
    ] as const) {
      report({ figure: `exam sitting ${n}: ${name} p50`, unit: 'ms', ours: op.p50, goal: { info: true } });
      report({ figure: `exam sitting ${n}: ${name} p90`, unit: 'ms', ours: op.p90, goal: { info: true } });
      report({ figure: `exam sitting ${n}: ${name} max`, unit: 'ms', ours: op.max, goal: { info: true } });
      report({ figure: `exam sitting ${n}: ${name} p99 in the server's handler`, unit: 'ms', ours: pct(srv, 99), goal: { info: true } });
    }
    report({ figure: `exam sitting ${n}: server event-loop delay max`, unit: 'ms', ours: Math.max(0, loopDelay.max / 1e6 - 10), goal: { info: true } });
    report({ figure: `exam sitting ${n}: listen-queue overflows (machine-wide)`, unit: '', ours: overflows, goal: { info: true } });
    report({ figure: `exam sitting ${n}: load average (1 min) at the end`, unit: '', ours: os.loadavg()[0] ?? 0, goal: { info: true } });
    report({ figure: `exam sitting ${n}: lost answers`, unit: '', ours: lost, goal: { below: 1 } });
    report({ figure: `exam sitting ${n}: refused requests`, unit: '', ours: signIn.errors + start.errors + save.errors, goal: { below: 1 } });
  } finally {
    await app.close();
    await database.close();
  }
}

const target = await benchDatabase();
try {
  await sitting(target.url);
} finally {
  await target.drop();
}
