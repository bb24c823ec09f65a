/**
 * `npm run bench`: signed electronic certificates. Signing a certificate credential (VC 2.0, eddsa-rdfc-2022) with the
 * library alone — no database — next to raw Ed25519 signatures of node:crypto for scale (RDFC-1.0 canonicalization is
 * most of the cost); the platform's own sign (issuer key from the database, PGlite in memory) beside it; verifications
 * per second with the library alone and through `verifyCredential` (issuer, key, signature, status from the database).
 */
// bench: no-database (the issuer key is read from an in-memory PGlite, as the product does)
import { generateKeyPairSync, sign as edSign } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { sql } from 'drizzle-orm';
import { prepareDatabase } from '../src/bootstrap.ts';
import { queryRows } from '../src/db/client.ts';
import { buildCertificateCredential, type CertificateFields } from '../src/modules/credentials/credentials.document.ts';
import { report, SMOKE } from './harness.ts';
import { SAMPLE_ORIGIN, sampleCertificateFields, signingLibrary } from './sample-certificate.ts';

const ORIGIN = SAMPLE_ORIGIN;
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SMOKE ? 0.3 : 3));

const fields = (orgId: string, i: number, listId: string): CertificateFields => sampleCertificateFields(i, { issuerOrgId: orgId, listId, origin: ORIGIN });

/** Runs `fn` repeatedly for SECONDS (sequentially, one at a time) and answers operations per second. */
async function rate(fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(i); // warm up (the paths were warmed together above)
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < SECONDS * 1000) await fn(n++);
  return n / ((performance.now() - t0) / 1000);
}

const { database, credentials } = await prepareDatabase(
  { databaseUrl: undefined, dataDir: '', seedDemo: true, dataKey: undefined, publicOrigin: ORIGIN },
  { inMemory: true },
);
const [org] = await queryRows<{ id: string }>(database.db, sql`select id from organisations order by name limit 1`);
if (!org) throw new Error('no organisation in the demo world');
const listId = (await database.db.transaction((tx) => credentials.allocateStatusEntry(tx, org.id))).listId;

// The library alone: a key in memory, our offline loader, no database.
const library = await signingLibrary({ issuerOrgId: org.id, listId, origin: ORIGIN });
const { documentLoader } = library;
const librarySign = (i: number) => library.sign(i);
const signedByLibrary = await librarySign(0);

const raw = generateKeyPairSync('ed25519');
const message = Buffer.alloc(64, 7);

// Warm every path first (JIT, jsonld's context cache, the key cache), so the order of the rows does not favour any.
for (let i = 0; i < (SMOKE ? 2 : 30); i++) {
  await librarySign(i);
  await credentials.signCredential(database.db, org.id, buildCertificateCredential(fields(org.id, i, listId)));
}

const rows: [string, number][] = [];
rows.push(['raw Ed25519 signatures (node:crypto, 64 bytes)', await rate(() => edSign(null, message, raw.privateKey))]);
rows.push(['credentials signed, library alone (no database)', await rate(librarySign)]);
rows.push([
  'credentials signed, signCredential (key from PGlite)',
  await rate((i) => credentials.signCredential(database.db, org.id, buildCertificateCredential(fields(org.id, i, listId)))),
]);
rows.push([
  'credentials signed, signCredentials (batches of 50)',
  (await rate((i) =>
    credentials.signCredentials(
      database.db,
      org.id,
      Array.from({ length: 50 }, (_, j) => buildCertificateCredential(fields(org.id, i * 50 + j, listId))),
    ),
  )) * 50,
]);
rows.push([
  'verifications, library alone (vc.verifyCredential)',
  await rate(() =>
    vc.verifyCredential({
      credential: signedByLibrary,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader,
      checkStatus: async () => ({ verified: true }),
    }),
  ),
]);
const ours = await credentials.signCredential(database.db, org.id, buildCertificateCredential(fields(org.id, 0, listId)));
rows.push([
  'verifications, verifyCredential (all checks, PGlite)',
  await rate(async () => {
    const r = await credentials.verifyCredential(database.db, ours);
    if (!r.valid) throw new Error('bench credential did not verify');
  }),
]);
rows.push([
  'credentials signed with SM2 too (国密, PGlite)',
  await rate((i) => credentials.signCredential(database.db, org.id, buildCertificateCredential(fields(org.id, i, listId)), { sm2: true })),
]);

const librarySignRate = rows[1]?.[1] ?? 0;
console.log(`\nsigned electronic certificates — ${SECONDS} s per row, one at a time, node ${process.version}`);
console.log(`${'operation'.padEnd(56)} ${'per second'.padStart(12)} ${'vs library sign'.padStart(16)}`);
for (const [name, r] of rows) console.log(`${name.padEnd(56)} ${r.toFixed(0).padStart(12)} ${`${((r / librarySignRate) * 100).toFixed(0)}%`.padStart(16)}`);
const lib = { limit: librarySignRate, limitName: 'signing library alone, no database', db: '-' as const };
report({ figure: 'raw Ed25519 signatures (scale)', db: '-', unit: '/s', ours: rows[0]?.[1] ?? 0, goal: { info: true } });
report({ figure: 'credentials signed, signCredential (key from DB)', unit: '/s', ours: rows[2]?.[1] ?? 0, ...lib, goal: { atLeast: 0.5 } });
report({ figure: 'credentials signed, signCredentials (batches of 50)', unit: '/s', ours: rows[3]?.[1] ?? 0, ...lib, goal: { atLeast: 0.5 } });
report({
  figure: 'verifications, verifyCredential (all checks)',
  db: '-',
  unit: '/s',
  ours: rows[5]?.[1] ?? 0,
  limit: rows[4]?.[1] ?? 0,
  limitName: 'library verify alone',
  goal: { info: true },
});
await database.close();
