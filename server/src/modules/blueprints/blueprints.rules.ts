/** The weight checks live in packages/shared: the blueprint editor runs the same function on what is on screen. */
export { type AreaShape, weightProblems } from '@skillcert/shared/rules/blueprint-weights';
import type { AreaShape } from '@skillcert/shared/rules/blueprint-weights';

/** Codes repeated inside a part (an area code, or a point code anywhere in the part). */
export function duplicateCodes(areas: readonly AreaShape[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const code of areas.flatMap((a) => [a.code, ...a.points.map((p) => p.code)])) {
    if (seen.has(code)) dups.add(code);
    seen.add(code);
  }
  return [...dups];
}

/** The (area, point) pairs a blueprint offers, as `area` or `area/point` keys. */
export function nodeKeys(areas: readonly AreaShape[]): Set<string> {
  return new Set(areas.flatMap((a) => [a.code, ...a.points.map((p) => `${a.code}/${p.code}`)]));
}
