import { creditCodeCheckChar } from '@skillcert/shared/validators/credit-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError, orgIdByName, rowCount } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

const validCode = (region: string, n: number) => {
  const body = `12${region}${String(500000000 + n)}`;
  return body + creditCodeCheckChar(body);
};
const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

describe('organisations', () => {
  it('HR creates a school in its region; it is audited with who and what', async () => {
    const call = client(t, await t.login('sh_hr'));
    const res = await call('POST', '/api/organisations', {
      kind: 'school',
      name: '上海测试职业技术学院',
      regionCode: '310112',
      schoolType: 'higher_vocational',
      creditCode: validCode('310112', 1),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'school', regionName: '上海市闵行区', schoolType: 'higher_vocational', creditCodeOverride: false });
    const audit = await client(t, await t.login('admin'))('GET', `/api/audit?targetId=${res.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'org.create', actorName: 'sh_hr', targetType: 'organisation' });
    expect(audit.body.items[0].after.name).toBe('上海测试职业技术学院');
  });

  it('HR cannot create outside its region (403), and a school without its type is refused', async () => {
    const call = client(t, await t.login('sh_hr'));
    expectError(
      await call('POST', '/api/organisations', { kind: 'school', name: '越界学校', regionCode: '350582', schoolType: 'higher_vocational' }),
      403,
      'ORG.REGION_OUT_OF_SCOPE',
    );
    expectError(await call('POST', '/api/organisations', { kind: 'school', name: '无类型学校', regionCode: '310112' }), 422, 'ORG.SCHOOL_TYPE_REQUIRED');
    expectError(
      await call('POST', '/api/organisations', { kind: 'hr_bureau', name: '某人社局', regionCode: '310112', schoolType: 'technical' }),
      422,
      'ORG.SCHOOL_FIELDS_ONLY',
    );
    expectError(
      await call('POST', '/api/organisations', { kind: 'school', name: '无地区学校', regionCode: '319999', schoolType: 'technical' }),
      422,
      'ORG.REGION_UNKNOWN',
    );
  });

  it('a credit code failing its check character is refused unless a reviewer accepts it; a malformed one always', async () => {
    const call = client(t, await t.login('qz_hr'));
    const bad = wrongCheck(validCode('350582', 2));
    const refused = await call('POST', '/api/organisations', {
      kind: 'school',
      name: '晋江试点学校',
      regionCode: '350582',
      schoolType: 'technical',
      creditCode: bad,
    });
    expectError(refused, 422, 'ORG.CREDIT_CODE_CHECK');
    expect(refused.body.error.details.issues[0].path).toBe('body.creditCode');
    const accepted = await call('POST', '/api/organisations', {
      kind: 'school',
      name: '晋江试点学校',
      regionCode: '350582',
      schoolType: 'technical',
      creditCode: bad,
      creditCodeOverride: true,
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.creditCodeOverride).toBe(true);
    const malformed = await call('POST', '/api/organisations', {
      kind: 'school',
      name: '格式错误学校',
      regionCode: '350582',
      schoolType: 'technical',
      creditCode: 'I2350582MA00000000',
      creditCodeOverride: true,
    });
    expectError(malformed, 422, 'ORG.CREDIT_CODE_FORMAT');
  });

  it('a duplicate name or credit code is a 409 and writes nothing', async () => {
    const call = client(t, await t.login('admin'));
    const code = validCode('310115', 3);
    expect(
      (await call('POST', '/api/organisations', { kind: 'school', name: '重复测试学校', regionCode: '310115', schoolType: 'technical', creditCode: code }))
        .status,
    ).toBe(201);
    const before = await rowCount(t, 'audit_log');
    expectError(
      await call('POST', '/api/organisations', { kind: 'school', name: '重复测试学校', regionCode: '310115', schoolType: 'technical' }),
      409,
      'ORG.NAME_TAKEN',
    );
    expectError(
      await call('POST', '/api/organisations', { kind: 'school', name: '另一所学校', regionCode: '310115', schoolType: 'technical', creditCode: code }),
      409,
      'ORG.CREDIT_CODE_TAKEN',
    );
    expect(await rowCount(t, 'audit_log')).toBe(before);
  });

  it('lists are confined to the scope: city, province, school', async () => {
    const names = async (user: string) =>
      (await client(t, await t.login(user))('GET', '/api/organisations?pageSize=200')).body.items as { name: string; regionCode: string }[];
    const qz = await names('qz_hr');
    expect(qz.every((o) => o.regionCode.startsWith('3505'))).toBe(true);
    expect(qz.map((o) => o.name)).toContain('泉州海丝职业技术学院（演示）');
    const fj = await names('fj_edu');
    expect(fj.every((o) => o.regionCode.startsWith('35'))).toBe(true);
    expect(fj.length).toBeGreaterThan(qz.length);
    const pd = await names('pd_hr');
    expect(pd.every((o) => o.regionCode === '310115')).toBe(true);
    const school = await names('school_admin');
    expect(school.map((o) => o.name)).toEqual(['上海浦江职业技术学院（演示）']);
  });

  it("another jurisdiction's or school's record is a 404, the same way for reads and writes", async () => {
    const qzPoly = await orgIdByName(t, '泉州海丝职业技术学院');
    const sh = client(t, await t.login('sh_hr'));
    expectError(await sh('GET', `/api/organisations/${qzPoly}`), 404, 'NOT_FOUND');
    expectError(await sh('PATCH', `/api/organisations/${qzPoly}`, { name: '改名' }), 404, 'NOT_FOUND');
    const school = client(t, await t.login('school_admin'));
    expectError(await school('GET', `/api/organisations/${qzPoly}`), 404, 'NOT_FOUND');
    expectError(await school('POST', `/api/organisations/${qzPoly}/majors`, { code: '510201', name: '计算机应用技术' }), 404, 'NOT_FOUND');
  });

  it('HR edits a school; 贯通培养 and school type are school-only', async () => {
    const id = await orgIdByName(t, '上海沪东职业学校');
    const call = client(t, await t.login('sh_hr'));
    const res = await call('PATCH', `/api/organisations/${id}`, { runsThroughPrograms: true });
    expect(res.status).toBe(200);
    expect(res.body.runsThroughPrograms).toBe(true);
    const bureau = await orgIdByName(t, '浦东新区人力资源');
    expectError(await call('PATCH', `/api/organisations/${bureau}`, { runsThroughPrograms: true }), 422, 'ORG.SCHOOL_FIELDS_ONLY');
  });

  it('a school admin keeps its majors but not its registered particulars', async () => {
    const own = await orgIdByName(t, '上海浦江职业技术学院');
    const call = client(t, await t.login('school_admin'));
    expectError(await call('PATCH', `/api/organisations/${own}`, { name: '自己改名' }), 403, 'ACCESS.DENIED');
    const added = await call('POST', `/api/organisations/${own}/majors`, { code: '500201', name: '现代物流管理' });
    expect(added.status).toBe(201);
    expectError(await call('POST', `/api/organisations/${own}/majors`, { code: '500201', name: '重复' }), 409, 'ORG.MAJOR_TAKEN');
    expectError(await call('POST', `/api/organisations/${own}/majors`, { code: '5002', name: '短代码' }), 400, 'VALIDATION.FAILED');
    const detail = await call('GET', `/api/organisations/${own}`);
    expect(detail.body.majors.map((m: { code: string }) => m.code)).toContain('500201');
    expect((await call('DELETE', `/api/organisations/${own}/majors/${added.body.id}`)).status).toBe(204);
    const after = await call('GET', `/api/organisations/${own}`);
    expect(after.body.majors.map((m: { code: string }) => m.code)).not.toContain('500201');
  });
});

describe('regions (GB/T 2260 snapshot)', () => {
  it('has every province, city and county from the shipped snapshot, browsable by parent', async () => {
    const call = client(t);
    const provinces = await call('GET', '/api/regions');
    expect(provinces.body.length).toBe(31);
    const fj = await call('GET', '/api/regions?parent=350000');
    expect(fj.body.map((r: { name: string }) => r.name)).toContain('泉州市');
    const qz = await call('GET', '/api/regions?parent=350500');
    expect(qz.body.map((r: { code: string }) => r.code)).toContain('350582');
    const one = await call('GET', '/api/regions/350582');
    expect(one.body).toMatchObject({ name: '晋江市', level: 'county', fullName: '福建省泉州市晋江市', parentCode: '350500' });
    expectError(await call('GET', '/api/regions/35058'), 400);
    expectError(await call('GET', '/api/regions/359999'), 404);
  });
});
