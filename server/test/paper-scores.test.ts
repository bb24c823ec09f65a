import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError, makeReviewer, makeSchool, reviewDrafts } from './helpers/api.ts';
import { ELECTRICIAN_BLUEPRINT, fillTemplate, generateBankRows } from './helpers/bank-workbook.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * 成绩录入 from Excel: a school downloads a paper's scores sheet, fills in a sitting held outside the platform and
 * uploads it; every candidate is recorded (and item statistics recomputed) or none, with a per-cell report.
 */

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

interface PaperItem {
  itemId: string;
  points: number;
}
interface Paper {
  id: string;
  name: string;
  variant: string;
  items: PaperItem[];
}

/** A school with its 电工 四级 blueprint, a reviewed 500-item bank, and two assembled papers (variants A and B). */
async function makeSchoolWithPapers() {
  const school = await makeSchool(t);
  const cookie = await t.login(school.username);
  const admin = client(t, cookie);
  const bp = await admin('POST', '/api/blueprints', ELECTRICIAN_BLUEPRINT);
  expect(bp.status, JSON.stringify(bp.body)).toBe(201);
  const template = await fetchFile(cookie, '/api/items/template.xlsx');
  const bank = await fillTemplate(template.body, generateBankRows(500, 5));
  expect((await admin('POST', '/api/items/import', { contentBase64: bank.toString('base64') })).body.created).toBe(500);
  expect(await reviewDrafts(await makeReviewer(t, school), bp.body.id)).toBe(500);
  const sections = [
    { type: 'judge', count: 20, points: 1 },
    { type: 'single', count: 60, points: 1 },
    { type: 'multiple', count: 10, points: 2 },
  ];
  const assembled = await admin('POST', '/api/papers/assemble', { blueprintId: bp.body.id, name: '电工四级理论', sections, variants: 2, seed: 'scores' });
  expect(assembled.status, JSON.stringify(assembled.body)).toBe(201);
  const [a, b] = assembled.body.papers as Paper[];
  return { ...school, cookie, admin, a: a!, b: b! };
}

/** Raw download with a session cookie (the JSON client does not keep binary bodies). */
async function fetchFile(cookie: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, body: res.rawPayload, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition']) };
}

/** The downloaded scores sheet with candidate rows from row 3 (the header, then the hidden id row). */
async function fillScores(template: Buffer, rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  rows.forEach((values, i) => {
    const row = ws.getRow(3 + i);
    values.forEach((v, c) => (row.getCell(c + 1).value = v));
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * 30 candidates of rising ability: everyone gets the first item right (too easy); the second is right for the
 * stronger half; the rest follow ability.
 */
function sitting(paper: Paper): (string | number)[][] {
  const [easy, good] = paper.items;
  return Array.from({ length: 30 }, (_, c) => [
    `2026${String(c).padStart(4, '0')}`,
    ...paper.items.map((i, k) =>
      i.itemId === easy!.itemId ? i.points : i.itemId === good!.itemId ? (c >= 15 ? i.points : 0) : (k + c) % 30 < c ? i.points : 0,
    ),
  ]);
}

const statsOf = async (call: ReturnType<typeof client>, itemId: string) => (await call('GET', `/api/items/${itemId}`)).body.stats;

describe('a paper’s scores from Excel', () => {
  let s: Awaited<ReturnType<typeof makeSchoolWithPapers>>;
  let template: Buffer;
  beforeAll(async () => {
    s = await makeSchoolWithPapers();
  });

  it('downloads the scores sheet of the paper: a column per item in paper order, named for the paper', async () => {
    const res = await fetchFile(s.cookie, `/api/papers/${s.a.id}/scores-template.xlsx`);
    expect(res.status, res.body.toString().slice(0, 300)).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    expect(res.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`电工四级理论-${s.a.variant}-成绩.xlsx`)}`);
    template = res.body;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('成绩 scores');
    const header = ws.getRow(1).values as unknown[];
    expect(header[1]).toBe('考生 candidate');
    expect(header.slice(2)).toEqual(s.a.items.map((i, n) => `第${n + 1}题 (${i.points}分)`));
    expect((ws.getRow(2).values as unknown[]).slice(2)).toEqual(s.a.items.map((i) => i.itemId));
    expect(ws.getRow(2).hidden).toBe(true);
  });

  it('a sheet with errors records nothing and reports each cell, with the workbook annotated', async () => {
    const rows = sitting(s.a);
    rows[1]![3] = 5; // row 4, column D: above the item's points
    rows[4]![0] = rows[2]![0]!; // row 7 repeats row 5's candidate
    rows[6]![2] = '满分'; // row 9, column C: not a number
    const file = await fillScores(template, rows);
    const res = await s.admin('POST', `/api/papers/${s.a.id}/scores/import`, { filename: 'scores.xlsx', contentBase64: file.toString('base64') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ stored: false, candidates: 0, itemsUpdated: 0, flagged: 0 });
    expect(res.body.errors).toEqual([
      { row: 4, column: 'D', message: `成绩 5 分超过本题满分 ${s.a.items[2]!.points} 分` },
      { row: 7, column: 'A', message: `考生“${rows[2]![0]}”与第 5 行重复` },
      { row: 9, column: 'C', message: '成绩“满分”不是数字' },
    ]);
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(Buffer.from(res.body.annotatedWorkbookBase64, 'base64') as unknown as ArrayBuffer);
    expect(String(annotated.worksheets[0]!.getCell('D4').note)).toContain('超过本题满分');
    // nothing recorded
    for (const item of s.a.items.slice(0, 3)) expect((await statsOf(s.admin, item.itemId)).responses).toBe(0);
    // in the request's language
    const en = await s.admin(
      'POST',
      `/api/papers/${s.a.id}/scores/import`,
      { contentBase64: file.toString('base64') },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.body.errors[2]).toEqual({ row: 9, column: 'C', message: 'score "满分" is not a number' });
  });

  it('the sheet of another paper is refused: its ids do not match', async () => {
    const file = await fillScores(template, sitting(s.a));
    const res = await s.admin('POST', `/api/papers/${s.b.id}/scores/import`, { contentBase64: file.toString('base64') });
    expect(res.body.stored).toBe(false);
    expect(res.body.errors).toEqual([{ row: 1, column: 'A', message: expect.stringContaining(s.a.id) }]);
    expect((await statsOf(s.admin, s.a.items[0]!.itemId)).responses).toBe(0);
  });

  it('a filled sheet records every candidate: item statistics from the responses, the too-easy item flagged; the same file again changes nothing', async () => {
    const file = await fillScores(template, sitting(s.a));
    const res = await s.admin('POST', `/api/papers/${s.a.id}/scores/import`, { filename: 'scores.xlsx', contentBase64: file.toString('base64') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ stored: true, candidates: 30, itemsUpdated: s.a.items.length, errors: [], annotatedWorkbookBase64: null });
    expect(res.body.flagged).toBeGreaterThanOrEqual(1);
    const [easy, good] = s.a.items;
    const e = await statsOf(s.admin, easy!.itemId);
    expect(e).toMatchObject({ responses: 30, pValue: 1, flagged: true });
    expect(e.flagReasons).toContain('too_easy');
    const g = await statsOf(s.admin, good!.itemId);
    expect(g).toMatchObject({ responses: 30, pValue: 0.5, flagged: false });
    expect(g.discrimination).toBeGreaterThan(0.5);

    const again = await s.admin('POST', `/api/papers/${s.a.id}/scores/import`, { filename: 'scores.xlsx', contentBase64: file.toString('base64') });
    expect(again.body).toMatchObject({ stored: true, candidates: 30, flagged: res.body.flagged });
    expect(await statsOf(s.admin, easy!.itemId)).toMatchObject({ responses: 30, pValue: 1, discrimination: e.discrimination });
    expect(await statsOf(s.admin, good!.itemId)).toMatchObject({ responses: 30, pValue: 0.5, discrimination: g.discrimination });
  });

  it('another school’s paper is missing; a bureau may read the paper but not record its scores', async () => {
    const other = client(t, await t.login((await makeSchool(t)).username));
    expectError(await other('GET', `/api/papers/${s.a.id}/scores-template.xlsx`), 404);
    expectError(await other('POST', `/api/papers/${s.a.id}/scores/import`, { contentBase64: 'AAAA' }), 404);
    const hr = client(t, await t.login('sh_hr'));
    expect((await hr('GET', `/api/papers/${s.a.id}`)).status).toBe(200);
    expectError(await hr('POST', `/api/papers/${s.a.id}/scores/import`, { contentBase64: 'AAAA' }), 403);
  });
});
