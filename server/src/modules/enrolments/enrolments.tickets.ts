import type { JobView, MyCandidatePage } from '@skillcert/shared/api/enrolment';
import type { SkillLevel } from '@skillcert/shared/domain';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { UseCaseContext } from '../../context.ts';
import type { Db, Executor } from '../../db/client.ts';
import {
  enrolments,
  institutions,
  occupations,
  organisations,
  persons,
  planParts,
  plans,
  planSittings,
  seatAssignments,
  specialItems,
} from '../../db/schema.ts';
import { notFound, unprocessable } from '../../http/errors.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { enqueueJob, registerJobHandler } from '../jobs/jobs.service.ts';
import { renderAdmissionTicket, ticketFileName, ticketsZip } from '../tickets/tickets.ticket.ts';
import type { AdmissionTicket } from '../tickets/tickets.types.ts';
import { ID_TYPE_NAMES, type IdType } from '@skillcert/shared/api/enrolment';
import { requirePlanManage, requirePlanRead } from './enrolments.policy.ts';
import * as repo from './enrolments.repository.ts';
import { PART_NAMES } from './enrolments.seating.ts';

// 准考证: one PDF per candidate (photo, name, masked ID, exam numbers, each part's date, time, room and seat, the
// rules, a QR code); all of a plan as one ZIP built by a background job with progress; the candidate's own page.

/** The tickets of a plan's candidates (all, or the given enrolments), in seat order of the first part. */
export async function ticketsOf(ex: Executor, vault: IdentityVault, planId: string, enrolmentIds?: string[]): Promise<AdmissionTicket[]> {
  const plan = await repo.findPlan(ex, planId);
  if (!plan) throw notFound('plan');
  if (plan.level === null) throw unprocessable('TICKET.NO_LEVEL');
  const people = await ex
    .select({ id: enrolments.id, name: persons.name, idCipher: persons.idCipher, idType: persons.idType, gender: persons.gender, photo: persons.photo })
    .from(enrolments)
    .innerJoin(persons, eq(persons.id, enrolments.personId))
    .where(
      and(
        eq(enrolments.planId, planId),
        eq(enrolments.status, 'enrolled'),
        enrolmentIds ? inArray(enrolments.id, enrolmentIds.length ? enrolmentIds : [planId]) : undefined,
      ),
    )
    .orderBy(asc(persons.name));
  const seats = await ex
    .select({
      enrolmentId: seatAssignments.enrolmentId,
      seat: seatAssignments.seat,
      examNumber: seatAssignments.examNumber,
      kind: planParts.kind,
      position: planParts.position,
      date: planSittings.date,
      startTime: planSittings.startTime,
      endTime: planSittings.endTime,
      site: planSittings.site,
      room: planSittings.room,
    })
    .from(seatAssignments)
    .innerJoin(planParts, eq(planParts.id, seatAssignments.partId))
    .innerJoin(planSittings, eq(planSittings.id, seatAssignments.sittingId))
    .where(eq(seatAssignments.planId, planId))
    .orderBy(asc(planParts.position));
  const byEnrolment = new Map<string, typeof seats>();
  for (const s of seats) byEnrolment.set(s.enrolmentId, [...(byEnrolment.get(s.enrolmentId) ?? []), s]);
  const tickets = people.map((p) => {
    const parts = byEnrolment.get(p.id) ?? [];
    return {
      institutionName: plan.orgName,
      planName: plan.title,
      candidateName: p.name,
      idNumber: maskIdCard(vault.open(p.idCipher)),
      idType: ID_TYPE_NAMES[p.idType as IdType] ?? p.idType,
      gender: p.gender as 'male' | 'female',
      photo: p.photo ? new Uint8Array(p.photo) : null,
      occupationName: plan.occupationName ?? plan.specialItemName ?? '',
      occupationCode: plan.occupationCode ?? '',
      ...(plan.workType ? { workType: plan.workType } : {}),
      level: plan.level as SkillLevel,
      parts: parts.map((s) => ({
        partName: PART_NAMES[s.kind] ?? s.kind,
        examNumber: s.examNumber,
        date: s.date,
        startTime: s.startTime,
        endTime: s.endTime,
        site: s.site,
        room: s.room,
        seat: s.seat,
      })),
      verifyUrl: `/verify/ticket/${parts[0]?.examNumber ?? p.id}`,
    } satisfies AdmissionTicket;
  });
  const firstNumber = (t: AdmissionTicket) => t.parts[0]?.examNumber ?? '~';
  return tickets.sort((a, b) => firstNumber(a).localeCompare(firstNumber(b)));
}

function requireSeated(t: AdmissionTicket | undefined): AdmissionTicket {
  if (!t) throw notFound('enrolment');
  if (!t.parts.length) throw unprocessable('TICKET.NOT_SEATED');
  return t;
}

/** One candidate's ticket, for the school (or a reader in scope). */
export async function ticketPdf(ctx: UseCaseContext, vault: IdentityVault, planId: string, enrolmentId: string): Promise<{ file: Buffer; name: string }> {
  const plan = await repo.findPlan(ctx.db, planId);
  if (!plan) throw notFound('plan');
  await requirePlanRead(ctx.db, ctx.actor, plan);
  const t = requireSeated((await ticketsOf(ctx.db, vault, planId, [enrolmentId]))[0]);
  return { file: await renderAdmissionTicket(t), name: ticketFileName(t) };
}

export const TICKETS_ZIP_JOB = 'tickets.zip';

/** The job behind "all tickets of a plan as one ZIP": renders each ticket, reporting progress as it goes. */
export function registerTicketJobs(db: Db, vault: IdentityVault): void {
  registerJobHandler(TICKETS_ZIP_JOB, async (job) => {
    const { planId } = job.params as { planId: string };
    const tickets = (await ticketsOf(db, vault, planId)).filter((t) => t.parts.length);
    await job.progress(0, tickets.length);
    let last = 0;
    const zip = await ticketsZip(tickets, (done, total) => {
      // Progress written every few tickets (and at the end), not after each one.
      if (done - last >= 5 || done === total) {
        last = done;
        void job.progress(done, total);
      }
    });
    await job.progress(tickets.length, tickets.length);
    return { data: Buffer.from(zip), name: `准考证-${planId.slice(0, 8)}.zip`, type: 'application/zip' };
  });
}

export async function startTicketsZip(ctx: UseCaseContext, planId: string): Promise<JobView> {
  const plan = await repo.findPlan(ctx.db, planId);
  if (!plan) throw notFound('plan');
  requirePlanManage(ctx.actor, plan);
  const seated = await ctx.db.select({ id: seatAssignments.id }).from(seatAssignments).where(eq(seatAssignments.planId, planId)).limit(1);
  if (!seated.length) throw unprocessable('TICKET.NOT_SEATED');
  return enqueueJob(ctx.db, { kind: TICKETS_ZIP_JOB, params: { planId }, orgId: plan.orgId, createdBy: ctx.actor.userId });
}

// --- The candidate's own page -------------------------------------------------------------------------------------

async function myPerson(ctx: UseCaseContext) {
  const [p] = await ctx.db
    .select({ id: persons.id, name: persons.name, idCipher: persons.idCipher, hasPhoto: persons.photo })
    .from(persons)
    .where(eq(persons.userId, ctx.actor.userId));
  if (!p) throw notFound('candidate');
  return p;
}

export async function myPage(ctx: UseCaseContext, vault: IdentityVault): Promise<MyCandidatePage> {
  const me = await myPerson(ctx);
  const mine = await ctx.db
    .select({
      enrolmentId: enrolments.id,
      planId: plans.id,
      planName: plans.title,
      institution: organisations.name,
      occupation: occupations.name,
      special: specialItems.name,
      level: plans.level,
      status: plans.status,
    })
    .from(enrolments)
    .innerJoin(plans, eq(plans.id, enrolments.planId))
    .innerJoin(institutions, eq(institutions.id, plans.institutionId))
    .innerJoin(organisations, eq(organisations.id, plans.orgId))
    .leftJoin(occupations, eq(occupations.id, plans.occupationId))
    .leftJoin(specialItems, eq(specialItems.id, plans.specialItemId))
    .where(and(eq(enrolments.personId, me.id), eq(enrolments.status, 'enrolled')))
    .orderBy(asc(plans.createdAt));
  const out: MyCandidatePage['enrolments'] = [];
  for (const e of mine) {
    const { parts, sittings } = await repo.partsAndSittings(ctx.db, e.planId);
    const seats = await ctx.db.select().from(seatAssignments).where(eq(seatAssignments.enrolmentId, e.enrolmentId));
    const rows = parts.map((part) => {
      const seat = seats.find((s) => s.partId === part.id);
      const sitting = sittings.find((s) => s.id === seat?.sittingId) ?? sittings.find((s) => s.partId === part.id);
      return {
        part: part.kind,
        startsAt: sitting ? `${sitting.date} ${sitting.startTime}` : '',
        endsAt: sitting ? `${sitting.date} ${sitting.endTime}` : null,
        site: sitting?.site ?? null,
        room: seat ? (sitting?.room ?? null) : null,
        seat: seat?.seat ?? null,
        examNumber: seat?.examNumber ?? null,
      };
    });
    out.push({
      enrolmentId: e.enrolmentId,
      planId: e.planId,
      planName: e.planName,
      institution: e.institution,
      occupation: e.occupation ?? e.special ?? '',
      level: e.level ?? 0,
      status: e.status,
      parts: rows,
      ticketReady: seats.length > 0 && e.level !== null,
    });
  }
  return { name: me.name, idNumberMasked: maskIdCard(vault.open(me.idCipher)), hasPhoto: me.hasPhoto !== null, enrolments: out };
}

export async function myTicket(ctx: UseCaseContext, vault: IdentityVault, enrolmentId: string): Promise<{ file: Buffer; name: string }> {
  const me = await myPerson(ctx);
  const [e] = await ctx.db
    .select({ planId: enrolments.planId })
    .from(enrolments)
    .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.personId, me.id)));
  if (!e) throw notFound('enrolment');
  const t = requireSeated((await ticketsOf(ctx.db, vault, e.planId, [enrolmentId]))[0]);
  return { file: await renderAdmissionTicket(t), name: ticketFileName(t) };
}

export async function myPhoto(ctx: UseCaseContext): Promise<Buffer> {
  const me = await myPerson(ctx);
  const [p] = await ctx.db.select({ photo: persons.photo }).from(persons).where(eq(persons.id, me.id));
  if (!p?.photo) throw notFound('photo');
  return p.photo;
}
