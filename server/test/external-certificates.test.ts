import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { externalCertificates, occupations } from '../src/db/schema.ts';
import { drainJobs, idleJobs } from '../src/modules/jobs/jobs.service.ts';
import { client, expectError } from './helpers/api.ts';
import { makeClearedPlan } from './helpers/certificates.ts';
import { idNumber } from './helpers/enrolment-plan.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * 外部证书 (issue 14 item 3, issue 13 item 1): a school records certificates its students gained elsewhere — one by
 * one or from Excel (all or nothing, idempotent re-import) — marked external and never verified by the public query;
 * bureaus of the region read them; another school sees nothing. The external issuer's 国家职业资格证书 for a plan's
 * cleared candidates. The issuer's key rotation route (certificates issued before still verify).
 */

let t: TestApp;
type Client = ReturnType<typeof client>;
let lg: Client;
let other: Client;
let hr: Client;
let edu: Client;
let farHr: Client;
let pub: Client;
let occupationCode: string;

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const yy = today.slice(2, 4);
let seq = 700;
const nextId = () => idNumber((seq += 1), '20040517');

beforeAll(async () => {
  t = await makeTestApp();
  lg = client(t, await t.login('lg_school_admin'));
  other = client(t, await t.login('dh_school_admin'));
  hr = client(t, await t.login('sh_hr'));
  edu = client(t, await t.login('sh_edu'));
  farHr = client(t, await t.login('fj_hr'));
  pub = client(t);
  const [o] = await t.db.select({ code: occupations.code }).from(occupations).limit(1);
  occupationCode = o!.code;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const form = (over: Record<string, unknown> = {}) => ({
  holderName: '王小明',
  idType: 'resident_id',
  idNumber: nextId(),
  kind: 'skill_level',
  channel: 'social_organisation',
  issuerName: '上海某社会培训评价组织',
  number: `S000031000777${yy}4000001`,
  occupationCode,
  occupationName: '某职业',
  level: 4,
  issuedOn: today,
  ...over,
});

describe('recording one certificate', () => {
  let recorded: { id: string; number: string };

  it('records a 职业技能等级证书 of another institution: marked external, ID number masked', async () => {
    const body = form();
    const res = await lg('POST', '/api/external-certificates', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ external: true, status: 'recorded', kind: 'skill_level', holderName: '王小明', workType: '--' });
    expect(res.body.maskedIdNumber).not.toContain(String(body.idNumber).slice(6, 14));
    expect(res.body.maskedIdNumber).toHaveLength(18);
    recorded = res.body;
  });

  it('the public query never answers “valid” for an external number: not found', async () => {
    const res = await pub('GET', `/api/public/certificates/${recorded.number}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toMatch(/"genuine":true|"status":"valid"/);
  });

  it('checks the number for its kind, the level, the date and the catalog — clear refusals, nothing written', async () => {
    const before = (await t.db.select().from(externalCertificates)).length;
    expectError(await lg('POST', '/api/external-certificates', form({ number: '12345' })), 422, 'EXTCERT.NUMBER_SHAPE');
    expectError(await lg('POST', '/api/external-certificates', form({ number: `S000031000777${yy}3000002` })), 422, 'EXTCERT.NUMBER_LEVEL_MISMATCH');
    expectError(await lg('POST', '/api/external-certificates', form({ issuedOn: '2099-01-01' })), 422, 'EXTCERT.ISSUED_IN_FUTURE');
    expectError(await lg('POST', '/api/external-certificates', form({ occupationCode: '9-99-99-99' })), 422, 'EXTCERT.OCCUPATION_UNKNOWN');
    expectError(await lg('POST', '/api/external-certificates', form({ idNumber: '310115200405170000' })), 422, 'EXTCERT.ID_NUMBER');
    expectError(
      await lg('POST', '/api/external-certificates', form({ kind: 'competition', channel: 'national', level: null, number: 'X-1' })),
      422,
      'EXTCERT.CHANNEL_KIND',
    );
    expectError(await lg('POST', '/api/external-certificates', form({ number: recorded.number })), 409, 'EXTCERT.DUPLICATE');
    expectError(await lg('POST', '/api/external-certificates', { ...form(), idNumber: 'x'.repeat(31) }), 400);
    expect((await t.db.select().from(externalCertificates)).length).toBe(before);
  });

  it('records an older 16-digit 职业资格证书 (year and level in the number)', async () => {
    const res = await lg(
      'POST',
      '/api/external-certificates',
      form({ kind: 'qualification', channel: 'legacy', number: '1231012005400017', issuedOn: '2012-06-01', level: 4 }),
    );
    expect(res.status).toBe(201);
    expectError(
      await lg(
        'POST',
        '/api/external-certificates',
        form({ kind: 'qualification', channel: 'legacy', number: '1231012005400018', issuedOn: '2013-06-01', level: 4 }),
      ),
      422,
      'EXTCERT.NUMBER_YEAR_MISMATCH',
    );
  });

  it('another school sees nothing (404); HR and education bureaus of the region read only; a far bureau sees nothing', async () => {
    expectError(await other('GET', `/api/external-certificates/${recorded.id}`), 404);
    expectError(await other('POST', `/api/external-certificates/${recorded.id}/withdraw`, { reason: '误录' }), 404);
    expect((await other('GET', '/api/external-certificates?pageSize=200')).body.items.map((i: { id: string }) => i.id)).not.toContain(recorded.id);
    expect((await hr('GET', `/api/external-certificates/${recorded.id}`)).body).toMatchObject({ id: recorded.id, external: true });
    expect((await edu('GET', '/api/external-certificates?pageSize=200')).body.items.map((i: { id: string }) => i.id)).toContain(recorded.id);
    expectError(await hr('POST', '/api/external-certificates', form()), 403);
    expectError(await hr('POST', `/api/external-certificates/${recorded.id}/withdraw`, { reason: '误录' }), 403);
    expectError(await farHr('GET', `/api/external-certificates/${recorded.id}`), 404);
  });

  it('withdraws with a reason, once', async () => {
    const res = await lg('POST', `/api/external-certificates/${recorded.id}/withdraw`, { reason: '误录' });
    expect(res.body.status).toBe('withdrawn');
    expectError(await lg('POST', `/api/external-certificates/${recorded.id}/withdraw`, { reason: '误录' }), 409, 'EXTCERT.ALREADY_WITHDRAWN');
    const listed = await lg('GET', `/api/external-certificates?status=withdrawn&q=${encodeURIComponent(recorded.number)}`);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([recorded.id]);
  });
});

describe('import from Excel', () => {
  const ids = [nextId(), nextId(), nextId()];
  async function workbook(rows: (string | number)[][]): Promise<string> {
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/external-certificates/template.xlsx',
      headers: { cookie: await t.login('lg_school_admin') },
    });
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    rows.forEach((r, i) => {
      r.forEach((v, j) => {
        ws.getRow(i + 2).getCell(j + 1).value = v;
      });
    });
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }
  const row = (name: string, id: string, kind: string, channel: string, number: string, level: string) => [
    name,
    '居民身份证',
    id,
    '',
    '',
    kind,
    channel,
    '某技能竞赛组委会',
    number,
    '',
    '某职业',
    '',
    level,
    today,
    '',
  ];

  it('refuses the whole file naming the bad row; nothing is written; fixed, it records every row; the same file again records nothing twice', async () => {
    const before = (await t.db.select().from(externalCertificates)).length;
    const good = [
      row('李一', ids[0]!, '技能竞赛获奖证书', '技能竞赛', `JS-${yy}-001`, ''),
      row('李二', ids[1]!, '专项职业能力证书', '社会培训评价组织', `ZX-${yy}-002`, ''),
    ];
    const bad = await lg('POST', '/api/external-certificates/import', {
      contentBase64: await workbook([...good, row('李三', ids[2]!, '职业技能等级证书', '合作企业', '0000', '3')]),
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ rows: 3, created: 0 });
    expect(bad.body.errors).toEqual([expect.objectContaining({ row: 4, field: 'number', code: 'EXTCERT.NUMBER_SHAPE' })]);
    expect(bad.body.errors[0].message).toContain('22');
    expect((await t.db.select().from(externalCertificates)).length).toBe(before);

    const fixed = await workbook([...good, row('李三', ids[2]!, '职业技能等级证书', '合作企业', `S000031000888${yy}3000009`, '3')]);
    const ok = await lg('POST', '/api/external-certificates/import', { contentBase64: fixed });
    expect(ok.body).toMatchObject({ rows: 3, created: 3, unchanged: 0, errors: [] });
    const again = await lg('POST', '/api/external-certificates/import', { contentBase64: fixed });
    expect(again.body).toMatchObject({ rows: 3, created: 0, unchanged: 3, errors: [] });
    expect((await t.db.select().from(externalCertificates)).length).toBe(before + 3);
  });

  it('refuses a file that is not a workbook, and one from another school’s account cannot touch these rows', async () => {
    expectError(
      await lg('POST', '/api/external-certificates/import', { contentBase64: Buffer.from('not a zip').toString('base64') }),
      400,
      'EXTCERT.FILE_UNREADABLE',
    );
    const theirs = await other('POST', '/api/external-certificates/import', {
      contentBase64: await workbook([row('李一', ids[0]!, '技能竞赛获奖证书', '技能竞赛', `JS-${yy}-001`, '')]),
    });
    expect(theirs.body.errors).toEqual([expect.objectContaining({ row: 2, code: 'EXTCERT.DUPLICATE' })]);
  });
});

describe('国家职业资格证书 from the external issuer, for a plan’s cleared candidates', () => {
  it('records each cleared candidate’s number; refuses an uncleared one; shows them on the plan', async () => {
    const w = await makeClearedPlan(t, { candidates: 3, failing: [2] });
    const level = (await lg('GET', `/api/plans/${w.planId}`)).body.level as number;
    const number = (n: number) => `${yy}31012005${level}${String(n).padStart(5, '0')}`;
    const refused = await lg('POST', `/api/plans/${w.planId}/external-certificates/national`, {
      issuerName: '上海市职业技能鉴定中心',
      issuedOn: today,
      items: [{ enrolmentId: w.candidates[2]!.enrolmentId, number: number(3) }],
    });
    expectError(refused, 422, 'EXTCERT.NOT_CLEARED');
    const ok = await lg('POST', `/api/plans/${w.planId}/external-certificates/national`, {
      issuerName: '上海市职业技能鉴定中心',
      issuedOn: today,
      items: w.candidates.slice(0, 2).map((c, i) => ({ enrolmentId: c.enrolmentId, number: number(i + 1) })),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.externalIssuer).toBe(true);
    expect(ok.body.items).toHaveLength(2);
    expect(ok.body.items.every((i: { record: unknown }) => i.record !== null)).toBe(true);
    const rows = await t.db.select().from(externalCertificates).where(eq(externalCertificates.enrolmentId, w.candidates[0]!.enrolmentId));
    expect(rows[0]).toMatchObject({ channel: 'national', kind: 'qualification', personId: w.candidates[0]!.personId, level });
    expectError(
      await lg('POST', `/api/plans/${w.planId}/external-certificates/national`, {
        issuerName: '上海市职业技能鉴定中心',
        issuedOn: today,
        items: [{ enrolmentId: w.candidates[0]!.enrolmentId, number: number(9) }],
      }),
      409,
      'EXTCERT.ALREADY_RECORDED',
    );
    expectError(await other('GET', `/api/plans/${w.planId}/external-certificates/national`), 404);
  });
});

describe('issuer key rotation', () => {
  async function issue(planId: string) {
    const res = await lg('POST', `/api/plans/${planId}/certificates/batch`, {});
    expect(res.status).toBe(202);
    await drainJobs(t.db);
    await idleJobs(t.db);
    const list = await lg('GET', `/api/certificates?planId=${planId}&pageSize=10`);
    return list.body.items[0] as { id: string; number: string };
  }
  const credential = async (id: string) =>
    JSON.parse((await t.app.inject({ method: 'GET', url: `/api/certificates/${id}/credential`, headers: { cookie: await t.login('lg_school_admin') } })).body);
  const method = (vc: { proof: { verificationMethod: string } }) => vc.proof.verificationMethod.split('#')[1];

  it('the school’s admin rotates its key (audited): a certificate of before still verifies, one after uses the new key', async () => {
    const before = await issue((await makeClearedPlan(t, { candidates: 1 })).planId);
    const oldVc = await credential(before.id);
    await new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000)));
    const rotated = await lg('POST', '/api/certificates/issuer-key/rotate');
    expect(rotated.status).toBe(200);
    expect(`key-${rotated.body.keyNo}`).not.toBe(method(oldVc));
    const after = await issue((await makeClearedPlan(t, { candidates: 1 })).planId);
    const newVc = await credential(after.id);
    expect(method(newVc)).toBe(`key-${rotated.body.keyNo}`);
    expect((await pub('POST', '/api/public/verify', oldVc)).body.valid).toBe(true);
    expect((await pub('POST', '/api/public/verify', newVc)).body.valid).toBe(true);
    expect((await pub('GET', `/api/public/certificates/${before.number}`)).body.genuine).toBe(true);
    const audited = await queryRows<{ actor_name: string; after: { keyNo: number } }>(
      t.db,
      sql`select actor_name, after from audit_log where action = 'credential.key.rotate' order by seq desc limit 1`,
    );
    expect(audited[0]).toMatchObject({ actor_name: 'lg_school_admin', after: { keyNo: rotated.body.keyNo } });
    const hrRotated = await hr('POST', '/api/certificates/issuer-key/rotate');
    expect(hrRotated.status).toBe(200);
  });
});
