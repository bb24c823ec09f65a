import { fieldIssue } from '@skillcert/shared/validation-key';
import type { Proposal, ProposalQuery, Spec, SpecBody, SpecQuery } from '@skillcert/shared/api/specs';
import type { OrgKind, SkillLevel } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { conflict, forbidden, notFound, ruleViolation, unprocessable } from '../../http/errors.ts';
import { isHrOverRegion, isProvinceHr, orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { requireOwnAttachments } from '../attachments/attachments.service.ts';
import { findOccupationByCode, insertSpecialItem, listMajorMappings } from '../occupations/occupations.repository.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import * as repo from './specs.repository.ts';
import type { ProposalRow, SpecRow } from './specs.repository.ts';
import { type Basis, evaluationBasis, weightProblem } from './specs.rules.ts';

// --- 评价规范 (R5) --------------------------------------------------------------------------------------

const presentSpec = (r: SpecRow): Spec => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  occupationCode: r.occupationCode,
  occupationName: r.occupationName,
  levels: r.levels as SkillLevel[],
  title: r.title,
  attachmentId: r.attachmentId,
  theory: r.theory as Spec['theory'],
  skills: r.skills as Spec['skills'],
  status: r.status as Spec['status'],
  reviewNote: r.reviewNote,
  filedAt: r.filedAt?.toISOString() ?? null,
  updatedAt: r.updatedAt.toISOString(),
});

async function loadSpec(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false): Promise<SpecRow> {
  const row = await repo.findSpec(ex, id, forUpdate);
  if (!row) throw notFound('spec');
  requireOrgInScope(ctx.actor, { id: row.orgId, kind: 'school' as OrgKind, regionCode: row.regionCode }, 'spec');
  return row;
}

/** The occupation must lack a national standard (R5) and have the levels; weights are checked at submission. */
async function checkSpecBody(ex: Executor, body: SpecBody) {
  const occ = await findOccupationByCode(ex, body.occupationCode);
  if (!occ)
    throw unprocessable('OCCUPATION.UNKNOWN', { issues: [fieldIssue('body.occupationCode', 'valid.unknownOccupation', { code: body.occupationCode })] });
  if (occ.standardYear !== null) {
    throw ruleViolation('R5', 'SPEC.NATIONAL_STANDARD_EXISTS', {
      standardYear: occ.standardYear,
      issues: [fieldIssue('body.occupationCode', 'valid.nationalStandard')],
    });
  }
  const bad = body.levels.filter((l) => !occ.levels.includes(l));
  if (bad.length) throw unprocessable('SPEC.LEVEL_NOT_OFFERED', { issues: [fieldIssue('body.levels', 'valid.levelsNotOffered', { levels: bad.join(',') })] });
  return occ;
}

export async function createSpec(ctx: UseCaseContext, body: SpecBody): Promise<Spec> {
  requireAction(ctx.actor, 'spec.apply');
  if (ctx.actor.orgKind !== 'school') throw forbidden();
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const occ = await checkSpecBody(tx, body);
    if (body.attachmentId) await requireOwnAttachments(tx, ctx.actor.orgId, [body.attachmentId]);
    const specId = await repo.insertSpec(tx, {
      orgId: ctx.actor.orgId,
      occupationId: occ.id,
      levels: [...new Set(body.levels)],
      title: body.title,
      attachmentId: body.attachmentId ?? null,
      theory: body.theory,
      skills: body.skills,
      status: 'draft',
    });
    await audit({ action: 'spec.create', targetType: 'spec', targetId: specId, after: body });
    return specId;
  });
  return getSpec(ctx, id);
}

export async function updateSpec(ctx: UseCaseContext, id: string, body: SpecBody): Promise<Spec> {
  requireAction(ctx.actor, 'spec.apply');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const before = await loadSpec(ctx, tx, id, true);
    if (before.orgId !== ctx.actor.orgId) throw forbidden();
    if (before.status !== 'draft' && before.status !== 'returned') throw conflict('SPEC.NOT_EDITABLE', { status: before.status });
    const occ = await checkSpecBody(tx, body);
    if (body.attachmentId) await requireOwnAttachments(tx, ctx.actor.orgId, [body.attachmentId]);
    await repo.updateSpec(tx, id, {
      occupationId: occ.id,
      levels: [...new Set(body.levels)],
      title: body.title,
      attachmentId: body.attachmentId ?? null,
      theory: body.theory,
      skills: body.skills,
    });
    await audit({ action: 'spec.update', targetType: 'spec', targetId: id, before, after: body });
  });
  return getSpec(ctx, id);
}

/** The school files it with HR: the document and a blueprint whose theory and skill weights each add to 100. */
export async function submitSpec(ctx: UseCaseContext, id: string): Promise<Spec> {
  requireAction(ctx.actor, 'spec.apply');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const s = await loadSpec(ctx, tx, id, true);
    if (s.orgId !== ctx.actor.orgId) throw forbidden();
    if (s.status !== 'draft' && s.status !== 'returned') throw conflict('SPEC.TRANSITION_OUT_OF_ORDER', { status: s.status });
    const theory = weightProblem(s.theory as { weight: number }[]);
    const skills = weightProblem(s.skills as { weight: number }[]);
    const issues = [
      ...(theory !== null ? [fieldIssue('theory', 'valid.weightsNot100', { total: theory })] : []),
      ...(skills !== null ? [fieldIssue('skills', 'valid.weightsNot100', { total: skills })] : []),
      ...(s.attachmentId ? [] : [fieldIssue('attachmentId', 'valid.specDocumentRequired')]),
    ];
    if (issues.length) throw unprocessable('SPEC.INCOMPLETE', { issues });
    await repo.updateSpec(tx, id, { status: 'submitted' });
    await audit({ action: 'spec.submit', targetType: 'spec', targetId: id, before: { status: s.status }, after: { status: 'submitted' } });
  });
  return getSpec(ctx, id);
}

export async function decideSpec(ctx: UseCaseContext, id: string, body: { decision: 'file' | 'return'; note?: string | undefined }): Promise<Spec> {
  requireAction(ctx.actor, 'spec.review');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const s = await loadSpec(ctx, tx, id, true);
    if (!isHrOverRegion(ctx.actor, s.regionCode)) throw forbidden();
    if (s.status !== 'submitted') throw conflict('SPEC.TRANSITION_OUT_OF_ORDER', { status: s.status });
    if (body.decision === 'return' && !body.note?.trim()) throw unprocessable('SPEC.REASON_REQUIRED', { issues: [fieldIssue('body.note', 'valid.required')] });
    const status = body.decision === 'file' ? 'filed' : 'returned';
    await repo.updateSpec(tx, id, { status, reviewNote: body.note ?? null, reviewedBy: ctx.actor.userId, filedAt: status === 'filed' ? new Date() : null });
    await audit({
      action: `spec.${body.decision}`,
      targetType: 'spec',
      targetId: id,
      before: { status: s.status },
      after: { status, note: body.note ?? null },
    });
  });
  return getSpec(ctx, id);
}

export async function getSpec(ctx: UseCaseContext, id: string): Promise<Spec> {
  requireAction(ctx.actor, 'spec.read');
  return presentSpec(await loadSpec(ctx, ctx.db, id));
}

/**
 * 评价规范 in my scope, one page. `todo`: submitted ones I may decide — an HR user over a city or province reviews
 * every school in its scope (isHrOverRegion holds for each of them exactly when it holds for the user's own region).
 */
export async function listSpecs(ctx: UseCaseContext, q: SpecQuery) {
  requireAction(ctx.actor, 'spec.read');
  const page = { items: [] as Spec[], total: 0, page: q.page, pageSize: q.pageSize };
  if (q.todo === 'true' && !isHrOverRegion(ctx.actor, ctx.actor.regionCode)) return page;
  const filter = q.todo === 'true' ? { ...q, status: 'submitted' } : q;
  const { items, total } = await repo.listSpecs(ctx.db, orgScopeOf(ctx.actor), filter, q.pageSize, (q.page - 1) * q.pageSize);
  return { ...page, items: items.map(presentSpec), total };
}

/** R5: what a session of this school, occupation and level would stand on. */
export async function basisFor(ex: Executor, orgId: string, occupationCode: string, level: SkillLevel): Promise<Basis> {
  const occ = await findOccupationByCode(ex, occupationCode);
  if (!occ) return { kind: 'none', reason: 'no_standard_and_no_filed_spec' };
  const filed = await repo.filedSpecsOf(ex, orgId, occ.id);
  return evaluationBasis(occ, level, filed);
}

export async function evaluationBasisFor(ctx: UseCaseContext, q: { orgId: string; occupationCode: string; level: SkillLevel }): Promise<Basis> {
  requireAction(ctx.actor, 'spec.read');
  const org = await findOrganisation(ctx.db, q.orgId);
  if (!org) throw notFound('organisation');
  requireOrgInScope(ctx.actor, { id: org.id, kind: org.kind as OrgKind, regionCode: org.regionCode });
  return basisFor(ctx.db, q.orgId, q.occupationCode, q.level);
}

// --- 专项职业能力 item development (Fujian text 二(三)) ---------------------------------------------------

const presentProposal = ({ regionCode: _r, ...p }: ProposalRow): Proposal => ({
  ...p,
  status: p.status as Proposal['status'],
  createdAt: p.createdAt.toISOString(),
});

async function loadProposal(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false) {
  const row = await repo.findProposal(ex, id, forUpdate);
  if (!row) throw notFound('proposal');
  requireOrgInScope(ctx.actor, { id: row.orgId, kind: 'school' as OrgKind, regionCode: row.regionCode }, 'proposal');
  return row;
}

/** A school proposes a 专项职业能力 item for one of its majors that maps to no occupation. */
export async function proposeItem(
  ctx: UseCaseContext,
  body: { name: string; majorCode: string; standard: string; outline: string; attachmentId?: string | null | undefined },
): Promise<Proposal> {
  requireAction(ctx.actor, 'special_item.propose');
  if (ctx.actor.orgKind !== 'school') throw forbidden();
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    if (!(await repo.isOwnMajor(tx, ctx.actor.orgId, body.majorCode)))
      throw unprocessable('PROPOSAL.NOT_OUR_MAJOR', { issues: [fieldIssue('body.majorCode', 'valid.notOurMajor')] });
    const mapped = await listMajorMappings(tx, body.majorCode);
    if (mapped.length) {
      throw unprocessable('PROPOSAL.MAJOR_HAS_OCCUPATION', {
        occupations: mapped.map((m) => m.occupationCode),
        issues: [fieldIssue('body.majorCode', 'valid.majorHasOccupation')],
      });
    }
    if (body.attachmentId) await requireOwnAttachments(tx, ctx.actor.orgId, [body.attachmentId]);
    const proposalId = await repo.insertProposal(tx, {
      orgId: ctx.actor.orgId,
      province: ctx.actor.regionCode.slice(0, 2),
      name: body.name,
      majorCode: body.majorCode,
      standard: body.standard,
      outline: body.outline,
      attachmentId: body.attachmentId ?? null,
      status: 'submitted',
    });
    await audit({ action: 'special_item.propose', targetType: 'proposal', targetId: proposalId, after: body });
    return proposalId;
  });
  return presentProposal(await loadProposal(ctx, ctx.db, id));
}

/** The HR bureau over the school reviews it; an approved item joins the province's item catalog. */
export async function decideProposal(
  ctx: UseCaseContext,
  id: string,
  body: { decision: 'approve' | 'return' | 'reject'; note?: string | undefined; code?: string | undefined },
): Promise<Proposal> {
  requireAction(ctx.actor, 'special_item.review');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadProposal(ctx, tx, id, true);
    // An approved item joins the province's 专项 catalog: provincial reference data, kept by the province's HR bureau only.
    if (!isProvinceHr(ctx.actor, p.regionCode)) throw forbidden();
    if (p.status !== 'submitted') throw conflict('PROPOSAL.TRANSITION_OUT_OF_ORDER', { status: p.status });
    if (body.decision !== 'approve' && !body.note?.trim())
      throw unprocessable('PROPOSAL.REASON_REQUIRED', { issues: [fieldIssue('body.note', 'valid.required')] });
    let specialItemId: string | null = null;
    if (body.decision === 'approve') {
      specialItemId = (await insertSpecialItem(tx, { province: p.province, code: body.code ?? null, name: p.name, source: 'developed' })) ?? null;
      if (!specialItemId) throw conflict('PROPOSAL.ITEM_EXISTS', { issues: [fieldIssue('name', 'valid.itemNameExists')] });
    }
    const status = body.decision === 'approve' ? 'approved' : body.decision === 'return' ? 'returned' : 'rejected';
    await repo.updateProposal(tx, id, { status, reviewNote: body.note ?? null, reviewedBy: ctx.actor.userId, specialItemId });
    await audit({
      action: `special_item.${body.decision}`,
      targetType: 'proposal',
      targetId: id,
      before: { status: p.status },
      after: { status, specialItemId },
    });
  });
  return presentProposal(await loadProposal(ctx, ctx.db, id));
}

/**
 * Proposals in my scope, one page. `todo`: submitted ones I may decide — only a province's HR bureau decides, and
 * every school in its scope is then of its province.
 */
export async function listProposals(ctx: UseCaseContext, q: ProposalQuery) {
  requireAction(ctx.actor, 'special_item.read');
  const page = { items: [] as Proposal[], total: 0, page: q.page, pageSize: q.pageSize };
  if (q.todo === 'true' && !isProvinceHr(ctx.actor, ctx.actor.regionCode)) return page;
  const filter = q.todo === 'true' ? { ...q, status: 'submitted' } : q;
  const { items, total } = await repo.listProposals(ctx.db, orgScopeOf(ctx.actor), filter, q.pageSize, (q.page - 1) * q.pageSize);
  return { ...page, items: items.map(presentProposal), total };
}

export async function getProposal(ctx: UseCaseContext, id: string): Promise<Proposal> {
  requireAction(ctx.actor, 'special_item.read');
  return presentProposal(await loadProposal(ctx, ctx.db, id));
}
