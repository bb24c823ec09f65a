import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { queryRows } from '../src/db/client.ts';
import { enrolments, persons, seatAssignments } from '../src/db/schema.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { examNumber } from '../src/modules/seating/exam-number.ts';
import { idNumber } from '../test/helpers/enrolment-plan.ts';
import { makeEvaluationWorld } from '../test/helpers/evaluation.ts';
import type { TestApp } from '../test/helpers/test-app.ts';
import { benchDatabase, report, SMOKE } from './harness.ts';

const CANDIDATES = Number(process.env.BENCH_EXAM_CANDIDATES ?? (SMOKE ? 30 : 2000));
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
const ANSWERS = 6;
/** Requests in flight at once (a room behind one address: the sign-in throttle lets 50 unsettled guesses pass). */
const CONCURRENCY = Number(process.env.BENCH_EXAM_CONCURRENCY ?? 32);

interface Op {
  name: string;
  ms: number[];
  errors: number;
  wallMs: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};

/** Runs `n` tasks with at most `limit` in flight; each task's time is recorded. */
async function rush(name: string, n: number, limit: number, task: (i: number) => Promise<boolean>): Promise<Op> {
  const op: Op = { name, ms: [], errors: 0, wallMs: 0 };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        const s = performance.now();
        const ok = await task(i).catch(() => false);
        op.ms.push(performance.now() - s);
        if (!ok) op.errors += 1;
      }
    }),
  );
  op.wallMs = performance.now() - t0;
  return op;
}

async function sitting(databaseUrl: string | undefined): Promise<void> {
  const config = { ...loadConfig({}, []), databaseUrl, seedDemo: true, logLevel: 'silent' as const };
  const { database, identity, credentials } = await prepareDatabase(config, { inMemory: true });
  const { app } = await buildApp({ db: database.db, dbKind: database.kind, config, identity, credentials }, false);
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

    progress('copies prepared; the start rush');
    // The start rush: sign in, then start.
    const cookies: string[] = [];
    const attemptIds: string[] = [];
    const items: { itemId: string; type: string; keys: string[] }[][] = [];
    const signIn = await rush('sign-in', CANDIDATES, CONCURRENCY, async (i) => {
      const res = await fetch(`${base}/api/exam/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ examNumber: people[i]!.examNumber, idNumber: people[i]!.idNumber, deviceId: `bench-device-${i}` }),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('skillcert_exam='));
      const body = (await res.json()) as { attemptId?: string };
      if (res.status !== 200 || !cookie || !body.attemptId) return false;
      cookies[i] = cookie.split(';')[0]!;
      attemptIds[i] = body.attemptId;
      return true;
    });
    const start = await rush('start', CANDIDATES, CONCURRENCY, async (i) => {
      if (!cookies[i]) return false;
      const res = await fetch(`${base}/api/exam/start`, { method: 'POST', headers: { cookie: cookies[i]! } });
      const body = (await res.json()) as { items?: { itemId: string; type: string; options: { key: string }[] }[] };
      items[i] = (body.items ?? []).map((it) => ({ itemId: it.itemId, type: it.type, keys: it.options.map((o) => o.key) }));
      return res.status === 200;
    });

    progress('started; autosaves');
    // Autosaves: ANSWERS answers per candidate, one PUT each; remember what the server acknowledged.
    const acked = new Map<string, number>();
    const save = await rush('autosave', CANDIDATES * ANSWERS, CONCURRENCY, async (n) => {
      const i = n % CANDIDATES;
      const k = Math.floor(n / CANDIDATES);
      const item = items[i]?.[k];
      if (!cookies[i] || !item) return false;
      const response = item.type === 'subjective' ? { text: `第${k + 1}题的作答 ${i}` } : { keys: item.keys.slice(0, 1) };
      const res = await fetch(`${base}/api/exam/answers`, {
        method: 'PUT',
        headers: { cookie: cookies[i]!, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: [{ itemId: item.itemId, response, flagged: false, seq: k + 1 }] }),
      });
      const body = (await res.json()) as { saved?: { itemId: string; seq: number }[] };
      if (res.status !== 200) return false;
      for (const s of body.saved ?? []) acked.set(`${attemptIds[i]}|${s.itemId}`, s.seq);
      return true;
    });
    // Every acknowledged answer must be in the database with at least the acknowledged seq.
    const rows = await queryRows<{ attempt_id: string; item_id: string; seq: number }>(
      database.db,
      sql`select x.attempt_id, x.item_id, x.seq from exam_answers x join exam_attempts a on a.id = x.attempt_id where a.sitting_id = ${w.theory.sittingId}`,
    );
    const inDb = new Map(rows.map((r) => [`${r.attempt_id}|${r.item_id}`, Number(r.seq)]));
    let lost = 0;
    for (const [key, seq] of acked) if ((inDb.get(key) ?? -1) < seq) lost += 1;
    console.log(`exam sitting (${database.kind}, ${CANDIDATES} candidates, ${ANSWERS} answers each, ${CONCURRENCY} requests in flight, loopback HTTP)`);
    console.log(`  copies prepared ahead   ${JSON.stringify(prepared)} in ${prepareMs.toFixed(0)} ms`);
    for (const op of [signIn, start, save]) {
      console.log(
        `  ${op.name.padEnd(10)} n=${String(op.ms.length).padStart(5)}  p50 ${pct(op.ms, 50).toFixed(1).padStart(7)} ms  p99 ${pct(op.ms, 99).toFixed(1).padStart(7)} ms  ${((op.ms.length * 1000) / op.wallMs).toFixed(0).padStart(5)} req/s  errors ${op.errors}`,
      );
    }
    console.log(`  answers acknowledged ${acked.size}, in the database ${inDb.size}, lost ${lost}`);
    const n = `${CANDIDATES.toLocaleString()} candidates`;
    report({ figure: `exam sitting ${n}: start p99`, unit: 'ms', ours: pct(start.ms, 99), goal: { below: 100 } });
    report({ figure: `exam sitting ${n}: autosave p99`, unit: 'ms', ours: pct(save.ms, 99), goal: { below: 100 } });
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
