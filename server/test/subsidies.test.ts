import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { certificates, institutions, persons, subsidyClaims, users } from '../src/db/schema.ts';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * 职业技能提升补贴 (R11) over the real HTTP API: the holder's claim and each refusal by its rule and check (nothing
 * written), the school's bulk application (per-row, idempotent), review by the bureau of the holder's place only,
 * payment recorded once even when sent twice at the same moment, totals.
 * Fixture certificates are copies of the demo holder's certificate written straight to the table (issuance has its
 * own tests): same institution (临港, 浦东 310115 → 浦东新区人社局 reviews), other levels, occupations and dates.
 */
let t: TestApp;
let holder: ReturnType<typeof client>;
let school: ReturnType<typeof client>;
let pdHr: ReturnType<typeof client>;
let shHr: ReturnType<typeof client>;
let qzHr: ReturnType<typeof client>;
let duanYu: { personId: string; certificateId: string; occupationCode: string };
let serial = 0;

const BANK = '6222021001122334455';
const day = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A certificate like the demo holder's, for a person, with another level / occupation / issue date. */
async function fixtureCertificate(personId: string, o: { level?: number; occupationCode?: string; issuedOn?: string; status?: string } = {}) {
  const [base] = await t.db.select().from(certificates).where(eq(certificates.id, duanYu.certificateId));
  const [p] = await t.db.select({ name: persons.name }).from(persons).where(eq(persons.id, personId));
  serial += 1;
  const { id: _id, createdAt: _c, ...rest } = base!;
  const [row] = await t.db
    .insert(certificates)
    .values({
      ...rest,
      number: `S${String(900000000000000000000n + BigInt(process.pid % 100000) * 1000n + BigInt(serial)).slice(0, 21)}`,
      enrolmentId: null,
      personId,
      holderName: p!.name,
      level: o.level ?? base!.level,
      occupationCode: o.occupationCode ?? base!.occupationCode,
      issuedOn: o.issuedOn ?? base!.issuedOn,
      status: o.status ?? 'valid',
    })
    .returning({ id: certificates.id, number: certificates.number });
  return row!;
}

async function personNamed(name: string): Promise<string> {
  const [p] = await t.db.select({ id: persons.id }).from(persons).where(eq(persons.name, name)).limit(1);
  return p!.id;
}

async function claimCount(): Promise<number> {
  const rows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from subsidy_claims`);
  return rows[0]!.n;
}

beforeAll(async () => {
  t = await makeTestApp();
  holder = client(t, await t.login('candidate'));
  school = client(t, await t.login('lg_school_admin'));
  pdHr = client(t, await t.login('pd_hr'));
  shHr = client(t, await t.login('sh_hr'));
  qzHr = client(t, await t.login('qz_hr'));
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, 'candidate'));
  const [p] = await t.db.select({ id: persons.id }).from(persons).where(eq(persons.userId, u!.id));
  const [c] = await t.db
    .select({ id: certificates.id, occupationCode: certificates.occupationCode })
    .from(certificates)
    .where(and(eq(certificates.personId, p!.id), eq(certificates.status, 'valid')));
  duanYu = { personId: p!.id, certificateId: c!.id, occupationCode: c!.occupationCode! };
  // The demo institution was listed recently; a certificate past the claim window needs it listed before then.
  const [ci] = await t.db.select({ institutionId: certificates.institutionId }).from(certificates).where(eq(certificates.id, c!.id));
  await t.db
    .update(institutions)
    .set({ validFrom: day(-900) })
    .where(eq(institutions.id, ci!.institutionId!));
});
afterAll(async () => t.close());

describe('subsidies (R11)', () => {
  let firstClaim: string;

  it('R11: the demo world holds claims in each state for 浦东新区人社局 (pd_hr), none for another bureau', async () => {
    const res = await pdHr('GET', '/api/subsidy-claims?pageSize=50');
    const states = new Set((res.body.items as { status: string }[]).map((c) => c.status));
    expect([...states].sort()).toEqual(['approved', 'paid', 'refused', 'submitted']);
    const refused = (res.body.items as { status: string; holderName: string; reason: string }[]).find((c) => c.status === 'refused');
    expect(refused).toMatchObject({ holderName: '段誉' });
    expect(refused!.reason.length).toBeGreaterThan(5);
    expect((await pdHr('GET', '/api/subsidy-claims?todo=true')).body.total).toBe(1);
    expect((await qzHr('GET', '/api/subsidy-claims')).body.total).toBe(0);
  });

  it('R11: the holder claims against a valid certificate; every check is shown; the bank account is sealed and masked', async () => {
    const res = await holder('POST', '/api/me/subsidy-claims', { certificateId: duanYu.certificateId, bankAccount: '6222 0210 0112 2334 455' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    firstClaim = res.body.id;
    expect(res.body).toMatchObject({ status: 'submitted', channel: 'holder', level: 4, amount: 1500, regionCode: '310115' });
    expect(res.body.reviewerName).toContain('浦东新区');
    expect(res.body.checks.map((k: { name: string; outcome: string }) => `${k.name}:${k.outcome}`)).toEqual([
      'certificate:pass',
      'window:pass',
      'once_per_level:pass',
      'per_year:pass',
      'no_lower_after_higher:pass',
      'amount:pass',
      'local_rules:pass',
    ]);
    expect(res.body.bankAccountMasked).toBe(`6${'*'.repeat(BANK.length - 3)}55`);
    expect(JSON.stringify(res.body)).not.toContain(BANK);
    const [row] = await t.db.select().from(subsidyClaims).where(eq(subsidyClaims.id, firstClaim));
    expect(row!.bankAccountCipher).not.toContain(BANK);
    expect(t.identity.open(row!.bankAccountCipher!)).toBe(BANK);
    // Never in the audit log either.
    const audit = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where (before::text || after::text) like ${`%${BANK.slice(-8)}%`}`,
    );
    expect(audit[0]!.n).toBe(0);
    const mine = await holder('GET', '/api/me/subsidy-claims');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(firstClaim);
  });

  it('R11: a second claim for the same person, occupation and level is refused (409, rule and check); nothing written', async () => {
    const before = await claimCount();
    const res = await holder('POST', '/api/me/subsidy-claims', { certificateId: duanYu.certificateId, bankAccount: BANK });
    expectError(res, 409, 'SUBSIDY.ALREADY_CLAIMED');
    expect(res.body.error.details).toMatchObject({ rule: 'R11', check: 'once_per_level' });
    expect(await claimCount()).toBe(before);
  });

  it('R11: a lower level after a higher one in the same occupation is refused', async () => {
    const lower = await fixtureCertificate(duanYu.personId, { level: 5 });
    const res = await holder('POST', '/api/me/subsidy-claims', { certificateId: lower.id, bankAccount: BANK });
    expectError(res, 422, 'SUBSIDY.LOWER_AFTER_HIGHER');
    expect(res.body.error.details).toMatchObject({ rule: 'R11', check: 'no_lower_after_higher', detail: { level: 5, higherClaimed: 4 } });
  });

  it('R11: a claim after the window (12 months from issue) is refused', async () => {
    const old = await fixtureCertificate(duanYu.personId, { occupationCode: '4-04-05-01', issuedOn: day(-400) });
    const res = await holder('POST', '/api/me/subsidy-claims', { certificateId: old.id, bankAccount: BANK });
    expectError(res, 422, 'SUBSIDY.WINDOW_CLOSED');
    expect(res.body.error.details).toMatchObject({ rule: 'R11', check: 'window' });
  });

  it('R11: the 4th claim of a person in a year is refused; a revoked certificate or someone else’s is not claimable', async () => {
    const second = await fixtureCertificate(duanYu.personId, { occupationCode: '4-04-05-02', level: 3 });
    const third = await fixtureCertificate(duanYu.personId, { occupationCode: '4-04-05-03', level: 5 });
    const fourth = await fixtureCertificate(duanYu.personId, { occupationCode: '4-04-05-04' });
    const r2 = await holder('POST', '/api/me/subsidy-claims', { certificateId: second.id, bankAccount: BANK });
    expect(r2.status, JSON.stringify(r2.body)).toBe(201);
    expect(r2.body.amount).toBe(2000);
    expect((await holder('POST', '/api/me/subsidy-claims', { certificateId: third.id, bankAccount: BANK })).status).toBe(201);
    const r4 = await holder('POST', '/api/me/subsidy-claims', { certificateId: fourth.id, bankAccount: BANK });
    expectError(r4, 409, 'SUBSIDY.YEAR_LIMIT');
    expect(r4.body.error.details).toMatchObject({ rule: 'R11', check: 'per_year', detail: { claims: 3, max: 3 } });

    const revoked = await fixtureCertificate(duanYu.personId, { occupationCode: '4-04-05-05', status: 'revoked' });
    const r5 = await holder('POST', '/api/me/subsidy-claims', { certificateId: revoked.id, bankAccount: BANK });
    expectError(r5, 422, 'SUBSIDY.CERTIFICATE_NOT_ELIGIBLE');
    expect(r5.body.error.details).toMatchObject({ rule: 'R11', check: 'certificate' });
    const other = await fixtureCertificate(await personNamed('虚竹'));
    expectError(await holder('POST', '/api/me/subsidy-claims', { certificateId: other.id, bankAccount: BANK }), 404);
    expectError(await holder('POST', '/api/me/subsidy-claims', { certificateId: duanYu.certificateId, bankAccount: '12ab' }), 400);
  });

  it('R11: only the bureau of the holder’s place reviews — another region’s bureau 404, the city above 403', async () => {
    expectError(await qzHr('POST', `/api/subsidy-claims/${firstClaim}/review`, { decision: 'approve' }), 404);
    expectError(await qzHr('GET', `/api/subsidy-claims/${firstClaim}`), 404);
    expectError(await shHr('POST', `/api/subsidy-claims/${firstClaim}/review`, { decision: 'approve' }), 403, 'SUBSIDY.NOT_REVIEWER');
    expect((await shHr('GET', `/api/subsidy-claims/${firstClaim}`)).status).toBe(200);
    const todo = await pdHr('GET', '/api/subsidy-claims?todo=true');
    expect(todo.body.items.map((c: { id: string }) => c.id)).toContain(firstClaim);
    expectError(await pdHr('POST', `/api/subsidy-claims/${firstClaim}/payment`, { paidOn: day(0), amount: 1500, bankReference: 'PAY-0001' }), 409);
    const ok = await pdHr('POST', `/api/subsidy-claims/${firstClaim}/review`, { decision: 'approve' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('approved');
    expectError(await pdHr('POST', `/api/subsidy-claims/${firstClaim}/review`, { decision: 'refuse', reason: '重复' }), 409, 'SUBSIDY.WRONG_STATUS');
  });

  it('R11: payment ≤ the approved amount, recorded once — two payments at the same moment write one (double payment refused)', async () => {
    expectError(
      await pdHr('POST', `/api/subsidy-claims/${firstClaim}/payment`, { paidOn: day(0), amount: 1501, bankReference: 'PAY-0001' }),
      422,
      'SUBSIDY.PAYMENT_EXCEEDS',
    );
    expectError(await shHr('POST', `/api/subsidy-claims/${firstClaim}/payment`, { paidOn: day(0), amount: 1500, bankReference: 'PAY-0001' }), 403);
    const [a, b] = await Promise.all([
      pdHr('POST', `/api/subsidy-claims/${firstClaim}/payment`, { paidOn: day(0), amount: 1500, bankReference: 'PAY-A' }),
      pdHr('POST', `/api/subsidy-claims/${firstClaim}/payment`, { paidOn: day(0), amount: 1500, bankReference: 'PAY-B' }),
    ]);
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const loser = a!.status === 409 ? a! : b!;
    expect(loser.body.error.code).toBe('SUBSIDY.ALREADY_PAID');
    const [row] = await t.db.select().from(subsidyClaims).where(eq(subsidyClaims.id, firstClaim));
    expect(row).toMatchObject({ status: 'paid', paidAmount: 1500 });
    expect(['PAY-A', 'PAY-B']).toContain(row!.bankReference);
    const again = await pdHr('POST', `/api/subsidy-claims/${firstClaim}/payment`, { paidOn: day(0), amount: 1, bankReference: 'PAY-C' });
    expectError(again, 409, 'SUBSIDY.ALREADY_PAID');
    const pays = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action = 'subsidy.pay' and target_id = ${firstClaim}`);
    expect(pays[0]!.n).toBe(1);
  });

  it('R11: the school applies in bulk — per-row results, idempotent; a refused claim does not block a new one', async () => {
    const xuZhu = await personNamed('虚竹');
    const fresh = await fixtureCertificate(xuZhu, { occupationCode: '4-04-05-09' });
    const late = await fixtureCertificate(xuZhu, { occupationCode: '4-04-05-08', issuedOn: day(-500) });
    const rows = [
      { certificateNumber: fresh.number, bankAccount: BANK },
      { certificateNumber: late.number, bankAccount: BANK },
      { certificateNumber: 'S000000000000000000001', bankAccount: BANK },
    ];
    const res = await school('POST', '/api/subsidy-claims/bulk', { rows });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows.map((r: { outcome: string; code: string | null }) => `${r.outcome}:${r.code}`)).toEqual([
      'created:null',
      'refused:SUBSIDY.WINDOW_CLOSED',
      'refused:SUBSIDY.UNKNOWN_CERTIFICATE',
    ]);
    expect(res.body.rows[1]).toMatchObject({ rule: 'R11', check: 'window' });
    const again = await school('POST', '/api/subsidy-claims/bulk', { rows: rows.slice(0, 1) });
    expect(again.body).toMatchObject({ created: 0, existing: 1, refused: 0 });
    const claimId = res.body.rows[0].claimId as string;
    const refused = await pdHr('POST', `/api/subsidy-claims/${claimId}/review`, { decision: 'refuse', reason: '银行账户户名与持证人不符' });
    expect(refused.body).toMatchObject({ status: 'refused', reason: '银行账户户名与持证人不符' });
    const third = await school('POST', '/api/subsidy-claims/bulk', { rows: rows.slice(0, 1) });
    expect(third.body).toMatchObject({ created: 1, existing: 0 });
    // Another school does not see this school's certificates.
    const other = client(t, await t.login('qz_school_admin'));
    const foreign = await other('POST', '/api/subsidy-claims/bulk', { rows: rows.slice(0, 1) });
    expect(foreign.body.rows[0].code).toBe('SUBSIDY.UNKNOWN_CERTIFICATE');
    const list = await school('GET', `/api/subsidy-claims?channel=school&q=${encodeURIComponent('虚竹')}`);
    expect(list.body.total).toBe(2);

    // The same from Excel: a column 证书编号 and a column 银行账号 (numbers typed as numbers too), per-row result.
    const fromExcel = await fixtureCertificate(xuZhu, { occupationCode: '4-04-05-07' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('补贴申请');
    ws.addRow(['证书编号', '银行账号']);
    ws.addRow([fromExcel.number, Number('6222021001122334')]);
    ws.addRow([fresh.number, '12-34']);
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const imported = await school('POST', '/api/subsidy-claims/bulk/xlsx', { filename: 'claims.xlsx', contentBase64 });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.rows.map((r: { row: number; outcome: string; code: string | null }) => `${r.row}:${r.outcome}:${r.code}`)).toEqual([
      '2:created:null',
      '3:refused:SUBSIDY.BAD_BANK_ACCOUNT',
    ]);
    expectError(
      await school('POST', '/api/subsidy-claims/bulk/xlsx', { filename: 'x.xlsx', contentBase64: Buffer.from('not a workbook').toString('base64') }),
      422,
    );
  });

  it('R11: totals per region, period and level (API and Excel), in scope', async () => {
    const res = await pdHr('GET', '/api/subsidy-claims/totals?period=year');
    expect(res.status).toBe(200);
    const lines = res.body.lines as { regionCode: string; level: number; paid: number; paidAmount: number; period: string }[];
    const four = lines.find((l) => l.regionCode === '310115' && l.level === 4 && l.period === day(0).slice(0, 4));
    expect(four?.paidAmount).toBeGreaterThanOrEqual(1500);
    expect((await qzHr('GET', '/api/subsidy-claims/totals')).body.lines.filter((l: { regionCode: string }) => l.regionCode === '310115')).toEqual([]);
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/subsidy-claims/totals.xlsx', headers: { cookie: await t.login('pd_hr') } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
