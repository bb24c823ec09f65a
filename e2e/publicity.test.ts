import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useServerAndBrowser, signInByApi } from './harness.ts';

/**
 * 公示 in the browser, without login: the demo plan's results with masked names (段*), an objection lodged about a
 * candidate and tracked by its code (status open, the objector's contact never shown); the institution answers it on its
 * results screen and the objector reads the answer.
 */

const e2e = useServerAndBrowser();

describe('public publicity page', () => {
  it('shows masked names; an objection is lodged and tracked by its code', async () => {
    const context = await e2e.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.baseUrl}/public/publicity`);
    await page.getByTestId('publicity-link').first().click();
    await page.getByTestId('publicity-plan-title').waitFor();

    const names = await page.getByTestId('publicity-name').allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(8);
    // Each name is its first character and one * per other character; the demo names never appear whole.
    for (const n of names) expect(n).toMatch(/^\S\*+$/u);
    const body = await page.locator('body').innerText();
    expect(body).not.toContain('段正淳');
    expect(body).toContain('段**');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'publicity-public.png'), fullPage: true });

    const examNumber = (await page.getByTestId('publicity-line').first().locator('td').first().innerText()).trim();
    await page.getByTestId('objection-name').fill('刀白凤');
    await page.getByTestId('objection-contact').fill('13700001234');
    await page.getByTestId('objection-exam-number').fill(examNumber);
    await page.getByTestId('objection-text').fill('该考生理论成绩与本人回忆不符，申请复核。');
    await page.getByTestId('objection-submit').click();
    const code = (await page.getByTestId('objection-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    await page.getByTestId('track-code').fill(code.toLowerCase());
    await page.getByTestId('track-submit').click();
    await expect.poll(() => page.getByTestId('track-status').getAttribute('data-status')).toBe('open');
    const tracked = await page.getByTestId('track-result').innerText();
    expect(tracked).toContain(examNumber);
    expect(tracked).not.toContain('13700001234');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'publicity-objection.png'), fullPage: true });
    const planId = new URL(page.url()).pathname.split('/').pop()!;

    // The institution answers it on its results screen; the objector reads the answer with the code.
    const { context: staff, page: admin } = await signInByApi(e2e.browser, e2e.server.baseUrl, 'lg_school_admin', {}, '/');
    await admin.goto(`${e2e.server.baseUrl}/plans/${planId}/results`);
    await admin.getByTestId('results-table').locator('[data-outcome]').first().waitFor();
    // The whole mark record of a candidate opens beside the list.
    await admin.getByTestId('result-record').first().click();
    await expect.poll(() => admin.getByTestId('mark-record').innerText()).toContain('exam');
    await admin.keyboard.press('Escape');
    await admin.getByRole('tab', { name: '公示与异议' }).click();
    const row = admin.locator('tr', { hasText: code });
    await row.getByTestId('objection-answer').click();
    // The answer dialog itself (the record dialog closed with Escape may still be fading out), until it closes.
    const answerDialog = admin.getByRole('dialog').filter({ has: admin.locator('textarea') });
    await answerDialog.locator('textarea').fill('经复核，理论成绩无误，维持原结果。');
    await answerDialog.locator('.ant-btn-primary').click();
    await answerDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => admin.locator('tr', { hasText: code }).innerText()).toContain('经复核');
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'publicity-institution.png'), fullPage: true });
    await staff.close();

    await page.getByTestId('track-submit').click();
    await expect.poll(() => page.getByTestId('track-status').getAttribute('data-status')).toBe('answered');
    expect(await page.getByTestId('track-answer').innerText()).toContain('维持原结果');
    await context.close();
  });
});
