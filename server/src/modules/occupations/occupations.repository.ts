import { and, asc, count, eq, ilike, isNotNull, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { majorOccupations, occupations, specialItems } from '../../db/schema.ts';
import { containing, startingWith } from '../../db/like.ts';

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
    .where(
      and(
        eq(occupations.edition, edition),
        or(
          sql`${occupations.code} in ${codes}`,
          sql`${occupations.formerCodes} && array[${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )}]::text[]`,
        ),
      ),
    );
  const map = new Map<string, OccupationRow>();
  // A current code wins over another occupation's former code (6-31-01-10 is 机电设备维修工 now).
  for (const r of rows) for (const c of r.formerCodes) if (!map.has(c)) map.set(c, r);
  for (const r of rows) map.set(r.code, r);
  return map;
}

export interface OccupationFilter {
  q?: string | undefined;
  hasStandard?: boolean | undefined;
  skill?: boolean | undefined;
  /** 大类, 中类 or 小类 code: 6, 6-31, 6-31-07. */
  group?: string | undefined;
}

export async function listOccupations(ex: Executor, f: OccupationFilter, page: number, pageSize: number) {
  const conds: (SQL | undefined)[] = [eq(occupations.edition, CURRENT_EDITION)];
  if (f.q) {
    const q = f.q;
    conds.push(
      or(
        ilike(occupations.name, containing(q)),
        ilike(occupations.code, startingWith(q)),
        ilike(occupations.nameEn, containing(q)),
        // pinyin initials: gyjqr finds 工业机器人系统操作员
        like(occupations.initials, startingWith(q.toLowerCase())),
        // a work type (工种) or former code
        sql`exists (select 1 from jsonb_array_elements_text(${occupations.workTypes}) w where w ilike ${containing(q)})`,
        sql`${f.q} = any(${occupations.formerCodes})`,
      ),
    );
  }
  if (f.hasStandard !== undefined) conds.push(f.hasStandard ? isNotNull(occupations.standardYear) : isNull(occupations.standardYear));
  if (f.skill !== undefined) conds.push(eq(occupations.skill, f.skill));
  if (f.group) conds.push(like(occupations.code, `${f.group}-%`));
  const where = and(...conds);
  // Exact code first, then name matches, then the rest by code.
  const order = f.q
    ? [sql`case when ${occupations.code} = ${f.q} then 0 when ${occupations.name} = ${f.q} then 1 else 2 end`, asc(occupations.code)]
    : [asc(occupations.code)];
  const [items, totals] = await Promise.all([
    ex
      .select()
      .from(occupations)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(occupations).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Occupations per 小类 (first seven characters of the code) in the current edition. */
export async function countByMinorGroup(ex: Executor): Promise<Map<string, number>> {
  const minor = sql<string>`left(${occupations.code}, 7)`;
  const rows = await ex.select({ minor, n: count() }).from(occupations).where(eq(occupations.edition, CURRENT_EDITION)).groupBy(minor);
  return new Map(rows.map((r) => [r.minor, Number(r.n)]));
}

/** Codes (and whether their catalog columns are filled) already stored in an edition. */
export async function storedCodes(ex: Executor, edition: string): Promise<Map<string, { id: string; initials: string }>> {
  const rows = await ex
    .select({ id: occupations.id, code: occupations.code, initials: occupations.initials })
    .from(occupations)
    .where(eq(occupations.edition, edition));
  return new Map(rows.map((r) => [r.code, { id: r.id, initials: r.initials }]));
}

/**
 * Inserts many rows in one statement (existing codes are left alone). The rows travel as one JSON parameter and are
 * unpacked by jsonb_to_recordset: far faster than thousands of bound parameters, on PGlite and PostgreSQL alike.
 */
export async function insertOccupationsBatch(ex: Executor, rows: OccupationValues[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      code: r.code,
      edition: r.edition,
      name: r.name,
      name_en: r.nameEn ?? null,
      levels: r.levels,
      standard_year: r.standardYear ?? null,
      standard_code: r.standardCode ?? null,
      standard_status: r.standardStatus ?? 'unknown',
      work_types: r.workTypes ?? [],
      former_codes: r.formerCodes ?? [],
      initials: r.initials ?? '',
      markings: r.markings ?? [],
      skill: r.skill ?? true,
      levels_verified: r.levelsVerified ?? false,
      added_in: r.addedIn ?? null,
    })),
  );
  const arr = (col: string, type: string) => sql.raw(`array(select jsonb_array_elements_text(x.${col}))::${type}[]`);
  await ex.execute(sql`
    insert into ${occupations} (code, edition, name, name_en, levels, standard_year, standard_code, standard_status, work_types, former_codes, initials, markings, skill, levels_verified, added_in)
    select x.code, x.edition, x.name, x.name_en, ${arr('levels', 'smallint')}, x.standard_year, x.standard_code, x.standard_status, x.work_types,
           ${arr('former_codes', 'text')}, x.initials, ${arr('markings', 'text')}, x.skill, x.levels_verified, x.added_in
    from jsonb_to_recordset(${json}::jsonb) as x(code text, edition text, name text, name_en text, levels jsonb, standard_year smallint, standard_code text,
      standard_status text, work_types jsonb, former_codes jsonb, initials text, markings jsonb, skill boolean, levels_verified boolean, added_in text)
    on conflict (edition, code) do nothing`);
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
      set: {
        name: v.name,
        nameEn: v.nameEn,
        levels: v.levels,
        standardYear: v.standardYear,
        standardCode: v.standardCode,
        standardStatus: v.standardStatus,
        workTypes: v.workTypes,
        initials: v.initials,
      },
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
    .select({
      id: majorOccupations.id,
      majorCode: majorOccupations.majorCode,
      majorName: majorOccupations.majorName,
      occupationCode: occupations.code,
      occupationName: occupations.name,
    })
    .from(majorOccupations)
    .innerJoin(occupations, eq(occupations.id, majorOccupations.occupationId))
    .where(majorCode ? eq(majorOccupations.majorCode, majorCode) : undefined)
    .orderBy(asc(majorOccupations.majorCode), asc(occupations.code));
}

export async function insertMajorMapping(ex: Executor, v: { majorCode: string; majorName: string; occupationId: string }) {
  await ex.insert(majorOccupations).values(v).onConflictDoNothing();
}
