import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { certificateReports, certificates, persons, reportBatches } from '../src/db/schema.ts';
import { drainJobs, idleJobs } from '../src/modules/jobs/jobs.service.ts';
import { client, expectError } from './helpers/api.ts';
import { makeClearedPlan } from './helpers/certificates.ts';
import type { EvaluationWorld } from './helpers/evaluation.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

// 证书数据上报 (R10): a batch to the listing HR bureau, its review, correction and resubmission, the national upload
// file and the platform's answer file — over the real HTTP API.

let t: TestApp;
let school: ReturnType<typeof client>;
let hr: ReturnType<typeof client>;
let otherHr: ReturnType<typeof client>;
let w: EvaluationWorld;
/** The plan's certificates by number order: #4 is revoked before anything is reported. */
let certs: { id: string; number: string; personId: string }[];

const ofPlan = () => t.db.select().from(certificateReports).where(eq(certificateReports.planId, w.planId));
const batchCount = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from report_batches where plan_id = ${w.planId}`))[0]!.n;

async function answerXlsx(rows: [string, string, string][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('回执');
  ws.addRow(['证书编号', '结果', '原因']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

beforeAll(async () => {
  t = await makeTestApp();
  school = client(t, await t.login('lg_school_admin'));
  hr = client(t, await t.login('sh_hr'));
  otherHr = client(t, await t.login('fj_hr'));
  w = await makeClearedPlan(t, { candidates: 5 });
  const issued = await school('POST', `/api/plans/${w.planId}/certificates/batch`, {});
  expect(issued.status, JSON.stringify(issued.body)).toBe(202);
  await drainJobs(t.db);
  await idleJobs(t.db);
  certs = await t.db
    .select({ id: certificates.id, number: certificates.number, personId: certificates.personId })
    .from(certificates)
    .where(eq(certificates.planId, w.planId))
    .orderBy(certificates.number);
  expect(certs).toHaveLength(5);
  const revoked = await school('POST', `/api/certificates/${certs[4]!.id}/revoke`, { reason: '考试违纪，经查实' });
  expect(revoked.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the institution reports a batch (R10)', () => {
  it('lists the plan with its certificates pending and the deadline from the profile (10 working days after publicity)', async () => {
    const res = await school('GET', '/api/reporting/plans');
    expect(res.status).toBe(200);
    const p = res.body.items.find((x: { planId: string }) => x.planId === w.planId);
    expect(p).toMatchObject({ counts: { pending: 5 }, open: 4, revoked: 1, deadline: 'due' });
    expect(p.dueOn > p.publicityClosedOn).toBe(true);
    const todo = await school('GET', '/api/reporting/todo');
    expect(todo.body.plans.map((x: { planId: string }) => x.planId)).toContain(w.planId);
  });

  it('R10: a revoked certificate is refused with the rule and nothing is written', async () => {
    const res = await school('POST', '/api/reporting/batches', { planId: w.planId, certificateIds: [certs[0]!.id, certs[4]!.id] });
    expectError(res, 422, 'REPORT.REVOKED');
    expect(res.body.error.details.rule).toBe('R10');
    expect(await ofPlan()).toHaveLength(0);
    expect(await batchCount()).toBe(0);
  });

  it('R10: the batch goes to the bureau that listed the institution; a second report is refused, nothing half-written', async () => {
    const res = await school('POST', '/api/reporting/batches', { planId: w.planId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', kind: 'first', certificateCount: 4, hrOrgName: '上海市人力资源和社会保障局' });
    expect(res.body.certificates.map((c: { number: string }) => c.number)).toEqual(certs.slice(0, 4).map((c) => c.number));
    const again = await school('POST', '/api/reporting/batches', { planId: w.planId, certificateIds: [certs[1]!.id] });
    expectError(again, 422, 'REPORT.ALREADY_REPORTED');
    expect(again.body.error.details.rule).toBe('R10');
    expect(again.body.error.message).toContain(certs[1]!.number);
    expectError(await school('POST', '/api/reporting/batches', { planId: w.planId }), 409, 'REPORT.NOTHING_TO_SUBMIT');
    expect(await batchCount()).toBe(1);
    expect((await ofPlan()).every((r) => r.status === 'submitted')).toBe(true);
  });

  it('the 认定结果汇总表 of the batch is generated from the plan’s results (ID numbers masked)', async () => {
    const [b] = await t.db.select().from(reportBatches).where(eq(reportBatches.planId, w.planId));
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/reporting/batches/${b!.id}/summary.xlsx`,
      headers: { cookie: await t.login('lg_school_admin') },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('认定结果汇总表');
    expect(ws.getRow(2).getCell(2).value).toBe(certs[0]!.number);
    expect(String(ws.getRow(2).getCell(4).value)).toMatch(/^\d\*+\w{2}$/);
    expect(ws.getRow(2).getCell(7).value).toBe(80);
    expect(ws.getRow(2).getCell(8).value).toBe(85);
    expect(ws.getRow(2).getCell(11).value).toBe('合格');
  });
});

describe('HR reviews, the institution corrects and resubmits (R10)', () => {
  let batchId: string;

  it('only the listing bureau reviews: another region’s HR gets 404, a school 403', async () => {
    const list = await hr('GET', '/api/reporting/batches?status=submitted');
    batchId = list.body.items.find((b: { planId: string }) => b.planId === w.planId).id;
    expect((await hr('GET', '/api/reporting/todo')).body.awaitingReview.map((b: { id: string }) => b.id)).toContain(batchId);
    expectError(await otherHr('POST', `/api/reporting/batches/${batchId}/review`, { returns: [] }), 404);
    expectError(await otherHr('GET', `/api/reporting/batches/${batchId}`), 404);
    expect((await otherHr('GET', '/api/reporting/batches')).body.items.some((b: { id: string }) => b.id === batchId)).toBe(false);
    expectError(await school('POST', `/api/reporting/batches/${batchId}/review`, { returns: [] }), 403);
    const planIds = async (c: ReturnType<typeof client>) => (await c('GET', '/api/reporting/plans')).body.items.map((p: { planId: string }) => p.planId);
    expect(await planIds(hr)).toContain(w.planId);
    expect(await planIds(otherHr)).not.toContain(w.planId);
  });

  it('HR returns a named certificate with its reason and accepts the rest; a batch is reviewed once', async () => {
    expectError(
      await hr('POST', `/api/reporting/batches/${batchId}/review`, { returns: [{ certificateId: certs[4]!.id, reason: '不在本批' }] }),
      422,
      'REPORT.NOT_IN_BATCH',
    );
    const res = await hr('POST', `/api/reporting/batches/${batchId}/review`, { returns: [{ certificateId: certs[0]!.id, reason: '姓名与身份证不符' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'reviewed', returnedCount: 1 });
    const byNumber = new Map(res.body.certificates.map((c: { number: string; status: string; reason: string | null }) => [c.number, c]));
    expect(byNumber.get(certs[0]!.number)).toMatchObject({ status: 'rejected', reason: '姓名与身份证不符' });
    for (const c of certs.slice(1, 4)) expect(byNumber.get(c.number)).toMatchObject({ status: 'accepted' });
    expectError(await hr('POST', `/api/reporting/batches/${batchId}/review`, { returns: [] }), 409, 'REPORT.BATCH_REVIEWED');
  });

  it('R10: a returned certificate is corrected before it goes again; then it is resubmitted', async () => {
    const returned = await school('GET', `/api/reporting/certificates?planId=${w.planId}&status=rejected`);
    expect(returned.body.items).toHaveLength(1);
    expect(returned.body.items[0]).toMatchObject({ number: certs[0]!.number, reason: '姓名与身份证不符', deadline: 'due' });
    expectError(await school('POST', '/api/reporting/batches', { planId: w.planId, certificateIds: [certs[0]!.id] }), 422, 'REPORT.NOT_CORRECTED');
    expectError(await school('POST', `/api/reporting/certificates/${certs[1]!.id}/correction`, { note: '无需更正' }), 422, 'REPORT.NOT_RETURNED');
    const fixed = await school('POST', `/api/reporting/certificates/${certs[0]!.id}/correction`, { note: '已核对身份证，更正姓名' });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const res = await school('POST', '/api/reporting/batches', { planId: w.planId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'resubmission', certificateCount: 1 });
    expect(res.body.certificates[0]).toMatchObject({ number: certs[0]!.number, status: 'resubmitted' });
    expect(res.body.certificates[0].history.map((h: { to: string }) => h.to)).toEqual(['submitted', 'rejected', 'rejected', 'resubmitted']);
  });
});

describe('the national upload file and the answer file (R10)', () => {
  it('HR exports the accepted certificates: Chinese titles, frozen header, whole ID numbers, audited', async () => {
    const cookie = await t.login('sh_hr');
    const res = await t.app.inject({ method: 'POST', url: '/api/reporting/national-upload?format=xlsx', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['证书编号', '姓名', '证件类型', '证件号码']);
    expect(headers).toContain('理论知识成绩');
    const numbers: string[] = [];
    ws.eachRow((r, i) => {
      if (i > 1) numbers.push(String(r.getCell(1).value));
    });
    for (const c of certs.slice(1, 4)) expect(numbers).toContain(c.number);
    expect(numbers).not.toContain(certs[0]!.number);
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === certs[1]!.number)!;
    const [person] = await t.db.select().from(persons).where(eq(persons.id, certs[1]!.personId));
    expect(String(row.getCell(4).value)).toBe(t.identity.open(person!.idCipher));
    expect(row.getCell(14).value).toBe(80);
    const audit = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action = 'report.national_export'`);
    expect(audit[0]!.n).toBeGreaterThan(0);
    const json = await t.app.inject({ method: 'POST', url: '/api/reporting/national-upload?format=json', headers: { cookie } });
    const body = JSON.parse(json.body) as { items: { number: string; idNumber: string; scores: { practical: number } }[] };
    expect(body.items.find((i) => i.number === certs[1]!.number)).toMatchObject({ idNumber: t.identity.open(person!.idCipher), scores: { practical: 85 } });
    expectError(await school('POST', '/api/reporting/national-upload'), 403);
  });

  it('R10: the answer file updates each uploaded certificate; unknown or unsent numbers are listed back; re-import changes nothing', async () => {
    const file = await answerXlsx([
      [certs[1]!.number, '通过', ''],
      [certs[2]!.number, '退回', '照片不合格'],
      ['S999999999999999999999', '通过', ''],
      [certs[0]!.number, '通过', ''],
    ]);
    const res = await hr('POST', '/api/reporting/national-answer', { filename: 'answer.xlsx', contentBase64: file });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 4, applied: 2, unchanged: 0 });
    expect(res.body.listed.map((l: { number: string; effect: string }) => [l.number, l.effect])).toEqual([
      ['S999999999999999999999', 'unknown'],
      [certs[0]!.number, 'not_uploaded'],
    ]);
    const [c0] = await t.db.select().from(certificateReports).where(eq(certificateReports.certificateId, certs[0]!.id));
    expect(c0).toMatchObject({ status: 'resubmitted', nationalStatus: 'none' });
    const [c1] = await t.db.select().from(certificateReports).where(eq(certificateReports.certificateId, certs[1]!.id));
    expect(c1).toMatchObject({ status: 'accepted', nationalStatus: 'accepted' });
    const [c2] = await t.db.select().from(certificateReports).where(eq(certificateReports.certificateId, certs[2]!.id));
    expect(c2).toMatchObject({ status: 'rejected', nationalStatus: 'rejected', nationalReason: '照片不合格' });
    expect(c2!.reason).toContain('照片不合格');
    const again = await hr('POST', '/api/reporting/national-answer', { filename: 'answer.xlsx', contentBase64: file });
    expect(again.body).toMatchObject({ rows: 4, applied: 0, unchanged: 2 });
    const json = Buffer.from(JSON.stringify([{ number: certs[3]!.number, outcome: 'accepted' }])).toString('base64');
    expect((await hr('POST', '/api/reporting/national-answer', { contentBase64: json })).body).toMatchObject({ applied: 1 });
    const [c3] = await t.db
      .select()
      .from(certificateReports)
      .where(and(eq(certificateReports.certificateId, certs[3]!.id)));
    expect(c3!.nationalStatus).toBe('accepted');
  });

  it('bad answer files are refused in the one error shape', async () => {
    expectError(
      await hr('POST', '/api/reporting/national-answer', { contentBase64: Buffer.from('not json').toString('base64') }),
      400,
      'REPORT.ANSWER_UNREADABLE',
    );
    expectError(await hr('POST', '/api/reporting/national-answer', { contentBase64: Buffer.from('{"a":1}').toString('base64') }), 400, 'REPORT.ANSWER_COLUMNS');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['a', 'b']);
    const noColumns = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    expectError(await hr('POST', '/api/reporting/national-answer', { contentBase64: noColumns }), 400, 'REPORT.ANSWER_COLUMNS');
  });
});
