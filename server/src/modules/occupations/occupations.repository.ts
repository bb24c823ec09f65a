import { and, asc, count, eq, ilike, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { majorOccupations, occupations, specialItems } from '../../db/schema.ts';

export const CURRENT_EDITION = '2022';

export type OccupationRow = typeof occupations.$inferSelect;

/** By its code in the edition, or by a code it had in an earlier edition (codes change between editions). */
export async function findOccupationByCode(ex: Executor, code: string, edition = CURRENT_EDITION): Promise<OccupationRow | undefined> {
  const rows = await ex
    .select()
    .from(occupations)
    .where(and(eq(occupations.edition, edition), or(eq(occupations.code, code), sql`${code} = any(${occupations.formerCodes})`)))
    .orderBy(sql`${occupations.code} = ${code} desc`)
    .limit(1);
  return rows[0];
}

export async function findOccupationsByCodes(ex: Executor, codes: string[], edition = CURRENT_EDITION): Promise<Map<string, OccupationRow>> {
  if (codes.length === 0) return new Map();
  const rows = await ex
    .select()
    .from(occupations)
    .where(and(eq(occupations.edition, edition), or(sql`${occupations.code} in ${codes}`, sql`${occupations.formerCodes} && array[${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )}]::text[]`)));
  const map = new Map<string, OccupationRow>();
  for (const r of rows) for (const c of [...r.formerCodes, r.code]) map.set(c, r);
  return map;
}

export async function listOccupations(ex: Executor, f: { q?: string | undefined; hasStandard?: boolean | undefined }, page: number, pageSize: number) {
  const conds: (SQL | undefined)[] = [eq(occupations.edition, CURRENT_EDITION)];
  if (f.q) conds.push(or(ilike(occupations.name, `%${f.q}%`), ilike(occupations.code, `${f.q}%`), ilike(occupations.nameEn, `%${f.q}%`)));
  if (f.hasStandard !== undefined) conds.push(f.hasStandard ? isNotNull(occupations.standardYear) : isNull(occupations.standardYear));
  const where = and(...conds);
  const [items, totals] = await Promise.all([
    ex.select().from(occupations).where(where).orderBy(asc(occupations.code)).limit(pageSize).offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(occupations).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function allOccupations(ex: Executor) {
  return ex.select().from(occupations).where(eq(occupations.edition, CURRENT_EDITION)).orderBy(asc(occupations.code));
}

export type OccupationValues = Omit<typeof occupations.$inferInsert, 'id' | 'createdAt'>;

/** Insert or update by (edition, code); returns whether it was new. */
export async function upsertOccupation(ex: Executor, v: OccupationValues): Promise<boolean> {
  const [row] = await ex
    .insert(occupations)
    .values(v)
    .onConflictDoUpdate({
      target: [occupations.edition, occupations.code],
      set: { name: v.name, nameEn: v.nameEn, levels: v.levels, standardYear: v.standardYear, standardCode: v.standardCode, workTypes: v.workTypes },
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return Boolean(row?.inserted);
}

export async function insertOccupation(ex: Executor, v: OccupationValues) {
  await ex.insert(occupations).values(v);
}

export async function updateOccupation(ex: Executor, id: string, v: Partial<OccupationValues>) {
  await ex.update(occupations).set(v).where(eq(occupations.id, id));
}

export async function listSpecialItems(ex: Executor, province?: string) {
  return ex
    .select()
    .from(specialItems)
    .where(province ? eq(specialItems.province, province) : undefined)
    .orderBy(asc(specialItems.province), asc(specialItems.name));
}

export async function findSpecialItems(ex: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, typeof specialItems.$inferSelect>();
  const rows = await ex.select().from(specialItems).where(sql`${specialItems.id} in ${ids}`);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function insertSpecialItem(ex: Executor, v: { province: string; code: string | null; name: string; source: 'catalog' | 'developed' }) {
  const [row] = await ex.insert(specialItems).values(v).onConflictDoNothing().returning({ id: specialItems.id });
  return row?.id;
}

export async function listMajorMappings(ex: Executor, majorCode?: string) {
  return ex
    .select({ id: majorOccupations.id, majorCode: majorOccupations.majorCode, majorName: majorOccupations.majorName, occupationCode: occupations.code, occupationName: occupations.name })
    .from(majorOccupations)
    .innerJoin(occupations, eq(occupations.id, majorOccupations.occupationId))
    .where(majorCode ? eq(majorOccupations.majorCode, majorCode) : undefined)
    .orderBy(asc(majorOccupations.majorCode), asc(occupations.code));
}

export async function insertMajorMapping(ex: Executor, v: { majorCode: string; majorName: string; occupationId: string }) {
  await ex.insert(majorOccupations).values(v).onConflictDoNothing();
}
