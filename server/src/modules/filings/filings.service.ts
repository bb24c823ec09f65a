import { fieldIssue } from '@skillcert/shared/validation-key';
import type { ValidationMessageKey } from '@skillcert/shared/validation-messages';
import type {
  CreateFilingBody,
  EligibilityCheck,
  EligibilityReport,
  Filing,
  FilingAction,
  FilingBody,
  FilingDetail,
  FilingKind,
  FilingStatus,
  FilingSort,
  FilingType,
  RosterAssessor,
  ScopeLine,
  Site,
  TransitionBody,
} from '@skillcert/shared/api/filings';
import type { PolicyProfile } from '@skillcert/shared/api/policies';
import type { OrgKind, SchoolType, SkillLevel } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { AppError, conflict, forbidden, notFound, ruleViolation, unprocessable } from '../../http/errors.ts';
import { orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { requireOwnAttachments } from '../attachments/attachments.service.ts';
import * as instRepo from '../institutions/institutions.repository.ts';
import { institutionFacts } from '../institutions/institutions.service.ts';
import { findOccupationsByCodes, findSpecialItems } from '../occupations/occupations.repository.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import * as repo from './filings.repository.ts';
import {
  allowedActions,
  certificatePrefix,
  checkApplicant,
  checkExpansion,
  checkLevels,
  decideTransition,
  type FilingFacts,
  missingParts,
  scoreAssessment,
  validUntil,
} from './filings.rules.ts';

type Row = NonNullable<repo.FilingRow>;
type LineRow = Awaited<ReturnType<typeof repo.linesOf>>[number];
interface StoredAssessment {
  panel: { name: string; organisation: string }[];
  scores: { criterion: string; maxScore: number; score: number }[];
  total: number;
  passed: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);
const OPEN: FilingStatus[] = ['draft', 'submitted', 'edu_reviewed', 'tech_assessment', 'reported', 'returned'];

function profileOf(f: Pick<Row, 'profileId' | 'regionCode'>): PolicyProfile {
  return findProfile(f.profileId) ?? profileForRegion(f.regionCode);
}

async function factsOf(ex: Executor, f: Row): Promise<FilingFacts> {
  const inst = f.institutionId && f.type === 'initial' ? await instRepo.findInstitution(ex, f.institutionId) : undefined;
  return {
    status: f.status as FilingStatus,
    type: f.type as FilingType,
    orgId: f.orgId,
    regionCode: f.regionCode,
    assessmentPassed: Boolean((f.assessment as StoredAssessment | null)?.passed),
    validTo: inst?.validTo ?? null,
  };
}

function present(f: Row, lines: LineRow[], actions: FilingAction[]): Filing {
  return {
    id: f.id,
    orgId: f.orgId,
    orgName: f.orgName,
    regionCode: f.regionCode,
    kind: f.kind as FilingKind,
    type: f.type as FilingType,
    institutionId: f.institutionId,
    status: f.status as FilingStatus,
    profileId: f.profileId,
    contactName: f.contactName,
    contactPhone: f.contactPhone,
    note: f.note,
    scope: lines
      .filter((l) => l.filingId === f.id)
      .map((l) => ({
        occupationCode: l.occupationCode,
        occupationName: l.occupationName,
        specialItemId: l.specialItemId,
        specialItemName: l.specialItemName,
        workType: l.workType,
        level: l.level as SkillLevel | null,
      })),
    sites: f.sites as Site[],
    assessors: f.assessors as RosterAssessor[],
    attachmentIds: f.attachmentIds,
    allowedActions: actions,
    submittedAt: f.submittedAt?.toISOString() ?? null,
    updatedAt: f.updatedAt.toISOString(),
    createdAt: f.createdAt.toISOString(),
  };
}

/** The filing if the actor may see it (its school, or a bureau over the school's region); else 404. */
async function loadVisible(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false): Promise<Row> {
  const f = await repo.findFiling(ex, id, forUpdate);
  if (!f) throw notFound('filing');
  requireOrgInScope(ctx.actor, { id: f.orgId, kind: 'school' as OrgKind, regionCode: f.regionCode }, 'filing');
  return f;
}

// --- scope lines ---------------------------------------------------------------------------------

const lineIssue = (i: number, field: string, message: ValidationMessageKey, params?: Record<string, string | number>) =>
  fieldIssue(`body.scope.${i}.${field}`, message, params);

/** Resolve scope lines against the catalogs: the occupation exists and its standard has the level and 工种. */
async function resolveLines(ex: Executor, kind: FilingKind, lines: readonly ScopeLine[], province: string): Promise<repo.LineInsert[]> {
  const occ = await findOccupationsByCodes(
    ex,
    lines.flatMap((l) => (l.occupationCode ? [l.occupationCode] : [])),
  );
  const items = await findSpecialItems(
    ex,
    lines.flatMap((l) => (l.specialItemId ? [l.specialItemId] : [])),
  );
  const out: repo.LineInsert[] = [];
  const seen = new Set<string>();
  for (const [i, l] of lines.entries()) {
    if (kind === 'skill_level') {
      if (!l.occupationCode || l.specialItemId) throw unprocessable('FILING.SCOPE_LINE', { issues: [lineIssue(i, 'occupationCode', 'valid.occupationLine')] });
      if (l.level === undefined) throw unprocessable('FILING.SCOPE_LINE', { issues: [lineIssue(i, 'level', 'valid.required')] });
      const o = occ.get(l.occupationCode);
      if (!o)
        throw unprocessable('FILING.UNKNOWN_OCCUPATION', {
          line: i,
          issues: [lineIssue(i, 'occupationCode', 'valid.unknownOccupation', { code: l.occupationCode })],
        });
      if (!o.levels.includes(l.level)) {
        throw unprocessable('FILING.LEVEL_NOT_OFFERED', {
          line: i,
          levels: o.levels,
          issues: [lineIssue(i, 'level', 'valid.noLevel', { name: o.name, level: l.level })],
        });
      }
      if (l.workType && !o.workTypes.includes(l.workType)) {
        throw unprocessable('FILING.UNKNOWN_WORK_TYPE', {
          line: i,
          issues: [lineIssue(i, 'workType', 'valid.allowedWorkTypes', { allowed: o.workTypes.join('、') || '—' })],
        });
      }
      const key = `${o.id}|${l.workType ?? ''}|${l.level}`;
      if (seen.has(key)) throw unprocessable('FILING.DUPLICATE_LINE', { line: i, issues: [lineIssue(i, 'level', 'valid.listedTwice')] });
      seen.add(key);
      out.push({ position: i, occupationId: o.id, specialItemId: null, workType: l.workType ?? null, level: l.level });
    } else {
      if (!l.specialItemId || l.occupationCode || l.level !== undefined) {
        throw unprocessable('FILING.SCOPE_LINE', { issues: [lineIssue(i, 'specialItemId', 'valid.specialItemLine')] });
      }
      const item = items.get(l.specialItemId);
      if (!item || item.province !== province)
        throw unprocessable('FILING.UNKNOWN_SPECIAL_ITEM', { line: i, issues: [lineIssue(i, 'specialItemId', 'valid.notInProvinceCatalog')] });
      if (seen.has(item.id)) throw unprocessable('FILING.DUPLICATE_LINE', { line: i, issues: [lineIssue(i, 'specialItemId', 'valid.listedTwice')] });
      seen.add(item.id);
      out.push({ position: i, occupationId: null, specialItemId: item.id, workType: null, level: null });
    }
  }
  return out;
}

// --- eligibility (R1, R3, R4) --------------------------------------------------------------------

async function eligibilityChecks(ex: Executor, f: Row, lines: LineRow[], profile: PolicyProfile): Promise<EligibilityCheck[]> {
  const school = { schoolType: (f.schoolType as SchoolType | null) ?? null, runsThroughPrograms: f.runsThroughPrograms };
  const mine = lines.filter((l) => l.filingId === f.id);
  const checks = [
    ...checkApplicant(school, profile),
    ...checkLevels(
      f.kind as FilingKind,
      f.type as FilingType,
      mine.map((l) => ({ level: (l.level as SkillLevel | null) ?? null })),
      school,
      profile,
    ),
  ];
  if (f.type === 'expansion' && f.institutionId) {
    const inst = await instRepo.findInstitution(ex, f.institutionId);
    if (inst) checks.push(...checkExpansion(await institutionFacts(ex, inst), profile, today()));
  }
  return checks;
}

/** Refuse with 422 naming the first rule that fails, the offending scope line, and every failing check. */
function requireEligible(checks: EligibilityCheck[], lines: LineRow[]): void {
  const failing = checks.filter((c) => !c.pass);
  const first = failing[0];
  if (!first) return;
  const line = first.line !== undefined ? lines[first.line] : undefined;
  throw ruleViolation(
    first.rule,
    'FILING.NOT_ELIGIBLE',
    {
      checks: failing,
      ...(line ? { line: first.line, scopeLine: { occupationCode: line.occupationCode, occupationName: line.occupationName, level: line.level } } : {}),
    },
    { rule: first.rule },
  );
}

export async function filingEligibility(ctx: UseCaseContext, id: string): Promise<EligibilityReport> {
  requireAction(ctx.actor, 'filing.read');
  const f = await loadVisible(ctx, ctx.db, id);
  const lines = await repo.linesOf(ctx.db, [id]);
  const checks = await eligibilityChecks(ctx.db, f, lines, profileOf(f));
  return { eligible: checks.every((c) => c.pass), checks };
}

// --- use cases -----------------------------------------------------------------------------------

function requireSchoolActor(ctx: UseCaseContext): void {
  if (ctx.actor.orgKind !== 'school') throw forbidden();
}

export async function createFiling(ctx: UseCaseContext, body: CreateFilingBody): Promise<FilingDetail> {
  requireAction(ctx.actor, 'filing.apply');
  requireSchoolActor(ctx);
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const { regionCode } = ctx.actor;
    let type: FilingType = 'initial';
    let institutionId: string | null = null;
    let profile = profileForRegion(regionCode);
    const existing = await instRepo.findInstitutionOf(tx, ctx.actor.orgId, body.kind);
    if (body.institutionId) {
      const inst = await instRepo.findInstitution(tx, body.institutionId);
      if (!inst || inst.orgId !== ctx.actor.orgId) throw notFound('institution');
      if (inst.kind !== body.kind) throw unprocessable('FILING.KIND_MISMATCH');
      type = 'expansion';
      institutionId = inst.id;
      profile = findProfile(inst.profileId) ?? profile;
    } else if (existing && (existing.status === 'listed' || existing.status === 'suspended')) {
      throw conflict('FILING.ALREADY_LISTED', { institutionId: existing.id });
    }
    const open = await repo.listFilings(tx, { kind: 'org', orgId: ctx.actor.orgId }, { statuses: OPEN }, 100, 0);
    if (open.items.some((f) => f.kind === body.kind && f.type === type && f.institutionId === institutionId)) throw conflict('FILING.OPEN_EXISTS');
    const lines = await resolveLines(tx, body.kind, body.scope, regionCode.slice(0, 2));
    await requireOwnAttachments(tx, ctx.actor.orgId, body.attachmentIds);
    const newId = await repo.insertFiling(tx, {
      orgId: ctx.actor.orgId,
      kind: body.kind,
      type,
      institutionId,
      status: 'draft',
      profileId: profile.id,
      contactName: body.contactName,
      contactPhone: body.contactPhone,
      note: body.note ?? null,
      sites: body.sites,
      assessors: body.assessors,
      attachmentIds: body.attachmentIds,
    });
    await repo.replaceLines(tx, newId, lines);
    await repo.insertEvent(tx, {
      filingId: newId,
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      actorOrg: await orgName(tx, ctx.actor.orgId),
    });
    await audit({ action: 'filing.create', targetType: 'filing', targetId: newId, after: { ...body, type } });
    return newId;
  });
  return getFiling(ctx, id);
}

/** A school edits its draft or returned application. */
export async function updateFiling(ctx: UseCaseContext, id: string, body: FilingBody): Promise<FilingDetail> {
  requireAction(ctx.actor, 'filing.apply');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const f = await loadVisible(ctx, tx, id, true);
    if (f.orgId !== ctx.actor.orgId) throw forbidden();
    if (f.status !== 'draft' && f.status !== 'returned') throw conflict('FILING.NOT_EDITABLE', { status: f.status });
    if (body.kind !== f.kind) throw unprocessable('FILING.KIND_MISMATCH');
    const lines = await resolveLines(tx, f.kind as FilingKind, body.scope, f.regionCode.slice(0, 2));
    await requireOwnAttachments(tx, ctx.actor.orgId, body.attachmentIds);
    await repo.updateFiling(tx, id, {
      contactName: body.contactName,
      contactPhone: body.contactPhone,
      note: body.note ?? null,
      sites: body.sites,
      assessors: body.assessors,
      attachmentIds: body.attachmentIds,
    });
    await repo.replaceLines(tx, id, lines);
    await audit({
      action: 'filing.update',
      targetType: 'filing',
      targetId: id,
      before: { status: f.status, sites: f.sites, assessors: f.assessors },
      after: body,
    });
  });
  return getFiling(ctx, id);
}

/** Lock the filing, re-check its status, decide the transition, apply its effects, write the history row and the audit entry. */
export async function transitionFiling(ctx: UseCaseContext, id: string, body: TransitionBody): Promise<FilingDetail> {
  requireAction(ctx.actor, body.action === 'submit' ? 'filing.apply' : 'filing.review');
  if (body.action === 'submit' && ctx.actor.orgKind !== 'school') throw forbidden();
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const f = await loadVisible(ctx, tx, id, true);
    if (body.expectedStatus && body.expectedStatus !== f.status) throw conflict('FILING.STALE', { status: f.status });
    const profile = profileOf(f);
    const verdict = decideTransition(body.action, await factsOf(tx, f), ctx.actor, profile, {
      reason: body.reason,
      hasAssessmentSheet: Boolean(body.assessment),
      today: today(),
    });
    if (!verdict.ok) throw new AppError(verdict.refusal.status, verdict.refusal.code, { action: body.action, status: f.status });
    if (body.attachmentIds?.length) await requireOwnAttachments(tx, ctx.actor.orgId, body.attachmentIds);

    const lines = await repo.linesOf(tx, [id]);
    const changes: Parameters<typeof repo.updateFiling>[2] = { status: verdict.to };
    let data: unknown = null;
    switch (body.action) {
      case 'submit': {
        const missing = missingParts({
          scope: lines,
          sites: f.sites as unknown[],
          assessors: f.assessors as unknown[],
          attachmentIds: f.attachmentIds,
          type: f.type as FilingType,
        });
        if (missing.length) throw unprocessable('FILING.INCOMPLETE', { missing });
        requireEligible(await eligibilityChecks(tx, f, lines, profile), lines);
        changes.submittedAt = new Date();
        break;
      }
      case 'approve':
        // R1/R3 (and R4) are checked again when a reviewer approves.
        requireEligible(await eligibilityChecks(tx, f, lines, profile), lines);
        break;
      case 'assess': {
        const a = body.assessment!;
        const scored = scoreAssessment(a.scores, profile);
        if ('error' in scored) throw unprocessable('FILING.SCORE_ABOVE_MAX', { issues: [fieldIssue('body.assessment.scores', 'valid.scoreAboveMax')] });
        const sheet: StoredAssessment = { panel: a.panel, scores: a.scores, ...scored };
        changes.assessment = sheet;
        data = sheet;
        break;
      }
      case 'list':
        requireEligible(await eligibilityChecks(tx, f, lines, profile), lines);
        data = await enterCatalog(tx, f, lines, profile);
        changes.institutionId = (data as { institutionId: string }).institutionId;
        break;
      case 'suspend':
      case 'reinstate':
      case 'revoke':
      case 'expire':
        if (f.institutionId) await instRepo.updateInstitution(tx, f.institutionId, { status: verdict.to });
        break;
    }
    await repo.updateFiling(tx, id, changes);
    await repo.insertEvent(tx, {
      filingId: id,
      action: body.action,
      fromStatus: f.status,
      toStatus: verdict.to,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      actorOrg: await orgName(tx, ctx.actor.orgId),
      reason: body.reason ?? null,
      attachmentIds: body.attachmentIds ?? [],
      data,
    });
    await audit({
      action: `filing.${body.action}`,
      targetType: 'filing',
      targetId: id,
      before: { status: f.status },
      after: { status: verdict.to, reason: body.reason ?? null, data },
    });
  });
  return getFiling(ctx, id);
}

async function orgName(tx: Tx, orgId: string): Promise<string | null> {
  return (await findOrganisation(tx, orgId))?.name ?? null;
}

/**
 * Listing: a first filing creates the catalog entry with its institution code (0001–9999 when reported to 人社部,
 * 0000 when filed with the province), the province's serial, the certificate-number prefix and the validity period;
 * an expansion adds its lines to the institution's scope.
 */
async function enterCatalog(tx: Tx, f: Row, lines: LineRow[], profile: PolicyProfile) {
  const scope = (institutionId: string) =>
    lines.map((l) => ({ institutionId, occupationId: l.occupationId, specialItemId: l.specialItemId, workType: l.workType, level: l.level, filingId: f.id }));
  if (f.type === 'expansion' && f.institutionId) {
    await instRepo.addScope(tx, scope(f.institutionId));
    return { institutionId: f.institutionId, added: lines.length };
  }
  const province = f.regionCode.slice(0, 2);
  const from = today();
  const validTo = validUntil(from, profile.filingValidityYears.value);
  const existing = await instRepo.findInstitutionOf(tx, f.orgId, f.kind);
  if (existing) {
    await instRepo.updateInstitution(tx, existing.id, { status: 'listed', validFrom: from, validTo, profileId: profile.id });
    await instRepo.addScope(tx, scope(existing.id));
    return { institutionId: existing.id, code: existing.code, certificatePrefix: existing.certificatePrefix, validFrom: from, validTo };
  }
  const code = profile.filingPath.value.reportedTo === 'mohrss' ? String(await instRepo.nextSerial(tx, 'institution-code:national')).padStart(4, '0') : '0000';
  const serial = await instRepo.nextSerial(tx, `institution-serial:${province}`);
  const prefix = certificatePrefix(code, province, serial);
  const institutionId = await instRepo.insertInstitution(tx, {
    orgId: f.orgId,
    kind: f.kind,
    code,
    province,
    provinceSerial: serial,
    certificatePrefix: prefix,
    status: 'listed',
    validFrom: from,
    validTo,
    profileId: profile.id,
  });
  await instRepo.addScope(tx, scope(institutionId));
  return { institutionId, code, certificatePrefix: prefix, validFrom: from, validTo };
}

export async function getFiling(ctx: UseCaseContext, id: string): Promise<FilingDetail> {
  requireAction(ctx.actor, 'filing.read');
  const f = await loadVisible(ctx, ctx.db, id);
  const [lines, events] = await Promise.all([repo.linesOf(ctx.db, [id]), repo.eventsOf(ctx.db, id)]);
  const actions = allowedActions(await factsOf(ctx.db, f), ctx.actor, profileOf(f), today());
  return {
    ...present(f, lines, actions),
    events: events.map((e) => ({
      id: String(e.id),
      at: e.at.toISOString(),
      action: e.action,
      fromStatus: (e.fromStatus as FilingStatus | null) ?? null,
      toStatus: e.toStatus as FilingStatus,
      actorName: e.actorName,
      actorOrg: e.actorOrg,
      reason: e.reason,
      attachmentIds: e.attachmentIds,
      data: e.data,
    })),
    assessment: (f.assessment as StoredAssessment | null) ?? null,
  };
}

/** Filings in scope; with `todo`, only those waiting for an action of mine (before listing). */
export async function listFilings(
  ctx: UseCaseContext,
  q: {
    status?: FilingStatus | undefined;
    todo?: 'true' | 'false' | undefined;
    orgId?: string | undefined;
    q?: string | undefined;
    region?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    sort?: FilingSort | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireAction(ctx.actor, 'filing.read');
  const scope = orgScopeOf(ctx.actor);
  if (q.todo !== 'true') {
    const { items, total } = await repo.listFilings(ctx.db, scope, q, q.pageSize, (q.page - 1) * q.pageSize);
    const lines = await repo.linesOf(
      ctx.db,
      items.map((i) => i.id),
    );
    const out = await Promise.all(items.map(async (f) => present(f, lines, allowedActions(await factsOf(ctx.db, f), ctx.actor, profileOf(f), today()))));
    return { items: out, total, page: q.page, pageSize: q.pageSize };
  }
  const { items } = await repo.listFilings(
    ctx.db,
    scope,
    { statuses: OPEN, orgId: q.orgId, q: q.q, region: q.region, from: q.from, to: q.to, sort: q.sort },
    2000,
    0,
  );
  const waiting: { f: Row; actions: FilingAction[] }[] = [];
  for (const f of items) {
    const actions = allowedActions(await factsOf(ctx.db, f), ctx.actor, profileOf(f), today());
    if (actions.length) waiting.push({ f, actions });
  }
  const page = waiting.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const lines = await repo.linesOf(
    ctx.db,
    page.map((w) => w.f.id),
  );
  return { items: page.map((w) => present(w.f, lines, w.actions)), total: waiting.length, page: q.page, pageSize: q.pageSize };
}
