import type { ScopeLineView } from '@skillcert/shared/api/filings';
import type { SkillLevel } from '@skillcert/shared/domain';
import type { TFunction } from 'i18next';

type LineLike = Pick<ScopeLineView, 'occupationName' | 'occupationCode' | 'specialItemName' | 'workType'> & { level: SkillLevel | null | undefined };

/** 电工 四级 / 中级工, 焊工（气焊）三级 / 高级工, or a 专项 item's name. */
export function scopeLineText(line: LineLike, t: TFunction): string {
  if (line.specialItemName) return line.specialItemName;
  const name = line.occupationName ?? line.occupationCode ?? '';
  const occupation = line.workType ? t('filings.scope.withWorkType', { occupation: name, workType: line.workType }) : name;
  return t('filings.scope.lineText', { occupation, level: line.level ? t(`levels.${line.level}`) : '' }).trim();
}
