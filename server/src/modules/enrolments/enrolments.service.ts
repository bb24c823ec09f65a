import { createHash, randomInt, randomUUID } from 'node:crypto';
import type {
  ActivationSlip,
  CandidateCategory,
  EnrolmentBody,
  EnrolmentImportReport,
  EnrolmentPart,
  EnrolmentSummary,
  EnrolOneResult,
  RowVerdict,
} from '@skillcert/shared/api/enrolment';
import type { SkillLevel } from '@skillcert/shared/domain';
import { maskIdCard, maskMobile } from '@skillcert/shared/validators/mask';
import { inTransaction, type Locale, type UseCaseContext } from '../../context.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { conflict, notFound, ruleViolation, unprocessable } from '../../http/errors.ts';
import type { Actor } from '../access/policy.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import { holdersOfCertificate } from './certificates.port.ts';
import { annotateEnrolmentWorkbook, columnOfField, enrolmentTemplateWorkbook, parseEnrolmentWorkbook } from './enrolments.excel.ts';
import { ENROLLING_STATUSES, requirePlanManage, requirePlanRead, requireReveal } from './enrolments.policy.ts';
import * as repo from './enrolments.repository.ts';
import { type CandidateRow, judgeRows, type PlanFacts, type Problem, type Verdict } from './enrolments.rules.ts';

// 报名: candidates of a plan, one by one or from the Excel template (preview every row's verdict, then store all the
// accepted rows in one transaction), one person per ID number sealed by the identity vault, a candidate account per
// person with a one-time activation code.

/** The plan's candidate sources (plans module words) in enrolment's words. */
const SOURCE_OF_PLAN: Record<string, CandidateCategory> = { own_students: 'own_student', other_schools: 'other_school_student', society: 'society' };

async function loadPlan(ex: Executor, planId: string, forUpdate = false): Promise<repo.PlanRow> {
  const plan = await repo.findPlan(ex, planId, forUpdate);
  if (!plan) throw notFound('plan');
  return plan;
}

function requireEnrolling(plan: repo.PlanRow): void {
  if (!ENROLLING_STATUSES.includes(plan.status)) throw conflict('ENROLMENT.PLAN_CLOSED', { status: plan.status });
}

/** The plan's facts as the rules read them. */
export async function planFacts(ex: Executor, plan: repo.PlanRow): Promise<PlanFacts> {
  const [{ parts, sittings }, own, mapped, enrolled] = await Promise.all([
    repo.partsAndSittings(ex, plan.id),
    repo.schoolMajors(ex, plan.orgId),
    repo.majorsOfOccupation(ex, plan.occupationId),
    repo.countEnrolled(ex, plan.id),
  ]);
  const profile = findProfile(plan.profileId) ?? profileForRegion(plan.regionCode);
  return {
    occupationName: plan.occupationName ?? plan.specialItemName ?? '',
    level: (plan.level ?? null) as SkillLevel | null,
    schoolType: (plan.schoolType ?? null) as PlanFacts['schoolType'],
    profile,
    sources: plan.candidateSources.map((s) => SOURCE_OF_PLAN[s]).filter((s): s is CandidateCategory => Boolean(s)),
    firstSittingDate: sittings[0]?.date ?? null,
    parts: parts.map((p) => p.kind).filter((k): k is EnrolmentPart => k === 'theory' || k === 'practical' || k === 'review'),
    capacity: plan.capacity,
    enrolled,
    ownMajors: new Map(own.map((m) => [m.code, m.name])),
    occupationMajors: new Map(mapped.map((m) => [m.code, m.name])),
  };
}

const keyOf = (vault: IdentityVault) => (i: { idType: string; value: string }) => `${i.idType}:${vault.hash(i.value)}`;

async function judge(
  ex: Executor,
  vault: IdentityVault,
  plan: repo.PlanRow,
  rows: CandidateRow[],
  locale: Locale,
  readProblems?: Map<number, Problem[]>,
): Promise<Verdict[]> {
  const facts = await planFacts(ex, plan);
  const [enrolledInPlan, holdingCertificate] = await Promise.all([repo.enrolledKeys(ex, plan.id), holdersOfCertificate(ex, plan.occupationId, plan.level)]);
  return judgeRows(rows, facts, { enrolledInPlan, holdingCertificate }, keyOf(vault), locale, undefined, readProblems);
}

function verdictView(v: Verdict): RowVerdict {
  return {
    row: v.row.row,
    name: v.row.name,
    idNumberMasked: maskIdCard(v.row.idNumber),
    accepted: v.problems.length === 0,
    problems: v.problems.map((p) => ({ code: p.code, rule: p.rule, column: columnOfField(p.field), message: p.message })),
  };
}

// --- Storing -------------------------------------------------------------------------------------------------

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A one-time activation code: 10 characters from 32 without look-alikes (50 bits). */
export function newActivationCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return s;
}
export const hashActivationCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

interface Stored {
  enrolmentIds: string[];
  slips: ActivationSlip[];
}

/**
 * Stores accepted verdicts: persons (one per ID number, sealed), enrolments, and candidate accounts for persons who
 * have none yet (their activation codes returned once, for the confirmation).
 */
async function storeAccepted(tx: Tx, vault: IdentityVault, actor: Actor, plan: repo.PlanRow, accepted: Verdict[], source: 'manual' | 'excel'): Promise<Stored> {
  const sealed = accepted.map((v) => ({ v, identity: v.identity!, ...vault.seal(v.identity!.value) }));
  const known = await repo.findPersons(
    tx,
    sealed.map((x) => ({ idType: x.identity.idType, idHash: x.hash })),
  );
  const fresh = sealed.filter((x) => !known.has(`${x.identity.idType}:${x.hash}`));
  const unlinked = sealed.filter((x) => known.get(`${x.identity.idType}:${x.hash}`)?.userId === null);

  // Accounts: one username per new (or account-less) person, its one-time code returned once for the confirmation.
  const needAccount = [...fresh, ...unlinked];
  const first = needAccount.length ? await repo.allocateSerial(tx, 'candidate_username', needAccount.length) : 0;
  const accountOf = new Map(
    needAccount.map((x, k) => [x.hash, { userId: randomUUID(), username: `ks${String(first + k).padStart(8, '0')}`, code: newActivationCode() }] as const),
  );
  await repo.insertCandidateUsers(
    tx,
    needAccount.map((x) => ({
      id: accountOf.get(x.hash)!.userId,
      username: accountOf.get(x.hash)!.username,
      displayName: x.v.row.name.trim(),
      orgId: plan.orgId,
    })),
  );
  const now = new Date();
  const personIds = new Map<string, string>();
  for (const x of fresh) personIds.set(x.hash, randomUUID());
  const inserted = await repo.insertPersons(
    tx,
    fresh.map((x) => {
      const account = accountOf.get(x.hash)!;
      return {
        id: personIds.get(x.hash)!,
        idType: x.identity.idType,
        idCipher: x.cipher,
        idHash: x.hash,
        name: x.v.row.name.trim(),
        gender: x.identity.gender,
        birthDate: x.identity.birthDate,
        phone: x.v.row.phone,
        userId: account.userId,
        activationCodeHash: hashActivationCode(account.code),
        activationIssuedAt: now,
      };
    }),
  );
  if (inserted !== fresh.length) throw conflict('ENROLMENT.CONCURRENT');
  for (const x of unlinked) {
    const account = accountOf.get(x.hash)!;
    await repo.linkAccount(tx, known.get(`${x.identity.idType}:${x.hash}`)!.id, account.userId, hashActivationCode(account.code));
  }

  const own = new Map((await repo.schoolMajors(tx, plan.orgId)).map((m) => [m.code, m.name]));
  const mapped = new Map((await repo.majorsOfOccupation(tx, plan.occupationId)).map((m) => [m.code, m.name]));
  const personOf = (x: (typeof sealed)[number]) => personIds.get(x.hash) ?? known.get(`${x.identity.idType}:${x.hash}`)!.id;
  const created = await repo.insertEnrolments(
    tx,
    sealed.map((x) => ({
      planId: plan.id,
      personId: personOf(x),
      orgId: plan.orgId,
      category: x.v.row.category!,
      societyKind: x.v.row.societyKind,
      schoolName: x.v.row.category === 'other_school_student' ? x.v.row.schoolName : null,
      majorCode: x.v.row.category === 'society' ? null : x.v.row.majorCode,
      majorName: x.v.row.majorCode && x.v.row.category !== 'society' ? (own.get(x.v.row.majorCode) ?? mapped.get(x.v.row.majorCode) ?? null) : null,
      className: x.v.row.className,
      graduatingYear: x.v.row.graduatingYear,
      attempts: x.v.row.attempts as Record<string, string>,
      source,
      createdBy: actor.userId,
    })),
  );
  const enrolmentOf = new Map(created.map((e) => [e.personId, e.id]));
  const slips: ActivationSlip[] = needAccount.map((x) => {
    const account = accountOf.get(x.hash)!;
    return {
      enrolmentId: enrolmentOf.get(personOf(x))!,
      name: x.v.row.name.trim(),
      idNumberMasked: maskIdCard(x.identity.value),
      username: account.username,
      activationCode: account.code,
    };
  });
  return { enrolmentIds: created.map((c) => c.id), slips };
}

// --- Use cases --------------------------------------------------------------------------------------------------

export async function enrolmentTemplate(ctx: UseCaseContext, planId: string): Promise<Buffer> {
  const plan = await loadPlan(ctx.db, planId);
  requirePlanManage(ctx.actor, plan);
  const [own, mapped, classes] = await Promise.all([
    repo.schoolMajors(ctx.db, plan.orgId),
    repo.majorsOfOccupation(ctx.db, plan.occupationId),
    repo.classesOfOrg(ctx.db, plan.orgId),
  ]);
  const mappedCodes = new Set(mapped.map((m) => m.code));
  // The school's majors that lead to the occupation first, then its others.
  const majors = [...own.filter((m) => mappedCodes.has(m.code)), ...own.filter((m) => !mappedCodes.has(m.code))];
  return enrolmentTemplateWorkbook({ majors, classes });
}

async function report(file: Buffer, verdicts: Verdict[], stored: boolean, slips: ActivationSlip[]): Promise<EnrolmentImportReport> {
  const views = verdicts.map(verdictView);
  const refused = views.filter((v) => !v.accepted);
  const notes = refused.flatMap((v) => v.problems.map((p) => ({ row: v.row, column: p.column, message: p.rule ? `${p.message}` : p.message })));
  return {
    stored,
    rows: views.length,
    accepted: views.length - refused.length,
    refused: refused.length,
    fileErrors: [],
    verdicts: views,
    annotatedWorkbookBase64: refused.length ? ((await annotateEnrolmentWorkbook(file, notes))?.toString('base64') ?? null) : null,
    activations: slips,
  };
}

async function fileRefusal(file: Buffer, errors: string[]): Promise<EnrolmentImportReport> {
  const annotated = await annotateEnrolmentWorkbook(
    file,
    errors.map((message) => ({ row: 0, column: 'A', message })),
  );
  return {
    stored: false,
    rows: 0,
    accepted: 0,
    refused: 0,
    fileErrors: errors,
    verdicts: [],
    annotatedWorkbookBase64: annotated?.toString('base64') ?? null,
    activations: [],
  };
}

/** Every row's verdict; nothing written. */
export async function previewImport(ctx: UseCaseContext, vault: IdentityVault, planId: string, file: Buffer): Promise<EnrolmentImportReport> {
  const plan = await loadPlan(ctx.db, planId);
  requirePlanManage(ctx.actor, plan);
  requireEnrolling(plan);
  const locale = ctx.locale ?? 'zh-CN';
  const parsed = await parseEnrolmentWorkbook(file, { locale });
  if (parsed.fileErrors.length) return fileRefusal(file, parsed.fileErrors);
  return report(file, await judge(ctx.db, vault, plan, parsed.rows, locale, parsed.cellProblems), false, []);
}

/**
 * Judges every row again with the plan locked (so capacity and duplicates are decided one import at a time), stores
 * all the accepted rows in one transaction, and returns the refused ones with reasons and the annotated workbook.
 */
export async function commitImport(ctx: UseCaseContext, vault: IdentityVault, planId: string, file: Buffer): Promise<EnrolmentImportReport> {
  const locale = ctx.locale ?? 'zh-CN';
  const first = await loadPlan(ctx.db, planId);
  requirePlanManage(ctx.actor, first);
  const parsed = await parseEnrolmentWorkbook(file, { locale });
  if (parsed.fileErrors.length) return fileRefusal(file, parsed.fileErrors);
  const { verdicts, stored } = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const plan = await loadPlan(tx, planId, true);
    requireEnrolling(plan);
    const verdicts = await judge(tx, vault, plan, parsed.rows, locale, parsed.cellProblems);
    const accepted = verdicts.filter((v) => !v.problems.length);
    const stored = accepted.length ? await storeAccepted(tx, vault, ctx.actor, plan, accepted, 'excel') : { enrolmentIds: [], slips: [] };
    await audit({
      action: 'enrolment.import',
      targetType: 'plan',
      targetId: plan.id,
      after: { rows: verdicts.length, accepted: accepted.length, refused: verdicts.length - accepted.length, accounts: stored.slips.length },
    });
    return { verdicts, stored };
  });
  return report(file, verdicts, true, stored.slips);
}

function rowOfBody(body: EnrolmentBody): CandidateRow {
  return {
    row: 0,
    name: body.name,
    idType: body.idType,
    idNumber: body.idNumber,
    gender: body.gender ?? null,
    birthDate: body.birthDate ?? null,
    category: body.category,
    societyKind: body.societyKind ?? null,
    schoolName: body.schoolName ?? null,
    majorCode: body.majorCode ?? null,
    className: body.className ?? null,
    graduatingYear: body.graduatingYear ?? null,
    phone: body.phone ?? null,
    attempts: body.attempts ?? {},
  };
}

/** One candidate entered by hand: refused with every reason (the rule of the first that has one), or enrolled. */
export async function enrolOne(ctx: UseCaseContext, vault: IdentityVault, planId: string, body: EnrolmentBody): Promise<EnrolOneResult> {
  const locale = ctx.locale ?? 'zh-CN';
  const first = await loadPlan(ctx.db, planId);
  requirePlanManage(ctx.actor, first);
  const outcome = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const plan = await loadPlan(tx, planId, true);
    requireEnrolling(plan);
    const [verdict] = await judge(tx, vault, plan, [rowOfBody(body)], locale);
    if (!verdict || verdict.problems.length) {
      const problems = verdict ? verdictView(verdict).problems : [];
      const reasons = problems.map((p) => p.message).join(locale === 'zh-CN' ? '；' : '; ');
      const rule = problems.find((p) => p.rule && /^R\d+$/.test(p.rule))?.rule;
      throw rule ? ruleViolation(rule, 'ENROLMENT.REFUSED', { problems }, { reasons }) : unprocessable('ENROLMENT.REFUSED', { problems }, { reasons });
    }
    const stored = await storeAccepted(tx, vault, ctx.actor, plan, [verdict], 'manual');
    await audit({
      action: 'enrolment.create',
      targetType: 'enrolment',
      targetId: stored.enrolmentIds[0] ?? null,
      after: { planId: plan.id, category: body.category, idNumber: maskIdCard(verdict.identity!.value) },
    });
    return stored;
  });
  const enrolmentId = outcome.enrolmentIds[0]!;
  const row = await repo.findEnrolment(ctx.db, planId, enrolmentId);
  if (!row) throw notFound('enrolment');
  return { enrolment: present(vault, row), activation: outcome.slips[0] ?? null };
}

/** A candidate in a list: the ID number masked, the phone masked. */
export function present(vault: IdentityVault, r: repo.EnrolmentRow): EnrolmentSummary {
  return {
    id: r.id,
    planId: r.planId,
    personId: r.personId,
    name: r.name,
    idType: r.idType as EnrolmentSummary['idType'],
    idNumberMasked: maskIdCard(vault.open(r.idCipher)),
    gender: r.gender as EnrolmentSummary['gender'],
    birthDate: r.birthDate,
    category: r.category as EnrolmentSummary['category'],
    societyKind: (r.societyKind ?? null) as EnrolmentSummary['societyKind'],
    schoolName: r.schoolName,
    majorCode: r.majorCode,
    majorName: r.majorName,
    className: r.className,
    graduatingYear: r.graduatingYear,
    phoneMasked: r.phone ? maskMobile(r.phone) : null,
    attempts: r.attempts as EnrolmentSummary['attempts'],
    status: r.status as EnrolmentSummary['status'],
    hasPhoto: r.hasPhoto,
    username: r.username,
    activated: !r.pendingActivation,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listEnrolments(
  ctx: UseCaseContext,
  vault: IdentityVault,
  planId: string,
  q: { q?: string | undefined; withoutPhoto?: 'true' | 'false' | undefined; page: number; pageSize: number },
) {
  const plan = await loadPlan(ctx.db, planId);
  await requirePlanRead(ctx.db, ctx.actor, plan);
  const { rows, total } = await repo.listEnrolments(ctx.db, planId, { q: q.q, withoutPhoto: q.withoutPhoto === 'true' }, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => present(vault, r)), total, page: q.page, pageSize: q.pageSize };
}

/** The whole ID number of one candidate, for the school's staff who need it; every reveal is in the audit log. */
export async function revealIdNumber(ctx: UseCaseContext, vault: IdentityVault, planId: string, enrolmentId: string) {
  const plan = await loadPlan(ctx.db, planId);
  requireReveal(ctx.actor, plan);
  const row = await repo.findEnrolment(ctx.db, planId, enrolmentId);
  if (!row) throw notFound('enrolment');
  const idNumber = vault.open(row.idCipher);
  await inTransaction(ctx.db, ctx, async (_tx, audit) => {
    await audit({ action: 'identity.reveal', targetType: 'person', targetId: row.personId, after: { planId, enrolmentId, idNumber: maskIdCard(idNumber) } });
  });
  return { idType: row.idType as EnrolmentSummary['idType'], idNumber };
}

/** New one-time codes for candidates of the plan whose accounts are not activated yet (the old codes stop working). */
export async function reissueActivationCodes(ctx: UseCaseContext, vault: IdentityVault, planId: string, enrolmentIds?: string[]) {
  const plan = await loadPlan(ctx.db, planId);
  requirePlanManage(ctx.actor, plan);
  const { rows } = await repo.listEnrolments(ctx.db, planId, enrolmentIds ? { ids: enrolmentIds } : {}, 20000, 0);
  const pending = rows.filter((r) => r.pendingActivation && r.username);
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const items: ActivationSlip[] = [];
    for (const r of pending) {
      const code = newActivationCode();
      await repo.setActivationCode(tx, r.personId, hashActivationCode(code));
      items.push({ enrolmentId: r.id, name: r.name, idNumberMasked: maskIdCard(vault.open(r.idCipher)), username: r.username!, activationCode: code });
    }
    await audit({ action: 'enrolment.activation_codes', targetType: 'plan', targetId: planId, after: { count: items.length } });
    return { items };
  });
}
