import type { BulkClaimResult, SubsidyCheck, SubsidyClaim, SubsidyStatus, TotalsLine } from '@skillcert/shared/api/subsidies';
import { BankAccount } from '@skillcert/shared/api/subsidies';
import { CERTIFICATE_NUMBER } from '@skillcert/shared/api/certificates';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { isWithinRegion, regionPrefix } from '@skillcert/shared/validators/region-code';
import ExcelJS from 'exceljs';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { message } from '../../http/messages.ts';
import { loadUploadedWorkbook, readCell } from '../../lib/xlsx.ts';
import { type Actor, requireAction } from '../access/policy.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { profileForRegion } from '../policies/policies.rules.ts';
import * as repo from './subsidies.repository.ts';
import { type ClaimAction, nextStatus, paymentRefusal, REFUSALS, requiredStatus, reviewRegions, subsidyEligibility } from './subsidies.rules.ts';

// 职业技能提升补贴 (R11): a holder's claim or a school's bulk application against our certificates, eligibility
// checked by the pure rules and kept on the claim; the HR bureau of the holder's place approves or refuses, then
// records payment once. Bank accounts are sealed by the identity vault and only ever shown masked (never logged).

export interface SubsidiesDeps {
  identity: IdentityVault;
}

/** Today in China (claims are dated by the calendar day in Asia/Shanghai). */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// --- Access ---------------------------------------------------------------------------------------------------------

/** Who may read a claim (the holder reads theirs through /api/me): the school whose student it is, HR at or above the reviewing bureau, admin. */
function canRead(actor: Actor, row: repo.ClaimRow): boolean {
  if (actor.role === 'admin') return true;
  if (actor.orgKind === 'school') return row.schoolOrgId === actor.orgId;
  if (actor.orgKind === 'hr_bureau') return isWithinRegion(actor.regionCode, row.claim.regionCode);
  return false;
}

/**
 * Only the bureau of the claim's region reviews and pays it: another region's bureau is told the claim does not exist
 * (404); a bureau above it reads it but may not act for the county (403).
 */
function requireReviewer(actor: Actor, row: repo.ClaimRow): void {
  requireAction(actor, 'subsidy.review');
  if (actor.orgKind !== 'hr_bureau' || !isWithinRegion(actor.regionCode, row.claim.regionCode)) throw notFound('subsidy claim');
  if (actor.regionCode !== row.claim.regionCode) throw forbidden('SUBSIDY.NOT_REVIEWER', { regionCode: row.claim.regionCode });
}

// --- Views ----------------------------------------------------------------------------------------------------------

function view(row: repo.ClaimRow, bureaus: Map<string, string>): SubsidyClaim {
  const c = row.claim;
  return {
    id: c.id,
    certificateId: c.certificateId,
    certificateNumber: row.certificateNumber,
    holderName: row.holderName,
    maskedIdNumber: row.maskedIdNumber,
    occupationCode: c.occupationCode,
    occupationName: row.occupationName,
    level: c.level,
    issuedOn: row.issuedOn,
    regionCode: c.regionCode,
    reviewerName: bureaus.get(c.regionCode) ?? null,
    schoolName: row.schoolName,
    amount: c.amount,
    status: c.status as SubsidyStatus,
    channel: c.channel as SubsidyClaim['channel'],
    checks: c.checks as SubsidyCheck[],
    bankAccountMasked: c.bankAccountMasked,
    appliedAt: c.appliedAt.toISOString(),
    reviewedAt: c.reviewedAt?.toISOString() ?? null,
    reason: c.reason,
    paidOn: c.paidOn,
    paidAmount: c.paidAmount,
    bankReference: c.bankReference,
  };
}

async function views(ex: Executor, rows: repo.ClaimRow[]): Promise<SubsidyClaim[]> {
  const bureaus = await repo.bureausIn(
    ex,
    rows.map((r) => r.claim.regionCode),
  );
  return rows.map((r) => view(r, bureaus));
}

async function claimView(ex: Executor, id: string): Promise<SubsidyClaim> {
  const row = await repo.findClaim(ex, id);
  if (!row) throw notFound('subsidy claim');
  return (await views(ex, [row]))[0]!;
}

// --- Applying -------------------------------------------------------------------------------------------------------

type Refusal = { status: 409 | 422; code: string; check: SubsidyCheck };

/**
 * One claim inside the caller's transaction: lock the person, compute every check from the profile of the holder's
 * place, refuse on the first failing check (nothing written), else store the claim with its checks and the sealed
 * bank account, for the bureau of the holder's place.
 */
async function applyOne(
  deps: SubsidiesDeps,
  tx: Executor,
  cert: NonNullable<Awaited<ReturnType<typeof repo.certificateForClaim>>>,
  bankAccount: string,
  channel: 'holder' | 'school',
  by: string,
  now: Date,
): Promise<{ id: string } | Refusal> {
  const c = cert.c;
  await repo.lockPerson(tx, c.personId);
  const place = cert.schoolRegion;
  if (!place) {
    return { status: 422, code: 'SUBSIDY.CERTIFICATE_NOT_ELIGIBLE', check: { name: 'certificate', outcome: 'fail', detail: { issuer: 'none' } } };
  }
  const profile = profileForRegion(place, now);
  const today = chinaDay(now);
  const prior = (await repo.claimsOfPerson(tx, c.personId)).map((p) => ({
    occupationCode: p.occupationCode,
    level: p.level,
    status: p.status as SubsidyStatus,
    appliedOn: chinaDay(p.appliedAt),
  }));
  const result = subsidyEligibility({
    certificate: {
      kind: c.kind,
      status: c.status,
      level: c.level,
      occupationCode: c.occupationCode,
      issuedOn: c.issuedOn,
      issuedByHr: cert.issuerKind === 'hr_bureau',
      institution: cert.institution?.status
        ? { status: cert.institution.status, validFrom: cert.institution.validFrom, validTo: cert.institution.validTo }
        : null,
      graduatingYear: cert.graduatingYear,
    },
    prior,
    profile,
    today,
  });
  if (result.failed) {
    const r = REFUSALS[result.failed.name as keyof typeof REFUSALS];
    return { status: r.status, code: r.code, check: result.failed };
  }
  const regionCode = await repo.firstBureau(tx, reviewRegions(place, profile.subsidyReviewLevel.value));
  if (!regionCode) return { status: 422, code: 'SUBSIDY.NO_BUREAU', check: { name: 'certificate', outcome: 'fail', detail: { place } } };
  const sealed = deps.identity.seal(bankAccount);
  const id = await repo.insertClaim(tx, {
    certificateId: c.id,
    personId: c.personId,
    occupationCode: c.occupationCode!,
    level: c.level!,
    regionCode,
    amount: result.amount,
    status: 'submitted',
    channel,
    checks: result.checks,
    bankAccountCipher: sealed.cipher,
    bankAccountMasked: maskIdCard(bankAccount),
    appliedBy: by,
    appliedAt: now,
  });
  return { id };
}

function refusalError(r: Refusal): AppError {
  return new AppError(r.status, r.code, { rule: 'R11', check: r.check.name, detail: r.check.detail });
}

/** The holder claims against one of their own valid certificates (from 我的证书). */
export async function claimAsHolder(deps: SubsidiesDeps, ctx: UseCaseContext, body: { certificateId: string; bankAccount: string }): Promise<SubsidyClaim> {
  requireAction(ctx.actor, 'candidate.self');
  const me = await repo.personOfUser(ctx.db, ctx.actor.userId);
  const cert = await repo.certificateForClaim(ctx.db, { id: body.certificateId });
  if (!me || !cert || cert.c.personId !== me.id) throw notFound('certificate');
  const now = new Date();
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const r = await applyOne(deps, tx, cert, body.bankAccount, 'holder', ctx.actor.userId, now);
    if (!('id' in r)) throw refusalError(r);
    // The audit entry names the claim and the masked account only.
    await audit({ action: 'subsidy.claim', targetType: 'subsidy_claim', targetId: r.id, after: { certificate: cert.c.number, channel: 'holder' } });
    return r.id;
  });
  return claimView(ctx.db, id);
}

/**
 * The school applies for its students: each row a certificate number and a bank account. One transaction; each row
 * answers created, exists (already a live claim for that certificate — so sending the same rows again writes nothing)
 * or refused with its rule and failing check.
 */
export async function claimInBulk(
  deps: SubsidiesDeps,
  ctx: UseCaseContext,
  rows: { row?: number; certificateNumber: string; bankAccount: string | null; error?: string }[],
): Promise<BulkClaimResult> {
  requireAction(ctx.actor, 'subsidy.apply');
  if (ctx.actor.orgKind !== 'school') throw forbidden('ACCESS.DENIED', { action: 'subsidy.apply' });
  const locale = ctx.locale ?? 'zh-CN';
  const now = new Date();
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const out: BulkClaimResult['rows'] = [];
    for (const [i, r] of rows.entries()) {
      const row = r.row ?? i + 1;
      const refused = (code: string, check: string | null, rule: string | null = null) =>
        out.push({ row, certificateNumber: r.certificateNumber, outcome: 'refused', claimId: null, code, rule, check, message: message(locale, code) });
      if (r.error || r.bankAccount === null) {
        refused(r.error ?? 'SUBSIDY.BAD_ROW', null);
        continue;
      }
      const cert = await repo.certificateForClaim(tx, { number: r.certificateNumber });
      // Another school's certificate reads as unknown.
      if (!cert || cert.schoolOrgId !== ctx.actor.orgId) {
        refused('SUBSIDY.UNKNOWN_CERTIFICATE', null);
        continue;
      }
      const existing = (await repo.claimsOfPerson(tx, cert.c.personId)).find((p) => p.certificateId === cert.c.id && p.status !== 'refused');
      if (existing) {
        out.push({ row, certificateNumber: r.certificateNumber, outcome: 'exists', claimId: null, code: null, rule: null, check: null, message: null });
        continue;
      }
      const result = await applyOne(deps, tx, cert, r.bankAccount, 'school', ctx.actor.userId, now);
      if ('id' in result) {
        out.push({ row, certificateNumber: r.certificateNumber, outcome: 'created', claimId: result.id, code: null, rule: null, check: null, message: null });
      } else {
        refused(result.code, result.check.name, 'R11');
      }
    }
    const created = out.filter((o) => o.outcome === 'created').length;
    if (created) await audit({ action: 'subsidy.claim_bulk', targetType: 'organisation', targetId: ctx.actor.orgId, after: { created, rows: rows.length } });
    return { created, existing: out.filter((o) => o.outcome === 'exists').length, refused: out.filter((o) => o.outcome === 'refused').length, rows: out };
  });
}

/** The bulk application from an Excel sheet: a column 证书编号 (certificate number) and a column 银行账号 (bank account). */
export async function claimFromWorkbook(deps: SubsidiesDeps, ctx: UseCaseContext, file: Buffer): Promise<BulkClaimResult> {
  requireAction(ctx.actor, 'subsidy.apply');
  const loaded = await loadUploadedWorkbook(file);
  if (!loaded.ok) throw unprocessable(loaded.reason === 'too_large' ? 'SUBSIDY.WORKBOOK_TOO_LARGE' : 'SUBSIDY.WORKBOOK_UNREADABLE');
  const ws = loaded.wb.worksheets[0];
  if (!ws) throw unprocessable('SUBSIDY.WORKBOOK_COLUMNS');
  const header = ws.getRow(1);
  let numberCol = 0;
  let bankCol = 0;
  header.eachCell((cell, col) => {
    const text = readCell(cell.value).text.toLowerCase();
    if (!numberCol && (text.includes('证书编号') || text.includes('certificate'))) numberCol = col;
    if (!bankCol && (text.includes('银行') || text.includes('bank'))) bankCol = col;
  });
  if (!numberCol || !bankCol) throw unprocessable('SUBSIDY.WORKBOOK_COLUMNS');
  const rows: Parameters<typeof claimInBulk>[2] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const number = readCell(row.getCell(numberCol).value).text.toUpperCase();
    const bankCell = readCell(row.getCell(bankCol).value);
    const bankText = bankCell.number !== null && Number.isSafeInteger(bankCell.number) ? String(bankCell.number) : bankCell.text;
    if (!number && !bankText) continue;
    if (rows.length >= 2000) throw unprocessable('SUBSIDY.TOO_MANY_ROWS');
    const bank = BankAccount.safeParse(bankText);
    if (!CERTIFICATE_NUMBER.test(number))
      rows.push({ row: r, certificateNumber: number.slice(0, 40), bankAccount: null, error: 'SUBSIDY.BAD_CERTIFICATE_NUMBER' });
    else if (!bank.success) rows.push({ row: r, certificateNumber: number, bankAccount: null, error: 'SUBSIDY.BAD_BANK_ACCOUNT' });
    else rows.push({ row: r, certificateNumber: number, bankAccount: bank.data });
  }
  if (!rows.length) throw unprocessable('SUBSIDY.WORKBOOK_EMPTY');
  return claimInBulk(deps, ctx, rows);
}

/** The bulk template: the two columns, as the import reads them. */
export async function bulkTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('补贴申请');
  ws.columns = [
    { header: '证书编号', width: 26 },
    { header: '银行账号', width: 26 },
  ];
  ws.getColumn(1).numFmt = '@';
  ws.getColumn(2).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// --- Reading --------------------------------------------------------------------------------------------------------

export async function myClaims(ctx: UseCaseContext): Promise<{ items: SubsidyClaim[] }> {
  requireAction(ctx.actor, 'candidate.self');
  const me = await repo.personOfUser(ctx.db, ctx.actor.userId);
  if (!me) return { items: [] };
  const { rows } = await repo.listClaims(ctx.db, { personId: me.id }, 1, 200);
  return { items: await views(ctx.db, rows) };
}

export type ClaimListQuery = {
  page: number;
  pageSize: number;
  status?: SubsidyStatus | undefined;
  level?: number | undefined;
  channel?: 'holder' | 'school' | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  todo?: boolean | undefined;
};

/** The filter an actor's scope gives: the school's students, or the claims reviewed at or below an HR bureau. */
function scopeFilter(actor: Actor): repo.ClaimFilter | null {
  if (actor.role === 'admin') return {};
  if (actor.orgKind === 'school') return { schoolOrgId: actor.orgId };
  if (actor.orgKind === 'hr_bureau') return { regionPrefix: regionPrefix(actor.regionCode) };
  return null;
}

export async function listClaims(ctx: UseCaseContext, q: ClaimListQuery) {
  requireAction(ctx.actor, 'subsidy.read');
  const scope = scopeFilter(ctx.actor);
  if (!scope) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const filter: repo.ClaimFilter = { ...scope, status: q.status, level: q.level, channel: q.channel, q: q.q, from: q.from, to: q.to };
  if (q.todo) {
    // Waiting for me: the bureau's own region, to review (submitted) unless a status asks for the payments (approved).
    if (ctx.actor.orgKind !== 'hr_bureau') return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    filter.regionPrefix = undefined;
    const own = await repo.listClaims(ctx.db, { ...filter, regionPrefix: ctx.actor.regionCode, status: q.status ?? 'submitted' }, q.page, q.pageSize);
    return { items: await views(ctx.db, own.rows), total: own.total, page: q.page, pageSize: q.pageSize };
  }
  const { rows, total } = await repo.listClaims(ctx.db, filter, q.page, q.pageSize);
  return { items: await views(ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getClaim(ctx: UseCaseContext, id: string): Promise<SubsidyClaim> {
  requireAction(ctx.actor, 'subsidy.read');
  const row = await repo.findClaim(ctx.db, id);
  if (!row || !canRead(ctx.actor, row)) throw notFound('subsidy claim');
  return (await views(ctx.db, [row]))[0]!;
}

// --- Review and payment ---------------------------------------------------------------------------------------------

async function lockedForAction(ctx: UseCaseContext, tx: Executor, id: string, action: ClaimAction): Promise<repo.ClaimRow> {
  const row = await repo.findClaim(tx, id, true);
  if (!row) throw notFound('subsidy claim');
  requireReviewer(ctx.actor, row);
  if (!nextStatus(row.claim.status as SubsidyStatus, action)) {
    throw conflict(row.claim.status === 'paid' && action === 'pay' ? 'SUBSIDY.ALREADY_PAID' : 'SUBSIDY.WRONG_STATUS', {
      status: row.claim.status,
      required: requiredStatus(action),
    });
  }
  return row;
}

/** HR approves (the amount stands as computed) or refuses with a reason. */
export async function reviewClaim(
  ctx: UseCaseContext,
  id: string,
  body: { decision: 'approve'; reason?: string | undefined } | { decision: 'refuse'; reason: string },
): Promise<SubsidyClaim> {
  requireAction(ctx.actor, 'subsidy.review');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const row = await lockedForAction(ctx, tx, id, body.decision);
    const to = body.decision === 'approve' ? 'approved' : 'refused';
    if ((await repo.review(tx, id, to, ctx.actor.userId, body.reason?.trim() || null)) !== 1) throw conflict('SUBSIDY.WRONG_STATUS');
    await audit({
      action: `subsidy.${body.decision}`,
      targetType: 'subsidy_claim',
      targetId: id,
      before: { status: row.claim.status },
      after: { status: to, reason: body.reason ?? null },
    });
  });
  return claimView(ctx.db, id);
}

/**
 * Records the payment once: approved → paid by a conditional update on the status (after the row lock), so two
 * payments sent at the same moment write one — the other answers 409.
 */
export async function recordPayment(ctx: UseCaseContext, id: string, body: { paidOn: string; amount: number; bankReference: string }): Promise<SubsidyClaim> {
  requireAction(ctx.actor, 'subsidy.review');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const row = await lockedForAction(ctx, tx, id, 'pay');
    const over = paymentRefusal(row.claim.amount, body.amount);
    if (over) throw unprocessable(over, { rule: 'R11', approved: row.claim.amount }, { amount: row.claim.amount });
    if (body.paidOn > chinaDay(new Date())) throw badRequest('SUBSIDY.PAID_IN_FUTURE');
    if ((await repo.pay(tx, id, { ...body, by: ctx.actor.userId })) !== 1) throw conflict('SUBSIDY.ALREADY_PAID');
    await audit({
      action: 'subsidy.pay',
      targetType: 'subsidy_claim',
      targetId: id,
      before: { status: 'approved' },
      after: { status: 'paid', paidOn: body.paidOn, amount: body.amount, bankReference: body.bankReference },
    });
  });
  return claimView(ctx.db, id);
}

// --- Totals ---------------------------------------------------------------------------------------------------------

export async function claimTotals(
  ctx: UseCaseContext,
  q: { from?: string | undefined; to?: string | undefined; period: 'month' | 'year' },
): Promise<{ lines: TotalsLine[] }> {
  requireAction(ctx.actor, 'subsidy.read');
  const scope = scopeFilter(ctx.actor);
  if (!scope) return { lines: [] };
  const rows = await repo.totals(ctx.db, { ...scope, from: q.from, to: q.to }, q.period);
  return { lines: rows.map((r) => ({ ...r, regionName: r.regionName ?? r.regionCode })) };
}

export async function totalsWorkbook(
  ctx: UseCaseContext,
  q: { from?: string | undefined; to?: string | undefined; period: 'month' | 'year' },
): Promise<Buffer> {
  const { lines } = await claimTotals(ctx, q);
  const en = ctx.locale === 'en-US';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(en ? 'Subsidy totals' : '补贴汇总');
  ws.columns = (
    en
      ? ['Region code', 'Region', 'Period', 'Level', 'Claims', 'Submitted', 'Approved', 'Refused', 'Paid', 'Approved (yuan)', 'Paid (yuan)']
      : ['区划代码', '地区', '期间', '等级', '申请数', '待审核', '已核准', '未通过', '已发放', '核准金额（元）', '发放金额（元）']
  ).map((header) => ({ header, width: 16 }));
  for (const l of lines) {
    ws.addRow([l.regionCode, l.regionName, l.period, l.level, l.claims, l.submitted, l.approved, l.refused, l.paid, l.approvedAmount, l.paidAmount]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
