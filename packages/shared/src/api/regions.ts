import { z } from 'zod';
import { RegionLevel } from '../domain.ts';
import { vm } from '../validation-key.ts';

export const RegionCode = z.string().regex(/^\d{6}$/, vm('valid.regionCode'));

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  level: RegionLevel,
  parentCode: z.string().nullable(),
  fullName: z.string(),
});
export type Region = z.infer<typeof Region>;

export const RegionQuery = z.strictObject({
  parent: RegionCode.optional(),
  level: RegionLevel.optional(),
  q: z.string().trim().max(50).optional(),
});
