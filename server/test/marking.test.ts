import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import {
  examAnswers,
  examAttempts,
  itemResponses,
  markDecisions,
  marks,
  paperItems,
  partResults,
  planParts,
  planSittings,
  planStaff,
  seatAssignments,
} from '../src/db/schema.ts';
import { client, expectError } from './helpers/api.ts';
import { type EvaluationWorld, makeEvaluationWorld } from './helpers/evaluation.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

type Call = ReturnType<typeof client>;
interface Entry {
  planId: string;
  partId: string;
  partKind: string;
  enrolmentId: string;
  examNumber: string;
  itemId: string;
  points: number;
  rubric: { criteria: { id: string; points: number }[]; vetoes: { id: string }[] };
  response: unknown;
  round: string;
  myMark: { total: number; source: string } | null;
  state: string;
}

let t: TestApp;
let w: EvaluationWorld;
let school: Call;
/** examiner 1, examiner 2, examiner 3 (the re-marker), the chief examiner. */
let e1: Call;
let e2: Call;
let e3: Call;
let chief: Call;
let demoDisputes: { planTitle: string; marks: { total: number }[]; spread: number; threshold: number }[];
let demoQueue: { planTitle: string }[];

beforeAll(async () => {
  t = await makeTestApp();
  // The demo's accounts first: the fixture re-links the roster's certificate numbers to its own examiners.
  demoDisputes = (await client(t, await t.login('lg_chief'))('GET', '/api/marking/disputes')).body.items;
  demoQueue = (await client(t, await t.login('lg_examiner2'))('GET', '/api/marking/queue')).body.items;
  w = await makeEvaluationWorld(t, { candidates: 3, examiners: 3 });
  school = client(t, await t.login(w.schoolUsername));
  const [c, x1, x2, x3] = w.examiners;
  chief = client(t, await t.login(c!.username));
  e1 = client(t, await t.login(x1!.username));
  e2 = client(t, await t.login(x2!.username));
  e3 = client(t, await t.login(x3!.username));
});
afterAll(async () => t.close());

async function queue(who: Call): Promise<Entry[]> {
  const res = await who('GET', '/api/marking/queue');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as Entry[]).filter((e) => e.planId === w.planId);
}

/** Every criterion at `fraction` of its points (rounded down to half points). */
function markOf(e: Entry, fraction: number, vetoes: string[] = []) {
  return {
    planId: e.planId,
    partId: e.partId,
    enrolmentId: e.enrolmentId,
    itemId: e.itemId,
    scores: e.rubric.criteria.map((c) => ({ criterionId: c.id, score: Math.floor(c.points * fraction * 2) / 2 })),
    vetoes,
    comment: '操作规范',
  };
}
const totalAt = (e: Entry, fraction: number) => e.rubric.criteria.reduce((s, c) => s + Math.floor(c.points * fraction * 2) / 2, 0);

async function partResult(enrolmentId: string, partId: string) {
  const [row] = await t.db
    .select()
    .from(partResults)
    .where(and(eq(partResults.enrolmentId, enrolmentId), eq(partResults.partId, partId)));
  return row;
}

const practicalOf = (entries: Entry[], enrolmentId: string) => entries.filter((e) => e.partKind === 'practical' && e.enrolmentId === enrolmentId);

describe('the examiner’s queue (R9, blind)', () => {
  it('R9: an examiner sees the practical tasks of the group they are staffed for, by exam number only — never a name', async () => {
    const entries = await queue(e1);
    const practical = entries.filter((e) => e.partKind === 'practical');
    expect(practical).toHaveLength(w.candidates.length * w.practical.taskIds.length);
    expect(new Set(practical.map((e) => e.examNumber))).toEqual(new Set(w.candidates.map((c) => c.practicalExamNumber)));
    const text = JSON.stringify(entries);
    for (const c of w.candidates) {
      expect(text).not.toContain(c.name);
      expect(text).not.toContain(c.idNumber);
    }
    // The rubric is open to the examiner of the task (the bank's confidentiality hook).
    expect(practical[0]!.rubric.criteria.length).toBeGreaterThan(0);
  });

  it('R9: the chief examiner, not drawn as an examiner, may not give a first mark: 403 MARK.NOT_DRAWN', async () => {
    const [e] = practicalOf(await queue(e1), w.candidates[2]!.enrolmentId);
    expect(await queue(chief)).toHaveLength(0);
    const res = await chief('PUT', '/api/marking/marks', markOf(e!, 0.5));
    expectError(res, 403, 'MARK.NOT_DRAWN');
    expect(res.body.error.details.rule).toBe('R9');
  });

  it('out of range, missing and unknown criteria are refused together (422) and nothing is saved', async () => {
    const [e] = practicalOf(await queue(e1), w.candidates[2]!.enrolmentId);
    const body = markOf(e!, 1);
    body.scores = [
      { criterionId: 'c0', score: e!.rubric.criteria[0]!.points + 1 },
      { criterionId: 'c99', score: 1 },
    ];
    body.vetoes = ['v99'];
    const res = await e1('PUT', '/api/marking/marks', body);
    expectError(res, 422, 'MARK.INVALID');
    const codes = (res.body.error.details.issues as { code: string }[]).map((i) => i.code);
    expect(codes).toContain('MARK.SCORE_OUT_OF_RANGE');
    expect(codes).toContain('MARK.CRITERION_UNKNOWN');
    expect(codes).toContain('MARK.VETO_UNKNOWN');
    if (e!.rubric.criteria.length > 1) expect(codes).toContain('MARK.CRITERION_MISSING');
    const saved = await t.db.select().from(marks).where(eq(marks.enrolmentId, w.candidates[2]!.enrolmentId));
    expect(saved).toHaveLength(0);
  });

  it('blind: an examiner’s queue never shows another examiner’s mark', async () => {
    const [e] = practicalOf(await queue(e2), w.candidates[2]!.enrolmentId);
    const res = await e2('PUT', '/api/marking/marks', markOf(e!, 0.9));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = practicalOf(await queue(e1), w.candidates[2]!.enrolmentId).find((x) => x.itemId === e!.itemId)!;
    expect(mine.myMark).toBeNull();
    expect(JSON.stringify(mine)).not.toContain('操作规范');
    const theirs = practicalOf(await queue(e2), w.candidates[2]!.enrolmentId).find((x) => x.itemId === e!.itemId)!;
    expect(theirs.myMark?.total).toBe(totalAt(e!, 0.9));
  });
});

describe('agreement, the chief examiner and the part result', () => {
  it('two marks within the threshold agree; the last task agreed writes the practical part result and the item responses', async () => {
    const c = w.candidates[0]!;
    const entries = practicalOf(await queue(e1), c.enrolmentId);
    for (const e of entries) {
      expect((await e1('PUT', '/api/marking/marks', markOf(e, 0.8))).status).toBe(200);
      expect(await partResult(c.enrolmentId, w.practical.partId)).toBeUndefined();
      // A correction before the item is agreed is allowed.
      expect((await e1('PUT', '/api/marking/marks', markOf(e, 0.7))).status).toBe(200);
      expect((await e2('PUT', '/api/marking/marks', markOf(e, 0.75))).status).toBe(200);
    }
    const expected = entries.reduce((s, e) => s + (totalAt(e, 0.7) + totalAt(e, 0.75)) / 2, 0);
    const total = entries.reduce((s, e) => s + e.points, 0);
    const r = await partResult(c.enrolmentId, w.practical.partId);
    expect(r?.source).toBe('marking');
    expect(r?.score).toBeCloseTo((expected * 100) / total, 1);
    const responses = await t.db.select().from(itemResponses).where(eq(itemResponses.candidate, c.practicalExamNumber));
    expect(responses).toHaveLength(entries.length);
    // Agreed: the mark can no longer change, and the item leaves the queue of an examiner who did not mark it.
    const again = await e1('PUT', '/api/marking/marks', markOf(entries[0]!, 1));
    expectError(again, 409, 'MARK.CLOSED');
    expect(practicalOf(await queue(e3), c.enrolmentId)).toHaveLength(0);
  });

  it('a spread over the threshold goes to the chief examiner, who sees the marks side by side and decides with a reason', async () => {
    const c = w.candidates[1]!;
    const entries = practicalOf(await queue(e1), c.enrolmentId);
    const [first, ...rest] = entries;
    await e1('PUT', '/api/marking/marks', markOf(first!, 1));
    const res = await e2('PUT', '/api/marking/marks', markOf(first!, 0.2));
    expect(res.status).toBe(200);
    for (const e of rest) {
      await e1('PUT', '/api/marking/marks', markOf(e, 0.6));
      await e2('PUT', '/api/marking/marks', markOf(e, 0.6));
    }
    expect(await partResult(c.enrolmentId, w.practical.partId)).toBeUndefined();
    // Examiners never see disputes; the chief does.
    expect(((await e1('GET', '/api/marking/disputes')).body.items as unknown[]).length).toBe(0);
    const disputes = (await chief('GET', '/api/marking/disputes')).body.items as { enrolmentId: string; itemId: string; marks: { total: number }[] }[];
    const d = disputes.find((x) => x.enrolmentId === c.enrolmentId && x.itemId === first!.itemId)!;
    expect(d.marks.map((m) => m.total).sort((a, b) => a - b)).toEqual([totalAt(first!, 0.2), totalAt(first!, 1)]);

    const decision = { planId: w.planId, partId: w.practical.partId, enrolmentId: c.enrolmentId, itemId: first!.itemId, score: 10 };
    expectError(await chief('POST', '/api/marking/decisions', decision), 400);
    expectError(await e1('POST', '/api/marking/decisions', { ...decision, reason: '复看录像' }), 403, 'MARK.NOT_CHIEF');
    expectError(
      await chief('POST', '/api/marking/decisions', { ...decision, score: first!.points + 1, reason: '复看录像' }),
      422,
      'MARK.DECISION_OUT_OF_RANGE',
    );
    const ok = await chief('POST', '/api/marking/decisions', { ...decision, reason: '复看现场录像，按第二名考评员意见' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expectError(await chief('POST', '/api/marking/decisions', { ...decision, reason: '再次裁定' }), 409, 'MARK.NOT_DISPUTED');

    const [row] = await t.db
      .select()
      .from(markDecisions)
      .where(and(eq(markDecisions.enrolmentId, c.enrolmentId), eq(markDecisions.kind, 'chief')));
    expect(row?.score).toBe(10);
    const total = entries.reduce((s, e) => s + e.points, 0);
    const expected = 10 + rest.reduce((s, e) => s + totalAt(e, 0.6), 0);
    expect((await partResult(c.enrolmentId, w.practical.partId))?.score).toBeCloseTo((expected * 100) / total, 1);
  });

  it('the institution sees the marking progress per part', async () => {
    const res = await school('GET', `/api/plans/${w.planId}/marking`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const practical = (res.body.parts as { kind: string; items: Record<string, number>; resultsWritten: number; candidates: number }[]).find(
      (p) => p.kind === 'practical',
    )!;
    expect(practical.candidates).toBe(3);
    expect(practical.resultsWritten).toBe(2);
    expect(practical.items.decided).toBe(1);
    expect(practical.items.agreed).toBe(w.practical.taskIds.length * 2 - 1);
    expect(practical.items.waiting).toBe(w.practical.taskIds.length);
    expect(res.body.examiners).toHaveLength(4);
    // Blind marking does not extend to examiners reading the plan: they have no plan.read.
    expectError(await e1('GET', `/api/plans/${w.planId}/marking`), 403);
  });
});

describe('the whole mark record', () => {
  it('HR of the region reads every mark and decision of a candidate; examiners cannot (blind)', async () => {
    const c = w.candidates[1]!;
    const hr = client(t, await t.login('sh_hr'));
    const res = await hr('GET', `/api/plans/${w.planId}/marks?enrolmentId=${c.enrolmentId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items as { status: string; marks: { examinerName: string }[]; decisions: { kind: string; reason: string }[] }[];
    expect(items.filter((i) => i.marks.length === 2)).toHaveLength(w.practical.taskIds.length);
    const decided = items.find((i) => i.status === 'decided')!;
    expect(decided.decisions[0]).toMatchObject({ kind: 'chief', reason: '复看现场录像，按第二名考评员意见' });
    expectError(await e1('GET', `/api/plans/${w.planId}/marks`), 403);
  });
});

describe('re-mark (复核) after an objection', () => {
  it('R9: a re-mark is by a different examiner; it is recorded, audited and replaces the part result', async () => {
    const c = w.candidates[0]!;
    const [e] = practicalOf(await queue(e1), c.enrolmentId);
    const before = (await partResult(c.enrolmentId, w.practical.partId))!.score!;
    const body = {
      enrolmentId: c.enrolmentId,
      partId: w.practical.partId,
      itemId: e!.itemId,
      examinerId: w.examiners[1]!.userId,
      reason: '考生对实操成绩提出异议',
    };
    const same = await school('POST', `/api/plans/${w.planId}/remarks`, body);
    expectError(same, 422, 'MARK.REMARK_SAME_EXAMINER');
    expect(same.body.error.details.rule).toBe('R9');
    const ok = await school('POST', `/api/plans/${w.planId}/remarks`, { ...body, examinerId: w.examiners[3]!.userId });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expectError(await school('POST', `/api/plans/${w.planId}/remarks`, { ...body, examinerId: w.examiners[3]!.userId }), 409, 'MARK.REMARK_PENDING');

    const request = (await queue(e3)).find((x) => x.round === 'remark')!;
    expect(request.enrolmentId).toBe(c.enrolmentId);
    expect(request.myMark).toBeNull();
    const res = await e3('PUT', '/api/marking/marks', markOf(request, 1));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.round).toBe('remark');

    const [d] = await t.db
      .select()
      .from(markDecisions)
      .where(and(eq(markDecisions.enrolmentId, c.enrolmentId), eq(markDecisions.kind, 'remark')));
    expect(d?.score).toBe(totalAt(request, 1));
    expect(d?.reason).toBe('考生对实操成绩提出异议');
    const after = (await partResult(c.enrolmentId, w.practical.partId))!.score!;
    expect(after).toBeGreaterThan(before);
    const audited = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action in ('mark.remark', 'mark.remark_request')`);
    expect(audited[0]!.n).toBe(2);
    expect((await queue(e3)).some((x) => x.round === 'remark')).toBe(false);
  });
});

describe('paper sheets and theory answers', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-sheet')]).toString('base64');

  it('an examiner enters a mark from a signed paper sheet with its scan, in one request', async () => {
    const c = w.candidates[2]!;
    const [e] = practicalOf(await queue(e1), c.enrolmentId);
    const bad = await e1('POST', '/api/marking/paper-marks', {
      ...markOf(e!, 0.85),
      sheet: { filename: 'sheet.png', mimeType: 'image/png', contentBase64: Buffer.from('not a png').toString('base64') },
    });
    expectError(bad, 422, 'MARK.SHEET_TYPE');
    const res = await e1('POST', '/api/marking/paper-marks', {
      ...markOf(e!, 0.85),
      sheet: { filename: '评分表-签字.png', mimeType: 'image/png', contentBase64: png },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.source).toBe('paper');
    const [row] = await t.db.select().from(marks).where(eq(marks.id, res.body.id));
    expect(row?.sheetAttachmentId).toBe(res.body.sheetAttachmentId);
    expect(row?.source).toBe('paper');
  });

  it('the plan’s examiners mark 简答 answers of a submitted attempt; the theory result is objective + agreed subjective, scaled', async () => {
    const c = w.candidates[2]!;
    const layoutRows = await t.db.select().from(paperItems).where(eq(paperItems.paperId, w.theory.paperId));
    const subjective = new Set(w.theory.subjectiveItemIds);
    const [attempt] = await t.db
      .insert(examAttempts)
      .values({
        planId: w.planId,
        partId: w.theory.partId,
        sittingId: w.theory.sittingId,
        seatAssignmentId: c.theorySeatId,
        enrolmentId: c.enrolmentId,
        paperId: w.theory.paperId,
        examNumber: c.theoryExamNumber,
        layout: layoutRows.map((r) => ({
          itemId: r.itemId,
          version: r.version,
          points: r.points,
          type: subjective.has(r.itemId) ? 'subjective' : 'single',
          optionOrder: [],
        })),
        status: 'submitted',
        submittedAt: new Date(),
        objectiveScore: 5,
        objectiveMax: layoutRows.filter((r) => !subjective.has(r.itemId)).reduce((s, r) => s + r.points, 0),
      })
      .returning({ id: examAttempts.id });
    await t.db.insert(examAnswers).values(w.theory.subjectiveItemIds.map((itemId, k) => ({ attemptId: attempt!.id, itemId, response: `答案 ${k}`, seq: 1 })));
    const entries = (await queue(e1)).filter((e) => e.partKind === 'theory');
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.response)).toEqual(['答案 0', '答案 1']);
    for (const e of entries) {
      await e1('PUT', '/api/marking/marks', markOf(e, 0.5));
      await e2('PUT', '/api/marking/marks', markOf(e, 0.5));
    }
    const total = layoutRows.reduce((s, r) => s + r.points, 0);
    const r = await partResult(c.enrolmentId, w.theory.partId);
    expect(r?.source).toBe('exam');
    expect(r?.score).toBeCloseTo(((5 + totalAt(entries[0]!, 0.5) + totalAt(entries[1]!, 0.5)) * 100) / total, 1);
  });
});

describe('综合评审 (review) by a panel', () => {
  it('R9: a panel of fewer than 3 may not score; a panel of 3 scores every item and the review result is their mean', async () => {
    const [part] = await t.db
      .insert(planParts)
      .values({ planId: w.planId, position: 2, kind: 'review', passMark: 60, durationMinutes: 60, paperId: w.practical.paperId })
      .returning({ id: planParts.id });
    const [sitting] = await t.db
      .insert(planSittings)
      .values({
        planId: w.planId,
        partId: part!.id,
        position: 0,
        date: '2026-06-01',
        startTime: '09:00',
        endTime: '12:00',
        site: '评价中心',
        room: '答辩室',
        capacity: 10,
      })
      .returning({ id: planSittings.id });
    const c = w.candidates[0]!;
    await t.db.insert(seatAssignments).values({
      planId: w.planId,
      enrolmentId: c.enrolmentId,
      partId: part!.id,
      sittingId: sitting!.id,
      seat: 1,
      examNumber: `${c.practicalExamNumber.slice(0, 11)}4${c.practicalExamNumber.slice(12)}`,
    });
    const panel = w.examiners.slice(1, 4);
    for (const e of panel.slice(0, 2))
      await t.db.insert(planStaff).values({ planId: w.planId, sittingId: sitting!.id, role: 'panel', certificateNo: e.certificateNo, name: e.username });
    const review = (who: Call) => queue(who).then((es) => es.filter((e) => e.partKind === 'review'));
    const [entry] = await review(e1);
    expect(entry).toBeDefined();
    const refused = await e1('PUT', '/api/marking/marks', markOf(entry!, 0.8));
    expectError(refused, 422, 'MARK.PANEL_INVALID');
    expect(refused.body.error.details.rule).toBe('R9');

    await t.db
      .insert(planStaff)
      .values({ planId: w.planId, sittingId: sitting!.id, role: 'panel', certificateNo: panel[2]!.certificateNo, name: panel[2]!.username });
    const entries = await review(e1);
    for (const e of entries) for (const who of [e1, e2, e3]) expect((await who('PUT', '/api/marking/marks', markOf(e, 0.8))).status).toBe(200);
    const total = entries.reduce((sum, e) => sum + e.points, 0);
    const r = await partResult(c.enrolmentId, part!.id);
    expect(r?.source).toBe('review');
    expect(r?.score).toBeCloseTo((entries.reduce((sum, e) => sum + totalAt(e, 0.8), 0) * 100) / total, 1);
  });
});

describe('the demo world', () => {
  it('a Lingang practical marked by two examiners far apart waits for the chief examiner (lg_chief)', async () => {
    const demo = demoDisputes.filter((d) => d.planTitle.includes('实操评分中'));
    expect(demo).toHaveLength(1);
    expect(demo[0]!.marks).toHaveLength(2);
    expect(demo[0]!.spread).toBeGreaterThan(demo[0]!.threshold);
    expect(demoQueue.some((e) => e.planTitle.includes('实操评分中'))).toBe(true);
  });
});
