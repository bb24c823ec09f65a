/**
 * `npm run bench`: issuing N certificates through the batch job path — the institution's POST starting the batch, the
 * background job (`runBatch`) issuing chunk after chunk (numbers, status entries, each credential signed AND verified,
 * rows, audit, one transaction per chunk) — on PGlite or PostgreSQL, beside the signing library alone
 * (@digitalbazaar/vc, a key in memory, no database, one at a time) measured in the same process. Goal (issue 16):
 * issuance ≥ GOAL × the library alone.
 * The machine is shared and its load moves by a factor of several within a minute, so the library is not measured
 * once before and once after: it runs in slices of SLICE_MS interleaved with the batch — after a chunk commits, when
 * SLICE_EVERY_MS of issuing have passed since the last slice, the job waits while the library signs for SLICE_MS —
 * and the batch's time is its wall time minus those slices. Both figures see the same load.
 */
import { buildApp } from '../src/app.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { signerOfKit } from '../src/certificate-signer.ts';
import { ISSUE_JOB, type IssueParams, runBatch } from '../src/modules/certificates/certificates.service.ts';
import { idleJobs, registerJobHandler } from '../src/modules/jobs/jobs.service.ts';
import { closeWorkerPool } from '../src/lib/worker-pool.ts';
import { makeBigClearedPlan } from '../stress/fixtures/big-plan.ts';
import type { TestApp } from '../test/helpers/test-app.ts';
import { benchDatabase, report, SMOKE } from './harness.ts';
import { signingLibrary } from './sample-certificate.ts';

const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? (SMOKE ? 60 : 10_000));
const SLICE_MS = SMOKE ? 100 : 300;
const SLICE_EVERY_MS = SMOKE ? 400 : 1500;
const GOAL = 0.5;

/** The signing library alone, measured in slices: operations and milliseconds summed over every slice. */
async function librarySlices() {
  const lib = await signingLibrary();
  let n = 0;
  const total = { signed: 0, ms: 0 };
  for (let i = 0; i < 20; i++) await lib.sign(n++);
  return {
    total,
    async slice(ms: number) {
      const t0 = performance.now();
      let now = t0;
      while (now - t0 < ms) {
        await lib.sign(n++);
        total.signed++;
        now = performance.now();
      }
      total.ms += now - t0;
    },
  };
}

async function main() {
  const target = await benchDatabase();
  const config = { ...loadConfig({}, []), databaseUrl: target.url, dataDir: '', seedDemo: true, logLevel: 'silent' as const };
  const { database, identity, credentials } = await prepareDatabase(config, { inMemory: true });
  const { app, routes } = await buildApp({ db: database.db, dbKind: database.kind, config, identity, credentials }, false);
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const cookie = res.cookies.find((c) => c.name === 'skillcert_session');
    if (!cookie) throw new Error(`login ${username} failed: ${res.statusCode}`);
    return `skillcert_session=${cookie.value}`;
  };
  const t: TestApp = { app, db: database.db, routes, dbKind: database.kind, identity, credentials, login, close: async () => {} };
  const tPlan = performance.now();
  const w = await makeBigClearedPlan(t, CERTIFICATES);
  console.log(`issuance (${database.kind}): a cleared plan of ${CERTIFICATES} candidates made in ${((performance.now() - tPlan) / 1000).toFixed(1)} s`);

  const library = await librarySlices();
  // The module's own job handler, with a library slice after a chunk now and then.
  const deps = { db: database.db, identity, signer: signerOfKit(credentials), origin: config.publicOrigin };
  let lastSlice = 0;
  registerJobHandler(ISSUE_JOB, async (job) => {
    const p = job.params as IssueParams;
    const issued = await runBatch(deps, p, async (done, total) => {
      await job.progress(done, total);
      if (performance.now() - lastSlice >= SLICE_EVERY_MS) {
        await library.slice(SLICE_MS);
        lastSlice = performance.now();
      }
    });
    return { data: Buffer.from(JSON.stringify({ issued }), 'utf8'), name: 'batch.json', type: 'application/json' };
  });
  await library.slice(SLICE_MS * 3);
  const cookie = await login('lg_school_admin');
  const msInSlices = library.total.ms;
  const t0 = performance.now();
  const clock0 = process.hrtime.bigint() / 1000n;
  lastSlice = t0;
  const res = await app.inject({ method: 'POST', url: `/api/plans/${w.planId}/certificates/batch`, headers: { cookie }, payload: {} });
  if (res.statusCode !== 200 && res.statusCode !== 202) throw new Error(`batch refused: ${res.statusCode} ${res.body}`);
  const { job } = res.json<{ job: { id: string } }>();
  for (;;) {
    await idleJobs(database.db);
    const j = (await app.inject({ method: 'GET', url: `/api/jobs/${job.id}`, headers: { cookie } })).json<{ status: string; error: string | null }>();
    if (j.status === 'done') break;
    if (j.status === 'failed') throw new Error(`batch failed: ${j.error}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - t0 - (library.total.ms - msInSlices)) / 1000;
  // The batch's window on the monotonic clock (µs), as CPU profiles (--cpu-prof) time their samples.
  console.log(`  batch window ${clock0} ${process.hrtime.bigint() / 1000n}`);
  await library.slice(SLICE_MS * 3);

  const batch = (await app.inject({ method: 'GET', url: `/api/plans/${w.planId}/certificates/batch`, headers: { cookie } })).json<{ issued: number }>();
  if (batch.issued !== CERTIFICATES) throw new Error(`the batch issued ${batch.issued} of ${CERTIFICATES}`);
  const ours = CERTIFICATES / seconds;
  const limit = library.total.signed / (library.total.ms / 1000);
  console.log(`  signing library alone: ${limit.toFixed(1)}/s (${library.total.signed} signed in ${(library.total.ms / 1000).toFixed(1)} s of slices)`);
  console.log(
    `  issued ${CERTIFICATES} in ${seconds.toFixed(1)} s (slices not counted): ${ours.toFixed(1)}/s, ratio ${(ours / limit).toFixed(2)} / goal ${GOAL}`,
  );
  await app.close();
  await closeWorkerPool();
  await database.close();
  await target.drop();
  report({
    figure: `issuance of ${CERTIFICATES.toLocaleString()} certificates (batch job path)`,
    unit: '/s',
    ours,
    limit,
    limitName: 'signing library alone, same run',
    goal: { atLeast: GOAL },
  });
}

await main();
