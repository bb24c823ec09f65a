import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi } from './harness.ts';

/**
 * Sanctions act at once (issue 15, R14 and R4): Shanghai HR records a violation against the Lingang institution in the
 * web app with a suspension of the whole institution; the school then sees its next plan submission refused (R14, with
 * the record's clause) and its expansion (增设, R4) refused when it submits one through the filing screen, with the
 * reasons on screen, and its own record read-only with an appeal. HR also revokes named certificates from the form.
 */

const e2e = useServerAndBrowser();

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, {}, '/');
}

async function api<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(`${e2e.server.baseUrl}${url}`, { method, headers: { origin: e2e.server.baseUrl }, ...(data ? { data } : {}) });
  expect(res.ok(), `${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

describe('违规与处理 through the web app', () => {
  it('HR records a violation that suspends the institution; the school’s next plan and its R4 expansion are refused at once', async () => {
    const hr = await loginAs('sh_hr');
    // the school's submitted electrician plan is returned to it (to be submitted again after the violation)
    const plans = await api<{ items: { id: string; title: string }[] }>(hr.page, 'GET', '/api/plans?pageSize=50');
    const electrician = plans.items.find((p) => p.title.includes('电工'))!;
    await api(hr.page, 'POST', `/api/plans/${electrician.id}/acknowledge`, { action: 'return', reason: '请补充考场照片' });

    await hr.page.getByTestId('menu-violations').click();
    await hr.page.getByTestId('violation-new').click();
    const form = hr.page.getByRole('dialog').filter({ hasText: '记录违规' });
    await choose(hr.page, 'violation-institution', '临港');
    await form.getByTestId('violation-type').fill('考务违规');
    await form.getByTestId('violation-date').fill('2026-03-02');
    await form.getByTestId('violation-rule').fill('《评价机构管理办法》第十九条');
    await form.getByTestId('violation-description').fill('理论考场监考人员不足两人');
    await choose(hr.page, 'violation-kind', '暂停整个机构');
    await form.getByTestId('violation-save').click();
    await form.waitFor({ state: 'hidden' });
    await hr.page.screenshot({ path: path.join(SCREENSHOTS, 'sanctions-hr-saved.png') });
    await hr.page.getByTestId('violations-table').getByText('理论考场监考人员不足两人').waitFor();
    await hr.page.getByTestId('violations-table').getByText('理论考场监考人员不足两人').click();
    await expect.poll(() => hr.page.getByTestId('sanction-row').first().innerText()).toContain('暂停整个机构');
    await hr.page.screenshot({ path: path.join(SCREENSHOTS, 'sanctions-hr.png') });

    const school = await loginAs('lg_school_admin');
    const page = school.page;
    await page.goto(`${e2e.server.baseUrl}/plans/${electrician.id}`);
    await page.getByTestId('plan-action-submit').click();
    const refusal = page.getByTestId('plan-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('SANCTION.INSTITUTION_SUSPENDED');
    expect(await refusal.getAttribute('data-rule')).toBe('R14');
    expect(await page.getByTestId('plan-refusal-message').innerText()).toContain('暂停');
    // the refusal names the record behind it: its type and the clause broken
    const behind = await page.getByTestId('plan-refusal-sanction').innerText();
    expect(behind).toContain('考务违规');
    expect(behind).toContain('《评价机构管理办法》第十九条');

    const institutions = await api<{ items: { id: string }[] }>(page, 'GET', '/api/institutions');
    await page.goto(`${e2e.server.baseUrl}/institutions/${institutions.items[0]!.id}`);
    await expect.poll(() => page.getByTestId('institution-expansion-verdict').innerText()).toContain('不符合');
    const eligibility = page.getByTestId('institution-expansion-eligibility');
    await expect.poll(() => eligibility.innerText()).toContain('有效期内无违规记录');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sanctions-school.png'), fullPage: true });

    // R4: the school files a 增设 (技师) through the filing screen; submitting it is refused, the sanction among the reasons
    await page.goto(`${e2e.server.baseUrl}/filings/new?institution=${institutions.items[0]!.id}`);
    await page.getByTestId('filing-form').waitFor();
    await page.getByTestId('filing-contact-phone').fill('021-58001234');
    await choose(page, 'scope-occupation-0', '工业机器人系统操作员', '6-31-07-03');
    await choose(page, 'scope-level-0', '二级 / 技师');
    await page
      .getByTestId('filing-attachments-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: '增设申请表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% skillcert e2e expansion\n%%EOF\n') });
    await page.getByTestId('filing-attachments-list').getByText('增设申请表.pdf').waitFor();
    await page.getByTestId('filing-save').click();
    await page.waitForURL(/\/filings\/[0-9a-f-]{36}\/edit$/);
    await page.getByTestId('filing-submit').click();
    const confirm = page.getByRole('dialog').filter({ hasText: '提交备案申请' });
    await confirm.getByTestId('filing-eligibility-verdict').waitFor();
    await confirm.getByTestId('filing-submit-confirm').click();
    await confirm.waitFor({ state: 'hidden' });
    const filingRefusal = page.getByTestId('filing-refusal');
    await filingRefusal.waitFor();
    expect(await filingRefusal.getAttribute('data-rule')).toBe('R4');
    const reasons = await page.getByTestId('filing-refusal-checks').innerText();
    expect(reasons).toContain('有效期内无违规记录');
    expect(reasons).toContain('已暂停');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sanctions-school-expansion.png'), fullPage: true });

    // the school sees its own record, read-only, and appeals
    await page.getByTestId('menu-violations').click();
    await page.getByTestId('violations-table').getByText('理论考场监考人员不足两人').click();
    expect(await page.getByTestId('violation-close').count()).toBe(0);
    await page.getByTestId('violation-appeal').click();
    const appeal = page.getByRole('dialog').filter({ hasText: '申诉理由' });
    await appeal.getByTestId('violation-appeal-reason').fill('当日另有一名监考员在场，附签到表');
    await appeal.getByTestId('violation-appeal-ok').click();
    await appeal.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('violation-drawer').innerText()).toContain('当日另有一名监考员在场');
    await hr.context.close();
    await school.context.close();
  });

  it('HR revokes named certificates of the institution from the sanction form; the public verify page shows them revoked', async () => {
    const hr = await loginAs('sh_hr');
    const page = hr.page;
    const institutions = await api<{ items: { id: string; name: string }[] }>(page, 'GET', '/api/institutions?pageSize=100');
    const lingang = institutions.items.find((i) => i.name.includes('临港'))!;
    const valid = await api<{ items: { id: string; number: string; holderName: string }[]; total: number }>(
      page,
      'GET',
      `/api/certificates?institutionId=${lingang.id}&status=valid&pageSize=20`,
    );
    expect(valid.items.length).toBeGreaterThan(1);
    const [first, second] = [valid.items[0]!, valid.items[1]!];

    await page.getByTestId('menu-violations').click();
    await page.getByTestId('violation-new').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '记录违规' });
    await choose(page, 'violation-institution', '临港');
    await dialog.getByTestId('violation-type').fill('证书违规');
    await dialog.getByTestId('violation-date').fill('2026-03-05');
    await dialog.getByTestId('violation-rule').fill('《职业技能等级认定工作规程》第三十二条');
    await dialog.getByTestId('violation-description').fill('两名考生由他人代考取得证书');
    await choose(page, 'violation-kind', '撤销证书');
    // the picker lists the institution's valid certificates, paged; search by number, then by the holder's name
    const picker = dialog.getByTestId('violation-certificates');
    await picker.locator('.ant-table-row').first().waitFor();
    await picker.getByTestId('violation-certificate-search').locator('input').fill(first.number);
    await picker.getByTestId('violation-certificate-search').locator('input').press('Enter');
    await expect.poll(() => picker.locator('.ant-table-row').count()).toBe(1);
    await picker.locator('.ant-table-row', { hasText: first.number }).locator('.ant-checkbox-input').check();
    await picker.getByTestId('violation-certificate-search').locator('input').fill(second.number);
    await picker.getByTestId('violation-certificate-search').locator('input').press('Enter');
    await picker.locator('.ant-table-row', { hasText: second.number }).waitFor();
    await picker.locator('.ant-table-row', { hasText: second.number }).locator('.ant-checkbox-input').check();
    await expect.poll(() => picker.getByTestId('violation-certificates-chosen').innerText()).toContain('已选 2 张');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sanctions-revoke-pick.png') });
    await dialog.getByTestId('violation-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('violations-table').getByText('两名考生由他人代考取得证书').click();
    await expect.poll(() => page.getByTestId('violation-drawer').innerText()).toContain('撤销证书 ×2');

    // the public verify page (not signed in) shows both revoked
    const visitor = await e2e.browser.newContext({ locale: 'zh-CN' });
    const pub = await visitor.newPage();
    for (const c of [first, second]) {
      await pub.goto(`${e2e.server.baseUrl}/verify/${c.number}`);
      await pub.locator('[data-testid="verify-verdict"][data-verdict="revoked"]').waitFor();
    }
    await pub.screenshot({ path: path.join(SCREENSHOTS, 'sanctions-revoked-verify.png') });
    const after = await api<{ total: number }>(page, 'GET', `/api/certificates?institutionId=${lingang.id}&status=valid&pageSize=1`);
    expect(after.total).toBe(valid.total - 2);
    await visitor.close();
    await hr.context.close();
  });
});
