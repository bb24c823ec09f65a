import type {
  ExternalCertificate,
  ExternalCertificateBody,
  ExternalImportReport,
  ExternalRowError,
  NationalCandidates,
} from '@skillcert/shared/api/external-certificates';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { badRequest, conflict, notFound, unprocessable } from '../../http/errors.ts';
import { message } from '../../http/messages.ts';
import { type Actor, orgScopeOf, requireAction } from '../access/policy.ts';
import { requireOwnAttachments } from '../attachments/attachments.service.ts';
import { issuedEnrolments } from '../certificates/certificates.repository.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { clearedCandidates } from '../publicity/publicity.service.ts';
import { COLUMNS, externalTemplate, readExternalWorkbook } from './external-certificates.excel.ts';
import * as repo from './external-certificates.repository.ts';
import { checkHolderId, type FieldProblem, normaliseNumber, type RecordInput, recordProblems } from './external-certificates.rules.ts';

// 外部证书: certificates a school's students gained elsewhere (issue 14 item 3) and 国家职业资格证书 issued by an
// external authority to a plan's cleared candidates (issue 13 item 1). Recorded, never signed or verified by us.

export interface ExternalDeps {
  identity: IdentityVault;
  /** Today as YYYY-MM-DD (injectable for tests). */
  today?: () => string;
}

const todayOf = (deps: ExternalDeps) => deps.today?.() ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

// --- access -----------------------------------------------------------------------------------------------------------

/** Only a school's own offices record: the school is the actor's organisation. */
function requireRecorder(actor: Actor): string {
  requireAction(actor, 'external_certificate.manage');
  if (actor.orgKind !== 'school') throw notFound('organisation');
  return actor.orgId;
}

function view(deps: ExternalDeps, r: repo.ListedExternal): ExternalCertificate {
  const x = r.row;
  return {
    id: x.id,
    orgId: x.orgId,
    orgName: r.orgName,
    holderName: r.holderName,
    idType: r.idType,
    maskedIdNumber: maskIdCard(deps.identity.open(r.idCipher)),
    enrolmentId: x.enrolmentId,
    kind: x.kind as ExternalCertificate['kind'],
    channel: x.channel as ExternalCertificate['channel'],
    issuerName: x.issuerName,
    number: x.number,
    occupationCode: x.occupationCode,
    occupationName: x.occupationName,
    workType: x.workType,
    level: x.level,
    issuedOn: x.issuedOn,
    majorCode: x.majorCode,
    evidenceAttachmentId: x.evidenceAttachmentId,
    status: x.status as ExternalCertificate['status'],
    external: true,
    createdAt: x.createdAt.toISOString(),
  };
}

// --- recording (one, or a workbook) -------------------------------------------------------------------------------

type Accepted = RecordInput & { row: number; idValue: string; hash: string; evidenceAttachmentId?: string | null };

function inputOf(b: ExternalCertificateBody): RecordInput {
  return {
    holderName: b.holderName,
    idType: b.idType,
    idNumber: b.idNumber,
    gender: b.gender ?? null,
    birthDate: b.birthDate ?? null,
    kind: b.kind,
    channel: b.channel,
    issuerName: b.issuerName,
    number: normaliseNumber(b.number),
    occupationCode: b.occupationCode || null,
    occupationName: b.occupationName,
    workType: b.workType || null,
    level: b.level ?? null,
    issuedOn: b.issuedOn,
    majorCode: b.majorCode || null,
  };
}

/**
 * Checks rows against the rules and the database and writes those accepted — all or nothing: with any refusal
 * nothing is written. A row already recorded by this school for the same holder (issuer + number) is left as it is,
 * so importing the same file twice records each certificate once.
 */
async function recordRows(
  ctx: UseCaseContext,
  deps: ExternalDeps,
  tx: Tx,
  orgId: string,
  rows: (RecordInput & { row: number; evidenceAttachmentId?: string | null; enrolmentId?: string | null })[],
): Promise<{ created: string[]; unchanged: number; errors: (FieldProblem & { row: number })[] }> {
  const facts = {
    today: todayOf(deps),
    majorCodes: await repo.majorCodesOf(tx, orgId),
    occupationCodes: await repo.knownOccupationCodes(tx, [...new Set(rows.flatMap((r) => (r.occupationCode ? [r.occupationCode] : [])))]),
  };
  const errors: (FieldProblem & { row: number })[] = [];
  const accepted: (Accepted & { enrolmentId?: string | null })[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const problems = recordProblems(r, facts);
    const key = `${r.issuerName}\u0000${r.number}`;
    const first = seen.get(key);
    if (first !== undefined && r.number) problems.push({ field: 'number', code: 'EXTCERT.DUPLICATE_IN_FILE', params: { row: first } });
    else seen.set(key, r.row);
    if (problems.length) {
      errors.push(...problems.map((p) => ({ ...p, row: r.row })));
      continue;
    }
    const id = checkHolderId({ idType: r.idType ?? '', idNumber: r.idNumber, gender: r.gender, birthDate: r.birthDate });
    if (!id.ok) continue;
    accepted.push({ ...r, idValue: id.value, hash: deps.identity.hash(id.value), gender: id.gender, birthDate: id.birthDate });
  }
  const known = await repo.findPersonsByHash(
    tx,
    accepted.map((a) => ({ idType: a.idType ?? '', idHash: a.hash })),
  );
  const existing = await repo.findByNumbers(
    tx,
    accepted.map((a) => ({ issuerName: a.issuerName, number: a.number })),
  );
  const byNumber = new Map(existing.map((e) => [`${e.issuerName}\u0000${e.number}`, e]));
  const ours = await repo.issuedHere(
    tx,
    accepted.map((a) => a.number),
  );
  const fresh: Accepted[] = [];
  let unchanged = 0;
  const toInsert: (Accepted & { enrolmentId?: string | null })[] = [];
  for (const a of accepted) {
    const person = known.get(`${a.idType}:${a.hash}`);
    if (person && person.name !== a.holderName) {
      errors.push({ row: a.row, field: 'holderName', code: 'EXTCERT.NAME_MISMATCH' });
      continue;
    }
    if (!person && (!a.gender || !a.birthDate)) {
      errors.push({ row: a.row, field: a.gender ? 'birthDate' : 'gender', code: 'EXTCERT.HOLDER_DETAILS' });
      continue;
    }
    // Statistics never count a certificate twice (issue 15): one issued here is counted as ours already.
    if (ours.has(a.number.toUpperCase())) {
      errors.push({ row: a.row, field: 'number', code: 'EXTCERT.ISSUED_HERE' });
      continue;
    }
    const e = byNumber.get(`${a.issuerName}\u0000${a.number}`);
    if (e) {
      if (e.orgId === orgId && person && e.personId === person.id) unchanged += 1;
      else errors.push({ row: a.row, field: 'number', code: 'EXTCERT.DUPLICATE' });
      continue;
    }
    if (!person) fresh.push(a);
    toInsert.push(a);
  }
  if (errors.length) return { created: [], unchanged: 0, errors };
  const evidence = [...new Set(toInsert.flatMap((a) => (a.evidenceAttachmentId ? [a.evidenceAttachmentId] : [])))];
  await requireOwnAttachments(tx, orgId, evidence);
  // New holders: one person per ID number, sealed by the identity vault (as enrolment stores them).
  const freshByKey = new Map(fresh.map((a) => [`${a.idType}:${a.hash}`, a]));
  await repo.insertPersons(
    tx,
    [...freshByKey.values()].map((a) => ({
      idType: a.idType ?? 'resident_id',
      idCipher: deps.identity.seal(a.idValue).cipher,
      idHash: a.hash,
      name: a.holderName,
      gender: a.gender ?? 'male',
      birthDate: a.birthDate ?? '',
    })),
  );
  const people = await repo.findPersonsByHash(
    tx,
    toInsert.map((a) => ({ idType: a.idType ?? '', idHash: a.hash })),
  );
  const created = await repo.insertExternal(
    tx,
    toInsert.map((a) => ({
      orgId,
      personId: people.get(`${a.idType}:${a.hash}`)!.id,
      enrolmentId: a.enrolmentId ?? null,
      kind: a.kind!,
      channel: a.channel!,
      issuerName: a.issuerName,
      number: a.number,
      occupationCode: a.occupationCode,
      occupationName: a.occupationName,
      workType: a.workType || '--',
      level: a.level,
      issuedOn: a.issuedOn,
      majorCode: a.majorCode,
      evidenceAttachmentId: a.evidenceAttachmentId ?? null,
      createdBy: ctx.actor.userId,
    })),
  );
  return { created, unchanged, errors: [] };
}

function rowError(ctx: UseCaseContext, p: FieldProblem & { row: number }): ExternalRowError {
  const locale = ctx.locale ?? 'zh-CN';
  return { row: p.row, field: p.field, code: p.code, message: message(locale, p.code, p.params ?? {}) };
}

/** One certificate from the form. A refusal names the field and the first problem (422). */
export async function recordExternal(ctx: UseCaseContext, deps: ExternalDeps, body: ExternalCertificateBody): Promise<ExternalCertificate> {
  const orgId = requireRecorder(ctx.actor);
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const r = await recordRows(ctx, deps, tx, orgId, [{ ...inputOf(body), row: 0, evidenceAttachmentId: body.evidenceAttachmentId ?? null }]);
    const first = r.errors[0];
    if (first) {
      const status = first.code === 'EXTCERT.DUPLICATE' ? 409 : 422;
      const err =
        status === 409 ? conflict(first.code, { field: first.field }) : unprocessable(first.code, { field: first.field, problems: r.errors }, first.params);
      throw err;
    }
    const newId = r.created[0];
    if (!newId) throw conflict('EXTCERT.DUPLICATE', { field: 'number' });
    await audit({
      action: 'external_certificate.record',
      targetType: 'external_certificate',
      targetId: newId,
      after: { kind: body.kind, channel: body.channel, issuerName: body.issuerName, number: normaliseNumber(body.number) },
    });
    return newId;
  });
  return getExternal(ctx, deps, id);
}

export async function importTemplate(ctx: UseCaseContext): Promise<Buffer> {
  requireRecorder(ctx.actor);
  return externalTemplate();
}

/** A workbook of certificates: every row checked; nothing written unless all are accepted; re-import is idempotent. */
export async function importExternal(ctx: UseCaseContext, deps: ExternalDeps, file: Buffer): Promise<ExternalImportReport> {
  const orgId = requireRecorder(ctx.actor);
  const read = await readExternalWorkbook(file);
  if (!read.ok) throw read.code === 'EXTCERT.FILE_UNREADABLE' ? badRequest(read.code) : unprocessable(read.code);
  if (!read.rows.length) throw unprocessable('EXTCERT.EMPTY_FILE');
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const r = await recordRows(ctx, deps, tx, orgId, read.rows);
    if (r.errors.length) return { rows: read.rows.length, created: 0, unchanged: 0, errors: r.errors.map((e) => rowError(ctx, e)) };
    if (r.created.length)
      await audit({
        action: 'external_certificate.import',
        targetType: 'organisation',
        targetId: orgId,
        after: { rows: read.rows.length, created: r.created.length, unchanged: r.unchanged },
      });
    return { rows: read.rows.length, created: r.created.length, unchanged: r.unchanged, errors: [] };
  });
}

/** The template's column names by field, for the screen's row errors. */
export const COLUMN_HEADERS = Object.fromEntries(COLUMNS.map((c) => [c.field, c.header]));

// --- reading, withdrawing ----------------------------------------------------------------------------------------

export async function listExternal(
  ctx: UseCaseContext,
  deps: ExternalDeps,
  q: repo.ExternalFilter & { page: number; pageSize: number },
): Promise<{ items: ExternalCertificate[]; total: number; page: number; pageSize: number }> {
  requireAction(ctx.actor, 'external_certificate.read');
  const { rows, total } = await repo.listExternal(ctx.db, orgScopeOf(ctx.actor), q, q.page, q.pageSize);
  return { items: rows.map((r) => view(deps, r)), total, page: q.page, pageSize: q.pageSize };
}

async function findInScope(ex: Executor, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.findExternal(ex, id, forUpdate);
  const scope = orgScopeOf(actor);
  if (!r) throw notFound('external certificate');
  const inScope = scope.kind === 'all' || (scope.kind === 'org' ? r.row.orgId === scope.orgId : r.orgRegion.startsWith(scope.regionCode.replace(/(00)+$/, '')));
  if (!inScope) throw notFound('external certificate');
  return r;
}

export async function getExternal(ctx: UseCaseContext, deps: ExternalDeps, id: string): Promise<ExternalCertificate> {
  requireAction(ctx.actor, 'external_certificate.read');
  return view(deps, await findInScope(ctx.db, ctx.actor, id));
}

/** 撤回: a record made in error is withdrawn with a reason (kept, no longer counted). */
export async function withdrawExternal(ctx: UseCaseContext, deps: ExternalDeps, id: string, reason: string): Promise<ExternalCertificate> {
  const orgId = requireRecorder(ctx.actor);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const r = await findInScope(tx, ctx.actor, id, true);
    if (r.row.orgId !== orgId) throw notFound('external certificate');
    if (r.row.status === 'withdrawn') throw conflict('EXTCERT.ALREADY_WITHDRAWN');
    await repo.withdrawExternal(tx, id);
    await audit({
      action: 'external_certificate.withdraw',
      targetType: 'external_certificate',
      targetId: id,
      before: { status: r.row.status },
      after: { status: 'withdrawn', reason },
    });
  });
  return getExternal(ctx, deps, id);
}

// --- 国家职业资格证书 from the external issuer, for a plan's cleared candidates (issue 13 item 1) -------------------------

async function ownPlan(ctx: UseCaseContext, ex: Executor, planId: string) {
  const plan = await repo.findPlan(ex, planId);
  if (!plan) throw notFound('plan');
  const scope = orgScopeOf(ctx.actor);
  if (scope.kind === 'org' && scope.orgId !== plan.orgId) throw notFound('plan');
  if (scope.kind === 'region') throw notFound('plan');
  return plan;
}

/** The plan's cleared candidates with what was recorded for each. */
export async function nationalCandidates(ctx: UseCaseContext, deps: ExternalDeps, planId: string): Promise<NationalCandidates> {
  requireAction(ctx.actor, 'external_certificate.read');
  await ownPlan(ctx, ctx.db, planId);
  const cleared = new Set((await clearedCandidates(ctx.db, planId)).map((c) => c.enrolmentId));
  const people = (await repo.enrolmentPeople(ctx.db, planId)).filter((p) => cleared.has(p.enrolmentId));
  const records = new Map((await repo.nationalRecordsOf(ctx.db, planId)).map((r) => [r.row.enrolmentId, r.row]));
  return {
    planId,
    externalIssuer: records.size > 0,
    items: people.map((p) => {
      const r = records.get(p.enrolmentId);
      return {
        enrolmentId: p.enrolmentId,
        name: p.name,
        maskedIdNumber: maskIdCard(deps.identity.open(p.idCipher)),
        record: r ? { id: r.id, issuerName: r.issuerName, number: r.number, issuedOn: r.issuedOn } : null,
      };
    }),
  };
}

/**
 * The school records the external issuer's 国家职业资格证书 for cleared candidates of its plan: one row per candidate
 * (channel national, kind qualification, the plan's occupation and level). Refused whole for a candidate not cleared
 * (publicity still running, failed, objection or flag open) or one who holds this plan's certificate from us.
 */
export async function recordNational(
  ctx: UseCaseContext,
  deps: ExternalDeps,
  planId: string,
  body: { issuerName: string; issuedOn: string; items: { enrolmentId: string; number: string }[] },
): Promise<NationalCandidates> {
  const orgId = requireRecorder(ctx.actor);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const plan = await ownPlan(ctx, tx, planId);
    if (plan.orgId !== orgId) throw notFound('plan');
    const cleared = new Set((await clearedCandidates(tx, planId)).map((c) => c.enrolmentId));
    const notCleared = body.items.filter((i) => !cleared.has(i.enrolmentId)).map((i) => i.enrolmentId);
    if (notCleared.length) throw unprocessable('EXTCERT.NOT_CLEARED', { enrolmentIds: notCleared });
    const ours = await issuedEnrolments(tx, planId);
    const both = body.items.filter((i) => ours.has(i.enrolmentId)).map((i) => i.enrolmentId);
    if (both.length) throw conflict('EXTCERT.ALREADY_CERTIFIED', { enrolmentIds: both });
    const recorded = new Set((await repo.nationalRecordsOf(tx, planId)).map((r) => r.row.enrolmentId));
    const twice = body.items.filter((i) => recorded.has(i.enrolmentId)).map((i) => i.enrolmentId);
    if (twice.length) throw conflict('EXTCERT.ALREADY_RECORDED', { enrolmentIds: twice });
    const occupation = await repo.occupationOf(tx, plan.occupationId);
    const people = new Map((await repo.enrolmentPeople(tx, planId)).map((p) => [p.enrolmentId, p]));
    const majorCodes = await repo.majorCodesOf(tx, orgId);
    const rows = body.items.map((i, n) => {
      const p = people.get(i.enrolmentId)!;
      return {
        row: n + 1,
        enrolmentId: i.enrolmentId,
        // The holders are the candidates themselves: their ID numbers come from the vault, not from the request.
        holderName: p.name,
        idType: p.idType,
        idNumber: deps.identity.open(p.idCipher),
        gender: null,
        birthDate: null,
        kind: 'qualification' as const,
        channel: 'national' as const,
        issuerName: body.issuerName,
        number: normaliseNumber(i.number),
        occupationCode: occupation?.code ?? null,
        occupationName: occupation?.name ?? '',
        workType: null,
        level: plan.level,
        issuedOn: body.issuedOn,
        majorCode: p.majorCode && majorCodes.has(p.majorCode) ? p.majorCode : null,
      };
    });
    const result = await recordRows(ctx, deps, tx, orgId, rows);
    if (result.errors.length)
      throw unprocessable(result.errors[0]!.code, { problems: result.errors.map((e) => ({ ...e, enrolmentId: rows[e.row - 1]?.enrolmentId })) });
    await audit({
      action: 'external_certificate.record_national',
      targetType: 'plan',
      targetId: planId,
      after: { issuerName: body.issuerName, issuedOn: body.issuedOn, candidates: result.created.length },
    });
  });
  return nationalCandidates(ctx, deps, planId);
}
