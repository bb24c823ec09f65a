import { randomUUID } from 'node:crypto';
import { ItemBody as ItemBodySchema } from '@skillcert/shared/api/banks';
import type { Item, ItemBody, ItemDetail, ItemImportReport, ItemStatus, RowError } from '@skillcert/shared/api/banks';
import type { SkillLevel } from '@skillcert/shared/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { type Audit, inTransaction, type Locale, type UseCaseContext } from '../../context.ts';
import { type Db, type Executor, isEmbedded, type Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { items, itemVersions } from '../../db/schema.ts';
import { conflict, notFound, unprocessable } from '../../http/errors.ts';
import { canonicalJson } from '../audit/audit.hash.ts';
import { type Actor, canSeeBankAnswers, canSeeRubric, orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { type BlueprintRow, listBlueprints, loadBlueprint, requireOwnBank } from '../blueprints/blueprints.service.ts';
import { allOccupations } from '../occupations/occupations.repository.ts';
import { runInWorker, yieldToLoop } from '../../lib/worker-pool.ts';
import { type ExcelCatalog, exportItemsWorkbook, itemTemplateWorkbook } from './items.excel.ts';
import { annotateItemsTask, parseItemsTask } from './items.tasks.ts';
import { bankMessage } from './items.messages.ts';
import * as repo from './items.repository.ts';
import { type AnswerSight, checkItemContent, itemFingerprint, withholdAnswers } from './items.rules.ts';

type ParsedBody = (typeof ItemBodySchema)['_output'];
export type ItemSource = 'manual' | 'excel' | 'qti';

/** The content a version keeps, with optional fields made explicit and answers in a canonical order. */
export function contentOf(body: ParsedBody): repo.ItemContent {
  return {
    areaCode: body.areaCode,
    pointCode: body.pointCode ?? null,
    stem: body.stem,
    options: body.options.map((o) => ({ key: o.key, text: o.text })),
    answer: [...new Set(body.answer)].sort(),
    referenceAnswer: body.referenceAnswer ?? null,
    points: body.points,
    difficulty: body.difficulty,
    analysis: body.analysis ?? null,
    rubric: body.rubric ? { criteria: body.rubric.criteria, vetoes: body.rubric.vetoes, durationMinutes: body.rubric.durationMinutes ?? null } : null,
  };
}

/** Content equality that ignores key order (jsonb stores keys in its own order). */
export const sameContent = (a: repo.ItemContent, b: repo.ItemContent) => canonicalJson(a) === canonicalJson(b);
const contentOfRow = (
  r: Omit<repo.ItemContent, 'options' | 'answer' | 'rubric'> & { options: unknown; answer: unknown; rubric: unknown },
): repo.ItemContent => ({
  areaCode: r.areaCode,
  pointCode: r.pointCode,
  stem: r.stem,
  options: r.options as repo.ItemContent['options'],
  answer: r.answer as string[],
  referenceAnswer: r.referenceAnswer,
  points: r.points,
  difficulty: r.difficulty,
  analysis: r.analysis,
  rubric: (r.rubric as repo.ItemContent['rubric']) ?? null,
});

function contentIssues(body: ParsedBody, bp: BlueprintRow, locale: Locale) {
  return checkItemContent({ ...body, pointCode: body.pointCode ?? null }, bp, locale);
}

async function loadItem(actor: Actor, ex: Executor, id: string, forUpdate = false): Promise<repo.ItemRow> {
  const [row] = await repo.findItems(ex, [id], forUpdate);
  if (!row) throw notFound('item');
  requireOrgInScope(actor, { id: row.orgId, kind: 'school', regionCode: row.regionCode }, 'item');
  return row;
}

/** 题库保密: what of a bank's answer side this actor sees (policy), applied to one item. */
function sightOf(actor: Actor, orgId: string): AnswerSight {
  return { answers: canSeeBankAnswers(actor, orgId), rubric: canSeeRubric(actor, orgId) };
}

function presentFor(actor: Actor, row: Parameters<typeof repo.presentItem>[0]): Item {
  const sight = sightOf(actor, row.orgId);
  return { ...withholdAnswers(repo.presentItem(row), sight), answersHidden: !sight.answers };
}

export async function getItem(ctx: UseCaseContext, id: string): Promise<ItemDetail> {
  requireAction(ctx.actor, 'bank.read');
  const row = await loadItem(ctx.actor, ctx.db, id);
  const versions = await repo.listVersions(ctx.db, id);
  const sight = sightOf(ctx.actor, row.orgId);
  return {
    ...presentFor(ctx.actor, row),
    versions: versions.map((v) => ({
      version: v.version,
      content: withholdAnswers(v.content as repo.ItemContent, sight),
      editedBy: v.editedBy,
      createdAt: v.createdAt.toISOString(),
    })),
  };
}

export async function listItems(ctx: UseCaseContext, q: repo.ItemFilter & { page: number; pageSize: number }) {
  requireAction(ctx.actor, 'bank.read');
  const { rows, total } = await repo.listItems(ctx.db, orgScopeOf(ctx.actor), q, q.page, q.pageSize);
  return { items: rows.map((r) => presentFor(ctx.actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * 题库保密: what of an item the audit log keeps. The log is read by the platform operator, who is not the school's bank
 * staff, so the answer side (answer, reference answer, explanation, rubric) stays out of it; the item's versions keep it.
 */
function auditedContent({
  answer: _answer,
  referenceAnswer: _reference,
  analysis: _analysis,
  rubric: _rubric,
  ...rest
}: ReturnType<typeof ItemBodySchema.parse>) {
  return { ...rest, answerSideWithheld: true };
}

/** A new item: a draft of version 1, authored by the actor. */
export async function createItem(ctx: UseCaseContext, input: ItemBody): Promise<ItemDetail> {
  requireAction(ctx.actor, 'bank.manage');
  const body = ItemBodySchema.parse(input);
  const locale = ctx.locale ?? 'zh-CN';
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const bp = await loadBlueprint(ctx.actor, tx, body.blueprintId);
    requireOwnBank(ctx.actor, bp.orgId);
    const report = await storeItems(tx, ctx.actor, [{ ref: 'body', id: null, body }], 'manual', locale);
    if (report.errors.length) throw itemRefused(report.errors);
    await audit({ action: 'item.create', targetType: 'item', targetId: report.ids[0]!, after: auditedContent(body) });
    return report.ids[0]!;
  });
  return getItem(ctx, id);
}

/** An edit is a new version (papers keep the version they used); the item goes back to draft for review. */
export async function updateItem(ctx: UseCaseContext, id: string, input: ItemBody): Promise<ItemDetail> {
  requireAction(ctx.actor, 'bank.manage');
  const body = ItemBodySchema.parse(input);
  const locale = ctx.locale ?? 'zh-CN';
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const before = await loadItem(ctx.actor, tx, id, true);
    requireOwnBank(ctx.actor, before.orgId);
    if (before.blueprintId !== body.blueprintId)
      throw unprocessable('ITEM.BLUEPRINT_FIXED', { issues: [{ path: 'body.blueprintId', message: bankMessage(locale, 'item.blueprintFixed') }] });
    if (before.type !== body.type) throw unprocessable('ITEM.TYPE_FIXED', { issues: [{ path: 'body.type', message: bankMessage(locale, 'item.typeFixed') }] });
    const report = await storeItems(tx, ctx.actor, [{ ref: 'body', id, body }], 'manual', locale);
    if (report.errors.length) throw itemRefused(report.errors);
    if (report.updated)
      await audit({ action: 'item.update', targetType: 'item', targetId: id, before: { version: before.version }, after: auditedContent(body) });
  });
  return getItem(ctx, id);
}

/** The editor's refusal; the issue messages come from storeItems, already in the request's language. */
function itemRefused(errors: StoreError[]) {
  const dup = errors.find((e) => e.duplicateOf);
  if (dup) return conflict('ITEM.DUPLICATE', { duplicateOf: dup.duplicateOf, issues: [{ path: 'body.stem', message: dup.message }] });
  return unprocessable('ITEM.INVALID', { issues: errors.map((e) => ({ path: `body.${e.field}`, message: e.message })) });
}

// --- Storing many items at once (Excel and QTI imports, the editor) ------------------------------------

export interface StoreRow {
  /** Where the row came from, for the report: an Excel row number, a file name, or "body". */
  ref: number | string;
  /** An existing item of this school to give a new version; null for a new item (or one matching an identical item). */
  id: string | null;
  body: ParsedBody;
}
export interface StoreError {
  ref: number | string;
  field: string;
  message: string;
  duplicateOf?: string;
}
export interface StoreReport {
  created: number;
  updated: number;
  unchanged: number;
  /** The stored item of each row, in row order (also for unchanged rows). */
  ids: string[];
  /** The version each row's item has now. */
  versions: number[];
  errors: StoreError[];
}

const CHUNK = 500;
/**
 * Rows per INSERT when storing a bank. Small enough that one statement is tens of milliseconds (on PGlite the
 * database runs on the request thread), with a turn of the event loop between statements so other requests are read
 * and answered meanwhile (on PostgreSQL fully; on PGlite the open transaction still holds the one session).
 */
const WRITE_CHUNK = 100;
/**
 * On PostgreSQL a statement does not hold the request thread: bigger INSERTs, fewer round trips (a 10,000-item import
 * was 200 statements of 100 rows; the per-statement cost was most of the write time over the raw insert).
 */
const WRITE_CHUNK_SERVER = 500;
/** Rows checked between two turns of the event loop. */
const CHECK_SLICE = 100;

interface StorePlan {
  report: StoreReport;
  inserts: repo.NewItem[];
  updates: repo.ItemEdit[];
}

/** What storing rows would do — every check made, nothing written (see storeItems). */
async function planItems(ex: Executor, actor: Actor, rows: StoreRow[], locale: Locale, lock: boolean): Promise<StorePlan> {
  const report: StoreReport = { created: 0, updated: 0, unchanged: 0, ids: [], versions: [], errors: [] };
  const bpIds = [...new Set(rows.map((r) => r.body.blueprintId))];
  const bps = new Map<string, BlueprintRow>();
  for (const id of bpIds) {
    const bp = await loadBlueprint(actor, ex, id, lock);
    requireOwnBank(actor, bp.orgId);
    bps.set(id, bp);
  }
  const existing = await repo.itemsOfBlueprints(ex, bpIds);
  const byId = new Map(existing.map((e) => [e.id, e]));
  const byFingerprint = new Map(existing.map((e) => [`${e.blueprintId}:${e.fingerprint}`, e]));
  const claimed = new Map<string, number | string>();
  const inserts: repo.NewItem[] = [];
  const updates: repo.ItemEdit[] = [];

  for (const [n, row] of rows.entries()) {
    if (n > 0 && n % CHECK_SLICE === 0) await yieldToLoop();
    const bp = bps.get(row.body.blueprintId)!;
    for (const issue of contentIssues(row.body, bp, locale)) report.errors.push({ ref: row.ref, field: issue.field, message: issue.message });
    const content = contentOf(row.body);
    const fingerprint = itemFingerprint(row.body.type, row.body.stem);
    const key = `${bp.id}:${fingerprint}`;
    const twin = byFingerprint.get(key);
    const earlier = claimed.get(key);
    if (earlier !== undefined) {
      const message =
        typeof earlier === 'number'
          ? bankMessage(locale, 'store.duplicateOfRow', { first: earlier })
          : bankMessage(locale, 'store.duplicateOfFile', { first: earlier });
      report.errors.push({ ref: row.ref, field: 'stem', message });
      continue;
    }
    claimed.set(key, row.ref);
    if (row.id) {
      const current = byId.get(row.id);
      if (!current) {
        report.errors.push({ ref: row.ref, field: 'id', message: bankMessage(locale, 'store.unknownItem', { id: row.id }) });
        continue;
      }
      if (current.blueprintId !== bp.id) {
        report.errors.push({ ref: row.ref, field: 'blueprintId', message: bankMessage(locale, 'item.blueprintFixed') });
        continue;
      }
      if (current.type !== row.body.type) {
        report.errors.push({ ref: row.ref, field: 'type', message: bankMessage(locale, 'store.typeFixed') });
        continue;
      }
      if (twin && twin.id !== current.id) {
        report.errors.push({ ref: row.ref, field: 'stem', message: bankMessage(locale, 'store.sameStemAs', { id: twin.id }), duplicateOf: twin.id });
        continue;
      }
      report.ids.push(current.id);
      if (sameContent(contentOfRow(current), content)) {
        report.unchanged++;
        report.versions.push(current.version);
      } else {
        report.updated++;
        report.versions.push(current.version + 1);
        // Changed content is a new version that nobody has reviewed yet.
        updates.push({ id: current.id, version: current.version + 1, fingerprint, content });
      }
      continue;
    }
    if (twin) {
      if (twin.type === row.body.type && sameContent(contentOfRow(twin), content)) {
        report.unchanged++;
        report.ids.push(twin.id);
        report.versions.push(twin.version);
      } else {
        report.errors.push({ ref: row.ref, field: 'stem', message: bankMessage(locale, 'store.duplicateOfExisting', { id: twin.id }), duplicateOf: twin.id });
      }
      continue;
    }
    const id = randomUUID();
    report.created++;
    report.ids.push(id);
    report.versions.push(1);
    // Stored as a draft: an import never marks items reviewed — review (审核) is an act of a signed-in account other
    // than the writer, through POST /api/items/status only; a name typed into a file proves nothing.
    inserts.push({ id, orgId: bp.orgId, blueprintId: bp.id, type: row.body.type, fingerprint, content });
  }
  return { report, inserts, updates };
}

/** Writes a plan inside the caller's transaction: a few statements of `chunk` rows, with turns of the event loop between. */
async function writePlan(tx: Tx, actor: Actor, plan: StorePlan, source: ItemSource, chunk = WRITE_CHUNK): Promise<void> {
  const now = new Date();
  try {
    for (let i = 0; i < plan.inserts.length; i += chunk) {
      await repo.insertNewItems(tx, plan.inserts.slice(i, i + chunk), source, actor.userId);
      await yieldToLoop();
    }
    for (let i = 0; i < plan.updates.length; i += chunk) {
      await repo.updateItemVersions(tx, plan.updates.slice(i, i + chunk), actor.userId, now);
      await yieldToLoop();
    }
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('ITEM.DUPLICATE', {});
    throw e;
  }
}

/**
 * Stores rows into the actor's own banks inside the caller's transaction. A row identical to an item already in the
 * blueprint is left alone (re-importing a file changes nothing); a row naming an item by id with other content
 * becomes that item's next version; a new stem that matches another item's (same type, normalized) is a duplicate.
 * Returns errors (worded in `locale`) instead of storing when any row fails, so the caller can report every row and
 * store nothing.
 */
export async function storeItems(
  tx: Tx,
  actor: Actor,
  rows: StoreRow[],
  source: ItemSource,
  locale: Locale = 'zh-CN',
  /** Rows per INSERT (WRITE_CHUNK_SERVER when the database is PostgreSQL). */
  chunk = WRITE_CHUNK,
): Promise<StoreReport> {
  // Locked: concurrent imports into one blueprint take turns, so versions and duplicates are decided one at a time.
  const plan = await planItems(tx, actor, rows, locale, true);
  if (plan.report.errors.length) return plan.report;
  await writePlan(tx, actor, plan, source, chunk);
  return plan.report;
}

// --- Status: review (审核), retire (停用), reopen --------------------------------------------------------

/** Review needs someone other than the writer of the current version (命题 and 审核 are different people); retired items leave new papers. */
export async function setItemStatus(ctx: UseCaseContext, body: { ids: string[]; status: ItemStatus }) {
  requireAction(ctx.actor, 'bank.manage');
  const ids = [...new Set(body.ids)];
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const rows = await repo.findItems(tx, ids, true);
    const found = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const r = found.get(id);
      if (!r) throw notFound('item');
      requireOrgInScope(ctx.actor, { id: r.orgId, kind: 'school', regionCode: r.regionCode }, 'item');
      requireOwnBank(ctx.actor, r.orgId);
    }
    const toChange = rows.filter((r) => r.status !== body.status);
    if (body.status === 'reviewed') {
      // 命题 and 审核 are different people: whoever wrote the current version (the author, for version 1) cannot review it.
      const editedByMe = new Set(
        toChange.length
          ? (
              await tx
                .select({ id: itemVersions.itemId })
                .from(itemVersions)
                .innerJoin(items, and(eq(items.id, itemVersions.itemId), eq(items.version, itemVersions.version)))
                .where(
                  and(
                    inArray(
                      itemVersions.itemId,
                      toChange.map((r) => r.id),
                    ),
                    eq(itemVersions.editedBy, ctx.actor.userId),
                  ),
                )
            ).map((r) => r.id)
          : [],
      );
      const own = toChange.filter((r) => editedByMe.has(r.id)).map((r) => r.id);
      if (own.length) throw conflict('ITEM.SELF_REVIEW', { ids: own.slice(0, 50), count: own.length });
    }
    const now = new Date();
    const changeIds = toChange.map((r) => r.id);
    for (let i = 0; i < changeIds.length; i += CHUNK) {
      const slice = changeIds.slice(i, i + CHUNK);
      await tx
        .update(items)
        .set(
          body.status === 'reviewed'
            ? { status: 'reviewed', reviewerId: ctx.actor.userId, reviewerName: null, reviewedAt: now, updatedAt: now }
            : { status: body.status, ...(body.status === 'draft' ? { reviewerId: null, reviewerName: null, reviewedAt: null } : {}), updatedAt: now },
        )
        .where(inArray(items.id, slice));
    }
    if (changeIds.length)
      await audit({ action: `item.${body.status}`, targetType: 'item', targetId: changeIds[0]!, after: { status: body.status, ids: changeIds } });
    return { changed: changeIds.length, unchanged: ids.length - changeIds.length };
  });
}

// --- Excel ----------------------------------------------------------------------------------------------

/** Catalog for the template's dropdowns: the occupations, and the blueprints of the actor's own school. */
async function excelCatalog(ctx: UseCaseContext, orgId: string | null): Promise<ExcelCatalog> {
  const occs = await allOccupations(ctx.db);
  const bps = orgId ? await listBlueprints(ctx, { orgId }) : [];
  return {
    occupations: occs.map((o) => ({ code: o.code, name: o.name })),
    blueprints: bps.map((b) => ({
      id: b.id,
      occupationCode: b.occupationCode,
      occupationName: b.occupationName,
      level: b.level as SkillLevel,
      theory: b.theory,
      skills: b.skills,
    })),
  };
}

export async function itemTemplate(ctx: UseCaseContext): Promise<Buffer> {
  requireAction(ctx.actor, 'bank.manage');
  return itemTemplateWorkbook(await excelCatalog(ctx, ctx.actor.orgKind === 'school' ? ctx.actor.orgId : null));
}

const EXPORT_LIMIT = 20000;

/** The export carries answers and rubrics: the school's bank staff only (题库保密), and only their own bank (their scope). */
export async function exportItemsExcel(ctx: UseCaseContext, q: repo.ItemFilter): Promise<Buffer> {
  requireAction(ctx.actor, 'bank.manage');
  const { rows, total } = await repo.listItems(ctx.db, orgScopeOf(ctx.actor), q, 1, EXPORT_LIMIT);
  if (total > EXPORT_LIMIT) throw unprocessable('ITEM.EXPORT_TOO_LARGE', { total, limit: EXPORT_LIMIT });
  const orgIds = [...new Set(rows.map((r) => r.orgId))];
  const catalog = await excelCatalog(ctx, orgIds.length === 1 ? orgIds[0]! : ctx.actor.orgKind === 'school' ? ctx.actor.orgId : null);
  return exportItemsWorkbook(rows.map(repo.presentItem), catalog);
}

const COLUMN_OF_FIELD: Record<string, string> = {
  id: 'A',
  type: 'D',
  areaCode: 'E',
  pointCode: 'E',
  difficulty: 'F',
  points: 'G',
  stem: 'H',
  options: 'I',
  answer: 'Q',
  referenceAnswer: 'R',
  rubric: 'S',
  analysis: 'T',
  reviewerName: 'U',
  blueprintId: 'C',
};

/** Imports above this many rows are written in batches on the embedded database (storeNewItemsInBatches). */
const BATCHED_FROM = 1000;
/** Items (with their first versions) per transaction there: about a tenth of a second each. */
const BATCH_ROWS = WRITE_CHUNK;

/**
 * The embedded database (PGlite) has one session: while a transaction is open every other request waits, and writing
 * 10,000 items and their versions takes seconds there. So on PGlite a large import of new items is checked first
 * (every row, nothing written), then written in batches of BATCH_ROWS, each its own short transaction with a turn of
 * the event loop between, and the audit entry last. All or none still holds for the outcome: if a batch fails (a
 * concurrent import stored the same stem), the batches already written are deleted again and the import is refused;
 * after a crash between batches, the marker left (item_import_markers) removes them at the next start.
 * While it runs, readers may see part of the new draft items. Imports that also edit existing items (a new version
 * must replace the old one at once), and every import on PostgreSQL, use one transaction as before.
 */
async function storeNewItemsInBatches(
  ctx: UseCaseContext,
  rows: StoreRow[],
  source: ItemSource,
  locale: Locale,
  auditEntry: (report: StoreReport) => Parameters<Audit>[0],
): Promise<StoreReport> {
  const plan = await planItems(ctx.db, ctx.actor, rows, locale, false);
  if (plan.report.errors.length) return plan.report;
  if (plan.updates.length) {
    return inTransaction(ctx.db, ctx, async (tx, audit) => {
      const report = await storeItems(tx, ctx.actor, rows, source, locale);
      if (report.errors.length) return report;
      await audit(auditEntry(report));
      return report;
    });
  }
  // Crash safety: the marker names every item about to be written and goes in the audit entry's transaction, so an
  // import cut short (SIGKILL between batches) is removed at the next start (recoverInterruptedImports).
  const marker = await repo.insertImportMarker(
    ctx.db,
    ctx.actor.orgId as string,
    plan.inserts.map((b) => b.id),
  );
  try {
    for (let i = 0; i < plan.inserts.length; i += BATCH_ROWS) {
      // one statement: the batch's items and their versions go in together or not at all
      await repo.insertNewItems(ctx.db, plan.inserts.slice(i, i + BATCH_ROWS), source, ctx.actor.userId);
      await yieldToLoop();
    }
    await inTransaction(ctx.db, ctx, async (tx, audit) => {
      await audit(auditEntry(plan.report));
      await repo.deleteImportMarker(tx, marker);
    });
  } catch (e) {
    await ctx.db.transaction(async (tx) => {
      await repo.deleteItemsById(
        tx,
        plan.inserts.map((b) => b.id),
      );
      await repo.deleteImportMarker(tx, marker);
    });
    if (isUniqueViolation(e)) throw conflict('ITEM.DUPLICATE', {});
    throw e;
  }
  return plan.report;
}

/**
 * At start-up: removes what bank imports cut short by a crash wrote (their markers are still there), so every import
 * is wholly in or wholly out. Returns how many items were removed.
 */
export async function recoverInterruptedImports(ex: Db): Promise<number> {
  let removed = 0;
  for (const m of await repo.importMarkers(ex)) {
    await ex.transaction(async (tx) => {
      await repo.deleteItemsById(tx, m.itemIds);
      await repo.deleteImportMarker(tx, m.id);
    });
    removed += m.itemIds.length;
  }
  return removed;
}

/**
 * Imports the Excel template: every row is checked (against the template, the catalogs, the blueprint and the bank)
 * and either all rows are stored in one transaction or none, with a per-row report and the user's workbook
 * annotated with each error as a cell comment.
 */
export async function importItemsExcel(ctx: UseCaseContext, file: Buffer): Promise<ItemImportReport> {
  requireAction(ctx.actor, 'bank.manage');
  if (ctx.actor.orgKind !== 'school') throw unprocessable('BANK.NOT_OWN');
  const locale = ctx.locale ?? 'zh-CN';
  const catalog = await excelCatalog(ctx, ctx.actor.orgId);
  // Reading the workbook is seconds of CPU for a large bank: a worker thread does it, off the request loop.
  const parsed = await runInWorker(parseItemsTask, { file, catalog, locale });
  const refused = async (errors: RowError[], rows: number): Promise<ItemImportReport> => {
    const annotated = await runInWorker(annotateItemsTask, { file, errors });
    return {
      stored: false,
      rows,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors,
      annotatedWorkbookBase64: annotated ? Buffer.from(annotated).toString('base64') : null,
    };
  };
  if (parsed.errors.length) return refused(parsed.errors, parsed.dataRows ?? 0);
  if (!parsed.rows.length) return refused([{ row: 0, column: '', message: bankMessage(locale, 'excel.noItemRows') }], 0);
  const rows = parsed.rows.map((r) => ({ ref: r.row, id: r.id, body: r.body }));
  const auditImport = (report: StoreReport) => ({
    action: 'item.import',
    targetType: 'organisation',
    targetId: ctx.actor.orgId as string,
    after: { rows: parsed.rows.length, created: report.created, updated: report.updated, unchanged: report.unchanged },
  });
  const outcome =
    isEmbedded(ctx.db) && rows.length > BATCHED_FROM
      ? await storeNewItemsInBatches(ctx, rows, 'excel', locale, auditImport)
      : await inTransaction(ctx.db, ctx, async (tx, audit) => {
          const report = await storeItems(tx, ctx.actor, rows, 'excel', locale, isEmbedded(ctx.db) ? WRITE_CHUNK : WRITE_CHUNK_SERVER);
          if (report.errors.length) return report;
          await audit(auditImport(report));
          return report;
        });
  if (outcome.errors.length) {
    return refused(
      outcome.errors.map((e) => ({ row: Number(e.ref), column: COLUMN_OF_FIELD[e.field] ?? 'A', message: e.message })),
      parsed.rows.length,
    );
  }
  return {
    stored: true,
    rows: parsed.rows.length,
    created: outcome.created,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    errors: [],
    annotatedWorkbookBase64: null,
  };
}

/** Reviewed items of a blueprint for assembly, with their current versions. */
export async function reviewedItemsOf(ex: Executor, blueprintId: string, types: string[]) {
  return ex
    .select({
      id: items.id,
      version: items.version,
      type: items.type,
      areaCode: items.areaCode,
      pointCode: items.pointCode,
      difficulty: items.difficulty,
      stem: items.stem,
      points: items.points,
    })
    .from(items)
    .where(and(eq(items.blueprintId, blueprintId), eq(items.status, 'reviewed'), inArray(items.type, types)));
}
