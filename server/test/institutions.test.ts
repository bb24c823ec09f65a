import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../src/db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError, makeSchool } from './helpers/api.ts';
import { act, draftFiling, filingBody, PASSING_SHEET, upload } from './helpers/filings.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

/** A Fujian school listed through the real workflow; returns its account and institution id. */
async function listedFujianSchool(schoolType = 'higher_vocational'): Promise<{ username: string; institutionId: string }> {
  const { username } = await makeSchool(t, { regionCode: '350582', schoolType });
  const id = await draftFiling(t, username, [{ occupationCode: '6-31-01-03', level: 4 }]);
  await client(t, await t.login(username))('POST', `/api/filings/${id}/submit`, {});
  const qz = client(t, await t.login('qz_hr'));
  await act(qz, id, { action: 'approve' });
  await act(qz, id, { action: 'assess', assessment: PASSING_SHEET });
  await act(qz, id, { action: 'report' });
  const listed = await act(client(t, await t.login('fj_hr')), id, { action: 'list' });
  return { username, institutionId: listed.institutionId as string };
}

describe('scope expansion (增设)', () => {
  it('R4: refused without the evaluation volume; the report shows each condition', async () => {
    const { username, institutionId } = await listedFujianSchool();
    const school = client(t, await t.login(username));
    const report = await school('GET', `/api/institutions/${institutionId}/expansion-eligibility`);
    expect(report.body.eligible).toBe(false);
    expect(report.body.checks.find((c: { condition: string }) => c.condition === 'minimum_evaluation_volume')).toMatchObject({
      rule: 'R4',
      value: 0,
      required: 200,
      pass: false,
    });
    const id = (await school('POST', '/api/filings', { ...(await filingBody(school, [{ occupationCode: '6-31-01-03', level: 2 }])), institutionId })).body.id;
    const refused = await school('POST', `/api/filings/${id}/submit`, {});
    expectError(refused, 422, 'FILING.NOT_ELIGIBLE');
    expect(refused.body.error.details.rule).toBe('R4');
  });

  it('R4: with the volume and no violation it passes, 技师 is added; a violation then blocks the next one', async () => {
    const { username, institutionId } = await listedFujianSchool();
    const qz = client(t, await t.login('qz_hr'));
    expect(
      (await qz('PUT', `/api/institutions/${institutionId}/prior-volume`, { priorEvaluated: 320, source: '2024–2025 年度鉴定中心出具的证书数据' })).status,
    ).toBe(200);
    const school = client(t, await t.login(username));
    expect((await school('GET', `/api/institutions/${institutionId}/expansion-eligibility`)).body.eligible).toBe(true);
    const id = (await school('POST', '/api/filings', { ...(await filingBody(school, [{ occupationCode: '6-31-01-03', level: 2 }])), institutionId })).body.id;
    expect((await school('POST', `/api/filings/${id}/submit`, {})).status).toBe(200);
    await act(qz, id, { action: 'approve' });
    await act(qz, id, { action: 'assess', assessment: PASSING_SHEET });
    await act(qz, id, { action: 'report' });
    await act(client(t, await t.login('fj_hr')), id, { action: 'list' });
    const inst = (await school('GET', `/api/institutions/${institutionId}`)).body;
    expect(inst.scope.map((s: { level: number }) => s.level).sort()).toEqual([2, 4]);

    expect(
      (await qz('POST', `/api/institutions/${institutionId}/violations`, { type: '考务违规', severity: 'serious', description: '考场监考人员不足' })).status,
    ).toBe(201);
    const after = (await school('GET', `/api/institutions/${institutionId}/expansion-eligibility`)).body;
    expect(after.checks.find((c: { condition: string }) => c.condition === 'no_violation_record')).toMatchObject({ pass: false, value: 1 });
  });

  it('R3 still binds an expansion: a 中职 cannot add 三级', async () => {
    const { username, institutionId } = await listedFujianSchool('secondary_vocational');
    await client(t, await t.login('qz_hr'))('PUT', `/api/institutions/${institutionId}/prior-volume`, { priorEvaluated: 500, source: '历史数据' });
    const school = client(t, await t.login(username));
    const id = (await school('POST', '/api/filings', { ...(await filingBody(school, [{ occupationCode: '6-31-01-03', level: 3 }])), institutionId })).body.id;
    const refused = await school('POST', `/api/filings/${id}/submit`, {});
    expect(refused.body.error.details.rule).toBe('R3');
  });
});

describe('sanctions on a listing', () => {
  it('HR suspends (with a reason), the catalog shows it; revocation takes it off the public catalog', async () => {
    const { institutionId } = await listedFujianSchool();
    const qz = client(t, await t.login('qz_hr'));
    const filingId = (await qz('GET', `/api/institutions/${institutionId}`)).body.filingId;
    expect((await qz('GET', `/api/filings/${filingId}`)).body).toMatchObject({ type: 'initial', institutionId, status: 'listed' });
    expectError(await qz('POST', `/api/filings/${filingId}/transitions`, { action: 'suspend' }), 400, 'FILING.REASON_REQUIRED');
    await act(qz, filingId, { action: 'suspend', reason: '整改期间暂停' });
    expect((await client(t)('GET', `/api/public/institutions/${institutionId}`)).body.status).toBe('suspended');
    await act(qz, filingId, { action: 'revoke', reason: '严重违规' });
    expectError(await client(t)('GET', `/api/public/institutions/${institutionId}`), 404);
    expectError(await qz('POST', `/api/filings/${filingId}/transitions`, { action: 'expire' }), 409);
  });
});

describe('validity', () => {
  it('a listing past its last valid day leaves the public catalog; HR may then mark it expired', async () => {
    const { institutionId } = await listedFujianSchool();
    await queryRows(t.db, sql`update institutions set valid_from = '2019-01-01', valid_to = '2023-12-31' where id = ${institutionId}`);
    expectError(await client(t)('GET', `/api/public/institutions/${institutionId}`), 404);
    const qz = client(t, await t.login('qz_hr'));
    const filing = (await qz('GET', '/api/filings?status=listed&pageSize=200')).body.items.find(
      (f: { institutionId: string }) => f.institutionId === institutionId,
    );
    expect((await act(qz, filing.id, { action: 'expire' })).status).toBe('expired');
    expect((await qz('GET', `/api/institutions/${institutionId}`)).body.status).toBe('expired');
  });
});

describe('评价规范 (R5)', () => {
  const GEN_AI = '4-04-05-13';

  it('R5: an occupation with a national standard needs no 评价规范 (refused with R5)', async () => {
    const call = client(t, await t.login('school_admin'));
    const res = await call('POST', '/api/specs', { occupationCode: '6-31-01-03', levels: [4], title: '电工评价规范', theory: [], skills: [] });
    expectError(res, 422, 'SPEC.NATIONAL_STANDARD_EXISTS');
    expect(res.body.error.details.rule).toBe('R5');
  });

  it('R5: the school files a 评价规范 with HR; only a filed one is a basis for the level', async () => {
    const call = client(t, await t.login('school_admin'));
    const me = (await call('GET', '/api/auth/me')).body;
    const basisUrl = `/api/specs/basis?orgId=${me.organisation.id}&occupationCode=${GEN_AI}&level=4`;
    expect((await call('GET', basisUrl)).body).toEqual({ kind: 'none', reason: 'no_standard_and_no_filed_spec' });
    const body = {
      occupationCode: GEN_AI,
      levels: [4, 3],
      title: '生成式人工智能系统应用员评价规范（四级、三级）',
      theory: [
        { area: '基础知识', weight: 30 },
        { area: '提示工程', weight: 40 },
      ],
      skills: [{ area: '系统应用', weight: 100 }],
    };
    const created = await call('POST', '/api/specs', body);
    expect(created.status).toBe(201);
    const incomplete = await call('POST', `/api/specs/${created.body.id}/submit`);
    expectError(incomplete, 422, 'SPEC.INCOMPLETE');
    expect(incomplete.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['theory', 'attachmentId']);
    const fixed = { ...body, theory: [...body.theory, { area: '安全与伦理', weight: 30 }], attachmentId: await upload(call, '评价规范.pdf') };
    expect((await call('PUT', `/api/specs/${created.body.id}`, fixed)).status).toBe(200);
    expect((await call('POST', `/api/specs/${created.body.id}/submit`)).body.status).toBe('submitted');
    expect((await call('GET', basisUrl)).body.kind).toBe('none');

    const hr = client(t, await t.login('sh_hr'));
    expect((await hr('GET', '/api/specs?todo=true')).body.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
    expectError(await client(t, await t.login('qz_hr'))('POST', `/api/specs/${created.body.id}/decision`, { decision: 'file' }), 404);
    expect((await hr('POST', `/api/specs/${created.body.id}/decision`, { decision: 'file' })).body.status).toBe('filed');
    expect((await call('GET', basisUrl)).body).toEqual({ kind: 'filed_spec', specId: created.body.id });
    expect((await call('GET', basisUrl.replace('level=4', 'level=5'))).body.kind).toBe('none');
  });
});

describe('专项职业能力 item development', () => {
  it('a school proposes an item for a major without an occupation; the province HR approves it into the province catalog', async () => {
    const { username } = await makeSchool(t, { regionCode: '350503', schoolType: 'secondary_vocational', majors: [['750106', '茶艺与茶营销']] });
    const call = client(t, await t.login(username));
    const body = {
      name: '安溪铁观音茶叶制作',
      majorCode: '750106',
      standard: '依据专项职业能力考核规范编写规范，包含能力要求与考核要点',
      outline: '考核内容：鲜叶处理、摇青、炒青、揉捻、烘焙；实操考核为主',
    };
    expectError(await call('POST', '/api/special-item-proposals', { ...body, majorCode: '660301' }), 422, 'PROPOSAL.NOT_OUR_MAJOR');
    const created = await call('POST', '/api/special-item-proposals', body);
    expect(created.status).toBe(201);
    const hr = client(t, await t.login('fj_hr'));
    expect((await hr('GET', '/api/special-item-proposals?todo=true')).body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    expect((await client(t, await t.login('qz_edu'))('GET', '/api/special-item-proposals?todo=true')).status).toBe(403);
    expectError(await hr('POST', `/api/special-item-proposals/${created.body.id}/decision`, { decision: 'reject' }), 422, 'PROPOSAL.REASON_REQUIRED');
    // the province's 专项 catalog is provincial reference data: a city bureau reads it but does not add to it
    const city = client(t, await t.login('qz_hr'));
    expect((await city('GET', '/api/special-item-proposals?todo=true')).body.items.map((p: { id: string }) => p.id)).not.toContain(created.body.id);
    expectError(await city('POST', `/api/special-item-proposals/${created.body.id}/decision`, { decision: 'approve', code: 'FJ-ZX-2026-001' }), 403);
    const approved = await hr('POST', `/api/special-item-proposals/${created.body.id}/decision`, { decision: 'approve', code: 'FJ-ZX-2026-001' });
    expect(approved.body.status).toBe('approved');
    const items = (await call('GET', '/api/special-items?province=35')).body;
    expect(items.find((i: { name: string }) => i.name === body.name)).toMatchObject({ source: 'developed', code: 'FJ-ZX-2026-001' });
    // …and the school may now file a 专项 assessment institution for it
    const filing = await call('POST', '/api/filings', await filingBody(call, [{ specialItemId: approved.body.specialItemId }], 'special_ability'));
    expect(filing.status).toBe(201);
  });
});

describe('occupation catalog', () => {
  it('ships at least 30 occupations of the 2022 edition; a 2015 code still finds its occupation', async () => {
    const call = client(t, await t.login('candidate'));
    const page = await call('GET', '/api/occupations?pageSize=200');
    expect(page.body.total).toBeGreaterThanOrEqual(30);
    expect((await call('GET', '/api/occupations/6-31-01-03')).body).toMatchObject({ name: '电工', edition: '2022' });
    expect((await call('GET', '/api/occupations/6-30-99-00')).body).toMatchObject({ code: '6-31-07-03', name: '工业机器人系统操作员', levels: [4, 3, 2, 1] });
  });

  it('the platform admin imports occupations from the Excel template: a bad row stores nothing; a good sheet stores all, idempotently', async () => {
    const hr = client(t, await t.login('admin'));
    const template = await t.app.inject({ method: 'GET', url: '/api/occupations/template.xlsx', headers: { cookie: await t.login('admin') } });
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.addRow(['4-99-99-01', '测试职业甲', 'Test A', '5,4,3', 2025, '', '']);
    ws.addRow(['4-99-99-02', '测试职业乙', 'Test B', '四级,三级', '', '', '方向一；方向二']);
    ws.addRow(['bad-code', '', '', '7', '', '', '']);
    const bad = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const refused = await hr('POST', '/api/occupations/import', { contentBase64: bad });
    expect(refused.body.imported).toBe(0);
    expect(refused.body.errors.map((e: { row: number; column: string }) => `${e.row}${e.column}`)).toEqual(expect.arrayContaining(['5A', '5B', '5D']));
    expectError(await hr('GET', '/api/occupations/4-99-99-01'), 404);

    ws.spliceRows(5, 1);
    const good = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    expect((await hr('POST', '/api/occupations/import', { contentBase64: good })).body).toMatchObject({ imported: 2, errors: [] });
    expect((await hr('POST', '/api/occupations/import', { contentBase64: good })).body).toMatchObject({ imported: 0, errors: [] });
    expect((await hr('GET', '/api/occupations/4-99-99-02')).body).toMatchObject({ levels: [4, 3], standardYear: null, workTypes: ['方向一', '方向二'] });
    expect((await hr('POST', '/api/occupations/import', { contentBase64: Buffer.from('not a workbook').toString('base64') })).body.errors[0].message).toMatch(
      /xlsx/,
    );
  });
});

describe('policy profiles', () => {
  it('are readable without login and show what differs between Shanghai and Fujian', async () => {
    const call = client(t);
    expect((await call('GET', '/api/policies')).body.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['shanghai-2022', 'fujian-2024']));
    const cmp = await call('GET', '/api/policies/compare?a=shanghai-2022&b=fujian-2024');
    expect(cmp.body.differences.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['applicants', 'levelCaps', 'candidates', 'filingPath']),
    );
    expect((await call('GET', '/api/policies/for-region/350582')).body.id).toBe('fujian-2024');
    expectError(await call('GET', '/api/policies/nowhere-1999'), 404);
  });
});
