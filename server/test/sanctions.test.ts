import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { certificates, examAnswers, examAttempts, examEvents, itemResponses, items, sanctions } from '../src/db/schema.ts';
import { drainJobs, idleJobs } from '../src/modules/jobs/jobs.service.ts';
import { client, expectError } from './helpers/api.ts';
import { makeClearedPlan } from './helpers/certificates.ts';
import { filingBody } from './helpers/filings.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * Violations and sanctions (issue 15 item 2; R4, R14) on the demo world's listed Lingang institution: each sanction acts
 * at once — a suspended institution submits and starts no plan and its R4 expansion sees the record; a suspended line
 * refuses a second suspension; revoked certificates show revoked publicly; appeals, lifting and closure are recorded.
 */
let t: TestApp;
let hr: ReturnType<typeof client>;
let school: ReturnType<typeof client>;
let institutionId: string;
let plans: { id: string; title: string; status: string }[];

beforeAll(async () => {
  t = await makeTestApp();
  hr = client(t, await t.login('sh_hr'));
  school = client(t, await t.login('lg_school_admin'));
  const list = await school('GET', '/api/institutions');
  institutionId = list.body.items[0].id;
  plans = (await school('GET', '/api/plans?pageSize=50')).body.items;
});
afterAll(async () => t.close());

const planTitled = (part: string) => plans.find((p) => p.title.includes(part))!;
const violation = (over: Record<string, unknown> = {}) => ({
  institutionId,
  type: '考务违规',
  severity: 'serious',
  description: '理论考场监考人员不足两人',
  occurredOn: '2026-03-02',
  rule: '《评价机构管理办法》第十九条',
  ...over,
});

describe('sanctions act at once', () => {
  it('R14 and R4: suspending the whole institution blocks its next plan submission, its plan start and its expansion (增设)', async () => {
    // the demo world holds one warning already (demo-sanctions.ts): the count goes up by one
    const before = (await school('GET', `/api/institutions/${institutionId}/expansion-eligibility`)).body;
    const recordsBefore = before.checks.find((c: { condition: string }) => c.condition === 'no_violation_record').value as number;
    // the submitted electrician plan goes back to the school, to be submitted again
    const electrician = planTitled('电工');
    expect((await hr('POST', `/api/plans/${electrician.id}/acknowledge`, { action: 'return', reason: '请补充考场照片' })).status).toBe(200);

    const recorded = await hr('POST', '/api/violations', violation({ sanction: { kind: 'suspend_institution' } }));
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body.sanctions).toMatchObject([{ kind: 'suspend_institution', status: 'in_force' }]);
    expect((await school('GET', `/api/institutions/${institutionId}`)).body.status).toBe('suspended');

    const submit = await school('POST', `/api/plans/${electrician.id}/submit`, {});
    expectError(submit, 422, 'SANCTION.INSTITUTION_SUSPENDED');
    expect(submit.body.error.details.rule).toBe('R14');
    expect(submit.body.error.message).toContain('暂停');
    // the refusal names the record behind the suspension: its type and the clause broken
    expect(submit.body.error.details.sanction).toEqual({ type: '考务违规', clause: '《评价机构管理办法》第十九条', until: null });
    const start = await school('POST', `/api/plans/${planTitled('工业机器人').id}/transitions`, { action: 'start' });
    expectError(start, 422, 'SANCTION.INSTITUTION_SUSPENDED');

    const after = (await school('GET', `/api/institutions/${institutionId}/expansion-eligibility`)).body;
    expect(after.eligible).toBe(false);
    expect(after.checks.find((c: { condition: string }) => c.condition === 'no_violation_record')).toMatchObject({
      rule: 'R4',
      pass: false,
      value: recordsBefore + 1,
    });
    const expansion = await school('POST', '/api/filings', { ...(await filingBody(school, [{ occupationCode: '6-31-07-03', level: 2 }])), institutionId });
    expect(expansion.status, JSON.stringify(expansion.body)).toBe(201);
    const refused = await school('POST', `/api/filings/${expansion.body.id}/submit`, {});
    expectError(refused, 422, 'FILING.NOT_ELIGIBLE');
    expect(refused.body.error.details.rule).toBe('R4');

    // the institution sees its own record and appeals; HR upholds; lifting puts it back in force at once
    const own = await school('GET', '/api/violations');
    expect(own.body.items.map((v: { id: string }) => v.id)).toContain(recorded.body.id);
    // the demo world's open warning (demo-sanctions.ts) is there too, and its inspection with one open 整改 item
    expect(own.body.items.find((v: { type: string }) => v.type === '考务管理不规范')).toMatchObject({ status: 'open' });
    const demoInspection = (await school('GET', '/api/inspections')).body.items.find((i: { title: string }) => i.title.includes('日常检查'));
    expect(demoInspection).toMatchObject({ status: 'rectifying', openItems: 1 });
    const appealed = await school('POST', `/api/violations/${recorded.body.id}/appeals`, { reason: '当日另有一名监考员在场，附签到表' });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expectError(await school('POST', `/api/violations/${recorded.body.id}/appeals`, { reason: '再次申诉' }), 409, 'SANCTION.APPEAL_PENDING');
    expectError(await hr('POST', `/api/violations/${recorded.body.id}/close`, { reason: '结案' }), 409, 'SANCTION.APPEAL_PENDING');
    const upheld = await hr('POST', `/api/violations/${recorded.body.id}/appeals/${appealed.body.appeals[0].id}/decision`, {
      grant: false,
      reason: '签到表显示仅一人',
    });
    expect(upheld.body.appeals[0]).toMatchObject({ status: 'upheld', decision: '签到表显示仅一人' });
    expectError(await hr('POST', `/api/violations/${recorded.body.id}/close`, { reason: '结案' }), 409, 'SANCTION.SUSPENSION_IN_FORCE');
    const lifted = await hr('POST', `/api/sanctions/${recorded.body.sanctions[0].id}/lift`, { reason: '整改完成，恢复' });
    expect(lifted.body.sanctions[0]).toMatchObject({ status: 'lifted', liftReason: '整改完成，恢复' });
    expect((await school('GET', `/api/institutions/${institutionId}`)).body.status).toBe('listed');
    expect((await school('POST', `/api/plans/${electrician.id}/submit`, {})).status).toBe(200);
    const closed = await hr('POST', `/api/violations/${recorded.body.id}/close`, { reason: '处理完毕，结案' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.events.map((e: { action: string }) => e.action)).toEqual([
      'recorded',
      'sanction.suspend_institution',
      'appeal.filed',
      'appeal.upheld',
      'sanction.lift',
      'closed',
    ]);
    expect(closed.body.events.every((e: { actorName: string | null; at: string }) => e.actorName && e.at)).toBe(true);
    // a closed record still counts for R4 within the filing period
    const still = (await school('GET', `/api/institutions/${institutionId}/expansion-eligibility`)).body;
    expect(still.checks.find((c: { condition: string }) => c.condition === 'no_violation_record')).toMatchObject({ pass: false, value: recordsBefore + 1 });
  });

  it('R14: a suspended line stops the start of its plan; a second open suspension of the same line is a conflict (409)', async () => {
    const inst = (await hr('GET', `/api/institutions/${institutionId}`)).body;
    const line = inst.scope.find((l: { occupationCode: string; level: number }) => l.occupationCode === '6-31-07-03' && l.level === 4);
    const v = await hr(
      'POST',
      '/api/violations',
      violation({ type: '评价范围违规', sanction: { kind: 'suspend_line', scopeLineId: line.id, until: '2099-12-31' } }),
    );
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    expect(v.body.sanctions[0]).toMatchObject({ kind: 'suspend_line', until: '2099-12-31', status: 'in_force' });
    expect(v.body.sanctions[0].scopeLineLabel).toContain('4级');
    expectError(await school('POST', `/api/plans/${planTitled('工业机器人').id}/transitions`, { action: 'start' }), 422, 'SANCTION.LINE_SUSPENDED');
    const again = await hr('POST', `/api/violations/${v.body.id}/sanctions`, { kind: 'suspend_line', scopeLineId: line.id });
    expectError(again, 409, 'SANCTION.ALREADY_IN_FORCE');
    expect(again.body.error.details.rule).toBe('R14');
    // the message names the rule it refuses under (it read "（）" while rule refusals gave their rule only in details)
    expect(again.body.error.message).toContain('（R14）');
    // R14: once its last day has passed (moved to yesterday here), the suspension shows ended by itself; back to 2099 after
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await t.db.update(sanctions).set({ until: yesterday }).where(eq(sanctions.id, v.body.sanctions[0].id));
    const ended = (await hr('GET', `/api/violations/${v.body.id}`)).body;
    expect(ended).toMatchObject({ sanctionsInForce: 0, sanctions: [{ status: 'lifted', until: yesterday }] });
    expect(Date.parse(ended.sanctions[0].liftedAt)).toBeLessThanOrEqual(Date.now());
    await t.db.update(sanctions).set({ until: '2099-12-31' }).where(eq(sanctions.id, v.body.sanctions[0].id));
    expect((await hr('GET', `/api/violations/${v.body.id}`)).body).toMatchObject({ sanctionsInForce: 1, sanctions: [{ status: 'in_force' }] });
    // another HR bureau's institution: out of region (404); a county bureau within it: not the sanctioning bureau (403)
    expectError(await client(t, await t.login('qz_hr'))('POST', '/api/violations', violation()), 404);
    expectError(await client(t, await t.login('pd_hr'))('POST', '/api/violations', violation()), 403, 'SANCTION.NOT_SANCTIONING_BUREAU');
    expectError(await school('POST', '/api/violations', violation()), 403);
    // the whole record, granted on appeal: annulled, the line back in force at once
    const appeal = await school('POST', `/api/violations/${v.body.id}/appeals`, { reason: '范围内考评员已补足' });
    const granted = await hr('POST', `/api/violations/${v.body.id}/appeals/${appeal.body.appeals[0].id}/decision`, { grant: true, reason: '核实属实' });
    expect(granted.body).toMatchObject({ status: 'annulled', sanctionsInForce: 0 });
    expect((await hr('GET', `/api/institutions/${institutionId}`)).body.scope.find((l: { id: string }) => l.id === line.id).suspended).toBe(false);
  });

  it('R14: a suspension whose last day has passed blocks neither issuance nor the plan line check, and reads ended everywhere', async () => {
    const w = await makeClearedPlan(t, { candidates: 1 });
    const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const inst = (await hr('GET', `/api/institutions/${w.institutionId}`)).body;
    const line = inst.scope.find((l: { occupationCode: string; level: number }) => l.occupationCode === '6-31-07-03' && l.level === 4);
    const v = await hr(
      'POST',
      '/api/violations',
      violation({ institutionId: w.institutionId, sanction: { kind: 'suspend_institution', until: chinaDay(30) } }),
    );
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    const onLine = await hr('POST', `/api/violations/${v.body.id}/sanctions`, { kind: 'suspend_line', scopeLineId: line.id, until: chinaDay(30) });
    expect(onLine.status, JSON.stringify(onLine.body)).toBe(200);
    const issue = () => school('POST', `/api/plans/${w.planId}/certificates/batch`, {});
    const lineCheck = async () =>
      ((await school('GET', `/api/plans/${w.planId}/checks`)).body.checks as { code: string; pass: boolean }[]).find((c) => c.code === 'PLAN.SCOPE_SUSPENDED');
    const pub = client(t);
    const standing = async () => {
      const [own, open, eligibility] = await Promise.all([
        hr('GET', `/api/institutions/${w.institutionId}`),
        pub('GET', `/api/public/institutions/${w.institutionId}`),
        school('GET', `/api/institutions/${w.institutionId}/expansion-eligibility`),
      ]);
      const lineOf = (b: { scope: { id: string; suspended: boolean }[] }) => b.scope.find((l) => l.id === line.id)!.suspended;
      const listed = eligibility.body.checks.find((c: { condition: string }) => c.condition === 'listed_and_in_good_standing');
      return { status: [own.body.status, open.body.status, listed.value], line: [lineOf(own.body), lineOf(open.body)] };
    };
    // in force (its last day 30 days ahead): issuance refused, the line check fails, every reader shows it suspended
    expectError(await issue(), 422, 'CERT.INSTITUTION_SUSPENDED');
    expect(await lineCheck()).toMatchObject({ pass: false });
    expect(await standing()).toEqual({ status: ['suspended', 'suspended', 'suspended'], line: [true, true] });
    // both last days moved to yesterday (China time): the suspensions have ended by themselves, nobody lifted them
    await t.db
      .update(sanctions)
      .set({ until: chinaDay(-1) })
      .where(inArray(sanctions.id, [v.body.sanctions[0].id, onLine.body.sanctions[1].id]));
    expect(await lineCheck()).toMatchObject({ pass: true });
    expect(await standing()).toEqual({ status: ['listed', 'listed', 'listed'], line: [false, false] });
    const issued = await issue();
    expect(issued.status, JSON.stringify(issued.body)).toBe(202);
    await drainJobs(t.db);
    await idleJobs(t.db);
    expect(await t.db.select().from(certificates).where(eq(certificates.planId, w.planId))).toHaveLength(1);
  });

  it('revoking named certificates: they show revoked on the public query at once', async () => {
    const certs = (await hr('GET', '/api/certificates?status=valid&pageSize=5')).body.items as { id: string; number: string }[];
    expect(certs.length).toBeGreaterThan(0);
    const target = certs[0]!;
    const v = await hr('POST', '/api/violations', violation({ type: '证书违规', sanction: { kind: 'revoke_certificates', certificateIds: [target.id] } }));
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    const pub = await client(t)('GET', `/api/public/certificates/${target.number}`);
    expect(pub.body.status).toBe('revoked');
    expectError(await hr('POST', '/api/violations', violation({ sanction: { kind: 'suspend_line' } })), 400);
  });
});

describe('bad input: a violation dated after today', () => {
  it('R14: a violation that occurred after today (China time) is refused (422) and nothing is recorded; today is accepted', async () => {
    const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const before = (await hr('GET', '/api/violations?pageSize=100')).body.total as number;
    const future = await hr('POST', '/api/violations', violation({ occurredOn: chinaDay(1), sanction: { kind: 'warning' } }));
    expectError(future, 422, 'SANCTION.OCCURRED_IN_FUTURE');
    expect(future.body.error.details.rule).toBe('R14');
    expect(future.body.error.message).toContain('R14');
    expectError(await hr('POST', '/api/violations', violation({ occurredOn: '2099-01-01' })), 422, 'SANCTION.OCCURRED_IN_FUTURE');
    expect((await hr('GET', '/api/violations?pageSize=100')).body.total).toBe(before);
    const today = await hr('POST', '/api/violations', violation({ occurredOn: chinaDay(0), sanction: { kind: 'warning' } }));
    expect(today.status, JSON.stringify(today.body)).toBe(201);
    expect((await hr('GET', '/api/violations?pageSize=100')).body.total).toBe(before + 1);
  });
});

describe('inspections (检查) with 整改, and anomaly signals (R14)', () => {
  it('R14: a sitting with many tab switches raises a signal with its evidence; HR opens an inspection from it, the school rectifies', async () => {
    // the exams module's integrity log, written straight to its table: four tab switches per candidate of the busiest sitting
    const attempts = await t.db.select({ id: examAttempts.id, sittingId: examAttempts.sittingId }).from(examAttempts);
    const bySitting = new Map<string, string[]>();
    for (const a of attempts) bySitting.set(a.sittingId, [...(bySitting.get(a.sittingId) ?? []), a.id]);
    const [sittingId, ids] = [...bySitting.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(ids.length).toBeGreaterThanOrEqual(5);
    await t.db.insert(examEvents).values(ids.flatMap((attemptId) => Array.from({ length: 4 }, () => ({ attemptId, sittingId, kind: 'tab_hidden' }))));

    const run = await hr('POST', '/api/signals/detect', {});
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.stored).toBeGreaterThanOrEqual(1);
    expect((await hr('POST', '/api/signals/detect', {})).body.stored).toBe(0);
    const signals = (await hr('GET', '/api/signals?status=open')).body.items as { id: string; kind: string; evidence: Record<string, unknown> }[];
    const signal = signals.find((s) => s.kind === 'exam_events' && s.evidence.sittingId === sittingId)!;
    expect(signal.evidence).toMatchObject({ attempts: ids.length, threshold: { perCandidate: 3 } });
    expect(Number(signal.evidence.perCandidate)).toBeGreaterThanOrEqual(4);
    expectError(await client(t, await t.login('qz_hr'))('POST', `/api/signals/${signal.id}/dismiss`, { reason: 'x' }), 404);

    const opened = await hr('POST', `/api/signals/${signal.id}/inspection`, { title: '考场切屏异常专项检查' });
    expect(opened.body).toMatchObject({ status: 'inspected' });
    expectError(await hr('POST', `/api/signals/${signal.id}/dismiss`, { reason: '重复' }), 409, 'SIGNAL.DECIDED');
    const inspection = (await hr('GET', `/api/inspections/${opened.body.inspectionId}`)).body;
    expect(inspection).toMatchObject({ kind: 'ad_hoc', status: 'open', signalId: signal.id, institutionId });

    const withItem = await hr('POST', `/api/inspections/${inspection.id}/items`, { description: '补齐考场监控录像并说明切屏原因', dueOn: '2099-06-30' });
    expect(withItem.body).toMatchObject({ status: 'rectifying', openItems: 1 });
    const itemId = withItem.body.items[0].id;
    expectError(await hr('POST', `/api/inspections/${inspection.id}/close`, {}), 409, 'INSPECTION.ITEMS_OPEN');
    // the school sees its own inspection and answers; HR accepts; then it closes
    expect((await school('GET', '/api/inspections')).body.items.map((i: { id: string }) => i.id)).toContain(inspection.id);
    const answered = await school('POST', `/api/inspections/${inspection.id}/items/${itemId}/response`, { response: '已补齐录像，系网络波动导致重连' });
    expect(answered.body.items[0]).toMatchObject({ status: 'responded' });
    expectError(await school('POST', `/api/inspections/${inspection.id}/items/${itemId}/response`, { response: '再答' }), 409, 'INSPECTION.ITEM_BAD_STATE');
    expect((await hr('POST', `/api/inspections/${inspection.id}/items/${itemId}/decision`, { accept: true })).body.openItems).toBe(0);
    expect((await hr('POST', `/api/inspections/${inspection.id}/close`, {})).body.status).toBe('closed');
  });

  it('a supervisor plans an inspection of a plan; a plan of another institution is refused', async () => {
    const sup = client(t, await t.login('sh_supervisor'));
    const planned = await sup('POST', '/api/inspections', {
      institutionId,
      planId: planTitled('工业机器人').id,
      kind: 'planned',
      title: '年度检查',
      scheduledOn: '2099-01-10',
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    expect(planned.body.status).toBe('planned');
    expect((await sup('PUT', `/api/inspections/${planned.body.id}/findings`, { findings: '考务档案齐全' })).body.status).toBe('open');
    const other = (await client(t, await t.login('school_admin'))('GET', '/api/plans?pageSize=1')).body.items[0];
    if (other)
      expectError(
        await sup('POST', '/api/inspections', { institutionId, planId: other.id, kind: 'ad_hoc', title: 'x' }),
        422,
        'INSPECTION.PLAN_NOT_OF_INSTITUTION',
      );
  });

  it('R14: two candidates who chose the same rare wrong options — shown under different letters on their shuffled copies — raise a signal with the shared answers', async () => {
    // The exams module's stored answers, written straight to its tables as a submission leaves them: each candidate
    // answers with the letters of their own copy; objective marking recorded right or wrong in item_responses.
    const all = await t.db
      .select({
        id: examAttempts.id,
        sittingId: examAttempts.sittingId,
        paperId: examAttempts.paperId,
        examNumber: examAttempts.examNumber,
        layout: examAttempts.layout,
      })
      .from(examAttempts);
    const bySitting = new Map<string, typeof all>();
    for (const a of all) bySitting.set(a.sittingId, [...(bySitting.get(a.sittingId) ?? []), a]);
    const [sittingId, attempts] = [...bySitting.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(attempts.length).toBeGreaterThanOrEqual(5);
    const chosen = attempts[0]!.layout.filter((i) => i.type === 'single').slice(0, 4);
    expect(chosen).toHaveLength(4);
    const bank = new Map(
      (
        await t.db
          .select({ id: items.id, answer: items.answer })
          .from(items)
          .where(
            inArray(
              items.id,
              chosen.map((i) => i.itemId),
            ),
          )
      ).map((r) => [r.id, r.answer as string[]]),
    );
    // the wrong option the two share, in the bank's keys
    const wrongOf = new Map(chosen.map((i) => [i.itemId, [...i.optionOrder].sort().find((k) => !bank.get(i.itemId)!.includes(k))!]));
    const [a, b] = attempts;
    const letters: Record<string, string[]> = {};
    for (const at of attempts) {
      for (const { itemId } of chosen) {
        const copy = at.layout.find((i) => i.itemId === itemId)!;
        const right = bank.get(itemId)![0]!;
        const key = at === a || at === b ? wrongOf.get(itemId)! : right;
        const shown = String.fromCharCode(65 + copy.optionOrder.indexOf(key));
        if (at === a || at === b) letters[at.id] = [...(letters[at.id] ?? []), shown];
        await t.db.insert(examAnswers).values({ attemptId: at.id, itemId, response: { keys: [shown] }, seq: 1 });
        await t.db
          .insert(itemResponses)
          .values({ paperId: at.paperId, candidate: at.examNumber, itemId, score: key === right ? copy.points : 0, maxScore: copy.points })
          .onConflictDoNothing();
      }
    }
    // the same options under different letters: only the mapping back to the bank's keys finds them equal
    expect(letters[a!.id]).not.toEqual(letters[b!.id]);
    await t.db
      .update(examAttempts)
      .set({ status: 'submitted' })
      .where(
        inArray(
          examAttempts.id,
          attempts.map((x) => x.id),
        ),
      );

    const run = await hr('POST', '/api/signals/detect', {});
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const found = ((await hr('GET', '/api/signals?pageSize=100')).body.items as { kind: string; evidence: Record<string, unknown> }[]).filter(
      (s) => s.kind === 'shared_wrong_answers' && s.evidence.sittingId === sittingId,
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toMatchObject({
      candidates: [a!.examNumber, b!.examNumber].sort(),
      sharedRareWrong: 4,
      candidatesInSitting: attempts.length,
      threshold: { rareShare: 0.2, minShared: 3 },
    });
    const byItem = (x: { itemId: string }, y: { itemId: string }) => x.itemId.localeCompare(y.itemId);
    expect([...(found[0]!.evidence.sharedAnswers as { itemId: string }[])].sort(byItem)).toEqual(
      chosen.map((i) => ({ itemId: i.itemId, answer: [wrongOf.get(i.itemId)], chosenBy: 2, answered: attempts.length })).sort(byItem),
    );
  });
});
