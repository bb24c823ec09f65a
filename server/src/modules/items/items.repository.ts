import type { Item, ItemStatus } from '@skillcert/shared/api/banks';
import type { SkillLevel } from '@skillcert/shared/domain';
import { and, asc, count, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { blueprints, itemImportMarkers, items, itemVersions, occupations, organisations, users } from '../../db/schema.ts';
import type { OrgScope } from '../access/policy.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { containing } from '../../db/like.ts';

/** An item's content as one version holds it. */
export interface ItemContent {
  areaCode: string;
  pointCode: string | null;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  referenceAnswer: string | null;
  points: number;
  difficulty: number;
  analysis: string | null;
  rubric: Item['rubric'];
}

const author = alias(users, 'author');
const reviewer = alias(users, 'reviewer');

const columns = {
  id: items.id,
  orgId: items.orgId,
  regionCode: organisations.regionCode,
  blueprintId: items.blueprintId,
  occupationCode: occupations.code,
  occupationName: occupations.name,
  level: blueprints.level,
  areaCode: items.areaCode,
  pointCode: items.pointCode,
  type: items.type,
  version: items.version,
  stem: items.stem,
  options: items.options,
  answer: items.answer,
  referenceAnswer: items.referenceAnswer,
  points: items.points,
  difficulty: items.difficulty,
  analysis: items.analysis,
  rubric: items.rubric,
  status: items.status,
  authorId: items.authorId,
  authorName: author.displayName,
  reviewerName: sql<string | null>`coalesce(${reviewer.displayName}, ${items.reviewerName})`,
  reviewedAt: items.reviewedAt,
  source: items.source,
  fingerprint: items.fingerprint,
  statsResponses: items.statsResponses,
  statsP: items.statsP,
  statsDiscrimination: items.statsDiscrimination,
  flagReasons: items.flagReasons,
  statsAt: items.statsAt,
  createdAt: items.createdAt,
  updatedAt: items.updatedAt,
};

function itemQuery(ex: Executor) {
  return ex
    .select(columns)
    .from(items)
    .innerJoin(blueprints, eq(blueprints.id, items.blueprintId))
    .innerJoin(occupations, eq(occupations.id, blueprints.occupationId))
    .innerJoin(organisations, eq(organisations.id, items.orgId))
    .leftJoin(author, eq(author.id, items.authorId))
    .leftJoin(reviewer, eq(reviewer.id, items.reviewerId));
}
export type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['where']>>[number];

export function presentItem(r: ItemRow): Item {
  return {
    id: r.id,
    orgId: r.orgId,
    blueprintId: r.blueprintId,
    occupationCode: r.occupationCode,
    occupationName: r.occupationName,
    level: r.level as SkillLevel,
    areaCode: r.areaCode,
    pointCode: r.pointCode,
    type: r.type as Item['type'],
    version: r.version,
    stem: r.stem,
    options: r.options as Item['options'],
    answer: r.answer as string[],
    referenceAnswer: r.referenceAnswer,
    points: r.points,
    difficulty: r.difficulty,
    analysis: r.analysis,
    rubric: (r.rubric as Item['rubric']) ?? null,
    status: r.status as ItemStatus,
    answersHidden: false,
    authorName: r.authorName,
    reviewerName: r.reviewerName,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    source: r.source as Item['source'],
    stats: {
      responses: r.statsResponses,
      pValue: r.statsP,
      discrimination: r.statsDiscrimination,
      flagged: r.flagReasons.length > 0,
      flagReasons: r.flagReasons as Item['stats']['flagReasons'],
      computedAt: r.statsAt?.toISOString() ?? null,
    },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export interface ItemFilter {
  blueprintId?: string | undefined;
  occupationCode?: string | undefined;
  level?: number | undefined;
  areaCode?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  flagged?: 'true' | 'false' | undefined;
  q?: string | undefined;
}

function filterCondition(scope: OrgScope, f: ItemFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [scopeCondition(scope)];
  if (f.blueprintId) conds.push(eq(items.blueprintId, f.blueprintId));
  if (f.occupationCode) conds.push(eq(occupations.code, f.occupationCode));
  if (f.level) conds.push(eq(blueprints.level, f.level));
  if (f.areaCode) conds.push(eq(items.areaCode, f.areaCode));
  if (f.type) conds.push(eq(items.type, f.type));
  if (f.status) conds.push(eq(items.status, f.status));
  if (f.flagged === 'true') conds.push(sql`jsonb_array_length(${items.flagReasons}) > 0`);
  if (f.flagged === 'false') conds.push(sql`jsonb_array_length(${items.flagReasons}) = 0`);
  if (f.q) conds.push(ilike(items.stem, containing(f.q)));
  return and(...conds);
}

export async function listItems(ex: Executor, scope: OrgScope, f: ItemFilter, page: number, pageSize: number) {
  const where = filterCondition(scope, f);
  const [rows, totals] = await Promise.all([
    itemQuery(ex)
      .where(where)
      .orderBy(asc(occupations.code), asc(blueprints.level), asc(items.areaCode), asc(items.pointCode), asc(items.createdAt), asc(items.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex
      .select({ n: count() })
      .from(items)
      .innerJoin(blueprints, eq(blueprints.id, items.blueprintId))
      .innerJoin(occupations, eq(occupations.id, blueprints.occupationId))
      .innerJoin(organisations, eq(organisations.id, items.orgId))
      .where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function findItems(ex: Executor, ids: string[], forUpdate = false): Promise<ItemRow[]> {
  if (!ids.length) return [];
  const q = itemQuery(ex).where(inArray(items.id, ids));
  return forUpdate ? q.for('update', { of: items }) : q;
}

export async function listVersions(ex: Executor, itemId: string) {
  return ex
    .select({ version: itemVersions.version, content: itemVersions.content, editedBy: users.displayName, createdAt: itemVersions.createdAt })
    .from(itemVersions)
    .leftJoin(users, eq(users.id, itemVersions.editedBy))
    .where(eq(itemVersions.itemId, itemId))
    .orderBy(desc(itemVersions.version));
}

/** The fields of items that identify and compare them, for every item of these blueprints. */
export async function itemsOfBlueprints(ex: Executor, blueprintIds: string[]) {
  if (!blueprintIds.length) return [];
  return ex
    .select({
      id: items.id,
      orgId: items.orgId,
      blueprintId: items.blueprintId,
      type: items.type,
      fingerprint: items.fingerprint,
      version: items.version,
      status: items.status,
      areaCode: items.areaCode,
      pointCode: items.pointCode,
      stem: items.stem,
      options: items.options,
      answer: items.answer,
      referenceAnswer: items.referenceAnswer,
      points: items.points,
      difficulty: items.difficulty,
      analysis: items.analysis,
      rubric: items.rubric,
    })
    .from(items)
    .where(inArray(items.blueprintId, blueprintIds));
}

/** A new item to store as version 1 (its first item_versions row holds the same content). */
export interface NewItem {
  id: string;
  orgId: string;
  blueprintId: string;
  type: string;
  fingerprint: string;
  content: ItemContent;
}

/**
 * Stores new items and their version 1 in ONE statement: the rows travel as one jsonb parameter and the database
 * unpacks them (jsonb_to_recordset), so neither Drizzle nor the driver builds and binds a placeholder per value —
 * on a 10,000-item bank that building, not the database, was most of the write time. New items are drafts (an
 * import never marks them reviewed); the other columns take their defaults.
 */
export async function insertNewItems(ex: Executor, rows: NewItem[], source: string, authorId: string | null): Promise<void> {
  if (!rows.length) return;
  await ex.execute(sql`
    with r as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(id uuid, "orgId" uuid, "blueprintId" uuid, type text, fingerprint text, content jsonb)
    ), stored as (
      insert into ${items} (id, org_id, blueprint_id, type, version, status, fingerprint, area_code, point_code, stem, options, answer,
        reference_answer, points, difficulty, analysis, rubric, source, author_id)
      select id, "orgId", "blueprintId", type, 1, 'draft', fingerprint, content->>'areaCode', content->>'pointCode', content->>'stem',
        content->'options', content->'answer', content->>'referenceAnswer', (content->>'points')::float8, (content->>'difficulty')::int2,
        content->>'analysis', nullif(content->'rubric', 'null'::jsonb), ${source}, ${authorId}::uuid
      from r
    )
    insert into ${itemVersions} (item_id, version, content, edited_by)
    select id, 1, content, ${authorId}::uuid from r`);
}

/** A changed item: its next version, back to draft for review. */
export interface ItemEdit {
  id: string;
  version: number;
  fingerprint: string;
  content: ItemContent;
}

/**
 * Gives items their next version in ONE statement (the rows as one jsonb parameter): the item row takes the new
 * content, goes back to draft, unreviewed, and loses its statistics (they describe the version candidates answered);
 * item_versions keeps the new version, written by `editedBy`.
 */
export async function updateItemVersions(ex: Executor, rows: ItemEdit[], editedBy: string | null, now: Date): Promise<void> {
  if (!rows.length) return;
  await ex.execute(sql`
    with r as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, version int, fingerprint text, content jsonb)
    ), changed as (
      update ${items} set
        area_code = r.content->>'areaCode', point_code = r.content->>'pointCode', stem = r.content->>'stem',
        options = r.content->'options', answer = r.content->'answer', reference_answer = r.content->>'referenceAnswer',
        points = (r.content->>'points')::float8, difficulty = (r.content->>'difficulty')::int2, analysis = r.content->>'analysis',
        rubric = nullif(r.content->'rubric', 'null'::jsonb), version = r.version, fingerprint = r.fingerprint, status = 'draft',
        reviewer_id = null, reviewer_name = null, reviewed_at = null,
        stats_responses = 0, stats_p = null, stats_discrimination = null, flag_reasons = '[]'::jsonb, stats_at = null,
        updated_at = ${now.toISOString()}::timestamptz
      from r where ${items.id} = r.id
    )
    insert into ${itemVersions} (item_id, version, content, edited_by)
    select id, version, content, ${editedBy}::uuid from r`);
}

/** Marks a batched import's items before its first batch (see itemImportMarkers). */
export async function insertImportMarker(ex: Executor, orgId: string, itemIds: string[]): Promise<string> {
  const [row] = await ex.insert(itemImportMarkers).values({ orgId, itemIds }).returning({ id: itemImportMarkers.id });
  return row!.id;
}

export async function deleteImportMarker(ex: Executor, id: string): Promise<void> {
  await ex.delete(itemImportMarkers).where(eq(itemImportMarkers.id, id));
}

export async function importMarkers(ex: Executor) {
  return ex.select().from(itemImportMarkers);
}

/** Removes items (and their versions) an unfinished import wrote. */
export async function deleteItemsById(ex: Executor, ids: string[]): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    await ex.delete(itemVersions).where(inArray(itemVersions.itemId, part));
    await ex.delete(items).where(inArray(items.id, part));
  }
}
