import { z } from 'zod';

/** Account roles (DOMAIN.md §1). */
export const ROLES = [
  'admin',
  'hr', // 人社部门
  'edu', // 教育部门
  'school_admin', // 评价机构管理员
  'school_staff',
  'assessor', // 考评员
  'supervisor', // 质量督导员
  'candidate', // 考生
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Kinds of organisation an account belongs to. */
export const ORG_KINDS = ['platform', 'hr_bureau', 'edu_bureau', 'school'] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

/** Which roles an organisation kind may hold. */
export const ROLES_BY_ORG_KIND: Record<OrgKind, readonly Role[]> = {
  platform: ['admin'],
  hr_bureau: ['hr', 'supervisor'],
  edu_bureau: ['edu'],
  school: ['school_admin', 'school_staff', 'assessor', 'candidate'],
};

/** School types. 中职 / 技工院校 / 高职专科 / 职业本科 / 普通本科. */
export const SCHOOL_TYPES = [
  'secondary_vocational', // 中职
  'technical', // 技工院校
  'higher_vocational', // 高职专科
  'vocational_bachelor', // 职业本科
  'general_bachelor', // 普通本科
] as const;
export const SchoolType = z.enum(SCHOOL_TYPES);
export type SchoolType = z.infer<typeof SchoolType>;

/** GB/T 2260 levels. */
export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export const RegionLevel = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** Skill levels, 五级 (1 = lowest) … 一级; the number is the national code digit. */
export const SKILL_LEVELS = [5, 4, 3, 2, 1] as const;
export const SkillLevel = z.union([z.literal(5), z.literal(4), z.literal(3), z.literal(2), z.literal(1)]);
export type SkillLevel = z.infer<typeof SkillLevel>;
