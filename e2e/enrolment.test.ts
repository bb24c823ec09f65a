import fs from 'node:fs';
import path from 'node:path';
import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi, settled } from './harness.ts';

/**
 * 报名与考务 end to end through the web app, on a plan the Lingang school has filed and Shanghai HR acknowledged
 * (set up through the API; the plan screens have their own browser test):
 *  - the school downloads the enrolment template and imports 30 candidates: the preview shows every row's verdict,
 *    5 are refused with reasons naming the rule (check character, impossible birth date, gender, twice, R2 graduating
 *    class); the 25 accepted are saved at once; the returned workbook carries each refusal as a 批注;
 *  - photos arrive as a ZIP named by ID number (one hostile path refused in the per-file report);
 *  - seats are arranged; all admission tickets come as one ZIP from a background job with progress;
 *  - a candidate activates the account with the one-time code from the confirmation and downloads the ticket PDF.
 */

const e2e = useServerAndBrowser();

async function shot(page: Page, name: string) {
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `enrolment-${name}.png`), fullPage: true });
}

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, { acceptDownloads: true }, '/');
}

async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download: d, bytes: fs.readFileSync(await d.path()) };
}

async function post<T>(page: Page, url: string, data: unknown): Promise<T> {
  const res = await page.request.post(`${e2e.server.baseUrl}${url}`, { data, headers: { origin: e2e.server.baseUrl } });
  expect(res.ok(), `${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

const day = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** The graduating class (届) of a date: school years run September–August. */
const classOf = (iso: string) => Number(iso.slice(0, 4)) + (Number(iso.slice(5, 7)) >= 9 ? 1 : 0);
const idNumber = (seq: number, birth = '20060315') => {
  const body = `310115${birth}${String(seq).padStart(3, '0')}`;
  return body + idCardCheckChar(body);
};
const staff = (role: string, certificateNo: string) => ({ role, certificateNo });

function planBody() {
  return {
    title: 'E2E 报名 工业机器人系统操作员 四级',
    occupationCode: '6-31-07-03',
    level: 4,
    basis: 'national_standard',
    method: 'result',
    candidateSources: ['own_students'],
    capacity: 30,
    internalSupervisor: '何平',
    parts: [
      {
        kind: 'theory',
        durationMinutes: 90,
        sittings: [
          {
            date: day(30),
            startTime: '09:00',
            endTime: '10:30',
            site: '理论考试中心',
            room: '401',
            capacity: 30,
            classes: [],
            staff: [staff('invigilator', 'KPY-2024-0042'), staff('invigilator', 'KPY-2022-0530')],
          },
        ],
      },
      {
        kind: 'practical',
        durationMinutes: 120,
        sittings: [
          {
            date: day(31),
            startTime: '08:30',
            endTime: '10:30',
            site: '智能制造实训中心',
            room: 'B101 工作站区',
            capacity: 15,
            classes: [],
            staff: [staff('chief_examiner', 'KPY-2023-0107'), staff('examiner', 'KPY-2022-0311'), staff('examiner', 'KPY-2023-0215')],
          },
          {
            date: day(31),
            startTime: '13:30',
            endTime: '15:30',
            site: '智能制造实训中心',
            room: 'B101 工作站区',
            capacity: 15,
            classes: [],
            staff: [staff('chief_examiner', 'KPY-2023-0107'), staff('examiner', 'KPY-2022-0311'), staff('examiner', 'KPY-2023-0215')],
          },
        ],
      },
    ],
  };
}

describe('enrolment and exam administration (报名与考务)', () => {
  it('30 candidates from Excel (5 refused with reasons), photos as a ZIP, seats, tickets; a candidate downloads the admission ticket', async () => {
    // A plan filed and acknowledged (through the API).
    const school = await loginAs('lg_school_admin');
    const plan = await post<{ id: string }>(school.page, '/api/plans', planBody());
    await post(school.page, `/api/plans/${plan.id}/submit`, {});
    const hr = await loginAs('sh_hr');
    const users = await (await hr.page.request.get(`${e2e.server.baseUrl}/api/users?q=sh_supervisor`)).json();
    await post(hr.page, `/api/plans/${plan.id}/acknowledge`, { action: 'acknowledge', supervisorIds: [users.items[0].id] });
    await hr.context.close();

    // The enrolment page, from the plan.
    const { page } = school;
    await page.goto(`${e2e.server.baseUrl}/plans/${plan.id}`);
    await page.getByTestId('plan-enrolment').click();
    await page.getByTestId('enrolment-import').click();
    const template = await download(page, () => page.getByTestId('enrolment-template').click());
    expect(template.download.suggestedFilename()).toMatch(/\.xlsx$/);

    // 30 rows into the downloaded template: 25 good, 5 bad.
    const year = String(classOf(day(30)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const good = Array.from({ length: 25 }, (_, i) => idNumber(101 + i * 2));
    const rows: (string | number)[][] = good.map((id, i) => [
      `考生${String(i + 1).padStart(2, '0')}`,
      '居民身份证',
      id,
      '',
      '',
      '本校学生',
      '',
      '460305 工业机器人技术',
      i % 2 ? '机器人2301' : '机器人2302',
      year,
      '13800138000',
      '',
      '',
      '',
    ]);
    const valid = idNumber(201);
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
    rows.splice(7, 0, ['校验错', '居民身份证', wrongCheck, '', '', '本校学生', '', '460305 工业机器人技术', '机器人2301', year, '', '', '', '']);
    rows.splice(13, 0, [
      '日期错',
      '居民身份证',
      idNumber(203, '20060230'),
      '',
      '',
      '本校学生',
      '',
      '460305 工业机器人技术',
      '机器人2301',
      year,
      '',
      '',
      '',
      '',
    ]);
    rows.splice(18, 0, ['性别错', '居民身份证', idNumber(205), '女', '', '本校学生', '', '460305 工业机器人技术', '机器人2301', year, '', '', '', '']);
    rows.splice(22, 0, ['重复者', '居民身份证', good[3]!, '', '', '本校学生', '', '460305 工业机器人技术', '机器人2301', year, '', '', '', '']);
    rows.splice(27, 0, [
      '非毕业',
      '居民身份证',
      idNumber(207),
      '',
      '',
      '本校学生',
      '',
      '460305 工业机器人技术',
      '机器人2301',
      String(Number(year) + 1),
      '',
      '',
      '',
      '',
    ]);
    expect(rows).toHaveLength(30);
    rows.forEach((r, i) => (ws.getRow(i + 2).values = r));
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    await page
      .getByTestId('enrolment-file')
      .locator('input[type=file]')
      .setInputFiles({ name: '报名名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
    const summary = page.getByTestId('enrolment-summary');
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toContain('共 30 行：25 行可报名，5 行不通过');
    const reasons = await page.getByTestId('verdict-reason').allInnerTexts();
    expect(reasons.join('\n')).toContain('校验码错误');
    expect(reasons.join('\n')).toContain('不存在或不合理');
    expect(reasons.join('\n')).toContain('与身份证号码（男）不符');
    expect(reasons.join('\n')).toContain('同一考生');
    expect(reasons.join('\n')).toMatch(/R2[\s\S]*毕业学年/);
    await shot(page, '01-preview');

    await page.getByTestId('enrolment-commit').click();
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toContain('已保存 25 名考生');
    const annotated = await download(page, () => page.getByTestId('enrolment-annotated').click());
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(annotated.bytes as unknown as ArrayBuffer);
    const notes: string[] = [];
    back.worksheets[0]!.eachRow((r) => r.eachCell((c) => c.note && notes.push(JSON.stringify(c.note))));
    expect(notes).toHaveLength(5);
    const slips = page.getByTestId('activation-slips');
    await slips.waitFor();
    const firstSlip = slips.locator('tbody tr.ant-table-row').first();
    const cells = await firstSlip.locator('td').allInnerTexts();
    const [slipName, , username, code] = cells;
    expect(username).toMatch(/^ks\d{8}$/);
    await shot(page, '02-committed');
    await page.keyboard.press('Escape');

    // Photos as a ZIP named by ID number; one hostile path refused.
    await page.getByRole('tab', { name: '证件照' }).click();
    const photo = new Uint8Array(
      await sharp({ create: { width: 295, height: 413, channels: 3, background: { r: 210, g: 225, b: 250 } } })
        .jpeg()
        .toBuffer(),
    );
    const zip = zipSync({ ...Object.fromEntries(good.map((id) => [`照片/${id}.jpg`, photo])), [`../../${good[0]}.jpg`]: photo });
    await page
      .getByTestId('photo-zip')
      .locator('input[type=file]')
      .setInputFiles({ name: '照片.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await expect.poll(() => page.getByTestId('photo-summary').innerText(), { timeout: 30_000 }).toContain('已保存 25 张，1 个文件未采用');
    expect(await page.getByTestId('photo-files').innerText()).toContain('路径不安全');
    await shot(page, '03-photos');

    // Seats, then every ticket as one ZIP from a background job.
    await page.getByRole('tab', { name: '考场编排与准考证' }).click();
    await page.getByTestId('seating-arrange').click();
    await expect.poll(() => page.getByTestId('seating-sitting').count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('seating-sitting').first().locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(25);
    await page.getByTestId('tickets-zip').click();
    await page.getByTestId('tickets-zip-download').waitFor({ timeout: 60_000 });
    const tickets = await download(page, () => page.getByTestId('tickets-zip-download').click());
    expect(Object.keys(unzipSync(new Uint8Array(tickets.bytes))).filter((f) => f.endsWith('.pdf'))).toHaveLength(25);
    await shot(page, '04-seats');
    await school.context.close();

    // The candidate: first login with the activation code, then the admission ticket.
    const context = await e2e.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const cand = await context.newPage();
    await cand.goto(`${e2e.server.baseUrl}/login`);
    await cand.getByTestId('activate-link').click();
    await cand.getByTestId('activate-username').fill(username!);
    await cand.getByTestId('activate-code').fill(code!);
    await cand.getByTestId('activate-password').fill('Kaosheng@2026');
    await cand.getByTestId('activate-confirm').fill('Kaosheng@2026');
    await cand.getByTestId('activate-submit').click();
    await cand.getByTestId('my-plan').waitFor();
    expect(await cand.getByTestId('my-plan').innerText()).toContain('E2E 报名');
    await cand.getByTestId('my-photo').waitFor();
    expect(await cand.locator('body').innerText()).toContain(slipName!);
    const ticket = await download(cand, () => cand.getByTestId('my-ticket').click());
    expect(ticket.download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(ticket.bytes.subarray(0, 4).toString()).toBe('%PDF');
    await shot(cand, '05-candidate');
    await context.close();
  });
});
