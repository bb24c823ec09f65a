import { fieldIssue } from '@skillcert/shared/validation-key';
import type { ValidationMessageKey } from '@skillcert/shared/validation-messages';
import type { RosterAssessor, Site } from '@skillcert/shared/api/filings';
import type {
  CandidateSource,
  ChangeRequestView,
  PartKind,
  Plan,
  PlanAction,
  PlanBasis,
  PlanBodyParsed,
  PlanCheck,
  PlanCheckReport,
  PlanDetail,
  PlanMethod,
  PlanOptions,
  PlanQuery,
  PlanStatus,
  PlanTransitionBody,
  StaffRole,
} from '@skillcert/shared/api/plans';
import type { PolicyProfile } from '@skillcert/shared/api/policies';
import type { OrgKind, SchoolType, SkillLevel } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { AppError, conflict, forbidden, notFound, ruleViolation, unprocessable } from '../../http/errors.ts';
import { type Actor, orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { areaCoverage } from '../curriculum/curriculum.rules.ts';
import { findOccupationByCode, findSpecialItems } from '../occupations/occupations.repository.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import * as repo from './plans.repository.ts';
import { requirePlanMayOperate, standingOf } from '../sanctions/sanctions.service.ts';
import {
  allowedPlanActions,
  decidePlanTransition,
  earliestFirstSitting,
  isEditable,
  isPlanBureau,
  mayAssignSupervisors,
  mayRequestChange,
  type PlanCheckFacts,
  type PlanFacts,
  planChecks,
  type RosterFact,
} from './plans.rules.ts';

type Row = repo.PlanRow;

/** 逢考必督: only an active supervisor account counts (one deactivated or given another role since no longer supervises). */
const supervising = (s: { active: boolean; role: string }) => s.active && s.role === 'supervisor';
type Structure = Awaited<ReturnType<typeof structureOf>>;

const today = () => new Date().toISOString().slice(0, 10);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function profileOf(p: Pick<Row, 'profileId' | 'regionCode'>): PolicyProfile {
  return findProfile(p.profileId) ?? profileForRegion(p.regionCode);
}

// --- visibility ----------------------------------------------------------------------------------

/** The plan if the actor may see it (its school; HR over the school's region; an assigned supervisor); else 404. */
async function loadVisible(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false): Promise<Row> {
  const p = await repo.findPlan(ex, id, forUpdate);
  if (!p) throw notFound('plan');
  if (ctx.actor.role === 'supervisor') {
    const sup = await repo.supervisorsOf(ex, [id]);
    if (!sup.some((s) => s.userId === ctx.actor.userId)) throw notFound('plan');
    return p;
  }
  requireOrgInScope(ctx.actor, { id: p.orgId, kind: 'school' as OrgKind, regionCode: p.regionCode }, 'plan');
  return p;
}

function planScope(actor: Actor): repo.PlanScope {
  return actor.role === 'supervisor' ? { kind: 'supervisor', userId: actor.userId } : orgScopeOf(actor);
}

// --- reading -------------------------------------------------------------------------------------

async function structureOf(ex: Executor, planId: string) {
  // One after another: inside a transaction the queries share one connection.
  const parts = await repo.partsOf(ex, planId);
  const sittings = await repo.sittingsOf(ex, planId);
  const staff = await repo.staffOf(ex, planId);
  const conflicts = await repo.conflictsOf(ex, planId);
  return { parts, sittings, staff, conflicts };
}

async function factsOf(ex: Executor, p: Row): Promise<PlanFacts> {
  const sup = await repo.supervisorsOf(ex, [p.id]);
  const changes = await repo.changeRequestsOf(ex, [p.id]);
  return {
    status: p.status as PlanStatus,
    orgId: p.orgId,
    regionCode: p.regionCode,
    supervisorIds: sup.filter(supervising).map((s) => s.userId),
    pendingChange: changes.some((c) => c.status === 'pending'),
  };
}

function presentChange(c: Awaited<ReturnType<typeof repo.changeRequestsOf>>[number]): ChangeRequestView {
  return {
    id: c.id,
    status: c.status as ChangeRequestView['status'],
    baseVersion: c.baseVersion,
    changes: c.changes as ChangeRequestView['changes'],
    reason: c.reason,
    decisionReason: c.decisionReason,
    createdAt: c.createdAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
  };
}

async function present(ex: Executor, rows: Row[], actor: Actor): Promise<Plan[]> {
  const ids = rows.map((r) => r.id);
  const [sup, firsts, changes] = await Promise.all([repo.supervisorsOf(ex, ids), repo.firstSittings(ex, ids), repo.changeRequestsOf(ex, ids)]);
  return rows.map((p) => {
    const supervisors = sup.filter((s) => s.planId === p.id);
    const pendingChange = changes.some((c) => c.planId === p.id && c.status === 'pending');
    const facts: PlanFacts = {
      status: p.status as PlanStatus,
      orgId: p.orgId,
      regionCode: p.regionCode,
      supervisorIds: supervisors.filter(supervising).map((s) => s.userId),
      pendingChange,
    };
    return {
      id: p.id,
      institutionId: p.institutionId,
      orgId: p.orgId,
      orgName: p.orgName,
      regionCode: p.regionCode,
      title: p.title,
      occupationCode: p.occupationCode,
      occupationName: p.occupationName,
      specialItemId: p.specialItemId,
      specialItemName: p.specialItemName,
      workType: p.workType,
      level: p.level as SkillLevel | null,
      basis: p.basis as PlanBasis,
      evalSpecId: p.evalSpecId,
      method: p.method as PlanMethod,
      candidateSources: p.candidateSources as CandidateSource[],
      courseExamReplacesTheory: p.courseExamReplacesTheory,
      capacity: p.capacity,
      status: p.status as PlanStatus,
      profileId: p.profileId,
      leadDays: p.leadDays,
      internalSupervisor: p.internalSupervisor,
      note: p.note,
      version: p.version,
      firstSitting: firsts.get(p.id) ?? null,
      supervisors: supervisors.map((s) => ({ userId: s.userId, displayName: s.displayName, username: s.username, assignedAt: s.at.toISOString() })),
      pendingChange,
      allowedActions: allowedPlanActions(facts, actor, profileOf(p)),
      submittedAt: p.submittedAt?.toISOString() ?? null,
      acknowledgedAt: p.acknowledgedAt?.toISOString() ?? null,
      updatedAt: p.updatedAt.toISOString(),
      createdAt: p.createdAt.toISOString(),
    };
  });
}

export async function getPlan(ctx: UseCaseContext, id: string): Promise<PlanDetail> {
  requireAction(ctx.actor, 'plan.read');
  const p = await loadVisible(ctx, ctx.db, id);
  const [[plan], s, events, changes] = await Promise.all([
    present(ctx.db, [p], ctx.actor),
    structureOf(ctx.db, id),
    repo.eventsOf(ctx.db, id),
    repo.changeRequestsOf(ctx.db, [id]),
  ]);
  return {
    ...plan!,
    parts: s.parts.map(({ part, paperName }) => ({
      id: part.id,
      kind: part.kind as PartKind,
      name: part.name,
      passMark: part.passMark,
      durationMinutes: part.durationMinutes,
      weight: part.weight,
      paperId: part.paperId,
      paperName,
      lateEntryMinutes: part.lateEntryMinutes,
      minMinutesBeforeSubmit: part.minMinutesBeforeSubmit,
      sittings: s.sittings
        .filter((x) => x.partId === part.id)
        .map((x) => ({
          id: x.id,
          date: x.date,
          startTime: x.startTime,
          endTime: x.endTime,
          site: x.site,
          room: x.room,
          capacity: x.capacity,
          classes: x.classes,
          staff: s.staff
            .filter((m) => m.sittingId === x.id)
            .map((m) => ({ id: m.id, role: m.role as StaffRole, certificateNo: m.certificateNo, name: m.name, drawId: m.drawId })),
        })),
    })),
    conflicts: s.conflicts.map((c) => ({ id: c.id, certificateNo: c.certificateNo, kind: c.kind as 'teaches_class' | 'relative', value: c.value })),
    events: events.map((e) => ({
      id: String(e.id),
      at: e.at.toISOString(),
      action: e.action,
      fromStatus: (e.fromStatus as PlanStatus | null) ?? null,
      toStatus: e.toStatus as PlanStatus,
      actorName: e.actorName,
      actorOrg: e.actorOrg,
      reason: e.reason,
      data: e.data,
    })),
    changeRequests: changes.map(presentChange),
  };
}

/** Plans in my scope; with `todo`, only those waiting for me (HR: to acknowledge or a change to decide; a supervisor: assigned, not closed). */
export async function listPlans(ctx: UseCaseContext, q: PlanQuery) {
  requireAction(ctx.actor, 'plan.read');
  const scope = planScope(ctx.actor);
  if (q.todo !== 'true') {
    const { items, total } = await repo.listPlans(ctx.db, scope, q, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: await present(ctx.db, items, ctx.actor), total, page: q.page, pageSize: q.pageSize };
  }
  const open: PlanStatus[] = ctx.actor.role === 'supervisor' ? ['acknowledged', 'in_progress', 'marking'] : ['draft', 'returned', 'submitted', 'acknowledged'];
  const { items } = await repo.listPlans(ctx.db, scope, { statuses: open, q: q.q, from: q.from, to: q.to, range: q.range, sort: q.sort }, 2000, 0);
  const all = await present(ctx.db, items, ctx.actor);
  const mine = all.filter((p) =>
    ctx.actor.role === 'supervisor'
      ? true
      : ctx.actor.role === 'hr'
        ? p.allowedActions.includes('acknowledge') || (p.pendingChange && isPlanBureau(ctx.actor, profileOf(p).filingPath.value.list, p.regionCode))
        : p.allowedActions.length > 0,
  );
  return { items: mine.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: mine.length, page: q.page, pageSize: q.pageSize };
}

// --- writing a draft -----------------------------------------------------------------------------

const issue = (path: string, message: ValidationMessageKey, params?: Record<string, string | number>) => ({
  issues: [fieldIssue(`body.${path}`, message, params)],
});

interface Subject {
  kind: 'skill_level' | 'special_ability';
  occupationId: string | null;
  specialItemId: string | null;
  level: SkillLevel | null;
  workType: string | null;
}

async function resolveSubject(ex: Executor, body: PlanBodyParsed, province: string): Promise<Subject> {
  if (body.occupationCode && !body.specialItemId) {
    if (body.level === undefined) throw unprocessable('PLAN.SUBJECT', issue('level', 'valid.levelWithOccupation'));
    const o = await findOccupationByCode(ex, body.occupationCode);
    if (!o) throw unprocessable('PLAN.UNKNOWN_OCCUPATION', issue('occupationCode', 'valid.unknownOccupation', { code: body.occupationCode }));
    if (!o.levels.includes(body.level))
      throw unprocessable('PLAN.LEVEL_NOT_OFFERED', { levels: o.levels, ...issue('level', 'valid.noLevel', { name: o.name, level: body.level }) });
    if (body.workType && !o.workTypes.includes(body.workType))
      throw unprocessable('PLAN.UNKNOWN_WORK_TYPE', issue('workType', 'valid.allowedWorkTypes', { allowed: o.workTypes.join('、') || '—' }));
    return { kind: 'skill_level', occupationId: o.id, specialItemId: null, level: body.level, workType: body.workType ?? null };
  }
  if (body.specialItemId && !body.occupationCode && body.level === undefined) {
    const item = (await findSpecialItems(ex, [body.specialItemId])).get(body.specialItemId);
    if (!item || item.province !== province) throw unprocessable('PLAN.UNKNOWN_SPECIAL_ITEM', issue('specialItemId', 'valid.notInProvinceCatalog'));
    return { kind: 'special_ability', occupationId: null, specialItemId: item.id, level: null, workType: null };
  }
  throw unprocessable('PLAN.SUBJECT', issue('occupationCode', 'valid.subjectRequired'));
}

/** The roster and sites the institution declared in the filings that listed it (R9). */
async function declarations(ex: Executor, institutionId: string) {
  const { scope, declared } = await repo.institutionDeclarations(ex, institutionId);
  const roster = new Map<string, RosterFact>();
  const sites = new Map<string, { name: string; capacity: number }>();
  for (const f of declared) {
    for (const a of f.assessors as RosterAssessor[]) roster.set(a.certificateNo, { ...a, levels: a.levels ?? [] });
    for (const s of f.sites as Site[]) sites.set(s.name, { name: s.name, capacity: s.capacity });
  }
  return { scope, roster: [...roster.values()], sites: [...sites.values()] };
}

/** Structure of a draft, checked for what would corrupt it (own papers of the right part, nobody twice in a sitting). */
async function buildStructure(
  ex: Executor,
  orgId: string,
  subject: Subject,
  body: PlanBodyParsed,
  roster: readonly RosterFact[],
  profile: PolicyProfile,
): Promise<repo.PartWrite[]> {
  const paperIds = body.parts.flatMap((p) => (p.paperId ? [p.paperId] : []));
  const papers = new Map((await repo.findPapers(ex, paperIds)).map((p) => [p.id, p]));
  const names = new Map(roster.map((r) => [r.certificateNo, r.name]));
  let position = 0;
  return body.parts.map((p, i) => {
    if (p.paperId) {
      const paper = papers.get(p.paperId);
      const wantPart = p.kind === 'theory' ? 'theory' : p.kind === 'practical' ? 'skills' : null;
      if (!paper || paper.orgId !== orgId) throw unprocessable('PLAN.UNKNOWN_PAPER', issue(`parts.${i}.paperId`, 'valid.notOurPaper'));
      if (paper.part !== wantPart || paper.occupationId !== subject.occupationId || paper.level !== subject.level) {
        throw unprocessable('PLAN.PAPER_MISMATCH', issue(`parts.${i}.paperId`, 'valid.paperMismatch'));
      }
    }
    if (p.kind === 'process' && !p.name) throw unprocessable('PLAN.PART_NAME', issue(`parts.${i}.name`, 'valid.processPartName'));
    return {
      part: {
        position: i,
        kind: p.kind,
        name: p.name ?? null,
        passMark: p.passMark ?? profile.passMark.value,
        durationMinutes: p.durationMinutes,
        weight: p.kind === 'process' ? (p.weight ?? null) : null,
        paperId: p.paperId ?? null,
        lateEntryMinutes: p.lateEntryMinutes,
        minMinutesBeforeSubmit: p.minMinutesBeforeSubmit,
      },
      sittings: p.sittings.map((s, j) => {
        const seen = new Set<string>();
        for (const [k, m] of s.staff.entries()) {
          if (seen.has(m.certificateNo))
            throw unprocessable('PLAN.STAFF_TWICE', issue(`parts.${i}.sittings.${j}.staff.${k}.certificateNo`, 'valid.staffTwice'));
          seen.add(m.certificateNo);
        }
        return {
          sitting: {
            position: position++,
            date: s.date,
            startTime: s.startTime,
            endTime: s.endTime,
            site: s.site,
            room: s.room,
            capacity: s.capacity,
            classes: s.classes,
          },
          staff: s.staff.map((m) => ({ role: m.role, certificateNo: m.certificateNo, name: names.get(m.certificateNo) ?? '' })),
        };
      }),
    };
  });
}

async function requireEvalSpec(ex: Executor, orgId: string, id: string | undefined): Promise<string | null> {
  if (!id) return null;
  const spec = await repo.findEvalSpec(ex, id);
  if (!spec || spec.orgId !== orgId) throw unprocessable('PLAN.UNKNOWN_SPEC', issue('evalSpecId', 'valid.notOurSpec'));
  return spec.id;
}

function planValues(body: PlanBodyParsed, subject: Subject, evalSpecId: string | null) {
  return {
    title: body.title,
    occupationId: subject.occupationId,
    specialItemId: subject.specialItemId,
    workType: subject.workType,
    level: subject.level,
    basis: body.basis,
    evalSpecId,
    method: body.method,
    candidateSources: [...new Set(body.candidateSources)],
    courseExamReplacesTheory: body.courseExamReplacesTheory,
    capacity: body.capacity,
    internalSupervisor: body.internalSupervisor ?? null,
    note: body.note ?? null,
  };
}

function requireSchool(ctx: UseCaseContext): void {
  if (ctx.actor.orgKind !== 'school') throw forbidden();
}

export async function createPlan(ctx: UseCaseContext, body: PlanBodyParsed): Promise<PlanDetail> {
  requireAction(ctx.actor, 'plan.manage');
  requireSchool(ctx);
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const subject = await resolveSubject(tx, body, ctx.actor.regionCode.slice(0, 2));
    const inst = await repo.findListedInstitution(tx, ctx.actor.orgId, subject.kind);
    if (!inst) throw unprocessable('PLAN.NO_INSTITUTION', { kind: subject.kind });
    const profile = findProfile(inst.profileId) ?? profileForRegion(ctx.actor.regionCode);
    const { roster } = await declarations(tx, inst.id);
    const parts = await buildStructure(tx, ctx.actor.orgId, subject, body, roster, profile);
    const evalSpecId = await requireEvalSpec(tx, ctx.actor.orgId, body.evalSpecId);
    const newId = await repo.insertPlan(tx, {
      ...planValues(body, subject, evalSpecId),
      institutionId: inst.id,
      orgId: ctx.actor.orgId,
      status: 'draft',
      profileId: profile.id,
      createdBy: ctx.actor.userId,
    });
    await repo.replaceStructure(tx, newId, parts, body.conflicts);
    await repo.insertEvent(tx, { planId: newId, action: 'create', fromStatus: null, toStatus: 'draft', ...(await who(tx, ctx.actor)) });
    await audit({ action: 'plan.create', targetType: 'plan', targetId: newId, after: body });
    return newId;
  });
  return getPlan(ctx, id);
}

export async function updatePlan(ctx: UseCaseContext, id: string, body: PlanBodyParsed): Promise<PlanDetail> {
  requireAction(ctx.actor, 'plan.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadVisible(ctx, tx, id, true);
    if (p.orgId !== ctx.actor.orgId) throw forbidden();
    if (!isEditable(p.status as PlanStatus)) throw conflict('PLAN.NOT_EDITABLE', { status: p.status });
    const subject = await resolveSubject(tx, body, p.regionCode.slice(0, 2));
    const inst = await repo.findListedInstitution(tx, ctx.actor.orgId, subject.kind);
    if (!inst || inst.id !== p.institutionId) throw unprocessable('PLAN.KIND_MISMATCH', issue('occupationCode', 'valid.kindFixed'));
    const { roster } = await declarations(tx, inst.id);
    const parts = await buildStructure(tx, ctx.actor.orgId, subject, body, roster, profileOf(p));
    const evalSpecId = await requireEvalSpec(tx, ctx.actor.orgId, body.evalSpecId);
    await repo.updatePlan(tx, id, planValues(body, subject, evalSpecId));
    await repo.replaceStructure(tx, id, parts, body.conflicts);
    await audit({ action: 'plan.update', targetType: 'plan', targetId: id, before: { status: p.status, title: p.title }, after: body });
  });
  return getPlan(ctx, id);
}

// --- the checks ----------------------------------------------------------------------------------

async function checkFacts(ex: Executor, p: Row, s: Structure, submittedOn: string): Promise<PlanCheckFacts> {
  const inst = await repo.findListedInstitution(ex, p.orgId, p.specialItemId ? 'special_ability' : 'skill_level');
  const { scope, roster, sites } = await declarations(ex, p.institutionId);
  // R14: the institution's status and its lines' suspensions as the sanctions module reads them (a period ends by itself).
  const standing = await standingOf(ex, inst ? [inst.id] : []);
  const spec = p.evalSpecId ? await repo.findEvalSpec(ex, p.evalSpecId) : undefined;
  let mayReplace: boolean | null = null;
  if (p.courseExamReplacesTheory && p.occupationId && p.level !== null) {
    const bp = await repo.findBlueprint(ex, p.orgId, p.occupationId, p.level);
    if (bp) {
      const taught = await repo.taughtAreas(ex, bp.id, p.orgId);
      mayReplace = areaCoverage(bp as Parameters<typeof areaCoverage>[0], taught).courseExamMayReplaceTheory;
    }
  }
  return {
    submittedOn,
    institution: { status: inst ? standing.status(inst) : 'none', validTo: inst?.validTo ?? '0000-00-00' },
    school: { schoolType: (p.schoolType as SchoolType | null) ?? null },
    // No platform record marks a school as a selected 社会培训评价组织 yet: society stays closed where the profile needs it.
    stage: { closedPlans: await repo.countClosedPlans(ex, p.institutionId), socialTrainingOrg: false },
    scope: scope.map((l) => ({
      occupationId: l.occupationId,
      specialItemId: l.specialItemId,
      workType: l.workType,
      level: l.level,
      suspended: standing.lineSuspended(l),
    })),
    sites,
    roster,
    plan: {
      occupationId: p.occupationId,
      occupationCode: p.occupationCode,
      hasNationalStandard: p.hasStandardYear !== null,
      specialItemId: p.specialItemId,
      workType: p.workType,
      level: p.level as SkillLevel | null,
      basis: p.basis as PlanBasis,
      evalSpec: spec ? { status: spec.status, sameOrg: spec.orgId === p.orgId, occupationId: spec.occupationId, levels: spec.levels } : null,
      method: p.method as PlanMethod,
      candidateSources: p.candidateSources as CandidateSource[],
      courseExamReplacesTheory: p.courseExamReplacesTheory,
      courseExamMayReplaceTheory: mayReplace,
      capacity: p.capacity,
      enrolled: null,
      parts: s.parts.map(({ part }) => ({
        kind: part.kind as PartKind,
        weight: part.weight,
        sittings: s.sittings
          .filter((x) => x.partId === part.id)
          .map((x) => ({
            ...x,
            staff: s.staff.filter((m) => m.sittingId === x.id).map((m) => ({ role: m.role as StaffRole, certificateNo: m.certificateNo })),
          })),
      })),
      conflicts: s.conflicts.map((c) => ({ certificateNo: c.certificateNo, kind: c.kind as 'teaches_class' | 'relative', value: c.value })),
    },
  };
}

/** Refuse with 422 naming the first failing check's rule; every failing check in the details. */
function requirePassing(checks: PlanCheck[]): void {
  const failing = checks.filter((c) => !c.pass);
  const first = failing[0];
  if (!first) return;
  throw ruleViolation(
    first.rule,
    first.code,
    { checks: failing, ...(first.path ? { path: first.path } : {}) },
    { rule: first.rule, value: String(first.value), required: Array.isArray(first.required) ? first.required.join('、') : String(first.required) },
  );
}

/** The checks a plan must pass, as they stand today (the editor shows them before submission). */
export async function planCheckReport(ctx: UseCaseContext, id: string): Promise<PlanCheckReport> {
  requireAction(ctx.actor, 'plan.read');
  const p = await loadVisible(ctx, ctx.db, id);
  const on = p.submittedAt && !isEditable(p.status as PlanStatus) ? dayOf(p.submittedAt) : today();
  const checks = planChecks(await checkFacts(ctx.db, p, await structureOf(ctx.db, id), on), profileOf(p));
  return { ready: checks.every((c) => c.pass), checks, earliestFirstSitting: earliestFirstSitting(on, profileOf(p)) };
}

// --- transitions ---------------------------------------------------------------------------------

async function who(tx: Executor, actor: Actor) {
  return { actorId: actor.userId, actorName: actor.displayName, actorOrg: (await findOrganisation(tx, actor.orgId))?.name ?? null };
}

/** HR's own active supervisor accounts, or 422 naming the ones that are not. */
async function requireOwnSupervisors(tx: Executor, actor: Actor, userIds: readonly string[]): Promise<string[]> {
  const own = new Set((await repo.supervisorAccounts(tx, actor.orgId)).map((s) => s.userId));
  const wrong = userIds.filter((u) => !own.has(u));
  if (wrong.length) throw unprocessable('PLAN.NOT_A_SUPERVISOR', { userIds: wrong, ...issue('supervisorIds', 'valid.notSupervisor') });
  return [...new Set(userIds)];
}

/** Lock the plan, re-check its status, decide, apply (checks at submit and acknowledge), write the history row and the audit entry. */
export async function transitionPlan(
  ctx: UseCaseContext,
  id: string,
  body: PlanTransitionBody | { action: 'submit'; expectedStatus?: PlanStatus | undefined },
): Promise<PlanDetail> {
  const action: PlanAction = body.action;
  requireAction(ctx.actor, action === 'acknowledge' || action === 'return' ? 'plan.acknowledge' : 'plan.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadVisible(ctx, tx, id, true);
    if (body.expectedStatus && body.expectedStatus !== p.status) throw conflict('PLAN.STALE', { status: p.status });
    const profile = profileOf(p);
    const reason = 'reason' in body ? body.reason : undefined;
    // R14: a suspended institution or scope line submits and starts no plan (sanctions module), whatever else holds.
    if (action === 'submit' || action === 'start') await requirePlanMayOperate(tx, id, new Date(), action === 'submit');
    const verdict = decidePlanTransition(action, await factsOf(tx, p), ctx.actor, profile, { reason });
    if (!verdict.ok) {
      const r = verdict.refusal;
      throw new AppError(r.status, r.code, { action, status: p.status, ...('rule' in r ? { rule: r.rule } : {}) });
    }
    const changes: Parameters<typeof repo.updatePlan>[2] = { status: verdict.to };
    let data: Record<string, unknown> | null = null;
    if (action === 'submit') {
      const on = today();
      requirePassing(planChecks(await checkFacts(tx, p, await structureOf(tx, id), on), profile));
      changes.submittedAt = new Date();
      changes.leadDays = profile.planLeadDays.value;
      data = { firstSittingNoEarlierThan: earliestFirstSitting(on, profile) };
    }
    if (action === 'acknowledge') {
      // Checked again as of the day it was submitted: a scope line suspended meanwhile, a roster change, still refuse.
      requirePassing(planChecks(await checkFacts(tx, p, await structureOf(tx, id), p.submittedAt ? dayOf(p.submittedAt) : today()), profile));
      changes.acknowledgedAt = new Date();
      changes.acknowledgedBy = ctx.actor.userId;
      if (body.action === 'acknowledge' && body.supervisorIds?.length) {
        const ids = await requireOwnSupervisors(tx, ctx.actor, body.supervisorIds);
        await repo.addSupervisors(tx, id, ids, ctx.actor.userId);
        data = { supervisorIds: ids };
      }
    }
    if (action === 'withdraw') {
      // A change request (变更) pending on a withdrawn plan goes with it: nothing is left for HR to decide.
      const pending = (await repo.changeRequestsOf(tx, [id])).filter((c) => c.status === 'pending').map((c) => c.id);
      for (const changeId of pending) await repo.updateChangeRequest(tx, changeId, { status: 'withdrawn', decidedAt: new Date() });
      if (pending.length) data = { withdrawnChangeIds: pending };
    }
    await repo.updatePlan(tx, id, changes);
    await repo.insertEvent(tx, { planId: id, action, fromStatus: p.status, toStatus: verdict.to, reason: reason ?? null, data, ...(await who(tx, ctx.actor)) });
    await audit({
      action: `plan.${action}`,
      targetType: 'plan',
      targetId: id,
      before: { status: p.status },
      after: { status: verdict.to, reason: reason ?? null, data },
    });
  });
  return getPlan(ctx, id);
}

// --- supervisors ---------------------------------------------------------------------------------

/** The bureau's supervisor accounts HR may assign to this plan. */
export async function supervisorOptions(ctx: UseCaseContext, id: string) {
  requireAction(ctx.actor, 'plan.acknowledge');
  const p = await loadVisible(ctx, ctx.db, id);
  if (!isPlanBureau(ctx.actor, profileOf(p).filingPath.value.list, p.regionCode)) throw forbidden('PLAN.NOT_YOUR_STEP');
  return repo.supervisorAccounts(ctx.db, ctx.actor.orgId);
}

/** HR assigns external quality supervisors (外部质量督导员) of its own bureau. */
export async function assignSupervisors(ctx: UseCaseContext, id: string, userIds: string[]): Promise<PlanDetail> {
  requireAction(ctx.actor, 'plan.acknowledge');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadVisible(ctx, tx, id, true);
    if (!isPlanBureau(ctx.actor, profileOf(p).filingPath.value.list, p.regionCode)) throw forbidden('PLAN.NOT_YOUR_STEP');
    if (!mayAssignSupervisors(p.status as PlanStatus)) throw conflict('PLAN.TRANSITION_OUT_OF_ORDER', { status: p.status });
    const ids = await requireOwnSupervisors(tx, ctx.actor, userIds);
    await repo.addSupervisors(tx, id, ids, ctx.actor.userId);
    await repo.insertEvent(tx, {
      planId: id,
      action: 'assign_supervisors',
      fromStatus: p.status,
      toStatus: p.status,
      data: { supervisorIds: ids },
      ...(await who(tx, ctx.actor)),
    });
    await audit({ action: 'plan.assign_supervisors', targetType: 'plan', targetId: id, after: { supervisorIds: ids } });
  });
  return getPlan(ctx, id);
}

// --- change requests (变更) ------------------------------------------------------------------------

type ParsedChange = {
  reason: string;
  sittings: {
    sittingId: string;
    date?: string | undefined;
    startTime?: string | undefined;
    endTime?: string | undefined;
    site?: string | undefined;
    room?: string | undefined;
  }[];
  papers: { partId: string; paperId: string | null }[];
};

/** The school asks to change dates, rooms or papers of an acknowledged plan; HR acknowledges it again. */
export async function requestChange(ctx: UseCaseContext, id: string, body: ParsedChange): Promise<PlanDetail> {
  requireAction(ctx.actor, 'plan.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadVisible(ctx, tx, id, true);
    if (p.orgId !== ctx.actor.orgId) throw forbidden();
    if (!mayRequestChange(p.status as PlanStatus)) throw conflict('PLAN.TRANSITION_OUT_OF_ORDER', { status: p.status });
    const pending = (await repo.changeRequestsOf(tx, [id])).some((c) => c.status === 'pending');
    if (pending) throw conflict('PLAN.CHANGE_PENDING');
    const s = await structureOf(tx, id);
    const profile = profileOf(p);
    const { sites } = await declarations(tx, p.institutionId);
    const earliest = earliestFirstSitting(today(), profile);
    for (const [i, c] of body.sittings.entries()) {
      const sitting = s.sittings.find((x) => x.id === c.sittingId);
      if (!sitting) throw unprocessable('PLAN.UNKNOWN_SITTING', issue(`sittings.${i}.sittingId`, 'valid.notSittingOfPlan'));
      if (c.date && c.date < earliest)
        throw ruleViolation('lead_time', 'PLAN.LEAD_TIME', { path: `sittings.${i}.date` }, { rule: 'lead_time', value: c.date, required: earliest });
      const site = c.site ? sites.find((x) => x.name === c.site) : undefined;
      if (c.site && !site)
        throw ruleViolation(
          'R9',
          'PLAN.SITE_UNDECLARED',
          { path: `sittings.${i}.site` },
          { rule: 'R9', value: c.site, required: sites.map((x) => x.name).join('、') },
        );
      if (site && sitting.capacity > site.capacity)
        throw ruleViolation('R9', 'PLAN.SITE_CAPACITY', { path: `sittings.${i}.site` }, { rule: 'R9', value: sitting.capacity, required: site.capacity });
      if ((c.endTime ?? sitting.endTime) <= (c.startTime ?? sitting.startTime))
        throw unprocessable('PLAN.SITTING_TIME', issue(`sittings.${i}.endTime`, 'valid.endAfterStart'), { rule: 'parts', value: '', required: '' });
    }
    const papers = new Map(
      (
        await repo.findPapers(
          tx,
          body.papers.flatMap((x) => (x.paperId ? [x.paperId] : [])),
        )
      ).map((x) => [x.id, x]),
    );
    for (const [i, c] of body.papers.entries()) {
      const part = s.parts.find((x) => x.part.id === c.partId)?.part;
      if (!part) throw unprocessable('PLAN.UNKNOWN_PART', issue(`papers.${i}.partId`, 'valid.notPartOfPlan'));
      if (c.paperId) {
        const paper = papers.get(c.paperId);
        const wantPart = part.kind === 'theory' ? 'theory' : part.kind === 'practical' ? 'skills' : null;
        if (!paper || paper.orgId !== p.orgId) throw unprocessable('PLAN.UNKNOWN_PAPER', issue(`papers.${i}.paperId`, 'valid.notOurPaper'));
        if (paper.part !== wantPart || paper.occupationId !== p.occupationId || paper.level !== p.level)
          throw unprocessable('PLAN.PAPER_MISMATCH', issue(`papers.${i}.paperId`, 'valid.paperMismatch'));
      }
    }
    const changeId = await repo.insertChangeRequest(tx, {
      planId: id,
      status: 'pending',
      baseVersion: p.version,
      changes: { sittings: body.sittings, papers: body.papers },
      reason: body.reason,
      requestedBy: ctx.actor.userId,
    });
    await repo.updatePlan(tx, id, {});
    await repo.insertEvent(tx, {
      planId: id,
      action: 'request_change',
      fromStatus: p.status,
      toStatus: p.status,
      reason: body.reason,
      data: { changeId },
      ...(await who(tx, ctx.actor)),
    });
    await audit({ action: 'plan.request_change', targetType: 'plan', targetId: id, after: { changeId, ...body } });
  });
  return getPlan(ctx, id);
}

export async function decideChange(
  ctx: UseCaseContext,
  id: string,
  changeId: string,
  body: { decision: 'acknowledge' | 'return'; reason?: string | undefined },
): Promise<PlanDetail> {
  requireAction(ctx.actor, 'plan.acknowledge');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadVisible(ctx, tx, id, true);
    if (!isPlanBureau(ctx.actor, profileOf(p).filingPath.value.list, p.regionCode)) throw forbidden('PLAN.NOT_YOUR_STEP');
    const c = await repo.findChangeRequest(tx, id, changeId);
    if (!c) throw notFound('change request');
    if (c.status !== 'pending' || !mayRequestChange(p.status as PlanStatus)) throw conflict('PLAN.TRANSITION_OUT_OF_ORDER', { status: c.status });
    if (body.decision === 'return' && !body.reason?.trim()) throw new AppError(400, 'PLAN.REASON_REQUIRED');
    if (body.decision === 'acknowledge') {
      const changes = c.changes as ParsedChange;
      for (const s of changes.sittings) {
        const { sittingId, ...v } = s;
        await repo.updateSitting(tx, sittingId, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)));
      }
      for (const x of changes.papers) await repo.updatePart(tx, x.partId, { paperId: x.paperId });
      await repo.updatePlan(tx, id, { version: p.version + 1 });
    } else await repo.updatePlan(tx, id, {});
    await repo.updateChangeRequest(tx, changeId, {
      status: body.decision === 'acknowledge' ? 'acknowledged' : 'returned',
      decidedBy: ctx.actor.userId,
      decisionReason: body.reason ?? null,
      decidedAt: new Date(),
    });
    await repo.insertEvent(tx, {
      planId: id,
      action: `change_${body.decision}`,
      fromStatus: p.status,
      toStatus: p.status,
      reason: body.reason ?? null,
      data: { changeId },
      ...(await who(tx, ctx.actor)),
    });
    await audit({ action: `plan.change_${body.decision}`, targetType: 'plan', targetId: id, after: { changeId, reason: body.reason ?? null } });
  });
  return getPlan(ctx, id);
}

// --- the editor's options ------------------------------------------------------------------------

/** What a school may put in a plan: its listed scope, declared sites and roster (R9), its papers and 评价规范. */
export async function planOptions(ctx: UseCaseContext): Promise<PlanOptions> {
  requireAction(ctx.actor, 'plan.manage');
  requireSchool(ctx);
  const [insts, papers, specs] = await Promise.all([
    repo.institutionsOf(ctx.db, ctx.actor.orgId),
    repo.papersOf(ctx.db, ctx.actor.orgId),
    repo.specsOf(ctx.db, ctx.actor.orgId),
  ]);
  const standing = await standingOf(
    ctx.db,
    insts.map((i) => i.id),
  );
  const institutions = await Promise.all(
    insts.map(async (i) => {
      const { roster, sites } = await declarations(ctx.db, i.id);
      return {
        id: i.id,
        kind: i.kind as 'skill_level' | 'special_ability',
        status: standing.status(i),
        scope: i.lines.map((l) => ({
          occupationCode: l.occupationCode,
          occupationName: l.occupationName,
          specialItemId: l.specialItemId,
          specialItemName: l.specialItemName,
          workType: l.workType,
          level: l.level as SkillLevel | null,
          suspended: standing.lineSuspended(l),
        })),
        sites,
        roster: roster.map((r) => ({
          certificateNo: r.certificateNo,
          name: r.name,
          occupationCode: r.occupationCode ?? null,
          levels: [...(r.levels ?? [])],
          validTo: r.validTo ?? null,
        })),
      };
    }),
  );
  return { institutions, papers, specs, leadDays: profileForRegion(ctx.actor.regionCode).planLeadDays.value };
}
