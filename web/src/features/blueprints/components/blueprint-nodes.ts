import type { Blueprint, BlueprintPart, ItemType, WeightProblem } from '@skillcert/shared/api/banks';
import type { TFunction } from 'i18next';

export type BlueprintArea = Blueprint['theory'][number];

/** Theory items sit on the 理论知识比重表, practical tasks on the 技能要求比重表 (as the server's items.rules). */
export const partOfType = (type: ItemType): BlueprintPart => (type === 'practical' ? 'skills' : 'theory');

/** "电工（6-31-01-03）· 四级", with the school for users who see several schools' banks. */
export function blueprintLabel(b: Pick<Blueprint, 'occupationName' | 'occupationCode' | 'level' | 'orgName'>, t: TFunction, withOrg = false): string {
  const label = t('blueprints.label', { name: b.occupationName, code: b.occupationCode, level: t(`levelsShort.${b.level}`) });
  return withOrg ? `${label} · ${b.orgName}` : label;
}

/** "1 电工基础 / 1.2 安全用电" for an item's place in its blueprint; the bare codes when the blueprint is not at hand. */
export function nodeLabel(
  blueprint: Pick<Blueprint, 'theory' | 'skills'> | undefined,
  part: BlueprintPart,
  areaCode: string,
  pointCode: string | null | undefined,
): string {
  const area = blueprint?.[part].find((a) => a.code === areaCode);
  const areaText = area ? `${area.code} ${area.name}` : areaCode;
  if (!pointCode) return areaText;
  const point = area?.points.find((p) => p.code === pointCode);
  return `${areaText} / ${point ? `${point.code} ${point.name}` : pointCode}`;
}

export interface NodeOption {
  value: string;
  label: string;
  children?: NodeOption[];
}

/** Cascader options: areas, and under an area with points its points (an item must then name one). */
export function nodeOptions(areas: readonly BlueprintArea[]): NodeOption[] {
  return areas.map((a) => ({
    value: a.code,
    label: `${a.code} ${a.name}（${a.weight}%）`,
    children: a.points.length ? a.points.map((p) => ({ value: p.code, label: `${p.code} ${p.name}（${p.weight}%）` })) : undefined,
  }));
}

/** Reviewed and total items per area of a part, from the blueprint's item counts. */
export function areaItemCounts(blueprint: Pick<Blueprint, 'itemCounts'>, part: BlueprintPart): Map<string, { reviewed: number; total: number }> {
  const out = new Map<string, { reviewed: number; total: number }>();
  for (const c of blueprint.itemCounts) {
    if ((c.type === 'practical' ? 'skills' : 'theory') !== part || c.status === 'retired') continue;
    const row = out.get(c.areaCode) ?? { reviewed: 0, total: 0 };
    row.total += c.count;
    if (c.status === 'reviewed') row.reviewed += c.count;
    out.set(c.areaCode, row);
  }
  return out;
}

/** Reviewed items of the whole blueprint, and all items not retired. */
export function itemTotals(blueprint: Pick<Blueprint, 'itemCounts'>): { reviewed: number; total: number } {
  let reviewed = 0;
  let total = 0;
  for (const c of blueprint.itemCounts) {
    if (c.status === 'retired') continue;
    total += c.count;
    if (c.status === 'reviewed') reviewed += c.count;
  }
  return { reviewed, total };
}

/** Reviewed items per item type (what the assembly dialog can draw on). */
export function reviewedByType(blueprint: Pick<Blueprint, 'itemCounts'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of blueprint.itemCounts) if (c.status === 'reviewed') out.set(c.type, (out.get(c.type) ?? 0) + c.count);
  return out;
}

/** A weight problem in words: "理论知识：领域合计 95%，应为 100%" / "理论知识 · 领域 2：要素合计 18%，应为 20%". */
export function problemText(p: WeightProblem, t: TFunction): string {
  const part = t(`blueprintParts.${p.part}`);
  return p.areaCode === null
    ? t('blueprints.problemPart', { part, sum: p.sum, expected: p.expected })
    : t('blueprints.problemArea', { part, area: p.areaCode, sum: p.sum, expected: p.expected });
}
