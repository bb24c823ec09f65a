import type { Inspection } from '@skillcert/shared/api/sanctions';
import { type Audit, inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { conflict, notFound, unprocessable } from '../../http/errors.ts';
import { type Actor, requireAction, requireOrgInScope } from '../access/policy.ts';
import * as instRepo from '../institutions/institutions.repository.ts';
import * as planRepo from '../plans/plans.repository.ts';
import * as repo from './inspections.repository.ts';
import { type InspectionStatus, isOverdue, type ItemStatus, mayCloseInspection, mayDecide, mayRecord, mayRespond } from './inspections.rules.ts';

const today = () => new Date().toISOString().slice(0, 10);

function filterOf(actor: Actor): { regionPrefix?: string; orgId?: string } | null {
  if (actor.role === 'admin') return {};
  if (actor.orgKind === 'hr_bureau') return { regionPrefix: actor.regionCode.replace(/(00)+$/, '') };
  if (actor.orgKind === 'school') return { orgId: actor.orgId };
  return null;
}

function present(r: repo.InspectionWithOrg, items: repo.ItemRow[]): Inspection {
  const own = items.filter((x) => x.inspectionId === r.i.id);
  const day = today();
  return {
    id: r.i.id,
    institutionId: r.i.institutionId,
    institutionName: r.institutionName,
    planId: r.i.planId,
    kind: r.i.kind as Inspection['kind'],
    title: r.i.title,
    scheduledOn: r.i.scheduledOn,
    status: r.i.status as Inspection['status'],
    findings: r.i.findings,
    signalId: r.i.signalId,
    createdAt: r.i.createdAt.toISOString(),
    closedAt: r.i.closedAt?.toISOString() ?? null,
    openItems: own.filter((x) => x.status !== 'accepted').length,
    items: own.map((x) => ({
      id: x.id,
      description: x.description,
      dueOn: x.dueOn,
      status: x.status as ItemStatus,
      overdue: isOverdue({ status: x.status as ItemStatus, dueOn: x.dueOn }, day),
      response: x.response,
      respondedAt: x.respondedAt?.toISOString() ?? null,
      acceptedAt: x.acceptedAt?.toISOString() ?? null,
      returnReason: x.returnReason,
    })),
  };
}

export async function listInspections(
  ctx: UseCaseContext,
  q: { status?: string | undefined; institutionId?: string | undefined; page: number; pageSize: number },
) {
  requireAction(ctx.actor, 'inspection.read');
  const f = filterOf(ctx.actor);
  if (!f) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.list(ctx.db, { ...f, status: q.status, institutionId: q.institutionId }, q.page, q.pageSize);
  const items = await repo.itemsOf(
    ctx.db,
    rows.map((r) => r.i.id),
  );
  return { items: rows.map((r) => present(r, items)), total, page: q.page, pageSize: q.pageSize };
}

async function loadVisible(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false) {
  const r = await repo.find(ex, id, forUpdate);
  if (!r) throw notFound('inspection');
  requireOrgInScope(ctx.actor, { id: r.orgId, kind: 'school', regionCode: r.i.regionCode }, 'inspection');
  return r;
}

export async function getInspection(ctx: UseCaseContext, id: string): Promise<Inspection> {
  requireAction(ctx.actor, 'inspection.read');
  const r = await loadVisible(ctx, ctx.db, id);
  return present(r, await repo.itemsOf(ctx.db, [id]));
}

export interface InspectionInput {
  institutionId: string;
  planId?: string | undefined;
  kind: 'planned' | 'ad_hoc';
  title: string;
  scheduledOn?: string | undefined;
  signalId?: string | undefined;
}

/** Inside the caller's transaction (the signals module opens one from a signal and marks the signal together). */
export async function insertInspection(tx: Tx, audit: Audit, actor: Actor, body: InspectionInput): Promise<string> {
  requireAction(actor, 'inspection.manage');
  const inst = await instRepo.findInstitution(tx, body.institutionId);
  if (!inst) throw notFound('institution');
  requireOrgInScope(actor, { id: inst.orgId, kind: 'school', regionCode: inst.regionCode }, 'institution');
  if (body.planId) {
    const plan = await planRepo.findPlan(tx, body.planId);
    if (!plan || plan.institutionId !== inst.id) throw unprocessable('INSPECTION.PLAN_NOT_OF_INSTITUTION');
  }
  const row = await repo.insert(tx, {
    institutionId: inst.id,
    planId: body.planId ?? null,
    regionCode: inst.regionCode,
    kind: body.kind,
    title: body.title,
    scheduledOn: body.scheduledOn ?? null,
    status: body.kind === 'ad_hoc' ? 'open' : 'planned',
    signalId: body.signalId ?? null,
    createdBy: actor.userId,
  });
  await audit({ action: 'inspection.create', targetType: 'institution', targetId: inst.id, after: row });
  return row.id;
}

/** An HR bureau or supervisor plans (or opens ad hoc) an inspection of an institution in its region, or of one of its plans. */
export async function createInspection(ctx: UseCaseContext, body: InspectionInput): Promise<Inspection> {
  requireAction(ctx.actor, 'inspection.manage');
  const id = await inTransaction(ctx.db, ctx, (tx, audit) => insertInspection(tx, audit, ctx.actor, body));
  return getInspection(ctx, id);
}

async function write(ctx: UseCaseContext, id: string, fn: Parameters<typeof inTransaction<void>>[2]): Promise<Inspection> {
  await inTransaction(ctx.db, ctx, fn);
  return getInspection(ctx, id);
}

export async function recordFindings(ctx: UseCaseContext, id: string, findings: string): Promise<Inspection> {
  requireAction(ctx.actor, 'inspection.manage');
  return write(ctx, id, async (tx, audit) => {
    const r = await loadVisible(ctx, tx, id, true);
    if (!mayRecord(r.i.status as InspectionStatus)) throw conflict('INSPECTION.BAD_STATE', { status: r.i.status });
    await repo.update(tx, id, { findings, status: r.i.status === 'planned' ? 'open' : r.i.status });
    await audit({ action: 'inspection.findings', targetType: 'inspection', targetId: id, before: { findings: r.i.findings }, after: { findings } });
  });
}

export async function addItem(ctx: UseCaseContext, id: string, body: { description: string; dueOn: string }): Promise<Inspection> {
  requireAction(ctx.actor, 'inspection.manage');
  return write(ctx, id, async (tx, audit) => {
    const r = await loadVisible(ctx, tx, id, true);
    if (!mayRecord(r.i.status as InspectionStatus)) throw conflict('INSPECTION.BAD_STATE', { status: r.i.status });
    const item = await repo.insertItem(tx, { inspectionId: id, description: body.description, dueOn: body.dueOn });
    await repo.update(tx, id, { status: 'rectifying' });
    await audit({ action: 'inspection.item_add', targetType: 'inspection', targetId: id, after: item });
  });
}

async function lockedItem(ctx: UseCaseContext, tx: Executor, id: string, itemId: string) {
  const r = await loadVisible(ctx, tx, id, true);
  const item = (await repo.itemsOf(tx, [id])).find((x) => x.id === itemId);
  if (!item) throw notFound('rectification item');
  return { r, item };
}

/** The institution answers one 整改 item (its own only). */
export async function respondItem(ctx: UseCaseContext, id: string, itemId: string, response: string): Promise<Inspection> {
  requireAction(ctx.actor, 'inspection.respond');
  return write(ctx, id, async (tx, audit) => {
    const { r, item } = await lockedItem(ctx, tx, id, itemId);
    if (r.orgId !== ctx.actor.orgId) throw notFound('inspection');
    if (!mayRespond(item.status as ItemStatus)) throw conflict('INSPECTION.ITEM_BAD_STATE', { status: item.status });
    await repo.updateItem(tx, itemId, { status: 'responded', response, respondedAt: new Date(), respondedBy: ctx.actor.userId });
    await audit({ action: 'inspection.item_respond', targetType: 'inspection', targetId: id, after: { itemId, response } });
  });
}

/** The bureau accepts an answered item, or returns it to the institution with a reason. */
export async function decideItem(ctx: UseCaseContext, id: string, itemId: string, body: { accept: boolean; reason?: string | undefined }): Promise<Inspection> {
  requireAction(ctx.actor, 'inspection.manage');
  return write(ctx, id, async (tx, audit) => {
    const { item } = await lockedItem(ctx, tx, id, itemId);
    if (!mayDecide(item.status as ItemStatus)) throw conflict('INSPECTION.ITEM_BAD_STATE', { status: item.status });
    await repo.updateItem(
      tx,
      itemId,
      body.accept ? { status: 'accepted', acceptedAt: new Date(), acceptedBy: ctx.actor.userId } : { status: 'open', returnReason: body.reason ?? null },
    );
    await audit({
      action: body.accept ? 'inspection.item_accept' : 'inspection.item_return',
      targetType: 'inspection',
      targetId: id,
      after: { itemId, reason: body.reason ?? null },
    });
  });
}

export async function closeInspection(ctx: UseCaseContext, id: string): Promise<Inspection> {
  requireAction(ctx.actor, 'inspection.manage');
  return write(ctx, id, async (tx, audit) => {
    const r = await loadVisible(ctx, tx, id, true);
    const refusal = mayCloseInspection(
      r.i.status as InspectionStatus,
      (await repo.itemsOf(tx, [id])).map((x) => ({ status: x.status as ItemStatus })),
    );
    if (refusal) throw conflict(refusal, { status: r.i.status, rule: 'R14' });
    await repo.update(tx, id, { status: 'closed', closedAt: new Date(), closedBy: ctx.actor.userId });
    await audit({ action: 'inspection.close', targetType: 'inspection', targetId: id, before: { status: r.i.status }, after: { status: 'closed' } });
  });
}
