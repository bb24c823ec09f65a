import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-world.ts';
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
    let body: unknown;
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

/** The initial password test factories give new accounts; activateAccount replaces it with DEMO_PASSWORD. */
export const INITIAL_PASSWORD = 'Initial-Key-4821';

/**
 * A new account must change its password before anything but auth.* (server-enforced): log in with the initial
 * password and set DEMO_PASSWORD, so the factories' accounts log in like the demo ones.
 */
export async function activateAccount(t: TestApp, username: string, initial = INITIAL_PASSWORD): Promise<void> {
  const cookie = await t.login(username, initial);
  const res = await client(t, cookie)('POST', '/api/auth/password', { currentPassword: initial, newPassword: DEMO_PASSWORD });
  if (res.status !== 204) throw new Error(`activate ${username}: ${res.status} ${JSON.stringify(res.body)}`);
}

let schoolCounter = 0;

/** Factory: a school (created by the platform admin) and its school_admin account; returns the username and org id. */
export async function makeSchool(
  t: TestApp,
  over: { regionCode?: string; schoolType?: string; runsThroughPrograms?: boolean; majors?: [string, string][] } = {},
): Promise<{ username: string; orgId: string }> {
  schoolCounter += 1;
  const n = `${process.pid}-${schoolCounter}`;
  const admin = client(t, await t.login('admin'));
  const org = await admin('POST', '/api/organisations', {
    kind: 'school',
    name: `测试学校${n}`,
    regionCode: over.regionCode ?? '310112',
    schoolType: over.schoolType ?? 'higher_vocational',
    runsThroughPrograms: over.runsThroughPrograms ?? false,
  });
  if (org.status !== 201) throw new Error(`makeSchool: ${JSON.stringify(org.body)}`);
  for (const [code, name] of over.majors ?? []) await admin('POST', `/api/organisations/${org.body.id}/majors`, { code, name });
  const username = `school_${n.replace('-', '_')}`;
  const user = await admin('POST', '/api/users', { username, displayName: '测试管理员', role: 'school_admin', orgId: org.body.id, password: INITIAL_PASSWORD });
  if (user.status !== 201) throw new Error(`makeSchool user: ${JSON.stringify(user.body)}`);
  await activateAccount(t, username);
  return { username, orgId: org.body.id as string };
}

/** A second account of a school (school_staff), activated: the reviewer (审核) of what the school admin writes. */
export async function makeReviewer(t: TestApp, school: { username: string; orgId: string }): Promise<ReturnType<typeof client>> {
  const admin = client(t, await t.login(school.username));
  const username = `${school.username}_staff`;
  const created = await admin('POST', '/api/users', { username, displayName: '审核员', role: 'school_staff', orgId: school.orgId, password: INITIAL_PASSWORD });
  if (created.status !== 201) throw new Error(`makeReviewer: ${JSON.stringify(created.body)}`);
  await activateAccount(t, username);
  return client(t, await t.login(username));
}

/** Reviews every draft of a blueprint through the API, as `reviewer` (imports never mark items reviewed). */
export async function reviewDrafts(reviewer: ReturnType<typeof client>, blueprintId: string): Promise<number> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = await reviewer('GET', `/api/items?blueprintId=${blueprintId}&status=draft&pageSize=200&page=${page}`);
    ids.push(...(res.body.items as { id: string }[]).map((i) => i.id));
    if (page * 200 >= res.body.total) break;
  }
  if (!ids.length) return 0;
  const res = await reviewer('POST', '/api/items/status', { ids, status: 'reviewed' });
  if (res.status !== 200) throw new Error(`reviewDrafts: ${JSON.stringify(res.body)}`);
  return res.body.changed as number;
}
