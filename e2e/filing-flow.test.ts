import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi, settled } from './harness.ts';

/**
 * 备案 (filing) end to end through the web app, as each role sees it:
 *  - R7 (Shanghai): school → 市教委 approves → HR starts the technical assessment, records the score sheet,
 *    reports and lists → the institution is in the free public catalog;
 *  - R1 (Shanghai): a 中职 without 贯通培养 majors is refused;
 *  - R3 (Fujian): a 中职 asking for 三级 is refused.
 */

const e2e = useServerAndBrowser();

/** A full-page screenshot once modals and toasts have finished animating. */
async function shot(page: Page, name: string) {
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `filing-${name}.png`), fullPage: true });
}

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, { viewport: { width: 1366, height: 900 } }, '/');
}

interface Line {
  code: string;
  name: string;
  level: string;
}

/** Fills a new application: scope lines, one site, one assessor, one uploaded document; saves the draft. */
async function draftFiling(page: Page, lines: Line[], school: string) {
  await page.getByTestId('menu-filings').click();
  await page.getByTestId('filing-new').click();
  await page.getByTestId('filing-form').waitFor();
  await page.getByTestId('filing-contact-name').fill('张老师');
  await page.getByTestId('filing-contact-phone').fill('021-58001234');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.getByTestId('scope-add').click();
    await choose(page, `scope-occupation-${i}`, line.name, line.code);
    await choose(page, `scope-level-${i}`, line.level);
  }
  await page.getByTestId('site-name-0').fill(`${school}实训楼 A 座`);
  await page.getByTestId('site-address-0').fill('学院路 1 号');
  await page.getByTestId('site-capacity-0').fill('60');
  await page.getByTestId('assessor-name-0').fill('李建国');
  await page.getByTestId('assessor-cert-0').fill('KPY-2024-0001');
  await page
    .getByTestId('filing-attachments-upload')
    .locator('input[type=file]')
    .setInputFiles({ name: '备案申请表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% skillcert e2e filing form\n%%EOF\n') });
  await page.getByTestId('filing-attachments-list').getByText('备案申请表.pdf').waitFor();
  await page.getByTestId('filing-save').click();
  await page.waitForURL(/\/filings\/[0-9a-f-]{36}\/edit$/);
  await page.getByTestId('filing-form').waitFor();
}

/** Submit from the form: the eligibility report first, then confirm. */
async function submitFromForm(page: Page) {
  await page.getByTestId('filing-submit').click();
  await page.getByTestId('filing-eligibility-verdict').waitFor();
  await page.getByTestId('filing-submit-confirm').click();
}

const statusOf = (page: Page) => page.getByTestId('filing-status').getAttribute('data-status');

/** Opens the school's application from the user's to-do list (the default tab for reviewers). */
async function openFromTodo(page: Page, school: string) {
  await page.getByTestId('menu-filings').click();
  await page.getByTestId('filings-tab-todo').waitFor();
  const row = page.getByTestId('filings-table').locator('tr', { hasText: school });
  await row.getByTestId('filing-link').click();
  await page.getByTestId('filing-timeline').waitFor();
}

/** Takes an action offered on the detail page (confirm modal) and waits for the status it leads to. */
async function act(page: Page, action: string, expected: string) {
  await page.getByTestId(`filing-action-${action}`).click();
  await page.getByTestId('filing-action-confirm').click();
  await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe(expected);
}

describe('备案 through the web app', () => {
  it('R7: a Shanghai 高职 school files; 市教委 approves; HR assesses, reports and lists it; it appears in the public catalog', async () => {
    const SCHOOL = '上海浦江职业技术学院（演示）';

    // The school: two scope lines, a site, an assessor, a document; save, check eligibility, submit.
    const school = await loginAs('school_admin');
    await draftFiling(
      school.page,
      [
        { code: '6-31-01-03', name: '电工', level: '四级 / 中级工' },
        { code: '6-31-07-03', name: '工业机器人系统操作员', level: '四级 / 中级工' },
      ],
      '浦江',
    );
    await shot(school.page, '01-school-draft');
    await school.page.getByTestId('filing-submit').click();
    await school.page.getByTestId('filing-eligibility-verdict').waitFor();
    expect(await school.page.getByTestId('filing-eligibility').getByTestId('eligibility-fail').count()).toBe(0);
    await shot(school.page, '02-school-eligibility');
    await school.page.getByTestId('filing-submit-confirm').click();
    await school.page.waitForURL(/\/filings\/[0-9a-f-]{36}$/);
    await expect.poll(() => statusOf(school.page)).toBe('submitted');
    expect(await school.page.getByTestId('filing-scope-table').innerText()).toContain('工业机器人系统操作员');
    await school.context.close();

    // 市教委 (sh_edu) receives it in its to-do list and approves it.
    const edu = await loginAs('sh_edu');
    await openFromTodo(edu.page, SCHOOL);
    await shot(edu.page, '03-edu-todo-detail');
    await act(edu.page, 'approve', 'edu_reviewed');
    // Back on its to-do list the application now reads 教育部门已审核 (in Shanghai, edu co-runs the technical assessment).
    await edu.page.getByTestId('menu-filings').click();
    await expect
      .poll(() => edu.page.getByTestId('filings-table').locator('tr', { hasText: SCHOOL }).getByTestId('filing-row-status').getAttribute('data-status'))
      .toBe('edu_reviewed');
    await edu.context.close();

    // HR (sh_hr): start the technical assessment, record a passing score sheet, report, list.
    const hr = await loginAs('sh_hr');
    await openFromTodo(hr.page, SCHOOL);
    await act(hr.page, 'start_assessment', 'tech_assessment');
    await hr.page.getByTestId('filing-action-assess').click();
    await hr.page.getByTestId('assessment-score-0').waitFor();
    for (let i = 0; i < 5; i++) await hr.page.getByTestId(`assessment-score-${i}`).fill(String([18, 16, 17, 15, 16][i]));
    await expect.poll(() => hr.page.getByTestId('assessment-pass').getAttribute('data-passed')).toBe('true');
    expect(await hr.page.getByTestId('assessment-total').innerText()).toContain('82');
    await shot(hr.page, '04-hr-score-sheet');
    await hr.page.getByTestId('filing-action-confirm').click();
    await hr.page.getByTestId('filing-assessment').waitFor();
    await act(hr.page, 'report', 'reported');
    await act(hr.page, 'list', 'listed');
    const timeline = await hr.page.getByTestId('filing-timeline').innerText();
    for (const step of ['提交申请', '审核通过', '启动技术评估', '录入技术评估结果', '上报', '列入目录']) expect(timeline).toContain(step);
    expect(timeline).toContain('上海市教育委员会');
    await shot(hr.page, '05-hr-listed');
    await hr.context.close();

    // Anyone, without logging in: the public catalog from the login page, searched by name.
    const context = await e2e.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.baseUrl}/login`);
    await page.getByTestId('public-catalog-link').click();
    await page.getByTestId('public-catalog-title').waitFor();
    const search = page.getByTestId('public-search').locator('input');
    await search.fill('浦江');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('public-institutions-table').locator('.ant-spin-spinning').count()).toBe(0);
    const row = page.getByTestId('public-institutions-table').locator('tr', { hasText: SCHOOL });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('电工');
    expect(text).toContain('工业机器人系统操作员');
    expect(text).toMatch(/S\d{4}31\d{6}/); // certificate-number prefix: S + institution code + province 31 + serial
    await shot(page, '06-public-catalog');
    await context.close();
  });

  it('R1: a Shanghai 中职 without 贯通培养 majors is refused, and the alert names R1', async () => {
    const { context, page } = await loginAs('sh_sec_admin');
    await draftFiling(page, [{ code: '4-03-02-01', name: '中式烹调师', level: '四级 / 中级工' }], '沪东');
    await submitFromForm(page);
    const alert = page.getByTestId('filing-refusal');
    await alert.waitFor();
    expect(await alert.getAttribute('data-rule')).toBe('R1');
    const text = await alert.innerText();
    expect(text).toContain('R1');
    expect(text).toContain('贯通培养');
    await shot(page, '07-refused-R1');
    await context.close();
  });

  it('R3: a Fujian 中职 asking for 三级 is refused, and the alert names R3 and the offending line', async () => {
    const { context, page } = await loginAs('qz_sec_admin');
    await draftFiling(page, [{ code: '6-31-01-03', name: '电工', level: '三级 / 高级工' }], '刺桐');
    await submitFromForm(page);
    const alert = page.getByTestId('filing-refusal');
    await alert.waitFor();
    expect(await alert.getAttribute('data-rule')).toBe('R3');
    expect(await alert.innerText()).toContain('R3');
    const line = await page.getByTestId('filing-refusal-line').innerText();
    expect(line).toContain('电工');
    expect(line).toContain('三级');
    await shot(page, '08-refused-R3');
    await context.close();
  });
});
