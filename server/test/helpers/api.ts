import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import type { TestApp } from './test-app.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** A small client over app.inject: JSON in, status and JSON out. */
export function client(t: TestApp, cookie?: string) {
  return async function call(method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
    const res = await t.app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    let body: unknown = undefined;
    if (res.body && res.headers['content-type']?.toString().includes('json')) body = res.json();
    // Tests read response fields freely; the schemas are checked by the server's serializer.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.statusCode, body: body as any, headers: res.headers };
  };
}

export async function orgIdByName(t: TestApp, name: string): Promise<string> {
  const admin = client(t, await t.login('admin'));
  const res = await admin('GET', `/api/organisations?q=${encodeURIComponent(name)}`);
  const found = (res.body.items as { id: string; name: string }[]).find((o) => o.name.includes(name));
  if (!found) throw new Error(`organisation ${name} not in demo world`);
  return found.id;
}

/** Rows in a table, read straight from the database (so the check itself writes nothing). */
export async function rowCount(t: TestApp, table: 'audit_log' | 'organisations' | 'users' | 'majors' | 'sessions'): Promise<number> {
  const rows = await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from ${table}`));
  return rows[0]?.n ?? 0;
}

export function expectError(res: { status: number; body: unknown }, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const body = res.body as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe('string');
  if (code) expect(body.error.code).toBe(code);
}
