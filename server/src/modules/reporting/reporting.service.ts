import { ID_TYPE_NAMES, type IdType } from '@skillcert/shared/api/enrolment';
import type {
  AnswerImportReport,
  AnswerUploadBody,
  NationalRecord,
  ReportBatch,
  ReportBatchDetail,
  ReportBatchQuery,
  ReportLine,
  ReportLineQuery,
  ReportPlan,
  ReportStatus,
  ReportTodo,
  ReviewBody,
  SubmitBatchBody,
} from '@skillcert/shared/api/reporting';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { badRequest, conflict, notFound, ruleViolation, unprocessable } from '../../http/errors.ts';
import { addWorkingDays, chinaDate } from '../../lib/working-days.ts';
import { type Actor, requireAction } from '../access/policy.ts';
import { levelText } from '../certificates/issuance.rules.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import { computeResults } from '../results/results.service.ts';
import { answerOutcome, nationalRow, nationalWorkbook, readAnswerFile, summaryWorkbook } from './reporting.excel.ts';
import * as repo from './reporting.repository.ts';
import { answerEffect, deadlineState, isRefusal, mayCorrect, mayReport, reviewTransition, waitsOnInstitution } from './reporting.rules.ts';

// 证书数据上报 (R10): the institution sends a plan's certificates to the HR bureau that listed it, in batches with the
// plan's 认定结果汇总表; HR accepts or returns named certificates with reasons; the institution corrects and sends them
// again; HR exports the national upload file of the accepted ones and imports the national platform's answer.

export const clock = { now: (): Date => new Date() };

// --- access -----------------------------------------------------------------------------------------------------

function requireSchool(actor: Actor, action: 'report.submit' | 'report.read'): string {
  requireAction(actor, action);
  if (actor.orgKind !== 'school') throw notFound('plan');
  return actor.orgId;
}

function requireBureau(actor: Actor): string {
  requireAction(actor, 'report.review');
  if (actor.orgKind !== 'hr_bureau') throw notFound('report batch');
  return actor.orgId;
}

/** Who sees a batch: the school that sent it, the bureau it went to, the platform admin. */
function canSeeBatch(actor: Actor, b: { orgId: string; hrOrgId: string }): boolean {
  if (actor.role === 'admin') return true;
  return actor.orgId === b.orgId || actor.orgId === b.hrOrgId;
}

// --- deadlines --------------------------------------------------------------------------------------------------

/** R10: the profile's working day after publicity closed (default 10) by which the plan's certificates are reported. */
export function dueOn(plan: { profileId: string; regionCode: string; closesAt: Date | null }): string | null {
  if (!plan.closesAt) return null;
  const profile = findProfile(plan.profileId) ?? profileForRegion(plan.regionCode);
  return addWorkingDays(chinaDate(plan.closesAt), profile.reportWithinWorkingDays.value);
}

const today = () => chinaDate(clock.now());

// --- views ------------------------------------------------------------------------------------------------------

async function linesView(ex: Executor, rows: repo.LineRow[]): Promise<ReportLine[]> {
  const events = await repo.eventsOf(
    ex,
    rows.map((r) => r.certificateId),
  );
  const plans = new Map<string, string | null>();
  for (const id of new Set(rows.map((r) => r.planId).filter((x): x is string => x !== null))) {
    const p = await repo.findPlan(ex, id);
    plans.set(id, p ? dueOn(p) : null);
  }
  const day = today();
  return rows.map((r) => {
    const status = repo.statusOf(r);
    const due = r.planId ? (plans.get(r.planId) ?? null) : null;
    return {
      certificateId: r.certificateId,
      number: r.number,
      holderName: r.holderName,
      maskedIdNumber: r.maskedIdNumber,
      occupationName: r.occupationName,
      level: r.level,
      issuedOn: r.issuedOn,
      planId: r.planId,
      planTitle: r.planTitle,
      certificateStatus: r.certificateStatus,
      status,
      reason: r.reason,
      correctionNote: r.correctionNote,
      nationalStatus: (r.nationalStatus as ReportLine['nationalStatus'] | null) ?? 'none',
      nationalReason: r.nationalReason,
      batchId: r.batchId,
      dueOn: due,
      deadline: deadlineState(due, day, waitsOnInstitution(status, r.certificateStatus) ? 1 : 0),
      history: events
        .filter((e) => e.certificateId === r.certificateId)
        .map((e) => ({ from: e.from, to: e.to, source: e.source, note: e.note, by: e.by, at: e.at.toISOString() })),
    };
  });
}

async function batchView(ex: Executor, b: repo.BatchRow): Promise<ReportBatch> {
  const plan = await repo.findPlan(ex, b.planId);
  const due = plan ? dueOn(plan) : null;
  return {
    id: b.id,
    planId: b.planId,
    planTitle: b.planTitle,
    orgName: b.orgName,
    hrOrgName: await repo.orgName(ex, b.hrOrgId),
    kind: b.kind as ReportBatch['kind'],
    status: b.status as ReportBatch['status'],
    certificateCount: b.certificateCount,
    returnedCount: b.returnedCount,
    submittedAt: b.submittedAt.toISOString(),
    reviewedAt: b.reviewedAt?.toISOString() ?? null,
    dueOn: due,
    // For the bureau: a batch waiting for review is its to-do, due by the same day.
    deadline: deadlineState(due, today(), b.status === 'submitted' ? 1 : 0),
  };
}

function planViews(rows: Awaited<ReturnType<typeof repo.planSummaries>>): ReportPlan[] {
  const byPlan = new Map<string, ReportPlan>();
  const day = today();
  for (const r of rows) {
    let p = byPlan.get(r.planId);
    if (!p) {
      p = {
        planId: r.planId,
        title: r.title,
        orgName: r.orgName,
        publicityClosedOn: r.closesAt ? chinaDate(r.closesAt) : null,
        dueOn: dueOn(r),
        deadline: 'done',
        counts: { pending: 0, submitted: 0, accepted: 0, rejected: 0, resubmitted: 0 },
        open: 0,
        revoked: 0,
      };
      byPlan.set(r.planId, p);
    }
    const status = repo.statusOf(r);
    p.counts[status] += r.n;
    if (r.certificateStatus !== 'valid') p.revoked += r.n;
    if (waitsOnInstitution(status, r.certificateStatus)) p.open += r.n;
  }
  for (const p of byPlan.values()) p.deadline = deadlineState(p.dueOn, day, p.open);
  return [...byPlan.values()].sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.title.localeCompare(b.title));
}

// --- the institution ----------------------------------------------------------------------------------------------

export async function listLines(ctx: UseCaseContext, q: ReportLineQuery): Promise<{ items: ReportLine[]; total: number; page: number; pageSize: number }> {
  requireAction(ctx.actor, 'report.read');
  const scope = ctx.actor.role === 'admin' ? {} : ctx.actor.orgKind === 'school' ? { schoolOrgId: ctx.actor.orgId } : { hrOrgId: ctx.actor.orgId };
  const { total, rows } = await repo.listLines(ctx.db, scope, q);
  return { items: await linesView(ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The plans with certificates: a school's own; for an HR bureau, those of the institutions it listed. */
export async function listPlans(ctx: UseCaseContext): Promise<{ items: ReportPlan[] }> {
  requireAction(ctx.actor, 'report.read');
  if (ctx.actor.orgKind === 'school') return { items: planViews(await repo.planSummaries(ctx.db, { schoolOrgId: ctx.actor.orgId })) };
  if (ctx.actor.orgKind !== 'hr_bureau') return { items: [] };
  return { items: planViews(await repo.planSummaries(ctx.db, { schoolOrgIds: await listedSchools(ctx) })) };
}

/** The schools whose listing bureau is the actor's (the city's bureau, else the province's). */
async function listedSchools(ctx: UseCaseContext): Promise<string[]> {
  const prefix = ctx.actor.regionCode.endsWith('0000') ? ctx.actor.regionCode.slice(0, 2) : ctx.actor.regionCode.slice(0, 4);
  const bureauOf = new Map<string, string | undefined>();
  const mine: string[] = [];
  for (const s of await repo.schoolsUnder(ctx.db, prefix)) {
    if (!bureauOf.has(s.regionCode)) bureauOf.set(s.regionCode, (await repo.listingBureau(ctx.db, s.regionCode))?.id);
    if (bureauOf.get(s.regionCode) === ctx.actor.orgId) mine.push(s.id);
  }
  return mine;
}

/**
 * Sends a batch to the listing HR bureau: each named certificate (default: every valid pending or corrected returned
 * certificate of the plan) must be ours, of the plan and sendable (R10: never twice, never revoked, a returned one
 * corrected first). Any refusal refuses the whole batch; nothing is written.
 */
export async function submitBatch(ctx: UseCaseContext, body: SubmitBatchBody): Promise<ReportBatchDetail> {
  const orgId = requireSchool(ctx.actor, 'report.submit');
  const plan = await repo.findPlan(ctx.db, body.planId);
  if (!plan || plan.orgId !== orgId) throw notFound('plan');
  const bureau = await repo.listingBureau(ctx.db, plan.regionCode);
  if (!bureau) throw unprocessable('REPORT.NO_BUREAU');
  const at = clock.now();
  const batchId = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const lines = await repo.lockPlanCertificates(tx, plan.id);
    const byId = new Map(lines.map((l) => [l.certificateId, l]));
    let chosen: repo.LineRow[];
    if (body.certificateIds) {
      const ids = [...new Set(body.certificateIds)];
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length) throw unprocessable('REPORT.NOT_OF_PLAN', { certificateIds: missing });
      chosen = ids.map((id) => byId.get(id)!);
      const refused = chosen
        .map((l) => ({ l, v: mayReport({ certificateStatus: l.certificateStatus, report: repo.statusOf(l), corrected: !!l.correctionNote }) }))
        .filter((x) => isRefusal(x.v));
      if (refused.length) {
        const first = refused[0]!.v as { rule: string; code: string };
        throw ruleViolation(
          first.rule,
          first.code,
          {
            certificates: refused.map((x) => ({ number: x.l.number, status: repo.statusOf(x.l), code: (x.v as { code: string }).code })),
          },
          { number: refused.map((x) => x.l.number).join('、') },
        );
      }
    } else {
      chosen = lines.filter((l) => !isRefusal(mayReport({ certificateStatus: l.certificateStatus, report: repo.statusOf(l), corrected: !!l.correctionNote })));
      if (!chosen.length) throw conflict('REPORT.NOTHING_TO_SUBMIT');
    }
    const next = chosen.map((l) => ({
      l,
      to: mayReport({ certificateStatus: l.certificateStatus, report: repo.statusOf(l), corrected: !!l.correctionNote }) as { next: ReportStatus },
    }));
    const kind = next.every((x) => x.to.next === 'resubmitted') ? 'resubmission' : 'first';
    const batch = await repo.insertBatch(tx, {
      planId: plan.id,
      orgId,
      institutionId: plan.institutionId,
      hrOrgId: bureau.id,
      kind,
      status: 'submitted',
      certificateCount: chosen.length,
      submittedBy: ctx.actor.userId,
      submittedAt: at,
    });
    await repo.upsertReports(
      tx,
      next.map((x) => ({ certificateId: x.l.certificateId, planId: plan.id, orgId, hrOrgId: bureau.id, status: x.to.next, batchId: batch.id })),
      at,
    );
    await repo.insertEvents(
      tx,
      next.map((x) => ({
        certificateId: x.l.certificateId,
        batchId: batch.id,
        fromStatus: repo.statusOf(x.l),
        toStatus: x.to.next,
        source: 'institution',
        note: x.l.correctionNote,
        by: ctx.actor.userId,
        at,
      })),
    );
    await audit({
      action: 'report.submit',
      targetType: 'report_batch',
      targetId: batch.id,
      after: { planId: plan.id, hrOrgId: bureau.id, kind, certificates: chosen.map((l) => l.number), rule: 'R10' },
    });
    return batch.id;
  });
  return batchDetail(ctx, batchId);
}

/** A returned certificate corrected: what was corrected (the holder's data, a score…) as a note; then it may go again. */
export async function correct(ctx: UseCaseContext, certificateId: string, note: string): Promise<ReportLine> {
  const orgId = requireSchool(ctx.actor, 'report.submit');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const [line] = await repo.linesByIds(tx, [certificateId]);
    if (!line || line.schoolOrgId !== orgId) throw notFound('certificate');
    const refusal = mayCorrect(repo.statusOf(line));
    if (refusal) throw ruleViolation(refusal.rule, refusal.code, { status: repo.statusOf(line) });
    const at = clock.now();
    await repo.setCorrection(tx, certificateId, note, at);
    await repo.insertEvents(tx, [
      { certificateId, batchId: line.batchId, fromStatus: 'rejected', toStatus: 'rejected', source: 'institution', note, by: ctx.actor.userId, at },
    ]);
    await audit({ action: 'report.correct', targetType: 'certificate', targetId: certificateId, before: { reason: line.reason }, after: { note } });
  });
  const [line] = await repo.linesByIds(ctx.db, [certificateId]);
  return (await linesView(ctx.db, [line!]))[0]!;
}

// --- batches ------------------------------------------------------------------------------------------------------

export async function listBatches(ctx: UseCaseContext, q: ReportBatchQuery): Promise<{ items: ReportBatch[]; total: number; page: number; pageSize: number }> {
  requireAction(ctx.actor, 'report.read');
  const scope = ctx.actor.role === 'admin' ? {} : ctx.actor.orgKind === 'school' ? { orgId: ctx.actor.orgId } : { hrOrgId: ctx.actor.orgId };
  const { total, rows } = await repo.listBatches(ctx.db, scope, q);
  const items: ReportBatch[] = [];
  for (const b of rows) items.push(await batchView(ctx.db, { ...b }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function visibleBatch(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false): Promise<repo.BatchRow> {
  const b = await repo.findBatch(ex, id, forUpdate);
  if (!b || !canSeeBatch(ctx.actor, b)) throw notFound('report batch');
  return b;
}

export async function batchDetail(ctx: UseCaseContext, id: string): Promise<ReportBatchDetail> {
  requireAction(ctx.actor, 'report.read');
  const b = await visibleBatch(ctx, ctx.db, id);
  return { ...(await batchView(ctx.db, b)), certificates: await linesView(ctx.db, await repo.linesOfBatch(ctx.db, id)) };
}

/** 认定结果汇总表 of a batch: its certificates with the plan's part results (ID numbers masked). */
export async function batchSummary(ctx: UseCaseContext, identity: IdentityVault, id: string): Promise<{ file: Buffer; name: string }> {
  requireAction(ctx.actor, 'report.read');
  const b = await visibleBatch(ctx, ctx.db, id);
  const lines = await repo.linesOfBatch(ctx.db, id);
  const scores = await scoresOf(ctx.db, b.planId);
  const certs = await repo.nationalFieldsOf(
    ctx.db,
    lines.map((l) => l.certificateId),
  );
  const rows = certs.map((c, i) => {
    const s = (c.enrolmentId ? scores.get(c.enrolmentId) : undefined) ?? EMPTY_SCORES;
    return [
      i + 1,
      c.number,
      c.holderName,
      maskIdCard(identity.open(c.idCipher)),
      c.workType && c.workType !== '--' ? `${c.occupationName}（${c.workType}）` : c.occupationName,
      levelText(c.level),
      s.theory,
      s.practical,
      s.process,
      s.review,
      s.outcome,
      c.issuedOn,
    ];
  });
  return { file: await summaryWorkbook(`${b.planTitle} 认定结果汇总表`, rows), name: `认定结果汇总表-${b.planTitle}.xlsx` };
}

type Scores = NationalRecord['scores'] & { outcome: string };
const EMPTY_SCORES: Scores = { theory: null, practical: null, process: null, review: null, outcome: '' };
const OUTCOME_ZH: Record<string, string> = { passed: '合格', failed: '不合格', pending: '待定' };

/** Each enrolment's score per part kind, from the results module (its part results). */
async function scoresOf(ex: Executor, planId: string | null): Promise<Map<string, Scores>> {
  const out = new Map<string, Scores>();
  if (!planId) return out;
  const { items } = await computeResults(ex, planId);
  for (const i of items) {
    const s: Scores = { ...EMPTY_SCORES, outcome: OUTCOME_ZH[i.outcome] ?? i.outcome };
    for (const p of i.parts) s[p.kind] = p.score;
    out.set(i.enrolmentId, s);
  }
  return out;
}

/**
 * HR's review of a batch waiting for it: the named certificates are returned with their reasons, every other one
 * accepted; the batch row is locked and re-checked, the certificates, their history and the audit entry written together.
 */
export async function reviewBatch(ctx: UseCaseContext, id: string, body: ReviewBody): Promise<ReportBatchDetail> {
  const hrOrgId = requireBureau(ctx.actor);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const b = await repo.findBatch(tx, id, true);
    if (!b || b.hrOrgId !== hrOrgId) throw notFound('report batch');
    if (b.status !== 'submitted') throw conflict('REPORT.BATCH_REVIEWED');
    const lines = (await repo.linesOfBatch(tx, id)).filter((l) => {
      const s = repo.statusOf(l);
      return s === 'submitted' || s === 'resubmitted';
    });
    const inBatch = new Map(lines.map((l) => [l.certificateId, l]));
    const returns = new Map<string, string>();
    for (const r of body.returns) returns.set(r.certificateId, r.reason);
    const strangers = [...returns.keys()].filter((cid) => !inBatch.has(cid));
    if (strangers.length) throw unprocessable('REPORT.NOT_IN_BATCH', { certificateIds: strangers });
    const at = clock.now();
    const accepted: string[] = [];
    const events: Parameters<typeof repo.insertEvents>[1] = [];
    for (const l of lines) {
      const from = repo.statusOf(l);
      const reason = returns.get(l.certificateId);
      const to = reviewTransition(from, reason === undefined ? 'accept' : 'return');
      if (isRefusal(to)) throw ruleViolation(to.rule, to.code, { number: l.number });
      if (to === 'accepted') accepted.push(l.certificateId);
      else await repo.returnCertificate(tx, l.certificateId, reason!, at);
      events.push({
        certificateId: l.certificateId,
        batchId: id,
        fromStatus: from,
        toStatus: to,
        source: 'hr',
        note: reason ?? null,
        by: ctx.actor.userId,
        at,
      });
    }
    await repo.setReportStatus(tx, accepted, { status: 'accepted', reason: null }, at);
    await repo.insertEvents(tx, events);
    await repo.markBatchReviewed(tx, id, ctx.actor.userId, returns.size, at);
    await audit({
      action: 'report.review',
      targetType: 'report_batch',
      targetId: id,
      before: { status: 'submitted' },
      after: {
        accepted: accepted.length,
        returned: [...returns.entries()].map(([cid, reason]) => ({ number: inBatch.get(cid)!.number, reason })),
        rule: 'R10',
      },
    });
  });
  return batchDetail(ctx, id);
}

// --- the national upload file and the platform's answer -------------------------------------------------------------

/**
 * The national upload file of the bureau's accepted certificates not yet accepted by the platform (whole ID numbers:
 * HR only, audited). Exporting marks them uploaded (the answer file is matched against them); a certificate revoked
 * after it was accepted is in the file as 已撤销 (the national query shows it revoked, not hidden).
 */
export async function nationalExport(
  ctx: UseCaseContext,
  identity: IdentityVault,
  format: 'xlsx' | 'json',
): Promise<{ file: Buffer; name: string; type: string }> {
  const hrOrgId = requireBureau(ctx.actor);
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const rows = await repo.nationalRows(tx, hrOrgId);
    const scoreCache = new Map<string, Map<string, Scores>>();
    const records: NationalRecord[] = [];
    for (const r of rows) {
      if (r.planId && !scoreCache.has(r.planId)) scoreCache.set(r.planId, await scoresOf(tx, r.planId));
      const s = (r.planId && r.enrolmentId ? scoreCache.get(r.planId)?.get(r.enrolmentId) : undefined) ?? EMPTY_SCORES;
      records.push({
        number: r.number,
        name: r.holderName,
        idType: r.idType,
        idNumber: identity.open(r.idCipher),
        gender: r.gender,
        occupationCode: r.occupationCode,
        occupationName: r.occupationName,
        workType: r.workType,
        level: r.level,
        levelText: levelText(r.level),
        institutionName: r.issuerName,
        institutionCode: r.institutionCode,
        issuedOn: r.issuedOn,
        plan: r.planTitle,
        certificateStatus: r.certificateStatus,
        scores: { theory: s.theory, practical: s.practical, process: s.process, review: s.review },
      });
    }
    const at = clock.now();
    const ids = rows.filter((r) => r.nationalStatus !== 'uploaded').map((r) => r.certificateId);
    await repo.setReportStatus(tx, ids, { nationalStatus: 'uploaded', uploadedAt: at }, at);
    await audit({
      action: 'report.national_export',
      targetType: 'organisation',
      targetId: hrOrgId,
      after: { format, certificates: records.length, numbers: records.map((r) => r.number), wholeIdNumbers: true, rule: 'R10' },
    });
    const stamp = chinaDate(at);
    if (format === 'json') {
      return {
        file: Buffer.from(JSON.stringify({ exportedAt: at.toISOString(), count: records.length, items: records }, null, 2)),
        name: `全国联网上报-${stamp}.json`,
        type: 'application/json; charset=utf-8',
      };
    }
    const file = await nationalWorkbook(records.map((r) => nationalRow(r, ID_TYPE_NAMES[r.idType as IdType] ?? r.idType)));
    return { file, name: `全国联网上报-${stamp}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  });
}

/**
 * The platform's answer file (.xlsx or JSON: number, accepted | rejected, reason), in one transaction: each uploaded
 * certificate named gets its answer (a rejected one goes back to the institution as returned, with the platform's
 * reason); numbers we never issued, or never sent in an upload file, are listed back and nothing changes for them.
 * Re-importing the same file changes nothing (each answer already recorded is "unchanged").
 */
export async function importAnswer(ctx: UseCaseContext, body: AnswerUploadBody): Promise<AnswerImportReport> {
  const hrOrgId = requireBureau(ctx.actor);
  const file = Buffer.from(body.contentBase64, 'base64');
  const read = await readAnswerFile(file);
  if (!read.ok) throw badRequest(`REPORT.ANSWER_${read.error.toUpperCase()}`);
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const held = new Map((await repo.reportsByNumbers(tx, hrOrgId, [...new Set(read.lines.map((l) => l.number).filter(Boolean))])).map((r) => [r.number, r]));
    const report: AnswerImportReport = { rows: read.lines.length, applied: 0, unchanged: 0, listed: [] };
    const at = clock.now();
    const seen = new Set<string>();
    for (const line of read.lines) {
      const outcome = answerOutcome(line.outcome);
      if (!line.number || !outcome || (outcome === 'rejected' && !line.reason) || seen.has(line.number)) {
        const message = !line.number
          ? 'no number'
          : !outcome
            ? 'outcome is not accepted/rejected'
            : seen.has(line.number)
              ? 'number named twice'
              : 'a rejection needs its reason';
        report.listed.push({ row: line.row, number: line.number, outcome: line.outcome, effect: 'invalid', message });
        continue;
      }
      seen.add(line.number);
      const h = held.get(line.number);
      const effect = answerEffect(h ? { nationalStatus: h.nationalStatus as 'none', nationalReason: h.nationalReason } : null, {
        outcome,
        reason: line.reason || null,
      });
      if (effect === 'unchanged') {
        report.unchanged += 1;
        continue;
      }
      if (effect !== 'apply') {
        report.listed.push({ row: line.row, number: line.number, outcome: line.outcome, effect, message: null });
        continue;
      }
      const from = repo.statusOf(h!);
      if (outcome === 'accepted') {
        await repo.setReportStatus(tx, [h!.certificateId], { nationalStatus: 'accepted', nationalReason: null }, at);
      } else {
        await repo.setReportStatus(tx, [h!.certificateId], { nationalStatus: 'rejected', nationalReason: line.reason }, at);
        await repo.returnCertificate(tx, h!.certificateId, `全国平台退回：${line.reason}`, at);
      }
      await repo.insertEvents(tx, [
        {
          certificateId: h!.certificateId,
          batchId: null,
          fromStatus: from,
          toStatus: outcome === 'accepted' ? from : 'rejected',
          source: 'national',
          note: outcome === 'accepted' ? 'national accepted' : line.reason,
          by: ctx.actor.userId,
          at,
        },
      ]);
      report.applied += 1;
    }
    await audit({
      action: 'report.national_answer',
      targetType: 'organisation',
      targetId: hrOrgId,
      after: {
        filename: body.filename ?? null,
        rows: report.rows,
        applied: report.applied,
        unchanged: report.unchanged,
        listed: report.listed.length,
        rule: 'R10',
      },
    });
    return report;
  });
}

// --- to-do --------------------------------------------------------------------------------------------------------

/**
 * The reporting to-dos: the institution's plans still to report (due / overdue) and its returned certificates; the
 * bureau's batches waiting for review, its institutions' overdue plans and the certificates still to upload.
 */
export async function todo(ctx: UseCaseContext): Promise<ReportTodo> {
  requireAction(ctx.actor, 'report.read');
  if (ctx.actor.orgKind === 'school') {
    const plans = planViews(await repo.planSummaries(ctx.db, { schoolOrgId: ctx.actor.orgId }));
    return {
      plans: plans.filter((p) => p.deadline !== 'done'),
      returned: plans.reduce((s, p) => s + p.counts.rejected, 0),
      awaitingReview: [],
      toUpload: 0,
    };
  }
  if (ctx.actor.orgKind !== 'hr_bureau') return { plans: [], returned: 0, awaitingReview: [], toUpload: 0 };
  const waiting = await listBatches(ctx, { status: 'submitted', page: 1, pageSize: 50 });
  const mine = await listedSchools(ctx);
  const plans = planViews(await repo.planSummaries(ctx.db, { schoolOrgIds: mine }));
  return {
    plans: plans.filter((p) => p.deadline === 'overdue'),
    returned: 0,
    awaitingReview: waiting.items,
    toUpload: await repo.countToUpload(ctx.db, ctx.actor.orgId),
  };
}
