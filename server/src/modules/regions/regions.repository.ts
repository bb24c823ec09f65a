import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { RegionLevel } from '@skillcert/shared/domain';
import type { Executor } from '../../db/client.ts';
import { regions } from '../../db/schema.ts';
import { REGION_EDITION, regionSnapshot } from './regions.data.ts';
import { containing } from '../../db/like.ts';

const columns = { code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, fullName: regions.fullName };

/** Loads the shipped snapshot when the database holds another edition (idempotent). */
export async function ensureRegions(ex: Executor): Promise<void> {
  const snapshot = regionSnapshot();
  const [current] = await ex.select({ n: count() }).from(regions).where(eq(regions.edition, REGION_EDITION));
  if ((current?.n ?? 0) === snapshot.length) return;
  for (let i = 0; i < snapshot.length; i += 500) {
    await ex
      .insert(regions)
      .values(snapshot.slice(i, i + 500))
      .onConflictDoUpdate({
        target: regions.code,
        set: {
          name: sql`excluded.name`,
          fullName: sql`excluded.full_name`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
          edition: sql`excluded.edition`,
        },
      });
  }
}

export async function findRegion(ex: Executor, code: string) {
  const rows = await ex.select(columns).from(regions).where(eq(regions.code, code)).limit(1);
  return rows[0];
}

export async function listRegions(ex: Executor, f: { parent?: string | undefined; level?: RegionLevel | undefined; q?: string | undefined }) {
  const conds: SQL[] = [];
  if (f.parent) conds.push(eq(regions.parentCode, f.parent));
  if (f.level) conds.push(eq(regions.level, f.level));
  if (f.q) {
    const q = or(ilike(regions.name, containing(f.q)), ilike(regions.fullName, containing(f.q)), eq(regions.code, f.q));
    if (q) conds.push(q);
  }
  // Without any filter: the provinces.
  if (conds.length === 0) conds.push(eq(regions.level, 'province'));
  return ex
    .select(columns)
    .from(regions)
    .where(and(...conds))
    .orderBy(asc(regions.code))
    .limit(500);
}
