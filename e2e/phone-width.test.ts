import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, signInByApi, useServerAndBrowser } from './harness.ts';

/**
 * The supervision and after-issuance screens at phone width (390×844): officials and school staff open them on a
 * phone too. Nothing may push the page sideways — a wide table scrolls inside its own box, the page itself never
 * scrolls horizontally — and each screen shows its heading.
 */

const e2e = useServerAndBrowser();

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 });
}

/** How far the page itself scrolls sideways (0 when it fits the window). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function openAs(username: string): Promise<Page> {
  return (await signInByApi(e2e.browser, e2e.server.baseUrl, username, PHONE)).page;
}

const SCREENS: Array<{ user: string; paths: string[] }> = [
  { user: 'sh_hr', paths: ['/reporting', '/complaints', '/violations', '/inspections', '/signals', '/dashboards', '/ledger', '/audit'] },
  { user: 'pd_hr', paths: ['/subsidies'] },
  { user: 'lg_school_admin', paths: ['/reporting', '/external-certificates', '/subsidies', '/ledger', '/violations', '/inspections', '/certificates'] },
  { user: 'candidate', paths: ['/me/certificates', '/me/subsidies'] },
];

describe('phone width (390 px): the new screens fit the window', () => {
  for (const { user, paths } of SCREENS) {
    it(`${user}: ${paths.join(' ')}`, async () => {
      const page = await openAs(user);
      const overflowing: string[] = [];
      for (const p of paths) {
        await page.goto(`${e2e.server.baseUrl}${p}`);
        await settle(page);
        // The route's chunk and its first data have arrived when its heading shows.
        const heading = page.locator('.ant-layout-content').locator('h1, h2, h3, h4, .ant-card-head-title').first();
        const shown = await heading.waitFor({ timeout: 20_000 }).then(
          () => true,
          () => false,
        );
        if (!shown) overflowing.push(`${p} (no heading)`);
        await settle(page);
        const overflow = await sidewaysOverflow(page);
        if (overflow > 1) overflowing.push(`${p} (+${overflow}px)`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `phone-${user}${p.replaceAll('/', '-')}.png`) });
      }
      await page.context().close();
      expect(overflowing).toEqual([]);
    });
  }

  it('the public complaint form and its tracking page', async () => {
    const context = await e2e.browser.newContext(PHONE);
    const page = await context.newPage();
    const overflowing: string[] = [];
    for (const p of ['/public/complaints', '/public/complaints/track']) {
      await page.goto(`${e2e.server.baseUrl}${p}`);
      await settle(page);
      const overflow = await sidewaysOverflow(page);
      if (overflow > 1) overflowing.push(`${p} (+${overflow}px)`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `phone-public${p.replaceAll('/', '-')}.png`) });
    }
    await context.close();
    expect(overflowing).toEqual([]);
  });
});
