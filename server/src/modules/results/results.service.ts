import { fieldIssue } from '@skillcert/shared/validation-key';
import type { PartKind } from '@skillcert/shared/api/plans';
import type {
  CandidateResultView,
  MarkRecord,
  PartLine,
  PlanResults,
  ProcessScoreBody,
  ResultsQuery,
  ScoreImportReport,
  ScoreUploadBody,
} from '@skillcert/shared/api/results';
import type { OrgKind } from '@skillcert/shared/domain';
import { maskIdCard } from '@skillcert/shared/validators/mask';
import { inTransaction, type Locale, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { conflict, notFound, ruleViolation, unprocessable } from '../../http/errors.ts';
import { requireAction, requireOrgInScope } from '../access/policy.ts';
import { requireOwnAttachments } from '../attachments/attachments.service.ts';
import type { IdentityVault } from '../identity/identity.vault.ts';
import * as plans from '../plans/plans.repository.ts';
import { annotateScoreSheet, readScoreSheet, resultsWorkbook, scoreColumnLetter, scoresTemplate } from './results.excel.ts';
import * as repo from './results.repository.ts';
import { candidateResult, mayRecordCourseScores, type PartOutcome, processScore } from './results.rules.ts';

export type PlanRow = plans.PlanRow;
type Part = Awaited<ReturnType<typeof repo.partsOf>>[number];
type ResultRow = Awaited<ReturnType<typeof repo.partResultsOf>>[number];

/** Statuses in which the school may still record process and course scores (before publicity). */
const SCORING_STATUSES = ['acknowledged', 'in_progress', 'marking'];

// --- visibility ----------------------------------------------------------------------------------

/** The plan if the actor may see it (its school; HR over the school's region; an assigned supervisor); else 404. */
export async function loadPlan(ctx: UseCaseContext, ex: Executor, planId: string, forUpdate = false): Promise<PlanRow> {
  const p = await plans.findPlan(ex, planId, forUpdate);
  if (!p) throw notFound('plan');
  if (ctx.actor.role === 'supervisor') {
    const sup = await plans.supervisorsOf(ex, [planId]);
    if (!sup.some((s) => s.userId === ctx.actor.userId)) throw notFound('plan');
    return p;
  }
  requireOrgInScope(ctx.actor, { id: p.orgId, kind: 'school' as OrgKind, regionCode: p.regionCode }, 'plan');
  return p;
}

// --- computing results ---------------------------------------------------------------------------

export interface Computed {
  items: CandidateResultView[];
  processWeightProblem: string | null;
}

/** Each candidate's parts against their pass marks; process components folded into one weighted 过程考核 line. */
export async function computeResults(ex: Executor, planId: string, identity?: IdentityVault): Promise<Computed> {
  const parts = await repo.partsOf(ex, planId);
  const candidates = await repo.candidatesOf(ex, planId);
  const seats = await repo.seatsOf(ex, planId);
  const rows = await repo.partResultsOf(ex, planId);
  const byKey = new Map(rows.map((r) => [`${r.enrolmentId}|${r.partId}`, r]));
  const position = new Map(parts.map((p, i) => [p.id, i]));
  const processParts = parts.filter((p) => p.kind === 'process');
  let processWeightProblem: string | null = null;
  if (processParts.length) {
    const sum = processParts.reduce((s, p) => s + (p.weight ?? 0), 0);
    if (Math.abs(sum - 100) > 1e-9) processWeightProblem = `process weights add up to ${sum}, not 100`;
  }
  const items = candidates.map((c) => {
    const numbers = seats
      .filter((s) => s.enrolmentId === c.enrolmentId)
      .sort((a, b) => (position.get(a.partId) ?? 0) - (position.get(b.partId) ?? 0))
      .map((s) => s.examNumber);
    const outcomes: PartOutcome[] = [];
    const lines: Omit<PartLine, 'verdict'>[] = [];
    for (const part of parts) {
      if (part.kind === 'process') continue;
      const r = byKey.get(`${c.enrolmentId}|${part.id}`);
      outcomes.push({
        kind: part.kind as PartKind,
        passMark: part.passMark,
        score: r?.score ?? null,
        absent: r?.absent ?? false,
        substituted: r?.substituted ?? false,
      });
      lines.push({
        partId: part.id,
        kind: part.kind as PartKind,
        name: part.name,
        passMark: part.passMark,
        score: r?.score ?? null,
        substituted: r?.substituted ?? false,
        source: r?.source ?? null,
      });
    }
    const process = processParts.map((p) => {
      const r = byKey.get(`${c.enrolmentId}|${p.id}`);
      return { partId: p.id, name: p.name ?? '', weight: p.weight ?? 0, score: r?.score ?? null, evidenceAttachmentId: r?.evidenceAttachmentId ?? null };
    });
    let pScore: number | null = null;
    if (processParts.length) {
      pScore = processWeightProblem ? null : processScore(process);
      const passMark = processParts[0]!.passMark;
      outcomes.push({ kind: 'process', passMark, score: pScore });
      lines.push({ partId: null, kind: 'process', name: null, passMark, score: pScore, substituted: false, source: 'process' });
    }
    const result = candidateResult(outcomes);
    const idNumber = identity ? safeOpen(identity, c.idCipher) : null;
    return {
      enrolmentId: c.enrolmentId,
      personId: c.personId,
      name: c.name,
      idNumberMasked: idNumber ? maskIdCard(idNumber) : '',
      className: c.className,
      examNumbers: numbers,
      outcome: result.outcome,
      parts: lines.map((l, i) => ({ ...l, verdict: result.parts[i]!.verdict })),
      process,
      processScore: pScore,
    };
  });
  // In exam-number order (the order of the room lists and the publicity page).
  items.sort((a, b) => (a.examNumbers[0] ?? '').localeCompare(b.examNumbers[0] ?? '') || a.enrolmentId.localeCompare(b.enrolmentId));
  return { items, processWeightProblem };
}

function safeOpen(identity: IdentityVault, cipher: string): string | null {
  try {
    return identity.open(cipher);
  } catch {
    return null;
  }
}

function filterResults(items: CandidateResultView[], q: ResultsQuery): CandidateResultView[] {
  const text = q.q?.toLowerCase();
  return items.filter(
    (i) =>
      (!q.outcome || i.outcome === q.outcome) &&
      (!text ||
        i.name.toLowerCase().includes(text) ||
        i.examNumbers.some((n) => n.toLowerCase().includes(text)) ||
        (i.className ?? '').toLowerCase().includes(text)),
  );
}

export async function planResults(ctx: UseCaseContext, identity: IdentityVault, planId: string, q: ResultsQuery): Promise<PlanResults> {
  requireAction(ctx.actor, 'result.read');
  const p = await loadPlan(ctx, ctx.db, planId);
  const { items, processWeightProblem } = await computeResults(ctx.db, planId, identity);
  const count = (o: CandidateResultView['outcome']) => items.filter((i) => i.outcome === o).length;
  return {
    planId,
    title: p.title,
    status: p.status,
    courseExamReplacesTheory: p.courseExamReplacesTheory,
    processWeightProblem,
    counts: { passed: count('passed'), failed: count('failed'), pending: count('pending') },
    items: filterResults(items, q),
  };
}

const OUTCOME_WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': { passed: '合格', failed: '不合格', pending: '待定', absent: '缺考' },
  'en-US': { passed: 'passed', failed: 'failed', pending: 'pending', absent: 'absent' },
};
const KIND_WORDS: Record<Locale, Record<PartKind, string>> = {
  'zh-CN': { theory: '理论知识', practical: '操作技能', process: '过程考核', review: '综合评审' },
  'en-US': { theory: 'theory', practical: 'practical', process: 'process', review: 'review' },
};

/** The results (filtered as on screen) as an Excel workbook. */
export async function resultsExport(ctx: UseCaseContext, identity: IdentityVault, planId: string, q: ResultsQuery): Promise<Buffer> {
  const r = await planResults(ctx, identity, planId, q);
  const locale = ctx.locale ?? 'zh-CN';
  const words = OUTCOME_WORDS[locale];
  const kinds = r.items[0]?.parts.map((p) => p.kind) ?? [];
  const headers = ['准考证号', '姓名', '证件号码', '班级', ...kinds.map((k) => KIND_WORDS[locale][k]), '结果'];
  const rows = r.items.map((i) => [
    i.examNumbers[0] ?? '',
    i.name,
    i.idNumberMasked,
    i.className ?? '',
    ...i.parts.map((p) => (p.verdict === 'absent' ? words.absent! : p.score === null ? '' : `${p.score}${p.substituted ? '*' : ''}`)),
    words[i.outcome] ?? i.outcome,
  ]);
  return resultsWorkbook(headers, rows);
}

/** The whole mark record of one candidate: part results, every mark and decision, the exam attempts' event log. */
export async function markRecord(ctx: UseCaseContext, identity: IdentityVault, planId: string, enrolmentId: string): Promise<MarkRecord> {
  requireAction(ctx.actor, 'result.read');
  await loadPlan(ctx, ctx.db, planId);
  const { items } = await computeResults(ctx.db, planId, identity);
  const result = items.find((i) => i.enrolmentId === enrolmentId);
  if (!result) throw notFound('enrolment');
  const parts = await repo.partsOf(ctx.db, planId);
  const kindOf = new Map(parts.map((p) => [p.id, p.kind as PartKind]));
  const rows = await repo.partResultsOf(ctx.db, planId, enrolmentId);
  const marks = await repo.marksOf(ctx.db, planId, enrolmentId);
  const decisions = await repo.decisionsOf(ctx.db, planId, enrolmentId);
  const events = await repo.eventsOf(ctx.db, planId, enrolmentId);
  return {
    result,
    partResults: rows.map((r) => ({
      partId: r.partId,
      kind: kindOf.get(r.partId) ?? 'theory',
      score: r.score,
      absent: r.absent,
      substituted: r.substituted,
      source: r.source,
      evidenceAttachmentId: r.evidenceAttachmentId,
      detail: r.detail,
      recordedBy: r.recordedBy,
      at: r.at.toISOString(),
    })),
    marks: marks.map((m) => ({
      partId: m.partId,
      itemId: m.itemId,
      examinerId: m.examinerId,
      round: m.round,
      scores: m.scores,
      vetoes: m.vetoes,
      comment: m.comment,
      total: m.total,
      source: m.source,
      at: m.at.toISOString(),
    })),
    decisions: decisions.map((d) => ({
      partId: d.partId,
      itemId: d.itemId,
      kind: d.kind,
      score: d.score,
      reason: d.reason,
      decidedBy: d.decidedBy,
      at: d.at.toISOString(),
    })),
    events: events.map((e) => ({ id: e.id, attemptId: e.attemptId, kind: e.kind, data: e.data, at: e.at.toISOString() })),
  };
}

// --- recording scores ----------------------------------------------------------------------------

function requireScoring(p: PlanRow): void {
  if (!SCORING_STATUSES.includes(p.status)) throw conflict('RESULT.LOCKED', { status: p.status });
}

/** 过程考核: one component score of one candidate, with its evidence. */
export async function recordProcessScore(ctx: UseCaseContext, planId: string, body: ProcessScoreBody): Promise<void> {
  requireAction(ctx.actor, 'result.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadPlan(ctx, tx, planId, true);
    requireScoring(p);
    const part = (await repo.partsOf(tx, planId)).find((x) => x.id === body.partId);
    if (part?.kind !== 'process') throw unprocessable('RESULT.NOT_A_PROCESS_PART', { issues: [fieldIssue('body.partId', 'valid.notProcessPart')] });
    if (!(await repo.candidatesOf(tx, planId)).some((c) => c.enrolmentId === body.enrolmentId)) throw notFound('enrolment');
    await requireOwnAttachments(tx, p.orgId, [body.evidenceAttachmentId]);
    const before = (await repo.partResultsOf(tx, planId, body.enrolmentId)).find((r) => r.partId === part.id);
    await repo.upsertPartResults(tx, [
      {
        enrolmentId: body.enrolmentId,
        partId: part.id,
        planId,
        score: body.score,
        absent: false,
        substituted: false,
        source: 'process',
        evidenceAttachmentId: body.evidenceAttachmentId,
        detail: { component: part.name, weight: part.weight },
        recordedBy: ctx.actor.userId,
        at: new Date(),
      },
    ]);
    await audit({
      action: 'result.process_score',
      targetType: 'plan',
      targetId: planId,
      before: before ? { score: before.score } : null,
      after: { enrolmentId: body.enrolmentId, partId: part.id, score: body.score, evidenceAttachmentId: body.evidenceAttachmentId },
    });
  });
}

const ROW_TEXT: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    noKey: '请填写准考证号或证件号码',
    unknownExamNumber: '本计划没有这个准考证号',
    unknownId: '本计划没有这个证件号码的考生',
    mismatch: '准考证号与证件号码不是同一考生',
    name: '姓名与报名信息不符',
    duplicate: '同一考生在表中出现多次',
    score: '成绩应为 0–100 的数字',
    missing: '请填写成绩',
  },
  'en-US': {
    noKey: 'Give the exam number or the ID number',
    unknownExamNumber: 'No candidate of this plan has this exam number',
    unknownId: 'No candidate of this plan has this ID number',
    mismatch: 'The exam number and the ID number belong to different candidates',
    name: 'The name differs from the enrolment',
    duplicate: 'The same candidate appears more than once',
    score: 'A score is a number from 0 to 100',
    missing: 'Give the score',
  },
};
const FILE_TEXT: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    unreadable: '无法读取该 Excel 文件（请上传 .xlsx）',
    too_large: '文件解压后过大',
    columns: '表头与模板不符，请下载模板填写',
    too_many_rows: '行数过多',
    empty: '表中没有数据行',
  },
  'en-US': {
    unreadable: 'The file is not a readable .xlsx workbook',
    too_large: 'The workbook unpacks to too much data',
    columns: 'The columns differ from the template; download the template',
    too_many_rows: 'Too many rows',
    empty: 'The sheet has no data rows',
  },
};

interface JudgedRow {
  row: number;
  key: string;
  enrolmentId: string | null;
  scores: (number | null)[];
  problems: { column: string; message: string }[];
}

/** Match each row to a candidate of the plan (by exam number or ID number) and check its scores. */
async function judgeRows(
  ex: Executor,
  identity: IdentityVault,
  planId: string,
  file: Buffer,
  scoreColumns: number,
  requireEvery: boolean,
  locale: Locale,
): Promise<{ fileErrors: string[]; rows: JudgedRow[] }> {
  const t = ROW_TEXT[locale];
  const sheet = await readScoreSheet(file, scoreColumns);
  if (!sheet.ok) return { fileErrors: [FILE_TEXT[locale][sheet.error]!], rows: [] };
  if (sheet.rows.length === 0) return { fileErrors: [FILE_TEXT[locale].empty!], rows: [] };
  const candidates = await repo.candidatesOf(ex, planId);
  const byId = new Map(candidates.map((c) => [c.enrolmentId, c]));
  const byHash = new Map(candidates.map((c) => [c.idHash, c.enrolmentId]));
  const byNumber = new Map((await repo.seatsOf(ex, planId)).map((s) => [s.examNumber.toUpperCase(), s.enrolmentId]));
  const seen = new Set<string>();
  const rows = sheet.rows.map((r) => {
    const problems: JudgedRow['problems'] = [];
    let enrolmentId: string | null = null;
    if (!r.examNumber && !r.idNumber) problems.push({ column: 'A', message: t.noKey! });
    const fromNumber = r.examNumber ? byNumber.get(r.examNumber.toUpperCase()) : undefined;
    if (r.examNumber && !fromNumber) problems.push({ column: 'A', message: t.unknownExamNumber! });
    let fromId: string | undefined;
    if (r.idNumber) {
      fromId = byHash.get(identity.hash(r.idNumber));
      if (!fromId) problems.push({ column: 'B', message: t.unknownId! });
    }
    if (fromNumber && fromId && fromNumber !== fromId) problems.push({ column: 'B', message: t.mismatch! });
    enrolmentId = problems.length ? null : (fromNumber ?? fromId ?? null);
    if (enrolmentId) {
      if (r.name && r.name !== byId.get(enrolmentId)?.name) problems.push({ column: 'C', message: t.name! });
      if (seen.has(enrolmentId)) problems.push({ column: 'A', message: t.duplicate! });
      seen.add(enrolmentId);
    }
    const scores = r.scores.map((s, i) => {
      if (s === null) {
        if (requireEvery) problems.push({ column: scoreColumnLetter(i), message: t.missing! });
        return null;
      }
      if (typeof s !== 'number' || s < 0 || s > 100) {
        problems.push({ column: scoreColumnLetter(i), message: t.score! });
        return null;
      }
      return Math.round(s * 100) / 100;
    });
    return { row: r.row, key: r.examNumber || (r.idNumber ? maskIdCard(r.idNumber) : ''), enrolmentId, scores, problems };
  });
  return { fileErrors: [], rows };
}

async function report(file: Buffer, fileErrors: string[], rows: JudgedRow[], stored: boolean): Promise<ScoreImportReport> {
  const refused = rows.filter((r) => r.problems.length > 0);
  const notes = refused.flatMap((r) => r.problems.map((p) => ({ row: r.row, column: p.column, message: p.message })));
  return {
    stored,
    rows: rows.length,
    accepted: rows.length - refused.length,
    refused: refused.length,
    fileErrors,
    verdicts: rows.map((r) => ({ row: r.row, key: r.key, accepted: r.problems.length === 0, problems: r.problems })),
    annotatedWorkbookBase64: refused.length ? ((await annotateScoreSheet(file, notes))?.toString('base64') ?? null) : null,
  };
}

/**
 * R6 课证融通: the school uploads candidates' 结课综合考试成绩 in place of the theory exam, with the evidence (the signed
 * score list). Only where the plan declared it; all rows or none, in one transaction.
 */
export async function importCourseScores(ctx: UseCaseContext, identity: IdentityVault, planId: string, body: ScoreUploadBody): Promise<ScoreImportReport> {
  requireAction(ctx.actor, 'result.manage');
  const file = Buffer.from(body.contentBase64, 'base64');
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadPlan(ctx, tx, planId, true);
    const refusal = mayRecordCourseScores(p);
    if (refusal) throw ruleViolation(refusal.rule, refusal.code, { planId });
    requireScoring(p);
    const theory = (await repo.partsOf(tx, planId)).find((x) => x.kind === 'theory');
    if (!theory) throw unprocessable('RESULT.NO_THEORY_PART', { planId });
    await requireOwnAttachments(tx, p.orgId, [body.evidenceAttachmentId]);
    const { fileErrors, rows } = await judgeRows(tx, identity, planId, file, 1, true, ctx.locale ?? 'zh-CN');
    if (fileErrors.length || rows.some((r) => r.problems.length)) return report(file, fileErrors, rows, false);
    const at = new Date();
    await repo.upsertPartResults(
      tx,
      rows.map((r) => ({
        enrolmentId: r.enrolmentId!,
        partId: theory.id,
        planId,
        score: r.scores[0]!,
        absent: false,
        substituted: true,
        source: 'course',
        evidenceAttachmentId: body.evidenceAttachmentId,
        detail: { row: r.row, filename: body.filename ?? null },
        recordedBy: ctx.actor.userId,
        at,
      })),
    );
    await audit({
      action: 'result.course_scores',
      targetType: 'plan',
      targetId: planId,
      after: { partId: theory.id, candidates: rows.length, evidenceAttachmentId: body.evidenceAttachmentId, rule: 'R6' },
    });
    return report(file, [], rows, true);
  });
}

/** 过程考核 from a workbook: one column per process component (in the plan's order); an empty cell leaves that score as it is. */
export async function importProcessScores(ctx: UseCaseContext, identity: IdentityVault, planId: string, body: ScoreUploadBody): Promise<ScoreImportReport> {
  requireAction(ctx.actor, 'result.manage');
  const file = Buffer.from(body.contentBase64, 'base64');
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const p = await loadPlan(ctx, tx, planId, true);
    requireScoring(p);
    const components = (await repo.partsOf(tx, planId)).filter((x) => x.kind === 'process');
    if (!components.length) throw unprocessable('RESULT.NO_PROCESS_PARTS', { planId });
    await requireOwnAttachments(tx, p.orgId, [body.evidenceAttachmentId]);
    const { fileErrors, rows } = await judgeRows(tx, identity, planId, file, components.length, false, ctx.locale ?? 'zh-CN');
    if (fileErrors.length || rows.some((r) => r.problems.length)) return report(file, fileErrors, rows, false);
    const at = new Date();
    const values: repo.PartResultInsert[] = rows.flatMap((r) =>
      components.flatMap((c, i) =>
        r.scores[i] === null || r.scores[i] === undefined
          ? []
          : [
              {
                enrolmentId: r.enrolmentId!,
                partId: c.id,
                planId,
                score: r.scores[i],
                absent: false,
                substituted: false,
                source: 'process',
                evidenceAttachmentId: body.evidenceAttachmentId,
                detail: { component: c.name, weight: c.weight, row: r.row, filename: body.filename ?? null },
                recordedBy: ctx.actor.userId,
                at,
              },
            ],
      ),
    );
    await repo.upsertPartResults(tx, values);
    await audit({
      action: 'result.process_scores',
      targetType: 'plan',
      targetId: planId,
      after: { candidates: rows.length, scores: values.length, evidenceAttachmentId: body.evidenceAttachmentId },
    });
    return report(file, [], rows, true);
  });
}

async function templateCandidates(ctx: UseCaseContext, planId: string, parts: Part[]) {
  const candidates = await repo.candidatesOf(ctx.db, planId);
  const seats = await repo.seatsOf(ctx.db, planId);
  const position = new Map(parts.map((p, i) => [p.id, i]));
  return candidates.map((c) => ({
    name: c.name,
    examNumber:
      seats.filter((s) => s.enrolmentId === c.enrolmentId).sort((a, b) => (position.get(a.partId) ?? 0) - (position.get(b.partId) ?? 0))[0]?.examNumber ?? '',
  }));
}

export async function courseScoresTemplate(ctx: UseCaseContext, planId: string): Promise<Buffer> {
  requireAction(ctx.actor, 'result.manage');
  const p = await loadPlan(ctx, ctx.db, planId);
  const refusal = mayRecordCourseScores(p);
  if (refusal) throw ruleViolation(refusal.rule, refusal.code, { planId });
  const parts = await repo.partsOf(ctx.db, planId);
  return scoresTemplate([{ header: '结课综合考试成绩 course exam score' }], await templateCandidates(ctx, planId, parts));
}

export async function processScoresTemplate(ctx: UseCaseContext, planId: string): Promise<Buffer> {
  requireAction(ctx.actor, 'result.manage');
  await loadPlan(ctx, ctx.db, planId);
  const parts = await repo.partsOf(ctx.db, planId);
  const components = parts.filter((x) => x.kind === 'process');
  if (!components.length) throw unprocessable('RESULT.NO_PROCESS_PARTS', { planId });
  return scoresTemplate(
    components.map((c) => ({ header: `${c.name ?? '过程考核'} (${c.weight ?? 0}%)` })),
    await templateCandidates(ctx, planId, parts),
  );
}

export type { ResultRow };
