import fs from 'node:fs';
import path from 'node:path';
import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { SCREENSHOTS, useServerAndBrowser, signInByApi } from './harness.ts';

/**
 * Issue 14 item 3 in Chromium: the school downloads the 外部证书 template, imports it with one bad row and sees that row's
 * error (nothing imported), fixes the row and imports again; the certificates appear marked external. HR reads the list.
 */

const e2e = useServerAndBrowser();

async function loginAs(username: string): Promise<Page> {
  return (await signInByApi(e2e.browser, e2e.server.baseUrl, username, { acceptDownloads: true }, '/')).page;
}

const id = (i: number) => {
  const body = `31011520030${i}1${i}${String(400 + i).slice(-3)}`;
  return body + idCardCheckChar(body);
};

it('imports a workbook with one bad row: the row’s error is shown, nothing imported; fixed, every row is recorded', async () => {
  const page = await loginAs('lg_school_admin');
  await page.getByTestId('menu-external-certificates').click();
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('external-template').click()]);
  const template = fs.readFileSync(await d.path());

  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const yy = today.slice(2, 4);
  async function fill(number: string): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.getRow(2).values = [
      '黄蓉',
      '居民身份证',
      id(1),
      '',
      '',
      '技能竞赛获奖证书',
      '技能竞赛',
      'E2E 技能大赛组委会',
      `E2E-${yy}-1`,
      '',
      '数控车',
      '',
      '',
      today,
      '',
    ];
    ws.getRow(3).values = [
      '郭靖',
      '居民身份证',
      id(2),
      '',
      '',
      '职业技能等级证书',
      '社会培训评价组织',
      'E2E 评价组织',
      number,
      '',
      '电工',
      '',
      '4',
      today,
      '460305',
    ];
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = async (buffer: Buffer) =>
    page
      .getByTestId('external-import')
      .locator('input[type=file]')
      .setInputFiles({ name: '外部证书.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });

  await upload(await fill('123'));
  const errors = page.getByTestId('import-errors');
  await expect.poll(() => errors.innerText(), { timeout: 20_000 }).toContain('22 位');
  expect(await errors.innerText()).toMatch(/\b3\b/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'external-import-errors.png'), fullPage: true });

  await upload(await fill(`S000031000999${yy}4000001`));
  await expect.poll(() => page.getByTestId('import-done').innerText(), { timeout: 20_000 }).toContain('新增 2 条');
  await expect.poll(() => page.getByTestId('external-table').innerText(), { timeout: 20_000 }).toContain(`S000031000999${yy}4000001`);
  expect(await page.getByTestId('external-table').innerText()).toContain('外部');

  const hr = await loginAs('sh_hr');
  await hr.getByTestId('menu-external-certificates').click();
  await expect.poll(() => hr.getByTestId('external-table').innerText(), { timeout: 20_000 }).toContain(`E2E-${yy}-1`);
  expect(await hr.getByTestId('external-import').count()).toBe(0);
});
