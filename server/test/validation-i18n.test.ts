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
beforeAll(async () => {
  t = await makeTestApp();
  hr = await t.login(ROLE_ACCOUNT.hr);
  school = await t.login(ROLE_ACCOUNT.school_admin);
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
  it('an upload that is not base64', async () => {
    const body = { filename: 'a.pdf', mimeType: 'application/pdf', contentBase64: '%%%% not base64 %%%%' };
    expect(await issuesOf(school, 'POST', '/api/attachments', ZH, body)).toEqual({ 'body.contentBase64': '文件内容不是有效的 Base64 编码' });
    expect(await issuesOf(school, 'POST', '/api/attachments', EN, body)).toEqual({ 'body.contentBase64': 'not base64' });
  });
});
