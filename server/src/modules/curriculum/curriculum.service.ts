import { fieldIssue, type KeyedFieldIssue } from '@skillcert/shared/validation-key';
import type { Course, CourseBody, Coverage } from '@skillcert/shared/api/banks';
import { CourseBody as CourseBodySchema } from '@skillcert/shared/api/banks';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { inTransaction, type UseCaseContext } from '../../context.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { courseAreas, courses, organisations } from '../../db/schema.ts';
import { notFound, unprocessable } from '../../http/errors.ts';
import { type Actor, orgScopeOf, requireAction, requireOrgInScope } from '../access/policy.ts';
import { loadBlueprint, requireOwnBank } from '../blueprints/blueprints.service.ts';
import { scopeCondition } from '../organisations/organisations.repository.ts';
import { areaCoverage } from './curriculum.rules.ts';

async function present(ex: Executor, rows: (typeof courses.$inferSelect)[]): Promise<Course[]> {
  const ids = rows.map((r) => r.id);
  const areas = ids.length ? await ex.select().from(courseAreas).where(inArray(courseAreas.courseId, ids)) : [];
  return rows.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    name: r.name,
    code: r.code,
    majorCode: r.majorCode,
    hours: r.hours,
    areas: areas.filter((a) => a.courseId === r.id).map((a) => ({ blueprintId: a.blueprintId, part: a.part as 'theory' | 'skills', areaCode: a.areaCode })),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function listCourses(ctx: UseCaseContext, q: { orgId?: string | undefined }): Promise<Course[]> {
  requireAction(ctx.actor, 'bank.read');
  const rows = await ctx.db
    .select({ course: courses })
    .from(courses)
    .innerJoin(organisations, eq(organisations.id, courses.orgId))
    .where(and(scopeCondition(orgScopeOf(ctx.actor)), q.orgId ? eq(courses.orgId, q.orgId) : undefined))
    .orderBy(asc(courses.name))
    .limit(2000);
  return present(
    ctx.db,
    rows.map((r) => r.course),
  );
}

async function loadCourse(actor: Actor, ex: Executor, id: string) {
  const [row] = await ex
    .select({ course: courses, regionCode: organisations.regionCode })
    .from(courses)
    .innerJoin(organisations, eq(organisations.id, courses.orgId))
    .where(eq(courses.id, id));
  if (!row) throw notFound('course');
  requireOrgInScope(actor, { id: row.course.orgId, kind: 'school', regionCode: row.regionCode }, 'course');
  return row.course;
}

/** The areas must exist in blueprints of the school's own bank. */
async function writeAreas(tx: Tx, actor: Actor, courseId: string, areas: CourseBody['areas']) {
  const issues: KeyedFieldIssue[] = [];
  const bps = new Map<string, Awaited<ReturnType<typeof loadBlueprint>>>();
  for (const [i, a] of areas.entries()) {
    let bp = bps.get(a.blueprintId);
    if (!bp) {
      bp = await loadBlueprint(actor, tx, a.blueprintId);
      requireOwnBank(actor, bp.orgId);
      bps.set(a.blueprintId, bp);
    }
    if (!bp[a.part].some((x) => x.code === a.areaCode))
      issues.push(fieldIssue(`body.areas.${i}.areaCode`, a.part === 'theory' ? 'valid.noTheoryArea' : 'valid.noSkillsArea', { code: a.areaCode }));
  }
  if (issues.length) throw unprocessable('COURSE.UNKNOWN_AREA', { issues });
  await tx.delete(courseAreas).where(eq(courseAreas.courseId, courseId));
  const unique = [...new Map(areas.map((a) => [`${a.blueprintId}|${a.part}|${a.areaCode}`, a])).values()];
  if (unique.length) await tx.insert(courseAreas).values(unique.map((a) => ({ courseId, ...a })));
}

export async function createCourse(ctx: UseCaseContext, input: CourseBody): Promise<Course> {
  requireAction(ctx.actor, 'curriculum.manage');
  requireOwnBank(ctx.actor, ctx.actor.orgId);
  const body = CourseBodySchema.parse(input);
  const id = await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(courses)
      .values({ orgId: ctx.actor.orgId, name: body.name, code: body.code ?? null, majorCode: body.majorCode ?? null, hours: body.hours ?? null })
      .returning({ id: courses.id });
    await writeAreas(tx, ctx.actor, row!.id, body.areas);
    await audit({ action: 'course.create', targetType: 'course', targetId: row!.id, after: body });
    return row!.id;
  });
  return (await present(ctx.db, [await loadCourse(ctx.actor, ctx.db, id)]))[0]!;
}

export async function updateCourse(ctx: UseCaseContext, id: string, input: CourseBody): Promise<Course> {
  requireAction(ctx.actor, 'curriculum.manage');
  const body = CourseBodySchema.parse(input);
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const before = await loadCourse(ctx.actor, tx, id);
    requireOwnBank(ctx.actor, before.orgId);
    await tx
      .update(courses)
      .set({ name: body.name, code: body.code ?? null, majorCode: body.majorCode ?? null, hours: body.hours ?? null, updatedAt: new Date() })
      .where(eq(courses.id, id));
    await writeAreas(tx, ctx.actor, id, body.areas);
    await audit({ action: 'course.update', targetType: 'course', targetId: id, before, after: body });
  });
  return (await present(ctx.db, [await loadCourse(ctx.actor, ctx.db, id)]))[0]!;
}

export async function deleteCourse(ctx: UseCaseContext, id: string): Promise<void> {
  requireAction(ctx.actor, 'curriculum.manage');
  await inTransaction(ctx.db, ctx, async (tx, audit) => {
    const before = await loadCourse(ctx.actor, tx, id);
    requireOwnBank(ctx.actor, before.orgId);
    await tx.delete(courseAreas).where(eq(courseAreas.courseId, id));
    await tx.delete(courses).where(eq(courses.id, id));
    await audit({ action: 'course.delete', targetType: 'course', targetId: id, before });
  });
}

/** Which areas of the blueprint the school's courses teach, and which they leave bare. */
export async function blueprintCoverage(ctx: UseCaseContext, blueprintId: string): Promise<Coverage> {
  requireAction(ctx.actor, 'bank.read');
  const bp = await loadBlueprint(ctx.actor, ctx.db, blueprintId);
  const taught = await ctx.db
    .select({ id: courses.id, name: courses.name, part: courseAreas.part, areaCode: courseAreas.areaCode })
    .from(courseAreas)
    .innerJoin(courses, eq(courses.id, courseAreas.courseId))
    .where(and(eq(courseAreas.blueprintId, blueprintId), eq(courses.orgId, bp.orgId)))
    .orderBy(asc(courses.name));
  return {
    blueprintId,
    ...areaCoverage(
      bp,
      taught.map((t) => ({ ...t, part: t.part as 'theory' | 'skills' })),
    ),
  };
}
