import { idCardCheckChar } from '@skillcert/shared/validators/id-card';
import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../context.ts';
import type { Db } from '../db/client.ts';
import {
  enrolments,
  institutions,
  objections,
  occupations,
  organisations,
  partResults,
  persons,
  planParts,
  plans,
  planSittings,
  publicities,
  seatAssignments,
  users,
} from '../db/schema.ts';
import { workingDayWindow } from '../lib/working-days.ts';
import type { IdentityVault } from '../modules/identity/identity.vault.ts';
import { newTrackingCode, snapshotFor } from '../modules/publicity/publicity.service.ts';
import { computeResults } from '../modules/results/results.service.ts';
import { examNumber } from '../modules/seating/exam-number.ts';

/** 姓名, theory, practical (null with absent: 缺考). */
const CANDIDATES: [string, number | null, number | null][] = [
  ['段正淳', 86, 91],
  ['王语嫣', 92, 88],
  ['萧峰', 78, 95],
  ['虚竹', 64, 71],
  ['阿朱', 58, 80],
  ['钟灵', 88, 55.5],
  ['木婉清', null, 76],
  ['游坦之', 71, 68],
];

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A plan of the Lingang demo school (工业机器人系统操作员 四级, last month's sittings) whose results are in publicity (公示)
 * since this morning: eight candidates, passes and fails (one 缺考), and one open
 * objection (异议) about a candidate — the public page /public/publicity shows it with masked names.
 */
export async function seedDemoPublicity(db: Db, vault: IdentityVault): Promise<string> {
  return inTransaction(db, { actor: null, requestId: 'demo-seed' }, async (tx, audit) => {
    const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, '上海临港职业技术学院（演示）'));
    const [inst] = await tx
      .select({ id: institutions.id })
      .from(institutions)
      .where(and(eq(institutions.orgId, org!.id), eq(institutions.kind, 'skill_level')));
    const [occ] = await tx.select({ id: occupations.id }).from(occupations).where(eq(occupations.code, '6-31-07-03'));
    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'lg_school_admin'));
    if (!org || !inst || !occ || !admin) throw new Error('demo publicity: the Lingang school is missing');

    const [plan] = await tx
      .insert(plans)
      .values({
        institutionId: inst.id,
        orgId: org.id,
        title: '2025 年第四批 工业机器人系统操作员 四级 认定计划',
        occupationId: occ.id,
        level: 4,
        basis: 'national_standard',
        method: 'result',
        candidateSources: ['own_students'],
        courseExamReplacesTheory: false,
        capacity: 30,
        status: 'publicity',
        profileId: 'shanghai-2022',
        submittedAt: new Date(Date.now() - 60 * 86_400_000),
        acknowledgedAt: new Date(Date.now() - 55 * 86_400_000),
      })
      .returning({ id: plans.id });
    const planId = plan!.id;
    const parts = await tx
      .insert(planParts)
      .values([
        { planId, position: 0, kind: 'theory', passMark: 60, durationMinutes: 90 },
        { planId, position: 1, kind: 'practical', passMark: 60, durationMinutes: 120 },
      ])
      .returning({ id: planParts.id });
    const sittings = await tx
      .insert(planSittings)
      .values([
        { planId, partId: parts[0]!.id, position: 0, date: day(-20), startTime: '09:00', endTime: '10:30', site: '理论考试中心', room: '402', capacity: 30 },
        {
          planId,
          partId: parts[1]!.id,
          position: 0,
          date: day(-19),
          startTime: '08:30',
          endTime: '10:30',
          site: '智能制造实训中心',
          room: 'B102',
          capacity: 30,
        },
      ])
      .returning({ id: planSittings.id });

    const year = new Date().getUTCFullYear();
    for (const [i, [name, theory, practical]] of CANDIDATES.entries()) {
      const body = `310115${2005}${String(1 + (i % 12)).padStart(2, '0')}${String(3 + i).padStart(2, '0')}${String(500 + i * 2 + (i % 2)).slice(-3)}`;
      const sealed = vault.seal(body + idCardCheckChar(body));
      const [person] = await tx
        .insert(persons)
        .values({
          idType: 'resident_id',
          idCipher: sealed.cipher,
          idHash: sealed.hash,
          name,
          gender: i % 2 ? 'female' : 'male',
          birthDate: `2005-${body.slice(10, 12)}-${body.slice(12, 14)}`,
        })
        .returning({ id: persons.id });
      const [enrolment] = await tx
        .insert(enrolments)
        .values({ planId, personId: person!.id, orgId: org.id, category: 'own_student', className: '机电2201', graduatingYear: year, source: 'manual' })
        .returning({ id: enrolments.id });
      const number = (k: 0 | 1) => examNumber({ year, institutionSerial: '0031', planSeq: 4, partCode: k === 0 ? 'T' : 'P', roomNo: 1, seat: i + 1 });
      await tx.insert(seatAssignments).values([
        { planId, enrolmentId: enrolment!.id, partId: parts[0]!.id, sittingId: sittings[0]!.id, seat: i + 1, examNumber: number(0) },
        { planId, enrolmentId: enrolment!.id, partId: parts[1]!.id, sittingId: sittings[1]!.id, seat: i + 1, examNumber: number(1) },
      ]);
      await tx.insert(partResults).values([
        { enrolmentId: enrolment!.id, partId: parts[0]!.id, planId, score: theory, absent: theory === null, source: theory === null ? 'absent' : 'exam' },
        { enrolmentId: enrolment!.id, partId: parts[1]!.id, planId, score: practical, source: 'marking' },
      ]);
    }

    // Published this morning (China time) for the profile's 5 working days.
    const opensAt = new Date(Date.now() - 2 * 3_600_000);
    const window = workingDayWindow(opensAt, 5);
    const { items } = await computeResults(tx, planId);
    await tx.insert(publicities).values({
      planId,
      opensAt,
      closesAt: window.closesAt,
      workingDays: 5,
      calendarKnown: window.calendarKnown,
      snapshot: snapshotFor(items, window),
      publishedBy: admin.id,
    });
    const objected = items.find((x) => x.name === '钟灵');
    await tx.insert(objections).values({
      planId,
      enrolmentId: objected?.enrolmentId ?? null,
      trackingCode: newTrackingCode(),
      name: '钟万仇',
      contact: '13900138000',
      text: '考生实操第二题的评分与现场情况不符（设备故障耽误约 10 分钟），申请复核。',
    });
    await audit({ action: 'demo.seed_publicity', targetType: 'plan', targetId: planId, after: { candidates: CANDIDATES.length } });
    return planId;
  });
}
