import type { BlueprintPart, WeightProblem } from '../api/banks.ts';
import { round2 } from '../numbers.ts';

export interface AreaShape {
  code: string;
  weight: number;
  points: readonly { code: string; weight: number }[];
}

/** Weights of a blueprint add up to 100; returns the sum when they do not. */
export function weightProblem(areas: readonly { weight: number }[]): number | null {
  const sum = round2(areas.reduce((a, x) => a + x.weight, 0));
  return sum === 100 ? null : sum;
}

/**
 * Which weight sums are wrong: a part's area weights must add up to 100 (理论知识比重表 / 技能要求比重表),
 * and where an area lists points, their weights add up to the area's weight. Empty when the blueprint is whole.
 * The server stores these with the blueprint; the editor runs the same function on what is on screen, so the
 * banner and the table never disagree.
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
