import fs from 'node:fs';
import path from 'node:path';
import jsqrModule from 'jsqr';
import { expect, it } from 'vitest';
import { pdfImages } from '../server/src/lib/pdf-inspect.ts';
import { SCREENSHOTS, type SignedIn, useServerAndBrowser, signInByApi } from './harness.ts';

// jsqr is CommonJS: its typed default export is the module, whose `default` is the decoder.
const jsQR = jsqrModule.default;

/**
 * Issue 13 "Done when", in Chromium: the school issues the demo plan's next batch from the certificates screen (progress
 * to done); the PDF of a new certificate is downloaded and its QR code — decoded from the PDF's own image — opens
 * /verify/{number}, which says genuine and valid; after the school revokes it the same page says revoked; a credential
 * with one character of the holder's name changed, pasted into the public home page, is shown as not genuine.
 */

const e2e = useServerAndBrowser();

function loginAs(username: string): Promise<SignedIn> {
  return signInByApi(e2e.browser, e2e.server.baseUrl, username, { acceptDownloads: true }, '/');
}

function decodeQr(pdf: Uint8Array): string | null {
  for (const img of pdfImages(pdf)) {
    const rgba = new Uint8ClampedArray(img.width * img.height * 4);
    for (let i = 0; i < img.width * img.height; i++) {
      if (img.channels >= 3)
        rgba.set([img.data[i * img.channels] ?? 255, img.data[i * img.channels + 1] ?? 255, img.data[i * img.channels + 2] ?? 255, 255], i * 4);
      else {
        const v = img.data[i * img.channels] ?? 255;
        rgba.set([v, v, v, 255], i * 4);
      }
    }
    const found = jsQR(rgba, img.width, img.height)?.data;
    if (found) return found;
  }
  return null;
}

it('a batch is issued; the PDF’s QR opens /verify showing genuine; revoked after revocation; a tampered credential is not genuine', async () => {
  const { context, page } = await loginAs('lg_school_admin');
  await page.getByTestId('menu-certificates').click();
  await page.getByTestId('plan-select').click();
  await page.getByText('已发证演示').first().click();
  await page.getByTestId('batch-panel').waitFor();
  await page.getByTestId('batch-issue').click();
  await page.locator('[data-testid="batch-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
  await expect.poll(async () => page.getByTestId('batch-issued').textContent()).toContain('6 / 6');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'certificates-batch.png'), fullPage: true });

  // The newest certificate of the plan (issued by this batch): its row, its PDF.
  const rows = page.locator('[data-testid="certificates-table"] tbody tr');
  await expect.poll(async () => rows.count()).toBe(6);
  const numbers = (await page.locator('[data-testid="certificates-table"] tbody tr td:first-child').allTextContents()).map((s) => s.trim().slice(0, 22));
  const number = [...numbers].sort().at(-1)!;
  const row = rows.filter({ hasText: number });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('certificate-pdf').click()]);
  const pdf = fs.readFileSync(await download.path());
  const qr = decodeQr(pdf);
  expect(qr).toBeTruthy();
  const target = new URL(qr!);
  expect(target.pathname).toBe(`/verify/${number}`);

  // What the QR opens, on a phone, without a session.
  const phone = await e2e.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
  const verify = await phone.newPage();
  await verify.goto(`${e2e.server.baseUrl}${target.pathname}`);
  await verify.locator('[data-testid="verify-verdict"][data-verdict="valid"]').waitFor();
  await expect.poll(async () => verify.getByTestId('certificate-fields').textContent()).toContain(number);
  await verify.screenshot({ path: path.join(SCREENSHOTS, 'certificates-verify-valid.png'), fullPage: true });

  // The school revokes it; the same page then says revoked.
  await row.getByTestId('certificate-revoke').click();
  await page.getByTestId('revoke-reason').fill('证书信息有误，依规撤销');
  await page.locator('#revoke-ok').click();
  await row.getByTestId('certificate-status').filter({ hasText: '已撤销' }).waitFor();
  await verify.reload();
  await verify.locator('[data-testid="verify-verdict"][data-verdict="revoked"]').waitFor();
  await verify.screenshot({ path: path.join(SCREENSHOTS, 'certificates-verify-revoked.png'), fullPage: true });

  // A valid demo certificate's credential with one character of the name changed: pasted on the public home page.
  const valid = numbers.filter((n) => n !== number).sort()[0]!;
  const res = await fetch(`${e2e.server.baseUrl}/api/public/certificates/${valid}/credential`);
  const vc = (await res.json()) as { credentialSubject: { holderName: string } };
  const name = [...vc.credentialSubject.holderName];
  name[name.length - 1] = name.at(-1) === '甲' ? '乙' : '甲';
  vc.credentialSubject.holderName = name.join('');
  await verify.goto(`${e2e.server.baseUrl}/`);
  await verify.getByTestId('public-home-title').waitFor();
  await verify.getByTestId('paste-credential').fill(JSON.stringify(vc));
  await verify.getByTestId('paste-check').click();
  await verify.locator('[data-testid="paste-result"][data-valid="false"]').waitFor();
  await verify.screenshot({ path: path.join(SCREENSHOTS, 'certificates-tampered.png'), fullPage: true });
  await phone.close();
  await context.close();
});
