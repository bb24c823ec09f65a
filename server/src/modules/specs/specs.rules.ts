import type { SkillLevel } from '@skillcert/shared/domain';

/** Weights of a blueprint add up to 100; returns the sum when they do not (shared with the web editor). */
export { weightProblem } from '@skillcert/shared/rules/blueprint-weights';

export type Basis =
  | { kind: 'national_standard'; year: number }
  | { kind: 'filed_spec'; specId: string }
  | { kind: 'none'; reason: 'no_standard_and_no_filed_spec' | 'level_not_covered' };

/**
 * R5: an occupation with a published national standard is assessed by it; otherwise only by a 评价规范 the
 * school has filed with HR for that level. No session may stand on anything else.
 */
export function evaluationBasis(
  occupation: { standardYear: number | null; levels: readonly number[] },
  level: SkillLevel,
  filedSpecs: readonly { id: string; levels: readonly number[] }[],
): Basis {
  if (occupation.standardYear !== null) {
    return occupation.levels.includes(level) ? { kind: 'national_standard', year: occupation.standardYear } : { kind: 'none', reason: 'level_not_covered' };
  }
  const spec = filedSpecs.find((s) => s.levels.includes(level));
  return spec ? { kind: 'filed_spec', specId: spec.id } : { kind: 'none', reason: 'no_standard_and_no_filed_spec' };
}
