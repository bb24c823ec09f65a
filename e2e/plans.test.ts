import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi, settled } from './harness.ts';

/**
 * 认定计划 end to end through the web app: the listed Lingang school drafts a plan, is refused for the lead time
 * (考前计划备案, the dates named), fixes the dates and submits; Shanghai HR acknowledges it from its to-do list and
 * assigns the demo supervisor, who then finds it among the plans assigned to them.
 */

const e2e = useServerAndBrowser();

async function shot(page: Page, name: string) {
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `plan-${name}.png`), fullPage: true });
}

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, {}, '/');
}

const day = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const TITLE = '浏览器测试 工业机器人系统操作员 四级 认定计划';

describe('认定计划 through the web app', () => {
  it('a school drafts a plan, sees a lead-time refusal, fixes the date, submits; HR acknowledges it and assigns a supervisor', async () => {
    const school = await loginAs('lg_school_admin');
    const page = school.page;
    await page.getByTestId('menu-plans').click();
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-form').waitFor();
    await page.getByTestId('plan-title').fill(TITLE);
    await choose(page, 'plan-subject', '工业机器人系统操作员（6-31-07-03） · 四级');
    await page.getByTestId('plan-capacity').fill('30');

    // theory: one room of 30, two invigilators; practical: 15 places, a chief examiner and two examiners — five days ahead
    await page.getByTestId('plan-sitting-date-0-0').fill(day(5));
    await choose(page, 'plan-sitting-site-0-0', '理论考试中心');
    await page.getByTestId('plan-sitting-room-0-0').fill('401');
    await page.getByTestId('plan-sitting-capacity-0-0').fill('30');
    await choose(page, 'plan-sitting-invigilators-0-0', ['孙伟', '冯涛']);
    await page.getByTestId('plan-sitting-date-1-0').fill(day(6));
    await choose(page, 'plan-sitting-site-1-0', '智能制造实训中心');
    await page.getByTestId('plan-sitting-room-1-0').fill('B101');
    await page.getByTestId('plan-sitting-capacity-1-0').fill('15');
    await choose(page, 'plan-sitting-chief-1-0', '吴建国');
    await choose(page, 'plan-sitting-examiners-1-0', ['郑海', '周敏']);

    // Submitting inside the lead time: refused, naming the rule and both dates; the checks show the failing one.
    await page.getByTestId('plan-submit').click();
    const refusal = page.getByTestId('plan-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('PLAN.LEAD_TIME');
    expect(await refusal.getAttribute('data-rule')).toBe('lead_time');
    const text = await refusal.innerText();
    expect(text).toContain(day(5));
    expect(text).toContain(day(15));
    // the draft was saved before the submission: its checks show under the form
    await page.getByTestId('plan-checks-verdict').waitFor();
    await expect.poll(() => page.getByTestId('plan-checks-verdict').getAttribute('data-ready')).toBe('false');
    expect(await page.locator('[data-testid=plan-check][data-pass=false]').getAttribute('data-code')).toBe('PLAN.LEAD_TIME');
    await shot(page, '01-lead-time-refused');

    // Fix the dates and submit again.
    await page.getByTestId('plan-sitting-date-0-0').fill(day(20));
    await page.getByTestId('plan-sitting-date-1-0').fill(day(21));
    await page.getByTestId('plan-submit').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('plan-status').getAttribute('data-status')).toBe('submitted');
    await shot(page, '02-submitted');
    await school.context.close();

    // Shanghai HR: the plan waits in its to-do list; acknowledge with the bureau's supervisor.
    const hr = await loginAs('sh_hr');
    await hr.page.getByTestId('menu-plans').click();
    await hr.page.getByTestId('plans-tab-todo').waitFor();
    const row = hr.page.getByTestId('plans-table').locator('tr', { hasText: TITLE });
    await row.getByTestId('plan-link').click();
    await hr.page.getByTestId('plan-timeline').waitFor();
    await hr.page.getByTestId('plan-action-acknowledge').click();
    await choose(hr.page, 'plan-supervisor-select', '孙立');
    await hr.page.getByTestId('plan-dialog-ok').click();
    await expect.poll(() => hr.page.getByTestId('plan-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('acknowledged');
    await expect.poll(() => hr.page.getByTestId('plan-supervisors').innerText()).toContain('孙立');
    await shot(hr.page, '03-acknowledged');
    await hr.context.close();

    // The supervisor finds it among the plans assigned to them, and replays the demo plan's examiner draw.
    const sup = await loginAs('sh_supervisor');
    await sup.page.getByTestId('menu-plans').click();
    await sup.page.getByTestId('plans-table').locator('tr', { hasText: TITLE }).waitFor();
    await shot(sup.page, '04-supervisor');
    await sup.page.getByTestId('plans-table').locator('tr', { hasText: '2026 年第一批 工业机器人系统操作员 四级' }).getByTestId('plan-link').click();
    await sup.page.getByTestId('plan-draw').waitFor();
    expect(await sup.page.getByTestId('plan-draw').innerText()).toContain('demo-2026-robot-pm');
    await sup.page.getByTestId('plan-draw-replay').click();
    await expect.poll(() => sup.page.getByTestId('plan-draw-replay-result').innerText()).toContain('复现结果与记录一致');
    await shot(sup.page, '05-draw-replayed');
    await sup.context.close();
  });
});
