import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partResults, planParts, planSupervisors, users } from '../src/db/schema.ts';
import { scoresWorkbook } from '../src/modules/results/results.excel.ts';
import { client, expectError } from './helpers/api.ts';
import { type EvaluationWorld, makeEvaluationWorld } from './helpers/evaluation.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/** Results (认定结果): R6 course scores and process assessment, each part against its pass mark, the mark record. */
let t: TestApp;
let school: ReturnType<typeof client>;
let evidenceId: string;

const b64 = (b: Buffer) => b.toString('base64');

async function resultsOf(planId: string) {
  const res = await school('GET', `/api/plans/${planId}/results`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    items: {
      enrolmentId: string;
      outcome: string;
      parts: { kind: string; verdict: string; score: number | null; substituted: boolean }[];
      processScore: number | null;
    }[];
    counts: Record<string, number>;
  };
}

async function storedResults(planId: string) {
  return t.db.select().from(partResults).where(eq(partResults.planId, planId));
}

beforeAll(async () => {
  t = await makeTestApp();
  school = client(t, await t.login('lg_school_admin'));
  const up = await school('POST', '/api/attachments', {
    filename: '成绩单.pdf',
    mimeType: 'application/pdf',
    contentBase64: b64(Buffer.from('%PDF-1.4 signed score list')),
  });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  evidenceId = up.body.id;
});
afterAll(async () => t?.close());

describe('R6 课证融通: course exam scores in place of the theory exam', () => {
  let declared: EvaluationWorld;
  let undeclared: EvaluationWorld;
  beforeAll(async () => {
    declared = await makeEvaluationWorld(t, { candidates: 3, status: 'marking', courseExamReplacesTheory: true, examiners: 0 });
    undeclared = await makeEvaluationWorld(t, { candidates: 2, status: 'marking', courseExamReplacesTheory: false, examiners: 0 });
  });

  it('R6: a plan that did not declare it refuses course scores (422, rule R6) and nothing is saved', async () => {
    const c = undeclared.candidates[0]!;
    const file = await scoresWorkbook(['成绩'], [[c.theoryExamNumber, '', c.name, 80]]);
    const res = await school('POST', `/api/plans/${undeclared.planId}/course-scores/import`, { contentBase64: b64(file), evidenceAttachmentId: evidenceId });
    expectError(res, 422, 'RESULT.SUBSTITUTION_NOT_DECLARED');
    expect(res.body.error.details.rule).toBe('R6');
    expect(await storedResults(undeclared.planId)).toHaveLength(0);
    expectError(await school('GET', `/api/plans/${undeclared.planId}/course-scores/template.xlsx`), 422, 'RESULT.SUBSTITUTION_NOT_DECLARED');
  });

  it('R6: a declared plan takes the scores by exam number or ID number; a bad row refuses the whole sheet, annotated', async () => {
    const tpl = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${declared.planId}/course-scores/template.xlsx`,
      headers: { cookie: await t.login('lg_school_admin') },
    });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe(declared.candidates[0]!.theoryExamNumber);

    const [a, b, c] = declared.candidates;
    const bad = await scoresWorkbook(
      ['成绩'],
      [
        [a!.theoryExamNumber, '', a!.name, 82],
        ['', b!.idNumber, b!.name, 101],
        ['T-NOPE', '', '', 70],
      ],
    );
    const refused = await school('POST', `/api/plans/${declared.planId}/course-scores/import`, { contentBase64: b64(bad), evidenceAttachmentId: evidenceId });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ stored: false, rows: 3, accepted: 1, refused: 2 });
    expect(refused.body.verdicts[1].problems[0].column).toBe('D');
    expect(refused.body.annotatedWorkbookBase64).toBeTruthy();
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(Buffer.from(refused.body.annotatedWorkbookBase64, 'base64') as unknown as ArrayBuffer);
    expect(String(annotated.worksheets[0]!.getCell('D3').note)).toContain('0–100');
    expect(await storedResults(declared.planId)).toHaveLength(0);

    const good = await scoresWorkbook(
      ['成绩'],
      [
        [a!.theoryExamNumber, '', a!.name, 82],
        ['', b!.idNumber, b!.name, 55],
        [c!.practicalExamNumber, c!.idNumber, '', 90],
      ],
    );
    const stored = await school('POST', `/api/plans/${declared.planId}/course-scores/import`, { contentBase64: b64(good), evidenceAttachmentId: evidenceId });
    expect(stored.body).toMatchObject({ stored: true, accepted: 3, refused: 0 });
    const rows = await storedResults(declared.planId);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.source === 'course' && r.substituted && r.partId === declared.theory.partId && r.evidenceAttachmentId === evidenceId)).toBe(
      true,
    );

    const r = await resultsOf(declared.planId);
    const line = r.items.find((i) => i.enrolmentId === a!.enrolmentId)!;
    expect(line.parts[0]).toMatchObject({ kind: 'theory', verdict: 'passed', score: 82, substituted: true });
    const failed = r.items.find((i) => i.enrolmentId === b!.enrolmentId)!;
    expect(failed.outcome).toBe('failed');
    expect(failed.parts[0]).toMatchObject({ kind: 'theory', verdict: 'failed', score: 55, substituted: true });
  });

  it('evidence must be the school’s own attachment', async () => {
    const c = declared.candidates[0]!;
    const file = await scoresWorkbook(['成绩'], [[c.theoryExamNumber, '', c.name, 80]]);
    const res = await school('POST', `/api/plans/${declared.planId}/course-scores/import`, {
      contentBase64: b64(file),
      evidenceAttachmentId: crypto.randomUUID(),
    });
    expectError(res, 422, 'ATTACHMENT.UNKNOWN');
  });
});

describe('R6 过程考核: process components weighed, pass/fail with its reason', () => {
  let w: EvaluationWorld;
  let homework: string;
  beforeAll(async () => {
    w = await makeEvaluationWorld(t, { candidates: 3, status: 'marking', examiners: 0 });
    const parts = await t.db
      .insert(planParts)
      .values([
        { planId: w.planId, position: 2, kind: 'process', name: '平时作业', weight: 30, passMark: 60, durationMinutes: 0 },
        { planId: w.planId, position: 3, kind: 'process', name: '项目实训', weight: 70, passMark: 60, durationMinutes: 0 },
      ])
      .returning({ id: planParts.id });
    homework = parts[0]!.id;
    expect(parts).toHaveLength(2);
  });

  it('R6: component scores by hand and from a workbook give the weighted process score', async () => {
    const [a, b] = w.candidates;
    const one = await school('POST', `/api/plans/${w.planId}/process-scores`, {
      enrolmentId: a!.enrolmentId,
      partId: homework,
      score: 80,
      evidenceAttachmentId: evidenceId,
    });
    expect(one.status, JSON.stringify(one.body)).toBe(204);
    expectError(
      await school('POST', `/api/plans/${w.planId}/process-scores`, {
        enrolmentId: a!.enrolmentId,
        partId: w.theory.partId,
        score: 80,
        evidenceAttachmentId: evidenceId,
      }),
      422,
      'RESULT.NOT_A_PROCESS_PART',
    );
    expectError(
      await school('POST', `/api/plans/${w.planId}/process-scores`, {
        enrolmentId: a!.enrolmentId,
        partId: homework,
        score: 120,
        evidenceAttachmentId: evidenceId,
      }),
      400,
    );

    const tpl = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${w.planId}/process-scores/template.xlsx`,
      headers: { cookie: await t.login('lg_school_admin') },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(4).value).toBe('平时作业 (30%)');

    const file = await scoresWorkbook(
      ['平时作业', '项目实训'],
      [
        [a!.theoryExamNumber, '', a!.name, null, 90],
        [b!.theoryExamNumber, '', b!.name, 40, 50],
      ],
    );
    const imp = await school('POST', `/api/plans/${w.planId}/process-scores/import`, { contentBase64: b64(file), evidenceAttachmentId: evidenceId });
    expect(imp.body, JSON.stringify(imp.body)).toMatchObject({ stored: true, accepted: 2 });

    const r = await resultsOf(w.planId);
    const ra = r.items.find((i) => i.enrolmentId === a!.enrolmentId)!;
    expect(ra.processScore).toBe(87); // 30% × 80 + 70% × 90, the hand-entered 80 kept (its cell was empty)
    expect(ra.parts.find((p) => p.kind === 'process')).toMatchObject({ verdict: 'passed', score: 87 });
    const rb = r.items.find((i) => i.enrolmentId === b!.enrolmentId)!;
    expect(rb.processScore).toBe(47);
    expect(rb.parts.find((p) => p.kind === 'process')).toMatchObject({ verdict: 'failed', score: 47 });
    const rc = r.items.find((i) => i.enrolmentId === w.candidates[2]!.enrolmentId)!;
    expect(rc.processScore).toBeNull();
  });

  it('every required part passed → pass; the reason names the part, the score, absent (缺考)', async () => {
    const [a, b, c] = w.candidates;
    // The theory and practical results are written by the exams and marking modules; written here directly.
    const row = (enrolmentId: string, partId: string, score: number | null, absent = false) => ({
      enrolmentId,
      planId: w.planId,
      partId,
      score,
      absent,
      source: absent ? 'absent' : partId === w.theory.partId ? 'exam' : 'marking',
    });
    await t.db
      .insert(partResults)
      .values([
        row(a!.enrolmentId, w.theory.partId, 75),
        row(a!.enrolmentId, w.practical.partId, 88),
        row(b!.enrolmentId, w.theory.partId, 61),
        row(b!.enrolmentId, w.practical.partId, 59.5),
        row(c!.enrolmentId, w.theory.partId, null, true),
      ]);
    const r = await resultsOf(w.planId);
    const ra = r.items.find((i) => i.enrolmentId === a!.enrolmentId)!;
    expect(ra.outcome).toBe('passed');
    const rb = r.items.find((i) => i.enrolmentId === b!.enrolmentId)!;
    expect(rb.outcome).toBe('failed');
    expect(rb.parts.find((p) => p.kind === 'practical')).toMatchObject({ verdict: 'failed', score: 59.5 });
    const rc = r.items.find((i) => i.enrolmentId === c!.enrolmentId)!;
    expect(rc.outcome).toBe('failed');
    expect(rc.parts[0]).toMatchObject({ kind: 'theory', verdict: 'absent' });
    expect(r.counts).toEqual({ passed: 1, failed: 2, pending: 0 });

    const onlyFailed = await school('GET', `/api/plans/${w.planId}/results?outcome=failed`);
    expect(onlyFailed.body.items).toHaveLength(2);
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/plans/${w.planId}/results.xlsx`, headers: { cookie: await t.login('lg_school_admin') } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(4);
  });

  it('HR of the region and the plan’s supervisor see the whole mark record; another school does not', async () => {
    const a = w.candidates[0]!;
    const hr = client(t, await t.login('sh_hr'));
    const rec = await hr('GET', `/api/plans/${w.planId}/results/${a.enrolmentId}`);
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect(rec.body.result.outcome).toBe('passed');
    expect(rec.body.partResults.length).toBe(4); // theory, practical and the two process components
    expect(rec.body.partResults.find((p: { source: string }) => p.source === 'process').evidenceAttachmentId).toBe(evidenceId);
    const other = client(t, await t.login('school_admin'));
    expectError(await other('GET', `/api/plans/${w.planId}/results/${a.enrolmentId}`), 404);
    const supervisor = client(t, await t.login('sh_supervisor'));
    expectError(await supervisor('GET', `/api/plans/${w.planId}/results`), 404);
    // Once assigned to the plan, the supervisor reads the same record.
    const [sup] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, 'sh_supervisor'));
    await t.db.insert(planSupervisors).values({ planId: w.planId, userId: sup!.id });
    const seen = await supervisor('GET', `/api/plans/${w.planId}/results/${a.enrolmentId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.partResults).toEqual(rec.body.partResults);
    expectError(
      await supervisor('POST', `/api/plans/${w.planId}/process-scores`, {
        enrolmentId: a.enrolmentId,
        partId: homework,
        score: 99,
        evidenceAttachmentId: evidenceId,
      }),
      403,
    );
  });
});
