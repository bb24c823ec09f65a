import { randomBytes } from 'node:crypto';
import type { SeatPlan } from '@skillcert/shared/api/enrolment';
import type { SkillLevel } from '@skillcert/shared/domain';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { enrolments, persons, plans, seatAssignments } from '../../db/schema.ts';
import { notFound, unprocessable } from '../../http/errors.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { arrangeSeats } from '../seating/seating.rules.ts';
import { type ExamPartCode, examNumber } from '../seating/exam-number.ts';
import type { RoomSheet, SeatPlan as SeatPlanDoc } from '../tickets/tickets.types.ts';
import { renderSeatPlan, renderSignInSheet } from '../tickets/tickets.sheets.ts';
import { seatPlanWorkbook, signInSheetWorkbook } from '../tickets/tickets.workbook.ts';
import { requirePlanManage, requirePlanRead } from './enrolments.policy.ts';
import * as repo from './enrolments.repository.ts';

// 考场编排: each part's candidates arranged over that part's sittings (each a room with a capacity) by the seating
// rules (seeded, classes spread), a 准考证号 per candidate and part, manual moves, and the room lists and sign-in
// sheets as PDF and Excel.

const PART_CODE: Record<string, ExamPartCode> = { theory: 'T', practical: 'P', review: 'C', process: 'R' };
export const PART_NAMES: Record<string, string> = { theory: '理论知识考试', practical: '操作技能考核', review: '综合评审', process: '过程考核' };

async function loadPlan(ex: Executor, planId: string) {
  const plan = await repo.findPlan(ex, planId);
  if (!plan) throw notFound('plan');
  return plan;
}

/** The plan's sequence among its institution's plans of the same year (PPP of the exam number). */
async function planSequence(ex: Executor, plan: repo.PlanRow): Promise<number> {
  // Compared in SQL: timestamps keep microseconds the JavaScript Date would drop.
  const [row] = await ex
    .select({ n: count() })
    .from(plans)
    .where(
      and(
        eq(plans.institutionId, plan.institutionId),
        sql`${plans.createdAt} <= (select p.created_at from plans p where p.id = ${plan.id})`,
        sql`extract(year from ${plans.createdAt}) = (select extract(year from p.created_at) from plans p where p.id = ${plan.id})`,
      ),
    );
  return Math.min(999, Math.max(1, Number(row?.n ?? 1)));
}

interface Numbering {
  year: number;
  institutionSerial: string;
  planSeq: number;
}

const numberOf = (n: Numbering, kind: string, roomNo: number, seat: number) =>
  examNumber({ year: n.year, institutionSerial: String(n.institutionSerial).slice(-4), planSeq: n.planSeq, partCode: PART_CODE[kind] ?? 'T', roomNo, seat });

async function numbering(ex: Executor, plan: repo.PlanRow, firstDate: string): Promise<Numbering> {
  return { year: Number(firstDate.slice(0, 4)), institutionSerial: String(plan.provinceSerial % 10000), planSeq: await planSequence(ex, plan) };
}

/**
 * Arranges every part: the plan's enrolled candidates over the part's sittings, seeded (the seed is kept so the same
 * arrangement can be made again); replaces the previous arrangement, manual moves included, in one transaction.
 */
export async function arrangePlan(ctx: UseCaseContext, vault: IdentityVault, planId: string, seedGiven?: string): Promise<SeatPlan> {
  const seed = seedGiven ?? randomBytes(6).toString('hex');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const plan = await repo.findPlan(tx, planId, true);
    if (!plan) throw notFound('plan');
    requirePlanManage(ctx.actor, plan);
    const { parts, sittings } = await repo.partsAndSittings(tx, planId);
    const people = await tx
      .select({ id: enrolments.id, className: enrolments.className })
      .from(enrolments)
      .where(and(eq(enrolments.planId, planId), eq(enrolments.status, 'enrolled')));
    if (!people.length) throw unprocessable('SEATING.NO_CANDIDATES');
    if (!sittings.length) throw unprocessable('SEATING.NO_SITTINGS');
    const n = await numbering(tx, plan, sittings[0]!.date);
    await tx.delete(seatAssignments).where(eq(seatAssignments.planId, planId));
    const rows: (typeof seatAssignments.$inferInsert)[] = [];
    for (const part of parts) {
      const rooms = sittings.filter((s) => s.partId === part.id);
      if (!rooms.length) continue;
      const arranged = arrangeSeats({
        candidates: people.map((p) => ({ id: p.id, classKey: p.className ?? '' })),
        rooms: rooms.map((r) => ({ id: r.id, capacity: r.capacity })),
        seed: `${seed}:${part.kind}`,
      });
      for (const a of arranged) {
        const roomNo = rooms.findIndex((r) => r.id === a.roomId) + 1;
        rows.push({
          planId,
          enrolmentId: a.candidateId,
          partId: part.id,
          sittingId: a.roomId,
          seat: a.seat,
          examNumber: numberOf(n, part.kind, roomNo, a.seat),
          seed,
        });
      }
    }
    for (let i = 0; i < rows.length; i += repo.BATCH) await tx.insert(seatAssignments).values(rows.slice(i, i + repo.BATCH));
    await audit({ action: 'seating.arrange', targetType: 'plan', targetId: planId, after: { seed, candidates: people.length, seats: rows.length } });
  });
  return seatPlanOf(ctx, vault, planId);
}

/** A manual move: the candidate takes the seat; whoever sat there takes the candidate's old seat. Exam numbers follow. */
export async function moveSeat(
  ctx: UseCaseContext,
  vault: IdentityVault,
  planId: string,
  move: { enrolmentId: string; sittingId: string; room: string; seat: number },
): Promise<SeatPlan> {
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const plan = await repo.findPlan(tx, planId, true);
    if (!plan) throw notFound('plan');
    requirePlanManage(ctx.actor, plan);
    const { parts, sittings } = await repo.partsAndSittings(tx, planId);
    const target = sittings.find((s) => s.id === move.sittingId);
    if (!target) throw notFound('sitting');
    if (move.seat > target.capacity) throw unprocessable('SEATING.SEAT_OUT_OF_ROOM', { capacity: target.capacity }, { capacity: target.capacity });
    const part = parts.find((p) => p.id === target.partId)!;
    const [mine] = await tx
      .select()
      .from(seatAssignments)
      .where(and(eq(seatAssignments.enrolmentId, move.enrolmentId), eq(seatAssignments.partId, part.id)));
    if (!mine) throw notFound('seat');
    const [other] = await tx
      .select()
      .from(seatAssignments)
      .where(and(eq(seatAssignments.sittingId, target.id), eq(seatAssignments.seat, move.seat)));
    const n = await numbering(tx, plan, sittings[0]!.date);
    const roomNo = (sittingId: string) => sittings.filter((s) => s.partId === part.id).findIndex((s) => s.id === sittingId) + 1;
    // Park the moving candidate first so the unique (sitting, seat) and exam number hold at every step.
    await tx
      .update(seatAssignments)
      .set({ seat: 100000 + mine.seat, examNumber: `m${mine.id.replaceAll('-', '').slice(0, 30)}` })
      .where(eq(seatAssignments.id, mine.id));
    if (other && other.id !== mine.id) {
      await tx
        .update(seatAssignments)
        .set({
          sittingId: mine.sittingId,
          seat: mine.seat,
          examNumber: numberOf(n, part.kind, roomNo(mine.sittingId), mine.seat),
          manual: true,
          seed: null,
          updatedAt: new Date(),
        })
        .where(eq(seatAssignments.id, other.id));
    }
    await tx
      .update(seatAssignments)
      .set({
        sittingId: target.id,
        seat: move.seat,
        examNumber: numberOf(n, part.kind, roomNo(target.id), move.seat),
        manual: true,
        seed: null,
        updatedAt: new Date(),
      })
      .where(eq(seatAssignments.id, mine.id));
    await audit({
      action: 'seating.move',
      targetType: 'enrolment',
      targetId: move.enrolmentId,
      before: { sittingId: mine.sittingId, seat: mine.seat },
      after: { sittingId: target.id, seat: move.seat, swappedWith: other?.enrolmentId ?? null },
    });
  });
  return seatPlanOf(ctx, vault, planId);
}

async function assignments(ex: Executor, planId: string) {
  return ex
    .select({
      enrolmentId: seatAssignments.enrolmentId,
      sittingId: seatAssignments.sittingId,
      seat: seatAssignments.seat,
      examNumber: seatAssignments.examNumber,
      manual: seatAssignments.manual,
      seed: seatAssignments.seed,
      name: persons.name,
      idCipher: persons.idCipher,
      className: enrolments.className,
      personId: persons.id,
    })
    .from(seatAssignments)
    .innerJoin(enrolments, eq(enrolments.id, seatAssignments.enrolmentId))
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(eq(seatAssignments.planId, planId))
    .orderBy(asc(seatAssignments.sittingId), asc(seatAssignments.seat));
}

export async function seatPlanOf(ctx: UseCaseContext, vault: IdentityVault, planId: string): Promise<SeatPlan> {
  const plan = await loadPlan(ctx.db, planId);
  await requirePlanRead(ctx.db, ctx.actor, plan);
  const [{ parts, sittings }, seats, enrolled] = await Promise.all([
    repo.partsAndSittings(ctx.db, planId),
    assignments(ctx.db, planId),
    repo.countEnrolled(ctx.db, planId),
  ]);
  return {
    planId,
    sittings: sittings.map((s) => {
      const mine = seats.filter((a) => a.sittingId === s.id);
      const part = parts.find((p) => p.id === s.partId);
      const partSeats = seats.filter((a) => sittings.find((x) => x.id === a.sittingId)?.partId === s.partId).length;
      return {
        sittingId: s.id,
        part: part?.kind ?? '',
        startsAt: `${s.date} ${s.startTime}`,
        endsAt: `${s.date} ${s.endTime}`,
        site: s.site,
        rooms: [
          {
            room: s.room,
            capacity: s.capacity,
            seats: mine.map((a) => ({
              enrolmentId: a.enrolmentId,
              name: a.name,
              idNumberMasked: maskIdCard(vault.open(a.idCipher)),
              className: a.className,
              sittingId: a.sittingId,
              room: s.room,
              seat: a.seat,
              examNumber: a.examNumber,
              manual: a.manual,
            })),
          },
        ],
        unseated: Math.max(0, enrolled - partSeats),
        seed: mine.find((a) => a.seed)?.seed ?? null,
      };
    }),
  };
}

export type SittingDocument = 'seat-plan.pdf' | 'seat-plan.xlsx' | 'sign-in.pdf' | 'sign-in.xlsx';

/** The room list (考场座位表) or sign-in sheet (签到表) of one sitting, as PDF or Excel; ID numbers printed masked. */
export async function sittingDocument(
  ctx: UseCaseContext,
  vault: IdentityVault,
  planId: string,
  sittingId: string,
  doc: SittingDocument,
): Promise<{ file: Buffer; name: string }> {
  const plan = await loadPlan(ctx.db, planId);
  await requirePlanRead(ctx.db, ctx.actor, plan);
  const { parts, sittings } = await repo.partsAndSittings(ctx.db, planId);
  const sitting = sittings.find((s) => s.id === sittingId);
  if (!sitting) throw notFound('sitting');
  const part = parts.find((p) => p.id === sitting.partId)!;
  const seats = (await assignments(ctx.db, planId)).filter((a) => a.sittingId === sittingId);
  const withPhotos = doc.startsWith('sign-in');
  const photos = new Map<string, Buffer | null>();
  if (withPhotos && seats.length) {
    const rows = await ctx.db
      .select({ id: persons.id, photo: persons.photo })
      .from(persons)
      .where(
        sql`${persons.id} in (${sql.join(
          seats.map((s) => sql`${s.personId}`),
          sql`, `,
        )})`,
      );
    for (const r of rows) photos.set(r.id, r.photo);
  }
  const room: RoomSheet = {
    site: sitting.site,
    room: sitting.room,
    seats: seats.map((a) => ({
      seat: a.seat,
      examNumber: a.examNumber,
      name: a.name,
      idNumber: maskIdCard(vault.open(a.idCipher)),
      className: a.className ?? '',
      photo: photos.get(a.personId) ?? null,
    })),
  };
  const sheet: SeatPlanDoc = {
    institutionName: plan.orgName,
    planName: plan.title,
    occupationName: plan.occupationName ?? plan.specialItemName ?? '',
    occupationCode: plan.occupationCode ?? '',
    level: (plan.level ?? 5) as SkillLevel,
    partName: PART_NAMES[part.kind] ?? part.kind,
    date: sitting.date,
    startTime: sitting.startTime,
    endTime: sitting.endTime,
    rooms: [room],
  };
  const base = `${sitting.date}-${sitting.room}`;
  switch (doc) {
    case 'seat-plan.pdf':
      return { file: await renderSeatPlan(sheet), name: `考场座位表-${base}.pdf` };
    case 'seat-plan.xlsx':
      return { file: await seatPlanWorkbook(sheet), name: `考场座位表-${base}.xlsx` };
    case 'sign-in.pdf':
      return { file: await renderSignInSheet(sheet), name: `签到表-${base}.pdf` };
    case 'sign-in.xlsx':
      return { file: await signInSheetWorkbook(sheet), name: `签到表-${base}.xlsx` };
  }
}
