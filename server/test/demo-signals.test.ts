import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { examAttempts, plans, planSittings } from '../src/db/schema.ts';
import { SIGNALS_DEMO_TAG, seedDemoSignals } from '../src/demo/demo-signals.ts';
import { shanghai2022 } from '../src/modules/policies/profiles/shanghai-2022.ts';
import { client } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let hr: ReturnType<typeof client>;

beforeAll(async () => {
  t = await makeTestApp();
  hr = client(t, await t.login('sh_hr'));
});
afterAll(async () => t.close());

interface SignalView {
  kind: string;
  planId: string | null;
  institutionName: string | null;
  status: string;
  evidence: Record<string, unknown>;
}

describe('demo world: HR finds real anomaly signals waiting (issue 15 item 4)', () => {
  it('R14: the seeded 临港 exam shows a change inside the lead time, a sitting with many tab switches and takeovers, and a pair sharing rare wrong answers, each with its evidence', async () => {
    const [plan] = await t.db
      .select({ id: plans.id })
      .from(plans)
      .where(like(plans.title, `%${SIGNALS_DEMO_TAG}`));
    expect(plan).toBeDefined();
    const [sitting] = await t.db.select({ id: planSittings.id, date: planSittings.date }).from(planSittings).where(eq(planSittings.planId, plan!.id));

    // Stored at seeding (the demo's HR ran the detectors): the screen's list, before anyone presses 检测.
    const res = await hr('GET', '/api/signals?status=open&pageSize=100');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = (res.body.items as SignalView[]).filter((s) => s.planId === plan!.id);
    expect(mine.map((s) => s.kind).sort()).toEqual(['exam_events', 'lead_time', 'shared_wrong_answers']);
    for (const s of mine) expect(s.institutionName).toBe('上海临港职业技术学院（演示）');

    const lead = mine.find((s) => s.kind === 'lead_time')!;
    expect(lead.evidence).toMatchObject({ firstSitting: sitting!.date, daysBefore: 5, threshold: { leadDays: shanghai2022.planLeadDays.value } });
    expect(Number(lead.evidence.daysBefore)).toBeLessThan(shanghai2022.planLeadDays.value);

    const events = mine.find((s) => s.kind === 'exam_events')!;
    expect(events.evidence).toMatchObject({ sittingId: sitting!.id, attempts: 8, events: { takeover: 2, reconnect: 4 } });
    const counted = events.evidence.events as Record<string, number>;
    expect((counted.tab_hidden ?? 0) + (counted.focus_lost ?? 0)).toBeGreaterThan(0);
    expect(Number(events.evidence.takeoverShare)).toBeGreaterThanOrEqual(0.2);

    // The copying pair: seats 3 and 7, the same rare wrong bank option on four items, whatever letters each saw.
    const attempts = await t.db
      .select({ examNumber: examAttempts.examNumber })
      .from(examAttempts)
      .where(eq(examAttempts.sittingId, sitting!.id))
      .orderBy(examAttempts.examNumber);
    const copying = mine.find((s) => s.kind === 'shared_wrong_answers')!;
    expect(copying.evidence).toMatchObject({
      sittingId: sitting!.id,
      candidates: [attempts[2]!.examNumber, attempts[6]!.examNumber].sort(),
      sharedRareWrong: 4,
      candidatesInSitting: 8,
    });
    for (const a of copying.evidence.sharedAnswers as { chosenBy: number; answered: number }[]) expect(a).toMatchObject({ chosenBy: 2, answered: 8 });

    // Another bureau sees none of them.
    const qz = client(t, await t.login('qz_hr'));
    const theirs = ((await qz('GET', '/api/signals?pageSize=100')).body.items as SignalView[]).filter((s) => s.planId === plan!.id);
    expect(theirs).toEqual([]);
  });

  it('the seed is idempotent: run again, it adds no plan', async () => {
    await seedDemoSignals(t.db);
    const found = await t.db
      .select({ id: plans.id })
      .from(plans)
      .where(like(plans.title, `%${SIGNALS_DEMO_TAG}`));
    expect(found).toHaveLength(1);
  });
});
