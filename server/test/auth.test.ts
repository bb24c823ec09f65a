import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { queryRows } from '../src/db/client.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { client, expectError, rowCount } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('login, session, logout', () => {
  it('logs in with a HttpOnly SameSite session cookie and returns the user with role and organisation', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sh_hr', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'skillcert_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({ username: 'sh_hr', role: 'hr', organisation: { kind: 'hr_bureau', regionCode: '310000' } });

    const me = await client(t, `skillcert_session=${cookie?.value}`)('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'sh_hr', role: 'hr', organisation: { name: '上海市人力资源和社会保障局' } });
    expect(me.body.permissions).toContain('org.read');
  });

  it('usernames are case-insensitive', async () => {
    const res = await client(t)('POST', '/api/auth/login', { username: 'SH_EDU', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('a wrong password and an unknown user get the same 401, naming neither part', async () => {
    const a = await client(t)('POST', '/api/auth/login', { username: 'sh_edu', password: 'wrong-password1' });
    const b = await client(t)('POST', '/api/auth/login', { username: 'nobody_here', password: 'wrong-password1' });
    expectError(a, 401, 'AUTH.INVALID_CREDENTIALS');
    expectError(b, 401, 'AUTH.INVALID_CREDENTIALS');
    expect(a.body.error.message).toBe(b.body.error.message);
  });

  it('logout ends the session', async () => {
    const cookie = await t.login('sh_edu');
    const call = client(t, cookie);
    expect((await call('POST', '/api/auth/logout')).status).toBe(204);
    expectError(await call('GET', '/api/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
  });

  it('a forged cookie is no session', async () => {
    expectError(await client(t, 'skillcert_session=forged')('GET', '/api/auth/me'), 401);
  });
});

/** A login from a given client address. */
async function loginFrom(app: TestApp['app'], remoteAddress: string, username: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
  return { status: res.statusCode, body: res.json(), retryAfter: Number(res.headers['retry-after']) };
}

describe('login throttling: per (username, address) and per address, growing delays, no lockout by strangers', () => {
  it("a stranger's wrong passwords delay only that stranger: the right password from the user's own address still works", async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom(t.app, '203.0.113.66', 'fj_edu', `bad-${i}-guess`)).status).toBe(401);
    const blocked = await loginFrom(t.app, '203.0.113.66', 'fj_edu', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('AUTH.THROTTLED');
    expect(blocked.retryAfter).toBeGreaterThan(0);
    expect(blocked.retryAfter).toBeLessThanOrEqual(30);
    expect((await loginFrom(t.app, '198.51.100.7', 'fj_edu', DEMO_PASSWORD)).status).toBe(200);
    // other accounts from the stranger's address are unaffected by this pair
    expect((await loginFrom(t.app, '203.0.113.66', 'qz_edu', DEMO_PASSWORD)).status).toBe(200);
  });

  it('check and record are one step: of 40 parallel guesses exactly 5 are checked, the rest refused', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => loginFrom(t.app, '203.0.113.40', 'qz_hr', `parallel-${i}-x`)));
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(35);
  });

  it('one address guessing many usernames is delayed after 50 tries, even for a right password; other addresses are not', async () => {
    for (let i = 0; i < 50; i++) expect((await loginFrom(t.app, '203.0.113.50', `nobody_${i}`, 'whatever-1234')).status).toBe(401);
    expect((await loginFrom(t.app, '203.0.113.50', 'sh_supervisor', DEMO_PASSWORD)).status).toBe(429);
    expect((await loginFrom(t.app, '198.51.100.50', 'sh_supervisor', DEMO_PASSWORD)).status).toBe(200);
  });

  it('the state is in the database: another server process on the same database refuses the same pair', async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom(t.app, '203.0.113.77', 'pd_hr', `bad-${i}-guess`)).status).toBe(401);
    const config = { ...loadConfig({}, []), logLevel: 'silent' };
    const other = await buildApp({ db: t.db, dbKind: t.dbKind, config, identity: t.identity }, false);
    try {
      expect((await loginFrom(other.app, '203.0.113.77', 'pd_hr', DEMO_PASSWORD)).status).toBe(429);
      expect((await loginFrom(other.app, '198.51.100.77', 'pd_hr', DEMO_PASSWORD)).status).toBe(200);
    } finally {
      await other.app.close();
    }
  });

  it('change-password guesses of the current password are throttled the same way', async () => {
    const cookie = await t.login('sh_sec_admin');
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        remoteAddress: '203.0.113.88',
        headers: { cookie },
        payload: { currentPassword, newPassword: 'Brand-new-key-61' },
      });
    for (let i = 0; i < 5; i++) expect((await change(`guess-${i}-pw`)).statusCode).toBe(422);
    const blocked = await change(DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('AUTH.THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('password change', () => {
  it('checks the current password, ends other sessions, keeps this one', async () => {
    const first = await t.login('qz_edu');
    const second = await t.login('qz_edu');
    const call = client(t, first);
    expectError(await call('POST', '/api/auth/password', { currentPassword: 'nope-123', newPassword: 'Fresh-Key-2026x' }), 422, 'AUTH.WRONG_PASSWORD');
    expectError(await call('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short1' }), 400, 'VALIDATION.FAILED');
    expect((await call('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Fresh-Key-2026x' })).status).toBe(204);
    expect((await call('GET', '/api/auth/me')).status).toBe(200);
    expectError(await client(t, second)('GET', '/api/auth/me'), 401);
    expectError(await client(t)('POST', '/api/auth/login', { username: 'qz_edu', password: DEMO_PASSWORD }), 401);
    expect((await client(t)('POST', '/api/auth/login', { username: 'qz_edu', password: 'Fresh-Key-2026x' })).status).toBe(200);
  });
});

describe('passwords', () => {
  it('mustChangePassword is enforced by the server: only auth.* until the password is changed', async () => {
    const admin = client(t, await t.login('admin'));
    const school = (await admin('GET', `/api/organisations?q=${encodeURIComponent('上海浦江')}`)).body.items[0].id;
    expect(
      (await admin('POST', '/api/users', { username: 'pj_newstaff', displayName: '新教师', role: 'school_staff', orgId: school, password: 'Initial-Key-4821' }))
        .status,
    ).toBe(201);
    const call = client(t, await t.login('pj_newstaff', 'Initial-Key-4821'));
    expect((await call('GET', '/api/auth/me')).body.mustChangePassword).toBe(true);
    expectError(await call('GET', '/api/items'), 403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    expectError(await call('POST', '/api/filings', {}), 403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    expect((await call('POST', '/api/auth/password', { currentPassword: 'Initial-Key-4821', newPassword: 'Own-choice-7319' })).status).toBe(204);
    expect((await call('GET', '/api/items')).status).toBe(200);
    expect((await call('GET', '/api/auth/me')).body.mustChangePassword).toBe(false);
  });

  it('a new password has 10+ characters, does not contain the username and is not a common password — on create, reset and change', async () => {
    const admin = client(t, await t.login('admin'));
    const school = (await admin('GET', `/api/organisations?q=${encodeURIComponent('上海浦江')}`)).body.items[0].id;
    const create = (username: string, password: string) =>
      admin('POST', '/api/users', { username, displayName: 'x', role: 'school_staff', orgId: school, password });
    expectError(await create('pj_short', 'Abc-12345'), 400, 'VALIDATION.FAILED');
    expectError(await create('pj_named', 'pj_named-2026x'), 422, 'PASSWORD.CONTAINS_USERNAME');
    expectError(await create('pj_common', 'Password2026!'), 422, 'PASSWORD.COMMON');
    const common = await create('pj_common', 'qwertyuiop1');
    expectError(common, 422, 'PASSWORD.COMMON');
    expect(common.body.error.details.issues[0].path).toBe('body.password');
    const ok = await create('pj_good', 'Tea-garden-58');
    expect(ok.status).toBe(201);
    expectError(await admin('POST', `/api/users/${ok.body.id}/reset-password`, { password: '1q2w3e4r5t6y' }), 422, 'PASSWORD.COMMON');
    const self = client(t, await t.login('sh_edu'));
    const weak = await self('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'SH_EDU-2026x' });
    expectError(weak, 422, 'PASSWORD.CONTAINS_USERNAME');
    expect(weak.body.error.details.issues[0].path).toBe('body.newPassword');
    expect(weak.body.error.message).toBe('密码不能包含用户名');
  });

  it('demo accounts have individual salts: no two password hashes are equal', async () => {
    // Candidate accounts awaiting activation hold no password at all (a marker no hash can equal); the rest must differ.
    const rows = await queryRows<{ n: number; distinct: number }>(
      t.db,
      sql`select count(*)::int as n, count(distinct password_hash)::int as distinct from users where password_hash <> '!activation-pending'`,
    );
    expect(rows[0]!.n).toBeGreaterThan(10);
    expect(rows[0]!.distinct).toBe(rows[0]!.n);
  });
});

describe('bad input gets a clear answer and writes nothing', () => {
  it('malformed JSON, wrong types, unknown fields and oversize bodies are 400 with field paths; nothing written', async () => {
    const cookie = await t.login('admin');
    const before = { audit: await rowCount(t, 'audit_log'), orgs: await rowCount(t, 'organisations') };
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expectError({ status: raw.statusCode, body: raw.json() }, 400, 'REQUEST.BAD_JSON');

    const call = client(t, cookie);
    const wrongType = await call('POST', '/api/organisations', { kind: 'school', name: 42, regionCode: '310115', schoolType: 'higher_vocational' });
    expectError(wrongType, 400, 'VALIDATION.FAILED');
    expect(wrongType.body.error.details.issues.map((i: { path: string }) => i.path)).toContain('body.name');

    const unknown = await call('POST', '/api/organisations', {
      kind: 'school',
      name: '某学校',
      regionCode: '310115',
      schoolType: 'higher_vocational',
      hacker: true,
    });
    expectError(unknown, 400, 'VALIDATION.FAILED');
    expect(unknown.body.error.details.issues.map((i: { path: string }) => i.path)).toContain('body.hacker');

    // Field messages follow Accept-Language like the error message (zh-CN by default).
    const name = (res: { body: { error: { details: { issues: { path: string; message: string }[] } } } }) =>
      res.body.error.details.issues.find((i) => i.path === 'body.name')?.message;
    expect(name(wrongType)).toBe('须为文本');
    const english = await call(
      'POST',
      '/api/organisations',
      { kind: 'school', name: 42, regionCode: '310115', schoolType: 'higher_vocational' },
      { 'accept-language': 'en-US' },
    );
    expect(name(english)).toBe('Invalid input: expected string, received number');
    expect(unknown.body.error.details.issues.find((i: { path: string }) => i.path === 'body.hacker').message).toBe('未知字段');

    const huge = await call('POST', '/api/organisations', { kind: 'school', name: 'x'.repeat(2 * 1024 * 1024), regionCode: '310115' });
    expectError(huge, 400, 'REQUEST.BODY_TOO_LARGE');

    const badQuery = await call('GET', '/api/organisations?pageSize=100000');
    expectError(badQuery, 400, 'VALIDATION.FAILED');
    expect(badQuery.body.error.details.issues[0].path).toBe('querystring.pageSize');

    expect(await rowCount(t, 'organisations')).toBe(before.orgs);
    expect(await rowCount(t, 'audit_log')).toBe(before.audit);
  });

  it('never sends a stack trace', async () => {
    const res = await client(t, await t.login('admin'))('GET', '/api/organisations/not-a-uuid');
    expectError(res, 400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('CSRF protection on cookie-authenticated writes', () => {
  it('refuses a write from another origin or a cross-site fetch, and a form-encoded body', async () => {
    const cookie = await t.login('admin');
    const body = { kind: 'school', name: '跨站学校', regionCode: '310115', schoolType: 'higher_vocational' };
    const call = client(t, cookie);
    expectError(await call('POST', '/api/organisations', body, { origin: 'https://evil.example' }), 403, 'ACCESS.CSRF');
    expectError(await call('POST', '/api/organisations', body, { 'sec-fetch-site': 'cross-site' }), 403, 'ACCESS.CSRF');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'kind=school&name=x',
    });
    expect(form.statusCode).toBe(415);
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie, 'content-type': 'text/plain' },
      payload: JSON.stringify(body),
    });
    expect(plain.statusCode).toBe(415);
    // same origin is fine
    const ok = await call('POST', '/api/organisations', body, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(ok.status).toBe(201);
  });
});

describe('writes without a body', () => {
  it('accept an empty body sent as JSON (logout)', async () => {
    const cookie = await t.login('sh_edu');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(204);
  });
});
