import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from './helpers/api.ts';
import { makeTestApp, ROLE_ACCOUNT, type TestApp } from './helpers/test-app.ts';

/**
 * Our own validation messages (a schema's custom message, a field issue a service reports) reach the user in the
 * request's language — zh-CN when it asks for Chinese or names no language, en-US when it asks for English — in the
 * one error shape (`details.issues[{ path, message }]`).
 */
let t: TestApp;
let hr: string;
let school: string;
let admin: string;
beforeAll(async () => {
  t = await makeTestApp();
  hr = await t.login(ROLE_ACCOUNT.hr);
  school = await t.login(ROLE_ACCOUNT.school_admin);
  admin = await t.login(ROLE_ACCOUNT.admin);
});
afterAll(async () => {
  await t?.close();
});

const ZH = { 'accept-language': 'zh-CN,zh;q=0.9' };
const EN = { 'accept-language': 'en-US,en;q=0.9' };

/** The 400 VALIDATION.FAILED answer's issues, as `path: message`. */
async function issuesOf(cookie: string | undefined, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown) {
  const res = await client(t, cookie)(method, url, body, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION.FAILED');
  const issues = res.body.error.details.issues as { path: string; message: string }[];
  for (const i of issues) expect(Object.keys(i).sort()).toEqual(['message', 'path']);
  return Object.fromEntries(issues.map((i) => [i.path, i.message]));
}

describe('a schema’s own messages in the request’s language', () => {
  it('a month out of range (a regex message) and an inverted period (a cross-field message)', async () => {
    const url = '/api/statistics/certificates?from=1999-13';
    expect(await issuesOf(hr, 'GET', url, ZH)).toEqual({ 'querystring.from': '年月格式应为 YYYY-MM，在 2000-01 至 2099-12 之间' });
    expect(await issuesOf(hr, 'GET', url, EN)).toEqual({ 'querystring.from': 'YYYY-MM between 2000-01 and 2099-12' });
    // No Accept-Language at all: zh-CN, the platform's language.
    expect(await issuesOf(hr, 'GET', url, {})).toEqual({ 'querystring.from': '年月格式应为 YYYY-MM，在 2000-01 至 2099-12 之间' });

    const inverted = '/api/statistics/certificates?from=2024-05&to=2024-01';
    expect(await issuesOf(hr, 'GET', inverted, ZH)).toEqual({ 'querystring.to': '结束月份不能早于开始月份' });
    expect(await issuesOf(hr, 'GET', inverted, EN)).toEqual({ 'querystring.to': 'the end of the period is before its start' });
  });

  it('a message with a value in it: the longest period names its months in both languages', async () => {
    const url = '/api/statistics/certificates?from=2000-01&to=2020-01';
    expect(await issuesOf(hr, 'GET', url, ZH)).toEqual({ 'querystring.to': '统计期间最长 120 个月' });
    expect(await issuesOf(hr, 'GET', url, EN)).toEqual({ 'querystring.to': 'a period of at most 120 months' });
  });

  it('a public page’s parameter, asked for without signing in: a certificate number', async () => {
    const url = '/api/public/certificates/S12345';
    expect(await issuesOf(undefined, 'GET', url, ZH)).toEqual({ 'params.number': '证书编号应为 22 位：S 或 Y 加 21 位数字' });
    expect(await issuesOf(undefined, 'GET', url, EN)).toEqual({ 'params.number': 'a 22-character certificate number (S or Y and 21 digits)' });
  });

  it('zod’s own messages stay localized beside ours, and an unknown field is named in the language', async () => {
    const url = '/api/statistics/certificates?from=2024-01&level=9&colour=red';
    const zh = await issuesOf(hr, 'GET', url, ZH);
    expect(zh['querystring.colour']).toBe('未知字段');
    expect(zh['querystring.level']).toMatch(/[\u4e00-\u9fff]/);
    const en = await issuesOf(hr, 'GET', url, EN);
    expect(en['querystring.colour']).toBe('unknown field');
    expect(en['querystring.level']).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('a field issue a service reports, in the request’s language', () => {
  it('a body that is not JSON, and a NUL in a field (the checks before any route)', async () => {
    for (const [headers, json, nul] of [
      [ZH, '请求体不是合法的 JSON', '不能包含空字符（\\u0000）或残缺的 Unicode 字符'],
      [EN, 'the body is not valid JSON', 'must not contain NUL (\\u0000) or broken Unicode (lone surrogates)'],
    ] as const) {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: '{"username":',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'REQUEST.BAD_JSON', details: { issues: [{ path: 'body', message: json }] } });
      const login = await client(t)('POST', '/api/auth/login', { username: 'admin\u0000', password: 'x' }, headers);
      expect(login.status).toBe(400);
      expect(login.body.error.details.issues).toEqual([{ path: 'body.username', message: nul }]);
    }
  });

  it('an upload that is not base64', async () => {
    const body = { filename: 'a.pdf', mimeType: 'application/pdf', contentBase64: '%%%% not base64 %%%%' };
    expect(await issuesOf(school, 'POST', '/api/attachments', ZH, body)).toEqual({ 'body.contentBase64': '文件内容不是有效的 Base64 编码' });
    expect(await issuesOf(school, 'POST', '/api/attachments', EN, body)).toEqual({ 'body.contentBase64': 'not base64' });
  });
});

describe('the field issue beside a coded refusal, in the request’s language', () => {
  it('a code that exists already: the refusal’s message and its field issue both in the language', async () => {
    const body = { code: '6-31-01-03', name: '电工', levels: [5, 4, 3] };
    const zh = await client(t, admin)('POST', '/api/occupations', body, ZH);
    expect(zh.status).toBe(409);
    expect(zh.body.error).toMatchObject({
      code: 'OCCUPATION.CODE_TAKEN',
      message: '该职业编码已存在',
      details: { issues: [{ path: 'body.code', message: '已存在' }] },
    });
    const en = await client(t, admin)('POST', '/api/occupations', body, EN);
    expect(en.body.error.details.issues).toEqual([{ path: 'body.code', message: 'exists' }]);
  });

  it('a malformed credit code: its problem in the language (nothing stored)', async () => {
    const body = { kind: 'school', name: '校验测试学校', regionCode: '310112', schoolType: 'technical', creditCode: '91310112MA1GO00000' };
    const zh = await client(t, hr)('POST', '/api/organisations', body, ZH);
    expect(zh.status).toBe(422);
    expect(zh.body.error.code).toBe('ORG.CREDIT_CODE_FORMAT');
    expect(zh.body.error.details.issues).toEqual([{ path: 'body.creditCode', message: '含有不允许的字符（不能用 I、O、S、V、Z）' }]);
    const en = await client(t, hr)('POST', '/api/organisations', body, EN);
    expect(en.body.error.details.issues).toEqual([{ path: 'body.creditCode', message: 'a character not used in the code (never I, O, S, V or Z)' }]);
  });
});

describe('an importer’s row errors in the request’s language', () => {
  it('the occupation import: a schema message, a duplicate row and a rename, each on its row and column', async () => {
    const template = await t.app.inject({ method: 'GET', url: '/api/occupations/template.xlsx', headers: { cookie: admin } });
    /** The template with these rows under its header: the file (base64) and the first row's number. */
    const sheetWith = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const firstRow = ws.rowCount + 1;
      for (const r of rows) ws.addRow(r);
      return { file: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), firstRow };
    };
    const { file: contentBase64, firstRow: first } = await sheetWith([
      ['4-99-98-01', '测试职业丙', '', '5,4', '', '', ''],
      ['4-99-98-01', '测试职业丙', '', '5,4', '', '', ''],
      ['4-99-9', '测试职业丁', '', '5', '', '', ''],
    ]);
    const errorsIn = async (headers: Record<string, string>) => {
      const res = await client(t, admin)('POST', '/api/occupations/import', { contentBase64 }, headers);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.imported).toBe(0);
      return Object.fromEntries((res.body.errors as { row: number; column: string; message: string }[]).map((e) => [`${e.row}${e.column}`, e.message]));
    };
    expect(await errorsIn(ZH)).toEqual({ [`${first + 1}A`]: `与第 ${first} 行重复`, [`${first + 2}A`]: '职业编码格式应如 6-31-01-03' });
    expect(await errorsIn(EN)).toEqual({ [`${first + 1}A`]: `duplicate of row ${first}`, [`${first + 2}A`]: 'a code like 6-31-01-03' });

    // A known code under another name (the template's own example row is 电工, 6-31-01-03): refused by the catalog's rule.
    const { file: rename } = await sheetWith([['6-31-07-03', '机器人操作工', '', '4,3', '', '', '']]);
    const zh = await client(t, admin)('POST', '/api/occupations/import', { contentBase64: rename }, ZH);
    expect(zh.body.errors).toEqual([{ row: first, column: 'B', message: '编码 6-31-07-03 属于“工业机器人系统操作员”，导入不能改名' }]);
    const en = await client(t, admin)('POST', '/api/occupations/import', { contentBase64: rename }, EN);
    expect(en.body.errors).toEqual([{ row: first, column: 'B', message: 'code 6-31-07-03 belongs to 工业机器人系统操作员; an import may not rename it' }]);
  });
});
