import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { makeEvaluationWorld } from '../test/helpers/evaluation.ts';
import { cleanup, demoInstance, openInstance } from '../test/helpers/operations.ts';
import { call, SEED, seeded, type Server, sleep, startServer, stopServers } from './fixtures/server.ts';
import { Autosaving, type Response, signInAll } from './fixtures/sitting.ts';

/**
 * Issue 17 part 1 (c): a theory sitting with CANDIDATES candidates autosaving through the real HTTP API (fixtures/
 * sitting.ts), the server SIGKILLed at random moments and restarted on the same port. Afterwards: every acknowledged
 * answer is stored (its seq or a newer one, with exactly the response sent under that seq); a late older answer never
 * overwrote a newer one; after each restart every candidate's deadline is unchanged and the time left equals
 * deadline − now within 2 s (the outage neither added nor lost time). STRESS_CANDIDATES sets the number (default 50).
 * Two kills, each at a random moment 2–5 s into a run of autosaving (saves are in flight all the time: 50 candidates
 * save every 1.5–3 s), each followed by a random outage; STRESS_KILLS sets more.
 */
const CANDIDATES = Math.min(99, Number(process.env.STRESS_CANDIDATES ?? 50));
const KILLS = Math.max(1, Number(process.env.STRESS_KILLS ?? 2));
const random = seeded(SEED + 2);
afterAll(async () => {
  stopServers();
  await cleanup();
});

it(`${CANDIDATES} candidates autosaving while the server is SIGKILLed ${KILLS} times: every acknowledged answer kept, none overwritten by an older, time left right (seed ${SEED})`, async () => {
  const { where, dataKey: key, loadDataDir } = await demoInstance();
  const t = await openInstance(where, key, loadDataDir);
  const w = await makeEvaluationWorld(t, { candidates: CANDIDATES, examiners: 0, theoryStartsInMinutes: -1, theoryDurationMinutes: 90 });
  await t.close();

  let server: Server = await startServer(where, key);
  const candidates = await signInAll(server.base, w);
  const sitting = new Autosaving(candidates, () => server.base, random);

  const clockErrors: number[] = [];
  const downs: number[] = [];
  for (let round = 0; round < KILLS; round++) {
    await sleep(2000 + random() * 3000);
    sitting.setUp(false);
    await server.kill();
    const downAt = Date.now();
    // Down for a random while besides the restart; the candidates keep retrying.
    await sleep(random() * 3000);
    server = await startServer(where, key, { port: server.port });
    downs.push(Date.now() - downAt);
    sitting.setUp(true);
    // Time left after the restart, for every candidate (all at once, as their pages reload): the deadline unchanged,
    // remaining = deadline − now (the server's clock is this one) for a `now` while the request was in flight, within
    // 2 s — on a loaded machine 50 answers at once can take seconds to arrive, which is no error of the server's clock.
    await Promise.all(
      candidates.map(async (c) => {
        const sentAt = Date.now();
        const res = await call(server.base, 'GET', '/api/exam/attempt', undefined, c.cookie);
        const answeredAt = Date.now();
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'writing', deadline: c.deadline });
        const left = (at: number) => (Date.parse(c.deadline) - at) / 1000;
        const error = Math.max(0, res.body.remainingSeconds - left(sentAt), left(answeredAt) - res.body.remainingSeconds);
        clockErrors.push(error);
        expect(error).toBeLessThanOrEqual(2);
        expect(Math.abs(res.body.remainingSeconds - (Date.parse(c.deadline) - Date.parse(res.body.serverNow)) / 1000)).toBeLessThanOrEqual(1);
      }),
    );
    console.log(`[exam sitting] round ${round}: down ${downs.at(-1)} ms, ${sitting.saves} saves so far, clocks checked`);
  }
  // Autosaves land after the last restart: every candidate's next save (polled, not a fixed wait).
  const landedFrom = sitting.saves;
  const until = Date.now() + 60_000;
  while (sitting.saves < landedFrom + CANDIDATES && Date.now() < until) await sleep(200);
  await sitting.stop();
  await server.kill();
  expect(sitting.saves).toBeGreaterThanOrEqual(landedFrom + CANDIDATES);

  const after = await openInstance(where, key);
  const rows = await queryRows<{ attempt_id: string; item_id: string; seq: number; response: Response }>(
    after.db,
    sql`select attempt_id, item_id, seq, response from exam_answers where attempt_id in (select id from exam_attempts where part_id = ${w.theory.partId})`,
  );
  await after.close();
  const checked = sitting.expectAcknowledgedStored(rows);
  console.log(
    `[exam sitting ${process.env.TEST_DB ?? 'pglite'}] ${CANDIDATES} candidates, ${sitting.saves} saves acknowledged, ${sitting.refusedWhileDown} unanswered while down, ${sitting.timeouts} without an answer in 60 s (resent), slowest answer ${Math.round(sitting.slowest)} ms ` +
      `(down ${downs.map((d) => `${(d / 1000).toFixed(1)} s`).join(', ')}), ${checked} acknowledged answers checked; worst clock error ${Math.max(...clockErrors).toFixed(2)} s`,
  );
  expect(sitting.problems).toEqual([]);
  expect(checked).toBeGreaterThan(CANDIDATES);
  expect(sitting.refusedWhileDown).toBeGreaterThan(0);
  expect(sitting.savesSinceUp).toBeGreaterThan(0);
}, 600_000);
