import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * Issue 17 part 4: session fixation. A session id planted in the victim's browser before login is never adopted: the
 * login sets a new one, the planted value stays no session, and a session is not carried over to another user.
 */
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

it('login ignores a planted session cookie and issues a fresh one; the planted value never becomes a session', async () => {
  const planted = 'skillcert_session=attacker-chosen-value-0123456789abcdef';
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { cookie: planted },
    payload: { username: 'school_admin', password: DEMO_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const issued = res.cookies.find((c) => c.name === 'skillcert_session');
  expect(issued?.value).toBeTruthy();
  expect(issued?.value).not.toBe('attacker-chosen-value-0123456789abcdef');
  expect(issued?.httpOnly).toBe(true);
  expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: planted } })).statusCode).toBe(401);
  expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `skillcert_session=${issued!.value}` } })).statusCode).toBe(200);

  // An attacker's own valid session planted in the victim's browser: the victim's login replaces it, the attacker's
  // session stays the attacker's (it never becomes the victim's).
  const attacker = await t.login('candidate');
  const victim = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { cookie: attacker },
    payload: { username: 'school_admin', password: DEMO_PASSWORD },
  });
  const victimCookie = victim.cookies.find((c) => c.name === 'skillcert_session')!.value;
  expect(`skillcert_session=${victimCookie}`).not.toBe(attacker);
  const asAttacker = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: attacker } });
  expect(asAttacker.json<{ username: string }>().username).toBe('candidate');
});
