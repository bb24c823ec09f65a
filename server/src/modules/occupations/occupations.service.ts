import { fieldIssue } from '@skillcert/shared/validation-key';
import type { ImportReport, MajorMapping, Occupation, OccupationBody, OccupationTreeNode, SpecialItem } from '@skillcert/shared/api/occupations';
import type { SkillLevel } from '@skillcert/shared/domain';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { conflict, notFound, unprocessable } from '../../http/errors.ts';
import { requireAction } from '../access/policy.ts';
import { parseOccupationWorkbook } from './occupations.excel.ts';
import * as repo from './occupations.repository.ts';
import { pinyinInitials } from '../../lib/pinyin.ts';
import { CATALOG_EDITION, type CatalogOccupation, catalogOccupations, catalogTree, hierarchyOf } from './occupations.catalog.ts';
import { OCCUPATION_EDITION, OCCUPATIONS, SPECIAL_ITEMS } from './occupations.data.ts';
import { importCollisions } from './occupations.rules.ts';

export function presentOccupation(r: repo.OccupationRow): Occupation {
  return {
    code: r.code,
    edition: r.edition,
    name: r.name,
    nameEn: r.nameEn,
    levels: [...r.levels].sort((a, b) => b - a) as SkillLevel[],
    levelsVerified: r.levelsVerified,
    standardYear: r.standardYear,
    standardCode: r.standardCode,
    standardStatus: r.standardYear !== null ? 'published' : r.standardStatus === 'none' ? 'none' : 'unknown',
    workTypes: r.workTypes,
    initials: r.initials,
    markings: r.markings.filter((m): m is 'L' | 'S' => m === 'L' || m === 'S'),
    skill: r.skill,
    formerCodes: r.formerCodes,
    addedIn: r.addedIn,
    hierarchy: hierarchyOf(r.code),
  };
}

/** Row values for an occupation an official adds, edits or imports (not from the shipped catalog). */
const values = (b: OccupationBody): repo.OccupationValues => ({
  code: b.code,
  edition: repo.CURRENT_EDITION,
  name: b.name,
  nameEn: b.nameEn ?? null,
  levels: [...new Set(b.levels)],
  standardYear: b.standardYear ?? null,
  standardCode: b.standardCode ?? null,
  standardStatus: b.standardYear ? 'published' : 'unknown',
  workTypes: b.workTypes ?? [],
  formerCodes: [],
  initials: pinyinInitials(b.name),
});

const catalogValues = (o: CatalogOccupation): repo.OccupationValues => ({ ...o, edition: CATALOG_EDITION });

/**
 * Loads the shipped catalog (every occupation of the 2022 大典, 专项职业能力 items, major mappings); idempotent.
 * Only codes not yet stored are inserted, in a few batched statements; rows stored before the catalog columns
 * existed get them filled in. Occupations officials added or edited are left as they are.
 */
export async function ensureCatalog(ex: Executor): Promise<void> {
  const catalog = catalogOccupations();
  const stored = await repo.storedCodes(ex, CATALOG_EDITION);
  await repo.insertOccupationsBatch(ex, catalog.filter((o) => !stored.has(o.code)).map(catalogValues));
  for (const o of catalog) {
    const row = stored.get(o.code);
    if (row && row.initials === '') {
      await repo.updateOccupation(ex, row.id, {
        initials: o.initials,
        markings: o.markings,
        skill: o.skill,
        levelsVerified: o.levelsVerified,
        standardStatus: o.standardStatus,
        addedIn: o.addedIn,
      });
    }
  }
  const mapped = OCCUPATIONS.filter((o) => o.majors.length > 0);
  const byCode = await repo.findOccupationsByCodes(
    ex,
    mapped.map((o) => o.code),
    OCCUPATION_EDITION,
  );
  for (const o of mapped) {
    const occ = byCode.get(o.code);
    if (!occ) continue;
    for (const m of o.majors) await repo.insertMajorMapping(ex, { majorCode: m.code, majorName: m.name, occupationId: occ.id });
  }
  for (const s of SPECIAL_ITEMS) await repo.insertSpecialItem(ex, { province: s.province, code: s.code ?? null, name: s.name, source: 'catalog' });
}

export async function listOccupations(
  ctx: UseCaseContext,
  q: {
    q?: string | undefined;
    hasStandard?: 'true' | 'false' | undefined;
    skill?: 'true' | 'false' | undefined;
    group?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireAction(ctx.actor, 'occupation.read');
  const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
  const { items, total } = await repo.listOccupations(
    ctx.db,
    { q: q.q, hasStandard: flag(q.hasStandard), skill: flag(q.skill), group: q.group },
    q.page,
    q.pageSize,
  );
  return { items: items.map(presentOccupation), total, page: q.page, pageSize: q.pageSize };
}

/** The edition's 大类 → 中类 → 小类 tree with the number of occupations under each node. */
export async function occupationTree(ctx: UseCaseContext): Promise<OccupationTreeNode[]> {
  requireAction(ctx.actor, 'occupation.read');
  return catalogTree(await repo.countByMinorGroup(ctx.db));
}

export async function getOccupation(ctx: UseCaseContext, code: string): Promise<Occupation> {
  requireAction(ctx.actor, 'occupation.read');
  const row = await repo.findOccupationByCode(ctx.db, code);
  if (!row) throw notFound('occupation');
  return presentOccupation(row);
}

export async function createOccupation(ctx: UseCaseContext, body: OccupationBody): Promise<Occupation> {
  requireAction(ctx.actor, 'occupation.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    if (await repo.findOccupationByCode(tx, body.code)) throw conflict('OCCUPATION.CODE_TAKEN', { issues: [fieldIssue('body.code', 'valid.exists')] });
    await repo.insertOccupation(tx, values(body));
    await audit({ action: 'occupation.create', targetType: 'occupation', targetId: body.code, after: body });
  });
  return getOccupation(ctx, body.code);
}

export async function updateOccupation(ctx: UseCaseContext, code: string, body: OccupationBody): Promise<Occupation> {
  requireAction(ctx.actor, 'occupation.manage');
  if (body.code !== code) throw unprocessable('OCCUPATION.CODE_IMMUTABLE', { issues: [fieldIssue('body.code', 'valid.codeImmutable')] });
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const before = await repo.findOccupationByCode(tx, code);
    if (!before) throw notFound('occupation');
    // Former codes stay; without a standard year an occupation researched as having none stays "none".
    const standardStatus = body.standardYear ? 'published' : before.standardStatus === 'unknown' ? 'unknown' : 'none';
    await repo.updateOccupation(tx, before.id, { ...values(body), formerCodes: before.formerCodes, standardStatus });
    await audit({ action: 'occupation.update', targetType: 'occupation', targetId: code, before: presentOccupation(before), after: body });
  });
  return getOccupation(ctx, code);
}

/** All rows or none: any row error leaves the catalog untouched. Re-importing the same sheet changes nothing new. */
export async function importOccupations(ctx: UseCaseContext, file: Buffer): Promise<ImportReport> {
  requireAction(ctx.actor, 'occupation.manage');
  const locale = ctx.locale ?? 'zh-CN';
  const { rows, rowNumbers, errors } = await parseOccupationWorkbook(file, locale);
  if (errors.length) return { imported: 0, updated: 0, errors };
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const existing = await repo.findOccupationsByCodes(
      tx,
      rows.map((r) => r.code),
    );
    const collisions = importCollisions(
      rows.map((r, i) => ({ row: rowNumbers[i] ?? 0, code: r.code, name: r.name })),
      existing,
      locale,
    );
    if (collisions.length) return { imported: 0, updated: 0, errors: collisions };
    let imported = 0;
    for (const r of rows) if (await repo.upsertOccupation(tx, values(r))) imported++;
    await audit({ action: 'occupation.import', targetType: 'occupation', targetId: null, after: { rows: rows.length, imported } });
    return { imported, updated: rows.length - imported, errors: [] };
  });
}

export async function listSpecialItems(ctx: UseCaseContext, province?: string): Promise<SpecialItem[]> {
  requireAction(ctx.actor, 'occupation.read');
  const rows = await repo.listSpecialItems(ctx.db, province);
  return rows.map((r) => ({ id: r.id, province: r.province, code: r.code, name: r.name, source: r.source as SpecialItem['source'] }));
}

export async function listMajorMappings(ctx: UseCaseContext, majorCode?: string): Promise<MajorMapping[]> {
  requireAction(ctx.actor, 'occupation.read');
  return (await repo.listMajorMappings(ctx.db, majorCode)).map(({ id: _id, ...m }) => m);
}

export async function addMajorMapping(ctx: UseCaseContext, body: { majorCode: string; majorName: string; occupationCode: string }): Promise<MajorMapping> {
  requireAction(ctx.actor, 'occupation.manage');
  return inTransaction(ctx.db, ctx, async (tx, audit) => {
    const occ = await repo.findOccupationByCode(tx, body.occupationCode);
    if (!occ)
      throw unprocessable('OCCUPATION.UNKNOWN', { issues: [fieldIssue('body.occupationCode', 'valid.unknownOccupation', { code: body.occupationCode })] });
    await repo.insertMajorMapping(tx, { majorCode: body.majorCode, majorName: body.majorName, occupationId: occ.id });
    await audit({ action: 'occupation.map_major', targetType: 'occupation', targetId: occ.code, after: body });
    return { majorCode: body.majorCode, majorName: body.majorName, occupationCode: occ.code, occupationName: occ.name };
  });
}
