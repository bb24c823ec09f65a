import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../server/src/db/client.ts';
import { demoDataDir, launchChromium, type RunningServer, SCREENSHOTS, startServer, signInByApi } from './harness.ts';

/**
 * 统计看板: the education commission opens the R13 coverage dashboard; the share shown for 浦江 is the one this test
 * computes itself from the raw rows of the same demo world (its majors; those covered by its own listed scope through
 * the major ↔ occupation mapping, or by a recorded external certificate); the chart exports as PNG and its figures as Excel.
 */

const SCHOOL = '上海浦江职业技术学院（演示）';
let server: RunningServer;
let browser: Browser;
let expected: { orgId: string; majors: number; covered: number };

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // The raw rows, read straight from a copy of the demo world the server starts from (same template, same rows).
  const dir = await demoDataDir('skillcert-e2e-dashboards-raw-');
  const { db, close } = await openDatabase({ dataDir: dir });
  try {
    const [org] = await queryRows<{ id: string }>(db, sql`select id from organisations where name = ${SCHOOL}`);
    const majors = await queryRows<{ code: string }>(db, sql`select code from majors where org_id = ${org!.id}`);
    const external = await queryRows<{ code: string }>(
      db,
      sql`select distinct major_code as code from external_certificates where org_id = ${org!.id} and status = 'recorded' and major_code is not null`,
    );
    const own = await queryRows<{ code: string }>(
      db,
      sql`select distinct mo.major_code as code from institutions i join institution_scope s on s.institution_id = i.id and s.suspended_at is null
        join major_occupations mo on mo.occupation_id = s.occupation_id where i.org_id = ${org!.id} and i.status = 'listed'`,
    );
    const codes = new Set(majors.map((m) => m.code));
    const covered = new Set([...external, ...own].map((r) => r.code).filter((c) => codes.has(c)));
    expected = { orgId: org!.id, majors: codes.size, covered: covered.size };
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(expected.majors).toBeGreaterThan(0);
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function loginAs(username: string): Promise<Page> {
  return (await signInByApi(browser, server.baseUrl, username, { acceptDownloads: true }, '/')).page;
}

describe('statistics dashboards', () => {
  it('R13: the coverage dashboard shows the share computed from raw rows, and the chart exports as PNG and Excel', async () => {
    const page = await loginAs('sh_edu');
    await page.getByTestId('menu-dashboards').click();
    await page.getByTestId('certificates-total').waitFor();
    await page.getByTestId('dashboards-tab-coverage').click();
    const row = page.locator(`[data-testid="coverage-row"][data-org-id="${expected.orgId}"]`);
    await row.waitFor();
    const share = `${(Math.round((expected.covered / expected.majors) * 1000) / 10).toFixed(1)}%`;
    await expect.poll(() => row.getByTestId('coverage-share').innerText()).toBe(share);
    expect(await row.getByTestId('coverage-covered').innerText()).toBe(String(expected.covered));
    await page.getByTestId('chart-coverage-chart').waitFor();
    await page.waitForTimeout(500); // the chart's first frame
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboards-coverage.png'), fullPage: true });

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-coverage-png').click()]);
    const image = fs.readFileSync(await png.path());
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    expect(image.length).toBeGreaterThan(2000);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-coverage-xlsx').click()]);
    expect(
      fs
        .readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await page.context().close();
  });
});
