import { z } from 'zod';
import { OrgKind, SchoolType } from '../domain.ts';
import { Paging, pageOf } from './common.ts';
import { RegionCode } from './regions.ts';
import { vm } from '../validation-key.ts';

export const Major = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
export type Major = z.infer<typeof Major>;

export const MajorBody = z.strictObject({
  /** 职业教育专业目录 code, e.g. 460301 (高职) or 660301 (中职). */
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, vm('valid.majorCode')),
  name: z.string().trim().min(1).max(100),
});
export type MajorBody = z.infer<typeof MajorBody>;

export const Organisation = z.object({
  id: z.uuid(),
  kind: OrgKind,
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  /** 统一社会信用代码 */
  creditCode: z.string().nullable(),
  /** true when the code fails the GB 32100 check and a reviewer accepted it anyway. */
  creditCodeOverride: z.boolean(),
  schoolType: SchoolType.nullable(),
  /** 贯通培养 majors (Shanghai R1). */
  runsThroughPrograms: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationDetail = Organisation.extend({ majors: z.array(Major) });
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;

const orgFields = {
  name: z.string().trim().min(2).max(100),
  regionCode: RegionCode,
  creditCode: z.string().trim().toUpperCase().length(18).nullable().optional(),
  creditCodeOverride: z.boolean().optional(),
  schoolType: SchoolType.nullable().optional(),
  runsThroughPrograms: z.boolean().optional(),
};

export const CreateOrganisationBody = z.strictObject({ kind: OrgKind.exclude(['platform']), ...orgFields });
export type CreateOrganisationBody = z.infer<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = z
  .strictObject({ ...orgFields, active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: vm('valid.nothingToUpdate') });
export type UpdateOrganisationBody = z.infer<typeof UpdateOrganisationBody>;

export const OrganisationQuery = z.strictObject({
  kind: OrgKind.optional(),
  region: RegionCode.optional(),
  q: z.string().trim().max(50).optional(),
  ...Paging,
});
export type OrganisationQuery = z.infer<typeof OrganisationQuery>;

export const OrganisationPage = pageOf(Organisation);
