import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject, type TestContext } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/demo/demo-world.ts';
import type {} from './global-setup.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * A fresh data directory (embedded database and its data key) holding the demo world: a copy of the one seeded once
 * per browser run by `e2e/global-setup.ts` — seeding the whole demo takes tens of seconds, a copy well under one.
 * The server finds users there and does not seed again.
 */
export async function demoDataDir(prefix = 'skillcert-e2e-'): Promise<string> {
  const template = inject('e2eTemplate');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

/** Throws unless the built web app is there (the server serves it). */
export function requireWebBuild(): void {
  if (!fs.existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
}

/** Spawns the real server (`npm start`'s entry) on `port` with the data folder `dataDir`; its output goes to `onOutput`. */
export function spawnServer(port: number, dataDir: string, onOutput: (text: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.E2E_SERVER_LOG_LEVEL ?? 'info', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => onOutput(d.toString()));
  child.stderr?.on('data', (d: Buffer) => onOutput(d.toString()));
  return child;
}

/** Polls the health check until the server answers; throws with its output if it exits first or never answers (a hang). */
export async function waitUntilUp(child: ChildProcess, baseUrl: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the real server (`npm start`'s entry) on a free port with a fresh embedded database and the demo world. */
export async function startServer(): Promise<RunningServer> {
  requireWebBuild();
  const port = await freePort();
  const dataDir = await demoDataDir();
  let out = '';
  const child = spawnServer(port, dataDir, (text) => (out += text));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilUp(child, baseUrl, () => out);
  return {
    baseUrl,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Every page asks for reduced motion (the app then turns Ant Design's animations off, as it does for any user who asks):
 * on a loaded machine a click on a modal's button while the modal was still zooming in (or another closing) landed
 * beside it and was lost — three fresh-clone runs each failed one such click (a filing's submit, its 上报 confirm, a
 * subsidy claim's submit). A test may still ask for motion with its own `reducedMotion` option.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}`);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}

export interface E2E {
  /** The running server (set once `beforeAll` has run). */
  readonly server: RunningServer;
  /** The shared Chromium (set once `beforeAll` has run). */
  readonly browser: Browser;
}

/**
 * The set-up every browser test file shares: `beforeAll` makes the screenshot folder, starts the server on its own
 * copy of the demo world and its own port, and launches Chromium; `afterAll` closes both. Call it at the top level.
 */
export function useServerAndBrowser(): E2E {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await explainFailure(ctx, browser, server?.output());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server is not started yet (use it inside a test or hook)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not launched yet (use it inside a test or hook)');
      return browser;
    },
  };
}

/** How many of the server's last output lines a failed test prints. */
const SERVER_TAIL_LINES = 60;

/**
 * A failed test explains itself: a screenshot of every page still open in every context of `browser` (the test's
 * contexts are closed at its end, so a failure leaves them open) goes to test-artifacts/screenshots/failed-*.png, each
 * page's address is printed, and so are the server's last output lines. Nothing here may hide the test's own error.
 */
export async function explainFailure(ctx: TestContext, browser: Browser | undefined, serverOutput: string | undefined): Promise<void> {
  const file = path.basename(ctx.task.file.name, '.test.ts');
  const test = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  const lines: string[] = [`[e2e] ${file} › ${ctx.task.name} failed at ${new Date().toISOString()}`];
  try {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const contexts = browser?.contexts() ?? [];
    for (const [c, context] of contexts.entries()) {
      for (const [p, page] of context.pages().entries()) {
        const shot = path.join(SCREENSHOTS, `failed-${file}-${test}-${c + 1}-${p + 1}.png`);
        try {
          await page.screenshot({ path: shot, timeout: 10_000 });
          lines.push(`  page ${c + 1}.${p + 1} ${page.url()} → ${path.relative(ROOT, shot)}`);
        } catch (err) {
          lines.push(`  page ${c + 1}.${p + 1} ${page.url()}: no screenshot (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
        }
      }
    }
    if (contexts.length === 0) lines.push('  no browser context open');
  } catch (err) {
    lines.push(`  screenshots failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (serverOutput !== undefined) {
    const tail = readableLog(serverOutput).slice(-SERVER_TAIL_LINES);
    lines.push(`  the server's last ${tail.length} output lines:`, ...tail.map((l) => `    | ${l}`));
  }
  console.error(lines.join('\n'));
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * The server's output (pino's JSON lines) as short lines — `05:07:31.204 GET /api/filings → 200 28 ms` — without the
 * web app's static files; any line that is not a log entry as it is.
 */
export function readableLog(output: string): string[] {
  const requests = new Map<string, string>();
  const lines: string[] = [];
  for (const raw of output.split('\n')) {
    if (!raw.trim()) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      lines.push(raw);
      continue;
    }
    const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 23) : '';
    const reqId = typeof entry.reqId === 'string' ? entry.reqId : '';
    const req = entry.req as { method?: string; url?: string } | undefined;
    const res = entry.res as { statusCode?: number } | undefined;
    if (entry.msg === 'incoming request' && req) {
      requests.set(reqId, `${req.method} ${req.url}`);
      continue;
    }
    const request = requests.get(reqId);
    if (entry.msg === 'request completed' && res) {
      requests.delete(reqId);
      if (!request?.includes(' /assets/')) lines.push(`${time} ${request ?? '?'} → ${res.statusCode} ${Math.round(Number(entry.responseTime))} ms`);
      continue;
    }
    const level = LEVELS[Number(entry.level)] ?? String(entry.level);
    const err = entry.err as { message?: string } | undefined;
    lines.push(`${time} ${level} ${request ? `${request} ` : ''}${String(entry.msg ?? '')}${err?.message ? `: ${err.message}` : ''}`);
  }
  return lines;
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser context (own cookies: zh-CN, 1440×900 unless `options` say otherwise) signed in through the login
 * page as `username` with the demo password; waits for the signed-in menu.
 */
export async function signIn(browser: Browser, baseUrl: string, username: string, options: BrowserContextOptions = {}): Promise<SignedIn> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('menu-home').waitFor();
  return { context, page };
}

const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/**
 * Picks options of an Ant Design Select found by its test id: opens it, types `search` first if given, clicks each
 * option whose text contains the wanted text, and VERIFIES that the select then shows it — on a loaded machine a click
 * can land while the dropdown is still animating, or the dropdown can close before the click, and is then lost; each
 * option is tried again (re-opening the select) until it shows, up to a few times. For a multiple select pass several
 * options; the dropdown is closed at the end so the next select's options are not confused with this one's.
 *
 * Only THIS select's dropdown counts (the one holding its listbox, `<input id>_list`) and "open" is the select's own
 * `ant-select-open`: the previous select's dropdown, still fading out, once passed for this one's, and each such pick
 * waited out a 15 s click timeout before the retry (45 s of plans.test.ts's 69 s).
 */
export async function choose(page: Page, testId: string, options: string | string[], search?: string): Promise<void> {
  const wanted = typeof options === 'string' ? [options] : options;
  const select = page.getByTestId(testId);
  const { multiple, inputId } = await select.evaluate((e) => {
    const root = e.closest('.ant-select') ?? e.querySelector('.ant-select');
    return { multiple: root?.classList.contains('ant-select-multiple') ?? false, inputId: root?.querySelector('input')?.id ?? '' };
  });
  if (!inputId) throw new Error(`choose: ${testId} has no select input with an id`);
  const dropdown = page.locator(OPEN_DROPDOWN).filter({ has: page.locator(`[id="${inputId}_list"]`) });
  const dropdownOpen = () =>
    select.evaluate((e) => (e.closest('.ant-select') ?? e.querySelector('.ant-select'))?.classList.contains('ant-select-open') ?? false);
  for (const option of wanted) {
    for (let attempt = 1; ; attempt++) {
      // A retry never clicks an option that did register late (a multiple select's second click would deselect it).
      if (attempt > 1 && (await select.innerText()).includes(option)) break;
      if (!(await dropdownOpen())) {
        await select.click();
        if (search) await page.keyboard.type(search);
      }
      const item = dropdown.locator('.ant-select-item-option:visible', { hasText: option }).first();
      try {
        await item.click({ timeout: 15_000 });
        await expect.poll(() => select.innerText(), { timeout: 5_000 }).toContain(option);
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
        // close what is open (or half open) and try again from a closed select
        if (await dropdownOpen()) await page.keyboard.press('Escape');
        await expect.poll(() => dropdownOpen(), { timeout: 5_000 }).toBe(false);
      }
    }
  }
  // A multiple select stays open after a pick; a single one closes by itself (Escape there could close a dialog).
  if (multiple && (await dropdownOpen())) {
    await page.keyboard.press('Escape');
    await expect.poll(() => dropdownOpen(), { timeout: 5_000 }).toBe(false);
  }
  for (const option of wanted) await expect.poll(() => select.innerText()).toContain(option);
}

/**
 * A fresh browser context (as `signIn`'s: zh-CN, 1440×900 unless `options` say otherwise) signed in through the API:
 * the login call goes through the context's own request client, so the session cookie lands in the context's jar,
 * and no login page is loaded. For tests that are not about the sign-in screen (that one is `signIn`'s, and
 * login-and-menus / usability test it). With `path`, the page opens it (`'/'`: waits for the signed-in menu);
 * without, the page is blank.
 */
export async function signInByApi(browser: Browser, baseUrl: string, username: string, options: BrowserContextOptions = {}, path?: string): Promise<SignedIn> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...options });
  const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username, password: DEMO_PASSWORD }, headers: { origin: baseUrl } });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
  const page = await context.newPage();
  if (path !== undefined) {
    await page.goto(`${baseUrl}${path}`);
    if (path === '/') await page.getByTestId('menu-home').waitFor();
  }
  return { context, page };
}

/**
 * Waits until no CSS animation or transition is running on the page (a modal's or toast's entrance, a drawer's slide):
 * what a screenshot should wait for, instead of a fixed pause. Endless ones (a spinner) do not count.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY),
    undefined,
    { timeout: 5_000 },
  );
}
