import { createHash } from 'node:crypto';
import {
  COMPLAINT_EVIDENCE_MAX_BYTES,
  type ComplaintBody,
  type ComplaintStatus,
  type ComplaintView,
  type PublicComplaint,
} from '@skillcert/shared/api/complaints';
import { isWithinRegion } from '@skillcert/shared/validators/region-code';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { ComplaintNote } from '../../db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { type Actor, orgScopeOf, requireAction } from '../access/policy.ts';
import { newTrackingCode } from '../publicity/publicity.service.ts';
import { type ComplaintStep, mustBeAssignee, nextComplaintStatus, sniffEvidence } from './complaints.rules.ts';
import * as repo from './complaints.repository.ts';
import { vm } from '@skillcert/shared/validation-key';

/** A tracking code as typed by anyone: spaces, dashes and case do not matter. */
function canonicalCode(code: string): string {
  const bare = code
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return bare.length === 10 ? `${bare.slice(0, 5)}-${bare.slice(5)}` : bare;
}

/** Evidence decoded and checked by its bytes: JPEG, PNG or PDF, each within the bound. */
function decodeEvidence(files: ComplaintBody['evidence']) {
  return (files ?? []).map((f, i) => {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(f.contentBase64))
      throw badRequest('VALIDATION.FAILED', { issues: [{ path: `body.evidence.${i}.contentBase64`, message: vm('valid.notBase64') }] });
    const content = Buffer.from(f.contentBase64, 'base64');
    if (content.length > COMPLAINT_EVIDENCE_MAX_BYTES)
      throw unprocessable(
        'COMPLAINT.EVIDENCE_TOO_LARGE',
        { filename: f.filename },
        { filename: f.filename, maxMb: COMPLAINT_EVIDENCE_MAX_BYTES / 1024 / 1024 },
      );
    const kind = sniffEvidence(content);
    if (!kind) throw unprocessable('COMPLAINT.EVIDENCE_TYPE', { filename: f.filename }, { filename: f.filename });
    return { filename: f.filename, mimeType: kind.mimeType, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content };
  });
}

/** Anyone lodges a complaint about an institution of the catalog (no login; rate-limited by the route). */
export async function lodgeComplaint(db: Db, body: ComplaintBody, who: { requestId: string }): Promise<{ trackingCode: string }> {
  const inst = await repo.findInstitution(db, body.institutionId);
  if (!inst) throw unprocessable('COMPLAINT.INSTITUTION_UNKNOWN');
  const evidence = decodeEvidence(body.evidence);
  const trackingCode = newTrackingCode();
  await inTransaction(db, { actor: null, requestId: who.requestId }, async (tx, audit) => {
    const c = await repo.insertComplaint(tx, {
      trackingCode,
      institutionId: inst.id,
      orgId: inst.orgId,
      regionCode: inst.regionCode,
      matter: body.matter,
      name: body.name,
      contact: body.contact,
      status: 'new',
      createdAt: new Date(),
    });
    await repo.insertEvidence(
      tx,
      evidence.map((e) => ({ ...e, complaintId: c.id })),
    );
    // The complainant's name and contact stay out of the audit log (personal data); the code and the institution go in.
    await audit({
      action: 'complaint.lodge',
      targetType: 'complaint',
      targetId: c.id,
      after: { trackingCode, institutionId: inst.id, evidence: evidence.map((e) => e.sha256) },
    });
  });
  return { trackingCode };
}

/** Progress and the answer for whoever holds the code — never the complainant's contact nor HR's notes. */
export async function trackComplaint(db: Db, code: string): Promise<PublicComplaint> {
  const row = await repo.findByCode(db, canonicalCode(code));
  if (!row) throw notFound('complaint');
  const { c } = row;
  return {
    trackingCode: c.trackingCode,
    institutionName: row.institutionName,
    status: c.status as ComplaintStatus,
    matter: c.matter,
    answer: c.status === 'answered' || c.status === 'closed' ? c.answer : null,
    createdAt: c.createdAt.toISOString(),
    assignedAt: c.assignedAt?.toISOString() ?? null,
    answeredAt: c.answeredAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}

/** HR of a bureau over the complaint's region (a county bureau its county, a city its city, a province all of it). */
function requireComplaintScope(actor: Actor, regionCode: string): void {
  requireAction(actor, 'complaint.manage');
  const scope = orgScopeOf(actor);
  if (scope.kind !== 'region' || !isWithinRegion(scope.regionCode, regionCode)) throw notFound('complaint');
}

type Listed = Awaited<ReturnType<typeof repo.listComplaints>>['rows'][number];

async function present(ex: Db, rows: Listed[]): Promise<ComplaintView[]> {
  const evidence = await repo.evidenceMeta(
    ex,
    rows.map((r) => r.c.id),
  );
  return rows.map(({ c, institutionName, assigneeName }) => ({
    id: c.id,
    trackingCode: c.trackingCode,
    institutionId: c.institutionId,
    institutionName,
    regionCode: c.regionCode,
    matter: c.matter,
    name: c.name,
    contact: c.contact,
    status: c.status as ComplaintStatus,
    assignedTo: c.assignedTo,
    assigneeName: assigneeName ?? null,
    notes: c.notes.map((n) => ({ at: n.at, byName: n.byName, text: n.text })),
    answer: c.answer,
    evidence: evidence.filter((e) => e.complaintId === c.id).map(({ complaintId: _c, ...e }) => e),
    createdAt: c.createdAt.toISOString(),
    assignedAt: c.assignedAt?.toISOString() ?? null,
    answeredAt: c.answeredAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
  }));
}

/** HR's queue: the complaints about institutions within its region. */
export async function listComplaints(
  ctx: UseCaseContext,
  q: { status?: ComplaintStatus | undefined; institutionId?: string | undefined; mine?: 'true' | 'false' | undefined; page: number; pageSize: number },
) {
  requireAction(ctx.actor, 'complaint.manage');
  const scope = orgScopeOf(ctx.actor);
  if (scope.kind !== 'region') throw forbidden('ACCESS.DENIED', { action: 'complaint.manage' });
  const { rows, total } = await repo.listComplaints(
    ctx.db,
    { regionCode: scope.regionCode, status: q.status, institutionId: q.institutionId, assignedTo: q.mine === 'true' ? ctx.actor.userId : undefined },
    q.page,
    q.pageSize,
  );
  return { items: await present(ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getComplaint(ctx: UseCaseContext, id: string): Promise<ComplaintView> {
  const row = await repo.getComplaint(ctx.db, id);
  if (!row) throw notFound('complaint');
  requireComplaintScope(ctx.actor, row.c.regionCode);
  const [view] = await present(ctx.db, [row]);
  return view!;
}

/** HR accounts a complaint may go to: those of bureaus over the institution's region. */
export async function assigneesFor(ctx: UseCaseContext, id: string) {
  const row = await repo.getComplaint(ctx.db, id);
  if (!row) throw notFound('complaint');
  requireComplaintScope(ctx.actor, row.c.regionCode);
  return repo.hrUsersOver(ctx.db, row.c.regionCode);
}

/** One step of the workflow: lock the row, check scope and status, write the change and its audit entry together. */
async function step(
  ctx: UseCaseContext,
  id: string,
  which: ComplaintStep,
  change: (c: repo.ComplaintRow, now: Date, tx: Tx) => Promise<Partial<repo.ComplaintRow>> | Partial<repo.ComplaintRow>,
): Promise<ComplaintView> {
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const c = await repo.lockComplaint(tx, id);
    if (!c) throw notFound('complaint');
    requireComplaintScope(ctx.actor, c.regionCode);
    const next = nextComplaintStatus(c.status as ComplaintStatus, which);
    if (!next) throw conflict('COMPLAINT.BAD_TRANSITION', { status: c.status, step: which });
    if (mustBeAssignee(which) && c.assignedTo !== ctx.actor.userId) throw new AppError(403, 'COMPLAINT.NOT_ASSIGNEE');
    const now = new Date();
    const set = { ...(await change(c, now, tx)), status: next };
    await repo.updateComplaint(tx, id, set);
    await audit({
      action: `complaint.${which}`,
      targetType: 'complaint',
      targetId: id,
      before: { status: c.status, assignedTo: c.assignedTo },
      after: { status: next, ...(set.assignedTo ? { assignedTo: set.assignedTo } : {}), ...(which === 'answer' ? { answer: set.answer } : {}) },
    });
  });
  return getComplaint(ctx, id);
}

export function assignComplaint(ctx: UseCaseContext, id: string, userId: string): Promise<ComplaintView> {
  return step(ctx, id, 'assign', async (c, now, tx) => {
    const u = await repo.findHrUser(tx, userId);
    if (!u || !u.active || u.role !== 'hr' || u.orgKind !== 'hr_bureau' || !isWithinRegion(u.regionCode, c.regionCode))
      throw unprocessable('COMPLAINT.ASSIGNEE_OUT_OF_SCOPE');
    return { assignedTo: u.id, assignedAt: now };
  });
}

export function noteComplaint(ctx: UseCaseContext, id: string, text: string): Promise<ComplaintView> {
  return step(ctx, id, 'note', (c, now) => {
    const note: ComplaintNote = { at: now.toISOString(), byUserId: ctx.actor.userId, byName: ctx.actor.displayName, text };
    return { notes: [...c.notes, note] };
  });
}

export function answerComplaint(ctx: UseCaseContext, id: string, answer: string): Promise<ComplaintView> {
  return step(ctx, id, 'answer', (_c, now) => ({ answer, answeredAt: now }));
}

export function closeComplaint(ctx: UseCaseContext, id: string): Promise<ComplaintView> {
  return step(ctx, id, 'close', (_c, now) => ({ closedAt: now }));
}

export async function downloadEvidence(ctx: UseCaseContext, id: string, evidenceId: string) {
  const row = await repo.getComplaint(ctx.db, id);
  if (!row) throw notFound('complaint');
  requireComplaintScope(ctx.actor, row.c.regionCode);
  const e = await repo.evidenceContent(ctx.db, id, evidenceId);
  if (!e) throw notFound('evidence');
  return e;
}
