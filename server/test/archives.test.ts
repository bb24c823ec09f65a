import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, makeSchool } from './helpers/api.ts';
import { ELECTRICIAN_BLUEPRINT } from './helpers/bank-workbook.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';
import { rawZip, zeroBomb } from './helpers/zip-bombs.ts';

// Issue 8.3: every archive the platform reads goes through one reader that counts the bytes that really come out.
// A 1 MB upload whose headers declare a few KB but which inflates to 1 GB must be refused quickly, without the
// server's memory growing by the gigabyte (before, exceljs inflated it all: 0.5 GB → 2.6 GB, 13–26 s per upload).

let t: TestApp;
const MIB = 1024 * 1024;

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

/** Runs one upload, sampling the process's resident memory while it is served; returns the response and the peak growth. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; grewMiB: number; ms: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  const result = await run();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, grewMiB: (peak - base) / MIB, ms };
}

describe('uploaded archives inflate only as far as they really are (issue 8.3)', () => {
  const bombXlsx = Buffer.from(rawZip([{ name: 'xl/worksheets/sheet1.xml', method: 8, data: zeroBomb(1024), declaredSize: 4096 }]));

  it('a 1 MB workbook that inflates to 1 GB is refused at once, naming the limit, memory growing < 256 MiB (not the 1 GB it would inflate to)', async () => {
    expect(bombXlsx.length).toBeLessThan(1.5 * MIB);
    const school = await makeSchool(t);
    const admin = client(t, await t.login(school.username));
    expect((await admin('POST', '/api/blueprints', ELECTRICIAN_BLUEPRINT)).status).toBe(201);
    const contentBase64 = bombXlsx.toString('base64');
    const { result: res, grewMiB, ms } = await measured(() => admin('POST', '/api/items/import', { filename: 'bank.xlsx', contentBase64 }));
    expect(res.status).toBeLessThan(500);
    expect(res.body.stored).toBe(false);
    expect(res.body.errors[0].message).toContain('300:1');
    // The bomb inflates to 1 GB; 256 MiB leaves room for a loaded machine's allocator (two test files run at once) and
    // still fails by a factor of four if the archive were inflated.
    expect(grewMiB).toBeLessThan(256);
    // Generous for a shared 2-core machine with two test files at once; before the fix this took 13–26 s.
    expect(ms).toBeLessThan(5000);
  });

  it('a QTI package whose item inflates to 1 GB is refused the same way', async () => {
    const school = await makeSchool(t);
    const admin = client(t, await t.login(school.username));
    const pkg = rawZip([
      { name: 'imsmanifest.xml', method: 0, data: new TextEncoder().encode('<manifest/>'), declaredSize: 11 },
      { name: 'items/i1.xml', method: 8, data: zeroBomb(1024), declaredSize: 4096 },
    ]);
    const { result: res, grewMiB } = await measured(() =>
      admin('POST', '/api/qti/import', { filename: 'pkg.zip', contentBase64: Buffer.from(pkg).toString('base64') }, { 'accept-language': 'en-US' }),
    );
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toContain('compression ratio above 300:1');
    // The bomb inflates to 1 GB; 256 MiB leaves room for a loaded machine's allocator (two test files run at once) and
    // still fails by a factor of four if the archive were inflated.
    expect(grewMiB).toBeLessThan(256);
  });
});
