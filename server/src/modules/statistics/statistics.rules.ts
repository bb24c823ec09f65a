import { MAX_STAT_MONTHS, monthsBetween, type SchoolCoverage } from '@skillcert/shared/api/statistics';

/**
 * Statistics (统计) shaping, pure: the period of a query, month series, pass rates, R13 coverage of majors and filing
 * coverage, R12 1+X counts, and the region one level below the reader's (R11 skill-talent statistics).
 */

// --- the period ----------------------------------------------------------------------------------

export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The months a query covers: `to` defaults to this month, `from` to the eleven months before `to`. Null when the
 * range is inverted or longer than MAX_STAT_MONTHS (the caller refuses it: never a slow query over decades).
 */
export function resolvePeriod(q: { from?: string | undefined; to?: string | undefined }, thisMonth: string): { from: string; to: string } | null {
  const to = q.to ?? (q.from && q.from > thisMonth ? q.from : thisMonth);
  const from = q.from ?? addMonths(to, -11);
  if (to < from || monthsBetween(from, to) > MAX_STAT_MONTHS) return null;
  return { from, to };
}

/** The half-open day range [first day of `from`, first day after `to`) over `issued_on` (YYYY-MM-DD). */
export function dayRange(period: { from: string; to: string }): { since: string; until: string } {
  return { since: `${period.from}-01`, until: `${addMonths(period.to, 1)}-01` };
}

/** Every month of the period in order, each with its count (0 where no row). */
export function fillMonths<T extends object>(
  period: { from: string; to: string },
  rows: readonly (T & { month: string })[],
  zero: T,
): (T & { month: string })[] {
  const by = new Map(rows.map((r) => [r.month, r]));
  const out: (T & { month: string })[] = [];
  for (let m = period.from; m <= period.to; m = addMonths(m, 1)) out.push(by.get(m) ?? { ...zero, month: m });
  return out;
}

// --- pass rates ----------------------------------------------------------------------------------

/** Share passed of those who sat (absent candidates did not sit), to four places; 0 when nobody sat. */
export function rateOf(sat: number, passed: number): number {
  return sat > 0 ? Math.round((passed / sat) * 10_000) / 10_000 : 0;
}

// --- R13: coverage of majors ---------------------------------------------------------------------

export interface MajorRow {
  orgId: string;
  schoolName: string;
  regionCode: string;
  code: string;
  name: string;
}

/**
 * R13: per school, the share of its majors whose graduating students can be certified — by its own filing scope
 * (a scope line in force whose occupation the major leads to) or by certificates from other channels recorded for
 * the major (partner enterprise, external issuer). A major counts once however many ways cover it.
 */
export function schoolCoverage(
  majors: readonly MajorRow[],
  byScope: ReadonlySet<string>,
  byExternal: ReadonlySet<string>,
  targetOf: (regionCode: string) => number,
): SchoolCoverage[] {
  const schools = new Map<string, SchoolCoverage>();
  const seen = new Set<string>();
  for (const m of majors) {
    const key = `${m.orgId}|${m.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let s = schools.get(m.orgId);
    if (!s) {
      s = {
        orgId: m.orgId,
        name: m.schoolName,
        regionCode: m.regionCode,
        majors: 0,
        coveredByScope: 0,
        coveredByExternal: 0,
        covered: 0,
        share: 0,
        target: targetOf(m.regionCode),
        meets: false,
        detail: [],
      };
      schools.set(m.orgId, s);
    }
    const scope = byScope.has(key);
    const external = byExternal.has(key);
    s.majors++;
    if (scope) s.coveredByScope++;
    if (external) s.coveredByExternal++;
    if (scope || external) s.covered++;
    s.detail.push({ code: m.code, name: m.name, byScope: scope, byExternal: external });
  }
  return [...schools.values()]
    .map((s) => {
      const share = rateOf(s.majors, s.covered);
      return { ...s, share, meets: s.majors > 0 && share >= s.target };
    })
    .sort((a, b) => b.share - a.share || (a.name < b.name ? -1 : 1));
}

// --- R13 (Fujian): filing coverage ----------------------------------------------------------------

export interface SchoolFiling {
  orgId: string;
  name: string;
  regionCode: string;
  filed: boolean;
}

/** Filed schools against all vocational schools, per region one level below the reader's, and in all. */
export function filingCoverage(schools: readonly SchoolFiling[], groupOf: (regionCode: string) => string, nameOf: (regionCode: string) => string) {
  const by = new Map<string, { schools: number; filed: number }>();
  for (const s of schools) {
    const g = groupOf(s.regionCode);
    const acc = by.get(g) ?? { schools: 0, filed: 0 };
    acc.schools++;
    if (s.filed) acc.filed++;
    by.set(g, acc);
  }
  const filed = schools.filter((s) => s.filed).length;
  return {
    byRegion: [...by.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([regionCode, a]) => ({ regionCode, regionName: nameOf(regionCode), schools: a.schools, filed: a.filed, share: rateOf(a.schools, a.filed) })),
    schools: schools.length,
    filed,
    share: rateOf(schools.length, filed),
    unfiled: schools.filter((s) => !s.filed).map(({ orgId, name, regionCode }) => ({ orgId, name, regionCode })),
  };
}

// --- regions -------------------------------------------------------------------------------------

/**
 * 直辖市 (municipalities: 北京, 天津, 上海, 重庆): their only "cities" are the placeholders 市辖区 / 县, so the level a
 * municipal bureau reads below itself is its districts.
 */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/**
 * How many digits of a region code name the region one level below the reader's: the platform sees provinces, a
 * province its cities, a municipality (直辖市) its districts, a city its counties; a county sees itself.
 */
export function childDigits(readerPrefix: string | null): 2 | 4 | 6 {
  if (readerPrefix === null) return 2;
  if (readerPrefix.length === 2) return MUNICIPALITIES.has(readerPrefix) ? 6 : 4;
  return 6;
}

/**
 * The region one level below the reader's (childDigits), that a region code falls in. `readerPrefix` is the reader's
 * region prefix (2/4/6 digits) or null.
 */
export function childRegionOf(readerPrefix: string | null, code: string): string {
  return code.slice(0, childDigits(readerPrefix)).padEnd(6, '0');
}

// --- R12: 1+X counts -----------------------------------------------------------------------------

export const ONE_PLUS_X_KINDS = ['qualification', 'skill_level', 'special_ability'] as const;
export type OnePlusXKind = (typeof ONE_PLUS_X_KINDS)[number];

/**
 * R12: 1+X statistics count 职业资格, 职业技能等级 and 专项职业能力 certificates — ours (valid) and those recorded from
 * other channels, by kind; every other kind (competition awards, enterprise certificates) is left out.
 */
export function onePlusX(ours: readonly { kind: string; count: number }[], external: readonly { kind: string; count: number }[]) {
  const sum = (rows: readonly { kind: string; count: number }[], kind: string) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + r.count, 0);
  const rows = ONE_PLUS_X_KINDS.map((kind) => {
    const o = sum(ours, kind);
    const e = sum(external, kind);
    return { kind, ours: o, external: e, total: o + e };
  });
  return { rows, total: rows.reduce((s, r) => s + r.total, 0) };
}
