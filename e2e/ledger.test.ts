import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { choose, SCREENSHOTS, useServerAndBrowser, signInByApi } from './harness.ts';

/**
 * 投诉 in the browser (R14): a complaint filed from the public portal without login gets a tracking code; HR of the
 * region (sh_hr) finds it in its queue, assigns it to itself and answers; the tracking page shows the answer and never
 * the complainant's contact.
 */

const e2e = useServerAndBrowser();

describe('public complaints', () => {
  it('R14: filed from the portal, answered by HR, the answer read with the tracking code', async () => {
    const context = await e2e.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.baseUrl}/`);
    await page.getByTestId('home-complaints-link').click();
    await page.getByTestId('complaint-institution-search').fill('临港');
    await expect.poll(() => page.getByTestId('complaint-institution').locator('option').count()).toBeGreaterThan(1);
    const value = await page.getByTestId('complaint-institution').locator('option').nth(1).getAttribute('value');
    await page.getByTestId('complaint-institution').selectOption(value!);
    await page.getByTestId('complaint-matter').fill('实操考核时考评员提前告知考生评分要点，有失公平。');
    await page.getByTestId('complaint-name').fill('周芷若');
    await page.getByTestId('complaint-contact').fill('13655550001');
    await page.getByTestId('complaint-submit').click();
    const code = (await page.getByTestId('complaint-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'complaint-lodged.png'), fullPage: true });

    const { context: staff, page: hr } = await signInByApi(e2e.browser, e2e.server.baseUrl, 'sh_hr', {}, '/');
    await hr.getByTestId('menu-complaints').click();
    const row = hr.locator('tr', { hasText: code });
    await row.getByTestId('complaint-open').click();
    await expect.poll(() => hr.getByTestId('complaint-drawer').innerText()).toContain('13655550001');
    await choose(hr, 'complaint-assignee', '王敏');
    await hr.getByTestId('complaint-assign').click();
    await expect.poll(() => hr.getByTestId('complaint-drawer').innerText()).toContain('上海人社·王敏');
    await hr.getByTestId('complaint-answer-input').fill('经调查，已责令该机构对相关考评员停止考评工作并整改。');
    await hr.getByTestId('complaint-send-answer').click();
    await hr.getByTestId('complaint-answer-text').waitFor();
    await hr.screenshot({ path: path.join(SCREENSHOTS, 'complaint-hr.png'), fullPage: true });
    await staff.close();

    await page.goto(`${e2e.server.baseUrl}/public/complaints/track`);
    await page.getByTestId('complaint-track-code').fill(code.toLowerCase());
    await page.getByTestId('complaint-track-submit').click();
    await expect.poll(() => page.getByTestId('complaint-status').getAttribute('data-status')).toBe('answered');
    expect(await page.getByTestId('complaint-answer').innerText()).toContain('停止考评工作');
    expect(await page.locator('body').innerText()).not.toContain('13655550001');
    await context.close();
  });
});
