import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

interface Operation {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
}

/** What client generators need from /api/openapi.json (the Redocly lint runs in `npm run lint:openapi`). */
describe('OpenAPI description for client generators', () => {
  it('every operation has a unique operationId, documents 4xx/5xx with the one error shape, and public routes need no login', async () => {
    const spec = (await client(t)('GET', '/api/openapi.json')).body as {
      servers: unknown[];
      info: { license?: { name: string } };
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(spec.servers.length).toBeGreaterThan(0);
    expect(spec.info.license?.name).toBeTruthy();
    expect(spec.components.schemas.Error?.properties).toHaveProperty('error');

    const operations = Object.entries(spec.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      expect(op.responses['400']?.$ref, `${method} ${path}`).toBe('#/components/responses/BadRequest');
      expect(op.responses['500']?.$ref, `${method} ${path}`).toBe('#/components/responses/ServerError');
    }

    const publicRoutes = t.routes.filter((r) => r.public).map((r) => `${r.method.toLowerCase()} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(publicRoutes).toContain('post /api/auth/login');
    for (const { path, method, op } of operations) {
      const isPublic = publicRoutes.includes(`${method} ${path}`);
      expect(op.security, `${method} ${path}`).toEqual(isPublic ? [] : undefined);
      expect(op.responses['401'], `${method} ${path}`).toEqual(isPublic ? undefined : { $ref: '#/components/responses/Unauthenticated' });
    }
  });

  it('file downloads declare their media type, and policy level caps are real properties', async () => {
    const spec = (await client(t)('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
    const media = (path: string) => Object.keys(spec.paths[path]?.get?.responses['200']?.content ?? {});
    expect(media('/api/papers/{id}/qti.zip')).toEqual(['application/zip']);
    expect(media('/api/items/template.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(media('/api/attachments/{id}/content')).toEqual(['application/octet-stream']);
    const text = JSON.stringify(spec.paths['/api/policies/{id}']);
    expect(text).toContain('"properties":{"secondary_vocational"');
    expect(JSON.stringify(spec.paths)).not.toMatch(/"propertyNames":\{[^}]*"enum"/);
  });
});
