import { fieldIssue } from '@skillcert/shared/validation-key';
import type { OrgKind } from '@skillcert/shared/domain';
import type { FlagBody, InspectionReport, LiveView, MarkProgress, ReportBody, SupervisionFlag, WorkloadReport } from '@skillcert/shared/api/supervision';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { conflict, notFound, unprocessable } from '../../http/errors.ts';
import { orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { chinaDateTime } from '../exams/exams.rules.ts';
import * as plansRepo from '../plans/plans.repository.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import * as repo from './supervision.repository.ts';
import {
  attemptStatus,
  checkPhoto,
  heldCandidates,
  imageKind,
  MAX_PHOTO_BYTES,
  markProgress,
  maySupervise,
  roomCounts,
  termLabel,
  termOf,
  termRange,
  workloadRows,
} from './supervision.rules.ts';
import { workloadWorkbook } from './supervision.excel.ts';

type PlanRow = NonNullable<Awaited<ReturnType<typeof plansRepo.findPlan>>>;

/** Events per poll of the live view; a busier sitting says `moreEvents` and the screen polls again at once. */
const EVENT_PAGE = 200;

// --- who sees what -------------------------------------------------------------------------------

async function isAssignedSupervisor(ex: Executor, planId: string, userId: string): Promise<boolean> {
  const sup = await plansRepo.supervisorsOf(ex, [planId]);
  return sup.some((s) => s.userId === userId && s.active && s.role === 'supervisor');
}

/**
 * The plan if the actor may see its supervision record: an assigned supervisor, the school running it, HR over the
 * school's region (and the platform); `watch` (the live view) only the assigned supervisors and HR. Else 404.
 */
async function loadPlan(ctx: UseCaseContext, ex: Executor, id: string, mode: 'read' | 'watch'): Promise<PlanRow> {
  const p = await plansRepo.findPlan(ex, id);
  if (!p) throw notFound('plan');
  if (ctx.actor.role === 'supervisor') {
    if (!(await isAssignedSupervisor(ex, id, ctx.actor.userId))) throw notFound('plan');
    return p;
  }
  if (mode === 'watch' && ctx.actor.role !== 'hr') throw notFound('plan');
  requireOrgInScope(ctx.actor, { id: p.orgId, kind: 'school' as OrgKind, regionCode: p.regionCode }, 'plan');
  return p;
}

function sittingLabel(s: { date: string; startTime: string; endTime: string; site: string; room: string }): string {
  return `${s.date} ${s.startTime}–${s.endTime} ${s.site} ${s.room}`;
}

// --- the live view -------------------------------------------------------------------------------

/** 逢考必督: the plan's rooms and who is in, the integrity events after `after`, and marking progress per part. */
export async function liveView(ctx: UseCaseContext, planId: string, after: number): Promise<LiveView> {
  requireAction(ctx.actor, 'supervision.watch');
  const db = ctx.db;
  const p = await loadPlan(ctx, db, planId, 'watch');
  const sittings = await repo.sittingsOf(db, planId);
  const seats = await repo.seatsOf(db, planId);
  const attempts = new Map((await repo.attemptsOf(db, planId)).map((a) => [a.seatAssignmentId, a]));
  const held = await repo.openFlagsByEnrolment(db, planId);
  const flags = (await repo.flagsOf(db, planId)).filter((f) => f.status === 'open');
  const page = await repo.eventsAfter(db, planId, after, EVENT_PAGE + 1);
  const events = page.slice(0, EVENT_PAGE);

  const rooms = sittings.map((s) => {
    const candidates = seats
      .filter((c) => c.sittingId === s.id)
      .map((c) => {
        const a = attempts.get(c.seatId);
        return {
          enrolmentId: c.enrolmentId,
          seat: c.seat,
          examNumber: c.examNumber,
          name: c.name,
          status: attemptStatus(a?.status),
          switchCount: a?.switchCount ?? 0,
          submittedAt: a?.submittedAt?.toISOString() ?? null,
          openFlags: held.get(c.enrolmentId)?.length ?? 0,
        };
      });
    return {
      sittingId: s.id,
      partId: s.partId,
      partKind: s.partKind,
      date: s.date,
      startTime: s.startTime,
      endTime: s.endTime,
      site: s.site,
      room: s.room,
      counts: roomCounts(candidates.map((c) => c.status)),
      candidates,
      openFlags: flags.filter((f) => f.sittingId === s.id && f.enrolmentId === null).length,
    };
  });

  return {
    plan: { id: p.id, title: p.title, status: p.status, orgName: p.orgName },
    serverNow: new Date().toISOString(),
    rooms,
    events: events.map((e) => ({ ...e, data: e.data ?? null, at: e.at.toISOString() })),
    lastEventId: events.at(-1)?.id ?? after,
    moreEvents: page.length > EVENT_PAGE,
    marks: await marksProgress(db, p, seats, attempts),
  };
}

/** Per part with a paper: every seated, not absent candidate × each item examiners mark, by agreement state. */
async function marksProgress(
  db: Executor,
  p: PlanRow,
  seats: Awaited<ReturnType<typeof repo.seatsOf>>,
  attempts: Map<string, { status: string }>,
): Promise<MarkProgress[]> {
  const parts = (await repo.partsOf(db, p.id)).filter((x) => x.paperId !== null);
  const itemsByPaper = new Map<string, string[]>();
  for (const r of await repo.markedItemsOf(
    db,
    parts.map((x) => x.paperId as string),
  ))
    itemsByPaper.set(r.paperId, [...(itemsByPaper.get(r.paperId) ?? []), r.itemId]);
  const marks = await repo.firstMarksOf(db, p.id);
  const decisions = await repo.chiefDecisionsOf(db, p.id);
  const profile = findProfile(p.profileId) ?? profileForRegion(p.regionCode);
  const required = profile.practicalMarkersPerCandidate.value;
  const threshold = profile.disagreementThreshold.value;
  return parts.flatMap((part) => {
    const itemIds = itemsByPaper.get(part.paperId as string) ?? [];
    if (itemIds.length === 0) return [];
    const candidates = [...new Set(seats.filter((s) => s.partId === part.id && attempts.get(s.seatId)?.status !== 'absent').map((s) => s.enrolmentId))];
    const expected = candidates.flatMap((enrolmentId) => itemIds.map((itemId) => ({ enrolmentId, itemId })));
    const decided = new Map(decisions.filter((d) => d.partId === part.id).map((d) => [`${d.enrolmentId}|${d.itemId}`, d.score]));
    return [
      markProgress(
        { partId: part.id, partKind: part.kind },
        expected,
        marks.filter((m) => m.partId === part.id),
        decided,
        required,
        threshold,
      ),
    ];
  });
}

// --- flags ---------------------------------------------------------------------------------------

async function presentFlags(ex: Executor, planId: string, rows: repo.FlagRow[]): Promise<SupervisionFlag[]> {
  const sittings = new Map((await repo.sittingsOf(ex, planId)).map((s) => [s.id, s]));
  const seats = await repo.seatsOf(ex, planId);
  const byEnrolment = new Map<string, { name: string; numbers: string[] }>();
  for (const s of seats) {
    const c = byEnrolment.get(s.enrolmentId) ?? { name: s.name, numbers: [] };
    c.numbers.push(s.examNumber);
    byEnrolment.set(s.enrolmentId, c);
  }
  const held = heldCandidates(
    rows,
    new Map([...sittings.keys()].map((id) => [id, [...new Set(seats.filter((s) => s.sittingId === id).map((s) => s.enrolmentId))]])),
  );
  const blocks = (flagId: string) => [...held.values()].filter((fs) => fs.some((f) => f.flagId === flagId)).length;
  return rows.map((f) => {
    const c = f.enrolmentId ? byEnrolment.get(f.enrolmentId) : undefined;
    const s = f.sittingId ? sittings.get(f.sittingId) : undefined;
    const target = f.enrolmentId ? (c ? `${c.name}（${c.numbers.join('、')}）` : f.enrolmentId) : s ? sittingLabel(s) : (f.sittingId ?? '');
    return {
      id: f.id,
      planId: f.planId,
      kind: f.enrolmentId ? ('candidate' as const) : ('room' as const),
      enrolmentId: f.enrolmentId,
      sittingId: f.enrolmentId ? null : f.sittingId,
      target,
      reason: f.reason,
      raisedBy: { userId: f.raisedBy, displayName: f.raisedByName },
      status: f.status === 'resolved' ? ('resolved' as const) : ('open' as const),
      resolution: f.resolution,
      resolvedBy: f.resolvedBy ? { userId: f.resolvedBy, displayName: f.resolvedByName ?? '' } : null,
      resolvedAt: f.resolvedAt?.toISOString() ?? null,
      createdAt: f.createdAt.toISOString(),
      blocks: blocks(f.id),
    };
  });
}

export async function listFlags(ctx: UseCaseContext, planId: string): Promise<{ items: SupervisionFlag[] }> {
  requireAction(ctx.actor, 'supervision.read');
  await loadPlan(ctx, ctx.db, planId, 'read');
  return { items: await presentFlags(ctx.db, planId, await repo.flagsOf(ctx.db, planId)) };
}

/** An assigned supervisor, while the plan is under way (acknowledged … publicity). */
async function requireInspecting(ctx: UseCaseContext, ex: Executor, planId: string): Promise<PlanRow> {
  requireAction(ctx.actor, 'supervision.inspect');
  const p = await loadPlan(ctx, ex, planId, 'watch');
  if (!maySupervise(p.status)) throw conflict('SUPERVISION.NOT_SUPERVISED', { status: p.status });
  return p;
}

/** A supervisor flags a candidate or a room; while open it holds the candidate's (or the room's candidates') clearance. */
export async function raiseFlag(ctx: UseCaseContext, planId: string, body: FlagBody): Promise<SupervisionFlag> {
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    await requireInspecting(ctx, tx, planId);
    const known = body.enrolmentId
      ? await repo.enrolmentInPlan(tx, planId, body.enrolmentId)
      : body.sittingId
        ? await repo.sittingInPlan(tx, planId, body.sittingId)
        : false;
    if (!known)
      throw unprocessable('SUPERVISION.UNKNOWN_TARGET', {
        issues: [fieldIssue(body.enrolmentId ? 'body.enrolmentId' : 'body.sittingId', 'valid.notInPlan')],
      });
    const id = await repo.insertFlag(tx, {
      planId,
      enrolmentId: body.enrolmentId ?? null,
      sittingId: body.enrolmentId ? null : (body.sittingId ?? null),
      reason: body.reason,
      raisedBy: ctx.actor.userId,
    });
    const [flag] = await presentFlags(tx, planId, await repo.flagsOf(tx, planId, id));
    if (!flag) throw new Error('flag not found after insert');
    await audit({
      action: 'supervision.flag',
      targetType: 'plan',
      targetId: planId,
      after: { flagId: id, kind: flag.kind, enrolmentId: flag.enrolmentId, sittingId: flag.sittingId, reason: flag.reason },
    });
    return flag;
  });
}

/** The institution answers a flag; from then on it holds no one. */
export async function resolveFlag(ctx: UseCaseContext, planId: string, flagId: string, resolution: string): Promise<SupervisionFlag> {
  requireAction(ctx.actor, 'supervision.resolve');
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    await loadPlan(ctx, tx, planId, 'read');
    const row = await repo.lockFlag(tx, planId, flagId);
    if (!row) throw notFound('flag');
    if (row.status !== 'open') throw conflict('SUPERVISION.FLAG_RESOLVED');
    await repo.resolveFlag(tx, flagId, { resolution, resolvedBy: ctx.actor.userId, resolvedAt: new Date() });
    await audit({
      action: 'supervision.resolve_flag',
      targetType: 'plan',
      targetId: planId,
      before: { flagId, status: 'open' },
      after: { flagId, status: 'resolved', resolution },
    });
    const [flag] = await presentFlags(tx, planId, await repo.flagsOf(tx, planId, flagId));
    if (!flag) throw new Error('flag vanished');
    return flag;
  });
}

// --- inspection reports (督导报告) -----------------------------------------------------------------

async function presentReports(ex: Executor, planId: string): Promise<InspectionReport[]> {
  const rows = await repo.reportsOf(ex, planId);
  const sittings = new Map((await repo.sittingsOf(ex, planId)).map((s) => [s.id, s]));
  const photos = new Map(
    (
      await repo.photosMeta(
        ex,
        rows.flatMap((r) => r.photoIds),
      )
    ).map((m) => [m.id, m]),
  );
  const correctedBy = new Map(rows.filter((r) => r.correctsId).map((r) => [r.correctsId as string, r.id]));
  return rows.map((r) => {
    const s = r.sittingId ? sittings.get(r.sittingId) : undefined;
    return {
      id: r.id,
      planId: r.planId,
      sittingId: r.sittingId,
      sittingLabel: s ? sittingLabel(s) : null,
      supervisor: { userId: r.supervisorId, displayName: r.supervisorName },
      findings: r.findings,
      irregularities: r.irregularities,
      photos: r.photoIds.flatMap((id) => {
        const m = photos.get(id);
        return m ? [{ id, filename: m.filename, mimeType: m.mimeType, size: m.size }] : [];
      }),
      correctsId: r.correctsId,
      correctedById: correctedBy.get(r.id) ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function listReports(ctx: UseCaseContext, planId: string): Promise<{ items: InspectionReport[] }> {
  requireAction(ctx.actor, 'supervision.read');
  await loadPlan(ctx, ctx.db, planId, 'read');
  return { items: await presentReports(ctx.db, planId) };
}

/**
 * A supervisor files a report on the plan or one sitting. Filed reports are never edited: a correction is a new report
 * naming the one it corrects (each report corrected at most once, so the record reads as one chain). Photos are the
 * supervisor's own uploads, JPEG or PNG by their bytes, at most 5 MiB each.
 */
export async function fileReport(ctx: UseCaseContext, planId: string, body: ReportBody): Promise<InspectionReport> {
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    await requireInspecting(ctx, tx, planId);
    if (body.sittingId && !(await repo.sittingInPlan(tx, planId, body.sittingId)))
      throw unprocessable('SUPERVISION.UNKNOWN_TARGET', { issues: [fieldIssue('body.sittingId', 'valid.notSittingOfPlan')] });
    if (body.correctsId) {
      const target = await repo.correctionTarget(tx, planId, body.correctsId);
      if (!target) throw notFound('inspection report');
      if (target.correctedBy) throw conflict('SUPERVISION.ALREADY_CORRECTED', { correctedById: target.correctedBy });
    }
    const photoIds = [...new Set(body.photoIds ?? [])];
    for (const id of photoIds) {
      const photo = await repo.photoContent(tx, id);
      if (!photo || photo.uploadedBy !== ctx.actor.userId)
        throw unprocessable('SUPERVISION.PHOTO_UNKNOWN', { issues: [fieldIssue('body.photoIds', 'valid.unknownPhoto', { id })] });
      const issue = checkPhoto({ size: photo.size, head: photo.content.subarray(0, 8) });
      if (issue === 'not_image') throw unprocessable('SUPERVISION.PHOTO_NOT_IMAGE', { photoId: id }, { filename: photo.filename });
      if (issue === 'too_large')
        throw unprocessable(
          'SUPERVISION.PHOTO_TOO_LARGE',
          { photoId: id, maxBytes: MAX_PHOTO_BYTES },
          { filename: photo.filename, maxMb: MAX_PHOTO_BYTES / 1024 / 1024 },
        );
    }
    const id = await repo.insertReport(tx, {
      planId,
      sittingId: body.sittingId ?? null,
      supervisorId: ctx.actor.userId,
      findings: body.findings,
      irregularities: body.irregularities ?? [],
      photoIds,
      correctsId: body.correctsId ?? null,
    });
    await audit({
      action: 'supervision.report',
      targetType: 'plan',
      targetId: planId,
      after: {
        reportId: id,
        sittingId: body.sittingId ?? null,
        irregularities: (body.irregularities ?? []).length,
        photos: photoIds.length,
        correctsId: body.correctsId ?? null,
      },
    });
    const report = (await presentReports(tx, planId)).find((r) => r.id === id);
    if (!report) throw new Error('report not found after insert');
    return report;
  });
}

/** A photo of a report, to whoever may read the report (the supervisor's bureau, the school, HR). */
export async function reportPhoto(ctx: UseCaseContext, planId: string, reportId: string, photoId: string) {
  requireAction(ctx.actor, 'supervision.read');
  await loadPlan(ctx, ctx.db, planId, 'read');
  const report = await repo.findReport(ctx.db, planId, reportId);
  if (!report?.photoIds.includes(photoId)) throw notFound('photo');
  const photo = await repo.photoContent(ctx.db, photoId);
  if (!photo) throw notFound('photo');
  const kind = imageKind(photo.content.subarray(0, 8));
  return { content: photo.content, mimeType: kind === 'png' ? 'image/png' : 'image/jpeg', filename: photo.filename };
}

// --- R15 workload --------------------------------------------------------------------------------

/** Today's 学期 in China time. */
export function currentTerm(now = new Date()): string {
  return termOf(chinaDateTime(now).date);
}

/**
 * R15: each assessor's workload in a term, for the school admin (its own plans) and HR (the schools of its region, or
 * one of them): sittings invigilated and examined, their hours, candidates and tasks marked, decisions.
 */
export async function workload(ctx: UseCaseContext, q: { term?: string | undefined; orgId?: string | undefined }): Promise<WorkloadReport> {
  requireAction(ctx.actor, 'workload.read');
  const term = q.term ?? currentTerm();
  const scope = orgScopeOf(ctx.actor);
  if (q.orgId) {
    const org = await repo.findOrg(ctx.db, q.orgId);
    if (!org) throw notFound('organisation');
    requireOrgInScope(ctx.actor, { id: org.id, kind: org.kind as OrgKind, regionCode: org.regionCode });
  }
  const { from, to } = termRange(term);
  const since = new Date(`${from}T00:00:00+08:00`);
  const until = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  const staff = await repo.staffInTerm(ctx.db, scope, q.orgId, from, to);
  const marked = await repo.marksInTerm(ctx.db, scope, q.orgId, termOf(from));
  const decisions = await repo.decisionsInTerm(ctx.db, scope, q.orgId, since, until);
  const certificateNos = [...new Set([...staff, ...marked, ...decisions].map((r) => r.certificateNo))];
  const accounts = await repo.examinerAccountsOf(ctx.db, certificateNos);
  const rows = workloadRows(staff, marked, decisions, new Map(accounts.map((a) => [a.certificateNo, a.username])));
  const names = new Map(accounts.map((a) => [a.certificateNo, a.displayName]));
  return {
    term,
    label: termLabel(term, ctx.locale),
    from,
    to,
    rows: rows.map((r) => ({ ...r, name: r.name || (names.get(r.certificateNo) ?? '') })),
  };
}

/** The same figures as an Excel workbook for 绩效 (performance pay), with Chinese column titles. */
export async function workloadExport(ctx: UseCaseContext, q: { term?: string | undefined; orgId?: string | undefined }) {
  const report = await workload({ ...ctx, locale: 'zh-CN' }, q);
  return { file: await workloadWorkbook(report), name: `考评员工作量-${report.label}.xlsx` };
}
