import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi } from './harness.ts';

/**
 * Issue 14 "Done when" (reporting, R10), in Chromium: the institution reports a batch of the demo plan's newly issued
 * certificates; the listing HR bureau returns one with a reason; the institution corrects it and resubmits; HR accepts,
 * exports the national upload file (Excel, checked here) and imports the platform's answer file (built here with
 * exceljs), whose unknown number is listed back.
 */

const e2e = useServerAndBrowser();

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, { acceptDownloads: true }, '/');
}

interface Line {
  certificateId: string;
  number: string;
  status: string;
  certificateStatus: string;
  planId: string;
}

it('a batch is reported, HR returns one, the institution corrects and resubmits, HR exports the upload file and imports the answer', async () => {
  const school = await loginAs('lg_school_admin');
  const api = school.context.request;
  // The demo plan's two certificates still to issue are issued (the certificates module's own screen is tested elsewhere).
  const plans = (await (await api.get(`${e2e.server.baseUrl}/api/reporting/plans`)).json()) as { items: { planId: string; title: string }[] };
  const planId = plans.items.find((p) => p.title.includes('已发证演示'))!.planId;
  const issue = await api.post(`${e2e.server.baseUrl}/api/plans/${planId}/certificates/batch`, { data: {} });
  expect(issue.status()).toBe(202);
  const jobId = ((await issue.json()) as { job: { id: string } }).job.id;
  await expect
    .poll(async () => ((await (await api.get(`${e2e.server.baseUrl}/api/jobs/${jobId}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe('done');
  const lines = async () =>
    ((await (await api.get(`${e2e.server.baseUrl}/api/reporting/certificates?planId=${planId}&pageSize=50`)).json()) as { items: Line[] }).items;
  const fresh = (await lines()).filter((l) => l.status === 'pending' && l.certificateStatus === 'valid').map((l) => l.number);
  expect(fresh).toHaveLength(2);

  // The institution: its home to-do names the plan; the reporting list; submit the batch.
  await school.page.getByTestId('reporting-todo').getByText('已发证演示').first().waitFor();
  await school.page.getByTestId('menu-reporting').click();
  const planRow = school.page.getByTestId('reporting-plans').locator('tr.ant-table-row', { hasText: '已发证演示' });
  await planRow.getByTestId('deadline-due').waitFor();
  await planRow.getByTestId('submit-batch').click();
  await school.page.getByText('已报送 2 张证书').waitFor();

  // HR: the newest batch in its queue; return the first new certificate with a reason.
  const hr = await loginAs('sh_hr');
  await hr.page.getByTestId('reporting-todo').waitFor();
  await hr.page.getByTestId('menu-reporting').click();
  const newest = hr.page.getByTestId('review-queue').locator('tr.ant-table-row').first();
  await newest.getByTestId('review-open').click();
  await hr.page.getByTestId(`return-check-${fresh[0]}`).click();
  await hr.page.getByTestId(`return-reason-${fresh[0]}`).fill('持证人姓名与身份证不一致');
  await hr.page.getByTestId('review-confirm').click();
  await hr.page.getByText('已审核：接收 1 张，退回 1 张').waitFor();

  // The institution sees the reason, corrects and resubmits.
  await school.page.reload();
  const returnedRow = school.page.locator('tr.ant-table-row', { hasText: fresh[0]! });
  await returnedRow.getByText('持证人姓名与身份证不一致').waitFor();
  await returnedRow.getByTestId('report-correct').click();
  await school.page.getByTestId('correct-note').fill('已核对身份证原件，更正持证人姓名');
  await school.page.getByTestId('correct-ok').click();
  await returnedRow.getByText('已更正，待重新报送').waitFor();
  await planRow.getByTestId('submit-batch').click();
  await school.page.getByText('已报送 1 张证书').waitFor();
  await school.page.screenshot({ path: path.join(SCREENSHOTS, 'reporting-institution.png'), fullPage: true });

  // HR accepts the resubmission, exports the national upload file.
  await hr.page.reload();
  await hr.page.getByTestId('review-queue').locator('tr.ant-table-row').first().getByTestId('review-open').click();
  await hr.page.getByTestId('review-confirm').click();
  await hr.page.getByText('已审核：接收 1 张，退回 0 张').waitFor();
  const [download] = await Promise.all([hr.page.waitForEvent('download'), hr.page.getByTestId('national-xlsx').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect((ws.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['证书编号', '姓名', '证件类型', '证件号码']);
  const exported: string[] = [];
  ws.eachRow((r, i) => {
    if (i > 1) exported.push(String(r.getCell(1).value));
  });
  expect(exported).toEqual(expect.arrayContaining(fresh));
  expect(String(ws.getRow(2).getCell(4).value)).toMatch(/^\d{17}[\dX]$/);

  // The platform's answer: one accepted, one rejected with its reason, one number we never issued.
  const answer = new ExcelJS.Workbook();
  const sheet = answer.addWorksheet('回执');
  sheet.addRow(['证书编号', '结果', '原因']);
  sheet.addRow([fresh[1], '通过', '']);
  sheet.addRow([fresh[0], '退回', '照片不符合要求']);
  sheet.addRow(['S000099999999999999999', '通过', '']);
  const buffer = Buffer.from(await answer.xlsx.writeBuffer());
  await hr.page
    .getByTestId('national-card')
    .locator('input[type="file"]')
    .setInputFiles({ name: 'answer.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  const report = hr.page.getByTestId('answer-report');
  await report.getByText('更新 2 张').waitFor();
  await report.getByText('S000099999999999999999').waitFor();
  await hr.page.screenshot({ path: path.join(SCREENSHOTS, 'reporting-hr.png'), fullPage: true });
  const after = await lines();
  expect(after.find((l) => l.number === fresh[0])?.status).toBe('rejected');
  expect(after.find((l) => l.number === fresh[1])?.status).toBe('accepted');
  await school.context.close();
  await hr.context.close();
});
