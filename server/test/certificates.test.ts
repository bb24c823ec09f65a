import { eq, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { queryRows } from '../src/db/client.ts';
import { certificates, institutions, institutionScope, serials } from '../src/db/schema.ts';
import { holdersOfCertificate } from '../src/modules/enrolments/certificates.port.ts';
import { drainJobs, idleJobs } from '../src/modules/jobs/jobs.service.ts';
import { client, expectError } from './helpers/api.ts';
import { makeClearedPlan } from './helpers/certificates.ts';
import type { EvaluationWorld } from './helpers/evaluation.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let school: ReturnType<typeof client>;
let pub: ReturnType<typeof client>;
let w: EvaluationWorld;
const NUMBER = /^S\d{21}$/;

async function issue(planId: string, body: Record<string, unknown> = {}) {
  const res = await school('POST', `/api/plans/${planId}/certificates/batch`, body);
  if (res.status === 202) {
    await drainJobs(t.db);
    await idleJobs(t.db);
  }
  return res;
}

async function ofPlan(planId: string) {
  return t.db.select().from(certificates).where(eq(certificates.planId, planId)).orderBy(certificates.number);
}

beforeAll(async () => {
  t = await makeTestApp();
  school = client(t, await t.login('lg_school_admin'));
  pub = client(t);
  // 5 candidates: #3 failed the practical, #4 has an open objection.
  w = await makeClearedPlan(t, { candidates: 5, failing: [3], objecting: [4] });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('issuance (R9)', () => {
  it('R9: refused before the plan’s publicity closed, nothing written', async () => {
    const running = await makeClearedPlan(t, { candidates: 1, publicityRunning: true });
    expectError(await issue(running.planId), 422, 'CERT.PUBLICITY_NOT_CLOSED');
    expect(await ofPlan(running.planId)).toHaveLength(0);
  });

  it('R9: refuses a failed or uncleared candidate by name, nothing written', async () => {
    const res = await issue(w.planId, { enrolmentIds: [w.candidates[0]!.enrolmentId, w.candidates[3]!.enrolmentId] });
    expectError(res, 422, 'CERT.NOT_CLEARED');
    expect(JSON.stringify(res.body.error.details)).toContain('not_passed');
    expectError(await issue(w.planId, { enrolmentIds: [w.candidates[4]!.enrolmentId] }), 422, 'CERT.NOT_CLEARED');
    expect(await ofPlan(w.planId)).toHaveLength(0);
  });

  it('a batch issues each cleared candidate one certificate, consecutive numbers per DOMAIN §7', async () => {
    const res = await issue(w.planId);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const rows = await ofPlan(w.planId);
    expect(rows.map((r) => r.enrolmentId).sort()).toEqual(
      w.candidates
        .slice(0, 3)
        .map((c) => c.enrolmentId)
        .sort(),
    );
    const [inst] = await t.db.select().from(institutions).where(eq(institutions.id, w.institutionId));
    const yy = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear() % 100).padStart(2, '0');
    for (const r of rows) {
      expect(r.number).toMatch(NUMBER);
      expect(r.number.slice(0, 13)).toBe(inst!.certificatePrefix);
      expect(r.number.slice(13, 15)).toBe(yy);
      expect(r.number.slice(15, 16)).toBe('4');
      expect(r.credential).toContain(r.number);
      expect(r.checks?.every((c) => c.outcome === 'pass')).toBe(true);
      expect(r.credentialHash).toMatch(/^[0-9a-f]{64}$/);
    }
    const serialsUsed = rows.map((r) => Number(r.number.slice(16))).sort((a, b) => a - b);
    expect(serialsUsed).toEqual([serialsUsed[0], serialsUsed[0]! + 1, serialsUsed[0]! + 2]);
    const [counter] = await t.db
      .select()
      .from(serials)
      .where(eq(serials.name, `cert:${inst!.certificatePrefix}:${yy}:4`));
    expect(counter!.value).toBe(serialsUsed[2]);
    const batch = await school('GET', `/api/plans/${w.planId}/certificates/batch`);
    expect(batch.body).toMatchObject({ status: 'done', issued: 3 });
    expect(batch.body.notCleared.flatMap((n: { blocks: string[] }) => n.blocks).sort()).toEqual(['not_passed', 'objection_open']);
  });

  it('twice: refused, and nothing issued twice', async () => {
    expectError(await issue(w.planId), 409, 'CERT.ALREADY_ISSUED');
    expectError(await issue(w.planId, { enrolmentIds: [w.candidates[0]!.enrolmentId] }), 409, 'CERT.ALREADY_ISSUED');
    expect(await ofPlan(w.planId)).toHaveLength(3);
  });

  it('the enrolment rule now sees the holders (certificates port)', async () => {
    const held = await holdersOfCertificate(t.db, await occupationIdOf(), 4);
    expect(held.has(`resident_id:${t.identity.hash(w.candidates[0]!.idNumber)}`)).toBe(true);
    expect(held.has(`resident_id:${t.identity.hash(w.candidates[3]!.idNumber)}`)).toBe(false);
  });

  it('R9: refused out of the institution’s scope, and while it is suspended (earlier certificates still verify)', async () => {
    const other = await makeClearedPlan(t, { candidates: 1 });
    await t.db.update(institutionScope).set({ suspendedAt: new Date() }).where(eq(institutionScope.institutionId, w.institutionId));
    expectError(await issue(other.planId), 422, 'CERT.OUT_OF_SCOPE');
    await t.db.update(institutionScope).set({ suspendedAt: null }).where(eq(institutionScope.institutionId, w.institutionId));
    await t.db.update(institutions).set({ status: 'suspended' }).where(eq(institutions.id, w.institutionId));
    try {
      expectError(await issue(other.planId), 422, 'CERT.INSTITUTION_SUSPENDED');
      const [first] = await ofPlan(w.planId);
      const res = await pub('GET', `/api/public/certificates/${first!.number}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'valid', genuine: true });
    } finally {
      await t.db.update(institutions).set({ status: 'listed' }).where(eq(institutions.id, w.institutionId));
    }
    expect(await ofPlan(other.planId)).toHaveLength(0);
  });

  it('another school may not issue this plan’s certificates', async () => {
    const other = client(t, await t.login('school_admin'));
    expectError(await other('POST', `/api/plans/${w.planId}/certificates/batch`, {}), 404);
  });
});

async function occupationIdOf(): Promise<string> {
  const rows = await queryRows<{ id: string }>(t.db, sql`select id from occupations where code = '6-31-07-03'`);
  return rows[0]!.id;
}

describe('public verification (R10): free, no login, masked', () => {
  it('by number: masked name, fields, checks from the database; never an ID number', async () => {
    const [c] = await ofPlan(w.planId);
    const cand = w.candidates.find((x) => x.enrolmentId === c!.enrolmentId)!;
    const res = await pub('GET', `/api/public/certificates/${c!.number}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      number: c!.number,
      kind: 'skill_level',
      title: '职业技能等级证书',
      holderName: `${cand.name[0]}${'*'.repeat([...cand.name].length - 1)}`,
      levelText: '四级/中级工',
      workType: expect.any(String),
      status: 'valid',
      revokedAt: null,
      genuine: true,
    });
    expect(res.body.issuer.institutionCode).toMatch(/^\d{4}$/);
    expect(res.body.catalog).toMatchObject({ institutionId: w.institutionId, status: 'listed' });
    expect(res.body.checks.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['signature', 'issuer', 'key', 'status']));
    expect(JSON.stringify(res.body)).not.toContain(cand.idNumber.slice(6, 14));
    expect(JSON.stringify(res.body)).not.toContain(cand.name.slice(1));
  });

  it('a malformed number is refused at the edge (400); an unknown one is 404', async () => {
    for (const bad of ['123', 'S00003100012325300000X', 'x'.repeat(22), 'S0000310001232530000%27']) {
      const res = await pub('GET', `/api/public/certificates/${bad}`);
      expect(res.status, bad).toBe(400);
    }
    expectError(await pub('GET', '/api/public/certificates/S999999999999993999999'), 404);
  });

  it('the signed credential is served as issued, with its proof', async () => {
    const [c] = await ofPlan(w.planId);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${c!.number}/credential` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(c!.credential);
    const vc = JSON.parse(res.body) as { proof: unknown; certificateNumber: string };
    expect(vc.certificateNumber).toBe(c!.number);
    expect(vc.proof).toBeTruthy();
    const cand = w.candidates.find((x) => x.enrolmentId === c!.enrolmentId)!;
    expect(res.body).not.toContain(cand.idNumber);
  });

  it('by name + ID number; a right ID with a wrong name answers exactly as an unknown ID', async () => {
    const cand = w.candidates[0]!;
    const right = await pub('POST', '/api/public/certificates/search', { name: cand.name, idNumber: cand.idNumber });
    expect(right.status).toBe(200);
    expect(right.body.items).toHaveLength(1);
    expect(right.body.items[0].holderName).not.toBe(cand.name);
    const wrongName = await pub('POST', '/api/public/certificates/search', { name: `${cand.name}甲`, idNumber: cand.idNumber });
    const unknown = await pub('POST', '/api/public/certificates/search', { name: cand.name, idNumber: '11010519491231002X' });
    expect(wrongName.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(wrongName.body).toEqual(unknown.body);
    expect(wrongName.body).toEqual({ items: [] });
    expect(JSON.stringify(right.body)).not.toContain(cand.idNumber);
  });

  it('a malformed ID number is refused (400)', async () => {
    expectError(await pub('POST', '/api/public/certificates/search', { name: '张三', idNumber: '110105194912310021' }), 400, 'CERT.BAD_ID_NUMBER');
    expectError(await pub('POST', '/api/public/certificates/search', { name: '张三', idNumber: 'abc' }), 400);
    expectError(await pub('POST', '/api/public/certificates/search', { name: '', idNumber: '11010519491231002X' }), 400);
  });
});

describe('revocation and reissue', () => {
  it('the issuer revokes with a reason: status list, certificate, public page and audit together', async () => {
    const [c] = await ofPlan(w.planId);
    expectError(await school('POST', `/api/certificates/${c!.id}/revoke`, { reason: '' }), 400);
    const res = await school('POST', `/api/certificates/${c!.id}/revoke`, { reason: '考试作弊，经查实' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', revokeReason: '考试作弊，经查实', genuine: false });
    const pubView = await pub('GET', `/api/public/certificates/${c!.number}`);
    expect(pubView.body).toMatchObject({ status: 'revoked', genuine: false });
    expect(pubView.body.revokedAt).toBeTruthy();
    expect(pubView.body.checks.find((k: { name: string }) => k.name === 'status').outcome).toBe('fail');
    const bits = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from credential_status_revocations where list_id = ${c!.statusListId} and status_index = ${c!.statusIndex}`,
    );
    expect(bits[0]!.n).toBe(1);
    const audit = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'certificate.revoke' and target_id = ${c!.id}`,
    );
    expect(audit[0]!.n).toBe(1);
    expectError(await school('POST', `/api/certificates/${c!.id}/revoke`, { reason: '再次撤销' }), 409, 'CERT.ALREADY_REVOKED');
  });

  it('a revoked number is never reused: the next certificates take new serials', async () => {
    const before = (await ofPlan(w.planId)).map((r) => r.number);
    const next = await makeClearedPlan(t, { candidates: 2 });
    expect((await issue(next.planId)).status).toBe(202);
    const after = (await ofPlan(next.planId)).map((r) => r.number);
    expect(after).toHaveLength(2);
    for (const n of after) expect(before).not.toContain(n);
    const all = await queryRows<{ n: number; d: number }>(t.db, sql`select count(*)::int as n, count(distinct number)::int as d from certificates`);
    expect(all[0]!.n).toBe(all[0]!.d);
  });

  it('HR over the region revokes on a violation; HR elsewhere cannot', async () => {
    const [, c] = await ofPlan(w.planId);
    expectError(await client(t, await t.login('fj_hr'))('POST', `/api/certificates/${c!.id}/revoke`, { reason: '违规发证' }), 404);
    const res = await client(t, await t.login('sh_hr'))('POST', `/api/certificates/${c!.id}/revoke`, { reason: '机构违规，撤销证书' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [row] = await t.db.select().from(certificates).where(eq(certificates.id, c!.id));
    expect(row).toMatchObject({ status: 'revoked', revokedAs: 'hr' });
  });

  it('补发/换发 keeps the number, takes a new print serial and remark, logged', async () => {
    const [, , c] = await ofPlan(w.planId);
    const res = await school('POST', `/api/certificates/${c!.id}/reissue`, { reason: 'lost', remark: '本人遗失，登报声明后补发' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ number: c!.number, printSerial: 2, remark: '本人遗失，登报声明后补发' });
    const audit = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'certificate.reissue' and target_id = ${c!.id}`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('the institution lists its certificates (search, paging); masked ID numbers only', async () => {
    const res = await school('GET', `/api/certificates?planId=${w.planId}&pageSize=2`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items).toHaveLength(2);
    for (const c of res.body.items) expect(c.maskedIdNumber).toMatch(/^\d\*+\d[\dX]$/);
    const [c] = await ofPlan(w.planId);
    const found = await school('GET', `/api/certificates?q=${c!.number}`);
    expect(found.body.items.map((x: { number: string }) => x.number)).toEqual([c!.number]);
  });
});

describe('printed certificates and the holder’s page', () => {
  it('one PDF; a plan’s PDFs as a ZIP built by a background job', async () => {
    const [c] = await ofPlan(w.planId);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/certificates/${c!.id}/pdf`, headers: { cookie: await t.login('lg_school_admin') } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const job = await school('POST', `/api/plans/${w.planId}/certificates/pdf-zip`, {});
    expect(job.status, JSON.stringify(job.body)).toBe(202);
    await drainJobs(t.db);
    await idleJobs(t.db);
    const done = await school('GET', `/api/jobs/${job.body.id}`);
    expect(done.body).toMatchObject({ status: 'done' });
    const zip = await t.app.inject({ method: 'GET', url: `/api/jobs/${job.body.id}/result`, headers: { cookie: await t.login('lg_school_admin') } });
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual((await ofPlan(w.planId)).map((r) => `${r.number}.pdf`).sort());
  });

  it('the holder sees their certificates, downloads PDF and credential; not another’s', async () => {
    const me = client(t, await t.login('candidate'));
    const mine = await me('GET', '/api/me/certificates');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    for (const c of mine.body.items) expect(c.holderFullName).toBe('段誉');
    const id = mine.body.items[0].id as string;
    const pdf = await t.app.inject({ method: 'GET', url: `/api/me/certificates/${id}/pdf`, headers: { cookie: await t.login('candidate') } });
    expect(pdf.statusCode).toBe(200);
    const vc = await t.app.inject({ method: 'GET', url: `/api/me/certificates/${id}/credential`, headers: { cookie: await t.login('candidate') } });
    expect(JSON.parse(vc.body).certificateNumber).toBe(mine.body.items[0].number);
    const [other] = await ofPlan(w.planId);
    expectError(await me('GET', `/api/me/certificates/${other!.id}/credential`), 404);
  });
});

describe('rate limit of the public query', () => {
  it('429 with Retry-After, shared by every server process on the same database', async () => {
    const body = { name: '张三', idNumber: '11010519491231002X' };
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) {
      last = (await t.app.inject({ method: 'POST', url: '/api/public/certificates/search', payload: body, remoteAddress: '203.0.113.9', headers })).statusCode;
    }
    expect(last).toBe(429);
    // A second server process (another app on the same database) refuses the same client too.
    const config = { ...loadConfig({}, []), logLevel: 'silent' as const };
    const second = await buildApp({ db: t.db, dbKind: t.dbKind, config, identity: t.identity }, false);
    try {
      const res = await second.app.inject({ method: 'POST', url: '/api/public/certificates/search', payload: body, remoteAddress: '203.0.113.9' });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json().error.code).toBe('RATE_LIMITED');
      const other = await second.app.inject({ method: 'POST', url: '/api/public/certificates/search', payload: body, remoteAddress: '203.0.113.10' });
      expect(other.statusCode).toBe(200);
    } finally {
      await second.app.close();
    }
  });
});
