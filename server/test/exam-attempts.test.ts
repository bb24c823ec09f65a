import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { examAnswers, examAttempts, examEvents, itemResponses, partResults } from '../src/db/schema.ts';
import { hotPathStats } from '../src/modules/exams/exams.service.ts';
import { startExamSweeper, submitDue, sweepExams } from '../src/modules/exams/exams.sweeper.ts';
import { client, expectError } from './helpers/api.ts';
import { type EvaluationWorld, makeEvaluationWorld } from './helpers/evaluation.ts';
import { examSignIn, moveSitting, rightAnswers } from './helpers/exams.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const exam = (cookie: string | undefined) => client(t, cookie);
const eventsOf = (attemptId: string) => t.db.select().from(examEvents).where(eq(examEvents.attemptId, attemptId));
const attemptRow = async (attemptId: string) => (await t.db.select().from(examAttempts).where(eq(examAttempts.id, attemptId)))[0]!;
const answerRows = (attemptId: string) => t.db.select().from(examAnswers).where(eq(examAnswers.attemptId, attemptId));

describe('sign-in (签到) and the doors', () => {
  let w: EvaluationWorld;
  beforeAll(async () => {
    w = await makeEvaluationWorld(t, { candidates: 2, examiners: 0 });
  });

  it('an unknown exam number and a wrong ID number answer the same; the right pair signs in with a cookie', async () => {
    const c = w.candidates[0]!;
    const unknown = await examSignIn(t, { theoryExamNumber: 'T0000000000', idNumber: c.idNumber }, 'device-aaaa-1');
    const wrongId = await examSignIn(t, { theoryExamNumber: c.theoryExamNumber, idNumber: w.candidates[1]!.idNumber }, 'device-aaaa-1');
    expectError(unknown, 422, 'EXAM.BAD_CREDENTIALS');
    expectError(wrongId, 422, 'EXAM.BAD_CREDENTIALS');
    expect(unknown.body.error.message).toBe(wrongId.body.error.message);
    expect(unknown.cookie).toBeUndefined();

    const ok = await examSignIn(t, { ...c, idNumber: c.idNumber.toLowerCase() }, 'device-aaaa-1');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.cookie).toBeDefined();
    expect(ok.body).toMatchObject({ status: 'signed_in', examNumber: c.theoryExamNumber, candidateName: c.name, items: [] });
    expect(ok.body.remainingSeconds).toBeGreaterThan(80 * 60);
    const state = await exam(ok.cookie)('GET', '/api/exam/attempt');
    expect(state.body.attemptId).toBe(ok.body.attemptId);
  });

  it('a sitting entered before its doors open is refused, and nothing is recorded', async () => {
    const later = await makeEvaluationWorld(t, { candidates: 1, theoryStartsInMinutes: 60, examiners: 0 });
    const res = await examSignIn(t, later.candidates[0]!, 'device-early-1');
    expectError(res, 422, 'EXAM.NOT_OPEN');
    expect(res.body.error.details.opensAt).toBeDefined();
    expect(res.cookie).toBeUndefined();
    // The copy built for the seat went with the refusal: no attempt signed in, no exam session opened.
    expect(await t.db.select().from(examAttempts).where(eq(examAttempts.sittingId, later.theory.sittingId))).toHaveLength(0);
  });

  it('a sitting entered after the late-entry cut-off is refused; resuming a started attempt is not entering', async () => {
    const late = await makeEvaluationWorld(t, { candidates: 2, examiners: 0 });
    const resumer = await examSignIn(t, late.candidates[0]!, 'device-resume-1');
    expect(resumer.status).toBe(200);
    expect((await exam(resumer.cookie)('POST', '/api/exam/start')).status).toBe(200);
    await moveSitting(t, late.theory.sittingId, -20); // 20 minutes in: the cut-off (15) has passed
    const res = await examSignIn(t, late.candidates[1]!, 'device-late-1');
    expectError(res, 422, 'EXAM.ENTRY_CLOSED');
    const again = await examSignIn(t, late.candidates[0]!, 'device-resume-1');
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('writing');
  });

  it('the allowed addresses are checked against the real client address; X-Forwarded-For only behind a trusted proxy', async () => {
    const school = client(t, await t.login(w.schoolUsername));
    const set = await school('PUT', `/api/sittings/${w.theory.sittingId}/exam-settings`, { allowedAddresses: ['10.20.0.0/16'] });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expectError(await school('PUT', `/api/sittings/${w.theory.sittingId}/exam-settings`, { allowedAddresses: ['10.20.0.0/40'] }), 422, 'EXAM.BAD_ADDRESS');
    const c = w.candidates[1]!;
    expectError(await examSignIn(t, c, 'device-addr-1', { remoteAddress: '192.168.1.5' }), 403, 'EXAM.ADDRESS_NOT_ALLOWED');
    // The app does not trust a proxy (TRUST_PROXY off): a forged header changes nothing.
    expectError(
      await examSignIn(t, c, 'device-addr-1', { remoteAddress: '192.168.1.5', headers: { 'x-forwarded-for': '10.20.3.4' } }),
      403,
      'EXAM.ADDRESS_NOT_ALLOWED',
    );
    const inRoom = await examSignIn(t, c, 'device-addr-1', { remoteAddress: '10.20.3.4' });
    expect(inRoom.status, JSON.stringify(inRoom.body)).toBe(200);

    // Behind a trusted proxy the forwarded address is the client's.
    const proxied = await buildApp(
      { db: t.db, dbKind: t.dbKind, config: { ...loadConfig({}, []), logLevel: 'silent', trustProxy: true }, identity: t.identity },
      false,
    );
    try {
      const res = await proxied.app.inject({
        method: 'GET',
        url: '/api/exam/attempt',
        remoteAddress: '127.0.0.1',
        headers: { cookie: inRoom.cookie!, 'x-forwarded-for': '10.20.9.9' },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await proxied.app.close();
    }
    // A write from another allowed address is logged as an address change.
    const moved = await t.app.inject({
      method: 'POST',
      url: '/api/exam/events',
      remoteAddress: '10.20.3.99',
      headers: { cookie: inRoom.cookie! },
      payload: { kind: 'reconnect' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const changed = (await eventsOf(inRoom.body.attemptId)).find((e) => e.kind === 'address_changed');
    expect(changed?.data).toEqual({ from: '10.20.3.4', to: '10.20.3.99' });
    expect(changed?.address).toBe('10.20.3.99');
  });
});

describe('the attempt: answers, devices, submission', () => {
  let w: EvaluationWorld;
  let cookie: string;
  let attemptId: string;
  beforeAll(async () => {
    w = await makeEvaluationWorld(t, { candidates: 3, theorySubjective: 0, examiners: 0 });
    const school = client(t, await t.login(w.schoolUsername));
    const first = await school('POST', `/api/sittings/${w.theory.sittingId}/prepare`);
    expect(first.body).toEqual({ prepared: 3, existing: 0, total: 3 });
    const again = await school('POST', `/api/sittings/${w.theory.sittingId}/prepare`);
    expect(again.body).toEqual({ prepared: 0, existing: 3, total: 3 });
    const signed = await examSignIn(t, w.candidates[0]!, 'device-main-1');
    cookie = signed.cookie!;
    attemptId = signed.body.attemptId;
  });

  it('answers are refused before the start; start shows the copy without answer keys', async () => {
    const early = await exam(cookie)('PUT', '/api/exam/answers', { answers: [{ itemId: w.theory.objectiveItemIds[0], response: { keys: ['A'] }, seq: 1 }] });
    expectError(early, 409, 'EXAM.NOT_STARTED');
    const started = await exam(cookie)('POST', '/api/exam/start');
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('writing');
    expect(started.body.items).toHaveLength(6);
    expect(new Set(started.body.items.map((i: { itemId: string }) => i.itemId))).toEqual(new Set(w.theory.objectiveItemIds));
    const body = JSON.stringify(started.body);
    expect(body).not.toContain('"answer"');
    const judge = started.body.items.find((i: { type: string }) => i.type === 'judge');
    expect(judge.options.map((o: { key: string }) => o.key)).toEqual(['true', 'false']);
    const single = started.body.items.find((i: { type: string }) => i.type === 'single');
    expect(single.options[0].key).toBe('A');
  });

  it('saves a batch as given; an older seq never overwrites a newer one; a repeat is idempotent', async () => {
    const [i1, i2] = w.theory.objectiveItemIds;
    const save = (answers: unknown[]) => exam(cookie)('PUT', '/api/exam/answers', { answers });
    const r1 = await save([
      { itemId: i1, response: { keys: ['A'] }, seq: 5 },
      { itemId: i2, response: { keys: ['B'] }, flagged: true, seq: 6 },
    ]);
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect(r1.body.saved).toEqual(
      expect.arrayContaining([
        { itemId: i1, seq: 5 },
        { itemId: i2, seq: 6 },
      ]),
    );
    expect(r1.body.remainingSeconds).toBeGreaterThan(0);
    const r2 = await save([{ itemId: i1, response: { keys: ['C'] }, seq: 3 }]);
    expect(r2.body.saved).toEqual([{ itemId: i1, seq: 5 }]);
    const r3 = await save([{ itemId: i1, response: { keys: ['A'] }, seq: 5 }]);
    expect(r3.status).toBe(200);
    const rows = await answerRows(attemptId);
    expect(rows.find((r) => r.itemId === i1)).toMatchObject({ response: { keys: ['A'] }, seq: 5 });
    expect(rows.find((r) => r.itemId === i2)).toMatchObject({ flagged: true, seq: 6 });
  });

  it('an answer to an item not on the paper, or one that does not fit its item, refuses the whole batch', async () => {
    const [i1, , i3] = w.theory.objectiveItemIds;
    const before = await answerRows(attemptId);
    const foreign = await exam(cookie)('PUT', '/api/exam/answers', {
      answers: [
        { itemId: i3, response: { keys: ['A'] }, seq: 10 },
        { itemId: crypto.randomUUID(), response: { keys: ['A'] }, seq: 11 },
      ],
    });
    expectError(foreign, 422, 'EXAM.ITEM_NOT_ON_PAPER');
    const single = (await exam(cookie)('GET', '/api/exam/attempt')).body.items.find((i: { type: string }) => i.type === 'single');
    const twoKeys = await exam(cookie)('PUT', '/api/exam/answers', {
      answers: [
        { itemId: i3, response: { keys: ['A'] }, seq: 12 },
        { itemId: single.itemId, response: { keys: ['A', 'B'] }, seq: 13 },
      ],
    });
    expectError(twoKeys, 422, 'EXAM.BAD_RESPONSE');
    expectError(await exam(cookie)('PUT', '/api/exam/answers', { answers: [{ itemId: i1, response: { keys: ['Z'] }, seq: 14 }] }), 422, 'EXAM.BAD_RESPONSE');
    expectError(await exam(cookie)('PUT', '/api/exam/answers', { answers: [{ itemId: i1, response: { text: 'x' }, seq: 14 }] }), 422, 'EXAM.BAD_RESPONSE');
    expectError(await exam(cookie)('PUT', '/api/exam/answers', { answers: [{ itemId: i1, seq: 14 }] }), 400, 'VALIDATION.FAILED');
    expect(await answerRows(attemptId)).toEqual(before);
  });

  it('a second browser is refused until the invigilator allows a takeover, which is single use and logged', async () => {
    const second = await examSignIn(t, w.candidates[0]!, 'device-second-2');
    expectError(second, 409, 'EXAM.OTHER_DEVICE');
    expect(second.cookie).toBeUndefined();
    expect((await eventsOf(attemptId)).some((e) => e.kind === 'device_refused')).toBe(true);
    expect((await attemptRow(attemptId)).deviceId).toBe('device-main-1');

    const school = client(t, await t.login(w.schoolUsername));
    const allowed = await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${attemptId}/allow-takeover`, { minutes: 5, reason: '电脑故障' });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body.takeoverUntil).not.toBeNull();
    const taken = await examSignIn(t, w.candidates[0]!, 'device-second-2');
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.answers.length).toBe(2);
    // The old device is out; a third device needs a new allowance.
    expectError(
      await exam(cookie)('PUT', '/api/exam/answers', { answers: [{ itemId: w.theory.objectiveItemIds[0], response: { keys: ['B'] }, seq: 20 }] }),
      409,
      'EXAM.OTHER_DEVICE',
    );
    expectError(await examSignIn(t, w.candidates[0]!, 'device-third-3'), 409, 'EXAM.OTHER_DEVICE');
    const takeover = (await eventsOf(attemptId)).find((e) => e.kind === 'takeover');
    expect(takeover?.data).toMatchObject({ fromDevice: 'device-main-1', toDevice: 'device-second-2' });
    cookie = taken.cookie!;
  });

  it('submitting before the minimum time is refused; extra time is granted with a reason and logged', async () => {
    expectError(await exam(cookie)('POST', '/api/exam/submit'), 422, 'EXAM.TOO_EARLY_TO_SUBMIT');
    expect((await attemptRow(attemptId)).status).toBe('writing');
    const school = client(t, await t.login(w.schoolUsername));
    const before = (await exam(cookie)('GET', '/api/exam/attempt')).body;
    expectError(await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${attemptId}/extra-time`, { minutes: 10 }), 400, 'VALIDATION.FAILED');
    const granted = await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${attemptId}/extra-time`, {
      minutes: 10,
      reason: '听障考生，延时 10 分钟',
    });
    expect(granted.body.extraMinutes).toBe(10);
    const after = (await exam(cookie)('GET', '/api/exam/attempt')).body;
    expect(new Date(after.deadline).getTime() - new Date(before.deadline).getTime()).toBe(10 * 60_000);
    expect(after.remainingSeconds - before.remainingSeconds).toBeGreaterThanOrEqual(599);
    const logged = (await eventsOf(attemptId)).find((e) => e.kind === 'time_extended');
    expect(logged?.data).toMatchObject({ minutes: 10, reason: '听障考生，延时 10 分钟' });
    expect(logged?.address).toBe('127.0.0.1');
    expect(logged?.actorId).not.toBeNull();
  });

  it('switches warn, then submit at the plan’s limit when it says so', async () => {
    const school = client(t, await t.login(w.schoolUsername));
    await school('PUT', `/api/sittings/${w.theory.sittingId}/exam-settings`, { switchLimit: 2, autoSubmitAtSwitchLimit: true });
    const c = await examSignIn(t, w.candidates[1]!, 'device-switch-1');
    await exam(c.cookie)('POST', '/api/exam/start');
    const one = await exam(c.cookie)('POST', '/api/exam/events', { kind: 'tab_hidden' });
    expect(one.body).toMatchObject({ switchCount: 1, switchLimit: 2, verdict: 'warn', status: 'writing' });
    const paste = await exam(c.cookie)('POST', '/api/exam/events', { kind: 'paste' });
    expect(paste.body).toMatchObject({ switchCount: 1, verdict: 'none' });
    const two = await exam(c.cookie)('POST', '/api/exam/events', { kind: 'focus_lost' });
    expect(two.body).toMatchObject({ switchCount: 2, verdict: 'submit', status: 'submitted' });
    expect((await attemptRow(c.body.attemptId)).submittedHow).toBe('switch_limit');
    expectError(await exam(c.cookie)('POST', '/api/exam/events', { kind: 'focus_lost' }), 409, 'EXAM.SUBMITTED');
    await school('PUT', `/api/sittings/${w.theory.sittingId}/exam-settings`, { switchLimit: null, autoSubmitAtSwitchLimit: false });
  });

  it('an answer after the deadline is refused and nothing is saved; the sweeper submits and marks at the deadline', async () => {
    const answers = await rightAnswers(t, attemptId);
    const items = [...answers.entries()];
    // Right answers to all but the last objective item; the last gets a wrong (or empty) answer.
    const batch = items.map(([itemId, keys], k) => ({ itemId, response: { keys: k === items.length - 1 ? [] : keys }, seq: 100 + k }));
    expect((await exam(cookie)('PUT', '/api/exam/answers', { answers: batch })).status).toBe(200);
    await moveSitting(t, w.theory.sittingId, -(90 + 10 + 2)); // 90 minutes + 10 extra, 2 more minutes: past the grace
    const late = await exam(cookie)('PUT', '/api/exam/answers', {
      answers: [{ itemId: items[items.length - 1]![0], response: { keys: items[items.length - 1]![1] }, seq: 500 }],
    });
    expectError(late, 422, 'EXAM.DEADLINE_PASSED');
    expect((await answerRows(attemptId)).some((r) => r.seq === 500)).toBe(false);

    const submitted = await submitDue(t.db);
    expect(submitted).toBeGreaterThanOrEqual(1);
    const a = await attemptRow(attemptId);
    expect(a).toMatchObject({ status: 'submitted', submittedHow: 'deadline' });
    const lastPoints = a.layout.find((i) => i.itemId === items[items.length - 1]![0])!.points;
    const max = a.layout.reduce((s, i) => s + i.points, 0);
    expect(a.objectiveMax).toBe(max);
    expect(a.objectiveScore).toBe(max - lastPoints);
    const responses = await t.db.select().from(itemResponses).where(eq(itemResponses.candidate, a.examNumber));
    expect(responses).toHaveLength(6);
    const [result] = await t.db
      .select()
      .from(partResults)
      .where(and(eq(partResults.enrolmentId, a.enrolmentId), eq(partResults.partId, w.theory.partId)));
    expect(result).toMatchObject({ source: 'exam', absent: false, score: Math.round(((max - lastPoints) / max) * 1000) / 10 });
    // The candidate's page shows the submission.
    const state = await exam(cookie)('GET', '/api/exam/attempt');
    expect(state.body).toMatchObject({ status: 'submitted', submittedHow: 'deadline', remainingSeconds: 0 });
    expect(await submitDue(t.db)).toBe(0);
  });
});

describe('the room (监考)', () => {
  let w: EvaluationWorld;
  beforeAll(async () => {
    w = await makeEvaluationWorld(t, { candidates: 3, examiners: 1 });
    const school = client(t, await t.login(w.schoolUsername));
    expect((await school('POST', `/api/sittings/${w.theory.sittingId}/prepare`)).body.prepared).toBe(3);
  });

  it('lists the candidates with live status; confirms identity, marks absent (and writes the absent result)', async () => {
    const school = client(t, await t.login(w.schoolUsername));
    const signed = await examSignIn(t, w.candidates[0]!, 'device-room-1');
    await exam(signed.cookie)('POST', '/api/exam/start');
    const room = await school('GET', `/api/sittings/${w.theory.sittingId}/room`);
    expect(room.status, JSON.stringify(room.body)).toBe(200);
    expect(room.body.candidates).toHaveLength(3);
    expect(room.body.counts).toMatchObject({ writing: 1, prepared: 2 });
    expect(room.body.unprepared).toBe(0);
    const absentee = room.body.candidates.find((c: { examNumber: string }) => c.examNumber === w.candidates[2]!.theoryExamNumber);
    const writer = room.body.candidates.find((c: { examNumber: string }) => c.examNumber === w.candidates[0]!.theoryExamNumber);
    expect(writer).toMatchObject({ status: 'writing', name: w.candidates[0]!.name, itemCount: 8, answeredCount: 0, identityConfirmed: false });

    const confirmed = await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${writer.attemptId}/confirm-identity`);
    expect(confirmed.body.identityConfirmed).toBe(true);
    expectError(await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${writer.attemptId}/absent`, {}), 409, 'EXAM.ALREADY_IN');
    const absent = await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${absentee.attemptId}/absent`, { reason: '未到场' });
    expect(absent.body.status).toBe('absent');
    const [result] = await t.db.select().from(partResults).where(eq(partResults.enrolmentId, absentee.enrolmentId));
    expect(result).toMatchObject({ absent: true, source: 'absent', score: null });
    expectError(await examSignIn(t, w.candidates[2]!, 'device-room-3'), 409, 'EXAM.ABSENT');

    const feed = await school('GET', `/api/sittings/${w.theory.sittingId}/events`);
    const kinds = feed.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['signed_in', 'started', 'identity_confirmed', 'absent']));
    const more = await school('GET', `/api/sittings/${w.theory.sittingId}/events?after=${feed.body.lastId}`);
    expect(more.body.items).toEqual([]);
  });

  it('the invigilator submits on a candidate’s behalf with a reason; an examiner not staffed in the sitting sees nothing', async () => {
    const school = client(t, await t.login(w.schoolUsername));
    const signed = await examSignIn(t, w.candidates[1]!, 'device-room-2');
    expectError(await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${signed.body.attemptId}/submit`, {}), 400, 'VALIDATION.FAILED');
    const done = await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${signed.body.attemptId}/submit`, { reason: '考生身体不适' });
    expect(done.body).toMatchObject({ status: 'submitted', submittedHow: 'invigilator' });
    // The paper has 简答 items: no part result yet (marking writes it).
    expect(await t.db.select().from(partResults).where(eq(partResults.enrolmentId, done.body.enrolmentId))).toHaveLength(0);

    const examiner = client(t, await t.login(w.examiners[1]!.username));
    expectError(await examiner('GET', `/api/sittings/${w.theory.sittingId}/room`), 404, 'NOT_FOUND');
    // The room lists: the school runs it, Shanghai HR watches it, the unstaffed examiner does not see it.
    const rooms = (await school('GET', '/api/exam-rooms')).body.items.find((r: { sittingId: string }) => r.sittingId === w.theory.sittingId);
    expect(rooms).toMatchObject({ seats: 3, prepared: 3, submitted: 1, absent: 1, canInvigilate: true, room: '401' });
    const hr = (await client(t, await t.login('sh_hr'))('GET', '/api/exam-rooms')).body.items.find(
      (r: { sittingId: string }) => r.sittingId === w.theory.sittingId,
    );
    expect(hr?.canInvigilate).toBe(false);
    const mine = (await examiner('GET', '/api/exam-rooms')).body.items as { sittingId: string }[];
    expect(mine.some((r) => r.sittingId === w.theory.sittingId)).toBe(false);
    const candidate = client(t, await t.login('candidate'));
    expectError(await candidate('GET', `/api/sittings/${w.theory.sittingId}/room`), 403);
    expectError(await client(t)('GET', `/api/sittings/${w.theory.sittingId}/room`), 401);
    expectError(await client(t)('GET', '/api/exam/attempt'), 409, 'EXAM.NO_SESSION');
  });
});

describe('a server restart', () => {
  it('the attempt resumes on a new app with the same answers and remaining time; the sweeper submits on boot', async () => {
    const w = await makeEvaluationWorld(t, { candidates: 1, examiners: 0 });
    const signed = await examSignIn(t, w.candidates[0]!, 'device-restart-1');
    const started = await exam(signed.cookie)('POST', '/api/exam/start');
    const itemId = started.body.items.find((i: { type: string }) => i.type === 'subjective').itemId;
    await exam(signed.cookie)('PUT', '/api/exam/answers', { answers: [{ itemId, response: { text: '降速示教，确认急停。' }, seq: 1 }] });
    const before = (await exam(signed.cookie)('GET', '/api/exam/attempt')).body;

    // Close the app and build a new one on the same database (the process restarted).
    const config = { ...loadConfig({}, []), logLevel: 'silent' as const };
    const { app: restarted } = await buildApp({ db: t.db, dbKind: t.dbKind, config, identity: t.identity }, false);
    try {
      const res = await restarted.inject({ method: 'GET', url: '/api/exam/attempt', headers: { cookie: signed.cookie! } });
      const after = res.json();
      expect(after.status).toBe('writing');
      expect(after.answers).toEqual(before.answers);
      expect(after.deadline).toBe(before.deadline);
      const elapsed = Math.ceil((Date.parse(after.serverNow) - Date.parse(before.serverNow)) / 1000);
      expect(before.remainingSeconds - after.remainingSeconds).toBeLessThanOrEqual(elapsed + 1);
    } finally {
      await restarted.close();
    }

    // While the server was down the deadline passed: the new process's sweeper submits on boot.
    await moveSitting(t, w.theory.sittingId, -95);
    const stop = startExamSweeper(t.db, { info: () => undefined, error: () => undefined }, 3600);
    await stop();
    const a = await attemptRow(started.body.attemptId);
    expect(a).toMatchObject({ status: 'submitted', submittedHow: 'deadline' });
    expect(await answerRows(a.id)).toHaveLength(1);
  });
});

describe('the candidate account and the demo sitting', () => {
  it('段誉 sees the demo theory sitting, enters it from the account, and waits for the start', async () => {
    const me = client(t, await t.login('candidate'));
    // The demo sitting starts three minutes after seeding; keep it in the future however long the tests above took.
    const [demoSitting] = await t.db
      .select({ id: examAttempts.sittingId })
      .from(examAttempts)
      .where(eq(examAttempts.examNumber, (await me('GET', '/api/me/exams')).body.items[0].examNumber));
    await moveSitting(t, demoSitting!.id, 10);
    const list = await me('GET', '/api/me/exams');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const demo = list.body.items.find((e: { planTitle: string }) => e.planTitle.includes('演示'));
    expect(demo).toMatchObject({ status: 'prepared', canEnter: true, room: '机房 301' });
    expect(Date.parse(demo.startsAt)).toBeGreaterThan(Date.now());

    const other = await makeEvaluationWorld(t, { candidates: 1, examiners: 0 });
    await client(t, await t.login(other.schoolUsername))('POST', `/api/sittings/${other.theory.sittingId}/prepare`);
    const [foreign] = await t.db.select().from(examAttempts).where(eq(examAttempts.sittingId, other.theory.sittingId));
    expectError(await me('POST', `/api/me/exams/${foreign!.id}/enter`, { deviceId: 'device-account-1' }), 404, 'NOT_FOUND');

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/me/exams/${demo.attemptId}/enter`,
      headers: { cookie: await t.login('candidate') },
      payload: { deviceId: 'device-account-1' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'signed_in', candidateName: '段誉', photoUrl: '/api/exam/photo' });
    const cookie = res.cookies.find((k) => k.name === 'skillcert_exam');
    const photo = await t.app.inject({ method: 'GET', url: '/api/exam/photo', headers: { cookie: `skillcert_exam=${cookie!.value}` } });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toContain('image/jpeg');
    // The doors are open, the exam has not started: start waits for the sitting's start.
    expectError(await exam(`skillcert_exam=${cookie!.value}`)('POST', '/api/exam/start'), 422, 'EXAM.NOT_STARTED');
    const signed = await t.db.select().from(examEvents).where(eq(examEvents.attemptId, demo.attemptId));
    expect(signed.map((e) => e.kind)).toContain('signed_in');
    expect(signed.find((e) => e.kind === 'signed_in')?.data).toEqual({ via: 'account' });
  });
});

describe('the hot path in group commits (many candidates at the same moment)', () => {
  it('starts and autosaves arriving together share statements, and each request still gets its own answer', async () => {
    const w = await makeEvaluationWorld(t, { candidates: 6, theorySubjective: 0, examiners: 0 });
    const signed: Awaited<ReturnType<typeof examSignIn>>[] = [];
    for (const [k, c] of w.candidates.entries()) signed.push(await examSignIn(t, c, `device-rush-${k}`));
    const cookies = signed.map((s) => s.cookie!);
    const before = structuredClone(hotPathStats(t.db));

    // All start at once: each sees its own name and copy.
    const started = await Promise.all(cookies.map((c) => exam(c)('POST', '/api/exam/start')));
    started.forEach((r, k) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ status: 'writing', attemptId: signed[k]!.body.attemptId, candidateName: w.candidates[k]!.name });
    });
    const [i1, i2] = w.theory.objectiveItemIds;
    const keyOf = (r: { body: { items: { itemId: string; options: { key: string }[] }[] } }, itemId: string) =>
      r.body.items.find((i) => i.itemId === itemId)!.options[0]!.key;

    // All save at once; candidate 0 sends a newer and then an older answer to one item, candidate 1 a valid batch and a
    // batch that does not fit its item, and one request comes without a cookie.
    const save = (k: number, answers: unknown[]) => exam(cookies[k])('PUT', '/api/exam/answers', { answers });
    const single = started[1]!.body.items.find((i: { type: string }) => i.type === 'single');
    const results = await Promise.all([
      ...cookies.map((_, k) => save(k, [{ itemId: i1, response: { keys: [keyOf(started[k]!, i1!)] }, seq: 7 }])),
      save(0, [{ itemId: i1, response: { keys: ['B'] }, seq: 3 }]),
      save(1, [{ itemId: single.itemId, response: { keys: ['A', 'B'] }, seq: 8 }]),
      save(2, [{ itemId: i2, response: { keys: [keyOf(started[2]!, i2!)] }, flagged: true, seq: 9 }]),
      exam(undefined)('PUT', '/api/exam/answers', { answers: [{ itemId: i1, response: { keys: ['A'] }, seq: 1 }] }),
    ]);
    for (const [k] of cookies.entries()) expect(results[k]!.body.saved, `candidate ${k}`).toEqual([{ itemId: i1, seq: 7 }]);
    expect(results[6]!.body.saved).toEqual([{ itemId: i1, seq: 7 }]);
    expectError(results[7]!, 422, 'EXAM.BAD_RESPONSE');
    expect(results[8]!.body.saved).toEqual([{ itemId: i2, seq: 9 }]);
    expectError(results[9]!, 409, 'EXAM.NO_SESSION');

    for (const [k, s] of signed.entries()) {
      const rows = await answerRows(s.body.attemptId);
      expect(
        rows.find((r) => r.itemId === i1),
        `candidate ${k}`,
      ).toMatchObject({ response: { keys: [keyOf(started[k]!, i1!)] }, seq: 7 });
      expect(rows.map((r) => r.itemId).sort()).toEqual((k === 2 ? [i1, i2] : [i1]).sort());
    }
    // The requests did share statements (else this test would prove nothing about the group commit).
    const after = hotPathStats(t.db);
    expect(after.starts.inputs - before.starts.inputs).toBe(6);
    expect(after.starts.batches - before.starts.batches).toBeLessThan(6);
    expect(after.autosaves.batches - before.autosaves.batches).toBeLessThan(after.autosaves.inputs - before.autosaves.inputs);
  });

  it('what the autosave keeps of a cookie never outlives a change: extra time, the address list, the clock', async () => {
    const w = await makeEvaluationWorld(t, { candidates: 1, theorySubjective: 0, examiners: 0 });
    const signed = await examSignIn(t, w.candidates[0]!, 'device-known-0');
    const cookie = signed.cookie!;
    const attemptId = signed.body.attemptId as string;
    const started = await exam(cookie)('POST', '/api/exam/start');
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const item = started.body.items.find((i: { type: string }) => i.type === 'single');
    let seq = 0;
    const save = () => exam(cookie)('PUT', '/api/exam/answers', { answers: [{ itemId: item.itemId, response: { keys: [item.options[0].key] }, seq: ++seq }] });
    const first = await save();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const school = client(t, await t.login(w.schoolUsername));

    // Extra time: the very next save answers the new remaining time.
    const granted = await school('POST', `/api/sittings/${w.theory.sittingId}/attempts/${attemptId}/extra-time`, { minutes: 15, reason: '延时 15 分钟' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const longer = await save();
    expect(longer.body.remainingSeconds - first.body.remainingSeconds).toBeGreaterThanOrEqual(15 * 60 - 5);

    // The room's address list no longer holds this client: refused at once, and nothing saved; allowed again, saved.
    await school('PUT', `/api/sittings/${w.theory.sittingId}/exam-settings`, { allowedAddresses: ['10.99.0.0/16'] });
    expectError(await save(), 403, 'EXAM.ADDRESS_NOT_ALLOWED');
    expect((await answerRows(attemptId))[0]?.seq).toBe(2);
    await school('PUT', `/api/sittings/${w.theory.sittingId}/exam-settings`, { allowedAddresses: [] });
    expect((await save()).body.saved).toEqual([{ itemId: item.itemId, seq: 4 }]);

    // The sitting moved into the past (past the deadline and the grace): refused at once, nothing saved.
    await moveSitting(t, w.theory.sittingId, -(90 + 15 + 2));
    expectError(await save(), 422, 'EXAM.DEADLINE_PASSED');
    expect((await answerRows(attemptId))[0]?.seq).toBe(4);
  });
});

describe('the sweeper during the rush', () => {
  it('prepares every seat’s copy, then leaves an open sitting alone; a seat without a copy gets it at sign-in', async () => {
    const w = await makeEvaluationWorld(t, { candidates: 2, examiners: 0 });
    const copies = () => t.db.select().from(examAttempts).where(eq(examAttempts.sittingId, w.theory.sittingId));
    await sweepExams(t.db);
    const prepared = await copies();
    expect(prepared.map((a) => a.status)).toEqual(['prepared', 'prepared']);

    // Once the doors are open and every seat has its copy, the sweeper no longer counts the sitting's seats (at 5,000
    // candidates that count was a stall every 5 s in the start rush): a copy missing now is not rebuilt by a sweep …
    const late = w.candidates[1]!;
    const lateCopy = prepared.find((a) => a.examNumber === late.theoryExamNumber)!;
    await t.db.delete(examAttempts).where(eq(examAttempts.id, lateCopy.id));
    await sweepExams(t.db);
    expect(await copies()).toHaveLength(1);

    // … but by the candidate's sign-in, the same copy the sweeper would have prepared.
    const signed = await examSignIn(t, late, 'device-late-seat');
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const rebuilt = (await copies()).find((a) => a.examNumber === late.theoryExamNumber)!;
    expect(rebuilt.status).toBe('signed_in');
    expect(rebuilt.layout).toEqual(lateCopy.layout);
  });
});
