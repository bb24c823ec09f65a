import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectError, makeSchool, orgIdByName, rowCount } from './helpers/api.ts';
import { act, draftFiling, filingBody, PASSING_SHEET } from './helpers/filings.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

const ELECTRICIAN = '6-31-01-03';
const ROBOT_OPERATOR = '6-31-07-03';

describe('filing (备案) in Shanghai', () => {
  it('R7: a 高职 files with 市教委; edu reviews, HR and edu assess, HR reports and lists; it appears in the public catalog', async () => {
    const school = client(t, await t.login('school_admin'));
    const id = await draftFiling(t, 'school_admin', [
      { occupationCode: ELECTRICIAN, level: 4 },
      { occupationCode: ELECTRICIAN, level: 3 },
      { occupationCode: ROBOT_OPERATOR, level: 4 },
    ]);
    const submitted = await school('POST', `/api/filings/${id}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');

    const edu = client(t, await t.login('sh_edu'));
    const hr = client(t, await t.login('sh_hr'));
    // the to-do lists: waiting for 市教委, not for HR yet
    expect((await edu('GET', '/api/filings?todo=true')).body.items.map((f: { id: string }) => f.id)).toContain(id);
    expect((await hr('GET', '/api/filings?todo=true')).body.items.map((f: { id: string }) => f.id)).not.toContain(id);
    expectError(await hr('POST', `/api/filings/${id}/transitions`, { action: 'approve' }), 403, 'FILING.NOT_YOUR_STEP');

    expect((await act(edu, id, { action: 'approve', expectedStatus: 'submitted' })).status).toBe('edu_reviewed');
    expect((await act(hr, id, { action: 'start_assessment' })).status).toBe('tech_assessment');
    expectError(await hr('POST', `/api/filings/${id}/transitions`, { action: 'report' }), 422, 'FILING.ASSESSMENT_REQUIRED');
    const assessed = await act(edu, id, { action: 'assess', assessment: PASSING_SHEET });
    expect(assessed.assessment).toMatchObject({ total: 83, passed: true });
    expect((await act(hr, id, { action: 'report' })).status).toBe('reported');
    const listed = await act(hr, id, { action: 'list' });
    expect(listed.status).toBe('listed');
    expect(listed.institutionId).toBeTruthy();

    // the timeline keeps who, when and what
    expect(listed.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'approve', 'start_assessment', 'assess', 'report', 'list']);
    expect(listed.events[2]).toMatchObject({ actorOrg: '上海市教育委员会', fromStatus: 'submitted', toStatus: 'edu_reviewed' });

    // R10: free public catalog, no login; Shanghai reports to 人社部 → a national code 0001–9999
    const pub = await client(t)('GET', `/api/public/institutions?q=${encodeURIComponent('浦江')}`);
    expect(pub.status).toBe(200);
    const entry = pub.body.items[0];
    expect(entry).toMatchObject({ name: '上海浦江职业技术学院（演示）', status: 'listed', regionCode: '310115' });
    expect(entry.code).toMatch(/^(?!0000)\d{4}$/);
    expect(entry.certificatePrefix).toBe(`S${entry.code}31${entry.certificatePrefix.slice(7)}`);
    expect(entry.certificatePrefix).toMatch(/^S\d{12}$/);
    expect(entry.scope).toHaveLength(3);
    expect(entry.validTo > entry.validFrom).toBe(true);
    const byOccupation = await client(t)('GET', `/api/public/institutions?occupation=${encodeURIComponent('电工')}`);
    expect(byOccupation.body.items.map((i: { id: string }) => i.id)).toContain(entry.id);
    const byRegion = await client(t)('GET', '/api/public/institutions?region=350000');
    expect(byRegion.body.items.map((i: { id: string }) => i.id)).not.toContain(entry.id);
  });

  it('R1: a Shanghai 中职 without 贯通培养 majors is refused on submit, naming R1', async () => {
    const id = await draftFiling(t, 'sh_sec_admin', [{ occupationCode: '4-03-02-01', level: 4 }]);
    const res = await client(t, await t.login('sh_sec_admin'))('POST', `/api/filings/${id}/submit`, {});
    expectError(res, 422, 'FILING.NOT_ELIGIBLE');
    expect(res.body.error.details.rule).toBe('R1');
    expect(res.body.error.details.checks[0]).toMatchObject({ rule: 'R1', condition: 'secondary_runs_through_programs', pass: false });
    expect((await client(t, await t.login('admin'))('GET', `/api/filings/${id}`)).body.status).toBe('draft');
  });

  it('R1 is checked again when the reviewer approves', async () => {
    const schoolId = await orgIdByName(t, '上海申江中等专业学校');
    const id = await draftFiling(t, 'sh_through_admin', [{ occupationCode: '6-31-01-03', level: 4 }]);
    expect((await client(t, await t.login('sh_through_admin'))('POST', `/api/filings/${id}/submit`, {})).status).toBe(200);
    // HR withdraws the school's 贯通 status before 市教委 approves
    await client(t, await t.login('sh_hr'))('PATCH', `/api/organisations/${schoolId}`, { runsThroughPrograms: false });
    const res = await client(t, await t.login('sh_edu'))('POST', `/api/filings/${id}/transitions`, { action: 'approve' });
    expectError(res, 422, 'FILING.NOT_ELIGIBLE');
    expect(res.body.error.details.rule).toBe('R1');
  });
});

describe('filing (备案) in Fujian', () => {
  it('R3: a Fujian 中职 asking for 三级 is refused, naming R3 and the scope line', async () => {
    const id = await draftFiling(t, 'qz_sec_admin', [
      { occupationCode: '4-03-02-01', level: 4 },
      { occupationCode: '4-03-02-01', level: 3 },
    ]);
    const res = await client(t, await t.login('qz_sec_admin'))('POST', `/api/filings/${id}/submit`, {});
    expectError(res, 422, 'FILING.NOT_ELIGIBLE');
    expect(res.body.error.details).toMatchObject({ rule: 'R3', line: 1, scopeLine: { occupationCode: '4-03-02-01', level: 3 } });
  });

  it('R8: a county school files with the city HR bureau; the province lists it with code 0000', async () => {
    const id = await draftFiling(t, 'qz_school_admin', [
      { occupationCode: ROBOT_OPERATOR, level: 4 },
      { occupationCode: ROBOT_OPERATOR, level: 3 },
    ]);
    expect((await client(t, await t.login('qz_school_admin'))('POST', `/api/filings/${id}/submit`, {})).status).toBe(200);
    const qz = client(t, await t.login('qz_hr'));
    const fj = client(t, await t.login('fj_hr'));
    expectError(await fj('POST', `/api/filings/${id}/transitions`, { action: 'approve' }), 403, 'FILING.NOT_YOUR_STEP');
    expect((await act(qz, id, { action: 'approve' })).status).toBe('tech_assessment');
    await act(qz, id, { action: 'assess', assessment: PASSING_SHEET });
    await act(qz, id, { action: 'report' });
    expect((await fj('GET', '/api/filings?todo=true')).body.items.map((f: { id: string }) => f.id)).toContain(id);
    const listed = await act(fj, id, { action: 'list' });
    const inst = (await qz('GET', `/api/institutions/${listed.institutionId}`)).body;
    expect(inst).toMatchObject({ code: '0000', profileId: 'fujian-2024' });
    expect(inst.certificatePrefix).toMatch(/^S000035\d{6}$/);
  });

  it('a reviewer outside the region never sees the filing (404)', async () => {
    const { username } = await makeSchool(t, { regionCode: '350582' });
    const someId = await draftFiling(t, username, [{ occupationCode: ELECTRICIAN, level: 4 }]);
    await client(t, await t.login(username))('POST', `/api/filings/${someId}/submit`, {});
    expectError(await client(t, await t.login('sh_hr'))('GET', `/api/filings/${someId}`), 404);
    expectError(await client(t, await t.login('sh_edu'))('POST', `/api/filings/${someId}/transitions`, { action: 'approve' }), 404);
  });
});

describe('bad input and races', () => {
  it('unknown occupations, levels the standard lacks and incomplete applications are refused; nothing half-written', async () => {
    const call = client(t, await t.login('qz_bachelor_admin'));
    const before = await rowCount(t, 'audit_log');
    expectError(await call('POST', '/api/filings', await filingBody(call, [{ occupationCode: '9-99-99-99', level: 4 }])), 422, 'FILING.UNKNOWN_OCCUPATION');
    const lacking = await call('POST', '/api/filings', await filingBody(call, [{ occupationCode: ROBOT_OPERATOR, level: 5 }]));
    expectError(lacking, 422, 'FILING.LEVEL_NOT_OFFERED');
    expect(lacking.body.error.details.issues[0].path).toBe('body.scope.0.level');
    expectError(await call('POST', '/api/filings', { kind: 'skill_level', scope: [] }), 400, 'VALIDATION.FAILED');
    // two uploads happened (they are writes of their own); no filing row, no filing audit entry
    expect(await rowCount(t, 'audit_log')).toBe(before + 2);

    const empty = await call('POST', '/api/filings', { ...(await filingBody(call, [])), sites: [], assessors: [] });
    expect(empty.status).toBe(201);
    const res = await call('POST', `/api/filings/${empty.body.id}/submit`, {});
    expectError(res, 422, 'FILING.INCOMPLETE');
    expect(res.body.error.details.missing).toEqual(['scope', 'sites', 'assessors']);
  });

  it('transitions out of order are 409; a second concurrent approval of the same step gets 409 and one history row', async () => {
    const { username } = await makeSchool(t);
    const id = await draftFiling(t, username, [{ occupationCode: ELECTRICIAN, level: 5 }]);
    expect((await client(t, await t.login(username))('POST', `/api/filings/${id}/submit`, {})).status).toBe(200);
    const hr = client(t, await t.login('sh_hr'));
    expectError(await hr('POST', `/api/filings/${id}/transitions`, { action: 'list' }), 409, 'FILING.TRANSITION_OUT_OF_ORDER');
    const edu1 = client(t, await t.login('sh_edu'));
    const edu2 = client(t, await t.login('sh_edu'));
    const [a, b] = await Promise.all([
      edu1('POST', `/api/filings/${id}/transitions`, { action: 'approve', expectedStatus: 'submitted' }),
      edu2('POST', `/api/filings/${id}/transitions`, { action: 'approve', expectedStatus: 'submitted' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const detail = await edu1('GET', `/api/filings/${id}`);
    expect(detail.body.events.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
    expect(detail.body.status).toBe('edu_reviewed');
  });

  it('returning needs a reason; the school edits and resubmits', async () => {
    const { username } = await makeSchool(t);
    const id = await draftFiling(t, username, [{ occupationCode: ELECTRICIAN, level: 4 }]);
    const school = client(t, await t.login(username));
    await school('POST', `/api/filings/${id}/submit`, {});
    const edu = client(t, await t.login('sh_edu'));
    expectError(await edu('POST', `/api/filings/${id}/transitions`, { action: 'return' }), 400, 'FILING.REASON_REQUIRED');
    const returned = await act(edu, id, { action: 'return', reason: '考评员名册缺少证书编号扫描件' });
    expect(returned.status).toBe('returned');
    expect(returned.events.at(-1)).toMatchObject({ reason: '考评员名册缺少证书编号扫描件', actorOrg: '上海市教育委员会' });
    const body = { ...(await filingBody(school, [{ occupationCode: ELECTRICIAN, level: 4 }])), kind: 'skill_level' };
    expect((await school('PUT', `/api/filings/${id}`, body)).status).toBe(200);
    expect((await school('POST', `/api/filings/${id}/submit`, {})).body.status).toBe('submitted');
  });
});

describe('demo world', () => {
  it('starts with a listed Shanghai institution in the public catalog and a Fujian application in 泉州 HR’s to-do list', async () => {
    const pub = await client(t)('GET', `/api/public/institutions?q=${encodeURIComponent('临港')}`);
    expect(pub.body.items[0]).toMatchObject({ name: '上海临港职业技术学院（演示）', status: 'listed' });
    const todo = await client(t, await t.login('qz_hr'))('GET', '/api/filings?todo=true');
    expect(todo.body.items.map((f: { orgName: string }) => f.orgName)).toContain('泉州鲤城技师学院（演示）');
    const searched = await client(t, await t.login('fj_edu'))('GET', `/api/filings?q=${encodeURIComponent('鲤城')}&region=350500`);
    expect(searched.body.items.map((f: { orgName: string }) => f.orgName)).toEqual(['泉州鲤城技师学院（演示）']);
    expect((await client(t, await t.login('fj_edu'))('GET', '/api/filings?region=310000')).body.total).toBe(0);
    const audit = await client(t, await t.login('admin'))('GET', '/api/audit/verify');
    expect(audit.body.ok).toBe(true);
  });
});
