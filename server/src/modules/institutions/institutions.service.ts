import { publicCache } from '../../http/public-cache.ts';
import type { EligibilityReport } from '@skillcert/shared/api/filings';
import type { Institution, InstitutionQuery, InstitutionStatus, PublicInstitution } from '@skillcert/shared/api/institutions';
import type { FilingKind } from '@skillcert/shared/api/filings';
import type { OrgKind, SkillLevel } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { isHrOverRegion, orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { checkExpansion, type InstitutionFacts } from '../filings/filings.rules.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import { type Standing, standingOf } from '../sanctions/sanctions.service.ts';
import * as repo from './institutions.repository.ts';

type ScopeRow = Awaited<ReturnType<typeof repo.scopeOf>>[number];

/** `standing`: the sanctions module's one reading of suspensions (R14: a suspension past its last day has ended). */
function presentPublic(r: repo.InstitutionRow, scope: ScopeRow[], standing: Standing): PublicInstitution {
  return {
    id: r.id,
    name: r.orgName,
    kind: r.kind as FilingKind,
    code: r.code,
    certificatePrefix: r.certificatePrefix,
    regionCode: r.regionCode,
    regionName: r.regionName,
    status: standing.status(r) as InstitutionStatus,
    validFrom: r.validFrom,
    validTo: r.validTo,
    scope: scope
      .filter((s) => s.institutionId === r.id)
      .map((s) => ({
        id: s.id,
        suspended: standing.lineSuspended(s),
        occupationCode: s.occupationCode,
        occupationName: s.occupationName,
        specialItemName: s.specialItemName,
        workType: s.workType,
        level: s.level as SkillLevel | null,
      })),
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * R10: the free public catalog of filed institutions — listed and suspended ones within their validity period
 * (revoked ones, and listings past their last valid day, drop out even before HR marks them expired).
 */
export async function publicCatalog(
  db: Executor,
  q: { q?: string | undefined; region?: string | undefined; occupation?: string | undefined; page: number; pageSize: number },
) {
  const day = today();
  // Cached per day and query until a write to the catalog's tables (NOTIFY public_reads) drops it.
  return publicCache(db).get(`catalog|${day}|${JSON.stringify(q)}`, async () => {
    const { items, total } = await repo.listInstitutions(db, { kind: 'all' }, { ...q, statuses: ['listed', 'suspended'], validOn: day }, q.page, q.pageSize);
    const ids = items.map((i) => i.id);
    const [scope, standing] = await Promise.all([repo.scopeOf(db, ids), standingOf(db, ids)]);
    return { items: items.map((i) => presentPublic(i, scope, standing)), total, page: q.page, pageSize: q.pageSize };
  });
}

export async function publicInstitution(db: Executor, id: string): Promise<PublicInstitution> {
  const day = today();
  return publicCache(db).get(`institution|${day}|${id}`, async () => {
    const r = await repo.findInstitution(db, id);
    if (!r || !['listed', 'suspended'].includes(r.status) || r.validTo < day) throw notFound('institution');
    const [scope, standing] = await Promise.all([repo.scopeOf(db, [id]), standingOf(db, [id])]);
    return presentPublic(r, scope, standing);
  });
}

async function loadVisible(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false) {
  const r = await repo.findInstitution(ex, id, forUpdate);
  if (!r) throw notFound('institution');
  requireOrgInScope(ctx.actor, { id: r.orgId, kind: 'school' as OrgKind, regionCode: r.regionCode }, 'institution');
  return r;
}

async function present(ex: Executor, r: repo.InstitutionRow): Promise<Institution> {
  const [scope, violations, filingId, standing] = await Promise.all([
    repo.scopeOf(ex, [r.id]),
    repo.listViolations(ex, r.id),
    repo.listingFilingId(ex, r.id),
    standingOf(ex, [r.id]),
  ]);
  return {
    ...presentPublic(r, scope, standing),
    orgId: r.orgId,
    filingId,
    profileId: r.profileId,
    priorEvaluated: r.priorEvaluated,
    violations: violations.map((v) => ({ id: v.id, at: v.at.toISOString(), type: v.type, severity: v.severity, description: v.description })),
  };
}

export async function listInstitutions(ctx: UseCaseContext, q: InstitutionQuery) {
  requireAction(ctx.actor, 'institution.read');
  const { status, ...rest } = q;
  const readerScope = orgScopeOf(ctx.actor);
  let filter: repo.InstitutionFilter = { ...rest, ...(status ? { statuses: [status] } : {}) };
  if (status === 'listed' || status === 'suspended') {
    // R14: listed or suspended as it stands now — a suspension past its last day (China time) reads listed — so the
    // filter reads the recorded suspensions through standingOf before the page is cut.
    const suspended = await repo.institutionIdsWithStatus(ctx.db, readerScope, { ...rest, statuses: ['suspended'] });
    const standing = await standingOf(ctx.db, suspended);
    const over = suspended.filter((id) => standing.status({ id, status: 'suspended' }) === 'listed');
    filter = status === 'suspended' ? { ...rest, statuses: ['suspended'], excludeIds: over } : { ...rest, statuses: ['listed'], orIds: over };
  }
  const { items, total } = await repo.listInstitutions(ctx.db, readerScope, filter, q.page, q.pageSize);
  const ids = items.map((i) => i.id);
  const [scope, standing] = await Promise.all([repo.scopeOf(ctx.db, ids), standingOf(ctx.db, ids)]);
  return { items: items.map((i) => presentPublic(i, scope, standing)), total, page: q.page, pageSize: q.pageSize };
}

export async function getInstitution(ctx: UseCaseContext, id: string): Promise<Institution> {
  requireAction(ctx.actor, 'institution.read');
  return present(ctx.db, await loadVisible(ctx, ctx.db, id));
}

export async function recordViolation(ctx: UseCaseContext, id: string, body: { type: string; severity: string; description: string }): Promise<Institution> {
  requireAction(ctx.actor, 'institution.sanction');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const inst = await loadVisible(ctx, tx, id, true);
    if (!isHrOverRegion(ctx.actor, inst.regionCode)) throw forbidden();
    const v = await repo.insertViolation(tx, {
      institutionId: id,
      type: body.type,
      severity: body.severity,
      description: body.description,
      recordedBy: ctx.actor.userId,
    });
    await audit({ action: 'institution.violation', targetType: 'institution', targetId: id, after: v });
  });
  return getInstitution(ctx, id);
}

export async function setPriorVolume(ctx: UseCaseContext, id: string, body: { priorEvaluated: number; source: string }): Promise<Institution> {
  requireAction(ctx.actor, 'institution.sanction');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const inst = await loadVisible(ctx, tx, id, true);
    if (!isHrOverRegion(ctx.actor, inst.regionCode)) throw forbidden();
    await repo.updateInstitution(tx, id, { priorEvaluated: body.priorEvaluated, priorSource: body.source });
    await audit({
      action: 'institution.prior_volume',
      targetType: 'institution',
      targetId: id,
      before: { priorEvaluated: inst.priorEvaluated, source: inst.priorSource },
      after: body,
    });
  });
  return getInstitution(ctx, id);
}

/** HR suspends one scope line of an institution (no plan may use it), or puts it back in force. */
export async function setScopeLineSuspension(
  ctx: UseCaseContext,
  id: string,
  lineId: string,
  body: { suspended: boolean; reason: string },
): Promise<Institution> {
  requireAction(ctx.actor, 'institution.sanction');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const inst = await loadVisible(ctx, tx, id, true);
    if (!isHrOverRegion(ctx.actor, inst.regionCode)) throw forbidden();
    const line = await repo.findScopeLine(tx, id, lineId);
    if (!line) throw notFound('scope line');
    await repo.setScopeLineSuspension(tx, lineId, body.suspended, body.reason);
    await audit({
      action: body.suspended ? 'institution.scope_suspend' : 'institution.scope_reinstate',
      targetType: 'institution',
      targetId: id,
      before: { lineId, suspended: line.suspendedAt !== null },
      after: { lineId, ...body },
    });
  });
  return getInstitution(ctx, id);
}

/**
 * Candidates the institution has evaluated: those recorded from before the platform (with their source).
 * Results of sessions run on the platform join this count when the assessment-session module lands.
 */
export function evaluatedCount(inst: Pick<repo.InstitutionRow, 'priorEvaluated'>): number {
  return inst.priorEvaluated;
}

export async function institutionFacts(ex: Executor, inst: repo.InstitutionRow): Promise<InstitutionFacts> {
  // R4 reads the listing as it stands (sanctions module): a suspension past its last day no longer bars 增设.
  const standing = await standingOf(ex, [inst.id]);
  return {
    status: standing.status(inst) as InstitutionFacts['status'],
    validFrom: inst.validFrom,
    validTo: inst.validTo,
    violations: await repo.countViolationsSince(ex, inst.id, inst.validFrom),
    evaluated: evaluatedCount(inst),
  };
}

/** R4 report: each condition for 增设, its value and pass/fail. */
export async function expansionEligibility(ctx: UseCaseContext, id: string): Promise<EligibilityReport> {
  requireAction(ctx.actor, 'institution.read');
  const inst = await loadVisible(ctx, ctx.db, id);
  const profile = findProfile(inst.profileId) ?? profileForRegion(inst.regionCode);
  const checks = checkExpansion(await institutionFacts(ctx.db, inst), profile, today());
  return { eligible: checks.every((c) => c.pass), checks };
}
