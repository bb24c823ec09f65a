import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi } from './harness.ts';

/**
 * Issue 14 "Done when" (subsidies, R11), in Chromium: the holder (段誉, whose earlier demo claim was refused) claims the
 * subsidy for his certificate with his bank account; a second claim for the same occupation and level is refused with
 * its reason (R11); the county bureau of his place (浦东新区人社局, pd_hr) sees it in its to-do list, approves it and
 * records the payment; the holder then sees it paid.
 */

const e2e = useServerAndBrowser();

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, {}, '/');
}

async function claim(page: Page, account: string): Promise<void> {
  await page.getByTestId('subsidy-claim').first().click();
  await page.getByTestId('subsidy-bank-account').fill(account);
  await page.getByTestId('subsidy-claim-submit').click();
}

it('a holder claims a subsidy, a second claim is refused with its reason, the county HR approves and records payment', async () => {
  const holder = await loginAs('candidate');
  const hp = holder.page;
  await hp.getByTestId('menu-my-subsidies').click();
  await hp.getByTestId('subsidy-certificate').first().waitFor();
  // The demo's refused claim, with its reason, does not block a new one.
  await hp.locator('[data-testid="my-subsidy-claim"]').first().waitFor();
  expect(await hp.getByTestId('subsidy-reason').first().textContent()).toContain('银行账户');
  const before = await hp.getByTestId('my-subsidy-claim').count();

  await claim(hp, '6222 0210 0112 2334 455');
  await expect.poll(() => hp.getByTestId('my-subsidy-claim').count()).toBe(before + 1);
  const fresh = hp.locator('[data-testid="my-subsidy-claim"]', { has: hp.locator('[data-status="submitted"]') });
  await fresh.waitFor();
  expect(await fresh.getByTestId('subsidy-check-once_per_level').getAttribute('data-outcome')).toBe('pass');
  expect(await fresh.textContent()).toContain('6****************55');

  // A second claim for the same person, occupation and level: refused with the rule and why.
  await claim(hp, '6222021001122334455');
  const refusal = hp.getByTestId('subsidy-refusal');
  await refusal.waitFor();
  expect(await refusal.getAttribute('data-code')).toBe('SUBSIDY.ALREADY_CLAIMED');
  const text = (await refusal.textContent()) ?? '';
  expect(text).toContain('同一职业同一等级');
  expect(text).toContain('R11');
  await hp.screenshot({ path: path.join(SCREENSHOTS, 'subsidies-refused.png'), fullPage: true });
  await hp.keyboard.press('Escape');

  // The county bureau of the holder's place: its to-do list, approve, record the payment.
  const hr = await loginAs('pd_hr');
  const p = hr.page;
  await p.getByTestId('home-todo-subsidies').waitFor();
  await p.getByTestId('home-todo-subsidies').click();
  const row = p.locator('tr', { has: p.locator('[data-holder="段誉"]') });
  await row.getByTestId('subsidy-approve').click();
  await p.getByTestId('subsidy-checks').first().waitFor();
  await p.getByTestId('subsidy-review-submit').click();
  await row.waitFor({ state: 'detached' });

  await p.getByRole('tab', { name: '待发放' }).click();
  const toPay = p.locator('tr', { has: p.locator('[data-holder="段誉"]') });
  await toPay.getByTestId('subsidy-pay').click();
  await p.getByTestId('subsidy-pay-reference').fill('PD-BT-E2E-0001');
  await p.getByTestId('subsidy-pay-submit').click();
  await toPay.waitFor({ state: 'detached' });
  await p.getByRole('tab', { name: '补贴汇总' }).click();
  await p.getByTestId('subsidy-totals').locator('tbody tr').first().waitFor();
  await p.screenshot({ path: path.join(SCREENSHOTS, 'subsidies-totals.png'), fullPage: true });

  // The holder sees it paid.
  await hp.reload();
  const paid = hp.locator('[data-testid="my-subsidy-claim"]', { has: hp.locator('[data-status="paid"]') });
  await paid.waitFor();
  expect(await paid.textContent()).toContain('PD-BT-E2E-0001');
  await holder.context.close();
  await hr.context.close();
});
