import { COMPLAINT_EVIDENCE_MAX_BYTES } from '@skillcert/shared/api/complaints';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';
import { rawZip, zeroBomb } from './helpers/zip-bombs.ts';

/**
 * Issue 17 parts 4–5 for the public complaint form's evidence uploads (投诉 with up to 3 files): every bad upload —
 * oversize, a zip bomb, a lying type, a path in the name, too many files, not base64, an oversize body — is a clear
 * 4xx and stores nothing (no complaint, no file); a good one is served only to HR over the institution's region,
 * as a download (octet-stream, nosniff), never to another region, another role, the public, or under another complaint.
 * The evidence is not sealed (it holds no identifier the vault protects), so key rotation has nothing to re-seal here;
 * its rows are in the backup's row counts (server/test/backup-restore.test.ts).
 */

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let t: TestApp;
let shInstitution: string;
let address = 0;
beforeAll(async () => {
  t = await makeTestApp();
  const cat = await client(t)('GET', `/api/public/institutions?q=${encodeURIComponent('临港')}`);
  shInstitution = (cat.body.items as { id: string }[])[0]!.id;
});
afterAll(async () => t.close());

/** The public form's post, each from its own address (the public write limit is per address). */
async function lodge(evidence: unknown[], over: Record<string, unknown> = {}) {
  address += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/complaints',
    remoteAddress: `198.51.100.${address}`,
    payload: { institutionId: shInstitution, matter: '考场纪律问题，请核查处理。', name: '王五', contact: '13900002222', evidence, ...over },
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> & { error?: { code: string; message: string } } };
}

const counts = async () =>
  (
    await queryRows<{ c: number; e: number }>(
      t.db,
      sql`select (select count(*)::int from complaints) as c, (select count(*)::int from complaint_evidence) as e`,
    )
  )[0]!;

const file = (filename: string, bytes: Uint8Array) => ({ filename, contentBase64: Buffer.from(bytes).toString('base64') });

describe('bad evidence uploads: a clear 4xx, nothing stored', () => {
  const oversize = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(COMPLAINT_EVIDENCE_MAX_BYTES + 1 - 8, 1)]);
  const cases: [string, () => unknown[], number, string][] = [
    ['a file one byte over 2 MiB', () => [file('photo.png', oversize)], 422, 'COMPLAINT.EVIDENCE_TOO_LARGE'],
    ['a zip bomb named as a photo', () => [file('photo.png', zeroBomb(64))], 422, 'COMPLAINT.EVIDENCE_TYPE'],
    [
      'a ZIP with a path-traversal entry',
      () => [file('evidence.pdf', rawZip([{ name: '../../etc/passwd', method: 0, data: Buffer.from('x'), declaredSize: 1 }]))],
      422,
      'COMPLAINT.EVIDENCE_TYPE',
    ],
    ['HTML claiming to be a PNG', () => [file('photo.png', Buffer.from('<html><script>alert(1)</script></html>'))], 422, 'COMPLAINT.EVIDENCE_TYPE'],
    ['SVG with a script claiming to be a PNG', () => [file('photo.png', Buffer.from('<svg onload="alert(1)"/>'))], 422, 'COMPLAINT.EVIDENCE_TYPE'],
    ['a path in the file name', () => [file('../../etc/passwd.png', PNG)], 400, 'VALIDATION.FAILED'],
    ['a Windows path in the file name', () => [file('..\\..\\boot.png', PNG)], 400, 'VALIDATION.FAILED'],
    ['a control character in the file name', () => [file('photo\r\nX-Injected: 1.png', PNG)], 400, 'VALIDATION.FAILED'],
    ['a dot-dot file name', () => [file('..', PNG)], 400, 'VALIDATION.FAILED'],
    ['four files (at most three)', () => [PNG, PNG, PNG, PNG].map((b, i) => file(`p${i}.png`, b)), 400, 'VALIDATION.FAILED'],
    ['content that is not base64', () => [{ filename: 'photo.png', contentBase64: '%%%% not base64 %%%%' }], 400, 'VALIDATION.FAILED'],
    ['a good file beside a bad one (all or nothing)', () => [file('ok.png', PNG), file('bad.png', Buffer.from('GIF89a'))], 422, 'COMPLAINT.EVIDENCE_TYPE'],
  ];
  for (const [what, evidence, status, code] of cases) {
    it(`${what}: ${status} ${code}`, async () => {
      const before = await counts();
      expectError(await lodge(evidence()), status, code);
      expect(await counts()).toEqual(before);
    });
  }

  it('a body over the route’s 10 MiB: a clear 4xx, nothing stored', async () => {
    const before = await counts();
    const big = Buffer.alloc(11 * 1024 * 1024, 1).toString('base64');
    const res = await lodge([{ filename: 'big.png', contentBase64: big }]);
    // refused before anything is decoded: the body limit (413) or the field's length bound (400), in the one error shape
    expect([400, 413]).toContain(res.status);
    expect(typeof res.body.error?.code).toBe('string');
    expect(typeof res.body.error?.message).toBe('string');
    expect(await counts()).toEqual(before);
  });
});

describe('good evidence: stored by its bytes, served only to HR of the region', () => {
  it('a PNG and a PDF (the PDF named .png is typed by its bytes); HR of the region downloads; nobody else does', async () => {
    const lodged = await lodge([file('现场照片.png', PNG), file('说明.png', PDF)]);
    expect(lodged.status, JSON.stringify(lodged.body)).toBe(201);
    const code = lodged.body.trackingCode as string;
    const hr = client(t, await t.login('sh_hr'));
    const mine = (await hr('GET', '/api/complaints?pageSize=100')).body.items.find((c: { trackingCode: string }) => c.trackingCode === code);
    expect(mine.evidence.map((e: { filename: string; mimeType: string; size: number }) => [e.filename, e.mimeType, e.size])).toEqual([
      ['现场照片.png', 'image/png', PNG.length],
      ['说明.png', 'application/pdf', PDF.length],
    ]);
    const [png, pdf] = mine.evidence as { id: string }[];
    const url = (id: string, evidenceId: string) => `/api/complaints/${id}/evidence/${evidenceId}`;

    const got = await t.app.inject({ method: 'GET', url: url(mine.id, pdf!.id), headers: { cookie: await t.login('sh_hr') } });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    // a download, never rendered by the browser as a page
    expect(got.headers['content-type']).toContain('application/octet-stream');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(String(got.headers['content-disposition'])).toMatch(/^attachment;/);

    // another region's HR: the complaint does not exist for them
    expectError(await client(t, await t.login('qz_hr'))('GET', url(mine.id, png!.id)), 404);
    // other roles: not theirs to read; the institution's own school neither
    expectError(await client(t, await t.login('sh_edu'))('GET', url(mine.id, png!.id)), 403);
    expectError(await client(t, await t.login('lg_school_admin'))('GET', url(mine.id, png!.id)), 403);
    expectError(await client(t, await t.login('sh_supervisor'))('GET', url(mine.id, png!.id)), 403);
    // the public, by id: 401; the tracking page shows progress, never the files or their ids
    expectError(await client(t)('GET', url(mine.id, png!.id)), 401);
    const tracked = await client(t)('GET', `/api/public/complaints/${code}`);
    expect(tracked.status).toBe(200);
    expect(JSON.stringify(tracked.body)).not.toContain(png!.id);
    expect(tracked.body.evidence).toBeUndefined();

    // a file id under another complaint's id: not found
    const other = await lodge([]);
    expect(other.status).toBe(201);
    const otherId = (await hr('GET', '/api/complaints?pageSize=100')).body.items.find(
      (c: { trackingCode: string }) => c.trackingCode === other.body.trackingCode,
    ).id;
    expectError(await hr('GET', url(otherId, png!.id)), 404);
    expectError(await hr('GET', url(mine.id, '00000000-0000-4000-8000-000000000000')), 404);
    expectError(await hr('GET', url(mine.id, 'not-a-uuid')), 400);
  });
});
