import { and, eq, inArray, ne } from 'drizzle-orm';
import {
  blueprints,
  enrolments,
  examinerAccounts,
  institutions,
  items,
  occupations,
  organisations,
  paperItems,
  papers,
  persons,
  planParts,
  plans,
  planSittings,
  planStaff,
  seatAssignments,
  users,
} from '../../src/db/schema.ts';
import { chinaDateTime } from '../../src/modules/exams/exams.rules.ts';
import { examNumber } from '../../src/modules/seating/exam-number.ts';
import { activateAccount, client, INITIAL_PASSWORD } from './api.ts';
import { idNumber } from './enrolment-plan.ts';
import type { TestApp } from './test-app.ts';

/**
 * Factory for the evaluation modules (exams, marking, results, publicity, supervision): a plan of the demo's listed
 * institution (上海临港职业技术学院, 工业机器人系统操作员 四级) with
 * - a theory part whose one sitting starts `theoryStartsInMinutes` from now (negative: already started), on a small
 *   paper of its own: 6 objective items from the demo bank (single, multiple, judge) and 2 subjective items (简答) with rubrics;
 * - a practical part with one sitting, on a paper of 2 practical tasks with rubrics (from the demo bank), with the
 *   chief examiner and `examiners` examiners named as staff, each an assessor account linked to its 考评员 certificate;
 * - `candidates` enrolled persons (ID numbers sealed by the app's vault) with seats and 准考证号 in both parts.
 * Written straight to the tables (plans and enrolment have their own tests); accounts through the API.
 */
export interface EvaluationWorld {
  planId: string;
  orgId: string;
  institutionId: string;
  theory: { partId: string; sittingId: string; paperId: string; objectiveItemIds: string[]; subjectiveItemIds: string[]; startsAt: Date };
  practical: { partId: string; sittingId: string; paperId: string; taskIds: string[] };
  candidates: {
    enrolmentId: string;
    personId: string;
    name: string;
    idNumber: string;
    theoryExamNumber: string;
    practicalExamNumber: string;
    theorySeatId: string;
    practicalSeatId: string;
  }[];
  /** The chief examiner first, then the examiners; log in with `t.login(username)`. */
  examiners: { userId: string; username: string; certificateNo: string; role: 'chief_examiner' | 'examiner' }[];
  /** The school admin's username (runs the plan). */
  schoolUsername: string;
}

export interface EvaluationWorldOptions {
  candidates?: number;
  theoryStartsInMinutes?: number;
  theoryDurationMinutes?: number;
  lateEntryMinutes?: number;
  minMinutesBeforeSubmit?: number;
  /** Examiners besides the chief (default 2). */
  examiners?: number;
  status?: string;
  courseExamReplacesTheory?: boolean;
  /** 简答 items on the theory paper (default 2; 0: an objective-only paper, marked at once on submission). */
  theorySubjective?: number;
}

let worldCounter = 0;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['晓明', '丽华', '志强', '静', '建国', '海燕', '伟', '芳', '磊', '婷'];
const ROSTER = ['KPY-2023-0107', 'KPY-2022-0311', 'KPY-2023-0215', 'KPY-2024-0042', 'KPY-2024-0077', 'KPY-2022-0530', 'KPY-2023-0388'];

export async function makeEvaluationWorld(t: TestApp, o: EvaluationWorldOptions = {}): Promise<EvaluationWorld> {
  worldCounter += 1;
  const n = worldCounter;
  const db = t.db;
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, '上海临港职业技术学院（演示）'));
  const [inst] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.orgId, org!.id), eq(institutions.kind, 'skill_level')));
  const [occ] = await db.select({ id: occupations.id }).from(occupations).where(eq(occupations.code, '6-31-07-03'));
  // The school's own blueprint (a copy of the demo bank's, made once) and, per world, a small bank: 2 items of each
  // objective type and 2 practical tasks copied from the demo bank, and 2 new 简答 items with rubrics.
  const [demoBp] = await db
    .select()
    .from(blueprints)
    .where(and(eq(blueprints.occupationId, occ!.id), eq(blueprints.level, 4), ne(blueprints.orgId, org!.id)))
    .limit(1);
  let [bp] = await db
    .select({ id: blueprints.id })
    .from(blueprints)
    .where(and(eq(blueprints.orgId, org!.id), eq(blueprints.occupationId, occ!.id), eq(blueprints.level, 4)));
  if (!bp) {
    [bp] = await db
      .insert(blueprints)
      .values({ orgId: org!.id, occupationId: occ!.id, level: 4, basis: demoBp!.basis, theory: demoBp!.theory, skills: demoBp!.skills })
      .returning({ id: blueprints.id });
  }
  const copy = async (type: string, count: number) => {
    const rows = await db
      .select()
      .from(items)
      .where(and(eq(items.blueprintId, demoBp!.id), eq(items.type, type), eq(items.status, 'reviewed')))
      .limit(count);
    return db
      .insert(items)
      .values(
        rows.map((r, k) => ({
          ...r,
          id: undefined,
          orgId: org!.id,
          blueprintId: bp!.id,
          version: 1,
          fingerprint: `ev${process.pid}-${n}-${type}-${k}`.slice(0, 32),
          authorId: null,
          reviewerId: null,
          statsResponses: 0,
          statsP: null,
          statsDiscrimination: null,
          flagReasons: [],
          statsAt: null,
          createdAt: undefined,
          updatedAt: undefined,
        })),
      )
      .returning({ id: items.id, version: items.version, points: items.points });
  };
  const objective = [...(await copy('single', 2)), ...(await copy('multiple', 2)), ...(await copy('judge', 2))];
  const subjective = await db
    .insert(items)
    .values(
      [1, 2].map((k) => ({
        orgId: org!.id,
        blueprintId: bp!.id,
        type: 'subjective',
        version: 1,
        status: 'reviewed',
        fingerprint: `ev${process.pid}-${n}-subjective-${k}`.slice(0, 32),
        areaCode: '2',
        stem: `简述工业机器人示教编程的安全要求（第 ${k} 题，测试 ${n}）。`,
        options: [],
        answer: [],
        referenceAnswer: '降速示教、确认急停、人员不进入动作范围。',
        points: 10,
        difficulty: 3,
        rubric: {
          criteria: [
            { text: '要点完整', points: 6 },
            { text: '表述准确', points: 4 },
          ],
          vetoes: [],
        },
        source: 'manual',
      })),
    )
    .returning({ id: items.id, version: items.version, points: items.points });
  const tasks = await copy('practical', 2);

  const makePaper = async (part: 'theory' | 'skills', rows: { id: string; version: number; points: number }[]) => {
    const total = rows.reduce((s, r) => s + r.points, 0);
    const [p] = await db
      .insert(papers)
      .values({
        orgId: org!.id,
        blueprintId: bp!.id,
        part,
        assemblyId: crypto.randomUUID(),
        name: `测试试卷 ${n} ${part}`,
        variant: 'A',
        seed: `eval-${n}`,
        source: 'assembled',
        itemCount: rows.length,
        totalScore: total,
        meanDifficulty: 3,
        tolerance: 0,
        coverage: [],
        warnings: [],
        params: {},
      })
      .returning({ id: papers.id });
    await db.insert(paperItems).values(rows.map((r, position) => ({ paperId: p!.id, position, itemId: r.id, version: r.version, points: r.points })));
    return p!.id;
  };
  const onPaper = subjective.slice(0, o.theorySubjective ?? subjective.length);
  const theoryPaperId = await makePaper('theory', [...objective, ...onPaper]);
  const practicalPaperId = await makePaper('skills', tasks);

  const [plan] = await db
    .insert(plans)
    .values({
      institutionId: inst!.id,
      orgId: org!.id,
      title: `评价实施测试计划 ${n}`,
      occupationId: occ!.id,
      level: 4,
      basis: 'national_standard',
      method: 'result',
      candidateSources: ['own_students'],
      courseExamReplacesTheory: o.courseExamReplacesTheory ?? false,
      capacity: 200,
      status: o.status ?? 'in_progress',
      profileId: 'shanghai-2022',
      acknowledgedAt: new Date(),
    })
    .returning({ id: plans.id });
  const planId = plan!.id;

  const duration = o.theoryDurationMinutes ?? 90;
  const startsAt = new Date(Math.floor((Date.now() + (o.theoryStartsInMinutes ?? 0) * 60_000) / 60_000) * 60_000);
  const start = chinaDateTime(startsAt);
  const end = chinaDateTime(new Date(startsAt.getTime() + duration * 60_000));
  const [theoryPart] = await db
    .insert(planParts)
    .values({
      planId,
      position: 0,
      kind: 'theory',
      passMark: 60,
      durationMinutes: duration,
      paperId: theoryPaperId,
      lateEntryMinutes: o.lateEntryMinutes ?? 15,
      minMinutesBeforeSubmit: o.minMinutesBeforeSubmit ?? 30,
    })
    .returning({ id: planParts.id });
  const [practicalPart] = await db
    .insert(planParts)
    .values({ planId, position: 1, kind: 'practical', passMark: 60, durationMinutes: 120, paperId: practicalPaperId })
    .returning({ id: planParts.id });
  const [theorySitting] = await db
    .insert(planSittings)
    .values({
      planId,
      partId: theoryPart!.id,
      position: 0,
      date: start.date,
      startTime: start.time,
      endTime: end.time,
      site: '理论考试中心',
      room: '401',
      capacity: 60,
    })
    .returning({ id: planSittings.id });
  const [practicalSitting] = await db
    .insert(planSittings)
    .values({
      planId,
      partId: practicalPart!.id,
      position: 0,
      date: start.date,
      startTime: '13:30',
      endTime: '15:30',
      site: '智能制造实训中心',
      room: 'B101',
      capacity: 60,
    })
    .returning({ id: planSittings.id });

  // Staff: invigilator in the theory room; chief examiner + examiners in the practical group, each with an account.
  const school = client(t, await t.login('lg_school_admin'));
  const examinerCount = o.examiners ?? 2;
  const examiners: EvaluationWorld['examiners'] = [];
  for (let k = 0; k <= examinerCount; k++) {
    const certificateNo = ROSTER[k % ROSTER.length]!;
    const role = k === 0 ? 'chief_examiner' : 'examiner';
    const username = `examiner_${process.pid}_${n}_${k}`;
    const created = await school('POST', '/api/users', { username, displayName: `考评员${k}`, role: 'assessor', orgId: org!.id, password: INITIAL_PASSWORD });
    if (created.status !== 201) throw new Error(`makeEvaluationWorld examiner: ${JSON.stringify(created.body)}`);
    await activateAccount(t, username);
    const userId = created.body.id as string;
    // A certificate number links to one account: the fixture's worlds share the demo roster, so re-link it.
    await db.delete(examinerAccounts).where(eq(examinerAccounts.certificateNo, certificateNo));
    await db.insert(examinerAccounts).values({ userId, certificateNo });
    await db.insert(planStaff).values({ planId, sittingId: practicalSitting!.id, role, certificateNo, name: `考评员${k}` });
    examiners.push({ userId, username, certificateNo, role });
  }
  await db.insert(planStaff).values({ planId, sittingId: theorySitting!.id, role: 'invigilator', certificateNo: 'KPY-2022-0530', name: '冯涛' });

  const candidates: EvaluationWorld['candidates'] = [];
  const year = new Date().getUTCFullYear();
  for (let c = 0; c < (o.candidates ?? 3); c++) {
    const id = idNumber(((n * 37 + c) % 899) + 100, '20050312', '310115');
    const sealed = t.identity.seal(id);
    const name = `${SURNAMES[c % SURNAMES.length]}${GIVEN[(c + n) % GIVEN.length]}`;
    let [person] = await db
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.idType, 'resident_id'), eq(persons.idHash, sealed.hash)));
    if (!person) {
      [person] = await db
        .insert(persons)
        .values({ idType: 'resident_id', idCipher: sealed.cipher, idHash: sealed.hash, name, gender: 'male', birthDate: '2005-03-12', phone: '13812345678' })
        .returning({ id: persons.id });
    }
    const [enrolment] = await db
      .insert(enrolments)
      .values({ planId, personId: person!.id, orgId: org!.id, category: 'own_student', className: '机电2301', graduatingYear: year, source: 'manual' })
      .returning({ id: enrolments.id });
    const seat = c + 1;
    const numberOf = (partCode: 'T' | 'P') =>
      examNumber({ year, institutionSerial: String(9000 + (n % 999)), planSeq: (n % 999) + 1, partCode, roomNo: 1, seat });
    const [ts] = await db
      .insert(seatAssignments)
      .values({ planId, enrolmentId: enrolment!.id, partId: theoryPart!.id, sittingId: theorySitting!.id, seat, examNumber: numberOf('T') })
      .returning({ id: seatAssignments.id });
    const [ps] = await db
      .insert(seatAssignments)
      .values({ planId, enrolmentId: enrolment!.id, partId: practicalPart!.id, sittingId: practicalSitting!.id, seat, examNumber: numberOf('P') })
      .returning({ id: seatAssignments.id });
    candidates.push({
      enrolmentId: enrolment!.id,
      personId: person!.id,
      name,
      idNumber: id,
      theoryExamNumber: numberOf('T'),
      practicalExamNumber: numberOf('P'),
      theorySeatId: ts!.id,
      practicalSeatId: ps!.id,
    });
  }
  return {
    planId,
    orgId: org!.id,
    institutionId: inst!.id,
    theory: {
      partId: theoryPart!.id,
      sittingId: theorySitting!.id,
      paperId: theoryPaperId,
      objectiveItemIds: objective.map((r) => r.id),
      subjectiveItemIds: onPaper.map((r) => r.id),
      startsAt,
    },
    practical: { partId: practicalPart!.id, sittingId: practicalSitting!.id, paperId: practicalPaperId, taskIds: tasks.map((r) => r.id) },
    candidates,
    examiners,
    schoolUsername: 'lg_school_admin',
  };
}

/** The users table ids of some usernames (for assertions). */
export async function userIds(t: TestApp, usernames: string[]): Promise<Map<string, string>> {
  const rows = await t.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames));
  return new Map(rows.map((r) => [r.username, r.id]));
}
