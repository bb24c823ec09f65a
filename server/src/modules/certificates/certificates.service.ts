import { publicCache } from '../../http/public-cache.ts';
import { type HandlerLimit, PUBLIC_RATE } from '../../http/rate-limit.ts';
import { createHash } from 'node:crypto';
import type { SkillLevel } from '@skillcert/shared/domain';
import { zipSync } from 'fflate';
import type { Certificate, CertificateBatch, CertificateKind, PublicCertificate } from '@skillcert/shared/api/certificates';
import type { JobView } from '@skillcert/shared/api/enrolment';
import { ID_TYPE_NAMES, type IdType } from '@skillcert/shared/api/enrolment';
import { isValidIdCard } from '@skillcert/shared/validators/id-card';
import { maskIdCard, maskName } from '@skillcert/shared/validators/mask';
import { isWithinRegion } from '@skillcert/shared/validators/region-code';
import { type Audit, inTransaction, type UseCaseContext } from '../../context.ts';
import type { Db, Executor, Tx } from '../../db/client.ts';
import { AppError, badRequest, conflict, notFound, unprocessable } from '../../http/errors.ts';
import { type Actor, requireAction } from '../access/policy.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { enqueueJob, getJobFor, registerJobHandler } from '../jobs/jobs.service.ts';
import { clearanceOf } from '../publicity/publicity.service.ts';
import { standingOf } from '../sanctions/sanctions.service.ts';
import * as repo from './certificates.repository.ts';
import type { CertificateRow, IssuePlan, PublicCertificateRow } from './certificates.repository.ts';
import { renderCertificatePdf } from './certificates.pdf.ts';
import type { CertificateSigner, CredentialFields, SignedCredential } from './certificates.signing.ts';

export type { CertificateSigner };
import {
  type CertificateKind as Kind,
  certificateNumber,
  issueDate,
  issueYear,
  KIND_TITLES,
  levelDigit,
  levelText,
  mayIssue,
  nextPrintSerial,
  revokeRole,
  serialName,
  workTypeText,
} from './issuance.rules.ts';
import { MAX_SERIAL } from './certificates.rules.ts';

// 证书: a plan's batch (a background job issuing cleared candidates in chunks, each chunk one transaction holding the
// numbers, the status-list entries, the signed credentials and their verification), revocation, reissue, and the free
// public query (R10), answered from the database.

export interface CertificatesDeps {
  db: Db;
  identity: IdentityVault;
  signer: CertificateSigner;
  /** The platform's public origin, for the credential's URL on the public page. */
  origin: string;
}

export const ISSUE_JOB = 'certificates.issue';
/** Certificates per transaction: a crash loses at most this much work, never half of it. */
export const CHUNK = 50;
/**
 * A chunk's credentials are signed in parts of this many: a part's rows are inserted (with the statistics triggers
 * they fire) while the next parts are signed, so the database's work and the signing overlap.
 */
const PART = 10;

function planKind(p: IssuePlan): Kind {
  return p.institutionKind === 'special_ability' || (!p.occupationId && p.specialItemId) ? 'special_ability' : 'skill_level';
}

// --- Access ---------------------------------------------------------------------------------------------------------

function requireIssuer(actor: Actor, plan: IssuePlan): void {
  requireAction(actor, 'certificate.issue');
  if (actor.orgKind !== 'school' || actor.orgId !== plan.orgId) throw notFound('plan');
}

function canRead(actor: Actor, cert: { institutionOrgId: string | null; regionCode: string | null; issuerOrgId: string | null }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.orgKind === 'school') return actor.orgId === cert.institutionOrgId;
  if (actor.orgKind === 'hr_bureau') return actor.orgId === cert.issuerOrgId || (cert.regionCode !== null && isWithinRegion(actor.regionCode, cert.regionCode));
  return false;
}

// --- Issuance -------------------------------------------------------------------------------------------------------

async function issuePlanOrThrow(ex: Executor, planId: string, now: Date) {
  const plan = await repo.findPlanForIssue(ex, planId);
  if (!plan) throw notFound('plan');
  // R14: suspensions read through the sanctions module (one reading: a suspension past its last day has ended).
  const standing = await standingOf(ex, [plan.institutionId], now);
  const refusal = mayIssue({
    plan,
    institution: { ...standing.institution({ id: plan.institutionId, status: plan.institutionStatus }), validTo: plan.institutionValidTo },
    inScope: (await repo.linesInScope(ex, plan)).some((l) => !standing.lineSuspended(l)),
    publicity: plan.publicityClosesAt ? { closesAt: plan.publicityClosesAt } : null,
    now,
  });
  if (refusal === 'CERT.OUT_OF_SCOPE' || refusal === 'CERT.INSTITUTION_SUSPENDED') throw new AppError(422, refusal, { rule: 'R9' });
  if (refusal) throw unprocessable(refusal);
  return plan;
}

/** The organisation that signs: the institution's school, or for 专项职业能力证书 the HR bureau over it. */
async function signerOrg(ex: Executor, plan: IssuePlan): Promise<{ id: string; name: string }> {
  if (planKind(plan) !== 'special_ability') return { id: plan.orgId, name: plan.orgName };
  const bureau = await repo.issuingBureau(ex, plan.regionCode);
  if (!bureau) throw unprocessable('CERT.NO_BUREAU');
  return bureau;
}

/**
 * Who of a plan's candidates is cleared for a certificate, and why not — the publicity module's reading (passed every
 * part, publicity closed, no open objection or supervision flag), the one the institution sees on its publicity screen.
 */
async function planClearance(ex: Executor, planId: string, now: Date) {
  return (await clearanceOf(ex, planId, now)).map((c) => ({ enrolmentId: c.candidate.enrolmentId, cleared: c.cleared, blocks: c.blocks }));
}

async function batchView(ex: Executor, planId: string, now: Date): Promise<CertificateBatch> {
  const plan = await repo.findPlanForIssue(ex, planId);
  const batch = await repo.findBatch(ex, planId);
  const clearance = plan?.publicityClosesAt ? await planClearance(ex, planId, now) : [];
  return {
    planId,
    status: (batch?.status as CertificateBatch['status'] | undefined) ?? 'none',
    total: batch?.total ?? 0,
    issued: await repo.countIssued(ex, planId),
    jobId: batch?.jobId ?? null,
    notCleared: clearance.filter((c) => !c.cleared).map((c) => ({ enrolmentId: c.enrolmentId, blocks: c.blocks })),
  };
}

/**
 * Starts (or resumes) the plan's batch: refuses before publicity closed, out of scope, while suspended; refuses named
 * candidates who are not cleared or already hold the certificate; then a background job issues the rest in chunks.
 */
export async function startBatch(
  ctx: UseCaseContext,
  planId: string,
  body: { enrolmentIds?: string[] | undefined },
): Promise<{ batch: CertificateBatch; job: JobView }> {
  const now = new Date();
  const found = await repo.findPlanForIssue(ctx.db, planId);
  if (!found) throw notFound('plan');
  requireIssuer(ctx.actor, found);
  const plan = await issuePlanOrThrow(ctx.db, planId, now);
  await signerOrg(ctx.db, plan);
  const clearance = await planClearance(ctx.db, planId, now);
  const issued = await repo.issuedEnrolments(ctx.db, planId);
  const byId = new Map(clearance.map((c) => [c.enrolmentId, c]));
  if (body.enrolmentIds) {
    const notCleared = body.enrolmentIds.filter((id) => !byId.get(id)?.cleared);
    if (notCleared.length) {
      throw unprocessable('CERT.NOT_CLEARED', { enrolments: notCleared.map((id) => ({ enrolmentId: id, blocks: byId.get(id)?.blocks ?? ['not_enrolled'] })) });
    }
    const twice = body.enrolmentIds.filter((id) => issued.has(id));
    if (twice.length) throw conflict('CERT.ALREADY_ISSUED', { enrolmentIds: twice });
  }
  const wanted = body.enrolmentIds ?? clearance.filter((c) => c.cleared).map((c) => c.enrolmentId);
  const todo = wanted.filter((id) => !issued.has(id));
  const existing = await repo.findBatch(ctx.db, planId);
  if (existing?.status === 'running' && existing.jobId) {
    // Already under way: the same job answers (starting twice issues nothing twice). A job given up — its process
    // was killed more often than the job runner retries — leaves the batch 'running': starting again resumes it.
    const job = await getJobFor(ctx.db, { userId: existing.createdBy ?? ctx.actor.userId }, existing.jobId);
    if (job.status === 'queued' || job.status === 'running') return { batch: await batchView(ctx.db, planId, now), job };
  }
  if (!todo.length) throw conflict(issued.size ? 'CERT.ALREADY_ISSUED' : 'CERT.NOTHING_TO_ISSUE');
  const batch = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const b = await repo.upsertBatch(tx, { planId, total: issued.size + todo.length, createdBy: ctx.actor.userId });
    await audit({ action: 'certificate.batch_start', targetType: 'plan', targetId: planId, after: { candidates: todo.length } });
    return b;
  });
  const job = await enqueueJob(ctx.db, {
    kind: ISSUE_JOB,
    params: { planId, enrolmentIds: todo, by: ctx.actor.userId, username: ctx.actor.username },
    orgId: plan.orgId,
    createdBy: ctx.actor.userId,
  });
  await repo.setBatchJob(ctx.db, batch.id, job.id);
  return { batch: await batchView(ctx.db, planId, now), job };
}

/**
 * The issuer's admin rotates its signing key: a school's admin its institution's key, an HR bureau its own key (专项).
 * Certificates signed before keep verifying with the old key (valid when they were issued); new ones use the new key.
 */
export async function rotateIssuerKey(deps: CertificatesDeps, ctx: UseCaseContext): Promise<{ keyNo: number; validFrom: string }> {
  requireAction(ctx.actor, 'certificate.key_rotate');
  if (ctx.actor.orgKind !== 'school' && ctx.actor.orgKind !== 'hr_bureau') throw notFound('organisation');
  const key = await deps.signer.rotateKey(ctx.db, ctx.actor.orgId, { actor: ctx.actor, requestId: ctx.requestId });
  return { keyNo: key.keyNo, validFrom: key.validFrom.toISOString() };
}

export async function getBatch(ctx: UseCaseContext, planId: string): Promise<CertificateBatch> {
  const plan = await repo.findPlanForIssue(ctx.db, planId);
  if (!plan) throw notFound('plan');
  requireAction(ctx.actor, 'certificate.read');
  if (!canRead(ctx.actor, { institutionOrgId: plan.orgId, regionCode: plan.regionCode, issuerOrgId: null })) throw notFound('plan');
  return batchView(ctx.db, planId, new Date());
}

export interface IssueParams {
  planId: string;
  enrolmentIds: string[];
  by: string;
  username: string;
}

/**
 * One chunk in one transaction: lock the batch (chunks of a plan queue), take the candidates of the chunk who still
 * have no certificate, allocate their consecutive serials, a status entry each, sign and verify each credential, store
 * the rows and one audit entry. A crash rolls the whole chunk back — serials included — so a resumed batch issues
 * each certificate exactly once with no number skipped.
 */
export async function issueChunk(deps: CertificatesDeps, p: IssueParams, ids: string[], now = new Date()): Promise<number> {
  return inTransaction(deps.db, { actor: { userId: p.by, username: p.username }, requestId: null }, async (tx, audit) => {
    await repo.lockBatch(tx, p.planId);
    const plan = await issuePlanOrThrow(tx, p.planId, now);
    const holders = await repo.holdersFor(tx, ids);
    if (!holders.length) return 0;
    const kind = planKind(plan);
    const issuer = await signerOrg(tx, plan);
    const yy = issueYear(now);
    const digit = levelDigit(kind, plan.level);
    const { first } = await repo.takeSerials(tx, serialName(plan.certificatePrefix, yy, digit), holders.length);
    if (first + holders.length - 1 > MAX_SERIAL) throw unprocessable('CERT.SERIAL_EXHAUSTED');
    const occupationName = plan.occupationName ?? plan.specialItemName ?? '';
    const occupationCode = plan.occupationCode ?? plan.specialItemCode ?? null;
    const workType = workTypeText(plan.workType);
    // The chunk's status entries in one step, then its credentials signed and verified together (the issuer's key and
    // rows read once per chunk, not once per certificate).
    const entries = await deps.signer.allocateStatusEntries(tx, issuer.id, holders.length);
    const fields: CredentialFields[] = holders.map((h, i) => ({
      issuerOrgId: issuer.id,
      issuerName: issuer.name,
      institutionCode: plan.institutionCode,
      certificateKind: KIND_TITLES[kind],
      certificateNumber: certificateNumber(plan.certificatePrefix, yy, digit, first + i),
      holderName: h.name,
      maskedName: maskName(h.name),
      idType: ID_TYPE_NAMES[h.idType as IdType] ?? h.idType,
      maskedIdNumber: maskIdCard(deps.identity.open(h.idCipher)),
      occupationCode: occupationCode ?? '--',
      occupationName,
      workType,
      level: plan.level ?? 0,
      levelName: levelText(plan.level),
      validFrom: now,
      status: entries[i]!,
    }));
    const row = (i: number, s: SignedCredential): repo.NewCertificate => {
      const h = holders[i]!;
      const f = fields[i]!;
      return {
        number: f.certificateNumber,
        kind,
        enrolmentId: h.enrolmentId,
        planId: plan.id,
        personId: h.personId,
        institutionId: plan.institutionId,
        issuerOrgId: issuer.id,
        issuerName: issuer.name,
        institutionCode: plan.institutionCode,
        holderName: h.name,
        idType: h.idType,
        idHash: h.idHash,
        maskedIdNumber: f.maskedIdNumber,
        occupationCode,
        occupationName,
        workType,
        level: plan.level,
        issuedOn: issueDate(now),
        year: yy,
        serial: first + i,
        statusListId: f.status.listId,
        statusIndex: f.status.index,
        credential: s.json,
        credentialHash: s.hash,
        checks: s.checks,
        verifiedAt: now,
        issuedBy: p.by,
        batchId: null,
      };
    };
    // Part after part, the signing running ahead of the database: while a part's rows are inserted (and while its
    // credentials are verified), the next two parts are being signed. The first part alone first: it makes the
    // issuer's key when there is none yet, which two parts at once must not both do.
    const sign = (from: number) => {
      const signing = deps.signer.signCertificates(tx, issuer.id, fields.slice(from, from + PART));
      // Awaited below (or the transaction fails first and rolls back): not an unhandled rejection meanwhile.
      signing.catch(() => undefined);
      return signing;
    };
    const rows: repo.NewCertificate[] = [];
    const parts = [sign(0)];
    for (let k = 0; k * PART < fields.length; k++) {
      const signed = await parts[k]!;
      while (parts.length * PART < fields.length && parts.length <= k + 2) parts.push(sign(parts.length * PART));
      const part = signed.map((s, j) => row(k * PART + j, s));
      await repo.insertCertificates(tx, part);
      rows.push(...part);
    }
    await audit({
      action: 'certificate.issue',
      targetType: 'plan',
      targetId: plan.id,
      after: { count: rows.length, first: rows[0]?.number, last: rows.at(-1)?.number },
    });
    await repo.updateBatch(tx, plan.id, { issued: await repo.countIssued(tx, plan.id) });
    return rows.length;
  });
}

/**
 * The batch job: chunk after chunk until every named candidate holds a certificate; resumable at any point. A resumed
 * job (its process was killed) starts after the candidates who already hold theirs — one read, not a transaction per
 * chunk already done; each chunk still re-checks inside its transaction, so a candidate is never issued twice.
 */
export async function runBatch(deps: CertificatesDeps, p: IssueParams, progress: (done: number, total: number) => Promise<void>): Promise<number> {
  let issued = 0;
  const total = p.enrolmentIds.length;
  try {
    const already = await repo.issuedEnrolments(deps.db, p.planId);
    const rest = p.enrolmentIds.filter((id) => !already.has(id));
    const before = total - rest.length;
    for (let i = 0; i < rest.length; i += CHUNK) {
      issued += await issueChunk(deps, p, rest.slice(i, i + CHUNK));
      await progress(before + Math.min(rest.length, i + CHUNK), total);
    }
  } catch (e) {
    await repo.updateBatch(deps.db, p.planId, { status: 'failed', finishedAt: new Date() });
    throw e;
  }
  await repo.updateBatch(deps.db, p.planId, { status: 'done', finishedAt: new Date() });
  return issued;
}

export function registerCertificateJobs(deps: CertificatesDeps): void {
  registerPdfJobs(deps);
  registerJobHandler(ISSUE_JOB, async (job) => {
    const p = job.params as IssueParams;
    const issued = await runBatch(deps, p, job.progress);
    return { data: Buffer.from(JSON.stringify({ issued }), 'utf8'), name: `certificates-${p.planId.slice(0, 8)}.json`, type: 'application/json' };
  });
}

// --- Views ----------------------------------------------------------------------------------------------------------

/** Genuine and valid: signed, every check passed when it was verified after signing, and not revoked since. */
function genuine(c: Pick<CertificateRow, 'checks' | 'kind' | 'status'>): boolean {
  const checks = c.checks ?? [];
  return c.kind !== 'qualification' && c.status === 'valid' && checks.length > 0 && checks.every((k) => k.outcome === 'pass');
}

function publicView(c: PublicCertificateRow, catalog: Awaited<ReturnType<typeof repo.catalogEntry>> | undefined, origin: string): PublicCertificate {
  const checks = (c.checks ?? []).map((k) =>
    k.name === 'status' && c.status === 'revoked' ? { name: 'status', outcome: 'fail' as const, reason: 'status.revoked' } : k,
  );
  return {
    number: c.number,
    kind: c.kind as CertificateKind,
    title: KIND_TITLES[c.kind as Kind],
    holderName: maskName(c.holderName),
    occupationCode: c.occupationCode,
    occupationName: c.occupationName,
    workType: c.workType,
    level: c.level,
    levelText: levelText(c.level),
    issuer: { name: c.issuerName, institutionCode: c.institutionCode },
    catalog: catalog ? { institutionId: catalog.id, name: catalog.name, code: catalog.code, status: catalog.status, validTo: catalog.validTo } : null,
    issuedOn: c.issuedOn,
    status: c.status as 'valid' | 'revoked',
    revokedAt: c.revokedAt?.toISOString() ?? null,
    genuine: genuine(c),
    checks,
    printSerial: c.printSerial,
    credentialUrl: c.credential ? new URL(`/api/public/certificates/${c.number}/credential`, origin).toString() : null,
  };
}

async function staffView(deps: Pick<CertificatesDeps, 'origin'>, ex: Executor, c: CertificateRow): Promise<Certificate> {
  const catalog = c.institutionId ? await repo.catalogEntry(ex, c.institutionId) : undefined;
  return {
    ...publicView(c, catalog, deps.origin),
    id: c.id,
    planId: c.planId,
    holderFullName: c.holderName,
    maskedIdNumber: c.maskedIdNumber,
    revokeReason: c.revokeReason,
    remark: c.remark,
    createdAt: c.createdAt.toISOString(),
  };
}

// --- Public query (R10): free, no login, masked ---------------------------------------------------------------------

export async function publicByNumber(deps: Pick<CertificatesDeps, 'db' | 'origin'>, number: string): Promise<PublicCertificate> {
  // Cached in this process until a write to certificates or the catalog (NOTIFY public_reads) drops it.
  return publicCache(deps.db).get(`certificate|${number}`, async () => {
    const r = await repo.findPublicByNumber(deps.db, number);
    if (!r) throw notFound('certificate');
    return publicView(r.c, r.catalog, deps.origin);
  });
}

/**
 * The national query's form: name + ID number. The ID is looked up by the vault's keyed hash; a right ID with a wrong
 * name answers exactly as an unknown ID (an empty list), so the query cannot confirm whose an ID number is.
 *
 * Rate-limited here rather than before the handler (PUBLIC_RATE.search, per client across processes): a malformed
 * query answers 400 without being counted; a well-formed one is counted, and over the limit answers 429 whatever the
 * data holds. Issue 16, one round trip: on PostgreSQL, when the client needs a new lease and the answer is not cached,
 * the look-up travels in the lease's statement (its rows come back only when the lease granted this hit).
 */
export async function publicSearch(
  deps: Pick<CertificatesDeps, 'db' | 'identity' | 'origin'> & { limit: HandlerLimit },
  q: { name: string; idType: IdType; idNumber: string },
  client: string,
): Promise<{ items: PublicCertificate[] }> {
  if (q.idType === 'resident_id' ? !isValidIdCard(q.idNumber.toUpperCase()) : !/^[A-Za-z0-9()-]{5,30}$/.test(q.idNumber))
    throw badRequest('CERT.BAD_ID_NUMBER');
  const idHash = deps.identity.hash(q.idNumber);
  const cache = publicCache(deps.db);
  // Keyed by the keyed hash, never the ID number itself; dropped like the look-up by number.
  const key = `search|${q.idType}|${idHash}|${q.name}`;
  let counted = false;
  if (cache.has(key)) {
    await deps.limit.hit(PUBLIC_SEARCH_ROUTE, client, PUBLIC_RATE.search);
    counted = true;
  }
  return cache.get(key, async () => {
    const leased = counted ? undefined : await deps.limit.hit(PUBLIC_SEARCH_ROUTE, client, PUBLIC_RATE.search, repo.publicByHolderLookup(idHash));
    const rows = (leased ?? (await repo.findPublicByHolder(deps.db, idHash))).filter((r) => r.c.idType === q.idType && r.c.holderName === q.name);
    return { items: rows.map((r) => publicView(r.c, r.catalog, deps.origin)) };
  });
}
/** The search's counter key prefix: the route as @fastify/rate-limit names it (the same rows as before it was counted here). */
export const PUBLIC_SEARCH_ROUTE = 'POST /api/public/certificates/search';

/** The signed VC as issued (JSON text). */
export async function publicCredential(db: Db, number: string): Promise<string> {
  const c = await repo.findByNumber(db, number);
  if (!c?.credential) throw notFound('credential');
  return c.credential;
}

// --- Staff: list, revoke, reissue -----------------------------------------------------------------------------------

export async function listCertificates(
  deps: Pick<CertificatesDeps, 'origin'>,
  ctx: UseCaseContext,
  q: { page: number; pageSize: number; q?: string | undefined; planId?: string | undefined; institutionId?: string | undefined; status?: string | undefined },
) {
  requireAction(ctx.actor, 'certificate.read');
  const a = ctx.actor;
  const filter: repo.ListFilter = { q: q.q, planId: q.planId, institutionId: q.institutionId, status: q.status };
  if (a.orgKind === 'school') filter.institutionOrgId = a.orgId;
  else if (a.orgKind === 'hr_bureau') filter.regionPrefix = a.regionCode.replace(/0+$/, '');
  else if (a.role !== 'admin') return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.listCertificates(ctx.db, filter, q.page, q.pageSize);
  const items: Certificate[] = [];
  for (const c of rows) items.push(await staffView(deps, ctx.db, c));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/**
 * Revocation (撤销): the issuer, or HR over the issuer on a violation, with a reason. The status-list bit, the
 * certificate row and the audit entry commit together; the number stays taken for ever.
 */
export async function revokeCertificate(deps: CertificatesDeps, ctx: UseCaseContext, id: string, reason: string): Promise<Certificate> {
  requireAction(ctx.actor, 'certificate.revoke');
  const saved = await inTransaction(ctx.db, ctx, (tx, audit) => revokeInTransaction(deps, tx, audit, ctx.actor, id, reason));
  return staffView(deps, ctx.db, saved);
}

/**
 * The revocation itself inside a caller's transaction (the sanctions module revokes named certificates in the same
 * transaction that records the sanction): status-list bit, row and audit entry.
 */
export async function revokeInTransaction(
  deps: Pick<CertificatesDeps, 'signer'>,
  tx: Tx,
  audit: Audit,
  actor: Actor,
  id: string,
  reason: string,
  now = new Date(),
) {
  const ctx = { actor };
  {
    const found = await repo.findById(tx, id, true);
    if (!found || !canRead(ctx.actor, { institutionOrgId: found.institutionOrgId, regionCode: found.regionCode, issuerOrgId: found.c.issuerOrgId }))
      throw notFound('certificate');
    const as = revokeRole(ctx.actor, { issuerOrgId: found.c.issuerOrgId, institutionOrgId: found.institutionOrgId });
    if (!as) throw notFound('certificate');
    if (found.c.status === 'revoked') throw conflict('CERT.ALREADY_REVOKED');
    if (found.c.statusListId !== null && found.c.statusIndex !== null) {
      await deps.signer.revokeStatusEntry(tx, { listId: found.c.statusListId, index: found.c.statusIndex }, now);
    }
    await repo.markRevoked(tx, id, { at: now, by: ctx.actor.userId, as, reason });
    await audit({
      action: 'certificate.revoke',
      targetType: 'certificate',
      targetId: id,
      before: { status: 'valid' },
      after: { status: 'revoked', number: found.c.number, as, reason },
    });
    return (await repo.findById(tx, id))!.c;
  }
}

/** 补发 (lost) / 换发 (damaged): the same number, the next print serial and a remark, logged. */
export async function reissueCertificate(
  deps: CertificatesDeps,
  ctx: UseCaseContext,
  id: string,
  body: { reason: 'lost' | 'damaged'; remark: string },
): Promise<Certificate> {
  requireAction(ctx.actor, 'certificate.issue');
  const saved = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const found = await repo.findById(tx, id, true);
    if (!found || ctx.actor.orgKind !== 'school' || ctx.actor.orgId !== found.institutionOrgId) throw notFound('certificate');
    if (found.c.status === 'revoked') throw conflict('CERT.REVOKED');
    const printSerial = nextPrintSerial(found.c.printSerial);
    await repo.recordReissue(tx, { certificateId: id, reason: body.reason, printSerial, remark: body.remark, by: ctx.actor.userId });
    await audit({
      action: 'certificate.reissue',
      targetType: 'certificate',
      targetId: id,
      before: { printSerial: found.c.printSerial },
      after: { printSerial, reason: body.reason, remark: body.remark },
    });
    return (await repo.findById(tx, id))!.c;
  });
  return staffView(deps, ctx.db, saved);
}

export async function certificateFor(ctx: UseCaseContext, id: string): Promise<CertificateRow> {
  requireAction(ctx.actor, ctx.actor.role === 'candidate' ? 'candidate.self' : 'certificate.read');
  const found = await repo.findById(ctx.db, id);
  if (!found) throw notFound('certificate');
  if (ctx.actor.role === 'candidate') {
    const me = await repo.personOfUser(ctx.db, ctx.actor.userId);
    if (me?.id !== found.c.personId) throw notFound('certificate');
  } else if (!canRead(ctx.actor, { institutionOrgId: found.institutionOrgId, regionCode: found.regionCode, issuerOrgId: found.c.issuerOrgId })) {
    throw notFound('certificate');
  }
  return found.c;
}

// --- The holder's page ----------------------------------------------------------------------------------------------

export async function myCertificates(deps: CertificatesDeps, ctx: UseCaseContext): Promise<{ items: Certificate[] }> {
  requireAction(ctx.actor, 'candidate.self');
  const me = await repo.personOfUser(ctx.db, ctx.actor.userId);
  if (!me) return { items: [] };
  const items: Certificate[] = [];
  for (const c of await repo.findByPerson(ctx.db, me.id)) items.push(await staffView(deps, ctx.db, c));
  return { items };
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

// --- The printed certificate (PDF) and a plan's PDFs as one ZIP -----------------------------------------------------

export const PDF_ZIP_JOB = 'certificates.pdf_zip';

async function renderPdf(deps: Pick<CertificatesDeps, 'identity' | 'origin'>, ex: Executor, c: CertificateRow): Promise<Buffer> {
  if (c.level === null) throw unprocessable('CERT.NO_PRINTED_LEVEL');
  const facts = await repo.printFacts(ex, c.personId);
  const reissue = c.printSerial > 1 ? await repo.lastReissue(ex, c.id) : undefined;
  return renderCertificatePdf({
    title: KIND_TITLES[c.kind as Kind],
    institutionName: c.issuerName,
    issueDate: c.issuedOn,
    holderName: c.holderName,
    idType: ID_TYPE_NAMES[c.idType as IdType] ?? c.idType,
    idNumber: facts ? deps.identity.open(facts.idCipher) : c.maskedIdNumber,
    occupationName: c.occupationName,
    occupationCode: c.occupationCode ?? undefined,
    workType: c.workType,
    level: c.level as SkillLevel,
    number: c.number,
    photo: facts?.photo ?? null,
    publicOrigin: deps.origin,
    printSerial: String(c.printSerial),
    reissue: reissue ? { kind: reissue.reason === 'lost' ? '补发' : '换发', printSerial: String(reissue.printSerial), remark: reissue.remark } : undefined,
  });
}

/** One certificate's PDF: the institution, HR in scope, or the holder. */
export async function certificatePdf(deps: CertificatesDeps, ctx: UseCaseContext, id: string): Promise<{ file: Buffer; name: string }> {
  const c = await certificateFor(ctx, id);
  return { file: await renderPdf(deps, ctx.db, c), name: `${c.number}.pdf` };
}

/** A plan's certificates as one ZIP of PDFs, built by a background job (rendering many must not hold the API). */
export async function startPdfZip(ctx: UseCaseContext, planId: string): Promise<JobView> {
  const plan = await repo.findPlanForIssue(ctx.db, planId);
  if (!plan) throw notFound('plan');
  requireIssuer(ctx.actor, plan);
  if ((await repo.countIssued(ctx.db, planId)) === 0) throw unprocessable('CERT.NOTHING_ISSUED');
  return enqueueJob(ctx.db, { kind: PDF_ZIP_JOB, params: { planId }, orgId: plan.orgId, createdBy: ctx.actor.userId });
}

export function registerPdfJobs(deps: CertificatesDeps): void {
  registerJobHandler(PDF_ZIP_JOB, async (job) => {
    const { planId } = job.params as { planId: string };
    const rows = (await repo.listCertificates(deps.db, { planId }, 1, 100_000)).rows.filter((c) => c.level !== null);
    const files: Record<string, Uint8Array> = {};
    for (const [i, c] of rows.entries()) {
      files[`${c.number}.pdf`] = await renderPdf(deps, deps.db, c);
      if (i % 10 === 9) await job.progress(i + 1, rows.length);
    }
    await job.progress(rows.length, rows.length);
    return { data: Buffer.from(zipSync(files, { level: 0 })), name: `证书-${planId.slice(0, 8)}.zip`, type: 'application/zip' };
  });
}
