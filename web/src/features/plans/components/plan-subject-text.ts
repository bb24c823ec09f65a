import type { Plan } from '@skillcert/shared/api/plans';
import type { TFunction } from 'i18next';

/** 工业机器人系统操作员 · 四级/中级工 (or the 专项 item's name). */
export function planSubjectText(p: Pick<Plan, 'occupationName' | 'occupationCode' | 'workType' | 'level' | 'specialItemName'>, t: TFunction): string {
  if (p.specialItemName) return p.specialItemName;
  const name = `${p.occupationName ?? p.occupationCode ?? ''}${p.workType ? `（${p.workType}）` : ''}`;
  return p.level ? `${name} · ${t(`levels.${p.level}`)}` : name;
}
