/**
 * Dashboards over 1,000,000 certificates (issue 15 "Done when", issue 16 goal): each statistics query the dashboards run
 * over the certificates table, through the statistics service (scope of a provincial HR bureau, validation, joins to
 * institution and organisation, shaping), beside the same aggregate in raw SQL on the certificates table alone, in the
 * same run. Goal: < 300 ms and ≤ 1.5× raw. The service reads the monthly rollup (certificate_monthly, kept by a trigger in the
 * issuing or revoking transaction) where it can, and R11's distinct holders from holder_counts (kept the same way,
 * migration 0021); the raw figure is the aggregate over certificates itself. PostgreSQL (BENCH_PG_URL or TEST_PG_URL, a fresh database) or else PGlite.
 * N from DASH_BENCH_N (default 1,000,000); each figure is the median of DASH_BENCH_RUNS runs (default 5) after one warm-up.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { BENCH_DB, report } from './harness.ts';
import type { UseCaseContext } from '../src/context.ts';
import { type Executor, openDatabase, queryRows } from '../src/db/client.ts';
import { ensureRegions } from '../src/modules/regions/regions.repository.ts';
import { certificateStats, onePlusXStats, talentStats } from '../src/modules/statistics/statistics.service.ts';

const N = Number(process.env.DASH_BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.DASH_BENCH_RUNS ?? 5);
const SCHOOLS = 40;
const PERSONS = 200_000;

async function freshPg(base: string): Promise<string> {
  const name = `skillcert_dash_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** 40 schools in Shanghai's districts, each listed; 200,000 people; N certificates over 24 months, 3 occupations, 3 levels, 2% revoked. */
async function fill(ex: Executor): Promise<void> {
  await ensureRegions(ex as never);
  const districts = await queryRows<{ code: string }>(ex, sql`select code from regions where code like '31%' and level = 'county' order by code`);
  for (let s = 0; s < SCHOOLS; s++) {
    const region = districts[s % districts.length]?.code ?? '310115';
    const [org] = await queryRows<{ id: string }>(
      ex,
      sql`insert into organisations (kind, name, region_code, school_type) values ('school', ${`基准测试职业学院${s}`}, ${region}, 'higher_vocational') returning id`,
    );
    await ex.execute(sql`insert into institutions (org_id, kind, code, province, province_serial, certificate_prefix, status, valid_from, valid_to, profile_id)
      values (${org!.id}, 'skill_level', '0000', '31', ${s + 1}, ${`S00003100${String(s).padStart(4, '0')}`}, 'listed', '2024-01-01', '2029-01-01', 'shanghai-2022')`);
  }
  await ex.execute(sql`insert into persons (id_type, id_cipher, id_hash, name, gender, birth_date)
    select 'resident_id', 'v1:bench', md5(i::text) || md5((-i)::text), '考生' || i, 'male', '2005-03-12' from generate_series(1, ${PERSONS}) as i`);
  await ex.execute(sql`create temporary table bench_inst as select row_number() over (order by certificate_prefix) - 1 as k, id from institutions`);
  await ex.execute(sql`create temporary table bench_person as select row_number() over (order by id) - 1 as k, id from persons`);
  // The rollup trigger is switched off for the bulk fill and the rollup built in one aggregate (as migration 0017 does).
  await ex.execute(sql`alter table certificates disable trigger certificates_monthly_rollup`);
  await ex.execute(sql`alter table certificates disable trigger certificates_holders_rollup`);
  const step = 100_000;
  for (let from = 1; from <= N; from += step) {
    const to = Math.min(N, from + step - 1);
    await ex.execute(sql`insert into certificates (number, kind, person_id, institution_id, issuer_name, institution_code, holder_name, id_type, id_hash,
        masked_id_number, occupation_code, occupation_name, work_type, level, issued_on, status)
      select 'S' || lpad(i::text, 21, '0'), case when i % 20 = 0 then 'special_ability' else 'skill_level' end, p.id, inst.id, '基准测试职业学院', '0000', '考生', 'resident_id',
        md5(i::text), '3***************12',
        (array['6-31-07-03', '6-31-01-03', '4-03-02-01'])[1 + i % 3], (array['工业机器人系统操作员', '电工', '中式烹调师'])[1 + i % 3], '--',
        case when i % 20 = 0 then null else 3 + i % 3 end,
        to_char(date '2025-01-01' + (i % 730), 'YYYY-MM-DD'),
        case when i % 50 = 0 then 'revoked' else 'valid' end
      from generate_series(${from}::int, ${to}::int) as i
      join bench_inst inst on inst.k = i % ${SCHOOLS}
      join bench_person p on p.k = i % ${PERSONS}`);
  }
  await ex.execute(sql`alter table certificates enable trigger certificates_monthly_rollup`);
  await ex.execute(sql`alter table certificates enable trigger certificates_holders_rollup`);
  await ex.execute(sql`select holder_counts_rebuild()`);
  await ex.execute(sql`insert into certificate_monthly (month, org_id, kind, occupation_code, occupation_name, level, valid, revoked)
    select substr(c.issued_on, 1, 7), coalesce(i.org_id, c.issuer_org_id), c.kind, coalesce(c.occupation_code, ''), max(c.occupation_name), coalesce(c.level, 0),
      count(*) filter (where c.status = 'valid'), count(*) filter (where c.status = 'revoked')
    from certificates c left join institutions i on i.id = c.institution_id group by 1, 2, 3, 4, 6`);
  await ex.execute(sql`analyze`);
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const base = BENCH_DB === 'postgres' ? process.env.BENCH_PG_URL || process.env.TEST_PG_URL : undefined;
const url = base ? await freshPg(base) : undefined;
const database = await openDatabase({ url });
const db = database.db;
console.log(`dashboards bench: ${database.kind}, ${N.toLocaleString()} certificates, median of ${RUNS}`);
const t0 = performance.now();
await fill(db);
console.log(`  filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const [hr] = await queryRows<{ id: string }>(
  db,
  sql`insert into organisations (kind, name, region_code) values ('hr_bureau', '基准测试人社局', '310000') returning id`,
);
const ctx: UseCaseContext = {
  db,
  requestId: 'bench',
  actor: { userId: hr!.id, username: 'bench', displayName: 'bench', role: 'hr', orgId: hr!.id, orgKind: 'hr_bureau', regionCode: '310000' },
};
const period = { from: '2025-01', to: '2026-12' };
const since = '2025-01-01';
const until = '2027-01-01';

const figures: { name: string; ours: () => Promise<unknown>; raw: () => Promise<unknown> }[] = [
  {
    name: 'certificates by month/occupation/level/institution/kind',
    ours: () => certificateStats(ctx, period),
    raw: () =>
      queryRows(
        db,
        sql`select substr(issued_on, 1, 7), occupation_code, level, institution_id, kind, count(*) filter (where status = 'valid'), count(*) filter (where status = 'revoked')
          from certificates where issued_on >= ${since} and issued_on < ${until}
          group by grouping sets ((), (substr(issued_on, 1, 7)), (occupation_code), (level), (institution_id), (kind))`,
      ),
  },
  {
    name: 'R12 1+X by kind (ours + external)',
    ours: () => onePlusXStats(ctx, period),
    raw: () =>
      queryRows(db, sql`select kind, count(*) from certificates where status = 'valid' and issued_on >= ${since} and issued_on < ${until} group by kind`),
  },
  {
    name: 'R11 holders by level per region (distinct)',
    ours: () => talentStats(ctx, period),
    // The same aggregate over the base tables: distinct holders of valid certificates now, by district-level region
    // prefix and level within Shanghai, and in all (the service reads holder_counts, kept by the trigger of 0021).
    raw: () =>
      queryRows(
        db,
        sql`select substr(o.region_code, 1, 4), c.level, count(distinct c.person_id) from certificates c
          left join institutions i on i.id = c.institution_id join organisations o on o.id = coalesce(i.org_id, c.issuer_org_id)
          where c.status = 'valid' and c.level is not null and o.region_code like '31%'
          group by grouping sets ((), (substr(o.region_code, 1, 4), c.level))`,
      ),
  },
  {
    name: 'certificates, one occupation and level',
    ours: () => certificateStats(ctx, { ...period, occupation: '6-31-07-03', level: 4 }),
    raw: () =>
      queryRows(
        db,
        sql`select substr(issued_on, 1, 7), institution_id, count(*) filter (where status = 'valid') from certificates
          where issued_on >= ${since} and issued_on < ${until} and occupation_code = '6-31-07-03' and level = 4
          group by grouping sets ((), (substr(issued_on, 1, 7)), (institution_id))`,
      ),
  },
];

console.log('  figure                                                    ours ms   raw ms  ratio  goal                 result');
let misses = 0;
for (const f of figures) {
  const ours = await median(f.ours);
  const raw = await median(f.raw);
  const ratio = ours / raw;
  const pass = ours < 300 && ratio <= 1.5;
  if (!pass) misses++;
  report({ figure: `dashboard: ${f.name}`, unit: 'ms', ours, limit: raw, limitName: 'the same aggregate in raw SQL', goal: { atMost: 1.5 } });
  report({ figure: `dashboard: ${f.name} (absolute)`, unit: 'ms', ours, goal: { below: 300 } });
  console.log(
    `  ${f.name.padEnd(56)} ${ours.toFixed(1).padStart(8)} ${raw.toFixed(1).padStart(8)} ${ratio.toFixed(2).padStart(6)}  < 300 ms, ≤ 1.5× raw  ${pass ? 'pass' : 'MISS'}`,
  );
}
console.log(`  ${figures.length - misses} of ${figures.length} figures meet the goal (${database.kind})`);
if (process.env.DASH_BENCH_EXPLAIN) {
  // What the profile shows for the widest figure (DASH_BENCH_EXPLAIN=1).
  const plan = await queryRows<Record<string, string>>(
    db,
    sql`explain (analyze, buffers) select substr(issued_on, 1, 7), occupation_code, level, institution_id, kind, count(*) filter (where status = 'valid')
      from certificates where issued_on >= ${since} and issued_on < ${until}
      group by grouping sets ((), (substr(issued_on, 1, 7)), (occupation_code), (level), (institution_id), (kind))`,
  );
  for (const row of plan) console.log(`  | ${Object.values(row)[0]}`);
}

await database.close();
if (url && base) {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await c.end();
}
