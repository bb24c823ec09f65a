import { DEMO_PASSWORD } from '../server/src/demo/demo-world.ts';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useServerAndBrowser } from './harness.ts';
import { EXPECTED_MENUS } from './menus.ts';

const e2e = useServerAndBrowser();

async function login(page: Page, username: string, password = 'Demo@2026skc') {
  await page.goto(`${e2e.server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function menuOf(page: Page): Promise<string[]> {
  await page.getByTestId('menu-home').waitFor();
  const ids = await page.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return [...new Set(ids)].map((id) => id.replace(/^menu-/, ''));
}

describe('log in as each demo role and see that role’s menu', () => {
  for (const [username, expected] of Object.entries(EXPECTED_MENUS)) {
    it(`${username}: ${expected.join(', ')}`, async () => {
      const page = await e2e.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
      await login(page, username);
      expect(await menuOf(page)).toEqual(expected);
      await page.screenshot({ path: path.join(SCREENSHOTS, `menu-${username}.png`), fullPage: true });
      await page.getByTestId('logout').click();
      await page.getByTestId('login-submit').waitFor();
      await page.close();
    });
  }
});

describe('login errors', () => {
  it('a wrong password shows a clear message and stays on the login page', async () => {
    const page = await e2e.browser.newPage({ locale: 'zh-CN' });
    await login(page, 'sh_hr', 'wrong-password-1');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login-wrong-password.png') });
    await page.close();
  });

  it('the language switch turns the UI to English', async () => {
    const page = await e2e.browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${e2e.server.baseUrl}/login`);
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toMatch(/log in|sign in/i);
    await page.close();
  });
});

describe('Content-Security-Policy', () => {
  it('the web app runs under the CSP (no inline script allowed) without a single violation', async () => {
    const page = await e2e.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(`${e2e.server.baseUrl}/login`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await page.getByTestId('login-username').fill('school_admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('menu-home').waitFor();
    for (const id of await page.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))) {
      await page.getByTestId(id).first().click();
      await page.waitForLoadState('networkidle');
    }
    expect(violations).toEqual([]);
    await page.close();
  });
});
