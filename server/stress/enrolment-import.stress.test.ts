import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { candidatesWorkbook } from '../src/modules/enrolments/enrolments.excel.ts';
import { idNumber, makeEnrolmentPlan } from '../test/helpers/enrolment-plan.ts';
import { cleanup, demoInstance, openInstance } from '../test/helpers/operations.ts';
import { call, login, SEED, seeded, startServer, stopServers } from './fixtures/server.ts';

/**
 * Issue 17 part 1 (b): a 10,000-row enrolment import (报名导入) through the real HTTP API, the server SIGKILLed at a
 * random moment while it runs (parsing, judging, inside the one transaction), restarted: after every kill the plan holds
 * all the rows or none, one person per ID number, one account per candidate; a re-run stores the rest and nothing twice.
 * STRESS_ENROLMENT_ROWS sets the size (default 10,000); STRESS_SEED repeats a run.
 */
const ROWS = Number(process.env.STRESS_ENROLMENT_ROWS ?? 10_000);
const KILLS = 2;
const random = seeded(SEED);
afterAll(async () => {
  stopServers();
  await cleanup();
});

const row = (i: number) => [
  `考生${i}`,
  '居民身份证',
  idNumber(i % 1000, `200401${String(1 + Math.floor(i / 1000)).padStart(2, '0')}`),
  '',
  '',
  '本校学生',
  '',
  '460305 工业机器人技术',
  `机器人23${String(1 + (i % 40)).padStart(2, '0')}`,
  '2026',
  '13800138000',
  '',
  '',
  '',
];

interface Counts {
  enrolments: number;
  persons: number;
  accounts: number;
  duplicates: number;
}

/** What the plan holds, asked of the restarted server as it opens the database. */
const countsSql = (planId: string) => `select count(*)::int as enrolments, count(distinct person_id)::int as persons,
    (select count(*)::int from persons p where p.user_id is not null and p.id in (select person_id from enrolments where plan_id = '${planId}')) as accounts,
    (select count(*)::int from (select id_hash from persons group by id_type, id_hash having count(*) > 1) d) as duplicates
  from enrolments where plan_id = '${planId}'`;

it(`a ${ROWS.toLocaleString('en')}-row enrolment import SIGKILLed ${KILLS} times at random moments is wholly in or wholly out; a re-run completes it (seed ${SEED})`, async () => {
  const { where, dataKey: key, loadDataDir } = await demoInstance();
  const t = await openInstance(where, key, loadDataDir);
  const { planId } = await makeEnrolmentPlan(t.db, { capacity: ROWS + 100 });
  await t.close();
  const file = await candidatesWorkbook(Array.from({ length: ROWS }, (_, i) => row(i)));
  const upload = { contentBase64: file.toString('base64') };

  let server = await startServer(where, key);
  let cookie = await login(server.base, 'lg_school_admin');
  // The preview does the same parsing and judging without writing: its time tells how long a commit runs.
  let t0 = performance.now();
  const preview = await call(server.base, 'POST', `/api/plans/${planId}/enrolments/import/preview`, upload, cookie);
  const previewMs = performance.now() - t0;
  expect(preview.status, JSON.stringify(preview.body).slice(0, 500)).toBe(200);
  expect(preview.body).toMatchObject({ stored: false, rows: ROWS, accepted: ROWS, refused: 0 });

  const outcomes: string[] = [];
  let stored = 0;
  for (let round = 0; round < KILLS; round++) {
    // Anywhere from the upload to well into the write (a commit takes several times the preview).
    const delay = Math.floor(previewMs * (0.3 + random() * 3.5));
    const pending = call(server.base, 'POST', `/api/plans/${planId}/enrolments/import`, upload, cookie);
    await new Promise((r) => setTimeout(r, delay));
    await server.kill();
    const answer = await pending;
    server = await startServer(where, key, { port: server.port, report: countsSql(planId) });
    const c = server.report[0] as unknown as Counts;
    outcomes.push(`kill at ${delay} ms: ${answer.status === 200 ? 'answered' : 'no answer'}, ${c.enrolments} rows`);
    // Wholly in or wholly out; one person per ID number, one account per candidate.
    expect([0, ROWS]).toContain(c.enrolments);
    expect(c).toEqual({ enrolments: c.enrolments, persons: c.enrolments, accounts: c.enrolments, duplicates: 0 });
    if (answer.status === 200) expect(c.enrolments).toBe(ROWS);
    stored = c.enrolments;
    cookie = await login(server.base, 'lg_school_admin');
  }

  // The re-run after the last restart completes it; rows already in are not stored again.
  t0 = performance.now();
  const rerun = await call(server.base, 'POST', `/api/plans/${planId}/enrolments/import`, upload, cookie);
  const commitMs = performance.now() - t0;
  await server.kill();
  expect(rerun.status).toBe(200);
  expect(rerun.body).toMatchObject({ stored: true, rows: ROWS, accepted: ROWS - stored, refused: stored });
  console.log(
    `[enrolment import ${process.env.TEST_DB ?? 'pglite'}] preview ${Math.round(previewMs)} ms, commit ${Math.round(commitMs)} ms; ${outcomes.join('; ')}`,
  );
  const after = await openInstance(where, key);
  const [final] = await queryRows<Counts>(after.db, sql.raw(countsSql(planId)));
  await after.close();
  expect(final).toEqual({ enrolments: ROWS, persons: ROWS, accounts: ROWS, duplicates: 0 });
}, 600_000);
