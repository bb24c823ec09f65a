import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partResults, plans } from '../src/db/schema.ts';
import { clearedCandidates, clock } from '../src/modules/publicity/publicity.service.ts';
import { client, expectError } from './helpers/api.ts';
import { type EvaluationWorld, makeEvaluationWorld } from './helpers/evaluation.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * 公示: published for 5 working days over 国庆节 2026 (Oct 1–7 off, Sat Oct 10 a 调休 working day), on a public page
 * with masked names; objections (异议) tracked by code; after the window, clearance blocks only the objected candidate.
 */
let t: TestApp;
let w: EvaluationWorld;
let school: ReturnType<typeof client>;
const anon = () => client(t);
const realNow = clock.now;

beforeAll(async () => {
  t = await makeTestApp();
});
beforeAll(async () => {
  w = await makeEvaluationWorld(t, { candidates: 3, status: 'marking', examiners: 0 });
  school = client(t, await t.login('lg_school_admin'));
  const [a, b, c] = w.candidates;
  const row = (enrolmentId: string, partId: string, score: number) => ({ enrolmentId, planId: w.planId, partId, score, source: 'marking' });
  // The theory and practical scores are the exams and marking modules' to write; here straight into part_results.
  await t.db
    .insert(partResults)
    .values([
      row(a!.enrolmentId, w.theory.partId, 80),
      row(a!.enrolmentId, w.practical.partId, 85),
      row(b!.enrolmentId, w.theory.partId, 70),
      row(b!.enrolmentId, w.practical.partId, 66),
      row(c!.enrolmentId, w.theory.partId, 40),
    ]);
});
afterAll(async () => {
  clock.now = realNow;
  await t?.close();
});

describe('公示 (results publicity)', () => {
  it('is refused while any candidate is pending', async () => {
    clock.now = () => new Date('2026-09-29T02:00:00Z'); // Tuesday 10:00 in China
    // c failed theory, so c is failed already; empty a's practical to make a pending.
    await t.db.delete(partResults).where(eq(partResults.enrolmentId, w.candidates[0]!.enrolmentId));
    const res = await school('POST', `/api/plans/${w.planId}/publicity`, {});
    expectError(res, 409, 'PUBLICITY.PENDING_RESULTS');
    expect(res.body.error.details.enrolmentIds).toEqual([w.candidates[0]!.enrolmentId]);
    const [p] = await t.db.select({ status: plans.status }).from(plans).where(eq(plans.id, w.planId));
    expect(p!.status).toBe('marking');
    await t.db.insert(partResults).values([
      { enrolmentId: w.candidates[0]!.enrolmentId, planId: w.planId, partId: w.theory.partId, score: 80, source: 'exam' },
      { enrolmentId: w.candidates[0]!.enrolmentId, planId: w.planId, partId: w.practical.partId, score: 85, source: 'marking' },
    ]);
  });

  it('runs 5 working days over 国庆节: the holiday skipped, the 调休 Saturday counted', async () => {
    const res = await school('POST', `/api/plans/${w.planId}/publicity`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.planStatus).toBe('publicity');
    expect(res.body.publicity).toMatchObject({
      firstDay: '2026-09-29',
      lastDay: '2026-10-10', // Sep 29, 30, Oct 8, 9 and the 调休 Saturday Oct 10
      closesAt: '2026-10-10T16:00:00.000Z',
      workingDays: 5,
      calendarKnown: true,
      state: 'running',
    });
    expectError(await school('POST', `/api/plans/${w.planId}/publicity`, {}), 409, 'PUBLICITY.ALREADY_PUBLISHED');
  });

  it('shows the public page without login: masked names, exam numbers, outcomes', async () => {
    const list = await anon()('GET', '/api/public/publicity');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { planId: string }) => i.planId)).toContain(w.planId);
    const page = await anon()('GET', `/api/public/publicity/${w.planId}`);
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    for (const c of w.candidates) {
      expect(text).not.toContain(c.name);
      expect(text).not.toContain(c.idNumber);
      expect(text).not.toContain(c.enrolmentId);
    }
    const lineA = page.body.lines.find((l: { examNumber: string }) => l.examNumber === w.candidates[0]!.theoryExamNumber);
    expect(lineA.name).toBe(`${[...w.candidates[0]!.name][0]}${'*'.repeat([...w.candidates[0]!.name].length - 1)}`);
    expect(lineA.outcome).toBe('passed');
    expect(page.body.lines.find((l: { examNumber: string }) => l.examNumber === w.candidates[2]!.theoryExamNumber).outcome).toBe('failed');
    expectError(await anon()('GET', `/api/public/publicity/${crypto.randomUUID()}`), 404);
  });
});

describe('异议 (objections) and clearance', () => {
  let codeA: string;
  let codeB: string;

  it('anyone lodges one during publicity and tracks it by its code; the contact is never shown', async () => {
    const [a, b] = w.candidates;
    const lodge = (examNumber: string | undefined, text: string) =>
      anon()('POST', `/api/public/publicity/${w.planId}/objections`, { name: '张先生', contact: '13900001111', text, ...(examNumber ? { examNumber } : {}) });
    const ra = await lodge(a!.theoryExamNumber, '该考生实操考试时有人代考，请核查。');
    expect(ra.status, JSON.stringify(ra.body)).toBe(201);
    codeA = ra.body.trackingCode;
    expect(codeA).toMatch(/^[A-HJKMNP-TV-Z2-9]{5}-[A-HJKMNP-TV-Z2-9]{5}$/);
    const rb = await lodge(b!.practicalExamNumber, '成绩与本人估分差距较大，申请复核。');
    codeB = rb.body.trackingCode;
    expect(codeB).not.toBe(codeA);
    expectError(await lodge('NO-SUCH-NUMBER', '没有这个考生的异议内容'), 422, 'PUBLICITY.UNKNOWN_EXAM_NUMBER');
    expectError(await lodge(undefined, '短'), 400);

    const tracked = await anon()('GET', `/api/public/objections/${codeA.toLowerCase()}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ status: 'open', answer: null, examNumber: a!.theoryExamNumber });
    expect(JSON.stringify(tracked.body)).not.toContain('13900001111');
    expectError(await anon()('GET', '/api/public/objections/AAAAA-BBBBB'), 404);
  });

  it('the institution sees the contact and answers; the objector reads the answer', async () => {
    const view = await school('GET', `/api/plans/${w.planId}/publicity`);
    expect(view.body.objections).toHaveLength(2);
    const objB = view.body.objections.find((o: { trackingCode: string }) => o.trackingCode === codeB);
    expect(objB).toMatchObject({ contact: '13900001111', candidateName: w.candidates[1]!.name, status: 'open' });
    const answered = await school('POST', `/api/plans/${w.planId}/objections/${objB.id}/answer`, { answer: '经复核，评分无误，维持原成绩。' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.status).toBe('answered');
    expectError(await school('POST', `/api/plans/${w.planId}/objections/${objB.id}/answer`, { answer: '再次答复' }), 409, 'OBJECTION.ALREADY_ANSWERED');
    const tracked = await anon()('GET', `/api/public/objections/${codeB}`);
    expect(tracked.body).toMatchObject({ status: 'answered', answer: '经复核，评分无误，维持原成绩。' });
    // While the window runs nobody is cleared.
    expect(await clearedCandidates(t.db, w.planId)).toEqual([]);
  });

  it('after the window: an objection is refused (PUBLICITY.CLOSED), the plan closes, the open objection blocks its candidate only', async () => {
    clock.now = () => new Date('2026-10-10T16:00:01Z');
    expectError(
      await anon()('POST', `/api/public/publicity/${w.planId}/objections`, { name: '李女士', contact: 'li@example.com', text: '公示结束后才看到，提出异议。' }),
      409,
      'PUBLICITY.CLOSED',
    );
    const view = await school('GET', `/api/plans/${w.planId}/publicity`);
    expect(view.body.planStatus).toBe('closed');
    expect(view.body.publicity.state).toBe('closed');
    const byId = new Map(view.body.clearance.map((c: { enrolmentId: string }) => [c.enrolmentId, c]));
    const [a, b, c] = w.candidates;
    expect(byId.get(a!.enrolmentId)).toMatchObject({ cleared: false, blocks: ['objection_open'] });
    expect(byId.get(b!.enrolmentId)).toMatchObject({ cleared: true, blocks: [] });
    expect(byId.get(c!.enrolmentId)).toMatchObject({ cleared: false, blocks: ['not_passed'] });
    const cleared = await clearedCandidates(t.db, w.planId);
    expect(cleared.map((x) => x.enrolmentId)).toEqual([b!.enrolmentId]);
    expect(cleared[0]!.parts).toEqual([
      { kind: 'theory', score: 70, substituted: false },
      { kind: 'practical', score: 66, substituted: false },
    ]);
    // HR of the region reads the same screen.
    const hr = client(t, await t.login('sh_hr'));
    expect((await hr('GET', `/api/plans/${w.planId}/publicity`)).body.clearance).toHaveLength(3);
  });
});
