/**
 * GB/T 2260 administrative division code helpers (DOMAIN.md §6). Pure string arithmetic on the 6-digit
 * code; whether a code actually exists is a question for the versioned region snapshot, not for these.
 *
 *   xx0000 → province (省级), xxxx00 → city (地级), anything else → county (县级).
 *
 * Municipalities' districts sit under a `xx01 00` "市辖区" city code (110105 朝阳区 → city 110100), and
 * province-administered county-level units under `xx90 00` (429004 仙桃市 → city 429000); both follow the
 * same 2/4/6-digit prefix rule.
 *
 * Functions other than the predicates throw RangeError for input that is not exactly 6 ASCII digits.
 */

export type RegionCodeLevel = 'province' | 'city' | 'county';

/** Exactly 6 ASCII digits. */
export function isRegionCodeFormat(code: string): boolean {
  return /^\d{6}$/.test(code);
}

function assertFormat(code: string): void {
  if (!isRegionCodeFormat(code)) throw new RangeError(`not a 6-digit region code: ${JSON.stringify(code)}`);
}

export function regionLevelOf(code: string): RegionCodeLevel {
  assertFormat(code);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The province code: first 2 digits + '0000'. */
export function provinceOf(code: string): string {
  assertFormat(code);
  return `${code.slice(0, 2)}0000`;
}

/** The city code: first 4 digits + '00' (for a province code this is the province code itself). */
export function cityOf(code: string): string {
  assertFormat(code);
  return `${code.slice(0, 4)}00`;
}

/**
 * The significant prefix by level: 2 digits for a province, 4 for a city, all 6 for a county.
 * Every code within the region starts with it (usable as a SQL `LIKE prefix%`).
 */
export function regionPrefix(code: string): string {
  const level = regionLevelOf(code);
  return code.slice(0, level === 'province' ? 2 : level === 'city' ? 4 : 6);
}

/**
 * True when `targetCode` lies in or equals the region `scopeCode`: a province scope covers every code with the
 * same first 2 digits, a city scope the same first 4, a county scope only itself. A less specific target
 * (a province inside a city scope) is not within. False, never a throw, when either code is malformed.
 */
export function isWithinRegion(scopeCode: string, targetCode: string): boolean {
  if (!isRegionCodeFormat(scopeCode) || !isRegionCodeFormat(targetCode)) return false;
  return targetCode.startsWith(regionPrefix(scopeCode));
}
