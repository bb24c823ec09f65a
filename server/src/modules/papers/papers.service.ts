import { fieldIssue, type KeyedFieldIssue } from '@skillcert/shared/validation-key';
import { randomUUID } from 'node:crypto';
import { AssembleBody as AssembleBodySchema } from '@skillcert/shared/api/banks';
import type {
  AreaCoverage,
  AssembleBody,
  AssembleResult,
  CandidatePaper,
  ItemType,
  Paper,
  PaperDetail,
  PaperItem,
  ScoresImportReport,
} from '@skillcert/shared/api/banks';
import type { SkillLevel } from '@skillcert/shared/domain';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { runInWorker, yieldToLoop } from '../../lib/worker-pool.ts';
import { blueprints, items, itemResponses, itemVersions, occupations, organisations, paperItems, papers } from '../../db/schema.ts';
import { forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { type Actor, canSeeBankAnswers, orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { withholdAnswers } from '../items/items.rules.ts';
import { weightProblems } from '../blueprints/blueprints.rules.ts';
import { type Area, loadBlueprint, requireOwnBank } from '../blueprints/blueprints.service.ts';
import type { ItemContent } from '../items/items.repository.ts';
import { reviewedItemsOf } from '../items/items.service.ts';
import { itemStatistics } from '../items/items.stats.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { type AssembledPaper, assemblePapers, coverageOf } from './papers.assembly.ts';
import { scoresTemplateWorkbook } from './papers.excel.ts';
import { annotateScoresTask, readScoresTask } from './papers.tasks.ts';
import { shuffleForCandidate } from './papers.shuffle.ts';

/** A candidate's own copy of a paper (the exams module prepares each candidate's copy with it). */
export { shuffleForCandidate };
import { round2 } from '@skillcert/shared/numbers';
import { type PrintCopy, paperDocx, paperPdf } from './papers.print-files.ts';

/** 简答 and 实操 are marked on their rubric, so they fit a section only at their own points: one key per (type, points). */
export function sectionKey(type: ItemType, points: number): string {
  return type === 'subjective' || type === 'practical' ? `${type}@${points}` : type;
}
function typeOfKey(key: string): { type: ItemType; points?: number } {
  const [type, points] = key.split('@');
  return points === undefined ? { type: type as ItemType } : { type: type as ItemType, points: Number(points) };
}

/** The part of the blueprint a paper draws on: practical tasks the 技能要求比重表, the rest the 理论知识比重表. */
function partOf(types: readonly ItemType[]): 'theory' | 'skills' {
  const practical = types.filter((t) => t === 'practical').length;
  if (practical && practical !== types.length) {
    throw unprocessable('PAPER.MIXED_PARTS', { issues: [fieldIssue('body.sections', 'valid.mixedParts')] });
  }
  return practical ? 'skills' : 'theory';
}

/** Items in the institution's last `n` papers: assembly avoids them where the bank allows. */
async function recentItemIds(ex: Executor, orgId: string, n: number): Promise<Set<string>> {
  if (n === 0) return new Set();
  const recent = ex.select({ id: papers.id }).from(papers).where(eq(papers.orgId, orgId)).orderBy(desc(papers.createdAt)).limit(n);
  const rows = await ex.selectDistinct({ itemId: paperItems.itemId }).from(paperItems).where(inArray(paperItems.paperId, recent));
  return new Set(rows.map((r) => r.itemId));
}

/**
 * 组卷: assembles `variants` disjoint papers from the blueprint's reviewed items. A bank that cannot meet the blueprint
 * is refused with the exact shortage per area and type; nothing short is ever produced. dryRun returns the papers unsaved.
 */
export async function assemble(ctx: UseCaseContext, input: AssembleBody): Promise<AssembleResult> {
  requireAction(ctx.actor, 'bank.manage');
  const body = AssembleBodySchema.parse(input);
  const bp = await loadBlueprint(ctx.actor, ctx.db, body.blueprintId);
  requireOwnBank(ctx.actor, bp.orgId);
  const types = body.sections.map((s) => s.type);
  const keys = body.sections.map((s) => sectionKey(s.type, s.points));
  if (new Set(keys).size !== keys.length) {
    throw unprocessable('PAPER.SECTION_REPEATED', {
      issues: [fieldIssue('body.sections', 'valid.sectionPerType')],
    });
  }
  const part = partOf(types);
  const problems = weightProblems(bp).filter((p) => p.part === part);
  if (problems.length) throw unprocessable('BLUEPRINT.WEIGHTS', { problems });
  const total = round2(body.sections.reduce((s, x) => s + x.count * x.points, 0));
  if (body.totalScore !== undefined && Math.abs(body.totalScore - total) > 1e-9) {
    throw unprocessable('PAPER.TOTAL_MISMATCH', { computed: total, issues: [fieldIssue('body.totalScore', 'valid.sectionsTotal', { total })] });
  }
  const areas: Area[] = bp[part];
  const recent = await recentItemIds(ctx.db, bp.orgId, body.avoidRecentPapers);
  // The engine works on cells of (area, section key): a rubric-marked item only fits sections of its own points.
  const wanted = new Set(keys);
  const pool = (await reviewedItemsOf(ctx.db, bp.id, types))
    .map(({ points, ...r }) => ({ ...r, type: sectionKey(r.type as ItemType, points) as ItemType, recentlyUsed: recent.has(r.id) }))
    .filter((r) => wanted.has(r.type));
  const seed = body.seed ?? randomUUID().slice(0, 8);
  const sections = body.sections.map((x) => ({ ...x, type: sectionKey(x.type, x.points) as ItemType }));
  const assembled = assemblePapers(pool, {
    areas,
    sections,
    variants: body.variants,
    difficultyTarget: body.difficultyTarget ?? null,
    tolerance: body.tolerance,
    seed,
  });
  if (!assembled.ok) {
    if (assembled.reason === 'BANK_INSUFFICIENT') {
      const shortages = assembled.shortages.map((x) => ({ ...x, ...typeOfKey(x.type) }));
      throw unprocessable('PAPER.BANK_INSUFFICIENT', { shortages, pool: pool.length });
    }
    throw unprocessable('PAPER.TOLERANCE_UNREACHABLE', { coverage: assembled.coverage, tolerance: body.tolerance });
  }
  const result = { papers: assembled.papers.map((p) => ({ ...p, items: p.items.map((i) => ({ ...i, type: typeOfKey(i.type).type })) })) };
  const assemblyId = randomUUID();
  const drafts = result.papers.map((p) => ({ id: randomUUID(), paper: p }));
  const base = {
    orgId: bp.orgId,
    blueprintId: bp.id,
    occupationCode: bp.occupationCode,
    occupationName: bp.occupationName,
    level: bp.level as SkillLevel,
    part,
    assemblyId,
    name: body.name,
    seed,
    tolerance: body.tolerance,
  };
  if (body.dryRun) {
    const contents = await versionContents(
      ctx.db,
      drafts.flatMap((d) => d.paper.items.map((i) => ({ itemId: i.id, version: i.version }))),
    );
    return {
      stored: false,
      papers: drafts.map((d) => detailOf({ ...base, id: `preview-${d.paper.variant}`, createdAt: new Date().toISOString() }, d.paper, contents)),
    };
  }
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    for (const { id, paper } of drafts) {
      await tx.insert(papers).values({
        id,
        orgId: bp.orgId,
        blueprintId: bp.id,
        part,
        assemblyId,
        name: body.name,
        variant: paper.variant,
        seed: `${seed}-${paper.variant}`,
        source: 'assembled',
        itemCount: paper.items.length,
        totalScore: paper.totalScore,
        meanDifficulty: paper.meanDifficulty,
        tolerance: body.tolerance,
        coverage: paper.coverage,
        warnings: paper.warnings,
        params: { ...body, seed, dryRun: undefined },
        createdBy: ctx.actor.userId,
      });
      await tx.insert(paperItems).values(paper.items.map((i, position) => ({ paperId: id, position, itemId: i.id, version: i.version, points: i.points })));
    }
    await audit({
      action: 'paper.assemble',
      targetType: 'paper',
      targetId: drafts[0]!.id,
      after: { assemblyId, papers: drafts.map((d) => d.id), params: { ...body, seed } },
    });
  });
  return { stored: true, papers: await Promise.all(drafts.map((d) => getPaper(ctx, d.id))) };
}

type Content = ItemContent;

/** A paper's item as shown: its place and points in the paper, the content of the version it uses. */
function paperItemOf(ref: Pick<PaperItem, 'position' | 'itemId' | 'version' | 'type' | 'points'>, c: Content): PaperItem {
  return {
    ...ref,
    areaCode: c.areaCode,
    pointCode: c.pointCode,
    difficulty: c.difficulty,
    stem: c.stem,
    options: c.options,
    answer: c.answer,
    answersHidden: false,
  };
}

/** The content of each (item, version), keyed `id@version`. */
export async function versionContents(ex: Executor, refs: { itemId: string; version: number }[]): Promise<Map<string, Content>> {
  if (!refs.length) return new Map();
  const rows = await ex
    .select({ itemId: itemVersions.itemId, version: itemVersions.version, content: itemVersions.content })
    .from(itemVersions)
    .where(inArray(itemVersions.itemId, [...new Set(refs.map((r) => r.itemId))]));
  return new Map(rows.map((r) => [`${r.itemId}@${r.version}`, r.content as Content]));
}

function detailOf(
  meta: Omit<Paper, 'variant' | 'source' | 'itemCount' | 'totalScore' | 'meanDifficulty' | 'coverage' | 'warnings' | 'seed'> & { seed: string },
  p: AssembledPaper,
  contents: Map<string, Content>,
): PaperDetail {
  return {
    ...meta,
    seed: `${meta.seed}-${p.variant}`,
    variant: p.variant,
    source: 'assembled',
    itemCount: p.items.length,
    totalScore: p.totalScore,
    meanDifficulty: p.meanDifficulty,
    coverage: p.coverage,
    warnings: p.warnings,
    items: p.items.map((i, position) => {
      const c = contents.get(`${i.id}@${i.version}`)!;
      return paperItemOf({ position, itemId: i.id, version: i.version, type: i.type, points: i.points }, c);
    }),
  };
}

// --- Reading papers -------------------------------------------------------------------------------------

const paperColumns = {
  id: papers.id,
  orgId: papers.orgId,
  regionCode: organisations.regionCode,
  blueprintId: papers.blueprintId,
  occupationCode: occupations.code,
  occupationName: occupations.name,
  level: blueprints.level,
  part: papers.part,
  assemblyId: papers.assemblyId,
  name: papers.name,
  variant: papers.variant,
  seed: papers.seed,
  source: papers.source,
  itemCount: papers.itemCount,
  totalScore: papers.totalScore,
  meanDifficulty: papers.meanDifficulty,
  tolerance: papers.tolerance,
  coverage: papers.coverage,
  warnings: papers.warnings,
  createdAt: papers.createdAt,
};

function paperQuery(ex: Executor) {
  return ex
    .select(paperColumns)
    .from(papers)
    .innerJoin(blueprints, eq(blueprints.id, papers.blueprintId))
    .innerJoin(occupations, eq(occupations.id, blueprints.occupationId))
    .innerJoin(organisations, eq(organisations.id, papers.orgId));
}
type PaperRow = Awaited<ReturnType<ReturnType<typeof paperQuery>['where']>>[number];

const presentPaper = ({ regionCode: _, ...r }: PaperRow): Paper => ({
  ...r,
  level: r.level as SkillLevel,
  part: r.part as Paper['part'],
  source: r.source as Paper['source'],
  coverage: r.coverage as AreaCoverage[],
  createdAt: r.createdAt.toISOString(),
});

export async function loadPaper(actor: Actor, ex: Executor, id: string): Promise<PaperRow> {
  const [row] = await paperQuery(ex).where(eq(papers.id, id)).limit(1);
  if (!row) throw notFound('paper');
  requireOrgInScope(actor, { id: row.orgId, kind: 'school', regionCode: row.regionCode }, 'paper');
  return row;
}

export async function paperItemsOf(ex: Executor, paperId: string): Promise<PaperItem[]> {
  const rows = await ex
    .select({
      position: paperItems.position,
      itemId: paperItems.itemId,
      version: paperItems.version,
      points: paperItems.points,
      type: items.type,
      content: itemVersions.content,
    })
    .from(paperItems)
    .innerJoin(items, eq(items.id, paperItems.itemId))
    .innerJoin(itemVersions, and(eq(itemVersions.itemId, paperItems.itemId), eq(itemVersions.version, paperItems.version)))
    .where(eq(paperItems.paperId, paperId))
    .orderBy(asc(paperItems.position));
  return rows.map((r) => {
    const c = r.content as Content;
    return paperItemOf({ position: r.position, itemId: r.itemId, version: r.version, type: r.type as ItemType, points: r.points }, c);
  });
}

/**
 * A paper to print, as PDF or Word: the candidate's copy with its answer sheet, or — separately, for those who manage
 * the bank (answers are confidential) — the answer key with the marking scheme.
 */
export async function printPaper(ctx: UseCaseContext, id: string, format: 'pdf' | 'docx', copy: PrintCopy): Promise<{ filename: string; bytes: Buffer }> {
  if (copy === 'key') requireAction(ctx.actor, 'bank.manage');
  // The key copy carries the answers: only the school's bank staff, and the view is audited (题库保密).
  const paper = await getPaper(ctx, id, { withAnswers: copy === 'key' });
  const bytes = format === 'pdf' ? await paperPdf(paper, copy) : await paperDocx(paper, copy);
  return { filename: `${paper.name}-${paper.variant}卷-${copy === 'key' ? '参考答案及评分标准' : '试卷'}.${format}`, bytes };
}

/**
 * One paper with its items. 题库保密: without answer keys by default, for everyone; `withAnswers` is for the school's
 * own bank staff only (403 for anyone else) and every such view is written to the audit log.
 */
export async function getPaper(ctx: UseCaseContext, id: string, opts: { withAnswers?: boolean } = {}): Promise<PaperDetail> {
  requireAction(ctx.actor, 'bank.read');
  const row = await loadPaper(ctx.actor, ctx.db, id);
  const items = await paperItemsOf(ctx.db, id);
  if (!opts.withAnswers) {
    const hidden = { answers: false, rubric: false };
    return { ...presentPaper(row), items: items.map((i) => ({ ...withholdAnswers(i, hidden), answersHidden: true })) };
  }
  if (!canSeeBankAnswers(ctx.actor, row.orgId)) throw forbidden('BANK.ANSWERS_CONFIDENTIAL');
  await inTransaction(ctx.db, ctx, async (_tx, audit) => {
    await audit({ action: 'paper.view_answers', targetType: 'paper', targetId: id, after: { name: row.name, variant: row.variant } });
  });
  return { ...presentPaper(row), items };
}

export async function listPapers(ctx: UseCaseContext, q: { blueprintId?: string | undefined; page: number; pageSize: number }) {
  requireAction(ctx.actor, 'bank.read');
  const where = and(scopeCondition(orgScopeOf(ctx.actor)), q.blueprintId ? eq(papers.blueprintId, q.blueprintId) : undefined);
  const [rows, totals] = await Promise.all([
    paperQuery(ctx.db)
      .where(where)
      .orderBy(desc(papers.createdAt), asc(papers.variant))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(papers).innerJoin(organisations, eq(organisations.id, papers.orgId)).where(where),
  ]);
  return { items: rows.map(presentPaper), total: totals[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** A candidate's copy, reproducible from the paper's seed and the candidate key (the exam module renders the same). */
export async function candidateView(ctx: UseCaseContext, id: string, candidate: string): Promise<CandidatePaper> {
  requireAction(ctx.actor, 'bank.manage');
  const paper = await loadPaper(ctx.actor, ctx.db, id);
  requireOwnBank(ctx.actor, paper.orgId);
  const shuffled = shuffleForCandidate(await paperItemsOf(ctx.db, id), paper.seed, candidate);
  return { paperId: id, candidate, items: shuffled };
}

/** Coverage of an imported paper against its blueprint part, on the same measure as assembly. */
export function coverageOfItems(areas: readonly Area[], its: readonly { areaCode: string; points: number }[]): AreaCoverage[] {
  const total = its.reduce((s, i) => s + i.points, 0);
  const scores = areas.map((a) => its.filter((i) => i.areaCode === a.code).reduce((s, i) => s + i.points, 0));
  return coverageOf(areas, scores, total).coverage;
}

// --- Responses and item statistics ---------------------------------------------------------------------

interface ScoredItem {
  itemId: string;
  version: number;
  points: number;
}
type Responses = { candidate: string; scores: Record<string, number> }[];
type ResponsesResult = { candidates: number; itemsUpdated: number; flagged: number };

/** The paper whose scores are recorded — a bank manager's own school's — and its items in paper order. */
async function paperForScoring(ctx: UseCaseContext, paperId: string): Promise<{ paper: PaperRow; items: ScoredItem[] }> {
  requireAction(ctx.actor, 'bank.manage');
  const paper = await loadPaper(ctx.actor, ctx.db, paperId);
  requireOwnBank(ctx.actor, paper.orgId);
  const its = await ctx.db
    .select({ itemId: paperItems.itemId, version: paperItems.version, points: paperItems.points })
    .from(paperItems)
    .where(eq(paperItems.paperId, paperId))
    .orderBy(asc(paperItems.position));
  return { paper, items: its };
}

/**
 * Records a sitting's scores (a candidate's earlier record for this paper is replaced; items a candidate has no
 * score for count 0) and recomputes facility and discrimination of the paper's items over all their responses.
 */
export async function recordResponses(ctx: UseCaseContext, paperId: string, body: { responses: Responses }): Promise<ResponsesResult> {
  const { items: its } = await paperForScoring(ctx, paperId);
  return storeResponses(ctx, paperId, its, body.responses, 'api');
}

/** The scores sheet of a paper to fill in after a sitting held outside the platform (on paper, say). */
export async function scoresTemplate(ctx: UseCaseContext, paperId: string): Promise<{ filename: string; bytes: Buffer }> {
  const { paper, items: its } = await paperForScoring(ctx, paperId);
  const bytes = await scoresTemplateWorkbook({ id: paper.id, name: paper.name, variant: paper.variant, items: its });
  return { filename: `${paper.name}-${paper.variant}-成绩.xlsx`, bytes };
}

/**
 * Records a sitting from its filled scores sheet: every row is checked against the paper (the hidden id row, each
 * item's points) and either all candidates are recorded — as `recordResponses` does — or none, with a per-row report
 * worded in the request's language and the user's workbook annotated with each error as a cell comment.
 */
export async function importScores(ctx: UseCaseContext, paperId: string, file: Buffer): Promise<ScoresImportReport> {
  const { paper, items: its } = await paperForScoring(ctx, paperId);
  // Reading the sheet (and annotating it) runs in a worker thread, off the request loop.
  const scoresPaper = { id: paper.id, name: paper.name, variant: paper.variant, items: its.map((i) => ({ itemId: i.itemId, points: i.points })) };
  const parsed = await runInWorker(readScoresTask, { file, paper: scoresPaper, locale: ctx.locale ?? 'zh-CN' });
  if (parsed.errors.length) {
    const annotated = await runInWorker(annotateScoresTask, { file, errors: parsed.errors });
    return {
      stored: false,
      candidates: 0,
      itemsUpdated: 0,
      flagged: 0,
      errors: parsed.errors,
      annotatedWorkbookBase64: annotated ? Buffer.from(annotated).toString('base64') : null,
    };
  }
  const result = await storeResponses(ctx, paperId, its, parsed.candidates, 'excel');
  return { stored: true, ...result, errors: [], annotatedWorkbookBase64: null };
}

/** Response rows per INSERT. */
const RESPONSE_CHUNK = 500;
/** Scores (candidates × items) one request may record. */
const MAX_RESPONSE_ROWS = 1_000_000;

/** Stores the responses in one transaction and recomputes the statistics of the paper's items. */
async function storeResponses(
  ctx: UseCaseContext,
  paperId: string,
  its: ScoredItem[],
  responses: Responses,
  source: 'api' | 'excel',
): Promise<ResponsesResult> {
  const maxOf = new Map(its.map((i) => [i.itemId, i.points]));
  const issues: KeyedFieldIssue[] = [];
  responses.forEach((r, i) => {
    for (const [itemId, score] of Object.entries(r.scores)) {
      const max = maxOf.get(itemId);
      if (max === undefined) issues.push(fieldIssue(`body.responses.${i}.scores.${itemId}`, 'valid.notItemOfPaper'));
      else if (score > max) issues.push(fieldIssue(`body.responses.${i}.scores.${itemId}`, 'valid.aboveItemPoints', { max }));
    }
  });
  const candidates = [...new Set(responses.map((r) => r.candidate))];
  if (candidates.length !== responses.length) issues.push(fieldIssue('body.responses', 'valid.candidateTwice'));
  if (responses.length * its.length > MAX_RESPONSE_ROWS) {
    issues.push(fieldIssue('body.responses', 'valid.tooManyScores', { max: MAX_RESPONSE_ROWS }));
  }
  if (issues.length) throw unprocessable('PAPER.RESPONSES_INVALID', { issues: issues.slice(0, 200) });
  const itemIds = [...maxOf.keys()];
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    for (let i = 0; i < candidates.length; i += 500) {
      await tx.delete(itemResponses).where(and(eq(itemResponses.paperId, paperId), inArray(itemResponses.candidate, candidates.slice(i, i + 500))));
    }
    let batch: (typeof itemResponses.$inferInsert)[] = [];
    for (const r of responses) {
      for (const it of its)
        batch.push({ paperId, candidate: r.candidate, itemId: it.itemId, version: it.version, score: r.scores[it.itemId] ?? 0, maxScore: it.points });
      if (batch.length >= RESPONSE_CHUNK) {
        await tx.insert(itemResponses).values(batch);
        batch = [];
        // A turn of the event loop between statements: other requests are read and answered meanwhile.
        await yieldToLoop();
      }
    }
    if (batch.length) await tx.insert(itemResponses).values(batch);
    const all = await queryRows<{ item_id: string; score: number; max_score: number; total: number }>(
      tx,
      sql`select r.item_id, r.score, r.max_score, t.total
            from ${itemResponses} r
            join (select paper_id, candidate, sum(score) as total from ${itemResponses}
                   where paper_id in (select distinct paper_id from ${itemResponses} where item_id in ${itemIds})
                   group by paper_id, candidate) t
              on t.paper_id = r.paper_id and t.candidate = r.candidate
           where r.item_id in ${itemIds}
             and r.version = (select i.version from ${items} i where i.id = r.item_id)`,
    );
    const byItem = new Map<string, { score: number; maxScore: number; total: number }[]>();
    for (const r of all) {
      const list = byItem.get(r.item_id) ?? [];
      list.push({ score: Number(r.score), maxScore: Number(r.max_score), total: Number(r.total) });
      byItem.set(r.item_id, list);
    }
    let flagged = 0;
    const now = new Date();
    for (const itemId of itemIds) {
      const s = itemStatistics(byItem.get(itemId) ?? []);
      if (s.flagReasons.length) flagged++;
      await tx
        .update(items)
        .set({ statsResponses: s.responses, statsP: s.pValue, statsDiscrimination: s.discrimination, flagReasons: s.flagReasons, statsAt: now })
        .where(eq(items.id, itemId));
    }
    await audit({ action: 'paper.responses', targetType: 'paper', targetId: paperId, after: { candidates: candidates.length, flagged, source } });
    return { candidates: candidates.length, itemsUpdated: itemIds.length, flagged };
  });
}
