import { vm } from '@skillcert/shared/validation-key';
import { createHash } from 'node:crypto';
import type {
  Decision,
  DecisionBody,
  Dispute,
  DisputeQueue,
  MarkBody,
  MarkingProgress,
  MarkingQueue,
  MarkRecord,
  PaperMarkBody,
  QueueEntry,
  RemarkBody,
  RemarkRequest,
  SavedMark,
} from '@skillcert/shared/api/marking';
import type { PolicyProfile } from '@skillcert/shared/api/policies';
import type { OrgKind } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import type { CopyItem } from '../../db/schema.ts';
import { badRequest, conflict, forbidden, notFound, ruleViolation, unprocessable } from '../../http/errors.ts';
import { message } from '../../http/messages.ts';
import { type Actor, canSeeRubric, requireAction, requireOrgInScope } from '../access/policy.ts';
import { MAX_ATTACHMENT_BYTES } from '../attachments/attachments.service.ts';
import * as planRepo from '../plans/plans.repository.ts';
import { findProfile, profileForRegion } from '../policies/policies.rules.ts';
import * as repo from './marking.repository.ts';
import {
  type Agreement,
  agreement,
  checkDecisionScore,
  checkMark,
  finalScore,
  itemThreshold,
  markersRequired,
  mayMark,
  mayRemark,
  panelRequired,
  partScore,
  rubricWithIds,
  taskScore,
} from './marking.rules.ts';

/**
 * 评分 (marking): examiners mark 简答 answers and practical tasks blind on the rubric; their marks agree (the mean) or
 * go to the chief examiner; when a candidate's last item of a part is final, the part result and the bank's item
 * responses are written in the same transaction. Re-marks (复核) after an objection are done by a different examiner.
 *
 * Who marks what (R9): a practical task — the examiners staffed (named or drawn) in the candidate's practical sitting;
 * a 简答 answer of a submitted theory attempt — the plan's examiners (staffed as examiner in any sitting of the plan).
 * The chief examiner of the sitting (else of the plan) decides disputes; it does not take part in the first marks.
 */

type PlanRow = NonNullable<Awaited<ReturnType<typeof planRepo.findPlan>>>;
type PartRow = NonNullable<Awaited<ReturnType<typeof repo.findPart>>>;
type MarkRow = Awaited<ReturnType<typeof repo.marksOfPart>>[number];
type DecisionRow = Awaited<ReturnType<typeof repo.decisionsOfPart>>[number];
type BankRubric = { criteria?: { text: string; points: number }[]; vetoes?: string[] } | null;

const MARKED_PARTS = ['theory', 'practical', 'review'];
/** Plans whose marks may be entered (first marks and chief decisions). */
const MARKABLE = ['in_progress', 'marking'];
/** Plans where the institution may still ask for a re-mark (after results are out, during 公示). */
const REMARKABLE = ['in_progress', 'marking', 'publicity'];

/** One candidate's item to mark. */
interface Unit {
  planId: string;
  partId: string;
  partKind: 'theory' | 'practical' | 'review';
  enrolmentId: string;
  examNumber: string;
  sittingId: string;
  itemId: string;
  version: number;
  points: number;
  position: number;
  paperId: string;
  stem: string;
  rubric: BankRubric;
  bankOrgId: string;
  response: unknown;
  /** Theory: the attempt's objective score. */
  objectiveScore: number | null;
}

interface UnitState {
  first: MarkRow[];
  required: number;
  threshold: number;
  agreement: Agreement;
  chief: DecisionRow | undefined;
  remark: DecisionRow | undefined;
  final: number | null;
  drawn: string[];
  chiefs: string[];
  panelInvalid: boolean;
}

/** Everything needed to judge a part's items: the plan, the profile, the staff, the units, their marks and decisions. */
interface PartCtx {
  plan: PlanRow;
  part: PartRow;
  profile: PolicyProfile;
  staff: Awaited<ReturnType<typeof repo.staffOfPlan>>;
  units: Unit[];
  marks: MarkRow[];
  decisions: DecisionRow[];
  /** The paper's total points per paper id (for scaling the part to 100). */
  totals: Map<string, number>;
}

function profileOf(p: PlanRow): PolicyProfile {
  return findProfile(p.profileId) ?? profileForRegion(p.regionCode);
}

async function unitsOfPart(ex: Executor, plan: PlanRow, part: PartRow, enrolmentId?: string): Promise<Unit[]> {
  if (part.kind === 'practical' || part.kind === 'review') {
    // 实操 tasks, or the 综合评审 items (材料评审, 答辩) of the review part's paper, for every seated candidate.
    if (!part.paperId) return [];
    const partKind = part.kind;
    const tasks = await repo.markedItemsOfPaper(ex, part.paperId, ['practical', 'subjective']);
    const seats = await repo.practicalSeats(ex, part.id, enrolmentId);
    return seats.flatMap((s) =>
      tasks.map((t) => ({
        planId: plan.id,
        partId: part.id,
        partKind,
        enrolmentId: s.enrolmentId,
        examNumber: s.examNumber,
        sittingId: s.sittingId,
        itemId: t.itemId,
        version: t.version,
        points: t.points,
        position: t.position,
        paperId: part.paperId!,
        stem: t.stem,
        rubric: t.rubric as BankRubric,
        bankOrgId: t.orgId,
        response: null,
        objectiveScore: null,
      })),
    );
  }
  if (part.kind !== 'theory') return [];
  const attempts = await repo.submittedAttempts(ex, part.id, enrolmentId);
  const subjectiveIds = [...new Set(attempts.flatMap((a) => a.layout.filter((c) => c.type === 'subjective').map((c) => c.itemId)))];
  const itemRows = new Map((await repo.itemsByIds(ex, subjectiveIds)).map((i) => [i.id, i]));
  const answers = new Map(
    (
      await repo.answersOf(
        ex,
        attempts.map((a) => a.id),
        subjectiveIds,
      )
    ).map((a) => [`${a.attemptId}:${a.itemId}`, a.response]),
  );
  return attempts.flatMap((a) =>
    (a.layout as CopyItem[]).flatMap((c, position) => {
      const item = itemRows.get(c.itemId);
      if (c.type !== 'subjective' || !item) return [];
      return [
        {
          planId: plan.id,
          partId: part.id,
          partKind: 'theory' as const,
          enrolmentId: a.enrolmentId,
          examNumber: a.examNumber,
          sittingId: a.sittingId,
          itemId: c.itemId,
          version: c.version,
          points: c.points,
          position,
          paperId: a.paperId,
          stem: item.stem,
          rubric: item.rubric as BankRubric,
          bankOrgId: item.orgId,
          response: answers.get(`${a.id}:${c.itemId}`) ?? null,
          objectiveScore: a.objectiveScore,
        },
      ];
    }),
  );
}

async function loadPartCtx(ex: Executor, plan: PlanRow, part: PartRow, enrolmentId?: string): Promise<PartCtx> {
  // One after another: inside a transaction the queries share one connection.
  const staff = await repo.staffOfPlan(ex, plan.id);
  const units = await unitsOfPart(ex, plan, part, enrolmentId);
  const marks = await repo.marksOfPart(ex, part.id, enrolmentId);
  const decisions = await repo.decisionsOfPart(ex, part.id, enrolmentId);
  const totals = new Map<string, number>();
  for (const paperId of new Set(units.map((u) => u.paperId))) totals.set(paperId, await repo.paperTotal(ex, paperId));
  return { plan, part, profile: profileOf(plan), staff, units, marks, decisions, totals };
}

/** R9: the certificate numbers drawn (or named) to mark this unit, and those of its chief examiners. */
function examinersOf(pc: PartCtx, u: Unit): { drawn: string[]; chiefs: string[] } {
  const of = (role: string, sittingId?: string) => [
    ...new Set(pc.staff.filter((s) => s.role === role && (sittingId === undefined || s.sittingId === sittingId)).map((s) => s.certificateNo)),
  ];
  if (u.partKind === 'practical' || u.partKind === 'review') {
    const chiefs = of('chief_examiner', u.sittingId);
    return { drawn: of(u.partKind === 'review' ? 'panel' : 'examiner', u.sittingId), chiefs: chiefs.length ? chiefs : of('chief_examiner') };
  }
  return { drawn: of('examiner'), chiefs: of('chief_examiner') };
}

function stateOf(pc: PartCtx, u: Unit): UnitState {
  const mine = (r: { enrolmentId: string; itemId: string }) => r.enrolmentId === u.enrolmentId && r.itemId === u.itemId;
  const first = pc.marks.filter((m) => mine(m) && m.round === 'first');
  const chief = pc.decisions.find((d) => mine(d) && d.kind === 'chief');
  const remark = pc.decisions.find((d) => mine(d) && d.kind === 'remark');
  const { drawn, chiefs } = examinersOf(pc, u);
  const ratios = pc.profile.staffRatios.value;
  const panel = u.partKind === 'review' ? panelRequired(drawn.length, ratios.reviewMinPanel, ratios.reviewOddPanel) : null;
  // An invalid panel never agrees (its marks wait): saveMark refuses to take them.
  const required =
    panel === null
      ? markersRequired(pc.profile.practicalMarkersPerCandidate.value, drawn.length)
      : panel === 'MARK.PANEL_INVALID'
        ? Number.POSITIVE_INFINITY
        : panel;
  const threshold = itemThreshold(pc.profile.disagreementThreshold.value, u.points);
  const a = agreement(
    first.map((m) => m.total),
    required,
    threshold,
    chief?.score ?? null,
  );
  return {
    first,
    required,
    threshold,
    agreement: a,
    chief,
    remark,
    final: finalScore(a, remark?.score ?? null),
    drawn,
    chiefs,
    panelInvalid: panel === 'MARK.PANEL_INVALID',
  };
}

function findUnit(pc: PartCtx, enrolmentId: string, itemId: string): Unit {
  const u = pc.units.find((x) => x.enrolmentId === enrolmentId && x.itemId === itemId);
  if (!u) throw notFound('mark');
  return u;
}

async function requireCertificate(ex: Executor, actor: Actor): Promise<string> {
  const cert = await repo.certificateOf(ex, actor.userId);
  if (!cert) throw forbidden('MARK.NOT_DRAWN', { rule: 'R9' });
  return cert;
}

/** The plan and part a write names, the part belonging to the plan; the plan's status checked. */
async function loadPlanPart(ex: Executor, planId: string, partId: string, statuses: string[], forUpdate = false) {
  const plan = await planRepo.findPlan(ex, planId, forUpdate);
  const part = await repo.findPart(ex, partId);
  if (!plan || !part || part.planId !== plan.id) throw notFound('mark');
  if (!statuses.includes(plan.status)) throw conflict('MARK.PLAN_NOT_MARKING', { status: plan.status });
  return { plan, part };
}

// --- when a candidate's part is complete -----------------------------------------------------------------

/**
 * When every marked item of the candidate's part is final (agreed, decided or re-marked), write the part result
 * (practical: the tasks' sum; theory: the objective score plus the 简答 scores; scaled to 100 when the paper's total
 * is not 100) and the bank's item responses. Runs inside the caller's transaction. Returns whether it wrote.
 */
async function settleCandidate(ex: Executor, pc: PartCtx, enrolmentId: string, actorId: string): Promise<boolean> {
  const units = pc.units.filter((u) => u.enrolmentId === enrolmentId);
  if (units.length === 0) return false;
  const finals = units.map((u) => ({ u, score: stateOf(pc, u).final }));
  if (finals.some((f) => f.score === null)) return false;
  const first = units[0]!;
  const marked = finals.reduce((s, f) => s + (f.score ?? 0), 0);
  const objective = pc.part.kind === 'theory' ? (first.objectiveScore ?? 0) : 0;
  const total = pc.totals.get(first.paperId) || units.reduce((s, u) => s + u.points, 0);
  const score = partScore(objective + marked, total);
  await repo.upsertPartResult(ex, {
    enrolmentId,
    partId: pc.part.id,
    planId: pc.plan.id,
    score,
    source: pc.part.kind === 'theory' ? 'exam' : pc.part.kind === 'review' ? 'review' : 'marking',
    detail: {
      paperTotal: total,
      earned: objective + marked,
      ...(pc.part.kind === 'theory' ? { objective } : {}),
      items: finals.map((f) => ({ itemId: f.u.itemId, score: f.score, max: f.u.points })),
    },
    recordedBy: actorId,
  });
  await repo.upsertItemResponses(
    ex,
    finals.map((f) => ({
      paperId: f.u.paperId,
      candidate: f.u.examNumber,
      itemId: f.u.itemId,
      version: f.u.version,
      score: f.score ?? 0,
      maxScore: f.u.points,
    })),
  );
  return true;
}

// --- the examiner's queue and marks -------------------------------------------------------------------------

function presentRubric(actor: Actor, u: Unit) {
  // The bank's confidentiality hook: the examiner of this task sees its rubric (never the answer key).
  return canSeeRubric(actor, u.bankOrgId, true) ? rubricWithIds(u.rubric) : { criteria: [], vetoes: [] };
}

function presentMyMark(m: MarkRow | undefined): QueueEntry['myMark'] {
  if (!m) return null;
  return {
    scores: m.scores,
    vetoes: m.vetoes,
    comment: m.comment,
    total: m.total,
    source: m.source as 'screen' | 'paper',
    sheetAttachmentId: m.sheetAttachmentId,
    at: m.at.toISOString(),
  };
}

function entryOf(
  actor: Actor,
  planTitle: string,
  u: Unit,
  round: 'first' | 'remark',
  my: MarkRow | undefined,
  closed: boolean,
  reason: string | null,
): QueueEntry {
  return {
    planId: u.planId,
    planTitle,
    partId: u.partId,
    partKind: u.partKind,
    enrolmentId: u.enrolmentId,
    examNumber: u.examNumber,
    itemId: u.itemId,
    position: u.position,
    stem: u.stem,
    points: u.points,
    rubric: presentRubric(actor, u),
    response: u.response ?? null,
    round,
    remarkReason: reason,
    myMark: presentMyMark(my),
    state: closed ? 'closed' : 'open',
  };
}

/** The marked parts (theory, practical, 综合评审) of the plans where the certificate is staffed in one of the roles. */
async function partsStaffed(ex: Executor, cert: string, roles: string[], statuses: string[]) {
  const staffing = (await repo.staffingOf(ex, cert, roles)).filter((s) => statuses.includes(s.planStatus));
  const out = new Map<string, { planId: string; planTitle: string }>();
  for (const planId of new Set(staffing.map((s) => s.planId))) {
    const planTitle = staffing.find((s) => s.planId === planId)!.planTitle;
    for (const part of await repo.partsOfPlan(ex, planId)) if (MARKED_PARTS.includes(part.kind)) out.set(part.id, { planId, planTitle });
  }
  return out;
}

/** The examiner's queue: what is theirs to mark (R9), blind — exam numbers only, never names, never others' marks. */
export async function markingQueue(ctx: UseCaseContext): Promise<MarkingQueue> {
  requireAction(ctx.actor, 'marking.mark');
  const me = ctx.actor.userId;
  const cert = await repo.certificateOf(ctx.db, me);
  if (!cert) return { items: [] };
  const out: QueueEntry[] = [];
  for (const [partId, scope] of await partsStaffed(ctx.db, cert, ['examiner', 'panel'], MARKABLE)) {
    const plan = (await planRepo.findPlan(ctx.db, scope.planId))!;
    const part = (await repo.findPart(ctx.db, partId))!;
    const pc = await loadPartCtx(ctx.db, plan, part);
    for (const u of pc.units) {
      const s = stateOf(pc, u);
      if (mayMark(cert, s.drawn) !== null) continue;
      const my = s.first.find((m) => m.examinerId === me);
      const closed = s.final !== null;
      if (!my && (closed || s.first.length >= s.required)) continue;
      out.push(entryOf(ctx.actor, scope.planTitle, u, 'first', my, closed, null));
    }
  }
  for (const r of await repo.openRemarksFor(ctx.db, me)) {
    const plan = await planRepo.findPlan(ctx.db, r.planId);
    const part = await repo.findPart(ctx.db, r.partId);
    if (!plan || !part) continue;
    const pc = await loadPartCtx(ctx.db, plan, part, r.enrolmentId);
    const u = pc.units.find((x) => x.itemId === r.itemId);
    if (u) out.push(entryOf(ctx.actor, plan.title, u, 'remark', undefined, false, r.reason));
  }
  out.sort((a, b) => a.planTitle.localeCompare(b.planTitle) || a.examNumber.localeCompare(b.examNumber) || a.position - b.position);
  return { items: out };
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

function decodeSheet(sheet: PaperMarkBody['sheet']): Buffer {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(sheet.contentBase64))
    throw badRequest('VALIDATION.FAILED', { issues: [{ path: 'body.sheet.contentBase64', message: vm('valid.notBase64') }] });
  const content = Buffer.from(sheet.contentBase64, 'base64');
  if (content.length === 0) throw badRequest('VALIDATION.FAILED', { issues: [{ path: 'body.sheet.contentBase64', message: vm('valid.emptyFile') }] });
  if (content.length > MAX_ATTACHMENT_BYTES) throw unprocessable('ATTACHMENT.TOO_LARGE', { maxBytes: MAX_ATTACHMENT_BYTES });
  if (!MAGIC[sheet.mimeType]?.(content)) throw unprocessable('MARK.SHEET_TYPE', { mimeType: sheet.mimeType });
  return content;
}

/**
 * An examiner's mark of one candidate's item (or the correction of it, until the item is agreed), or — when the
 * institution asked this examiner for a re-mark — the re-mark, which replaces the item's score. With `sheet`, the
 * mark comes from a signed paper sheet whose scan is stored in the same transaction.
 */
export async function saveMark(ctx: UseCaseContext, body: MarkBody, sheet?: PaperMarkBody['sheet']): Promise<SavedMark> {
  requireAction(ctx.actor, 'marking.mark');
  const me = ctx.actor.userId;
  const content = sheet ? decodeSheet(sheet) : null;
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const cert = await requireCertificate(tx, ctx.actor);
    const { plan, part } = await loadPlanPart(tx, body.planId, body.partId, REMARKABLE);
    if (!(await repo.lockEnrolment(tx, body.enrolmentId))) throw notFound('mark');
    const pc = await loadPartCtx(tx, plan, part, body.enrolmentId);
    const u = findUnit(pc, body.enrolmentId, body.itemId);
    const remark = await repo.openRemark(tx, u);
    const isRemark = remark !== undefined && remark.examinerId === me;
    const s = stateOf(pc, u);
    if (!isRemark) {
      if (!MARKABLE.includes(plan.status)) throw conflict('MARK.PLAN_NOT_MARKING', { status: plan.status });
      const refusal = mayMark(cert, s.drawn);
      if (refusal) throw forbidden(refusal, { rule: 'R9' });
      if (s.panelInvalid) throw ruleViolation('R9', 'MARK.PANEL_INVALID', { panel: s.drawn.length }, { panel: s.drawn.length });
      if (s.final !== null) throw conflict('MARK.CLOSED');
      const mine = s.first.some((m) => m.examinerId === me);
      if (!mine && s.first.length >= s.required) throw conflict('MARK.ENOUGH_MARKS', { required: s.required });
    }
    const mark = { scores: body.scores, vetoes: body.vetoes };
    const issues = checkMark(rubricWithIds(u.rubric), mark);
    if (issues.length) {
      const locale = ctx.locale ?? 'zh-CN';
      throw unprocessable('MARK.INVALID', {
        issues: issues.map((i) => ({
          ...i,
          path: 'criterionId' in i ? `body.scores.${i.criterionId}` : `body.vetoes.${i.vetoId}`,
          message: message(locale, i.code, 'max' in i ? { max: i.max } : {}),
        })),
      });
    }
    const total = taskScore(mark);
    const sheetAttachmentId =
      sheet && content
        ? await repo.insertSheet(tx, {
            orgId: ctx.actor.orgId,
            uploadedBy: me,
            filename: sheet.filename,
            mimeType: sheet.mimeType,
            size: content.length,
            sha256: createHash('sha256').update(content).digest('hex'),
            content,
          })
        : null;
    const before = isRemark ? undefined : s.first.find((m) => m.examinerId === me);
    const saved = await repo.upsertMark(tx, {
      planId: plan.id,
      partId: part.id,
      enrolmentId: u.enrolmentId,
      itemId: u.itemId,
      examinerId: me,
      round: isRemark ? 'remark' : 'first',
      scores: body.scores,
      vetoes: body.vetoes,
      comment: body.comment ?? null,
      total,
      source: sheet ? 'paper' : 'screen',
      sheetAttachmentId,
    });
    const after = { examNumber: u.examNumber, itemId: u.itemId, round: saved.round, total, source: saved.source, sheetAttachmentId };
    await audit({
      action: before ? 'mark.correct' : 'mark.save',
      targetType: 'mark',
      targetId: saved.id,
      before: before ? { total: before.total } : undefined,
      after,
    });
    if (isRemark && remark) {
      const d = await repo.upsertDecision(tx, {
        planId: plan.id,
        partId: part.id,
        enrolmentId: u.enrolmentId,
        itemId: u.itemId,
        kind: 'remark',
        score: total,
        reason: remark.reason,
        decidedBy: me,
      });
      await repo.closeRemark(tx, remark.id);
      await audit({
        action: 'mark.remark',
        targetType: 'mark_decision',
        targetId: d.id,
        before: { score: s.final },
        after: { score: total, reason: remark.reason, remarkRequestId: remark.id, objectionId: remark.objectionId },
      });
    }
    await settleCandidate(tx, await loadPartCtx(tx, plan, part, body.enrolmentId), body.enrolmentId, me);
    return { id: saved.id, round: saved.round as 'first' | 'remark', total, source: saved.source as 'screen' | 'paper', sheetAttachmentId };
  });
}

// --- the chief examiner ------------------------------------------------------------------------------------------

/** The chief examiner's queue: disputed items (spread over the threshold), the marks side by side. */
export async function disputeQueue(ctx: UseCaseContext): Promise<DisputeQueue> {
  requireAction(ctx.actor, 'marking.mark');
  const cert = await repo.certificateOf(ctx.db, ctx.actor.userId);
  if (!cert) return { items: [] };
  const out: Dispute[] = [];
  for (const [partId, scope] of await partsStaffed(ctx.db, cert, ['chief_examiner'], MARKABLE)) {
    const plan = (await planRepo.findPlan(ctx.db, scope.planId))!;
    const part = (await repo.findPart(ctx.db, partId))!;
    const pc = await loadPartCtx(ctx.db, plan, part);
    const disputed = pc.units.map((u) => ({ u, s: stateOf(pc, u) })).filter(({ s }) => s.agreement.status === 'disputed' && s.chiefs.includes(cert));
    const names = new Map(
      (await repo.examinersByIds(ctx.db, [...new Set(disputed.flatMap(({ s }) => s.first.map((m) => m.examinerId)))])).map((e) => [e.userId, e]),
    );
    for (const { u, s } of disputed) {
      out.push({
        planId: u.planId,
        planTitle: scope.planTitle,
        partId: u.partId,
        partKind: u.partKind,
        enrolmentId: u.enrolmentId,
        examNumber: u.examNumber,
        itemId: u.itemId,
        stem: u.stem,
        points: u.points,
        rubric: presentRubric(ctx.actor, u),
        response: u.response ?? null,
        spread: s.agreement.status === 'disputed' ? s.agreement.spread : 0,
        threshold: s.threshold,
        marks: s.first.map((m) => ({
          examinerName: names.get(m.examinerId)?.displayName ?? '',
          certificateNo: names.get(m.examinerId)?.certificateNo ?? null,
          scores: m.scores,
          vetoes: m.vetoes,
          comment: m.comment,
          total: m.total,
          source: m.source as 'screen' | 'paper',
        })),
      });
    }
  }
  out.sort((a, b) => a.examNumber.localeCompare(b.examNumber));
  return { items: out };
}

/** The chief examiner's final decision on a disputed item, with a reason (mark_decisions kind chief). */
export async function decideDispute(ctx: UseCaseContext, body: DecisionBody): Promise<Decision> {
  requireAction(ctx.actor, 'marking.mark');
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const cert = await requireCertificate(tx, ctx.actor);
    const { plan, part } = await loadPlanPart(tx, body.planId, body.partId, MARKABLE);
    if (!(await repo.lockEnrolment(tx, body.enrolmentId))) throw notFound('mark');
    const pc = await loadPartCtx(tx, plan, part, body.enrolmentId);
    const u = findUnit(pc, body.enrolmentId, body.itemId);
    const s = stateOf(pc, u);
    if (!s.chiefs.includes(cert)) throw forbidden('MARK.NOT_CHIEF', { rule: 'R9' });
    if (s.agreement.status !== 'disputed') throw conflict('MARK.NOT_DISPUTED', { status: s.agreement.status });
    if (!checkDecisionScore(body.score, u.points)) throw unprocessable('MARK.DECISION_OUT_OF_RANGE', { score: body.score, max: u.points }, { max: u.points });
    const d = await repo.upsertDecision(tx, {
      planId: plan.id,
      partId: part.id,
      enrolmentId: u.enrolmentId,
      itemId: u.itemId,
      kind: 'chief',
      score: body.score,
      reason: body.reason,
      decidedBy: ctx.actor.userId,
    });
    await audit({
      action: 'mark.decide',
      targetType: 'mark_decision',
      targetId: d.id,
      before: { marks: s.first.map((m) => m.total), spread: s.agreement.spread },
      after: { examNumber: u.examNumber, itemId: u.itemId, score: body.score, reason: body.reason },
    });
    await settleCandidate(tx, await loadPartCtx(tx, plan, part, body.enrolmentId), body.enrolmentId, ctx.actor.userId);
    return { id: d.id, kind: 'chief', score: d.score, reason: d.reason, at: d.at.toISOString() };
  });
}

// --- the institution: progress and re-marks ---------------------------------------------------------------------

async function loadVisiblePlan(ctx: UseCaseContext, ex: Executor, id: string, forUpdate = false): Promise<PlanRow> {
  const p = await planRepo.findPlan(ex, id, forUpdate);
  if (!p) throw notFound('plan');
  if (ctx.actor.role === 'supervisor') {
    const sup = await planRepo.supervisorsOf(ex, [id]);
    if (!sup.some((s) => s.userId === ctx.actor.userId)) throw notFound('plan');
    return p;
  }
  requireOrgInScope(ctx.actor, { id: p.orgId, kind: 'school' as OrgKind, regionCode: p.regionCode }, 'plan');
  return p;
}

/** A plan's marking progress: per part, candidate items waiting / agreed / disputed / decided, and part results written. */
export async function markingProgress(ctx: UseCaseContext, planId: string): Promise<MarkingProgress> {
  requireAction(ctx.actor, 'plan.read');
  const plan = await loadVisiblePlan(ctx, ctx.db, planId);
  const profile = profileOf(plan);
  const results = await repo.partResultsOfPlan(ctx.db, planId);
  const parts: MarkingProgress['parts'] = [];
  for (const part of await repo.partsOfPlan(ctx.db, planId)) {
    if (part.kind !== 'theory' && part.kind !== 'practical' && part.kind !== 'review') continue;
    const full = (await repo.findPart(ctx.db, part.id))!;
    const pc = await loadPartCtx(ctx.db, plan, full);
    const counts = { waiting: 0, agreed: 0, disputed: 0, decided: 0 };
    for (const u of pc.units) {
      const s = stateOf(pc, u);
      if (s.remark || s.agreement.status === 'decided') counts.decided += 1;
      else counts[s.agreement.status] += 1;
    }
    const remarks = await repo.remarksOfPart(ctx.db, part.id);
    parts.push({
      partId: part.id,
      kind: part.kind,
      candidates: new Set(pc.units.map((u) => u.enrolmentId)).size,
      items: counts,
      resultsWritten: results.filter((r) => r.partId === part.id && !r.absent).length,
      openRemarks: remarks.filter((r) => r.status === 'open').length,
    });
  }
  const staff = await repo.staffOfPlan(ctx.db, planId);
  const certs = [...new Set(staff.filter((s) => s.role === 'examiner' || s.role === 'chief_examiner').map((s) => s.certificateNo))];
  const examiners = (await repo.accountsOfCertificates(ctx.db, certs)).map((e) => ({
    userId: e.userId,
    displayName: e.displayName,
    certificateNo: e.certificateNo,
  }));
  return {
    planId,
    markersPerCandidate: Math.max(2, profile.practicalMarkersPerCandidate.value),
    thresholdPercent: profile.disagreementThreshold.value,
    parts,
    examiners,
  };
}

function presentRemark(r: Awaited<ReturnType<typeof repo.insertRemark>>): RemarkRequest {
  return {
    id: r.id,
    planId: r.planId,
    partId: r.partId,
    enrolmentId: r.enrolmentId,
    itemId: r.itemId,
    examinerId: r.examinerId,
    objectionId: r.objectionId,
    reason: r.reason,
    status: r.status as 'open' | 'done',
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * 复核: the institution asks a different examiner (R9: not one who marked or decided the item) to re-mark a
 * candidate's final item, e.g. after an objection (异议). The examiner's re-mark replaces the item's score and the
 * part result (see saveMark).
 */
export async function requestRemark(ctx: UseCaseContext, planId: string, body: RemarkBody): Promise<RemarkRequest> {
  requireAction(ctx.actor, 'marking.manage');
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const visible = await loadVisiblePlan(ctx, tx, planId);
    const { plan, part } = await loadPlanPart(tx, visible.id, body.partId, REMARKABLE);
    if (!(await repo.lockEnrolment(tx, body.enrolmentId))) throw notFound('mark');
    const pc = await loadPartCtx(tx, plan, part, body.enrolmentId);
    const u = findUnit(pc, body.enrolmentId, body.itemId);
    const s = stateOf(pc, u);
    if (s.final === null) throw conflict('MARK.NOT_FINAL');
    if (await repo.openRemark(tx, u)) throw conflict('MARK.REMARK_PENDING');
    const target = await repo.findUser(tx, body.examinerId);
    const cert = target ? await repo.certificateOf(tx, target.id) : null;
    if (target?.role !== 'assessor' || target.orgId !== plan.orgId || !cert) throw unprocessable('MARK.EXAMINER_UNKNOWN', { examinerId: body.examinerId });
    const involved = [...s.first.map((m) => m.examinerId), ...(s.chief ? [s.chief.decidedBy] : []), ...(s.remark ? [s.remark.decidedBy] : [])];
    const refusal = mayRemark(target.id, involved);
    if (refusal) throw ruleViolation('R9', refusal, { examinerId: target.id });
    const r = await repo.insertRemark(tx, {
      planId: plan.id,
      partId: part.id,
      enrolmentId: u.enrolmentId,
      itemId: u.itemId,
      examinerId: target.id,
      objectionId: body.objectionId ?? null,
      reason: body.reason,
      requestedBy: ctx.actor.userId,
    });
    await audit({
      action: 'mark.remark_request',
      targetType: 'remark_request',
      targetId: r.id,
      after: { ...presentRemark(r), examNumber: u.examNumber, currentScore: s.final },
    });
    return presentRemark(r);
  });
}

/** The whole mark record of a plan's marked items (optionally one candidate): every mark, decision and re-mark. */
export async function markRecord(ctx: UseCaseContext, planId: string, enrolmentId?: string): Promise<MarkRecord> {
  requireAction(ctx.actor, 'plan.read');
  const plan = await loadVisiblePlan(ctx, ctx.db, planId);
  const out: MarkRecord['items'] = [];
  for (const part of await repo.partsOfPlan(ctx.db, planId)) {
    if (!MARKED_PARTS.includes(part.kind)) continue;
    const pc = await loadPartCtx(ctx.db, plan, (await repo.findPart(ctx.db, part.id))!, enrolmentId);
    const people = new Map(
      (await repo.examinersByIds(ctx.db, [...new Set([...pc.marks.map((m) => m.examinerId), ...pc.decisions.map((d) => d.decidedBy)])])).map((e) => [
        e.userId,
        e,
      ]),
    );
    for (const u of pc.units) {
      const s = stateOf(pc, u);
      const mine = (r: { enrolmentId: string; itemId: string }) => r.enrolmentId === u.enrolmentId && r.itemId === u.itemId;
      out.push({
        partId: u.partId,
        partKind: u.partKind,
        enrolmentId: u.enrolmentId,
        examNumber: u.examNumber,
        itemId: u.itemId,
        points: u.points,
        status: s.remark ? 'decided' : s.agreement.status,
        final: s.final,
        marks: pc.marks.filter(mine).map((m) => ({
          examinerName: people.get(m.examinerId)?.displayName ?? '',
          certificateNo: people.get(m.examinerId)?.certificateNo ?? null,
          round: m.round as 'first' | 'remark',
          scores: m.scores,
          vetoes: m.vetoes,
          comment: m.comment,
          total: m.total,
          source: m.source as 'screen' | 'paper',
          sheetAttachmentId: m.sheetAttachmentId,
          at: m.at.toISOString(),
        })),
        decisions: pc.decisions.filter(mine).map((d) => ({
          kind: d.kind as 'chief' | 'remark',
          score: d.score,
          reason: d.reason,
          decidedBy: people.get(d.decidedBy)?.displayName ?? '',
          at: d.at.toISOString(),
        })),
      });
    }
  }
  return { items: out };
}
