import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/demo-world.ts';
import { client, expectError, orgIdByName } from './helpers/api.ts';
import { draftFiling } from './helpers/filings.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

type Call = ReturnType<typeof client>;

async function userId(username: string): Promise<string> {
  const admin = client(t, await t.login('admin'));
  const found = (await admin('GET', `/api/users?q=${username}&pageSize=100`)).body.items.find((u: { username: string }) => u.username === username);
  if (!found) throw new Error(`no user ${username}`);
  return found.id as string;
}

let counter = 0;
const uname = (prefix: string) => `${prefix}_${process.pid}_${++counter}`;
const newUser = (orgId: string, role: string, username = uname(role)) => ({ username, displayName: '测试', role, orgId, password: 'Start-2026-xyz' });

describe('separation of duties in account management (R7)', () => {
  it('R7: an HR account cannot create an education-bureau account', async () => {
    const shEdu = await orgIdByName(t, '上海市教育委员会');
    const res = await client(t, await t.login('sh_hr'))('POST', '/api/users', newUser(shEdu, 'edu'));
    expectError(res, 403, 'USER.SEPARATION_OF_DUTIES');
    expect(res.body.error.details.rule).toBe('R7');
  });

  it('R7: HR can neither see, edit, deactivate nor reset an education account, and it keeps working', async () => {
    const edu = await userId('sh_edu');
    const hr = client(t, await t.login('sh_hr'));
    expectError(await hr('GET', `/api/users/${edu}`), 404);
    expectError(await hr('PATCH', `/api/users/${edu}`, { active: false }), 404);
    expectError(await hr('POST', `/api/users/${edu}/reset-password`, { password: 'Taken-over-2026' }), 404);
    const listed = (await hr('GET', '/api/users?pageSize=200')).body.items as { role: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((u) => u.role === 'hr' || u.role === 'supervisor')).toBe(true);
    expect((await client(t, await t.login('sh_edu'))('GET', '/api/auth/me')).body.role).toBe('edu');
  });

  it('R7: HR cannot set up or alter an education bureau', async () => {
    const shEdu = await orgIdByName(t, '上海市教育委员会');
    for (const who of ['sh_hr', 'pd_hr']) {
      const hr = client(t, await t.login(who));
      expectError(await hr('POST', '/api/organisations', { kind: 'edu_bureau', name: `浦东新区教育局${who}`, regionCode: '310115' }), 403);
    }
    expectError(await client(t, await t.login('sh_hr'))('PATCH', `/api/organisations/${shEdu}`, { active: false }), 403);
  });

  it("R7: a bureau never manages a school's accounts; the school's own admin and the platform admin do", async () => {
    const school = await orgIdByName(t, '上海浦江职业技术学院');
    const schoolAdmin = await userId('school_admin');
    const hr = client(t, await t.login('sh_hr'));
    expectError(await hr('POST', '/api/users', newUser(school, 'school_admin')), 403, 'USER.SEPARATION_OF_DUTIES');
    expectError(await hr('POST', `/api/users/${schoolAdmin}/reset-password`, { password: 'Taken-over-2026' }), 404);
    expect((await client(t, await t.login('school_admin'))('POST', '/api/users', newUser(school, 'assessor'))).status).toBe(201);
    expect((await client(t, await t.login('admin'))('POST', '/api/users', newUser(school, 'school_staff'))).status).toBe(201);
  });

  it('R7: an education bureau keeps its own accounts and those of education bureaus below, never HR accounts', async () => {
    const shEdu = await orgIdByName(t, '上海市教育委员会');
    const shHr = await orgIdByName(t, '上海市人力资源和社会保障局');
    const edu = client(t, await t.login('sh_edu'));
    expect((await edu('POST', '/api/users', newUser(shEdu, 'edu'))).status).toBe(201);
    expectError(await edu('POST', '/api/users', newUser(shHr, 'hr')), 403, 'USER.SEPARATION_OF_DUTIES');
    expectError(await edu('POST', '/api/users', newUser(shHr, 'supervisor')), 403, 'USER.SEPARATION_OF_DUTIES');
    expectError(await edu('GET', `/api/users/${await userId('sh_hr')}`), 404);
  });

  it('R7: HR keeps HR accounts at and below its region; a county bureau does not manage the city above it', async () => {
    const pd = await orgIdByName(t, '浦东新区人力资源');
    const shHr = await orgIdByName(t, '上海市人力资源和社会保障局');
    expect((await client(t, await t.login('sh_hr'))('POST', '/api/users', newUser(pd, 'supervisor'))).status).toBe(201);
    const county = client(t, await t.login('pd_hr'));
    expectError(await county('POST', '/api/users', newUser(shHr, 'hr')), 404);
    expectError(await county('PATCH', `/api/users/${await userId('sh_hr')}`, { displayName: 'x' }), 404);
  });
});

describe('R7: the whole Shanghai path — no sequence of HR-only calls gets a filing past the education step', () => {
  it('HR tries every account and organisation route it has; the filing stays with 市教委 until 市教委 itself acts', async () => {
    const school = client(t, await t.login('school_admin'));
    const id = await draftFiling(t, 'school_admin', [{ occupationCode: '6-31-01-03', level: 4 }]);
    expect((await school('POST', `/api/filings/${id}/submit`, {})).body.status).toBe('submitted');
    const status = async () => (await client(t, await t.login('admin'))('GET', `/api/filings/${id}`)).body.status as string;

    const shEdu = await orgIdByName(t, '上海市教育委员会');
    const shHrOrg = await orgIdByName(t, '上海市人力资源和社会保障局');
    const eduUser = await userId('sh_edu');
    const hr = client(t, await t.login('sh_hr'));

    // 1. act in the education step directly, with every action
    for (const action of ['approve', 'start_assessment', 'assess', 'report', 'list']) {
      const res = await hr('POST', `/api/filings/${id}/transitions`, { action });
      expect([403, 409, 422], `${action}: ${JSON.stringify(res.body)}`).toContain(res.status);
    }
    // 2. take over the education bureau's account: reset, reactivate under a new password, rename
    expectError(await hr('POST', `/api/users/${eduUser}/reset-password`, { password: 'Taken-over-2026' }), 404);
    expectError(await hr('PATCH', `/api/users/${eduUser}`, { active: false }), 404);
    expectError(await client(t)('POST', '/api/auth/login', { username: 'sh_edu', password: 'Taken-over-2026' }), 401);
    // 3. create an education account: in 市教委, in a new education bureau, or by turning an HR account into one
    expectError(await hr('POST', '/api/users', newUser(shEdu, 'edu')), 403, 'USER.SEPARATION_OF_DUTIES');
    expectError(await hr('POST', '/api/organisations', { kind: 'edu_bureau', name: '上海市第二教育委员会', regionCode: '310000' }), 403);
    expectError(await hr('POST', '/api/organisations', { kind: 'edu_bureau', name: '浦东新区教育局（伪）', regionCode: '310115' }), 403);
    const helper = await hr('POST', '/api/users', newUser(shHrOrg, 'hr'));
    expect(helper.status).toBe(201);
    expectError(await hr('PATCH', `/api/users/${helper.body.id}`, { role: 'edu' }), 422, 'USER.ROLE_ORG_MISMATCH');
    // 4. the new HR account is still HR: it must change its password (server-enforced), then it too is refused the step
    const helperCookie = await t.login(helper.body.username, 'Start-2026-xyz');
    expect((await client(t, helperCookie)('POST', '/api/auth/password', { currentPassword: 'Start-2026-xyz', newPassword: 'Helper-pass-2026' })).status).toBe(
      204,
    );
    expectError(await client(t, helperCookie)('POST', `/api/filings/${id}/transitions`, { action: 'approve' }), 403, 'FILING.NOT_YOUR_STEP');
    // 5. alter the education bureau itself (move it, deactivate it)
    expectError(await hr('PATCH', `/api/organisations/${shEdu}`, { active: false }), 403);
    expectError(await hr('PATCH', `/api/organisations/${shEdu}`, { regionCode: '310115' }), 403);

    expect(await status()).toBe('submitted');
    // 市教委 is untouched and takes its own step
    const edu = client(t, await t.login('sh_edu', DEMO_PASSWORD));
    expect((await edu('POST', `/api/filings/${id}/transitions`, { action: 'approve' })).body.status).toBe('edu_reviewed');
  });
});

describe('scope of reference data', () => {
  const occupation = (code: string) => ({ code, name: `测试职业${code}`, levels: [4, 3] });

  it('the national catalog (大典) is edited by the platform admin only; bureaus of every level read it', async () => {
    for (const who of ['sh_hr', 'pd_hr', 'fj_hr', 'sh_edu']) {
      const call: Call = client(t, await t.login(who));
      expectError(await call('POST', '/api/occupations', occupation('4-99-98-01')), 403, 'ACCESS.DENIED');
      expectError(await call('PUT', '/api/occupations/6-31-01-03', { ...occupation('6-31-01-03'), name: '改名电工' }), 403, 'ACCESS.DENIED');
      expectError(await call('POST', '/api/occupations/import', { contentBase64: 'UEsDBA==' }), 403, 'ACCESS.DENIED');
      expectError(
        await call('POST', '/api/major-mappings', { majorCode: '460305', majorName: '工业机器人技术', occupationCode: '6-31-01-03' }),
        403,
        'ACCESS.DENIED',
      );
      expect((await call('GET', '/api/occupations/6-31-01-03')).body.name).toBe('电工');
    }
    const admin = client(t, await t.login('admin'));
    expect((await admin('POST', '/api/occupations', occupation('4-99-98-01'))).status).toBe(201);
    expect((await admin('POST', '/api/major-mappings', { majorCode: '460305', majorName: '工业机器人技术', occupationCode: '4-99-98-01' })).status).toBe(201);
  });

  it("a school's majors are kept by the school, the platform admin and the province's HR bureau; a county or city bureau reads them", async () => {
    const school = await orgIdByName(t, '上海浦江职业技术学院');
    expectError(await client(t, await t.login('pd_hr'))('POST', `/api/organisations/${school}/majors`, { code: '500202', name: '港口物流管理' }), 403);
    expect((await client(t, await t.login('pd_hr'))('GET', `/api/organisations/${school}`)).status).toBe(200);
    expect((await client(t, await t.login('sh_hr'))('POST', `/api/organisations/${school}/majors`, { code: '500202', name: '港口物流管理' })).status).toBe(201);
    const qzSchool = await orgIdByName(t, '泉州海丝职业技术学院');
    expectError(await client(t, await t.login('qz_hr'))('POST', `/api/organisations/${qzSchool}/majors`, { code: '500202', name: '港口物流管理' }), 403);
    expect((await client(t, await t.login('fj_hr'))('POST', `/api/organisations/${qzSchool}/majors`, { code: '500202', name: '港口物流管理' })).status).toBe(
      201,
    );
  });
});
