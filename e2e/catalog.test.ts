import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi, settled } from './harness.ts';

/**
 * The occupation catalog of the 2022 大典 in the browser: browse 大类 → 中类 → 小类, search by pinyin initials, and
 * the filing form's occupation picker finding an occupation by its initials (the same search).
 */

const e2e = useServerAndBrowser();

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, {}, '/');
}

const rowNames = (page: Page) => page.getByTestId('occupation-row-name').allInnerTexts();

describe('occupation catalog', () => {
  it('browses the hierarchy and finds occupations by pinyin initials; the filing form picks one by its initials', async () => {
    const { context, page } = await loginAs('school_admin');

    // Catalog page: 大类 6 → 中类 6-31 → 小类 6-31-07 lists its five occupations.
    await page.getByTestId('menu-occupations').click();
    await page.getByTestId('occupation-tree-6').click();
    await expect.poll(() => page.getByTestId('occupations-group-tag').innerText()).toContain('6');
    // Expand a node until its child shows (the tree re-renders while the list reloads: a click can land mid-render).
    const expand = async (code: string, child: string) => {
      for (let attempt = 0; ; attempt++) {
        const node = page.locator('[data-testid="occupation-tree"] .ant-tree-treenode', { has: page.getByTestId(`occupation-tree-${code}`) }).first();
        if (!((await node.getAttribute('class')) ?? '').includes('switcher-open')) await node.locator('.ant-tree-switcher').click();
        try {
          await page.getByTestId(`occupation-tree-${child}`).waitFor({ timeout: 3_000 });
          return;
        } catch (e) {
          if (attempt >= 5) throw e;
        }
      }
    };
    await expand('6', '6-31');
    await expand('6-31', '6-31-07');
    await page.getByTestId('occupation-tree-6-31-07').click();
    await expect
      .poll(() => rowNames(page))
      .toEqual(['工业机器人系统运维员', '工业视觉系统运维员', '工业机器人系统操作员', '智能制造系统运维员', '智能网联汽车装调运维员']);
    await settled(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-hierarchy.png'), fullPage: true });

    // Search by pinyin initials across the whole catalog (the group filter removed).
    await page.getByTestId('occupations-group-tag').locator('.ant-tag-close-icon').click();
    await page.getByTestId('occupations-group-tag').waitFor({ state: 'detached' });
    await page.getByTestId('occupations-search').locator('input').fill('zqs');
    await page.getByTestId('occupations-search').locator('input').press('Enter');
    await expect.poll(() => rowNames(page)).toEqual(['斫琴师']);

    // The filing form's occupation picker: typing the initials finds 工业机器人系统操作员.
    await page.getByTestId('menu-filings').click();
    await page.getByTestId('filing-new').click();
    await page.getByTestId('filing-form').waitFor();
    await page.getByTestId('scope-occupation-0').click();
    await page.keyboard.type('gyjqrxtczy');
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '工业机器人系统操作员' }).first();
    await option.waitFor();
    expect(await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allInnerTexts()).toEqual([
      '工业机器人系统操作员（6-31-07-03）',
    ]);
    await option.click();
    await expect.poll(() => page.getByTestId('scope-occupation-0').innerText()).toContain('工业机器人系统操作员');
    // Its levels come from its national standard: 四级 to 一级.
    await page.getByTestId('scope-level-0').click();
    const levels = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '级' });
    await levels.first().waitFor();
    await expect.poll(() => levels.count()).toBe(4);
    expect((await levels.allInnerTexts()).some((l) => l.includes('五级'))).toBe(false);
    // A non-skill occupation (内科医师, 专业技术人员) is not offered in a filing.
    await page.keyboard.press('Escape');
    await page.getByTestId('scope-occupation-0').click();
    const searched = page.waitForResponse((r) => r.url().includes('/api/occupations?') && decodeURIComponent(r.url()).includes('内科医师'));
    await page.keyboard.type('内科医师');
    const response = await searched;
    expect(decodeURIComponent(response.url())).toContain('skill=true');
    expect(((await response.json()) as { total: number }).total).toBe(0);
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await page.waitForTimeout(300);
    expect(await dropdown.locator('.ant-select-item-option', { hasText: '内科医师' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-filing-picker.png'), fullPage: true });
    await context.close();
  });
});
