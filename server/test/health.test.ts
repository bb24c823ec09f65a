import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('health, OpenAPI and API conventions', () => {
  it('GET /api/health reports the database kind', async () => {
    const res = await client(t)('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: t.dbKind });
    expect(t.dbKind).toBe(process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');
  });

  it('serves OpenAPI 3.1 listing every API route, and Swagger UI', async () => {
    const res = await client(t)('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = Object.keys(res.body.paths as object);
    for (const r of t.routes.filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')) {
      const openapiPath = r.url.replace(/:(\w+)/g, '{$1}');
      expect(paths, r.url).toContain(openapiPath);
    }
    expect(res.body.paths['/api/auth/login'].post.requestBody).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('puts a request id on every response (a client-sent one only behind a trusted proxy: security-headers.test.ts)', async () => {
    const a = await client(t)('GET', '/api/health');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const c = await client(t)('GET', '/api/nope');
    expect(c.headers['x-request-id']).toBeDefined();
  });

  it('an unknown API route is a 404 in the one error shape', async () => {
    const res = await client(t)('GET', '/api/no-such-thing');
    expectError(res, 404, 'ROUTE.NOT_FOUND');
  });

  it('messages follow Accept-Language (zh-CN by default)', async () => {
    const zh = await client(t)('GET', '/api/auth/me');
    expectError(zh, 401, 'AUTH.UNAUTHENTICATED');
    expect(zh.body.error.message).toBe('请先登录');
    const en = await client(t)('GET', '/api/auth/me', undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body.error.message).toBe('Please log in');
  });
});
