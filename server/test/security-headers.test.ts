import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/** Security headers, the cross-site write check and request ids — plain HTTP (default) and behind an HTTPS proxy. */
let plain: TestApp;
let proxied: TestApp;
// Two apps, each seeding the demo world: more than the default hook time on a busy machine.
beforeAll(async () => {
  plain = await makeTestApp();
  proxied = await makeTestApp({ config: { cookieSecure: true, trustProxy: true } });
}, 240_000);
afterAll(async () => {
  await plain?.close();
  await proxied?.close();
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('security headers on every response', () => {
  it('a CSP without inline script, no framing, nosniff and a referrer policy — on success, refusal, error and 404', async () => {
    const cookie = await plain.login('admin');
    const responses = {
      ok: await client(plain)('GET', '/api/health'),
      unauthenticated: await client(plain)('GET', '/api/auth/me'),
      invalid: await client(plain, cookie)('GET', '/api/organisations?pageSize=100000'),
      notFound: await client(plain)('GET', '/api/no-such-thing'),
      docs: await client(plain)('GET', '/api/openapi.json'),
    };
    expect(responses.ok.status).toBe(200);
    expect(responses.unauthenticated.status).toBe(401);
    expect(responses.invalid.status).toBe(400);
    expect(responses.notFound.status).toBe(404);
    for (const [name, res] of Object.entries(responses)) {
      const csp = directives(String(res.headers['content-security-policy'] ?? ''));
      expect(csp.get('script-src'), name).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), name).toEqual(["'none'"]);
      expect(csp.get('default-src'), name).toEqual(["'self'"]);
      expect(csp.get('object-src'), name).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), name).toEqual(["'none'"]);
      expect(csp.has('upgrade-insecure-requests'), name).toBe(false);
      expect(res.headers['x-frame-options'], name).toBe('DENY');
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['referrer-policy'], name).toBe('same-origin');
      // HSTS only when the app is served over HTTPS (COOKIE_SECURE).
      expect(res.headers['strict-transport-security'], name).toBeUndefined();
    }
  });

  it('HSTS and upgrade-insecure-requests when COOKIE_SECURE is set', async () => {
    const res = await client(proxied)('GET', '/api/health');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(directives(String(res.headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('the cross-site write check compares the scheme as well as the host', () => {
  const body = { kind: 'school', name: '同源检查学校', regionCode: '310115', schoolType: 'higher_vocational' };

  it('refuses https://host writing to http://host, accepts http://host', async () => {
    const call = client(plain, await plain.login('admin'));
    expectError(await call('POST', '/api/organisations', body, { origin: 'https://localhost', host: 'localhost' }), 403, 'ACCESS.CSRF');
    expectError(await call('POST', '/api/organisations', body, { origin: 'http://localhost:8080', host: 'localhost' }), 403, 'ACCESS.CSRF');
    const ok = await call('POST', '/api/organisations', body, { origin: 'http://localhost', host: 'localhost' });
    expect(ok.status).toBe(201);
  });

  it('behind a trusted proxy the forwarded scheme counts: https origin accepted over X-Forwarded-Proto https only', async () => {
    const call = client(proxied, await proxied.login('admin'));
    const viaHttp = await call(
      'POST',
      '/api/organisations',
      { ...body, name: '同源检查学校二' },
      { origin: 'https://app.example', host: 'app.example', 'x-forwarded-proto': 'http' },
    );
    expectError(viaHttp, 403, 'ACCESS.CSRF');
    const viaHttps = await call(
      'POST',
      '/api/organisations',
      { ...body, name: '同源检查学校二' },
      { origin: 'https://app.example', host: 'app.example', 'x-forwarded-proto': 'https' },
    );
    expect(viaHttps.status).toBe(201);
  });
});

describe('X-Request-Id', () => {
  it('a client’s own id is ignored unless TRUST_PROXY is set', async () => {
    const direct = await client(plain)('GET', '/api/health', undefined, { 'x-request-id': 'forged-id-1' });
    expect(direct.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const viaProxy = await client(proxied)('GET', '/api/health', undefined, { 'x-request-id': 'trace-123' });
    expect(viaProxy.headers['x-request-id']).toBe('trace-123');
    const malformed = await client(proxied)('GET', '/api/health', undefined, { 'x-request-id': 'bad id with spaces' });
    expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
