import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examAttempts, examEvents, markDecisions, marks, planSittings, planSupervisors, users } from '../src/db/schema.ts';
import { openFlagsByEnrolment } from '../src/modules/supervision/supervision.repository.ts';
import { activateAccount, client, expectError, INITIAL_PASSWORD } from './helpers/api.ts';
import { type EvaluationWorld, makeEvaluationWorld } from './helpers/evaluation.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * Supervision of the sitting (issue 12 item 8) and R15 workload (item 9): the live view for the plan's assigned
 * supervisors and HR, inspection reports with photos (immutable; corrections), flags that hold clearance until the
 * institution resolves them, and the assessors' workload per term with its Excel export.
 * The exams and marking modules' rows (attempts, events, marks, decisions) are written straight to their tables.
 */
let t: TestApp;
let w: EvaluationWorld;
let supervisor: ReturnType<typeof client>;
let otherSupervisor: ReturnType<typeof client>;
let hr: ReturnType<typeof client>;
let school: ReturnType<typeof client>;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF photo of room 401'), Buffer.from([0xff, 0xd9])]);

async function upload(as: ReturnType<typeof client>, filename: string, bytes: Buffer, mimeType = 'image/jpeg'): Promise<string> {
  const res = await as('POST', '/api/attachments', { filename, mimeType, contentBase64: bytes.toString('base64') });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeEvaluationWorld(t, { candidates: 3, theoryStartsInMinutes: -20 });
  const [sup] = await t.db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.username, 'sh_supervisor'));
  await t.db.insert(planSupervisors).values({ planId: w.planId, userId: sup!.id });
  // A supervisor of the same bureau, not assigned to this plan.
  const shHr = client(t, await t.login('sh_hr'));
  const created = await shHr('POST', '/api/users', {
    username: 'sup_unassigned',
    displayName: '督导员·未指派',
    role: 'supervisor',
    orgId: sup!.orgId,
    password: INITIAL_PASSWORD,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await activateAccount(t, 'sup_unassigned');
  supervisor = client(t, await t.login('sh_supervisor'));
  otherSupervisor = client(t, await t.login('sup_unassigned'));
  hr = client(t, await t.login('pd_hr'));
  school = client(t, await t.login(w.schoolUsername));
}, 60_000);
afterAll(async () => t?.close());

describe('the live view (逢考必督)', () => {
  it('only the assigned supervisors and HR of the region see it; anyone else is told it does not exist', async () => {
    expect((await supervisor('GET', `/api/plans/${w.planId}/supervision/live`)).status).toBe(200);
    expect((await hr('GET', `/api/plans/${w.planId}/supervision/live`)).status).toBe(200);
    expectError(await otherSupervisor('GET', `/api/plans/${w.planId}/supervision/live`), 404, 'NOT_FOUND');
    expectError(await client(t, await t.login('fj_hr'))('GET', `/api/plans/${w.planId}/supervision/live`), 404, 'NOT_FOUND');
    expectError(await school('GET', `/api/plans/${w.planId}/supervision/live`), 403, 'ACCESS.DENIED');
    expectError(await supervisor('GET', `/api/plans/${w.planId}/supervision/live?after=-1`), 400, 'VALIDATION.FAILED');
  });

  it('rooms show who is in, writing, submitted, absent; events come after the last seen; marks as they come', async () => {
    const [c0, c1, c2] = w.candidates;
    const attempt = async (c: EvaluationWorld['candidates'][number], status: string, extra: Partial<typeof examAttempts.$inferInsert> = {}) => {
      const [a] = await t.db
        .insert(examAttempts)
        .values({
          planId: w.planId,
          partId: w.theory.partId,
          sittingId: w.theory.sittingId,
          seatAssignmentId: c.theorySeatId,
          enrolmentId: c.enrolmentId,
          paperId: w.theory.paperId,
          examNumber: c.theoryExamNumber,
          layout: [],
          status,
          ...extra,
        })
        .returning({ id: examAttempts.id });
      return a!.id;
    };
    const a0 = await attempt(c0!, 'writing', { switchCount: 2 });
    await attempt(c1!, 'submitted', { submittedAt: new Date() });
    await attempt(c2!, 'absent');
    await t.db.insert(examEvents).values([
      { attemptId: a0, sittingId: w.theory.sittingId, kind: 'focus_lost', data: { seconds: 4 } },
      { attemptId: a0, sittingId: w.theory.sittingId, kind: 'tab_hidden' },
    ]);

    const live = await supervisor('GET', `/api/plans/${w.planId}/supervision/live`);
    expect(live.status).toBe(200);
    const theory = live.body.rooms.find((r: { sittingId: string }) => r.sittingId === w.theory.sittingId);
    expect(theory.counts).toEqual({ seated: 3, notPrepared: 0, prepared: 0, signedIn: 0, writing: 1, submitted: 1, absent: 1 });
    expect(theory.candidates.find((c: { enrolmentId: string }) => c.enrolmentId === c0!.enrolmentId)).toMatchObject({
      status: 'writing',
      switchCount: 2,
      name: c0!.name,
    });
    const practical = live.body.rooms.find((r: { sittingId: string }) => r.sittingId === w.practical.sittingId);
    expect(practical.counts.notPrepared).toBe(3);
    expect(live.body.events.map((e: { kind: string; examNumber: string }) => [e.kind, e.examNumber])).toEqual([
      ['focus_lost', c0!.theoryExamNumber],
      ['tab_hidden', c0!.theoryExamNumber],
    ]);

    // Polling with `after` brings only what is new.
    const last = live.body.lastEventId as number;
    expect((await supervisor('GET', `/api/plans/${w.planId}/supervision/live?after=${last}`)).body.events).toEqual([]);
    await t.db.insert(examEvents).values({ attemptId: a0, sittingId: w.theory.sittingId, kind: 'paste' });
    const next = await hr('GET', `/api/plans/${w.planId}/supervision/live?after=${last}`);
    expect(next.body.events.map((e: { kind: string }) => e.kind)).toEqual(['paste']);
    expect(next.body.lastEventId).toBeGreaterThan(last);

    // Marks: two examiners per task (profile), threshold 10.
    const [, ex1, ex2] = w.examiners;
    const [t0, t1] = w.practical.taskIds;
    const mark = (c: typeof c0, item: string, examinerId: string, total: number): typeof marks.$inferInsert => ({
      planId: w.planId,
      partId: w.practical.partId,
      enrolmentId: c!.enrolmentId,
      itemId: item,
      examinerId,
      scores: [],
      vetoes: [],
      total,
    });
    await t.db.insert(marks).values([
      mark(c0, t0!, ex1!.userId, 8),
      mark(c0, t0!, ex2!.userId, 9), // agreed
      mark(c0, t1!, ex1!.userId, 2),
      mark(c0, t1!, ex2!.userId, 20), // spread 18: disputed
      mark(c1, t0!, ex1!.userId, 5),
      mark(c1, t0!, ex2!.userId, 30), // decided by the chief examiner
      mark(c1, t1!, ex1!.userId, 7), // one of two: waiting
    ]);
    await t.db.insert(markDecisions).values({
      planId: w.planId,
      partId: w.practical.partId,
      enrolmentId: c1!.enrolmentId,
      itemId: t0!,
      kind: 'chief',
      score: 20,
      reason: '复核录像后裁定',
      decidedBy: w.examiners[0]!.userId,
    });
    const progress = (await supervisor('GET', `/api/plans/${w.planId}/supervision/live`)).body.marks;
    expect(progress.find((m: { partId: string }) => m.partId === w.practical.partId)).toMatchObject({
      expected: 6,
      marks: 7,
      waiting: 3,
      agreed: 1,
      disputed: 1,
      decided: 1,
    });
    // Theory: 2 简答 items × the 2 candidates not absent, none marked yet.
    expect(progress.find((m: { partId: string }) => m.partId === w.theory.partId)).toMatchObject({ expected: 4, marks: 0, waiting: 4 });
  });
});

describe('inspection reports (督导报告)', () => {
  it('a supervisor files a report with photos; the school and HR read it and its photos; others do not', async () => {
    const photoId = await upload(supervisor, '401考场.jpg', JPEG);
    const res = await supervisor('POST', `/api/plans/${w.planId}/inspection-reports`, {
      sittingId: w.theory.sittingId,
      findings: '考场秩序良好，监考到位；一名考生切屏两次，已提醒。',
      irregularities: ['401 考场 1 号考生切屏两次'],
      photoIds: [photoId],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ sittingId: w.theory.sittingId, irregularities: ['401 考场 1 号考生切屏两次'], correctsId: null, correctedById: null });
    expect(res.body.photos).toEqual([{ id: photoId, filename: '401考场.jpg', mimeType: 'image/jpeg', size: JPEG.length }]);

    for (const reader of [school, hr]) {
      const list = await reader('GET', `/api/plans/${w.planId}/inspection-reports`);
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
      const photo = await t.app.inject({
        url: `/api/plans/${w.planId}/inspection-reports/${res.body.id}/photos/${photoId}`,
        headers: { cookie: await t.login(reader === school ? w.schoolUsername : 'pd_hr') },
      });
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      expect(Buffer.compare(photo.rawPayload, JPEG)).toBe(0);
    }
    expectError(await client(t, await t.login('school_admin'))('GET', `/api/plans/${w.planId}/inspection-reports`), 404, 'NOT_FOUND');
    expectError(await otherSupervisor('GET', `/api/plans/${w.planId}/inspection-reports`), 404, 'NOT_FOUND');
    // A photo id that is not on the report is not served through it.
    const stray = await upload(supervisor, 'other.jpg', JPEG);
    expectError(await supervisor('GET', `/api/plans/${w.planId}/inspection-reports/${res.body.id}/photos/${stray}`), 404, 'NOT_FOUND');
  });

  it('refuses photos that are not JPEG/PNG, or not the supervisor’s own upload; only assigned supervisors file; nothing half-saved', async () => {
    const pdf = await upload(supervisor, 'scan.jpg', Buffer.from('%PDF-1.7 not an image'));
    const body = { findings: '抽查记录', irregularities: [], photoIds: [pdf] };
    expectError(await supervisor('POST', `/api/plans/${w.planId}/inspection-reports`, body), 422, 'SUPERVISION.PHOTO_NOT_IMAGE');
    const schoolPhoto = await upload(school, 'school.jpg', JPEG);
    expectError(await supervisor('POST', `/api/plans/${w.planId}/inspection-reports`, { ...body, photoIds: [schoolPhoto] }), 422, 'SUPERVISION.PHOTO_UNKNOWN');
    expectError(await otherSupervisor('POST', `/api/plans/${w.planId}/inspection-reports`, { findings: 'x' }), 404, 'NOT_FOUND');
    expectError(await school('POST', `/api/plans/${w.planId}/inspection-reports`, { findings: 'x' }), 403, 'ACCESS.DENIED');
    expectError(await supervisor('POST', `/api/plans/${w.planId}/inspection-reports`, { findings: '   ' }), 400, 'VALIDATION.FAILED');
    expectError(
      await supervisor('POST', `/api/plans/${w.planId}/inspection-reports`, { findings: 'x', sittingId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'SUPERVISION.UNKNOWN_TARGET',
    );
    expect((await school('GET', `/api/plans/${w.planId}/inspection-reports`)).body.items).toHaveLength(1);
  });

  it('a filed report is never edited: a correction is a new report naming it, once', async () => {
    const [first] = (await supervisor('GET', `/api/plans/${w.planId}/inspection-reports`)).body.items;
    const correction = await supervisor('POST', `/api/plans/${w.planId}/inspection-reports`, {
      findings: '更正：切屏考生为 2 号考生。',
      irregularities: ['401 考场 2 号考生切屏两次'],
      correctsId: first.id,
    });
    expect(correction.status, JSON.stringify(correction.body)).toBe(201);
    expect(correction.body.correctsId).toBe(first.id);
    const list = (await school('GET', `/api/plans/${w.planId}/inspection-reports`)).body.items;
    expect(list.find((r: { id: string }) => r.id === first.id)).toMatchObject({ correctedById: correction.body.id, findings: first.findings });
    expectError(
      await supervisor('POST', `/api/plans/${w.planId}/inspection-reports`, { findings: 'again', correctsId: first.id }),
      409,
      'SUPERVISION.ALREADY_CORRECTED',
    );
    expect((await supervisor('PUT', `/api/plans/${w.planId}/inspection-reports/${first.id}`, { findings: 'edit' })).status).toBe(404);
  });
});

describe('flags', () => {
  it('a candidate flag holds that candidate, a room flag the whole room; resolving releases them', async () => {
    const [c0, c1, c2] = w.candidates;
    const byCandidate = await supervisor('POST', `/api/plans/${w.planId}/supervision/flags`, { enrolmentId: c0!.enrolmentId, reason: '疑似夹带资料' });
    expect(byCandidate.status, JSON.stringify(byCandidate.body)).toBe(201);
    expect(byCandidate.body).toMatchObject({ kind: 'candidate', status: 'open', blocks: 1 });
    expect(byCandidate.body.target).toContain(c0!.name);
    const byRoom = await supervisor('POST', `/api/plans/${w.planId}/supervision/flags`, { sittingId: w.theory.sittingId, reason: '考场监考人员中途离场' });
    expect(byRoom.body).toMatchObject({ kind: 'room', blocks: 3 });

    let held = await openFlagsByEnrolment(t.db, w.planId);
    expect(
      held
        .get(c0!.enrolmentId)
        ?.map((f) => f.kind)
        .sort(),
    ).toEqual(['candidate', 'room']);
    expect(held.get(c1!.enrolmentId)?.map((f) => f.flagId)).toEqual([byRoom.body.id]);
    expect(held.get(c2!.enrolmentId)?.map((f) => f.flagId)).toEqual([byRoom.body.id]);

    // The supervisor does not resolve; the institution does, with a text.
    expectError(await supervisor('POST', `/api/plans/${w.planId}/supervision/flags/${byRoom.body.id}/resolve`, { resolution: 'x' }), 403, 'ACCESS.DENIED');
    expectError(await school('POST', `/api/plans/${w.planId}/supervision/flags/${byRoom.body.id}/resolve`, { resolution: ' ' }), 400, 'VALIDATION.FAILED');
    const resolved = await school('POST', `/api/plans/${w.planId}/supervision/flags/${byRoom.body.id}/resolve`, {
      resolution: '经核查监考员离场 2 分钟，由备用监考员顶岗，考场秩序未受影响。',
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', blocks: 0 });
    held = await openFlagsByEnrolment(t.db, w.planId);
    expect([...held.keys()]).toEqual([c0!.enrolmentId]);

    await school('POST', `/api/plans/${w.planId}/supervision/flags/${byCandidate.body.id}/resolve`, { resolution: '查看录像，为本人准考证，非夹带。' });
    expect((await openFlagsByEnrolment(t.db, w.planId)).size).toBe(0);
    expectError(
      await school('POST', `/api/plans/${w.planId}/supervision/flags/${byCandidate.body.id}/resolve`, { resolution: 'again' }),
      409,
      'SUPERVISION.FLAG_RESOLVED',
    );

    const list = await hr('GET', `/api/plans/${w.planId}/supervision/flags`);
    expect(list.body.items.map((f: { status: string }) => f.status)).toEqual(['resolved', 'resolved']);
  });

  it('bad flags: both or neither target, a candidate of another plan, an unassigned supervisor', async () => {
    expectError(
      await supervisor('POST', `/api/plans/${w.planId}/supervision/flags`, {
        enrolmentId: w.candidates[0]!.enrolmentId,
        sittingId: w.theory.sittingId,
        reason: 'x',
      }),
      400,
      'VALIDATION.FAILED',
    );
    expectError(await supervisor('POST', `/api/plans/${w.planId}/supervision/flags`, { reason: 'x' }), 400, 'VALIDATION.FAILED');
    expectError(
      await supervisor('POST', `/api/plans/${w.planId}/supervision/flags`, { enrolmentId: '00000000-0000-4000-8000-000000000000', reason: 'x' }),
      422,
      'SUPERVISION.UNKNOWN_TARGET',
    );
    expectError(await otherSupervisor('POST', `/api/plans/${w.planId}/supervision/flags`, { sittingId: w.theory.sittingId, reason: 'x' }), 404, 'NOT_FOUND');
    expectError(
      await school('POST', `/api/plans/${w.planId}/supervision/flags/00000000-0000-4000-8000-000000000000/resolve`, { resolution: 'x' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('R15 assessor workload (绩效)', () => {
  let past: EvaluationWorld;
  beforeAll(async () => {
    // A plan held in the autumn term of 2024 (so no other fixture's figures mix in): theory 09:00–10:30, practical 13:30–15:30.
    past = await makeEvaluationWorld(t, { candidates: 3, status: 'closed' });
    await t.db.update(planSittings).set({ date: '2024-10-15', startTime: '09:00', endTime: '10:30' }).where(eq(planSittings.id, past.theory.sittingId));
    await t.db.update(planSittings).set({ date: '2024-10-15', startTime: '13:30', endTime: '15:30' }).where(eq(planSittings.id, past.practical.sittingId));
    const [chief, ex1, ex2] = past.examiners;
    const [c0, c1, c2] = past.candidates;
    const [t0, t1] = past.practical.taskIds;
    const at = new Date('2024-10-16T03:00:00Z');
    const mark = (c: typeof c0, item: string, examinerId: string, when = at): typeof marks.$inferInsert => ({
      planId: past.planId,
      partId: past.practical.partId,
      enrolmentId: c!.enrolmentId,
      itemId: item,
      examinerId,
      scores: [],
      vetoes: [],
      total: 10,
      at: when,
    });
    await t.db.insert(marks).values([
      mark(c0, t0!, ex1!.userId),
      mark(c0, t1!, ex1!.userId),
      mark(c1, t0!, ex1!.userId),
      mark(c0, t0!, ex2!.userId),
      mark(c1, t0!, ex2!.userId),
      // Given in the next term: not in 2024-1.
      mark(c2, t0!, ex2!.userId, new Date('2025-03-01T03:00:00Z')),
    ]);
    await t.db.insert(markDecisions).values({
      planId: past.planId,
      partId: past.practical.partId,
      enrolmentId: c1!.enrolmentId,
      itemId: t0!,
      kind: 'chief',
      score: 10,
      reason: '裁定',
      decidedBy: chief!.userId,
      at,
    });
  }, 60_000);

  const expected = () => {
    const [chief, ex1, ex2] = past.examiners;
    return [
      {
        certificateNo: 'KPY-2022-0311',
        name: '考评员1',
        username: ex1!.username,
        sittingsInvigilated: 0,
        sittingsExamined: 1,
        hours: 2,
        candidatesMarked: 2,
        tasksMarked: 3,
        decisions: 0,
      },
      {
        certificateNo: 'KPY-2022-0530',
        name: '冯涛',
        sittingsInvigilated: 1,
        sittingsExamined: 0,
        hours: 1.5,
        candidatesMarked: 0,
        tasksMarked: 0,
        decisions: 0,
      },
      {
        certificateNo: 'KPY-2023-0107',
        name: '考评员0',
        username: chief!.username,
        sittingsInvigilated: 0,
        sittingsExamined: 1,
        hours: 2,
        candidatesMarked: 0,
        tasksMarked: 0,
        decisions: 1,
      },
      {
        certificateNo: 'KPY-2023-0215',
        name: '考评员2',
        username: ex2!.username,
        sittingsInvigilated: 0,
        sittingsExamined: 1,
        hours: 2,
        candidatesMarked: 2,
        tasksMarked: 2,
        decisions: 0,
      },
    ];
  };

  it('R15: per 考评员 and term — sittings invigilated and examined, hours, candidates and tasks marked, decisions', async () => {
    const res = await school('GET', '/api/workload?term=2024-1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ term: '2024-1', label: '2024–2025学年第一学期', from: '2024-09-01', to: '2025-01-31' });
    expect(res.body.rows).toHaveLength(4);
    expected().forEach((row, i) => expect(res.body.rows[i]).toMatchObject(row));
    // The spring term holds only the later mark.
    const spring = (await school('GET', '/api/workload?term=2024-2')).body.rows;
    expect(spring.map((r: { certificateNo: string; tasksMarked: number }) => [r.certificateNo, r.tasksMarked])).toEqual([['KPY-2023-0215', 1]]);
    // HR of the region sees the same; another province's bureau sees none of it; a supervisor has no workload screen.
    expect((await hr('GET', `/api/workload?term=2024-1&orgId=${past.orgId}`)).body.rows).toEqual(res.body.rows);
    expect((await client(t, await t.login('fj_hr'))('GET', '/api/workload?term=2024-1')).body.rows).toEqual([]);
    expectError(await client(t, await t.login('fj_hr'))('GET', `/api/workload?term=2024-1&orgId=${past.orgId}`), 404, 'NOT_FOUND');
    expectError(await supervisor('GET', '/api/workload?term=2024-1'), 403, 'ACCESS.DENIED');
    expectError(await school('GET', '/api/workload?term=24-1'), 400, 'VALIDATION.FAILED');
  });

  it('R15: the Excel export reads back with the same figures under Chinese headers', async () => {
    const res = await t.app.inject({ url: '/api/workload/export.xlsx?term=2024-1', headers: { cookie: await t.login(w.schoolUsername) } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('考评员工作量-2024–2025学年第一学期.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考评员工作量')!;
    expect(String(ws.getCell(1, 1).value)).toContain('2024–2025学年第一学期');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '考评员证书编号',
      '姓名',
      '平台账号',
      '监考场次',
      '考评场次',
      '工作时长（小时）',
      '评分考生人次',
      '评分题数',
      '仲裁裁定数',
    ]);
    const rows = [4, 5, 6, 7].map((n) => (ws.getRow(n).values as unknown[]).slice(1));
    expected().forEach((e, i) => {
      expect(rows[i]!.slice(0, 2)).toEqual([e.certificateNo, e.name]);
      expect(rows[i]!.slice(3)).toEqual([e.sittingsInvigilated, e.sittingsExamined, e.hours, e.candidatesMarked, e.tasksMarked, e.decisions]);
    });
    expect((ws.getRow(8).values as unknown[]).slice(1)).toEqual(['合计', '', '', 1, 3, 7.5, 4, 5, 1]);
  });
});
