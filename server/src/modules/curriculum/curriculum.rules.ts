import type { BlueprintPart, Coverage } from '@skillcert/shared/api/banks';
import { round2 } from '@skillcert/shared/numbers';

interface AreaShape {
  code: string;
  name: string;
  weight: number;
}

/**
 * 课程内容与国家职业技能标准对接: each blueprint area with the courses that teach it; the share of each part's weight
 * taught; the bare theory areas. Only when no theory area is bare may a course comprehensive exam stand in for the
 * theory exam (课证融通, R6) — the course exam then examines everything the theory exam would.
 */
export function areaCoverage(
  blueprint: { theory: readonly AreaShape[]; skills: readonly AreaShape[] },
  taught: readonly { id: string; name: string; part: BlueprintPart; areaCode: string }[],
): Omit<Coverage, 'blueprintId'> {
  const areas = (['theory', 'skills'] as const).flatMap((part) =>
    blueprint[part].map((a) => ({
      part,
      code: a.code,
      name: a.name,
      weight: a.weight,
      courses: [...new Map(taught.filter((t) => t.part === part && t.areaCode === a.code).map((t) => [t.id, { id: t.id, name: t.name }])).values()],
    })),
  );
  const covered = (part: BlueprintPart) => round2(areas.filter((a) => a.part === part && a.courses.length).reduce((s, a) => s + a.weight, 0));
  const bare = areas.filter((a) => a.part === 'theory' && a.courses.length === 0).map(({ part, code, name, weight }) => ({ part, code, name, weight }));
  return {
    areas,
    theoryCovered: covered('theory'),
    skillsCovered: covered('skills'),
    bare,
    courseExamMayReplaceTheory: blueprint.theory.length > 0 && bare.length === 0,
  };
}
