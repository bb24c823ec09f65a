import { asc, desc, gte, lt, type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * ORDER BY for a list's `sort` parameter (`field` ascending, `-field` descending), then the list's tie-breakers so
 * paging is stable. `sort` has been validated against the same field names.
 */
export function orderOf<F extends string>(sort: string | undefined, fallback: F | `-${F}`, columns: Record<F, AnyColumn | SQL>, ties: SQL[]): SQL[] {
  const value = sort ?? fallback;
  const key = value.replace(/^-/, '') as F;
  const dir = value.startsWith('-') ? desc : asc;
  return [dir(columns[key]), ...ties];
}

function dayAfter(day: string): Date {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d;
}

/** A timestamp on or after `from` (00:00, the server's calendar) and before the day after `to`. */
export function timestampRange(column: AnyColumn, from: string | undefined, to: string | undefined): SQL[] {
  const out: SQL[] = [];
  if (from) out.push(gte(column, new Date(`${from}T00:00:00`)));
  if (to) out.push(lt(column, dayAfter(to)));
  return out;
}

/** A date column or expression (YYYY-MM-DD) within [`from`, `to`]; NULL is outside every range. */
export function dateRange(column: AnyColumn | SQL, from: string | undefined, to: string | undefined): SQL[] {
  const out: SQL[] = [];
  if (from) out.push(sql`${column} >= ${from}`);
  if (to) out.push(sql`${column} <= ${to}`);
  return out;
}
