import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { inspections, institutions, organisations, rectificationItems } from '../../db/schema.ts';

export type InspectionRow = typeof inspections.$inferSelect;
export type ItemRow = typeof rectificationItems.$inferSelect;

const base = (ex: Executor) =>
  ex
    .select({ i: inspections, institutionName: organisations.name, orgId: organisations.id })
    .from(inspections)
    .innerJoin(institutions, eq(institutions.id, inspections.institutionId))
    .innerJoin(organisations, eq(organisations.id, institutions.orgId));

export type InspectionWithOrg = { i: InspectionRow; institutionName: string; orgId: string };

export async function find(ex: Executor, id: string, forUpdate = false): Promise<InspectionWithOrg | undefined> {
  const q = base(ex).where(eq(inspections.id, id)).limit(1);
  const rows = forUpdate ? await q.for('update', { of: inspections }) : await q;
  return rows[0];
}

export async function list(
  ex: Executor,
  f: { regionPrefix?: string; orgId?: string; status?: string | undefined; institutionId?: string | undefined },
  page: number,
  pageSize: number,
) {
  const where: SQL[] = [];
  if (f.regionPrefix !== undefined) where.push(sql`${inspections.regionCode} like ${`${f.regionPrefix}%`}`);
  if (f.orgId) where.push(eq(organisations.id, f.orgId));
  if (f.status) where.push(eq(inspections.status, f.status));
  if (f.institutionId) where.push(eq(inspections.institutionId, f.institutionId));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    base(ex)
      .where(cond)
      .orderBy(desc(inspections.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex
      .select({ n: count() })
      .from(inspections)
      .innerJoin(institutions, eq(institutions.id, inspections.institutionId))
      .innerJoin(organisations, eq(organisations.id, institutions.orgId))
      .where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function insert(ex: Executor, v: typeof inspections.$inferInsert): Promise<InspectionRow> {
  const [row] = await ex.insert(inspections).values(v).returning();
  return row!;
}

export async function update(ex: Executor, id: string, v: Partial<typeof inspections.$inferInsert>) {
  await ex.update(inspections).set(v).where(eq(inspections.id, id));
}

export async function itemsOf(ex: Executor, ids: string[]): Promise<ItemRow[]> {
  if (!ids.length) return [];
  return ex.select().from(rectificationItems).where(inArray(rectificationItems.inspectionId, ids)).orderBy(rectificationItems.dueOn);
}

export async function insertItem(ex: Executor, v: typeof rectificationItems.$inferInsert): Promise<ItemRow> {
  const [row] = await ex.insert(rectificationItems).values(v).returning();
  return row!;
}

export async function updateItem(ex: Executor, id: string, v: Partial<typeof rectificationItems.$inferInsert>) {
  await ex.update(rectificationItems).set(v).where(eq(rectificationItems.id, id));
}
