import { z } from 'zod';
import { SkillLevel } from '../domain.ts';
import { Paging, pageOf } from './common.ts';

/** 职业分类大典 code: 大类-中类-小类-细类, e.g. 6-31-01-03. */
export const OccupationCode = z.string().trim().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'a code like 6-31-01-03');

export const Occupation = z.object({
  code: OccupationCode,
  edition: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  levels: z.array(SkillLevel),
  /** 国家职业技能标准: published with its year, or null (then a filed 评价规范 is needed, R5). */
  standardYear: z.number().int().nullable(),
  standardCode: z.string().nullable(),
  workTypes: z.array(z.string()),
});
export type Occupation = z.infer<typeof Occupation>;

export const OccupationBody = z.strictObject({
  code: OccupationCode,
  name: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().max(100).nullable().optional(),
  levels: z.array(SkillLevel).min(1).max(5),
  standardYear: z.number().int().min(1990).max(2100).nullable().optional(),
  standardCode: z.string().trim().max(40).nullable().optional(),
  workTypes: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
});
export type OccupationBody = z.infer<typeof OccupationBody>;

export const OccupationQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  hasStandard: z.enum(['true', 'false']).optional(),
  ...Paging,
});
export const OccupationPage = pageOf(Occupation);

/** 专项职业能力 item in a province's catalog. */
export const SpecialItem = z.object({
  id: z.uuid(),
  province: z.string().length(2),
  code: z.string().nullable(),
  name: z.string(),
  source: z.enum(['catalog', 'developed']),
});
export type SpecialItem = z.infer<typeof SpecialItem>;

/** Which occupations a major (专业) leads to. */
export const MajorMapping = z.object({ majorCode: z.string(), majorName: z.string(), occupationCode: z.string(), occupationName: z.string() });
export type MajorMapping = z.infer<typeof MajorMapping>;
export const MajorMappingBody = z.strictObject({
  majorCode: z.string().trim().regex(/^\d{6}$/),
  majorName: z.string().trim().min(1).max(100),
  occupationCode: OccupationCode,
});

export const ImportReport = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;
