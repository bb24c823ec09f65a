import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { client, expectError, orgIdByName } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('accounts', () => {
  it('the platform admin creates a school admin; the new account must change its password', async () => {
    const school = await orgIdByName(t, '泉州刺桐职业中专学校');
    const call = client(t, await t.login('admin'));
    const res = await call('POST', '/api/users', {
      username: 'cito_admin2',
      displayName: '刺桐·副主任',
      role: 'school_admin',
      orgId: school,
      password: 'Start2026x',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'school_admin', mustChangePassword: true, orgName: '泉州刺桐职业中专学校（演示）' });
    const me = await client(t, await t.login('cito_admin2', 'Start2026x'))('GET', '/api/auth/me');
    expect(me.body.mustChangePassword).toBe(true);
  });

  it('a role that does not fit the organisation is a 422; a taken username a 409', async () => {
    const school = await orgIdByName(t, '泉州刺桐职业中专学校');
    const call = client(t, await t.login('admin'));
    expectError(
      await call('POST', '/api/users', { username: 'wrong_role', displayName: 'x', role: 'hr', orgId: school, password: 'Start2026x' }),
      422,
      'USER.ROLE_ORG_MISMATCH',
    );
    expectError(
      await call('POST', '/api/users', { username: 'QZ_HR', displayName: 'x', role: 'school_staff', orgId: school, password: 'Start2026x' }),
      409,
      'USER.USERNAME_TAKEN',
    );
    expectError(
      await call('POST', '/api/users', { username: 'weak', displayName: 'x', role: 'school_staff', orgId: school, password: 'password' }),
      400,
      'VALIDATION.FAILED',
    );
  });

  it('HR of another province cannot see or touch the school (404); HR never creates admins', async () => {
    const school = await orgIdByName(t, '泉州刺桐职业中专学校');
    const sh = client(t, await t.login('sh_hr'));
    expectError(await sh('POST', '/api/users', { username: 'intruder', displayName: 'x', role: 'school_staff', orgId: school, password: 'Start2026x' }), 404);
    const own = await orgIdByName(t, '上海市人力资源和社会保障局');
    expectError(
      await sh('POST', '/api/users', { username: 'newadmin', displayName: 'x', role: 'admin', orgId: own, password: 'Start2026x' }),
      422,
      'USER.ROLE_ORG_MISMATCH',
    );
  });

  it('a school admin manages its own school accounts only', async () => {
    const own = await orgIdByName(t, '上海浦江职业技术学院');
    const other = await orgIdByName(t, '泉州海丝职业技术学院');
    const call = client(t, await t.login('school_admin'));
    const created = await call('POST', '/api/users', {
      username: 'pj_assessor2',
      displayName: '考评员·钱工',
      role: 'assessor',
      orgId: own,
      password: 'Start2026x',
    });
    expect(created.status).toBe(201);
    expectError(await call('POST', '/api/users', { username: 'pj_x', displayName: 'x', role: 'assessor', orgId: other, password: 'Start2026x' }), 404);
    const list = await call('GET', '/api/users?pageSize=200');
    expect(list.body.items.every((u: { orgId: string }) => u.orgId === own)).toBe(true);
    const qzAdmin = (await client(t, await t.login('admin'))('GET', '/api/users?q=qz_school_admin')).body.items[0].id;
    expectError(await call('GET', `/api/users/${qzAdmin}`), 404);
  });

  it('deactivating an account ends its sessions and blocks login; nobody can lock themselves out', async () => {
    const cookie = await t.login('qz_sec_admin');
    const admin = client(t, await t.login('admin'));
    const target = (await admin('GET', '/api/users?q=qz_sec_admin')).body.items[0].id;
    expect((await admin('PATCH', `/api/users/${target}`, { active: false })).body.active).toBe(false);
    expectError(await client(t, cookie)('GET', '/api/auth/me'), 401);
    expectError(await client(t)('POST', '/api/auth/login', { username: 'qz_sec_admin', password: DEMO_PASSWORD }), 401, 'AUTH.INVALID_CREDENTIALS');
    const self = (await admin('GET', '/api/auth/me')).body.id;
    expectError(await admin('PATCH', `/api/users/${self}`, { active: false }), 422, 'USER.SELF_LOCKOUT');
    await admin('PATCH', `/api/users/${target}`, { active: true });
  });

  it('a password reset forces a change at next login and ends old sessions', async () => {
    const old = await t.login('assessor');
    const admin = client(t, await t.login('admin'));
    const id = (await admin('GET', '/api/users?q=assessor&role=assessor')).body.items.find((u: { username: string }) => u.username === 'assessor').id;
    expect((await admin('POST', `/api/users/${id}/reset-password`, { password: 'Reset2026x' })).status).toBe(204);
    expectError(await client(t, old)('GET', '/api/auth/me'), 401);
    const me = await client(t, await t.login('assessor', 'Reset2026x'))('GET', '/api/auth/me');
    expect(me.body.mustChangePassword).toBe(true);
  });
});
