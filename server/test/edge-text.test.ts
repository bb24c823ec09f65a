import { ROLES } from '@skillcert/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, ROLE_ACCOUNT, type TestApp } from './helpers/test-app.ts';

/**
 * NUL and lone surrogates are refused at the edge with a 400 naming the field — on every route the app serves,
 * whichever way they come in: query string, path parameter, header, cookie, JSON body at any depth (value or key).
 */
const ACCOUNTS = ROLE_ACCOUNT;

let t: TestApp;
const cookies: string[] = [];
beforeAll(async () => {
  t = await makeTestApp();
  for (const role of ROLES) cookies.push(await t.login(ACCOUNTS[role]));
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Sent {
  status: number;
  code?: string;
  paths: string[];
}

async function send(method: Method, url: string, headers: Record<string, string>, payload?: string): Promise<Sent> {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(payload === undefined ? {} : { payload }),
  });
  const body = res.headers['content-type']?.toString().includes('json')
    ? (res.json() as { error?: { code: string; details?: { issues?: { path: string }[] } } })
    : {};
  return { status: res.statusCode, code: body.error?.code, paths: body.error?.details?.issues?.map((i) => i.path) ?? [] };
}

/** Sends as anonymous, then as each role, until access control lets the request through; returns that answer. */
async function sendPastAccess(method: Method, url: string, payload?: string): Promise<Sent> {
  let last: Sent = { status: 0, paths: [] };
  for (const cookie of [undefined, ...cookies]) {
    last = await send(method, url, cookie ? { cookie } : {}, payload);
    if (last.status !== 401 && last.status !== 403) return last;
  }
  return last;
}

const routes = () => [...new Map(t.routes.map((r) => [`${r.method} ${r.url}`, r])).values()];
const filled = (url: string, bad?: string) =>
  url.replace(/:(\w+)|\*/g, (m, name: string | undefined) =>
    (bad && name === bad) || (bad === '*' && m === '*') ? '%00' : name === 'code' ? '310000' : m === '*' ? 'index.css' : '00000000-0000-4000-8000-000000000000',
  );

describe('NUL and lone surrogates are a 400 naming the field, on every route', () => {
  it('in the query string', async () => {
    const failures: string[] = [];
    for (const r of routes()) {
      const res = await send(r.method as Method, `${filled(r.url)}?q=a%00b`, {});
      if (res.status !== 400 || res.code !== 'VALIDATION.FAILED' || res.paths[0] !== 'querystring.q')
        failures.push(`${r.method} ${r.url} → ${res.status} ${res.paths}`);
    }
    expect(failures).toEqual([]);
  });

  it('in each path parameter', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of routes()) {
      const names = [...r.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
      for (const name of names) {
        checked++;
        const res = await send(r.method as Method, filled(r.url, name), {});
        if (res.status !== 400 || res.paths[0] !== `params.${name}`) failures.push(`${r.method} ${r.url} :${name} → ${res.status} ${res.paths}`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  });

  it('a path that is not valid percent-encoded UTF-8 (an encoded lone surrogate, an overlong dot) in each path parameter: a 400 in the one error shape', async () => {
    const failures: string[] = [];
    for (const r of routes()) {
      for (const [i, name] of [...r.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*').entries()) {
        const bad = i % 2 ? '%C0%AE' : '%ED%A0%80';
        const res = await send(r.method as Method, filled(r.url, name).replace('%00', bad), {});
        if (res.status !== 400 || res.code !== 'REQUEST.INVALID' || res.paths[0] !== 'url')
          failures.push(`${r.method} ${r.url} :${name} → ${res.status} ${res.code}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('in a header the app reads and in the session cookie', async () => {
    const failures: string[] = [];
    for (const r of routes()) {
      const url = filled(r.url);
      const cookie = await send(r.method as Method, url, { cookie: 'skillcert_session=abc%00def' });
      if (cookie.status !== 400 || cookie.paths[0] !== 'cookies.skillcert_session')
        failures.push(`${r.method} ${r.url} cookie → ${cookie.status} ${cookie.paths}`);
      const lang = await send(r.method as Method, url, { 'accept-language': 'zh-CN\u0000' });
      if (lang.status !== 400 || lang.paths[0] !== 'headers.accept-language')
        failures.push(`${r.method} ${r.url} accept-language → ${lang.status} ${lang.paths}`);
    }
    expect(failures).toEqual([]);
  });

  it('in a JSON body, at any depth, as a value or as a key', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of routes().filter((r) => r.method !== 'GET')) {
      checked++;
      const url = filled(r.url);
      const nul = await sendPastAccess(r.method as Method, url, '{"username":"x","note":{"lines":["ok","bad\\u0000"]}}');
      if (nul.status !== 400 || nul.paths[0] !== 'body.note.lines.1') failures.push(`${r.method} ${r.url} NUL → ${nul.status} ${nul.paths}`);
      const lone = await sendPastAccess(r.method as Method, url, '{"name":"\\ud800 half an emoji"}');
      if (lone.status !== 400 || lone.paths[0] !== 'body.name') failures.push(`${r.method} ${r.url} lone surrogate → ${lone.status} ${lone.paths}`);
      const key = await sendPastAccess(r.method as Method, url, '{"\\udc00":1}');
      if (key.status !== 400 || key.paths[0] !== 'body.\\udc00') failures.push(`${r.method} ${r.url} key → ${key.status} ${key.paths}`);
    }
    expect(checked).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  });

  it('login and the public catalog answer 400 (not 500) for NUL in their real fields, in the user’s language', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US' },
      payload: { username: 'admin\u0000', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.details.issues).toEqual([{ path: 'body.username', message: expect.stringContaining('NUL') }]);
    const catalog = await t.app.inject({ method: 'GET', url: '/api/public/institutions?q=%00' });
    expect(catalog.statusCode).toBe(400);
    expect(catalog.json().error.details.issues[0].path).toBe('querystring.q');
    // sound text still works, emoji included
    const ok = await t.app.inject({ method: 'GET', url: `/api/public/institutions?q=${encodeURIComponent('学院😀')}` });
    expect(ok.statusCode).toBe(200);
  });
});
