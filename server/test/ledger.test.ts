import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { drainJobs, idleJobs } from '../src/modules/jobs/jobs.service.ts';
import { client, expectError } from './helpers/api.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * R14 — 工作台账 (ledger), 一批一档 (batch archive), public complaints with tracking codes, the audit browser.
 * One app for the file; the demo world's 临港 school (a closed plan with certificates) is the institution.
 */
let t: TestApp;
let lingangInstitution: string;
/** The 临港 school's closed plan with certificates, and the year of its first sitting. */
let closedPlan: { id: string; year: string };
beforeAll(async () => {
  t = await makeTestApp();
  const anon = client(t);
  const cat = await anon('GET', `/api/public/institutions?q=${encodeURIComponent('临港')}`);
  lingangInstitution = (cat.body.items as { id: string }[])[0]!.id;
  const [p] = await queryRows<{ id: string; day: string }>(
    t.db,
    sql`select p.id, to_char(coalesce((select min(s.date) from plan_sittings s where s.plan_id = p.id), p.created_at::date), 'YYYY-MM-DD') as day
          from plans p where p.institution_id = ${lingangInstitution} and exists (select 1 from certificates c where c.plan_id = p.id) limit 1`,
  );
  closedPlan = { id: p!.id, year: p!.day.slice(0, 4) };
});

/** Runs the queued jobs, then downloads the job's file as its creator. */
async function jobFile(cookie: string, jobId: string): Promise<Buffer> {
  await drainJobs(t.db);
  await idleJobs(t.db);
  const job = await client(t, cookie)('GET', `/api/ledger/jobs/${jobId}`);
  expect(job.body, JSON.stringify(job.body)).toMatchObject({ status: 'done', progress: 1 });
  expect(job.body.total).toBeGreaterThan(0);
  const res = await t.app.inject({ method: 'GET', url: `/api/ledger/jobs/${jobId}/result`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

async function workbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

async function countOf(query: SQL): Promise<number> {
  return (await queryRows<{ n: number }>(t.db, query))[0]?.n ?? -1;
}

const ID_WHOLE = /^\d{17}[\dX]$/;

describe('complaints (投诉)', () => {
  it('R14: a public complaint is followed by its code; HR of the region assigns, investigates, answers, closes', async () => {
    const anon = client(t);
    const lodged = await anon('POST', '/api/public/complaints', {
      institutionId: lingangInstitution,
      matter: '考试当天考场内有人使用手机，监考未制止。',
      name: '张三',
      contact: '13800001111',
      evidence: [{ filename: 'photo.png', contentBase64: PNG.toString('base64') }],
    });
    expect(lodged.status, JSON.stringify(lodged.body)).toBe(201);
    const code = lodged.body.trackingCode as string;
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    const tracked = await anon('GET', `/api/public/complaints/${code.toLowerCase().replace('-', ' ')}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ status: 'new', answer: null });
    expect(JSON.stringify(tracked.body)).not.toContain('13800001111');
    expect(JSON.stringify(tracked.body)).not.toContain('张三');

    // Out of region: Fujian's HR does not see it; a school cannot touch it.
    const qz = client(t, await t.login('qz_hr'));
    const qzList = await qz('GET', '/api/complaints');
    expect((qzList.body.items as { trackingCode: string }[]).some((c) => c.trackingCode === code)).toBe(false);

    const hr = client(t, await t.login('sh_hr'));
    const queue = await hr('GET', '/api/complaints?status=new');
    const mine = (queue.body.items as { id: string; trackingCode: string; contact: string; evidence: { id: string; sha256: string }[] }[]).find(
      (c) => c.trackingCode === code,
    )!;
    expect(mine.contact).toBe('13800001111');
    expect(mine.evidence).toHaveLength(1);
    expectError(await qz('GET', `/api/complaints/${mine.id}`), 404);

    const ev = await t.app.inject({
      method: 'GET',
      url: `/api/complaints/${mine.id}/evidence/${mine.evidence[0]!.id}`,
      headers: { cookie: await t.login('sh_hr') },
    });
    expect(ev.statusCode).toBe(200);
    expect(Buffer.compare(ev.rawPayload, PNG)).toBe(0);

    // Nothing is answered before assignment; only an HR officer over the region may be the assignee.
    expectError(await hr('POST', `/api/complaints/${mine.id}/answer`, { answer: '已经核实处理。' }), 409, 'COMPLAINT.BAD_TRANSITION');
    const assignees = await hr('GET', `/api/complaints/${mine.id}/assignees`);
    const names = (assignees.body as { id: string; displayName: string }[]).map((a) => a.displayName);
    expect(names).toContain('上海人社·王敏');
    expect(names).toContain('浦东人社·周强');
    expect(names).not.toContain('泉州人社·林菱');
    const qzUser = (await queryRows<{ id: string }>(t.db, sql`select id from users where username = 'qz_hr'`))[0]!.id;
    expectError(await hr('POST', `/api/complaints/${mine.id}/assign`, { userId: qzUser }), 422, 'COMPLAINT.ASSIGNEE_OUT_OF_SCOPE');
    const pdUser = (assignees.body as { id: string; displayName: string }[]).find((a) => a.displayName === '浦东人社·周强')!.id;
    expect((await hr('POST', `/api/complaints/${mine.id}/assign`, { userId: pdUser })).body.status).toBe('assigned');
    expect((await anon('GET', `/api/public/complaints/${code}`)).body.status).toBe('assigned');

    // The assignee investigates and answers; someone else may not.
    expectError(await hr('POST', `/api/complaints/${mine.id}/notes`, { text: '调取监控' }), 403, 'COMPLAINT.NOT_ASSIGNEE');
    const pd = client(t, await t.login('pd_hr'));
    const noted = await pd('POST', `/api/complaints/${mine.id}/notes`, { text: '调取考场监控，约谈监考人员。' });
    expect(noted.body.status).toBe('investigating');
    expect(noted.body.notes).toHaveLength(1);
    const answered = await pd('POST', `/api/complaints/${mine.id}/answer`, { answer: '经调查属实，已责令机构整改并对监考人员批评教育。' });
    expect(answered.body.status).toBe('answered');
    const afterAnswer = await anon('GET', `/api/public/complaints/${code}`);
    expect(afterAnswer.body).toMatchObject({ status: 'answered', answer: '经调查属实，已责令机构整改并对监考人员批评教育。' });
    expect(JSON.stringify(afterAnswer.body)).not.toContain('调取考场监控');
    expect((await hr('POST', `/api/complaints/${mine.id}/close`)).body.status).toBe('closed');
    expectError(await hr('POST', `/api/complaints/${mine.id}/close`), 409, 'COMPLAINT.BAD_TRANSITION');
  });

  it('refuses evidence that is not an image or PDF, an unknown institution and an unknown code', async () => {
    const anon = client(t);
    const base = { institutionId: lingangInstitution, matter: '考评员收受考生财物。', name: '李四', contact: 'lisi@example.com' };
    expectError(
      await anon('POST', '/api/public/complaints', { ...base, evidence: [{ filename: 'a.png', contentBase64: Buffer.from('<html>').toString('base64') }] }),
      422,
      'COMPLAINT.EVIDENCE_TYPE',
    );
    expectError(
      await anon('POST', '/api/public/complaints', { ...base, institutionId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'COMPLAINT.INSTITUTION_UNKNOWN',
    );
    expectError(await anon('GET', '/api/public/complaints/AAAAA-BBBBB'), 404);
  });

  it('a complaint flood from one address is rate-limited (429 RATE_LIMITED)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/public/complaints',
        remoteAddress: '203.0.113.9',
        payload: { institutionId: lingangInstitution, matter: `第${i}次投诉：考场秩序混乱。`, name: '王五', contact: '13900002222' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('audit browser', () => {
  it('HR searches its region’s entries by who, action and time; the admin sees all; paging', async () => {
    const hr = client(t, await t.login('sh_hr'));
    const admin = client(t, await t.login('admin'));
    const since = new Date(Date.now() - 3600_000).toISOString();
    const byPd = await hr('GET', `/api/audit?actor=pd_hr&action=complaint.answer&from=${encodeURIComponent(since)}`);
    expect(byPd.status).toBe(200);
    expect(byPd.body.items.length).toBeGreaterThanOrEqual(1);
    for (const e of byPd.body.items as { actorName: string; action: string }[]) expect(e).toMatchObject({ actorName: 'pd_hr', action: 'complaint.answer' });
    // Fujian's HR does not see Shanghai's officers' entries; the admin does.
    const qz = client(t, await t.login('qz_hr'));
    expect((await qz('GET', '/api/audit?actor=pd_hr')).body.total).toBe(0);
    expect((await admin('GET', '/api/audit?actor=pd_hr')).body.total).toBeGreaterThanOrEqual(byPd.body.total);
    const paged = await admin('GET', '/api/audit?page=2&pageSize=5');
    expect(paged.body.items).toHaveLength(5);
    expect(paged.body.page).toBe(2);
    const future = await admin('GET', `/api/audit?from=${encodeURIComponent('2099-01-01T00:00:00Z')}`);
    expect(future.body.total).toBe(0);
    expectError(await admin('GET', `/api/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`), 400);
  });
});

describe('ledger (工作台账)', () => {
  it('R14: the school browses its own ledger by part with counts; ID numbers masked on screen; another region gets 404', async () => {
    const school = client(t, await t.login('lg_school_admin'));
    const period = `from=${closedPlan.year}-01-01&to=${closedPlan.year}-12-31`;
    const res = await school('GET', `/api/ledger?part=candidates&planId=${closedPlan.id}&${period}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const n = await countOf(sql`select count(*)::int as n from enrolments where plan_id = ${closedPlan.id}`);
    expect(res.body.total).toBe(n);
    expect(res.body.counts.candidates).toBe(n);
    const c = await countOf(sql`select count(*)::int as n from certificates where plan_id = ${closedPlan.id}`);
    expect(res.body.counts.certificates).toBe(c);
    expect(res.body.columns.map((x: { title: string }) => x.title)).toContain('证件号码');
    for (const r of res.body.rows as { idNumber: string }[]) expect(r.idNumber).toContain('*');
    expect(res.body.idNumbersInExport).toBe(true);

    // The school's ledger never holds another school's plans, whatever it asks.
    const all = await school('GET', `/api/ledger?part=plans&${period}&pageSize=200`);
    const own = await countOf(sql`select count(*)::int as n from plans p join users u on u.org_id = p.org_id where u.username = 'lg_school_admin'`);
    expect(all.body.total).toBeLessThanOrEqual(own);
    for (const r of all.body.rows as { institution: string }[]) expect(r.institution).toContain('临港');

    const qz = client(t, await t.login('qz_hr'));
    expectError(await qz('GET', `/api/ledger?institutionId=${lingangInstitution}`), 404);
    expectError(await school('GET', '/api/ledger?from=2000-01-01&to=2020-12-31'), 422, 'LEDGER.RANGE_TOO_LONG');
    expectError(await school('GET', '/api/ledger?from=2026-02-01&to=2026-01-01'), 400);
    expectError(await school('GET', '/api/ledger?part=everything'), 400);
    expectError(await client(t, await t.login('sh_supervisor'))('GET', '/api/ledger'), 403);
  });

  it('R14: the Excel export (a job) has one sheet per part, Chinese titles, a frozen header; whole ID numbers for the school and HR, masked for the education bureau', async () => {
    const body = { institutionId: lingangInstitution, from: `${closedPlan.year}-01-01`, to: `${closedPlan.year}-12-31` };
    const idsOf = async (username: string) => {
      const cookie = await t.login(username);
      const started = await client(t, cookie)('POST', '/api/ledger/export', body);
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      const wb = await workbook(await jobFile(cookie, started.body.id));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['认定计划', '考生', '评分记录', '认定结果', '证书', '考评人员', '质量督导', '公示异议', '投诉']);
      for (const ws of wb.worksheets) {
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(String(ws.getRow(1).getCell(1).value)).toMatch(/[\u4e00-\u9fff]/);
      }
      const cand = wb.getWorksheet('考生')!;
      const col = (cand.getRow(1).values as unknown[]).indexOf('证件号码');
      const ids: string[] = [];
      cand.eachRow((row, i) => {
        if (i > 1) ids.push(String(row.getCell(col).value));
      });
      expect(ids.length).toBeGreaterThan(0);
      // The complaint lodged above counts in the ledger.
      expect(wb.getWorksheet('投诉')!.rowCount).toBeGreaterThan(1);
      return ids;
    };
    for (const id of await idsOf('lg_school_admin')) expect(id).toMatch(ID_WHOLE);
    for (const id of await idsOf('sh_hr')) expect(id).toMatch(ID_WHOLE);
    for (const id of await idsOf('sh_edu')) {
      expect(id).not.toMatch(ID_WHOLE);
      expect(id).toContain('*');
    }
  });

  it('一批一档: one plan as a ZIP whose manifest hashes match its files; answers only for the school’s bank staff', async () => {
    const archiveOf = async (username: string) => {
      const cookie = await t.login(username);
      const started = await client(t, cookie)('POST', `/api/plans/${closedPlan.id}/archive`);
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      return unzipSync(new Uint8Array(await jobFile(cookie, started.body.id)));
    };
    const files = await archiveOf('lg_school_admin');
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: { name: string; sha256: string; bytes: number }[]; answers: boolean };
    expect(manifest.files.map((f) => f.name)).toEqual([
      '01-报名与资格审查.xlsx',
      '02-认定计划.xlsx',
      '03-签到表.xlsx',
      '04-考场记录.xlsx',
      '05-试卷与评分.xlsx',
      '06-成绩与公示.xlsx',
      '07-公示快照.json',
      '08-证书确认.xlsx',
    ]);
    for (const f of manifest.files) {
      const data = files[f.name]!;
      expect(data.length).toBe(f.bytes);
      expect(createHash('sha256').update(data).digest('hex')).toBe(f.sha256);
    }
    expect(strFromU8(files['00-目录.txt']!)).toContain(manifest.files[0]!.sha256);
    const certs = (await workbook(Buffer.from(files['08-证书确认.xlsx']!))).getWorksheet('证书')!;
    const c = await countOf(sql`select count(*)::int as n from certificates where plan_id = ${closedPlan.id}`);
    expect(certs.rowCount - 1).toBe(c);
    const paperHeaders = async (fs: Record<string, Uint8Array>) =>
      ((await workbook(Buffer.from(fs['05-试卷与评分.xlsx']!))).getWorksheet('试卷')!.getRow(1).values as unknown[]).filter(Boolean);
    expect(manifest.answers).toBe(true);
    expect(await paperHeaders(files)).toContain('答案');

    const hrFiles = await archiveOf('sh_hr');
    expect(JSON.parse(strFromU8(hrFiles['manifest.json']!)).answers).toBe(false);
    expect(await paperHeaders(hrFiles)).not.toContain('答案');
    expectError(await client(t, await t.login('qz_hr'))('POST', `/api/plans/${closedPlan.id}/archive`), 404);
    expectError(await client(t, await t.login('sh_edu'))('POST', `/api/plans/${closedPlan.id}/archive`), 403);
  });
});
afterAll(async () => t.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

// Last: it tampers with the audit log.
describe('audit chain', () => {
  it('HR verifies the chain from the browser API and sees the first broken entry after a row is tampered', async () => {
    const hr = client(t, await t.login('sh_hr'));
    expect((await hr('GET', '/api/audit/verify')).body).toMatchObject({ ok: true, firstBroken: null });
    const [row] = await queryRows<{ seq: number }>(t.db, sql`select seq::int as seq from audit_log where action = 'complaint.lodge' order by seq limit 1`);
    await queryRows(t.db, sql`alter table audit_log disable trigger audit_log_no_update`);
    await queryRows(t.db, sql`update audit_log set after = '{"trackingCode":"FORGED"}'::jsonb where seq = ${row!.seq}`);
    await queryRows(t.db, sql`alter table audit_log enable trigger audit_log_no_update`);
    const broken = await hr('GET', '/api/audit/verify');
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: row!.seq, reason: 'hash_mismatch' } });
    // The browser opens the broken entry by its number: the admin sees the forged content; HR sees entries of its
    // region's accounts only, and this one was written by the public (no account).
    const entry = await client(t, await t.login('admin'))('GET', `/api/audit?seq=${row!.seq}`);
    expect(entry.body.items).toHaveLength(1);
    expect(entry.body.items[0]).toMatchObject({ seq: row!.seq, after: { trackingCode: 'FORGED' } });
    expect((await hr('GET', `/api/audit?seq=${row!.seq}`)).body.total).toBe(0);
  });
});
