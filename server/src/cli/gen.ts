/**
 * `npm run gen -- --certificates 1000000 --candidates 300000 --seed 42 [--schools 200] [--signed 1000] [--per-plan 500]`:
 * fills the database the app would open (DATABASE_URL, else PGlite under DATA_DIR) with a deterministic province on
 * top of the demo world, and prints its rate. See gen-province.ts for what is generated.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { prepareDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { generateProvince } from './gen-province.ts';

const { values } = parseArgs({
  options: {
    certificates: { type: 'string', default: '10000' },
    candidates: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '42' },
    schools: { type: 'string', default: '200' },
    signed: { type: 'string', default: '1000' },
    'per-plan': { type: 'string', default: '500' },
  },
});
const int = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`gen: --${name} must be an integer ≥ ${min}`);
    process.exit(2);
  }
  return n;
};
const options = {
  certificates: int('certificates', values.certificates, 1),
  candidates: int('candidates', values.candidates, 1),
  seed: int('seed', values.seed, 0),
  schools: int('schools', values.schools, 1),
  signed: int('signed', values.signed, 0),
  perPlan: int('per-plan', values['per-plan'], 1),
};
if (options.perPlan > options.candidates) {
  console.error('gen: --per-plan must not exceed --candidates (a person is enrolled once per plan)');
  process.exit(2);
}
const config = loadConfig();
const { database, identity, credentials } = await prepareDatabase({ ...config, seedDemo: true });
console.log(`gen: ${database.kind}${database.kind === 'pglite' ? ` under ${config.dataDir}` : ''}; ${JSON.stringify(options)}`);
const t0 = performance.now();
const progress = (text: string) => console.log(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s  ${text}`);
// The distinct-holder rollup (R11, migration 0021) is rebuilt in one pass after the bulk load instead of row by row.
await database.db.execute(sql`alter table certificates disable trigger certificates_holders_rollup`);
let s: Awaited<ReturnType<typeof generateProvince>>;
try {
  s = await generateProvince(database.db, identity, credentials, { ...options, progress });
} finally {
  await database.db.execute(sql`alter table certificates enable trigger certificates_holders_rollup`);
}
await database.db.execute(sql`select holder_counts_rebuild()`);
await database.db.execute(sql`analyze holder_refs`);
await database.db.execute(sql`analyze holder_counts`);
progress('distinct-holder rollup rebuilt (R11)');
await database.close();
const rows = s.certificates * 3 + s.persons + s.subsidies;
console.log(
  `gen: done in ${s.seconds.toFixed(1)} s — ${s.schools} schools, ${s.plans} plans, ${s.persons} persons, ${s.certificates} certificates (${s.signed} signed, ${s.revoked} revoked), ${s.subsidies} subsidy claims; ${Math.round(s.certificates / s.seconds)} certificates/s, ${Math.round(rows / s.seconds)} rows/s`,
);
