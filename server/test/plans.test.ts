import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, rowCount } from './helpers/api.ts';
import { upload } from './helpers/filings.ts';
import { daysFromNow, type ListedInstitution, makeListedInstitution, planBody, ROBOT, ROSTER } from './helpers/plans.ts';
import { makeTestApp, type TestApp } from './helpers/test-app.ts';

type Call = ReturnType<typeof client>;
const GEN_AI = '4-04-05-13'; // no national standard: a filed 评价规范 is the basis (R5)

let t: TestApp;
let inst: ListedInstitution;
let school: Call;
let hr: Call;

beforeAll(async () => {
  t = await makeTestApp();
  inst = await makeListedInstitution(t, {
    scope: [
      { occupationCode: ROBOT, level: 4 },
      { occupationCode: ROBOT, level: 3 },
      { occupationCode: GEN_AI, level: 4 },
    ],
  });
  school = client(t, await t.login(inst.schoolUser));
  hr = client(t, await t.login(inst.hrUser));
}, 120_000);
afterAll(async () => t?.close());

async function draft(body: unknown = planBody()): Promise<string> {
  const res = await school('POST', '/api/plans', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Submitting is refused with 422 naming `rule` and `code`; the plan is still a draft, nothing of the submission stored. */
async function expectRefused(id: string, rule: string, code: string) {
  const auditBefore = await rowCount(t, 'audit_log');
  const res = await school('POST', `/api/plans/${id}/submit`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.details.rule).toBe(rule);
  const after = await school('GET', `/api/plans/${id}`);
  expect(after.body.status).toBe('draft');
  expect(after.body.submittedAt).toBeNull();
  expect(after.body.events.map((e: { action: string }) => e.action)).toEqual(['create']);
  expect(await rowCount(t, 'audit_log')).toBe(auditBefore);
  return res.body.error;
}

function withSitting(part: number, change: Record<string, unknown>) {
  const body = planBody();
  Object.assign(body.parts[part]!.sittings[0]!, change);
  return body;
}

describe('plans: drafting, submission (考前计划备案), acknowledgement and supervisors', () => {
  it('a complete plan passes its checks, reaches HR’s to-do list, is acknowledged with a supervisor and can start', async () => {
    const id = await draft();
    const checks = await school('GET', `/api/plans/${id}/checks`);
    expect(checks.status).toBe(200);
    expect(checks.body.checks.filter((c: { pass: boolean }) => !c.pass)).toEqual([]);
    expect(checks.body.ready).toBe(true);

    const submitted = await school('POST', `/api/plans/${id}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.leadDays).toBe(15);

    const todo = await hr('GET', '/api/plans?todo=true');
    expect(todo.body.items.map((p: { id: string }) => p.id)).toContain(id);
    // a district bureau sees the plan in its region but does not acknowledge it (the listing bureau does)
    const pd = client(t, await t.login('pd_hr'));
    expect((await pd('GET', `/api/plans/${id}`)).status).toBe(200);
    expect((await pd('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' })).status).toBe(403);

    const options = await hr('GET', `/api/plans/${id}/supervisor-options`);
    expect(options.status).toBe(200);
    const supervisor = (options.body as { userId: string; username: string }[]).find((o) => o.username === 'sh_supervisor');
    expect(supervisor).toBeDefined();

    const ack = await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge', supervisorIds: [supervisor!.userId] });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect(ack.body.supervisors.map((s: { username: string }) => s.username)).toEqual(['sh_supervisor']);

    const sup = client(t, await t.login('sh_supervisor'));
    const mine = await sup('GET', '/api/plans?todo=true');
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(mine.body.items.every((p: { supervisors: { username: string }[] }) => p.supervisors.some((s) => s.username === 'sh_supervisor'))).toBe(true);
    expect((await sup('GET', `/api/plans/${id}`)).status).toBe(200);

    const started = await school('POST', `/api/plans/${id}/transitions`, { action: 'start' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe('in_progress');
    expect(started.body.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'acknowledge', 'start']);
  });

  it('逢考必督: an acknowledged plan without an external supervisor cannot start', async () => {
    const id = await draft();
    expect((await school('POST', `/api/plans/${id}/submit`, {})).status).toBe(200);
    expect((await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' })).status).toBe(200);
    const res = await school('POST', `/api/plans/${id}/transitions`, { action: 'start' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'PLAN.SUPERVISOR_REQUIRED', details: { rule: 'supervision' } });
  });

  it('HR assigns only supervisor accounts of its own bureau', async () => {
    const id = await draft();
    expect((await school('POST', `/api/plans/${id}/submit`, {})).status).toBe(200);
    // HR does not see school accounts (R7: it does not manage them); the platform admin looks the id up.
    const users = await client(t, await t.login('admin'))('GET', '/api/users?q=school_admin');
    const notSupervisor = (users.body.items as { id: string; username: string }[]).find((u) => u.username === 'school_admin')!;
    const res = await hr('POST', `/api/plans/${id}/supervisors`, { userIds: [notSupervisor.id] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PLAN.NOT_A_SUPERVISOR');
    expect((await school('GET', `/api/plans/${id}`)).body.supervisors).toEqual([]);
  });

  it('HR returns a plan with reasons; the school edits and resubmits it', async () => {
    const id = await draft();
    expect((await school('POST', `/api/plans/${id}/submit`, {})).status).toBe(200);
    expect((await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'return' })).status).toBe(400);
    const returned = await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'return', reason: '实操考场请改到实训中心二楼' });
    expect(returned.body.status).toBe('returned');
    expect(returned.body.events.at(-1)).toMatchObject({ action: 'return', reason: '实操考场请改到实训中心二楼' });
    const edited = await school('PUT', `/api/plans/${id}`, withSitting(1, { room: 'B201' }));
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await school('POST', `/api/plans/${id}/submit`, {})).body.status).toBe('submitted');
  });

  it('another school sees nothing of the plan; an edit after submission is refused', async () => {
    const id = await draft();
    const other = client(t, await t.login('lg_school_admin'));
    expect((await other('GET', `/api/plans/${id}`)).status).toBe(404);
    expect((await other('GET', '/api/plans')).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await school('POST', `/api/plans/${id}/submit`, {})).status).toBe(200);
    const res = await school('PUT', `/api/plans/${id}`, planBody());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PLAN.NOT_EDITABLE');
  });
});

describe('plans: bad input, each refused naming its rule, nothing half-saved', () => {
  it('lead time: a first sitting inside the profile’s lead days is refused with both dates; the fixed date passes', async () => {
    const id = await draft(planBody(10));
    const err = await expectRefused(id, 'lead_time', 'PLAN.LEAD_TIME');
    expect(err.details.checks[0]).toMatchObject({ value: daysFromNow(10), required: daysFromNow(15) });
    expect(err.message).toContain(daysFromNow(10));
    expect(err.message).toContain(daysFromNow(15));
    expect((await school('PUT', `/api/plans/${id}`, planBody(15))).status).toBe(200);
    expect((await school('POST', `/api/plans/${id}/submit`, {})).status).toBe(200);
  });

  it('scope: an occupation and level the institution is not listed for', async () => {
    const body = { ...planBody(), occupationCode: '6-31-01-03', level: 4 };
    const id = await draft(body);
    const err = await expectRefused(id, 'scope', 'PLAN.OUT_OF_SCOPE');
    expect(err.message).toContain('6-31-01-03');
  });

  it('scope: a scope line HR suspended', async () => {
    const detail = await hr('GET', `/api/institutions/${inst.institutionId}`);
    const line = (detail.body.scope as { id: string; occupationCode: string; level: number }[]).find((l) => l.occupationCode === ROBOT && l.level === 3)!;
    const suspended = await hr('POST', `/api/institutions/${inst.institutionId}/scope/${line.id}/suspension`, {
      suspended: true,
      reason: '考评员不足，暂停三级',
    });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body.scope.find((l: { id: string }) => l.id === line.id).suspended).toBe(true);
    const id = await draft({ ...planBody(), level: 3 });
    await expectRefused(id, 'scope', 'PLAN.SCOPE_SUSPENDED');
    // the school cannot lift it
    expect((await school('POST', `/api/institutions/${inst.institutionId}/scope/${line.id}/suspension`, { suspended: false, reason: 'x' })).status).toBe(403);
  });

  it('R5: without a national standard, only a 评价规范 filed with HR', async () => {
    const spec = await school('POST', '/api/specs', {
      occupationCode: GEN_AI,
      levels: [4],
      title: '生成式人工智能系统应用员 评价规范（四级）',
      attachmentId: await upload(school, '评价规范.pdf'),
      theory: [
        { area: '基础知识', weight: 40 },
        { area: '相关知识', weight: 60 },
      ],
      skills: [{ area: '模型应用', weight: 100 }],
    });
    expect(spec.status, JSON.stringify(spec.body)).toBe(201);
    const national = await draft({ ...planBody(), occupationCode: GEN_AI, basis: 'national_standard' });
    await expectRefused(national, 'R5', 'PLAN.NO_NATIONAL_STANDARD');
    const id = await draft({ ...planBody(), occupationCode: GEN_AI, basis: 'eval_spec', evalSpecId: spec.body.id });
    const err = await expectRefused(id, 'R5', 'PLAN.SPEC_NOT_FILED');
    expect(err.details.checks[0].value).toBe('draft');
    // filed, the basis passes (the ROBOT examiners then fail R9 for this occupation)
    expect((await school('POST', `/api/specs/${spec.body.id}/submit`, {})).status).toBe(200);
    expect((await hr('POST', `/api/specs/${spec.body.id}/decision`, { decision: 'file' })).status).toBe(200);
    const checks = (await school('GET', `/api/plans/${id}/checks`)).body.checks as { rule: string; pass: boolean; code: string }[];
    expect(checks.filter((c) => c.rule === 'R5')).toEqual([expect.objectContaining({ pass: true })]);
    expect(checks.find((c) => !c.pass)).toMatchObject({ rule: 'R9', code: 'PLAN.STAFF_NOT_CERTIFIED' });
  });

  it('R9: a sitting at a site not declared in the listing (no subcontracting)', async () => {
    const id = await draft(withSitting(0, { site: '某培训公司考点' }));
    const err = await expectRefused(id, 'R9', 'PLAN.SITE_UNDECLARED');
    expect(err.message).toContain('某培训公司考点');
  });

  it('R9: an examiner not on the declared roster; one without a valid record for this occupation and level', async () => {
    const outsider = planBody();
    outsider.parts[1]!.sittings[0]!.staff[1] = { role: 'examiner', certificateNo: 'KPY-OUTSIDE-9' };
    const err = await expectRefused(await draft(outsider), 'R9', 'PLAN.STAFF_UNDECLARED');
    expect(err.message).toContain('KPY-OUTSIDE-9');
    const expired = planBody();
    expired.parts[1]!.sittings[0]!.staff[1] = { role: 'examiner', certificateNo: 'KPY-T-OLD' };
    await expectRefused(await draft(expired), 'R9', 'PLAN.STAFF_NOT_CERTIFIED');
    const electrician = planBody();
    electrician.parts[1]!.sittings[0]!.staff[1] = { role: 'examiner', certificateNo: 'KPY-T-ELEC' };
    await expectRefused(await draft(electrician), 'R9', 'PLAN.STAFF_NOT_CERTIFIED');
  });

  it('ratio: practical examiners ≥ 3 and odd; theory invigilators ≥ 2 per room and 1 per 15', async () => {
    const two = planBody();
    two.parts[1]!.sittings[0]!.staff.pop();
    const err = await expectRefused(await draft(two), 'ratio', 'PLAN.RATIO');
    expect(err.details.checks.map((c: { condition: string }) => c.condition)).toEqual(['practical_examiners', 'practical_examiners_odd']);
    const four = planBody();
    four.parts[1]!.sittings[0]!.staff.push({ role: 'examiner', certificateNo: ROSTER[5]!.certificateNo });
    const errFour = await expectRefused(await draft(four), 'ratio', 'PLAN.RATIO');
    expect(errFour.details.checks.map((c: { condition: string }) => c.condition)).toEqual(['practical_examiners_odd']);
    const lone = planBody();
    lone.parts[0]!.sittings[0]!.staff.pop();
    const errLone = await expectRefused(await draft(lone), 'ratio', 'PLAN.RATIO');
    expect(errLone.details.checks[0]).toMatchObject({ condition: 'theory_invigilators', value: 1, required: 2 });
  });

  it('R2: other schools’ students before the institution has closed a plan of its own', async () => {
    await expectRefused(await draft({ ...planBody(), candidateSources: ['own_students', 'other_schools'] }), 'R2', 'PLAN.CANDIDATE_SOURCE');
  });

  it('回避: an examiner declared as teaching the group’s class', async () => {
    const body = { ...planBody(), conflicts: [{ certificateNo: ROSTER[3]!.certificateNo, kind: 'teaches_class', value: '机电2201' }] };
    await expectRefused(await draft(body), 'R9', 'PLAN.STAFF_CONFLICT');
  });

  it('malformed drafts are refused before anything is stored', async () => {
    const before = (await school('GET', '/api/plans')).body.total as number;
    const badTime = withSitting(0, { startTime: '25:00' });
    expect((await school('POST', '/api/plans', badTime)).status).toBe(400);
    expect((await school('POST', '/api/plans', withSitting(0, { date: '2026-02-30' }))).status).toBe(400);
    expect((await school('POST', '/api/plans', withSitting(0, { date: '0000-01-01' }))).status).toBe(400);
    expect((await school('POST', '/api/plans', { ...planBody(), capacity: 0 })).status).toBe(400);
    const twice = planBody();
    twice.parts[0]!.sittings[0]!.staff.push({ role: 'invigilator', certificateNo: ROSTER[0]!.certificateNo });
    const res = await school('POST', '/api/plans', twice);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PLAN.STAFF_TWICE');
    const paper = { ...planBody(), parts: planBody().parts.map((p) => ({ ...p, paperId: '00000000-0000-4000-8000-000000000000' })) };
    expect((await school('POST', '/api/plans', paper)).body.error.code).toBe('PLAN.UNKNOWN_PAPER');
    expect((await school('POST', '/api/plans', { ...planBody(), occupationCode: '9-99-99-99' })).body.error.code).toBe('PLAN.UNKNOWN_OCCUPATION');
    expect((await school('POST', '/api/plans', { ...planBody(), level: 5 })).body.error.code).toBe('PLAN.LEVEL_NOT_OFFERED');
    expect((await school('GET', '/api/plans')).body.total).toBe(before);
  });

  it('a school that is not listed cannot plan', async () => {
    const other = client(t, await t.login('sh_sec_admin'));
    const res = await other('POST', '/api/plans', planBody());
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PLAN.NO_INSTITUTION');
  });
});

describe('plans: change requests (变更)', () => {
  it('a new date inside the lead time is refused; a valid change waits for HR and applies when acknowledged', async () => {
    const id = await draft();
    expect((await school('POST', `/api/plans/${id}/submit`, {})).status).toBe(200);
    expect((await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge' })).status).toBe(200);
    const plan = (await school('GET', `/api/plans/${id}`)).body;
    const sittingId = plan.parts[0].sittings[0].id as string;

    const early = await school('POST', `/api/plans/${id}/changes`, { reason: '考场检修', sittings: [{ sittingId, date: daysFromNow(3) }] });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'PLAN.LEAD_TIME', details: { rule: 'lead_time' } });
    const undeclared = await school('POST', `/api/plans/${id}/changes`, { reason: '考场检修', sittings: [{ sittingId, site: '校外酒店会议室' }] });
    expect(undeclared.body.error).toMatchObject({ code: 'PLAN.SITE_UNDECLARED', details: { rule: 'R9' } });

    const asked = await school('POST', `/api/plans/${id}/changes`, { reason: '考场检修', sittings: [{ sittingId, date: daysFromNow(40), room: 'C302' }] });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.pendingChange).toBe(true);
    expect((await school('POST', `/api/plans/${id}/changes`, { reason: '再改', sittings: [{ sittingId, room: 'C303' }] })).status).toBe(409);
    const changeId = asked.body.changeRequests[0].id as string;
    const todo = await hr('GET', '/api/plans?todo=true');
    expect(todo.body.items.map((p: { id: string }) => p.id)).toContain(id);

    const decided = await hr('POST', `/api/plans/${id}/changes/${changeId}/decision`, { decision: 'acknowledge' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.version).toBe(2);
    expect(decided.body.pendingChange).toBe(false);
    expect(decided.body.parts[0].sittings[0]).toMatchObject({ date: daysFromNow(40), room: 'C302', site: '理论考试楼' });
    expect(decided.body.changeRequests[0].status).toBe('acknowledged');
  });
});

describe('plans: the demo world', () => {
  it('Lingang has a plan acknowledged with a supervisor and one waiting in Shanghai HR’s to-do list', async () => {
    const lingang = client(t, await t.login('lg_school_admin'));
    const mine = (await lingang('GET', '/api/plans')).body.items as { title: string; status: string; supervisors: { username: string }[] }[];
    // and the demo plans sitting the theory exam (demo-exams.ts), being marked (demo-marking.ts), in publicity (公示,
    // demo-publicity.ts) and closed with its certificates issued (demo-certificates.ts) — plus the year of closed plans
    // behind the statistics dashboards (demo-statistics.ts)
    expect(
      mine
        .filter((p) => p.status !== 'closed')
        .map((p) => p.status)
        .sort(),
    ).toEqual(['acknowledged', 'in_progress', 'marking', 'publicity', 'submitted']);
    expect(mine.filter((p) => p.status === 'closed').length).toBeGreaterThanOrEqual(1);
    expect(mine.find((p) => p.status === 'acknowledged')!.supervisors.map((s) => s.username)).toEqual(['sh_supervisor']);
    const todo = (await hr('GET', '/api/plans?todo=true')).body.items as { orgName: string; status: string }[];
    expect(todo.filter((p) => p.orgName.includes('临港')).map((p) => p.status)).toEqual(['submitted']);
    const sup = client(t, await t.login('sh_supervisor'));
    const assigned = (await sup('GET', '/api/plans')).body.items as { orgName: string; status: string }[];
    expect(
      assigned
        .filter((p) => p.orgName.includes('临港'))
        .map((p) => p.status)
        .sort(),
    ).toEqual(['acknowledged', 'marking']);
  });
});

describe('plans: examiner draws (R9, 回避), replayable by the supervisor', () => {
  it('draws from the certified roster less conflicts, stores seed and log; the assigned supervisor replays it', async () => {
    const body = planBody();
    const chief = ROSTER[2]!.certificateNo;
    body.parts[1]!.sittings[0]!.staff = [{ role: 'chief_examiner', certificateNo: chief }];
    const conflicted = ROSTER[3]!.certificateNo;
    const id = await draft({ ...body, conflicts: [{ certificateNo: conflicted, kind: 'teaches_class', value: '机电2201' }] });
    const plan = (await school('GET', `/api/plans/${id}`)).body;
    const [theory, practical] = [plan.parts[0].sittings[0].id as string, plan.parts[1].sittings[0].id as string];

    expect((await school('POST', `/api/plans/${id}/sittings/${theory}/draw`, {})).body.error.code).toBe('PLAN.DRAW_PART');
    const tooMany = await school('POST', `/api/plans/${id}/sittings/${practical}/draw`, { count: 20 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({ code: 'PLAN.DRAW_TOO_FEW', details: { rule: 'R9' } });

    const first = await school('POST', `/api/plans/${id}/sittings/${practical}/draw`, { seed: 'e2e-seed-1' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // 15 candidates need 3 examiners; the named chief examiner is one of them
    expect(first.body.count).toBe(2);
    expect(first.body.drawn).toHaveLength(2);
    expect(first.body.drawn).not.toContain(chief);
    expect(first.body.drawn).not.toContain(conflicted);
    const reasons = Object.fromEntries((first.body.excluded as { certificateNo: string; reason: string }[]).map((x) => [x.certificateNo, x.reason]));
    expect(reasons).toEqual({ [chief]: 'already_on_sitting', [conflicted]: 'teaches_class', 'KPY-T-ELEC': 'not_certified', 'KPY-T-OLD': 'not_certified' });

    // the same seed draws the same examiners; the new draw replaces the earlier one on the sitting
    const again = await school('POST', `/api/plans/${id}/sittings/${practical}/draw`, { seed: 'e2e-seed-1' });
    expect(again.body.drawn).toEqual(first.body.drawn);
    const staffed = (await school('GET', `/api/plans/${id}`)).body.parts[1].sittings[0].staff as { certificateNo: string; drawId: string | null }[];
    expect(staffed.map((m) => m.certificateNo).sort()).toEqual([chief, ...first.body.drawn].sort());
    expect(staffed.filter((m) => m.drawId === again.body.id)).toHaveLength(2);

    // the plan now passes its checks; once submitted, no more drawing
    expect((await school('POST', `/api/plans/${id}/submit`, {})).status).toBe(200);
    expect((await school('POST', `/api/plans/${id}/sittings/${practical}/draw`, {})).status).toBe(409);
    const supervisorId = ((await hr('GET', `/api/plans/${id}/supervisor-options`)).body as { userId: string; username: string }[]).find(
      (o) => o.username === 'sh_supervisor',
    )!.userId;
    expect((await hr('POST', `/api/plans/${id}/acknowledge`, { action: 'acknowledge', supervisorIds: [supervisorId] })).status).toBe(200);

    const sup = client(t, await t.login('sh_supervisor'));
    const draws = await sup('GET', `/api/plans/${id}/draws`);
    expect(draws.status).toBe(200);
    expect(draws.body).toHaveLength(2);
    const replay = await sup('GET', `/api/plans/${id}/draws/${again.body.id}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body.matches).toBe(true);
    expect(replay.body.replayed).toEqual(again.body.drawn);
    expect((await client(t, await t.login('lg_school_admin'))('GET', `/api/plans/${id}/draws`)).status).toBe(404);
  });

  it('the editor’s options: the listed scope, declared sites and roster with levels', async () => {
    const res = await school('GET', '/api/plans/options');
    expect(res.status).toBe(200);
    const mine = res.body.institutions.find((i: { id: string }) => i.id === inst.institutionId);
    expect(mine.sites.map((s: { name: string }) => s.name)).toEqual(['智能制造实训中心', '理论考试楼']);
    expect(mine.roster).toHaveLength(ROSTER.length);
    expect(mine.roster[0]).toMatchObject({ occupationCode: ROBOT, levels: [4, 3] });
    expect(res.body.leadDays).toBe(15);
  });
});

describe('plans: the demo draw', () => {
  it('the demo supervisor replays the afternoon examiner draw of the acknowledged demo plan', async () => {
    const sup = client(t, await t.login('sh_supervisor'));
    const plan = ((await sup('GET', '/api/plans')).body.items as { id: string; orgName: string; status: string }[]).find(
      (p) => p.orgName.includes('临港') && p.status === 'acknowledged',
    )!;
    const draws = (await sup('GET', `/api/plans/${plan.id}/draws`)).body as {
      id: string;
      seed: string;
      drawn: string[];
      excluded: { certificateNo: string; reason: string }[];
    }[];
    expect(draws).toHaveLength(1);
    expect(draws[0]!.seed).toBe('demo-2026-robot-pm');
    expect(draws[0]!.drawn).toHaveLength(2);
    expect(draws[0]!.excluded).toContainEqual({ certificateNo: 'KPY-2023-0215', reason: 'teaches_class' });
    const replay = await sup('GET', `/api/plans/${plan.id}/draws/${draws[0]!.id}/replay`);
    expect(replay.body).toMatchObject({ matches: true, replayed: draws[0]!.drawn });
  });
});
