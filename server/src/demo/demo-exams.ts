import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  blueprints,
  enrolments,
  institutions,
  items,
  itemVersions,
  occupations,
  organisations,
  paperItems,
  papers,
  persons,
  planParts,
  plans,
  planSittings,
  seatAssignments,
  users,
} from '../db/schema.ts';
import { prepareSitting } from '../modules/exams/exams.copies.ts';
import { chinaDateTime } from '../modules/exams/exams.rules.ts';
import { examNumber } from '../modules/seating/exam-number.ts';

/**
 * The demo's theory exam: a plan of the listed Lingang institution (上海临港职业技术学院) in progress, with one theory
 * sitting that starts a few minutes after the seeding — its doors are open on first start — and the demo `candidate`
 * 段誉 (linked account) seated in it with seven classmates, their copies prepared. So: `npm start` → log in as
 * `candidate` → 我的考试 → enter → answer. The room is run by `lg_school_admin`.
 *
 * Lingang has no bank of its own in the demo: like the test fixture, it gets a copy of the demo blueprint (四级) and a
 * small theory paper of 30 reviewed objective items copied from the demo bank (with their item versions), 100 points.
 */

const SCHOOL = '上海临港职业技术学院（演示）';
const OCCUPATION = '6-31-07-03';
/** Paper sections: type, count, points per item (100 in all). */
const SECTIONS = [
  { type: 'judge', count: 15, points: 2 },
  { type: 'single', count: 10, points: 4 },
  { type: 'multiple', count: 5, points: 6 },
] as const;
const STARTS_IN_MINUTES = 10;
const DURATION_MINUTES = 60;
const CANDIDATES = 8;

export async function seedDemoExams(db: Db): Promise<{ planId: string; sittingId: string }> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, SCHOOL));
  const [inst] = await db
    .select({ id: institutions.id, serial: institutions.provinceSerial })
    .from(institutions)
    .where(and(eq(institutions.orgId, org!.id), eq(institutions.kind, 'skill_level')));
  const [occ] = await db.select({ id: occupations.id }).from(occupations).where(eq(occupations.code, OCCUPATION));
  if (!org || !inst || !occ) throw new Error('demo exams: the Lingang institution or the occupation is missing');
  const [demoBp] = await db
    .select()
    .from(blueprints)
    .where(and(eq(blueprints.occupationId, occ.id), eq(blueprints.level, 4)))
    .limit(1);
  if (!demoBp) throw new Error('demo exams: the demo blueprint is missing');

  // Lingang's own blueprint and bank (a copy of the demo's, reviewed as in the source bank).
  const [bp] = await db
    .insert(blueprints)
    .values({ orgId: org.id, occupationId: occ.id, level: 4, basis: demoBp.basis, theory: demoBp.theory, skills: demoBp.skills })
    .returning({ id: blueprints.id });
  const onPaper: { id: string; points: number }[] = [];
  for (const section of SECTIONS) {
    const source = await db
      .select()
      .from(items)
      .where(and(eq(items.blueprintId, demoBp.id), eq(items.type, section.type), eq(items.status, 'reviewed')))
      .limit(section.count);
    const contents = await db
      .select()
      .from(itemVersions)
      .where(
        inArray(
          itemVersions.itemId,
          source.map((s) => s.id),
        ),
      );
    for (const s of source) {
      const [copy] = await db
        .insert(items)
        .values({
          ...s,
          id: undefined,
          orgId: org.id,
          blueprintId: bp!.id,
          version: 1,
          authorId: null,
          reviewerId: null,
          reviewerName: '演示题库审核',
          statsResponses: 0,
          statsP: null,
          statsDiscrimination: null,
          flagReasons: [],
          statsAt: null,
          createdAt: undefined,
          updatedAt: undefined,
        })
        .returning({ id: items.id });
      const content = contents.find((c) => c.itemId === s.id && c.version === s.version);
      if (content) await db.insert(itemVersions).values({ itemId: copy!.id, version: 1, content: content.content });
      onPaper.push({ id: copy!.id, points: section.points });
    }
  }
  const [paper] = await db
    .insert(papers)
    .values({
      orgId: org.id,
      blueprintId: bp!.id,
      part: 'theory',
      assemblyId: crypto.randomUUID(),
      name: '工业机器人系统操作员 四级 理论知识 演示试卷',
      variant: 'A',
      seed: 'demo-exams-2026',
      source: 'assembled',
      itemCount: onPaper.length,
      totalScore: onPaper.reduce((sum, i) => sum + i.points, 0),
      meanDifficulty: 3,
      tolerance: 0,
      coverage: [],
      warnings: [],
      params: { demo: true },
    })
    .returning({ id: papers.id });
  await db.insert(paperItems).values(onPaper.map((i, position) => ({ paperId: paper!.id, position, itemId: i.id, version: 1, points: i.points })));

  // The plan, in progress, with its theory part and the sitting whose doors are open now.
  const [plan] = await db
    .insert(plans)
    .values({
      institutionId: inst.id,
      orgId: org.id,
      title: '2026 年 工业机器人系统操作员（四级）理论知识考试（演示）',
      occupationId: occ.id,
      level: 4,
      basis: 'national_standard',
      method: 'result',
      candidateSources: ['own_students'],
      capacity: 60,
      status: 'in_progress',
      profileId: 'shanghai-2022',
      acknowledgedAt: new Date(),
    })
    .returning({ id: plans.id });
  const startsAt = new Date(Math.ceil((Date.now() + STARTS_IN_MINUTES * 60_000) / 60_000) * 60_000);
  const start = chinaDateTime(startsAt);
  const end = chinaDateTime(new Date(startsAt.getTime() + DURATION_MINUTES * 60_000));
  const [part] = await db
    .insert(planParts)
    .values({
      planId: plan!.id,
      position: 0,
      kind: 'theory',
      passMark: 60,
      durationMinutes: DURATION_MINUTES,
      paperId: paper!.id,
      lateEntryMinutes: 15,
      minMinutesBeforeSubmit: 20,
    })
    .returning({ id: planParts.id });
  const [sitting] = await db
    .insert(planSittings)
    .values({
      planId: plan!.id,
      partId: part!.id,
      position: 0,
      date: start.date,
      startTime: start.time,
      endTime: end.time,
      site: '理论考试中心',
      room: '机房 301',
      capacity: 40,
    })
    .returning({ id: planSittings.id });

  // 段誉 (the demo candidate account) and seven classmates, seated with their exam numbers.
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'candidate'));
  const [duanyu] = account ? await db.select({ id: persons.id }).from(persons).where(eq(persons.userId, account.id)) : [];
  const others = await db
    .select({ id: persons.id, userId: persons.userId })
    .from(persons)
    .limit(CANDIDATES + 1);
  const people = [...(duanyu ? [duanyu.id] : []), ...others.filter((p) => p.id !== duanyu?.id).map((p) => p.id)].slice(0, CANDIDATES);
  const year = Number(start.date.slice(0, 4));
  for (const [i, personId] of people.entries()) {
    const [enrolment] = await db
      .insert(enrolments)
      .values({ planId: plan!.id, personId, orgId: org.id, category: 'own_student', className: '机电2301', graduatingYear: year, source: 'manual' })
      .returning({ id: enrolments.id });
    await db.insert(seatAssignments).values({
      planId: plan!.id,
      enrolmentId: enrolment!.id,
      partId: part!.id,
      sittingId: sitting!.id,
      seat: i + 1,
      // Plan sequence 900: clear of the numbers the demo's real arrangements give (001, 002, …).
      examNumber: examNumber({ year, institutionSerial: String(inst.serial % 10000), planSeq: 900, partCode: 'T', roomNo: 1, seat: i + 1 }),
    });
  }
  await prepareSitting(db, { id: sitting!.id, planId: plan!.id, partId: part!.id, partKind: 'theory', paperId: paper!.id });
  return { planId: plan!.id, sittingId: sitting!.id };
}
