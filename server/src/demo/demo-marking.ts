import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
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
  planSupervisors,
  seatAssignments,
  users,
} from '../db/schema.ts';
import { chinaDateTime } from '../modules/exams/exams.rules.ts';
import { rubricWithIds } from '../modules/marking/marking.rules.ts';
import { saveMark } from '../modules/marking/marking.service.ts';
import { examNumber } from '../modules/seating/exam-number.ts';
import { as } from './demo-filings.ts';

/** The Lingang demo assessors and the roster certificate numbers (考评员证号) their accounts act for. */
export const DEMO_EXAMINERS = [
  { username: 'lg_chief', certificateNo: 'KPY-2023-0107', role: 'chief_examiner' as const, name: '许建华' },
  { username: 'lg_examiner1', certificateNo: 'KPY-2022-0311', role: 'examiner' as const, name: '唐立群' },
  { username: 'lg_examiner2', certificateNo: 'KPY-2023-0215', role: 'examiner' as const, name: '秦卫东' },
];

/**
 * A practical that was sat yesterday at the Lingang demo school and is being marked: the chief examiner and two
 * examiners (the demo assessor accounts lg_chief, lg_examiner1, lg_examiner2, linked to the school's roster), four
 * candidates. The first candidate's first task was marked far apart by the two examiners (over the threshold) and waits
 * for the chief examiner; the second is agreed and has its part result; the third has one examiner's marks; the fourth
 * none. Marks go through the marking service, so what the demo shows is what the rules produce.
 */
export async function seedDemoMarking(db: Db): Promise<void> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, '上海临港职业技术学院（演示）'));
  if (!org) throw new Error('demo marking: Lingang school missing');
  const [inst] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.orgId, org.id), eq(institutions.kind, 'skill_level')));
  const [occ] = await db.select({ id: occupations.id }).from(occupations).where(eq(occupations.code, '6-31-07-03'));
  const [supervisor] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'sh_supervisor'));
  if (!inst || !occ) throw new Error('demo marking: institution or occupation missing');
  const paper = await lingangPracticalPaper(db, org.id, occ.id);

  // The assessor accounts (created with the demo world) act for the roster's certificate numbers.
  for (const e of DEMO_EXAMINERS) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, e.username));
    if (!u) throw new Error(`demo marking: account ${e.username} missing`);
    await db.insert(examinerAccounts).values({ userId: u.id, certificateNo: e.certificateNo }).onConflictDoNothing();
  }

  const yesterday = chinaDateTime(new Date(Date.now() - 86_400_000)).date;
  const [plan] = await db
    .insert(plans)
    .values({
      institutionId: inst.id,
      orgId: org.id,
      title: '2025 年第四批 工业机器人系统操作员 四级 认定计划（实操评分中）',
      occupationId: occ.id,
      level: 4,
      basis: 'national_standard',
      method: 'result',
      candidateSources: ['own_students'],
      courseExamReplacesTheory: false,
      capacity: 15,
      status: 'marking',
      profileId: 'shanghai-2022',
      internalSupervisor: '评价中心·质量督导 何平',
      note: '演示：实操考核已结束，两名考评员评分分差超过阈值，等待主考裁定',
      acknowledgedAt: new Date(Date.now() - 20 * 86_400_000),
      submittedAt: new Date(Date.now() - 25 * 86_400_000),
    })
    .returning({ id: plans.id });
  const planId = plan!.id;
  const [part] = await db
    .insert(planParts)
    .values({ planId, position: 0, kind: 'practical', passMark: 60, durationMinutes: 120, paperId: paper.id })
    .returning({ id: planParts.id });
  const [sitting] = await db
    .insert(planSittings)
    .values({
      planId,
      partId: part!.id,
      position: 0,
      date: yesterday,
      startTime: '08:30',
      endTime: '10:30',
      site: '智能制造实训中心',
      room: 'B102 工作站区',
      capacity: 15,
      classes: ['机电2301'],
    })
    .returning({ id: planSittings.id });
  for (const e of DEMO_EXAMINERS)
    await db.insert(planStaff).values({ planId, sittingId: sitting!.id, role: e.role, certificateNo: e.certificateNo, name: e.name });
  if (supervisor) await db.insert(planSupervisors).values({ planId, userId: supervisor.id });

  // Four of the school's demo students (not the demo candidate 段誉, whose own plan is still ahead).
  const people = await db.select({ id: persons.id }).from(persons).where(ne(persons.name, '段誉')).orderBy(asc(persons.name)).limit(4);
  const year = Number(yesterday.slice(0, 4));
  const seated: string[] = [];
  for (const [k, p] of people.entries()) {
    const [en] = await db
      .insert(enrolments)
      .values({ planId, personId: p.id, orgId: org.id, category: 'own_student', className: '机电2301', graduatingYear: year, source: 'manual' })
      .returning({ id: enrolments.id });
    await db.insert(seatAssignments).values({
      planId,
      enrolmentId: en!.id,
      partId: part!.id,
      sittingId: sitting!.id,
      seat: k + 1,
      examNumber: examNumber({ year, institutionSerial: '0207', planSeq: 904, partCode: 'P', roomNo: 2, seat: k + 1 }),
    });
    seated.push(en!.id);
  }

  const tasks = await db
    .select({ itemId: paperItems.itemId, rubric: items.rubric })
    .from(paperItems)
    .innerJoin(items, eq(items.id, paperItems.itemId))
    .where(eq(paperItems.paperId, paper.id))
    .orderBy(asc(paperItems.position));
  const examiner1 = await as(db, 'lg_examiner1');
  const examiner2 = await as(db, 'lg_examiner2');
  /** Every criterion at `fraction` of its points (half points), less `less` on the first criterion. */
  const mark = async (who: typeof examiner1, enrolmentId: string, t: (typeof tasks)[number], fraction: number, comment: string, less = 0) => {
    const rubric = rubricWithIds(t.rubric as Parameters<typeof rubricWithIds>[0]);
    const scores = rubric.criteria.map((c, k) => ({ criterionId: c.id, score: Math.max(0, Math.floor(c.points * fraction * 2) / 2 - (k === 0 ? less : 0)) }));
    await saveMark(who, { planId, partId: part!.id, enrolmentId, itemId: t.itemId, scores, vetoes: [], comment });
  };
  const [a, b, c] = seated;
  for (const [k, t] of tasks.entries()) {
    // Candidate A: far apart on the first task (the chief examiner decides), a point apart on the others.
    if (a) {
      await mark(examiner1, a, t, k === 0 ? 0.9 : 0.8, k === 0 ? '示教轨迹完整，安全确认到位' : '操作规范');
      await mark(examiner2, a, t, k === 0 ? 0.4 : 0.8, k === 0 ? '未按规程降速示教，轨迹偏差大' : '基本规范', k === 0 ? 0 : 1);
    }
    // Candidate B: agreed on every task — the part result is written.
    if (b) {
      await mark(examiner1, b, t, 0.7, '完成');
      await mark(examiner2, b, t, 0.7, '完成', 0.5);
    }
    // Candidate C: one examiner's marks so far.
    if (c) await mark(examiner1, c, t, 0.6, '部分完成');
  }
}

/**
 * The Lingang school's own practical paper (its bank is its own, R9): the demo bank's practical paper (上海浦江) copied
 * once into a Lingang blueprint, its four tasks with their rubrics.
 */
async function lingangPracticalPaper(db: Db, orgId: string, occupationId: string): Promise<{ id: string }> {
  const [source] = await db
    .select()
    .from(papers)
    .where(and(eq(papers.part, 'skills'), ne(papers.orgId, orgId)))
    .orderBy(asc(papers.variant))
    .limit(1);
  if (!source) throw new Error('demo marking: the demo bank has no practical paper');
  const [demoBp] = await db.select().from(blueprints).where(eq(blueprints.id, source.blueprintId));
  let [bp] = await db
    .select({ id: blueprints.id })
    .from(blueprints)
    .where(and(eq(blueprints.orgId, orgId), eq(blueprints.occupationId, occupationId), eq(blueprints.level, 4)));
  if (!bp) {
    [bp] = await db
      .insert(blueprints)
      .values({ orgId, occupationId, level: 4, basis: demoBp!.basis, theory: demoBp!.theory, skills: demoBp!.skills })
      .returning({ id: blueprints.id });
  }
  const rows = await db
    .select({ item: items, position: paperItems.position, points: paperItems.points })
    .from(paperItems)
    .innerJoin(items, eq(items.id, paperItems.itemId))
    .where(eq(paperItems.paperId, source.id))
    .orderBy(asc(paperItems.position));
  const copies = await db
    .insert(items)
    .values(
      rows.map(({ item }, k) => ({
        ...item,
        id: undefined,
        orgId,
        blueprintId: bp!.id,
        version: 1,
        fingerprint: `lg-demo-practical-${k}`,
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
    .returning({ id: items.id });
  const [paper] = await db
    .insert(papers)
    .values({ ...source, id: undefined, orgId, blueprintId: bp!.id, assemblyId: crypto.randomUUID(), name: `${source.name}（临港）`, createdAt: undefined })
    .returning({ id: papers.id });
  await db.insert(paperItems).values(rows.map((r, k) => ({ paperId: paper!.id, position: r.position, itemId: copies[k]!.id, version: 1, points: r.points })));
  return paper!;
}
