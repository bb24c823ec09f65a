import type { BlueprintPart, WeightProblem } from '@skillcert/shared/api/banks';
import { round2 } from '@skillcert/shared/numbers';
import { weightProblem } from '../specs/specs.rules.ts';

export interface AreaShape {
  code: string;
  weight: number;
  points: readonly { code: string; weight: number }[];
}

/**
 * Which weight sums are wrong: a part's area weights must add up to 100 (理论知识比重表 / 技能要求比重表),
 * and where an area lists points, their weights add up to the area's weight. Empty when the blueprint is whole.
 */
export function weightProblems(blueprint: { theory: readonly AreaShape[]; skills: readonly AreaShape[] }): WeightProblem[] {
  const problems: WeightProblem[] = [];
  for (const part of ['theory', 'skills'] as const satisfies readonly BlueprintPart[]) {
    const areas = blueprint[part];
    const total = weightProblem(areas);
    if (total !== null) problems.push({ part, areaCode: null, sum: total, expected: 100 });
    for (const a of areas) {
      if (a.points.length === 0) continue;
      const sum = round2(a.points.reduce((s, p) => s + p.weight, 0));
      if (sum !== round2(a.weight)) problems.push({ part, areaCode: a.code, sum, expected: a.weight });
    }
  }
  return problems;
}

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
