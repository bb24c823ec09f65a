import { issueText } from '@skillcert/shared/validation-messages';
import { randomUUID } from 'node:crypto';
import { ItemBody as ItemBodySchema } from '@skillcert/shared/api/banks';
import type { ItemType, QtiImportReport } from '@skillcert/shared/api/banks';
import { and, eq, inArray, ne, or } from 'drizzle-orm';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import { runInWorker } from '../../lib/worker-pool.ts';
import { blueprints, items, occupations, paperItems, papers } from '../../db/schema.ts';
import { unprocessable } from '../../http/errors.ts';
import { requireAction } from '../access/policy.ts';
import { loadBlueprint, requireOwnBank } from '../blueprints/blueprints.service.ts';
import { bankMessage, itemFieldName, zodIssueLocale } from '../items/items.messages.ts';
import type { ItemContent } from '../items/items.repository.ts';
import { contentOf, sameContent, type StoreRow, storeItems } from '../items/items.service.ts';
import { coverageOfItems, getPaper, versionContents } from '../papers/papers.service.ts';
import { buildQtiPackage } from './qti.export.ts';
import { readQtiPackageTask } from './qti.tasks.ts';
import type { QtiItem } from './qti.ts';
import { round2 } from '@skillcert/shared/numbers';

const ITEM_ID = /^skc-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-v(\d+)$/;
const PAPER_ID = /^skc-paper-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const itemIdentifier = (id: string, version: number) => `skc-${id}-v${version}`;
const slug = (s: string) => s.replace(/[^\p{L}\p{N}-]+/gu, '_').slice(0, 60);

function qtiItem(id: string, version: number, type: ItemType, c: ItemContent, meta: { occupationCode: string; level: number }): QtiItem {
  return {
    identifier: itemIdentifier(id, version),
    type,
    stem: c.stem,
    options: c.options,
    answer: c.answer,
    referenceAnswer: c.referenceAnswer,
    points: c.points,
    difficulty: c.difficulty,
    analysis: c.analysis,
    rubric: c.rubric ? { criteria: c.rubric.criteria, vetoes: c.rubric.vetoes, durationMinutes: c.rubric.durationMinutes ?? null } : null,
    meta: { ...meta, areaCode: c.areaCode, pointCode: c.pointCode },
  };
}

/** A paper as a QTI 3.0 package: its assessment test and the item versions it was built from. */
export async function exportPaper(ctx: UseCaseContext, paperId: string) {
  // A package carries answers and rubrics: the school's bank staff only (题库保密).
  requireAction(ctx.actor, 'bank.manage');
  const paper = await getPaper(ctx, paperId);
  const contents = await versionContents(ctx.db, paper.items);
  const meta = { occupationCode: paper.occupationCode, level: paper.level };
  const qtiItems = paper.items.map((i) => qtiItem(i.itemId, i.version, i.type, contents.get(`${i.itemId}@${i.version}`)!, meta));
  const bytes = buildQtiPackage({
    title: `${paper.name} ${paper.variant}`,
    items: qtiItems,
    test: {
      identifier: `skc-paper-${paper.id}`,
      title: `${paper.name} ${paper.variant}`,
      items: paper.items.map((i) => ({ identifier: itemIdentifier(i.itemId, i.version), points: i.points })),
    },
  });
  return { filename: `${slug(paper.name)}-${paper.variant}-qti.zip`, bytes };
}

/** A blueprint's bank (items not retired, current versions) as a QTI 3.0 package. */
export async function exportBank(ctx: UseCaseContext, blueprintId: string) {
  requireAction(ctx.actor, 'bank.manage');
  const bp = await loadBlueprint(ctx.actor, ctx.db, blueprintId);
  const rows = await ctx.db
    .select()
    .from(items)
    .where(and(eq(items.blueprintId, blueprintId), ne(items.status, 'retired')))
    .orderBy(items.areaCode, items.createdAt, items.id);
  const meta = { occupationCode: bp.occupationCode, level: bp.level };
  const qtiItems = rows.map((r) => qtiItem(r.id, r.version, r.type as ItemType, r as unknown as ItemContent, meta));
  return {
    filename: `${bp.occupationCode}-${bp.level}-bank-qti.zip`,
    bytes: buildQtiPackage({ title: `${bp.occupationName} ${bp.level}`, items: qtiItems, test: null }),
  };
}

/**
 * Imports a QTI 3.0/2.1 package (or a bare item) into the school's own banks, all or nothing. Items find their
 * blueprint through skillcert metadata (occupation, level) or, for foreign items, the chosen `blueprintId`; an item
 * must name its knowledge area (and point) to be placed. An item this school exported comes back as itself:
 * identical → unchanged (the named version); edited → its next version. A package with an assessment test becomes
 * a paper, once: importing it again finds the same paper. The report's errors are in the request's language.
 */
export async function importPackage(
  ctx: UseCaseContext,
  body: {
    filename?: string | undefined;
    contentBase64: string;
    blueprintId?: string | undefined;
    areaCode?: string | undefined;
    pointCode?: string | null | undefined;
  },
): Promise<QtiImportReport> {
  requireAction(ctx.actor, 'bank.manage');
  requireOwnBank(ctx.actor, ctx.actor.orgId);
  const locale = ctx.locale ?? 'zh-CN';
  // Inflating and parsing run in a worker thread, off the request loop.
  const parsed = await runInWorker(readQtiPackageTask, { bytes: new Uint8Array(Buffer.from(body.contentBase64, 'base64')), locale, filename: body.filename });
  const refused = (errors: QtiImportReport['errors']): QtiImportReport => ({ stored: false, created: 0, updated: 0, unchanged: 0, paperId: null, errors });
  // Every problem of the package in one report: what could not be read, then what could not be placed or stored.
  const errors: QtiImportReport['errors'] = [...parsed.errors];
  const testFile = parsed.testFile ?? `${parsed.test?.identifier ?? ''}.xml`;
  for (const t of parsed.test?.items ?? []) {
    if (!(Number.isFinite(t.points) && t.points > 0 && t.points <= 100)) {
      errors.push({ file: testFile, message: bankMessage(locale, 'qti.badWeight', { item: t.identifier, points: String(t.points) }) });
    }
  }
  if (!parsed.items.length && !errors.length) return refused([{ file: body.filename ?? '', message: bankMessage(locale, 'qti.noItems') }]);

  const own = await ctx.db
    .select({ id: blueprints.id, occupationCode: occupations.code, level: blueprints.level })
    .from(blueprints)
    .innerJoin(occupations, eq(occupations.id, blueprints.occupationId))
    .where(eq(blueprints.orgId, ctx.actor.orgId));
  const target = body.blueprintId ? await loadBlueprint(ctx.actor, ctx.db, body.blueprintId) : null;
  if (target) requireOwnBank(ctx.actor, target.orgId);

  const rows: (StoreRow & { qti: QtiItem })[] = [];
  for (const q of parsed.items) {
    const file = parsed.files[q.identifier] ?? `${q.identifier}.xml`;
    // a 简答 item's reference answer comes from a scorer rubric block; said together with any placement problem
    const noReference = q.type === 'subjective' && !q.referenceAnswer?.trim();
    if (noReference) errors.push({ file, message: bankMessage(locale, 'qti.noReferenceAnswer') });
    const bp = q.meta.occupationCode && q.meta.level ? own.find((b) => b.occupationCode === q.meta.occupationCode && b.level === q.meta.level)?.id : target?.id;
    if (!bp) {
      errors.push({
        file,
        message: q.meta.occupationCode
          ? bankMessage(locale, 'qti.noBlueprint', { occupation: q.meta.occupationCode, level: q.meta.level ?? '' })
          : bankMessage(locale, 'qti.noMeta'),
      });
      continue;
    }
    // A foreign item names no area: it takes the one chosen for the import (in the chosen blueprint only).
    const place = q.meta.areaCode
      ? { areaCode: q.meta.areaCode, pointCode: q.meta.pointCode }
      : bp === target?.id && body.areaCode
        ? { areaCode: body.areaCode, pointCode: body.pointCode ?? null }
        : null;
    if (!place) {
      errors.push({ file, message: bankMessage(locale, 'qti.noArea') });
      continue;
    }
    const candidate = {
      blueprintId: bp,
      ...place,
      type: q.type,
      stem: q.stem,
      options: q.options,
      answer: q.answer,
      referenceAnswer: q.referenceAnswer,
      points: q.points,
      difficulty: q.difficulty,
      analysis: q.analysis,
      rubric: q.rubric,
    };
    if (noReference) continue;
    const parsedBody = ItemBodySchema.safeParse(candidate, zodIssueLocale(locale));
    if (!parsedBody.success) {
      errors.push(
        ...parsedBody.error.issues.map((i) => ({
          file,
          message: bankMessage(locale, 'item.fieldIssue', { field: itemFieldName(locale, i.path), issue: issueText(locale, i) }),
        })),
      );
      continue;
    }
    rows.push({ ref: file, id: null, body: parsedBody.data, qti: q });
  }
  if (errors.length) return refused(errors);

  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    // Items this school exported: the named version, if identical, is reused as it is.
    const named = rows.map((r) => r.qti.identifier.match(ITEM_ID)).filter((m): m is RegExpMatchArray => m !== null);
    const ownItems = named.length
      ? await tx
          .select({ id: items.id })
          .from(items)
          .where(and(eq(items.orgId, ctx.actor.orgId), inArray(items.id, [...new Set(named.map((m) => m[1]!))])))
      : [];
    const ownIds = new Set(ownItems.map((r) => r.id));
    const versions = await versionContents(
      tx,
      named.filter((m) => ownIds.has(m[1]!)).map((m) => ({ itemId: m[1]!, version: Number(m[2]) })),
    );
    const resolved = new Map<string, { id: string; version: number }>();
    const toStore: (StoreRow & { qti: QtiItem })[] = [];
    for (const r of rows) {
      const m = r.qti.identifier.match(ITEM_ID);
      if (m && ownIds.has(m[1]!)) {
        const kept = versions.get(`${m[1]}@${m[2]}`);
        if (kept && sameContent(kept, contentOf(r.body))) {
          resolved.set(r.qti.identifier, { id: m[1]!, version: Number(m[2]) });
          continue;
        }
        toStore.push({ ...r, id: m[1]! });
      } else {
        toStore.push(r);
      }
    }
    const stored = await storeItems(tx, ctx.actor, toStore, 'qti', locale);
    if (stored.errors.length) return { ...refused(stored.errors.map((e) => ({ file: String(e.ref), message: e.message }))), stored: false };
    toStore.forEach((r, i) => resolved.set(r.qti.identifier, { id: stored.ids[i]!, version: stored.versions[i]! }));
    const unchanged = stored.unchanged + (rows.length - toStore.length);

    let paperId: string | null = null;
    const test = parsed.test;
    if (test) {
      const mine = test.identifier.match(PAPER_ID)?.[1];
      const [existing] = await tx
        .select({ id: papers.id })
        .from(papers)
        .where(
          and(
            eq(papers.orgId, ctx.actor.orgId),
            mine ? or(eq(papers.id, mine), eq(papers.sourceIdentifier, test.identifier)) : eq(papers.sourceIdentifier, test.identifier),
          ),
        );
      if (existing) {
        paperId = existing.id;
      } else {
        const byIdentifier = new Map(rows.map((r) => [r.qti.identifier, r]));
        const refs = test.items.map((t) => {
          const ref = resolved.get(t.identifier);
          const row = byIdentifier.get(t.identifier);
          if (!ref || !row) throw unprocessable('QTI.TEST_ITEM_MISSING', { identifier: t.identifier });
          return { ...ref, points: t.points, row };
        });
        const bpIds = new Set(refs.map((r) => r.row.body.blueprintId));
        if (bpIds.size !== 1) throw unprocessable('QTI.TEST_MIXES_BLUEPRINTS', { blueprints: [...bpIds] });
        const bp = await loadBlueprint(ctx.actor, tx, [...bpIds][0]!);
        const part = refs.every((r) => r.row.body.type === 'practical') ? 'skills' : 'theory';
        const coverage = coverageOfItems(
          bp[part],
          refs.map((r) => ({ areaCode: r.row.body.areaCode, points: r.points })),
        );
        paperId = randomUUID();
        await tx.insert(papers).values({
          id: paperId,
          orgId: ctx.actor.orgId,
          blueprintId: bp.id,
          part,
          assemblyId: randomUUID(),
          name: test.title,
          variant: 'A',
          seed: randomUUID().slice(0, 8),
          source: 'qti',
          sourceIdentifier: test.identifier,
          itemCount: refs.length,
          totalScore: round2(refs.reduce((s, r) => s + r.points, 0)),
          meanDifficulty: round2(refs.reduce((s, r) => s + r.row.body.difficulty, 0) / refs.length),
          tolerance: 0,
          coverage,
          warnings: [],
          params: { importedFrom: test.identifier },
          createdBy: ctx.actor.userId,
        });
        await tx.insert(paperItems).values(refs.map((r, position) => ({ paperId: paperId!, position, itemId: r.id, version: r.version, points: r.points })));
      }
    }
    await audit({
      action: 'qti.import',
      targetType: 'organisation',
      targetId: ctx.actor.orgId,
      after: { items: rows.length, created: stored.created, updated: stored.updated, unchanged, paperId },
    });
    return { stored: true, created: stored.created, updated: stored.updated, unchanged, paperId, errors: [] };
  });
}
