import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi, settled } from './harness.ts';

/**
 * 质量督导 through the web app: the demo supervisor opens the acknowledged demo plan from the home to-dos, sees its rooms
 * live, flags a room and files an inspection report with a photo; the Lingang school sees the flag hold 24 candidates,
 * resolves it, reads the report, and exports the R15 workload workbook.
 */

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const e2e = useServerAndBrowser();

async function shot(page: Page, name: string) {
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `supervision-${name}.png`), fullPage: true });
}

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, { acceptDownloads: true }, '/');
}

describe('supervision of a plan', () => {
  let supervisionUrl = '';

  it('the supervisor goes from the home to-dos to the live view, flags a room and files a report with a photo', async () => {
    const { context, page } = await loginAs('sh_supervisor');
    // The acknowledged demo plan (24 candidates in its theory room); the supervisor also has the plan being marked.
    await page.locator('.ant-list-item', { hasText: '2026 年第一批 工业机器人系统操作员 四级 认定计划' }).getByTestId('supervision-todo-open').click();
    await page.getByTestId('supervision-live').waitFor();
    await expect.poll(() => page.getByTestId('supervision-room').count()).toBeGreaterThan(0);
    supervisionUrl = page.url().replace(/\?.*$/, '');
    await shot(page, 'live');

    await page.getByTestId('supervision-flag-room').first().click();
    await page.getByTestId('flag-reason').fill('理论考场只有一名监考人员');
    await page.getByTestId('flag-dialog-ok').click();
    await page.getByTestId('supervision-tab-flags').click();
    await expect.poll(() => page.getByTestId('flag-status').first().innerText()).toBe('待处理');

    await page.getByTestId('supervision-tab-reports').click();
    await page.getByTestId('report-new').click();
    await page.getByTestId('report-findings').fill('考场秩序良好，身份核验规范。');
    await page.getByTestId('report-add-irregularity').click();
    await page.getByTestId('report-irregularity').fill('401 考场监考人员不足');
    await page.locator('[data-testid="report-photo-upload"] input[type=file]').setInputFiles({ name: '401.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('report-photo').waitFor();
    await page.getByTestId('report-submit').click();
    await page.getByTestId('inspection-report').waitFor();
    await expect.poll(() => page.getByTestId('report-irregularities').innerText()).toContain('401 考场监考人员不足');
    // The photo is served through the report, as an image.
    await expect.poll(() => page.locator('[data-testid="inspection-report"] img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await shot(page, 'report');
    await context.close();
  });

  it('the school sees the flag hold the room, resolves it, reads the report and exports the workload', async () => {
    const { context, page } = await loginAs('lg_school_admin');
    await page.goto(`${supervisionUrl}?tab=flags`);
    await page.getByTestId('supervision-flags').waitFor();
    expect(await page.getByTestId('flag-blocks').innerText()).toBe('24');
    await page.getByTestId('flag-resolve').click();
    await page.getByTestId('flag-resolution').fill('已增派一名监考人员');
    await page.getByTestId('resolve-dialog-ok').click();
    await expect.poll(() => page.getByTestId('flag-status').first().innerText()).toBe('已处理');
    expect(await page.getByTestId('flag-blocks').innerText()).toBe('0');
    await shot(page, 'flags');

    await page.getByTestId('supervision-tab-reports').click();
    await expect.poll(() => page.getByTestId('inspection-report').innerText()).toContain('考场秩序良好');

    await page.getByTestId('menu-workload').click();
    await page.getByTestId('workload-table').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('workload-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^考评员工作量-.*学期\.xlsx$/);
    const bytes = fs.readFileSync((await file.path()) ?? '');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await context.close();
  });
});
