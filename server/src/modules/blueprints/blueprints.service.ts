import { fieldIssue } from '@skillcert/shared/validation-key';
import type { Blueprint, BlueprintBody, BlueprintUpdateBody } from '@skillcert/shared/api/banks';
import { BlueprintBody as BlueprintBodySchema } from '@skillcert/shared/api/banks';
import type { OrgKind, SkillLevel } from '@skillcert/shared/domain';
import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { blueprints, courseAreas, evalSpecs, items, occupations, organisations } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, forbidden, notFound, ruleViolation, unprocessable } from '../../http/errors.ts';
import { type Actor, orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { findOccupationByCode } from '../occupations/occupations.repository.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { basisFor } from '../specs/specs.service.ts';
import { type AreaShape, duplicateCodes, nodeKeys, weightProblems } from './blueprints.rules.ts';

export type Area = Blueprint['theory'][number];

const columns = {
  id: blueprints.id,
  orgId: blueprints.orgId,
  orgName: organisations.name,
  regionCode: organisations.regionCode,
  occupationId: blueprints.occupationId,
  occupationCode: occupations.code,
  occupationName: occupations.name,
  level: blueprints.level,
  basis: blueprints.basis,
  theory: blueprints.theory,
  skills: blueprints.skills,
  updatedAt: blueprints.updatedAt,
};

function blueprintQuery(ex: Executor) {
  return ex
    .select(columns)
    .from(blueprints)
    .innerJoin(organisations, eq(organisations.id, blueprints.orgId))
    .innerJoin(occupations, eq(occupations.id, blueprints.occupationId));
}
export type BlueprintRow = Awaited<ReturnType<ReturnType<typeof blueprintQuery>['where']>>[number] & { theory: Area[]; skills: Area[] };

/** Loads a blueprint the actor may see (404 otherwise); `forUpdate` locks it for the transaction. */
export async function loadBlueprint(actor: Actor, ex: Executor, id: string, forUpdate = false): Promise<BlueprintRow> {
  const q = blueprintQuery(ex).where(eq(blueprints.id, id)).limit(1);
  const [row] = forUpdate ? await q.for('update', { of: blueprints }) : await q;
  if (!row) throw notFound('blueprint');
  requireOrgInScope(actor, { id: row.orgId, kind: 'school' as OrgKind, regionCode: row.regionCode }, 'blueprint');
  return row as BlueprintRow;
}

/** A school writes to its own bank only. */
export function requireOwnBank(actor: Actor, orgId: string): void {
  if (actor.orgKind !== 'school' || actor.orgId !== orgId) throw forbidden('BANK.NOT_OWN');
}

async function itemCounts(ex: Executor, blueprintIds: string[]) {
  if (!blueprintIds.length) return [];
  const rows = await ex
    .select({ blueprintId: items.blueprintId, areaCode: items.areaCode, type: items.type, status: items.status, count: count() })
    .from(items)
    .where(inArray(items.blueprintId, blueprintIds))
    .groupBy(items.blueprintId, items.areaCode, items.type, items.status);
  return rows;
}

function present(row: BlueprintRow, counts: { areaCode: string; type: string; status: string; count: number }[]): Blueprint {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    occupationCode: row.occupationCode,
    occupationName: row.occupationName,
    level: row.level as SkillLevel,
    basis: row.basis as Blueprint['basis'],
    theory: row.theory,
    skills: row.skills,
    problems: weightProblems(row),
    itemCounts: counts.map(({ areaCode, type, status, count: n }) => ({ areaCode, type, status, count: n })),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getBlueprint(ctx: UseCaseContext, id: string): Promise<Blueprint> {
  requireAction(ctx.actor, 'bank.read');
  const row = await loadBlueprint(ctx.actor, ctx.db, id);
  return present(row, await itemCounts(ctx.db, [row.id]));
}

export async function listBlueprints(
  ctx: UseCaseContext,
  q: { occupationCode?: string | undefined; level?: number | undefined; orgId?: string | undefined },
): Promise<Blueprint[]> {
  requireAction(ctx.actor, 'bank.read');
  const conds: (SQL | undefined)[] = [scopeCondition(orgScopeOf(ctx.actor))];
  if (q.occupationCode) conds.push(eq(occupations.code, q.occupationCode));
  if (q.level) conds.push(eq(blueprints.level, q.level));
  if (q.orgId) conds.push(eq(blueprints.orgId, q.orgId));
  const rows = (await blueprintQuery(ctx.db)
    .where(and(...conds))
    .orderBy(asc(organisations.name), asc(occupations.code), asc(blueprints.level))
    .limit(1000)) as BlueprintRow[];
  const counts = await itemCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    present(
      r,
      counts.filter((c) => c.blueprintId === r.id),
    ),
  );
}

function checkCodes(body: { theory: AreaShape[]; skills: AreaShape[] }) {
  const issues = (['theory', 'skills'] as const).flatMap((part) =>
    duplicateCodes(body[part]).map((code) => fieldIssue(`body.${part}`, 'valid.codeTwice', { code })),
  );
  if (issues.length) throw unprocessable('BLUEPRINT.DUPLICATE_CODE', { issues });
}

/**
 * A school sets up the blueprint of an occupation and level. R5: it stands on the national standard, or on a
 * 评价规范 the school has filed; with neither it is refused. Areas left empty are taken from the filed 评价规范.
 */
export async function createBlueprint(ctx: UseCaseContext, input: BlueprintBody): Promise<Blueprint> {
  requireAction(ctx.actor, 'bank.manage');
  if (ctx.actor.orgKind !== 'school') throw forbidden('BANK.NOT_OWN');
  const body = BlueprintBodySchema.parse(input);
  checkCodes(body);
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const occ = await findOccupationByCode(tx, body.occupationCode);
    if (!occ)
      throw unprocessable('OCCUPATION.UNKNOWN', { issues: [fieldIssue('body.occupationCode', 'valid.unknownOccupation', { code: body.occupationCode })] });
    if (!occ.levels.includes(body.level))
      throw unprocessable('SPEC.LEVEL_NOT_OFFERED', { issues: [fieldIssue('body.level', 'valid.levelsNotOffered', { levels: body.level })] });
    const basis = await basisFor(tx, ctx.actor.orgId, occ.code, body.level);
    if (basis.kind === 'none') throw ruleViolation('R5', 'BLUEPRINT.NO_BASIS', { reason: basis.reason });
    let { theory, skills } = body;
    if (basis.kind === 'filed_spec' && (!theory.length || !skills.length)) {
      const [spec] = await tx.select({ theory: evalSpecs.theory, skills: evalSpecs.skills }).from(evalSpecs).where(eq(evalSpecs.id, basis.specId));
      const fromSpec = (areas: unknown) =>
        (areas as { area: string; weight: number }[]).map((a, i) => ({ code: String(i + 1), name: a.area, weight: a.weight, points: [] }));
      if (!theory.length) theory = fromSpec(spec?.theory ?? []);
      if (!skills.length) skills = fromSpec(spec?.skills ?? []);
    }
    try {
      const [row] = await tx
        .insert(blueprints)
        .values({ orgId: ctx.actor.orgId, occupationId: occ.id, level: body.level, basis, theory, skills })
        .returning({ id: blueprints.id });
      await audit({ action: 'blueprint.create', targetType: 'blueprint', targetId: row!.id, after: { ...body, basis } });
      return row!.id;
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('BLUEPRINT.EXISTS', { occupationCode: occ.code, level: body.level });
      throw e;
    }
  });
  return getBlueprint(ctx, id);
}

/** Edits areas, points and weights; an area or point that items sit on cannot be removed (retire or move the items first). */
export async function updateBlueprint(ctx: UseCaseContext, id: string, input: BlueprintUpdateBody): Promise<Blueprint> {
  requireAction(ctx.actor, 'bank.manage');
  const body = { theory: BlueprintBodySchema.shape.theory.parse(input.theory), skills: BlueprintBodySchema.shape.skills.parse(input.skills) };
  checkCodes(body);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const before = await loadBlueprint(ctx.actor, tx, id, true);
    requireOwnBank(ctx.actor, before.orgId);
    const used = await tx
      .selectDistinct({ type: items.type, areaCode: items.areaCode, pointCode: items.pointCode })
      .from(items)
      .where(eq(items.blueprintId, id));
    const theoryKeys = nodeKeys(body.theory);
    const skillKeys = nodeKeys(body.skills);
    const missing = used
      .filter((u) => !(u.type === 'practical' ? skillKeys : theoryKeys).has(u.pointCode ? `${u.areaCode}/${u.pointCode}` : u.areaCode))
      .map((u) => (u.pointCode ? `${u.areaCode}/${u.pointCode}` : u.areaCode));
    // Courses mapped to an area (课程对接) hold it too.
    const taught = await tx.selectDistinct({ part: courseAreas.part, areaCode: courseAreas.areaCode }).from(courseAreas).where(eq(courseAreas.blueprintId, id));
    missing.push(...taught.filter((c) => !body[c.part as 'theory' | 'skills'].some((a) => a.code === c.areaCode)).map((c) => c.areaCode));
    if (missing.length) throw conflict('BLUEPRINT.CODE_IN_USE', { codes: [...new Set(missing)] });
    await tx.update(blueprints).set({ theory: body.theory, skills: body.skills, updatedAt: new Date() }).where(eq(blueprints.id, id));
    await audit({ action: 'blueprint.update', targetType: 'blueprint', targetId: id, before: { theory: before.theory, skills: before.skills }, after: body });
  });
  return getBlueprint(ctx, id);
}
