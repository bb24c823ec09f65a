/**
 * The free public query under load (issue 13 "Done when"): with N certificates in the table (default 1,000,000;
 * CERT_BENCH_N), verification by number and search by name + ID number through the real app (validation, the
 * DB-shared rate limit, the masked view), beside a bare Fastify route doing one prepared indexed lookup on the same
 * table — in the same run. PostgreSQL (BENCH_PG_URL or TEST_PG_URL, a fresh database) or, without one, PGlite.
 * Requests are in-process (inject), 32 at a time, each from its own client address (as many phones would be).
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Executor, openDatabase, queryRows } from '../src/db/client.ts';
import { vaultFromKey } from '../src/modules/identity/identity.vault.ts';

const N = Number(process.env.CERT_BENCH_N ?? 1_000_000);
const SECONDS = Number(process.env.CERT_BENCH_SECONDS ?? 8);
const CONCURRENCY = 32;

async function freshPg(base: string): Promise<string> {
  const name = `skillcert_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

const numberOf = (i: number) => `S${String(i).padStart(21, '0')}`;

async function fill(ex: Executor): Promise<void> {
  const [p] = await queryRows<{ id: string }>(
    ex,
    sql`insert into persons (id_type, id_cipher, id_hash, name, gender, birth_date) values ('resident_id', 'v1:bench', ${'0'.repeat(64)}, '段誉', 'male', '2005-03-12') returning id`,
  );
  const step = 100_000;
  for (let from = 1; from <= N; from += step) {
    const to = Math.min(N, from + step - 1);
    await ex.execute(sql`insert into certificates (number, kind, person_id, issuer_name, institution_code, holder_name, id_type, id_hash, masked_id_number,
        occupation_code, occupation_name, work_type, level, issued_on, checks, credential_hash)
      select 'S' || lpad(i::text, 21, '0'), 'skill_level', ${p!.id}, '上海临港职业技术学院', '0001', '段誉', 'resident_id',
        md5(i::text) || md5((i + 1)::text), '3***************12', '6-31-07-03', '工业机器人系统操作员', '--', 4, '2026-06-30',
        '[{"name":"signature","outcome":"pass"},{"name":"issuer","outcome":"pass"},{"name":"key","outcome":"pass"},{"name":"status","outcome":"pass"}]'::jsonb,
        md5(i::text) || md5(i::text)
      from generate_series(${from}::int, ${to}::int) as i`);
  }
  await ex.execute(sql`analyze certificates`);
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(call: (i: number) => Promise<number>): Promise<Run> {
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const i = 1 + Math.floor(Math.random() * N);
        const t0 = performance.now();
        const status = await call(i);
        times.push(performance.now() - t0);
        if (status !== 200) errors++;
        n++;
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { rps: n / SECONDS, p50: at(0.5), p99: at(0.99), errors };
}

const base = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL;
const url = base ? await freshPg(base) : undefined;
const database = await openDatabase({ url });
console.log(`certificates bench: ${database.kind}, ${N.toLocaleString()} certificates, ${SECONDS} s per run, ${CONCURRENCY} concurrent`);
const t0 = performance.now();
await fill(database.db);
console.log(`  filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const config = { ...loadConfig({}, []), logLevel: 'silent' };
const identity = vaultFromKey(randomBytes(32));
const { app } = await buildApp({ db: database.db, dbKind: database.kind, config, identity }, false);
let ip = 0;
const addr = () => `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}`;

// The limit: a bare Fastify route, one prepared indexed lookup on the same table, nothing else.
const bare = Fastify();
const pool = url ? new pg.Pool({ connectionString: url, max: 10 }) : undefined;
bare.get<{ Params: { number: string } }>('/n/:number', async (req) => {
  const text = 'select number, holder_name, status, issued_on from certificates where number = $1';
  const rows = pool
    ? (await pool.query({ name: 'cert-by-number', text, values: [req.params.number] })).rows
    : await queryRows(database.db, sql`select number, holder_name, status, issued_on from certificates where number = ${req.params.number}`);
  return rows[0] ?? null;
});
bare.get<{ Params: { hash: string } }>('/h/:hash', async (req) => {
  const text = 'select number, holder_name, status from certificates where id_hash = $1';
  return pool
    ? (await pool.query({ name: 'cert-by-hash', text, values: [req.params.hash] })).rows
    : await queryRows(database.db, sql`select number from certificates where id_hash = ${req.params.hash}`);
});
await bare.ready();

const rows: [string, Run][] = [];
rows.push([
  'GET /api/public/certificates/:number',
  await load(async (i) => (await app.inject({ method: 'GET', url: `/api/public/certificates/${numberOf(i)}`, remoteAddress: addr() })).statusCode),
]);
rows.push([
  'limit: bare route, prepared lookup by number',
  await load(async (i) => (await bare.inject({ method: 'GET', url: `/n/${numberOf(i)}` })).statusCode),
]);
rows.push([
  'POST /api/public/certificates/search',
  await load(
    async () =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/public/certificates/search',
          payload: { name: '段誉', idNumber: '11010519491231002X' },
          remoteAddress: addr(),
        })
      ).statusCode,
  ),
]);
rows.push([
  'limit: bare route, prepared lookup by id hash',
  await load(async (i) => (await bare.inject({ method: 'GET', url: `/h/${i.toString(16).padStart(64, '0')}` })).statusCode),
]);

console.log('  route                                           req/s     p50 ms   p99 ms  non-200');
for (const [name, r] of rows)
  console.log(
    `  ${name.padEnd(46)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ${String(r.errors).padStart(7)}`,
  );
console.log(
  `  by number: ${((rows[0]![1].rps / rows[1]![1].rps) * 100).toFixed(0)}% of the limit; search: ${((rows[2]![1].rps / rows[3]![1].rps) * 100).toFixed(0)}% of the limit`,
);

await app.close();
await bare.close();
await pool?.end();
await database.close();
if (url && base) {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await c.end();
}
