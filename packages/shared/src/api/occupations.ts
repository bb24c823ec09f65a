import { z } from 'zod';
import { SkillLevel } from '../domain.ts';
import { Paging, pageOf } from './common.ts';
import { vm } from '../validation-key.ts';

/** 职业分类大典 code: 大类-中类-小类-细类, e.g. 6-31-01-03. */
export const OccupationCode = z
  .string()
  .trim()
  .regex(/^\d-\d{2}-\d{2}-\d{2}$/, vm('valid.occupationCode'));

/** A 大类, 中类 or 小类 of the edition: its code (6, 6-31, 6-31-07) and name. */
export const CatalogGroupRef = z.object({ code: z.string(), name: z.string() });

/** National standards index: published (year known), none published, or not yet researched. */
export const StandardStatus = z.enum(['published', 'none', 'unknown']);
export type StandardStatus = z.infer<typeof StandardStatus>;

/** The edition's markings: L 绿色职业 (green), S 数字职业 (digital). */
export const Marking = z.enum(['L', 'S']);

export const Occupation = z.object({
  code: OccupationCode,
  edition: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  levels: z.array(SkillLevel),
  /** Whether the level set was read from the standard itself; false = best reading, unverified. */
  levelsVerified: z.boolean(),
  /** 国家职业技能标准: published with its year, or null (then a filed 评价规范 is needed, R5). */
  standardYear: z.number().int().nullable(),
  standardCode: z.string().nullable(),
  standardStatus: StandardStatus,
  workTypes: z.array(z.string()),
  /** Pinyin initials of the name (工业机器人系统操作员 → gyjqrxtczy). */
  initials: z.string(),
  markings: z.array(Marking),
  /** A skill occupation (技能人员职业) that 职业技能等级认定 covers. */
  skill: z.boolean(),
  /** Codes of earlier editions that resolve to this one. */
  formerCodes: z.array(z.string()),
  /** Year of the 新职业 batch that added it after the 2022 edition, or null. */
  addedIn: z.string().nullable(),
  /** 大类 → 中类 → 小类 above it (null where the code's group is not in the edition). */
  hierarchy: z.object({ major: CatalogGroupRef.nullable(), middle: CatalogGroupRef.nullable(), minor: CatalogGroupRef.nullable() }),
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
  /** Code (or its start), name, pinyin initials (gyjqr) or a work type (工种). */
  q: z.string().trim().max(50).optional(),
  hasStandard: z.enum(['true', 'false']).optional(),
  /** Only skill occupations (true) or only the others (false). */
  skill: z.enum(['true', 'false']).optional(),
  /** Only occupations under this 大类, 中类 or 小类 (6, 6-31, 6-31-07). */
  group: z
    .string()
    .trim()
    .regex(/^\d(-\d{2}){0,2}$/, vm('valid.occupationGroup'))
    .optional(),
  ...Paging,
});
export const OccupationPage = pageOf(Occupation);

/** The edition's hierarchy for browsing: 大类 → 中类 → 小类; `count` = occupations at or below the node. */
const TreeLeaf = z.object({ code: z.string(), name: z.string(), count: z.number().int() });
const TreeMiddle = TreeLeaf.extend({ children: z.array(TreeLeaf) });
export const OccupationTreeNode = TreeLeaf.extend({ children: z.array(TreeMiddle) });
export type OccupationTreeNode = z.infer<typeof OccupationTreeNode>;
export const OccupationTree = z.array(OccupationTreeNode);

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
  majorCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
  majorName: z.string().trim().min(1).max(100),
  occupationCode: OccupationCode,
});

export const ImportReport = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;
