import { and, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  enrolments,
  examAnswers,
  examAttempts,
  examEvents,
  itemResponses,
  itemVersions,
  institutions,
  occupations,
  organisations,
  papers,
  persons,
  planChangeRequests,
  planParts,
  plans,
  planSittings,
  seatAssignments,
  users,
} from '../db/schema.ts';
import { prepareSitting } from '../modules/exams/exams.copies.ts';
import { examNumber } from '../modules/seating/exam-number.ts';
import { shanghai2022 } from '../modules/policies/profiles/shanghai-2022.ts';

/**
 * Real work for 上海市人社局's anomaly signals (异常预警, issue 15 item 4): one closed theory exam of 临港 three weeks ago
 * (the demo exam's paper, copies prepared for eight candidates, all submitted) that
 *  - was moved by a change request (变更) acknowledged five days before the sitting, inside the profile's lead time
 *    → lead_time;
 *  - saw many tab switches, reconnects and two device takeovers → exam_events;
 *  - where two candidates chose the same wrong option, one nobody else chose, on four single-choice items — each saw
 *    the options in another order, so it is the same bank option under different letters → shared_wrong_answers.
 * Runs after seedDemoExams (it reuses that paper). Idempotent: does nothing when the plan is there.
 */

const SCHOOL = '上海临港职业技术学院（演示）';
const OCCUPATION = '6-31-07-03';
export const SIGNALS_DEMO_TAG = '（异常预警演示）';
const CANDIDATES = 8;
const DAYS_AGO = 21;
const CHANGED_DAYS_BEFORE = 5;

const dayOf = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

export async function seedDemoSignals(db: Db, now = new Date()): Promise<void> {
  const [exists] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(like(plans.title, `%${SIGNALS_DEMO_TAG}`));
  if (exists) return;
  const [inst] = await db
    .select({ id: institutions.id, orgId: institutions.orgId, serial: institutions.provinceSerial })
    .from(institutions)
    .innerJoin(organisations, eq(organisations.id, institutions.orgId))
    .where(and(eq(organisations.name, SCHOOL), eq(institutions.kind, 'skill_level')));
  const [occ] = await db.select({ id: occupations.id }).from(occupations).where(eq(occupations.code, OCCUPATION)).limit(1);
  const [paper] = inst
    ? await db
        .select({ id: papers.id })
        .from(papers)
        .where(and(eq(papers.orgId, inst.orgId), eq(papers.part, 'theory')))
        .limit(1)
    : [];
  if (!inst || !occ || !paper) return;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'lg_school_admin'));
  const [hr] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'sh_hr'));

  const sittingAt = now.getTime() - DAYS_AGO * 86_400_000;
  const sittingDay = dayOf(sittingAt);
  const changedAt = new Date(`${dayOf(sittingAt - CHANGED_DAYS_BEFORE * 86_400_000)}T10:00:00+08:00`);
  const createdAt = new Date(sittingAt - 40 * 86_400_000);
  const leadDays = shanghai2022.planLeadDays.value;

  const sittingId = await db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(plans)
      .values({
        institutionId: inst.id,
        orgId: inst.orgId,
        title: `工业机器人系统操作员（四级）${sittingDay.slice(0, 7)} 理论考试${SIGNALS_DEMO_TAG}`,
        occupationId: occ.id,
        level: 4,
        basis: 'national_standard',
        method: 'result',
        candidateSources: ['own_students'],
        capacity: 40,
        status: 'closed',
        profileId: shanghai2022.id,
        leadDays,
        version: 2,
        submittedAt: createdAt,
        acknowledgedAt: createdAt,
        createdBy: admin?.id ?? null,
        createdAt,
        updatedAt: changedAt,
      })
      .returning({ id: plans.id });
    const [part] = await tx
      .insert(planParts)
      .values({ planId: plan!.id, position: 0, kind: 'theory', passMark: 60, durationMinutes: 60, paperId: paper.id })
      .returning({ id: planParts.id });
    const [sitting] = await tx
      .insert(planSittings)
      .values({
        planId: plan!.id,
        partId: part!.id,
        position: 0,
        date: sittingDay,
        startTime: '09:00',
        endTime: '10:00',
        site: '理论考试中心',
        room: '机房 302',
        capacity: 40,
      })
      .returning({ id: planSittings.id });
    // The change: the sitting moved a week earlier, acknowledged five days before it (the profile asks for lead days).
    await tx.insert(planChangeRequests).values({
      planId: plan!.id,
      status: 'acknowledged',
      baseVersion: 1,
      changes: { sittings: [{ position: 0, date: sittingDay }] },
      reason: '实训室检修，理论考试提前一周举行',
      requestedBy: admin?.id ?? null,
      decidedBy: hr?.id ?? null,
      createdAt: new Date(changedAt.getTime() - 86_400_000),
      decidedAt: changedAt,
    });
    const people = await tx.select({ id: persons.id }).from(persons).orderBy(persons.createdAt, persons.id).limit(CANDIDATES);
    const year = Number(sittingDay.slice(0, 4));
    const enrolled = await tx
      .insert(enrolments)
      .values(
        people.map((p) => ({
          planId: plan!.id,
          personId: p.id,
          orgId: inst.orgId,
          category: 'own_student',
          className: '机电2302',
          graduatingYear: year,
          source: 'manual',
        })),
      )
      .returning({ id: enrolments.id });
    await tx.insert(seatAssignments).values(
      enrolled.map((e, i) => ({
        planId: plan!.id,
        enrolmentId: e.id,
        partId: part!.id,
        sittingId: sitting!.id,
        seat: i + 1,
        // Plan sequence 901: clear of the demo exam's 900 and of real arrangements.
        examNumber: examNumber({ year, institutionSerial: String(inst.serial % 10000), planSeq: 901, partCode: 'T', roomNo: 2, seat: i + 1 }),
      })),
    );
    return { planId: plan!.id, partId: part!.id, id: sitting!.id };
  });
  await prepareSitting(db, { id: sittingId.id, planId: sittingId.planId, partId: sittingId.partId, partKind: 'theory', paperId: paper.id });

  // Everyone sat and submitted; the log shows what the invigilator saw: tab switches, reconnects, two device takeovers.
  const startedAt = new Date(`${sittingDay}T09:02:00+08:00`);
  const submittedAt = new Date(`${sittingDay}T09:55:00+08:00`);
  const attempts = await db
    .select({ id: examAttempts.id, examNumber: examAttempts.examNumber, layout: examAttempts.layout })
    .from(examAttempts)
    .where(eq(examAttempts.sittingId, sittingId.id))
    .orderBy(examAttempts.examNumber);
  const events: (typeof examEvents.$inferInsert)[] = [];
  attempts.forEach((a, i) => {
    const at = (minute: number) => new Date(startedAt.getTime() + minute * 60_000);
    const switches = 2 + (i % 3);
    for (let k = 0; k < switches; k++)
      events.push({ attemptId: a.id, sittingId: sittingId.id, kind: k % 2 ? 'focus_lost' : 'tab_hidden', at: at(5 + k * 7 + i) });
    if (i % 2 === 0) events.push({ attemptId: a.id, sittingId: sittingId.id, kind: 'reconnect', at: at(30 + i) });
    if (i === 2 || i === 5) events.push({ attemptId: a.id, sittingId: sittingId.id, kind: 'takeover', actorId: admin?.id ?? null, at: at(35 + i) });
  });

  // The answers: everyone right except the copying pair (the 3rd and 7th seat) on the first four single-choice items,
  // where both chose the same wrong bank option; objective marking recorded full marks or none per item.
  const layout = attempts[0]?.layout ?? [];
  const keyOf = new Map(
    (
      await db
        .select({ itemId: itemVersions.itemId, version: itemVersions.version, content: itemVersions.content })
        .from(itemVersions)
        .where(
          inArray(
            itemVersions.itemId,
            layout.map((i) => i.itemId),
          ),
        )
    ).map((v) => [`${v.itemId}|${v.version}`, ((v.content as { answer?: string[] }).answer ?? []).slice().sort()]),
  );
  const copied = new Set(
    layout
      .filter((i) => i.type === 'single')
      .slice(0, 4)
      .map((i) => i.itemId),
  );
  const pair = new Set([2, 6]);
  const answers: (typeof examAnswers.$inferInsert)[] = [];
  const marked: (typeof itemResponses.$inferInsert)[] = [];
  const scores = new Map<string, number>();
  attempts.forEach((a, i) => {
    let seq = 0;
    let score = 0;
    for (const item of a.layout) {
      const right = keyOf.get(`${item.itemId}|${item.version}`) ?? [];
      if (!right.length) continue;
      const wrongKey = item.optionOrder
        .slice()
        .sort()
        .find((k) => !right.includes(k));
      const bankKeys = pair.has(i) && copied.has(item.itemId) && wrongKey ? [wrongKey] : right;
      const shown = item.type === 'single' || item.type === 'multiple' ? bankKeys.map((k) => String.fromCharCode(65 + item.optionOrder.indexOf(k))) : bankKeys;
      const correct = bankKeys === right;
      answers.push({
        attemptId: a.id,
        itemId: item.itemId,
        response: { keys: shown.sort() },
        seq: ++seq,
        savedAt: new Date(startedAt.getTime() + seq * 60_000),
      });
      marked.push({
        paperId: paper.id,
        candidate: a.examNumber,
        itemId: item.itemId,
        version: item.version,
        score: correct ? item.points : 0,
        maxScore: item.points,
        recordedAt: submittedAt,
      });
      score += correct ? item.points : 0;
    }
    scores.set(a.id, score);
  });
  const max = layout.reduce((n, i) => n + i.points, 0);
  await db.transaction(async (tx) => {
    for (const a of attempts)
      await tx
        .update(examAttempts)
        .set({
          status: 'submitted',
          signedInAt: startedAt,
          startedAt,
          submittedAt,
          submittedHow: 'candidate',
          switchCount: 3,
          objectiveScore: scores.get(a.id) ?? 0,
          objectiveMax: max,
          updatedAt: submittedAt,
        })
        .where(eq(examAttempts.id, a.id));
    if (events.length) await tx.insert(examEvents).values(events);
    if (answers.length) await tx.insert(examAnswers).values(answers);
    if (marked.length) await tx.insert(itemResponses).values(marked);
  });
}
