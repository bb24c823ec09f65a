import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { choose, SCREENSHOTS, useServerAndBrowser, signInByApi } from './harness.ts';

/**
 * Issue 9, item 6, for the 评价规范 and 专项 proposal lists at 1440×900: every column in view (none behind the fixed
 * action column), a text search, a day range and a status filter, and sorting by a column header kept in the URL.
 */
const e2e = useServerAndBrowser();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close();
});

const TAG = '浏览器列表核对';

async function loginAs(username: string): Promise<Page> {
  const { context, page } = await signInByApi(e2e.browser, e2e.server.baseUrl, username, {}, '/');
  contexts.push(context);
  return page;
}

/** The table scrolls sideways by nothing, and every header cell lies inside the card. */
async function expectAllColumnsInView(page: Page, tableTestId: string) {
  const m = await page.getByTestId(tableTestId).evaluate((table) => {
    const body = table.querySelector('.ant-table-content, .ant-table-body') as HTMLElement;
    const right = table.getBoundingClientRect().right;
    const heads = [...table.querySelectorAll('.ant-table-thead th')].map((th) => ({ text: th.textContent ?? '', right: th.getBoundingClientRect().right }));
    return { overflow: body.scrollWidth - body.clientWidth, right, heads };
  });
  expect(m.overflow).toBeLessThanOrEqual(0);
  for (const h of m.heads) expect(h.right, h.text).toBeLessThanOrEqual(m.right + 1);
}

const titles = (page: Page) => page.getByTestId('spec-link').allInnerTexts();

describe('评价规范 and 专项 proposal lists at 1440 px', () => {
  it('HR searches the specs list and sorts it by title both ways; no column hides behind the action column', async () => {
    const school = await loginAs('school_admin');
    for (const suffix of ['乙', '甲', '丙']) {
      const res = await school.request.post(`${e2e.server.baseUrl}/api/specs`, {
        data: { occupationCode: '4-04-05-13', levels: [4], title: `${TAG}${suffix}`, theory: [], skills: [] },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    const hr = await loginAs('sh_hr');
    await hr.goto(`${e2e.server.baseUrl}/specs?tab=all`);
    await hr.getByTestId('specs-table').waitFor();
    await expectAllColumnsInView(hr, 'specs-table');
    await hr.getByTestId('specs-search').locator('input').fill(TAG);
    await hr.getByTestId('specs-search').locator('input').press('Enter');
    await expect.poll(() => titles(hr)).toHaveLength(3);
    // The server's order by title (the database's collation decides), then the screen follows it both ways.
    const api = await hr.request.get(`${e2e.server.baseUrl}/api/specs?q=${encodeURIComponent(TAG)}&sort=title`);
    const up = ((await api.json()) as { items: { title: string }[] }).items.map((s) => s.title);
    expect(up).toHaveLength(3);
    await hr.locator('.ant-table-thead th', { hasText: '规范名称' }).click();
    await expect.poll(() => new URL(hr.url()).searchParams.get('sort')).toBe('title');
    await expect.poll(() => titles(hr)).toEqual(up);
    await hr.locator('.ant-table-thead th', { hasText: '规范名称' }).click();
    await expect.poll(() => new URL(hr.url()).searchParams.get('sort')).toBe('-title');
    await expect.poll(() => titles(hr)).toEqual([...up].reverse());
    expect(hr.url()).toContain(`q=${encodeURIComponent(TAG)}`);
    await expect.poll(() => hr.getByTestId('specs-date-range').first().isVisible()).toBe(true);
    await hr.screenshot({ path: path.join(SCREENSHOTS, 'lists-specs-1440.png') });
    await expectAllColumnsInView(hr, 'specs-table');
  });

  it('the province HR’s proposals list opens on its to-do tab; all tab has the status filter; every column in view', async () => {
    const hr = await loginAs('fj_hr');
    await hr.goto(`${e2e.server.baseUrl}/proposals`);
    await hr.getByTestId('proposals-tab-todo').waitFor();
    await expectAllColumnsInView(hr, 'proposals-table');
    await hr.getByTestId('proposals-tab-all').click();
    await choose(hr, 'proposals-filter-status', '已退回');
    await expect.poll(() => new URL(hr.url()).searchParams.get('status')).toBe('returned');
    await expect.poll(() => hr.getByTestId('proposals-date-range').first().isVisible()).toBe(true);
    await expectAllColumnsInView(hr, 'proposals-table');
    await hr.screenshot({ path: path.join(SCREENSHOTS, 'lists-proposals-1440.png') });
  });
});
