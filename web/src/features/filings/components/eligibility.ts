import type { EligibilityCheck } from '@skillcert/shared/api/filings';
import { SCHOOL_TYPES, SKILL_LEVELS, type SchoolType, type SkillLevel } from '@skillcert/shared/domain';
import type { TFunction } from 'i18next';
import { appZhCN } from '@/locales/app.zh-CN';

type Condition = keyof typeof appZhCN.eligibility.conditions;

const isLevel = (v: unknown): v is SkillLevel => typeof v === 'number' && (SKILL_LEVELS as readonly number[]).includes(v);
const isSchoolType = (v: unknown): v is SchoolType => typeof v === 'string' && (SCHOOL_TYPES as readonly string[]).includes(v);
const INSTITUTION_STATUSES = ['listed', 'suspended', 'revoked', 'expired'] as const;
const isInstitutionStatus = (v: unknown): v is (typeof INSTITUTION_STATUSES)[number] =>
  typeof v === 'string' && (INSTITUTION_STATUSES as readonly string[]).includes(v);

/** A check's condition in words (school_type_may_apply → 办学类型可以申请备案); unknown ones as sent. */
export function conditionText(condition: string, t: TFunction): string {
  return Object.hasOwn(appZhCN.eligibility.conditions, condition) ? t(`eligibility.conditions.${condition as Condition}`) : condition;
}

/** Any value readably: levels, school types and statuses in words, booleans as 是/否, lists joined. */
export function plainValue(v: unknown, t: TFunction): string {
  if (v === null || v === undefined) return t('common.none');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.length ? v.map((x) => plainValue(x, t)).join(t('common.listSeparator')) : t('common.none');
  if (isSchoolType(v)) return t(`schoolTypes.${v}`);
  if (isInstitutionStatus(v)) return t(`institutionStatus.${v}`);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The value or the requirement of a check, in words that fit its condition. */
export function checkValueText(check: EligibilityCheck, which: 'value' | 'required', t: TFunction): string {
  const v = check[which];
  switch (check.condition) {
    case 'level_within_school_type_cap':
      if (isLevel(v)) return t(`levels.${v}`);
      if (Array.isArray(v)) return v.length ? v.map((l) => (isLevel(l) ? t(`levelsShort.${l}`) : String(l))).join(t('common.listSeparator')) : t('common.none');
      return plainValue(v, t);
    case 'no_violation_record':
      return typeof v === 'number' ? t('eligibility.countViolations', { count: v }) : plainValue(v, t);
    case 'minimum_evaluation_volume':
      if (typeof v !== 'number') return plainValue(v, t);
      return which === 'required' ? t('eligibility.atLeastPeople', { count: v }) : t('eligibility.countPeople', { count: v });
    default:
      return plainValue(v, t);
  }
}

/** R1 … R5 in words (the rule the server names in `details.rule`). */
export function ruleText(rule: string, t: TFunction): string {
  switch (rule) {
    case 'R1':
    case 'R3':
    case 'R4':
    case 'R5':
      return t(`rules.${rule}`);
    default:
      return t('rules.other', { rule });
  }
}
