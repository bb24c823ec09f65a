import type { PlanBodyParsed } from '@skillcert/shared/api/plans';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { drawForSitting } from '../modules/plans/plans.draws.service.ts';
import { createPlan, transitionPlan } from '../modules/plans/plans.service.ts';
import { as } from './demo-filings.ts';

const day = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const staff = (role: 'invigilator' | 'examiner' | 'chief_examiner', certificateNo: string) => ({ role, certificateNo });

/** 工业机器人系统操作员 四级 for the graduating class: theory in one room, practical in two groups. */
function robotPlan(): PlanBodyParsed {
  return {
    title: '2026 年第一批 工业机器人系统操作员 四级 认定计划',
    occupationCode: '6-31-07-03',
    level: 4,
    basis: 'national_standard',
    method: 'result',
    candidateSources: ['own_students'],
    courseExamReplacesTheory: false,
    capacity: 30,
    internalSupervisor: '评价中心·质量督导 何平',
    note: '面向 2026 届机电一体化技术专业毕业学年学生',
    conflicts: [{ certificateNo: 'KPY-2023-0215', kind: 'teaches_class', value: '机电2302' }],
    parts: [
      {
        kind: 'theory',
        durationMinutes: 90,
        lateEntryMinutes: 15,
        minMinutesBeforeSubmit: 30,
        sittings: [
          {
            date: day(30),
            startTime: '09:00',
            endTime: '10:30',
            site: '理论考试中心',
            room: '401',
            capacity: 30,
            classes: ['机电2301', '机电2302'],
            staff: [staff('invigilator', 'KPY-2024-0042'), staff('invigilator', 'KPY-2022-0530')],
          },
        ],
      },
      {
        kind: 'practical',
        durationMinutes: 120,
        lateEntryMinutes: 15,
        minMinutesBeforeSubmit: 30,
        sittings: [
          {
            date: day(31),
            startTime: '08:30',
            endTime: '10:30',
            site: '智能制造实训中心',
            room: 'B101 工作站区',
            capacity: 15,
            classes: ['机电2301'],
            staff: [staff('chief_examiner', 'KPY-2023-0107'), staff('examiner', 'KPY-2022-0311'), staff('examiner', 'KPY-2023-0215')],
          },
          {
            date: day(31),
            startTime: '13:30',
            endTime: '15:30',
            site: '智能制造实训中心',
            room: 'B101 工作站区',
            capacity: 15,
            classes: ['机电2302'],
            // the two examiners beside the chief are drawn at random (seeded, logged) — see seedDemoPlans
            staff: [staff('chief_examiner', 'KPY-2024-0077')],
          },
        ],
      },
    ],
  };
}

/** 电工 四级: theory and two practical groups, six weeks ahead. */
function electricianPlan(): PlanBodyParsed {
  return {
    title: '2026 年第二批 电工 四级 认定计划',
    occupationCode: '6-31-01-03',
    level: 4,
    basis: 'national_standard',
    method: 'result',
    candidateSources: ['own_students'],
    courseExamReplacesTheory: false,
    capacity: 20,
    internalSupervisor: '评价中心·质量督导 何平',
    conflicts: [],
    parts: [
      {
        kind: 'theory',
        durationMinutes: 90,
        lateEntryMinutes: 15,
        minMinutesBeforeSubmit: 30,
        sittings: [
          {
            date: day(45),
            startTime: '09:00',
            endTime: '10:30',
            site: '理论考试中心',
            room: '402',
            capacity: 20,
            classes: [],
            staff: [staff('invigilator', 'KPY-2021-0902'), staff('invigilator', 'KPY-2022-0618')],
          },
        ],
      },
      {
        kind: 'practical',
        durationMinutes: 150,
        lateEntryMinutes: 15,
        minMinutesBeforeSubmit: 30,
        sittings: [
          {
            date: day(46),
            startTime: '08:30',
            endTime: '11:00',
            site: '智能制造实训中心',
            room: 'A203 电工实训室',
            capacity: 10,
            classes: [],
            staff: [staff('chief_examiner', 'KPY-2021-0902'), staff('examiner', 'KPY-2022-0618'), staff('examiner', 'KPY-2023-0733')],
          },
          {
            date: day(46),
            startTime: '13:30',
            endTime: '16:00',
            site: '智能制造实训中心',
            room: 'A203 电工实训室',
            capacity: 10,
            classes: [],
            staff: [staff('chief_examiner', 'KPY-2024-0120'), staff('examiner', 'KPY-2022-0618'), staff('examiner', 'KPY-2023-0733')],
          },
        ],
      },
    ],
  };
}

/**
 * Runs the real workflow for the demo at the listed Lingang institution: one plan acknowledged by the Shanghai HR bureau
 * with the demo supervisor assigned (its afternoon practical examiners drawn at random, the log replayable), one waiting
 * in HR's to-do list.
 */
export async function seedDemoPlans(db: Db): Promise<{ acknowledged: string; submitted: string }> {
  const school = await as(db, 'lg_school_admin');
  const hr = await as(db, 'sh_hr');
  const [supervisor] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'sh_supervisor'));
  if (!supervisor) throw new Error('demo supervisor missing');

  const robot = await createPlan(school, robotPlan());
  const afternoon = robot.parts.find((p) => p.kind === 'practical')?.sittings[1];
  if (!afternoon) throw new Error('demo plan: no afternoon practical sitting');
  await drawForSitting(school, robot.id, afternoon.id, { seed: 'demo-2026-robot-pm' });
  await transitionPlan(school, robot.id, { action: 'submit' });
  await transitionPlan(hr, robot.id, { action: 'acknowledge', supervisorIds: [supervisor.id] });

  const electrician = await createPlan(school, electricianPlan());
  await transitionPlan(school, electrician.id, { action: 'submit' });
  return { acknowledged: robot.id, submitted: electrician.id };
}
