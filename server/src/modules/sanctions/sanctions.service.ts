import type { SanctionInput, SanctionKind, ViolationDetail, ViolationSummary } from '@skillcert/shared/api/sanctions';
import { inTransaction, type Audit, type UseCaseContext } from '../../context.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { AppError, conflict, forbidden, notFound, ruleViolation } from '../../http/errors.ts';
import { type Actor, isHrOverRegion, requireAction, requireOrgInScope } from '../access/policy.ts';
import type { CertificatesDeps } from '../certificates/certificates.service.ts';
import { revokeInTransaction } from '../certificates/certificates.service.ts';
import * as instRepo from '../institutions/institutions.repository.ts';
import * as repo from './sanctions.repository.ts';
import {
  checkSanction,
  checkViolationDay,
  chinaDay,
  institutionMayOperate,
  endOfPeriod,
  isLiftable,
  lineSuspended,
  mayAppeal,
  mayClose,
  type OperatingInstitution,
  sanctionInForce,
  standingStatus,
} from './sanctions.rules.ts';

export type SanctionsDeps = Pick<CertificatesDeps, 'signer'>;

/** Today in China (UTC+8): the day a suspension's `until` and a violation's day are compared with. */
const today = () => chinaDay(new Date());
const whoOf = (a: Actor) => ({ actorId: a.userId, actorName: a.displayName });

// --- reading ------------------------------------------------------------------------------------------------------

function filterOf(actor: Actor): repo.ViolationFilter | null {
  if (actor.role === 'admin') return {};
  if (actor.orgKind === 'hr_bureau' || actor.orgKind === 'edu_bureau') return { regionPrefix: actor.regionCode.replace(/(00)+$/, '') };
  if (actor.orgKind === 'school') return { orgId: actor.orgId };
  return null;
}

function summary(r: repo.ViolationWithOrg, inForce: number, pendingAppeal: boolean): ViolationSummary {
  return {
    id: r.v.id,
    institutionId: r.v.institutionId,
    institutionName: r.institutionName,
    regionCode: r.regionCode,
    type: r.v.type,
    severity: r.v.severity,
    description: r.v.description,
    occurredOn: r.v.occurredOn,
    rule: r.v.rule,
    status: r.v.status as ViolationSummary['status'],
    at: r.v.at.toISOString(),
    sanctionsInForce: inForce,
    pendingAppeal,
  };
}

export async function listViolations(
  ctx: UseCaseContext,
  q: { institutionId?: string | undefined; status?: string | undefined; page: number; pageSize: number },
) {
  requireAction(ctx.actor, 'institution.read');
  const filter = filterOf(ctx.actor);
  if (!filter) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.listViolations(ctx.db, { ...filter, institutionId: q.institutionId, status: q.status }, q.page, q.pageSize);
  const ids = rows.map((r) => r.v.id);
  const now = new Date();
  const [sanctionRows, appeals] = await Promise.all([repo.sanctionsOf(ctx.db, ids), repo.appealsOf(ctx.db, ids)]);
  const items = rows.map((r) =>
    summary(
      r,
      sanctionRows.filter((s) => s.violationId === r.v.id && sanctionInForce(s, now)).length,
      appeals.some((a) => a.violationId === r.v.id && a.status === 'pending'),
    ),
  );
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function loadVisible(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false): Promise<repo.ViolationWithOrg> {
  const r = await repo.findViolation(ex, id, forUpdate);
  if (!r) throw notFound('violation');
  requireOrgInScope(ctx.actor, { id: r.orgId, kind: 'school', regionCode: r.regionCode }, 'violation');
  return r;
}

async function detail(ex: Executor, r: repo.ViolationWithOrg): Promise<ViolationDetail> {
  const [sanctionRows, appeals, events] = await Promise.all([repo.sanctionsOf(ex, [r.v.id]), repo.appealsOf(ex, [r.v.id]), repo.eventsOf(ex, r.v.id)]);
  const now = new Date();
  const labels = await repo.lineLabels(
    ex,
    sanctionRows.flatMap((s) => (s.scopeLineId ? [s.scopeLineId] : [])),
  );
  return {
    ...summary(
      r,
      sanctionRows.filter((s) => sanctionInForce(s, now)).length,
      appeals.some((a) => a.status === 'pending'),
    ),
    evidenceIds: r.v.evidenceIds,
    sanctions: sanctionRows.map((s) => ({
      id: s.id,
      kind: s.kind as SanctionKind,
      scopeLineId: s.scopeLineId,
      scopeLineLabel: s.scopeLineId ? (labels.get(s.scopeLineId) ?? null) : null,
      until: s.until,
      certificateIds: s.certificateIds,
      // A suspension whose period is over shows as ended, from the start (China time) of the day after its last day.
      status: sanctionInForce(s, now) ? 'in_force' : 'lifted',
      imposedAt: s.imposedAt.toISOString(),
      liftedAt: s.liftedAt?.toISOString() ?? (s.status === 'in_force' && s.until ? endOfPeriod(s.until) : null),
      liftReason: s.liftReason,
    })),
    appeals: appeals.map((a) => ({
      id: a.id,
      reason: a.reason,
      status: a.status as 'pending' | 'upheld' | 'granted',
      filedAt: a.filedAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      decision: a.decision,
    })),
    events: events.map((e) => ({ action: e.action, actorName: e.actorName, reason: e.reason, at: e.at.toISOString() })),
  };
}

export async function getViolation(ctx: UseCaseContext, id: string): Promise<ViolationDetail> {
  requireAction(ctx.actor, 'institution.read');
  return detail(ctx.db, await loadVisible(ctx, ctx.db, id));
}

// --- recording and sanctioning -------------------------------------------------------------------------------------

/** The HR bureau of the institution's province or city; other bureaus in scope get 403, out of scope 404. */
async function sanctioningInstitution(ctx: UseCaseContext, tx: Executor, institutionId: string) {
  const inst = await instRepo.findInstitution(tx, institutionId, true);
  if (!inst) throw notFound('institution');
  requireOrgInScope(ctx.actor, { id: inst.orgId, kind: 'school', regionCode: inst.regionCode }, 'institution');
  if (!isHrOverRegion(ctx.actor, inst.regionCode)) throw forbidden('SANCTION.NOT_SANCTIONING_BUREAU');
  return inst;
}

/**
 * 处罚 — imposes one sanction on an open violation and applies it at once, in the caller's transaction: the line's or
 * institution's suspension, the listing's revocation (institution and its listing filing), the named certificates'
 * revocation (through the certificates module, as HR). The institution row is locked by the caller.
 */
async function applySanction(
  deps: SanctionsDeps,
  tx: Tx,
  audit: Audit,
  actor: Actor,
  inst: instRepo.InstitutionRow,
  violation: repo.ViolationRow,
  s: SanctionInput,
): Promise<repo.SanctionRow> {
  const line = s.scopeLineId ? await instRepo.findScopeLine(tx, inst.id, s.scopeLineId) : undefined;
  const now = new Date();
  const recorded = await repo.inForceOf(tx, inst.id);
  const inForce = recorded.filter((x) => sanctionInForce(x, now));
  // An institution whose suspension's period is over is listed again (R14: the suspension ended by itself).
  const suspensionOver =
    inst.status === 'suspended' && recorded.some((x) => x.kind === 'suspend_institution') && !inForce.some((x) => x.kind === 'suspend_institution');
  const refusal = checkSanction({
    kind: s.kind,
    institutionStatus: suspensionOver ? 'listed' : inst.status,
    lineInScope: Boolean(line),
    inForce: inForce.map((x) => ({ kind: x.kind as SanctionKind, scopeLineId: x.scopeLineId })),
    scopeLineId: s.scopeLineId ?? null,
    until: s.until ?? null,
    today: today(),
    violationStatus: violation.status,
  });
  if (refusal) throw new AppError(refusal.status, refusal.code, { rule: refusal.rule });
  const reason = `${violation.type}：${violation.description}`.slice(0, 500);
  switch (s.kind) {
    case 'suspend_line':
      await instRepo.setScopeLineSuspension(tx, s.scopeLineId!, true, reason);
      break;
    case 'suspend_institution':
      await instRepo.updateInstitution(tx, inst.id, { status: 'suspended' });
      await repo.setListingFilingStatus(tx, inst.id, ['listed'], 'suspended');
      break;
    case 'revoke_filing':
      await instRepo.updateInstitution(tx, inst.id, { status: 'revoked' });
      await repo.setListingFilingStatus(tx, inst.id, ['listed', 'suspended'], 'revoked');
      break;
    case 'revoke_certificates':
      for (const id of s.certificateIds ?? []) {
        const c = await revokeInTransaction(deps, tx, audit, actor, id, reason);
        if (c.institutionId !== inst.id) throw notFound('certificate');
      }
      break;
    case 'warning':
      break;
  }
  const row = await repo.insertSanction(tx, {
    violationId: violation.id,
    institutionId: inst.id,
    kind: s.kind,
    scopeLineId: s.scopeLineId ?? null,
    until: s.until ?? null,
    certificateIds: s.certificateIds ?? [],
    // A warning or a revocation is done once imposed; only a suspension stays in force until lifted.
    status: isLiftable(s.kind) ? 'in_force' : 'lifted',
    imposedBy: actor.userId,
  });
  await repo.insertEvent(tx, { violationId: violation.id, action: `sanction.${s.kind}`, ...whoOf(actor), data: { sanctionId: row.id, ...s } });
  await audit({
    action: `sanction.${s.kind}`,
    targetType: 'institution',
    targetId: inst.id,
    before: { status: inst.status },
    after: { sanctionId: row.id, ...s },
  });
  return row;
}

export async function recordViolation(
  deps: SanctionsDeps,
  ctx: UseCaseContext,
  body: {
    institutionId: string;
    type: string;
    severity: string;
    description: string;
    occurredOn: string;
    rule: string;
    evidenceIds: string[];
    sanction?: SanctionInput | undefined;
  },
): Promise<ViolationDetail> {
  requireAction(ctx.actor, 'institution.sanction');
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const inst = await sanctioningInstitution(ctx, tx, body.institutionId);
    const future = checkViolationDay(body.occurredOn, today());
    if (future) throw new AppError(future.status, future.code, { rule: future.rule });
    const v = await repo.insertViolation(tx, {
      institutionId: inst.id,
      type: body.type,
      severity: body.severity,
      description: body.description,
      occurredOn: body.occurredOn,
      rule: body.rule,
      evidenceIds: body.evidenceIds,
      recordedBy: ctx.actor.userId,
    });
    await repo.insertEvent(tx, { violationId: v.id, action: 'recorded', ...whoOf(ctx.actor) });
    await audit({ action: 'violation.record', targetType: 'institution', targetId: inst.id, after: v });
    if (body.sanction) await applySanction(deps, tx, audit, ctx.actor, inst, v, body.sanction);
    return v.id;
  });
  return getViolation(ctx, id);
}

export async function imposeSanction(deps: SanctionsDeps, ctx: UseCaseContext, violationId: string, s: SanctionInput): Promise<ViolationDetail> {
  requireAction(ctx.actor, 'institution.sanction');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const found = await loadVisible(ctx, tx, violationId);
    const inst = await sanctioningInstitution(ctx, tx, found.v.institutionId);
    const v = (await repo.findViolation(tx, violationId, true))!.v;
    await applySanction(deps, tx, audit, ctx.actor, inst, v, s);
  });
  return getViolation(ctx, violationId);
}

/** Lifts an in-force suspension (解除): the line or the institution is back in force at once. */
async function liftInTransaction(tx: Tx, audit: Audit, actor: Actor, s: repo.SanctionRow, reason: string) {
  if (s.kind === 'suspend_line' && s.scopeLineId) await instRepo.setScopeLineSuspension(tx, s.scopeLineId, false, reason);
  if (s.kind === 'suspend_institution') {
    await instRepo.updateInstitution(tx, s.institutionId, { status: 'listed' });
    await repo.setListingFilingStatus(tx, s.institutionId, ['suspended'], 'listed');
  }
  await repo.updateSanction(tx, s.id, { status: 'lifted', liftedAt: new Date(), liftedBy: actor.userId, liftReason: reason });
  await repo.insertEvent(tx, { violationId: s.violationId, action: 'sanction.lift', ...whoOf(actor), reason, data: { sanctionId: s.id } });
  await audit({
    action: 'sanction.lift',
    targetType: 'institution',
    targetId: s.institutionId,
    before: { sanctionId: s.id, status: 'in_force' },
    after: { status: 'lifted', reason },
  });
}

export async function liftSanction(ctx: UseCaseContext, sanctionId: string, reason: string): Promise<ViolationDetail> {
  requireAction(ctx.actor, 'institution.sanction');
  const found = await repo.findSanction(ctx.db, sanctionId);
  if (!found) throw notFound('sanction');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    await loadVisible(ctx, tx, found.violationId);
    await sanctioningInstitution(ctx, tx, found.institutionId);
    const s = (await repo.findSanction(tx, sanctionId, true))!;
    if (s.status !== 'in_force' || !isLiftable(s.kind as SanctionKind)) throw conflict('SANCTION.NOT_IN_FORCE', { rule: 'R14' });
    await liftInTransaction(tx, audit, ctx.actor, s, reason);
  });
  return getViolation(ctx, found.violationId);
}

export async function closeViolation(ctx: UseCaseContext, id: string, reason: string): Promise<ViolationDetail> {
  requireAction(ctx.actor, 'institution.sanction');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const found = await loadVisible(ctx, tx, id);
    await sanctioningInstitution(ctx, tx, found.v.institutionId);
    const v = (await repo.findViolation(tx, id, true))!.v;
    const [inForce, appeals] = await Promise.all([repo.sanctionsOf(tx, [id]), repo.appealsOf(tx, [id])]);
    const refusal = mayClose(
      v.status,
      appeals.some((a) => a.status === 'pending'),
      inForce.filter((s) => sanctionInForce(s, new Date())).map((s) => ({ kind: s.kind as SanctionKind })),
    );
    if (refusal) throw conflict(refusal, { rule: 'R14' });
    await repo.updateViolation(tx, id, { status: 'closed', closedAt: new Date(), closedBy: ctx.actor.userId });
    await repo.insertEvent(tx, { violationId: id, action: 'closed', ...whoOf(ctx.actor), reason });
    await audit({
      action: 'violation.close',
      targetType: 'institution',
      targetId: v.institutionId,
      before: { status: v.status },
      after: { status: 'closed', reason },
    });
  });
  return getViolation(ctx, id);
}

// --- appeals (申诉) -------------------------------------------------------------------------------------------------

/** The institution appeals a record against itself (its own school only). */
export async function fileAppeal(ctx: UseCaseContext, id: string, body: { reason: string; attachmentIds: string[] }): Promise<ViolationDetail> {
  requireAction(ctx.actor, 'sanction.appeal');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const found = await loadVisible(ctx, tx, id, true);
    if (ctx.actor.orgId !== found.orgId) throw notFound('violation');
    const appeals = await repo.appealsOf(tx, [id]);
    const refusal = mayAppeal(
      found.v.status,
      appeals.some((a) => a.status === 'pending'),
    );
    if (refusal) throw conflict(refusal, { rule: 'R14' });
    const a = await repo.insertAppeal(tx, { violationId: id, reason: body.reason, attachmentIds: body.attachmentIds, filedBy: ctx.actor.userId });
    await repo.insertEvent(tx, { violationId: id, action: 'appeal.filed', ...whoOf(ctx.actor), reason: body.reason });
    await audit({ action: 'violation.appeal', targetType: 'institution', targetId: found.v.institutionId, after: { appealId: a.id, reason: body.reason } });
  });
  return getViolation(ctx, id);
}

/**
 * HR decides an appeal: upheld (the record stands) or granted — the record is annulled (it no longer counts for R4) and
 * its suspensions are lifted at once. Revocations already made stay; a granted appeal reissues nothing.
 */
export async function decideAppeal(ctx: UseCaseContext, id: string, appealId: string, body: { grant: boolean; reason: string }): Promise<ViolationDetail> {
  requireAction(ctx.actor, 'institution.sanction');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const found = await loadVisible(ctx, tx, id);
    await sanctioningInstitution(ctx, tx, found.v.institutionId);
    const v = (await repo.findViolation(tx, id, true))!.v;
    const appeal = (await repo.appealsOf(tx, [id])).find((a) => a.id === appealId);
    if (!appeal) throw notFound('appeal');
    if (appeal.status !== 'pending') throw conflict('SANCTION.APPEAL_DECIDED', { rule: 'R14' });
    await repo.updateAppeal(tx, appealId, {
      status: body.grant ? 'granted' : 'upheld',
      decidedAt: new Date(),
      decidedBy: ctx.actor.userId,
      decision: body.reason,
    });
    await repo.insertEvent(tx, { violationId: id, action: body.grant ? 'appeal.granted' : 'appeal.upheld', ...whoOf(ctx.actor), reason: body.reason });
    if (body.grant) {
      for (const s of await repo.sanctionsOf(tx, [id])) {
        if (s.status === 'in_force') await liftInTransaction(tx, audit, ctx.actor, s, body.reason);
      }
      await repo.updateViolation(tx, id, { status: 'annulled', closedAt: new Date(), closedBy: ctx.actor.userId });
    }
    await audit({
      action: 'violation.appeal_decide',
      targetType: 'institution',
      targetId: v.institutionId,
      before: { appealId, status: 'pending' },
      after: { status: body.grant ? 'granted' : 'upheld', reason: body.reason },
    });
  });
  return getViolation(ctx, id);
}

// The one check other modules call where they act: plans (submit: the institution; start: institution and line), the
// exam doors (institution and line). Certificate issuance applies the same pure rule inside its own mayIssue.

/**
 * R14: refuses (422, rule R14) when the institution — or the plan's scope line — is under a suspension or its listing
 * is revoked. Plans (submit, start), the exam doors and certificate issuance call it at the point they act.
 */
export async function requireInstitutionMayOperate(
  ex: Executor,
  institutionId: string,
  line: { occupationId: string | null; level: number | null; specialItemId: string | null; workType: string | null } | null,
  at = new Date(),
): Promise<void> {
  const { inst, line: scopeLine } = await repo.operatingFacts(ex, institutionId, line);
  if (!inst) return;
  const refusal = institutionMayOperate(inst, line ? scopeLine : null, at);
  if (!refusal) return;
  // The record behind a suspension (its type and the clause broken), so the refusal names them; none when the listing
  // was suspended through its filing rather than by a sanction.
  const behind =
    refusal.code === 'SANCTION.INSTITUTION_REVOKED'
      ? undefined
      : await repo.suspensionBehind(ex, institutionId, refusal.code === 'SANCTION.LINE_SUSPENDED' ? (scopeLine?.id ?? null) : null);
  throw ruleViolation(refusal.rule, refusal.code, { status: inst.status, ...(behind ? { sanction: behind } : {}) });
}

/**
 * requireInstitutionMayOperate for the institution of a plan and, unless `wholeOnly`, its scope line (a plan being
 * submitted has its line checked by the plan checks, which name the line: PLAN.SCOPE_SUSPENDED).
 */
export async function requirePlanMayOperate(ex: Executor, planId: string, at = new Date(), wholeOnly = false): Promise<void> {
  const p = await repo.planLine(ex, planId);
  if (p?.institutionId) await requireInstitutionMayOperate(ex, p.institutionId, wholeOnly ? null : p, at);
}

/** How institutions and their scope lines stand at one instant under the sanctions in force (R14, one reading). */
export interface Standing {
  /** The facts institutionMayOperate (and certificate issuance's mayIssue) take for the institution. */
  institution(inst: { id: string; status: string }): OperatingInstitution;
  /** The status as it stands: 'suspended' past the suspension's last day reads 'listed'. */
  status(inst: { id: string; status: string }): string;
  /** The line is suspended now (a suspension past its last day no longer counts). */
  lineSuspended(line: { id: string; suspendedAt: Date | null }): boolean;
}

/**
 * R14: the one reading of suspensions for every module that shows or tests an institution's status or a scope line's
 * suspension (plans' scope check, certificate issuance, R4 expansion, the institutions pages and the public catalog):
 * a suspension set until a day ends by itself after that day, China time, everywhere at once.
 */
export async function standingOf(ex: Executor, institutionIds: readonly string[], at = new Date()): Promise<Standing> {
  const ends = await repo.suspensionEnds(ex, institutionIds);
  const institution = (inst: { id: string; status: string }) => ({ status: inst.status, suspendedUntil: ends.institution.get(inst.id) ?? null });
  return {
    institution,
    status: (inst) => standingStatus(institution(inst), at),
    lineSuspended: (line) => lineSuspended({ suspendedAt: line.suspendedAt, suspendedUntil: ends.line.get(line.id) ?? null }, at),
  };
}
