import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { candidatesWorkbook } from '../src/modules/enrolments/enrolments.excel.ts';
import { idleJobs } from '../src/modules/jobs/jobs.service.ts';
import { client, expectError, makeSchool } from './helpers/api.ts';
import { idNumber, makeEnrolmentPlan } from './helpers/enrolment-plan.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let school: ReturnType<typeof client>;
let schoolCookie: string;

beforeAll(async () => {
  t = await makeTestApp();
  schoolCookie = await t.login('lg_school_admin');
  school = client(t, schoolCookie);
});
afterAll(async () => t.close());

/** A template row: name, ID type, number, gender, birth date, category, school, major, class, graduating year, phone, attempts. */
const row = (name: string, id: string, over: Partial<Record<'gender' | 'birth' | 'category' | 'major' | 'year' | 'theory', string>> = {}) => [
  name,
  '居民身份证',
  id,
  over.gender ?? '',
  over.birth ?? '',
  over.category ?? '本校学生',
  '',
  over.major ?? '460305 工业机器人技术',
  '机器人2301',
  over.year ?? '2026',
  '13800138000',
  over.theory ?? '',
  '',
  '',
];
const upload = async (buf: Buffer) => ({ contentBase64: buf.toString('base64') });

async function enrolmentCount(planId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from enrolments where plan_id = ${planId}`);
  return rows[0]!.n;
}

describe('enrolment import (报名导入)', () => {
  it('the template downloads with the school’s majors in its dropdown', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const res = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/enrolments/template.xlsx`, headers: { cookie: schoolCookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values: string[] = [];
    wb.getWorksheet('lists')!.eachRow((r) => r.eachCell((c) => values.push(String(c.value))));
    expect(values).toContain('460305 工业机器人技术');
    expect(values).toContain('社会人员-退役军人');
  });

  it('previews every row’s verdict without writing; commits the accepted rows and returns the refused ones with reasons and 批注', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const good = idNumber(101);
    const wrongCheck = idNumber(103).slice(0, 17) + (idNumber(103).endsWith('1') ? '2' : '1');
    const file = await candidatesWorkbook([
      row('甲一', good),
      row('乙二', wrongCheck),
      row('丙三', idNumber(105, '20050230')), // 30 February
      row('丁四', idNumber(107), { gender: '女' }), // 107: odd → male
      row('戊五', good), // twice
      row('己六', idNumber(109), { year: '2027' }), // R2: not the graduating class
      row('庚七', idNumber(111), { category: '社会人员-退役军人', major: '', year: '' }), // R2: plan takes own students only
      row('辛八', idNumber(113), { major: '460301 机电一体化技术' }), // not mapped to the occupation
    ]);
    const preview = await school('POST', `/api/plans/${planId}/enrolments/import/preview`, await upload(file));
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ stored: false, rows: 8, accepted: 1, refused: 7 });
    const codes = (preview.body.verdicts as { row: number; problems: { code: string; rule: string | null; column: string }[] }[]).map((v) =>
      v.problems.map((p) => `${p.code}@${p.column}`),
    );
    expect(codes).toEqual([
      [],
      ['ENROLMENT.ID_CHECK_CHAR@C'],
      ['ENROLMENT.ID_BIRTH_DATE@C'],
      ['ENROLMENT.GENDER_MISMATCH@D'],
      ['ENROLMENT.DUPLICATE_IN_FILE@C'],
      ['ENROLMENT.NOT_GRADUATING_YEAR@J'],
      ['ENROLMENT.SOURCE_NOT_ALLOWED@F'],
      ['ENROLMENT.MAJOR_NOT_MAPPED@H'],
    ]);
    expect(preview.body.verdicts[5].problems[0].rule).toBe('R2');
    expect(await enrolmentCount(planId)).toBe(0);

    const committed = await school('POST', `/api/plans/${planId}/enrolments/import`, await upload(file));
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ stored: true, accepted: 1, refused: 7 });
    expect(committed.body.activations).toHaveLength(1);
    expect(committed.body.activations[0]).toMatchObject({ name: '甲一', idNumberMasked: `${good[0]}***************${good.slice(16)}` });
    expect(await enrolmentCount(planId)).toBe(1);

    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(Buffer.from(committed.body.annotatedWorkbookBase64, 'base64') as unknown as ArrayBuffer);
    const ws = annotated.worksheets[0]!;
    expect(JSON.stringify(ws.getCell('C3').note)).toContain('校验码错误');
    expect(JSON.stringify(ws.getCell('J7').note)).toContain('R2');
    expect(ws.getCell('C2').note).toBeUndefined();

    // Importing the same file again: the first row is now already enrolled; nothing new is stored.
    const again = await school('POST', `/api/plans/${planId}/enrolments/import`, await upload(file));
    expect(again.body.accepted).toBe(0);
    expect(again.body.verdicts[0].problems[0].code).toBe('ENROLMENT.ALREADY_ENROLLED');
    expect(await enrolmentCount(planId)).toBe(1);
  });

  it('a large workbook with one bad row deep inside: that row is refused by number, every other row stored in one go', async () => {
    const { planId } = await makeEnrolmentPlan(t.db, { capacity: 5000 });
    const rows = Array.from({ length: 1500 }, (_, i) => row(`考生${i}`, idNumber(i % 1000, i < 1000 ? '20040101' : '20040102')));
    rows[1234] = row('坏行', idNumber(1, '20040102').slice(0, 17) + 'Y');
    const res = await school('POST', `/api/plans/${planId}/enrolments/import`, await upload(await candidatesWorkbook(rows)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stored: true, rows: 1500, accepted: 1499, refused: 1 });
    const refused = (res.body.verdicts as { row: number; accepted: boolean; problems: { code: string }[] }[]).filter((v) => !v.accepted);
    expect(refused).toEqual([expect.objectContaining({ row: 1236, problems: [expect.objectContaining({ code: 'ENROLMENT.ID_FORMAT' })] })]);
    expect(await enrolmentCount(planId)).toBe(1499);
  });

  it('capacity: rows beyond it are refused, naming the capacity', async () => {
    const { planId } = await makeEnrolmentPlan(t.db, { capacity: 2 });
    const res = await school(
      'POST',
      `/api/plans/${planId}/enrolments/import`,
      await upload(await candidatesWorkbook([row('一', idNumber(201)), row('二', idNumber(203)), row('三', idNumber(205))])),
    );
    expect(res.body).toMatchObject({ accepted: 2, refused: 1 });
    expect(res.body.verdicts[2].problems[0]).toMatchObject({ code: 'ENROLMENT.CAPACITY' });
    expect(res.body.verdicts[2].problems[0].message).toContain('2');
  });

  it('whole-file problems: not a workbook, not the template', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const res = await school('POST', `/api/plans/${planId}/enrolments/import/preview`, { contentBase64: Buffer.from('hello').toString('base64') });
    expect(res.status).toBe(200);
    expect(res.body.fileErrors[0]).toContain('.xlsx');
    expect(res.body.verdicts).toEqual([]);
  });
});

describe('one candidate at a time', () => {
  it('R3: in-school students may not sit 二级 — refused with 422 naming the rule', async () => {
    const { planId } = await makeEnrolmentPlan(t.db, { level: 2 });
    const res = await school('POST', `/api/plans/${planId}/enrolments`, {
      name: '张三',
      idNumber: idNumber(301),
      category: 'own_student',
      majorCode: '460305',
      className: '机器人2301',
      graduatingYear: 2026,
    });
    expectError(res, 422, 'ENROLMENT.REFUSED');
    expect(res.body.error.details.rule).toBe('R3');
    expect(res.body.error.message).toContain('在校生最高只能报考 三级/高级工');
  });

  it('a candidate is enrolled with a new account, then refused a second time; another plan links the same person and account', async () => {
    const a = await makeEnrolmentPlan(t.db);
    const b = await makeEnrolmentPlan(t.db);
    const body = { name: '李雷', idNumber: idNumber(303), category: 'own_student', majorCode: '460305', className: '机器人2302', graduatingYear: 2026 };
    const first = await school('POST', `/api/plans/${a.planId}/enrolments`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.enrolment).toMatchObject({ name: '李雷', gender: 'male', birthDate: '2005-03-12', activated: false });
    expect(first.body.activation.username).toMatch(/^ks\d{8}$/);
    const twice = await school('POST', `/api/plans/${a.planId}/enrolments`, body);
    expectError(twice, 422, 'ENROLMENT.REFUSED');
    expect(twice.body.error.details.problems[0].code).toBe('ENROLMENT.ALREADY_ENROLLED');
    const other = await school('POST', `/api/plans/${b.planId}/enrolments`, body);
    expect(other.status).toBe(201);
    expect(other.body.enrolment.personId).toBe(first.body.enrolment.personId);
    expect(other.body.activation).toBeNull();
    expect(other.body.enrolment.username).toBe(first.body.activation.username);
  });

  it('a plan that is closed takes no enrolment (409)', async () => {
    const { planId } = await makeEnrolmentPlan(t.db, { status: 'closed' });
    expectError(
      await school('POST', `/api/plans/${planId}/enrolments`, {
        name: '王五',
        idNumber: idNumber(305),
        category: 'own_student',
        majorCode: '460305',
        graduatingYear: 2026,
      }),
      409,
      'ENROLMENT.PLAN_CLOSED',
    );
  });
});

describe('ID numbers at rest and in lists', () => {
  it('no ID number appears whole in any list, in the database or in the audit log; the school reveals one, audited', async () => {
    const { planId } = await makeEnrolmentPlan(t.db, { sources: ['own_students', 'society'] });
    const ids = [idNumber(401), idNumber(403), idNumber(405)];
    const file = await candidatesWorkbook([
      row('赵一', ids[0]!),
      row('钱二', ids[1]!),
      row('孙三', ids[2]!, { category: '社会人员-农民工', major: '', year: '' }),
    ]);
    const res = await school('POST', `/api/plans/${planId}/enrolments/import`, await upload(file));
    expect(res.body.accepted).toBe(3);
    const lists = [
      JSON.stringify(res.body),
      JSON.stringify((await school('GET', `/api/plans/${planId}/enrolments`)).body),
      JSON.stringify((await client(t, await t.login('sh_hr'))('GET', `/api/plans/${planId}/enrolments`)).body),
      JSON.stringify((await client(t, await t.login('admin'))('GET', `/api/plans/${planId}/enrolments?pageSize=500`)).body),
      JSON.stringify(await queryRows(t.db, sql`select * from persons`)),
      JSON.stringify(await queryRows(t.db, sql`select * from audit_log`)),
      JSON.stringify(await queryRows(t.db, sql`select * from enrolments`)),
    ];
    for (const id of ids) for (const text of lists) expect(text).not.toContain(id);
    const listed = (await school('GET', `/api/plans/${planId}/enrolments`)).body;
    expect(listed.total).toBe(3);
    expect(listed.items.map((i: { idNumberMasked: string }) => i.idNumberMasked)).toContain(`${ids[0]![0]}***************${ids[0]!.slice(16)}`);
    expect(listed.items[0].phoneMasked).toBe('138****8000');

    const target = listed.items.find((i: { name: string }) => i.name === '赵一');
    const revealed = await school('POST', `/api/plans/${planId}/enrolments/${target.id}/reveal-id`);
    expect(revealed.body).toEqual({ idType: 'resident_id', idNumber: ids[0] });
    const audit = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where action = 'identity.reveal' and target_id = ${target.personId}`,
    );
    expect(audit).toHaveLength(1);
    expectError(await client(t, await t.login('sh_hr'))('POST', `/api/plans/${planId}/enrolments/${target.id}/reveal-id`), 403);
    const stranger = await makeSchool(t);
    expectError(await client(t, await t.login(stranger.username))('POST', `/api/plans/${planId}/enrolments/${target.id}/reveal-id`), 404);
    expectError(await client(t, await t.login(stranger.username))('GET', `/api/plans/${planId}/enrolments`), 404);
  });
});

describe('candidate accounts', () => {
  it('first login with the one-time activation code and a password of one’s own; the code works once', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const res = await school('POST', `/api/plans/${planId}/enrolments`, {
      name: '韩梅梅',
      idNumber: idNumber(502),
      category: 'own_student',
      majorCode: '460305',
      graduatingYear: 2026,
    });
    const slip = res.body.activation as { username: string; activationCode: string };
    // No password works before activation.
    expectError(await client(t)('POST', '/api/auth/login', { username: slip.username, password: '!activation-pending' }), 401);
    expectError(
      await client(t)('POST', '/api/auth/activate', { username: slip.username, activationCode: 'WRONGCODE1', newPassword: 'Kaosheng@2026' }),
      401,
      'CANDIDATE.ACTIVATION_INVALID',
    );
    const ok = await client(t)('POST', '/api/auth/activate', {
      username: slip.username,
      activationCode: slip.activationCode.toLowerCase(),
      newPassword: 'Kaosheng@2026',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ role: 'candidate', displayName: '韩梅梅' });
    expect(ok.headers['set-cookie']).toBeDefined();
    expectError(
      await client(t)('POST', '/api/auth/activate', { username: slip.username, activationCode: slip.activationCode, newPassword: 'Other@2026x' }),
      401,
    );
    const login = await client(t)('POST', '/api/auth/login', { username: slip.username, password: 'Kaosheng@2026' });
    expect(login.status).toBe(200);
    const listed = await school('GET', `/api/plans/${planId}/enrolments`);
    expect(listed.body.items[0].activated).toBe(true);
  });

  it('the school re-issues codes for accounts not yet activated; the old code stops working', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const res = await school('POST', `/api/plans/${planId}/enrolments`, {
      name: '林涛',
      idNumber: idNumber(505),
      category: 'own_student',
      majorCode: '460305',
      graduatingYear: 2026,
    });
    const old = res.body.activation as { username: string; activationCode: string };
    const again = await school('POST', `/api/plans/${planId}/enrolments/activation-codes`, {});
    expect(again.body.items).toHaveLength(1);
    expect(again.body.items[0].activationCode).not.toBe(old.activationCode);
    expectError(
      await client(t)('POST', '/api/auth/activate', { username: old.username, activationCode: old.activationCode, newPassword: 'Kaosheng@2026' }),
      401,
    );
    expect(
      (
        await client(t)('POST', '/api/auth/activate', {
          username: old.username,
          activationCode: again.body.items[0].activationCode,
          newPassword: 'Kaosheng@2026',
        })
      ).status,
    ).toBe(200);
  });
});

/** A one-inch-like test photo (w × h) as JPEG. */
const jpeg = (w = 300, h = 420) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 220, b: 255 } } })
    .jpeg()
    .toBuffer();

describe('photos (证件照)', () => {
  it('one by one: stored re-encoded; not an image, too small and 20 MB are refused with clear reasons', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const e = await school('POST', `/api/plans/${planId}/enrolments`, {
      name: '周一',
      idNumber: idNumber(601),
      category: 'own_student',
      majorCode: '460305',
      graduatingYear: 2026,
    });
    const url = `/api/plans/${planId}/enrolments/${e.body.enrolment.id}/photo`;
    expectError(await school('PUT', url, { contentBase64: Buffer.from('GIF89a not a photo').toString('base64') }), 415, 'PHOTO.NOT_IMAGE');
    const small = await school('PUT', url, { contentBase64: (await jpeg(100, 140)).toString('base64') });
    expectError(small, 422, 'PHOTO.TOO_SMALL');
    expect(small.body.error.message).toContain('100×140');
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20 * 1024 * 1024)]);
    expectError(await school('PUT', url, { contentBase64: huge.toString('base64') }), 413, 'PHOTO.TOO_LARGE');
    const ok = await school('PUT', url, { contentBase64: (await jpeg()).toString('base64') });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.bytes).toBeLessThanOrEqual(200 * 1024);
    const got = await t.app.inject({ method: 'GET', url, headers: { cookie: schoolCookie } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(got.rawPayload).metadata()).format).toBe('jpeg');
    expect((await school('GET', `/api/plans/${planId}/enrolments`)).body.items[0].hasPhoto).toBe(true);
  });

  it('a ZIP named by ID number: a report per file (path traversal, not an image, not a candidate refused); who is still without a photo', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const ids = [idNumber(611), idNumber(613), idNumber(615)];
    const file = await candidatesWorkbook(ids.map((id, i) => row(`吴${i}`, id)));
    expect((await school('POST', `/api/plans/${planId}/enrolments/import`, await upload(file))).body.accepted).toBe(3);
    const photo = new Uint8Array(await jpeg());
    const zip = zipSync({
      [`照片/${ids[0]}.jpg`]: photo,
      [`${ids[1]!.toLowerCase()}.JPG`]: photo,
      [`../${ids[2]}.jpg`]: photo,
      [`${idNumber(617)}.jpg`]: photo,
      [`${ids[2]}.png`]: new TextEncoder().encode('not a png'),
      'readme.txt': new TextEncoder().encode('hi'),
    });
    const res = await school('POST', `/api/plans/${planId}/photos/zip`, { contentBase64: Buffer.from(zip).toString('base64') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stored).toBe(2);
    const masked = (id: string) => `${id[0]}***************${id.slice(16)}`;
    const byFile = Object.fromEntries((res.body.files as { file: string; ok: boolean; message: string }[]).map((f) => [f.file, f]));
    expect(Object.keys(byFile)).toContain(`照片/${masked(ids[0]!)}.jpg`);
    expect(byFile[`../${masked(ids[2]!)}.jpg`]).toMatchObject({ ok: false });
    expect(byFile[`../${masked(ids[2]!)}.jpg`]!.message).toContain('路径不安全');
    expect(byFile[`${masked(idNumber(617))}.jpg`]!.message).toContain('不是本计划的考生');
    expect(byFile[`${masked(ids[2]!)}.png`]!.message).toContain('不是可读取的 JPEG 或 PNG');
    expect(byFile['readme.txt']!.ok).toBe(false);
    expect(res.body.withoutPhoto.map((w: { name: string }) => w.name)).toEqual(['吴2']);
    for (const id of ids) expect(JSON.stringify(res.body)).not.toContain(id);
  });

  it('a zip bomb is stopped by the bytes that really come out, nothing stored', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const bomb = zipSync({ [`${idNumber(621)}.jpg`]: new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await school('POST', `/api/plans/${planId}/photos/zip`, { contentBase64: Buffer.from(bomb).toString('base64') });
    expectError(res, 413, 'PHOTO.ZIP_REFUSED');
    expect(res.body.error.message).toContain('压缩包被拒绝');
  });
});

describe('rooms and seats, admission tickets, the candidate’s page', () => {
  const classRow = (i: number, birth: string) => {
    const r = row(`郑${i}`, idNumber(i, birth));
    r[8] = `机器人23${String(i % 4).padStart(2, '0')}`;
    return r;
  };

  it('arranges each part over its rooms with a kept seed, spreads classes, moves by hand; room lists and sign-in sheets as PDF and Excel', async () => {
    const { planId, theorySittings } = await makeEnrolmentPlan(t.db, { rooms: 2, roomCapacity: 30 });
    const file = await candidatesWorkbook(Array.from({ length: 40 }, (_, i) => classRow(i, '20050601')));
    expect((await school('POST', `/api/plans/${planId}/enrolments/import`, await upload(file))).body.accepted).toBe(40);
    const first = await school('POST', `/api/plans/${planId}/seating/arrange`, { seed: 'demo-seed' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const seats = (plan: {
      sittings: { part: string; rooms: { seats: { enrolmentId: string; className: string; examNumber: string; seat: number }[] }[] }[];
    }) => plan.sittings.flatMap((s) => s.rooms.flatMap((r) => r.seats.map((x) => ({ ...x, part: s.part }))));
    const all = seats(first.body);
    expect(all).toHaveLength(80);
    expect(new Set(all.map((x) => x.examNumber)).size).toBe(80);
    expect(all.every((x) => /^\d{16}$/.test(x.examNumber))).toBe(true);
    for (const sitting of first.body.sittings) {
      expect(sitting.rooms[0].seats.length).toBe(20);
      expect(new Set(sitting.rooms[0].seats.map((x: { className: string }) => x.className)).size).toBe(4);
      expect(sitting.seed).toBe('demo-seed');
    }
    const again = await school('POST', `/api/plans/${planId}/seating/arrange`, { seed: 'demo-seed' });
    expect(seats(again.body)).toEqual(all);

    const a = first.body.sittings[0].rooms[0].seats[0];
    const b = first.body.sittings[1].rooms[0].seats[3];
    const moved = await school('POST', `/api/plans/${planId}/seating/move`, { enrolmentId: a.enrolmentId, sittingId: b.sittingId, room: b.room, seat: b.seat });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const after = seats(moved.body);
    expect(after.find((x) => x.enrolmentId === a.enrolmentId && x.part === 'theory')).toMatchObject({ seat: b.seat, manual: true });
    expect(after.find((x) => x.enrolmentId === b.enrolmentId && x.part === 'theory')).toMatchObject({ seat: a.seat, manual: true });

    for (const doc of ['seat-plan.pdf', 'sign-in.pdf', 'seat-plan.xlsx', 'sign-in.xlsx']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/seating/${theorySittings[0]}/${doc}`, headers: { cookie: schoolCookie } });
      expect(res.statusCode, doc).toBe(200);
      if (doc.endsWith('.pdf')) expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
      else expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('too few seats: refused, naming the shortfall', async () => {
    const { planId } = await makeEnrolmentPlan(t.db, { rooms: 1, roomCapacity: 5 });
    await school(
      'POST',
      `/api/plans/${planId}/enrolments/import`,
      await upload(await candidatesWorkbook(Array.from({ length: 7 }, (_, i) => classRow(i, '20050602')))),
    );
    const res = await school('POST', `/api/plans/${planId}/seating/arrange`, {});
    expectError(res, 422, 'SEATING.CAPACITY_SHORT');
    expect(res.body.error.message).toContain('还差 2 个');
  });

  it('tickets: one PDF, all as a ZIP built by a background job with progress; the candidate downloads their own', async () => {
    const { planId } = await makeEnrolmentPlan(t.db);
    const imported = await school(
      'POST',
      `/api/plans/${planId}/enrolments/import`,
      await upload(await candidatesWorkbook(Array.from({ length: 6 }, (_, i) => classRow(i, '20050603')))),
    );
    expectError(await school('POST', `/api/plans/${planId}/tickets/zip`), 422, 'TICKET.NOT_SEATED');
    await school('POST', `/api/plans/${planId}/seating/arrange`, {});
    const slip = imported.body.activations[0] as { enrolmentId: string; username: string; activationCode: string };
    const one = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/tickets/${slip.enrolmentId}`, headers: { cookie: schoolCookie } });
    expect(one.statusCode).toBe(200);
    expect(one.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const job = await school('POST', `/api/plans/${planId}/tickets/zip`);
    expect(job.status).toBe(202);
    expect(job.body).toMatchObject({ kind: 'tickets.zip' });
    await idleJobs(t.db);
    let view = await school('GET', `/api/jobs/${job.body.id}`);
    for (let i = 0; i < 50 && view.body.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      view = await school('GET', `/api/jobs/${job.body.id}`);
    }
    expect(view.body).toMatchObject({ status: 'done', done: 6, total: 6, progress: 1 });
    const zip = await t.app.inject({ method: 'GET', url: `/api/jobs/${job.body.id}/result`, headers: { cookie: schoolCookie } });
    const files = Object.keys(unzipSync(new Uint8Array(zip.rawPayload)));
    expect(files).toHaveLength(6);
    expect(files.every((f) => f.endsWith('.pdf'))).toBe(true);
    // Someone else's job is not found.
    expectError(await client(t, await t.login('school_admin'))('GET', `/api/jobs/${job.body.id}`), 404);

    const candidate = await client(t)('POST', '/api/auth/activate', {
      username: slip.username,
      activationCode: slip.activationCode,
      newPassword: 'Kaosheng@2026',
    });
    const cookie = `skillcert_session=${candidate.headers['set-cookie']!.toString().split('skillcert_session=')[1]!.split(';')[0]}`;
    const me = client(t, cookie);
    const page = await me('GET', '/api/me/candidate');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.enrolments).toHaveLength(1);
    expect(page.body.enrolments[0]).toMatchObject({ planId, ticketReady: true });
    expect(page.body.enrolments[0].parts[0].examNumber).toMatch(/^\d{16}$/);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/me/candidate/tickets/${slip.enrolmentId}`, headers: { cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const other = imported.body.activations[1].enrolmentId as string;
    expectError(await me('GET', `/api/me/candidate/tickets/${other}`), 404);
  });
});

describe('demo world', () => {
  it('the demo candidate finds the acknowledged plan with seats, exam numbers and a printable ticket; its photo is there', async () => {
    const me = client(t, await t.login('candidate'));
    const page = await me('GET', '/api/me/candidate');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({ name: '段誉', hasPhoto: true });
    const plan = page.body.enrolments.find((e: { status: string }) => e.status === 'acknowledged');
    expect(plan).toMatchObject({ ticketReady: true });
    expect(plan.parts.every((p: { examNumber: string | null }) => p.examNumber && /^\d{16}$/.test(p.examNumber))).toBe(true);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/me/candidate/tickets/${plan.enrolmentId}`, headers: { cookie: await t.login('candidate') } });
    expect(pdf.statusCode).toBe(200);
    const listed = await school('GET', `/api/plans/${plan.planId}/enrolments`);
    expect(listed.body.total).toBe(24);
    expect(listed.body.items.every((e: { hasPhoto: boolean }) => e.hasPhoto)).toBe(true);
  });
});
