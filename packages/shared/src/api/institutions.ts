import { z } from 'zod';
import { SkillLevel } from '../domain.ts';
import { checkDateRange, DateRange, Paging, pageOf, sortValues } from './common.ts';
import { FilingKind } from './filings.ts';

export const INSTITUTION_STATUSES = ['listed', 'suspended', 'revoked', 'expired'] as const;
export const InstitutionStatus = z.enum(INSTITUTION_STATUSES);
export type InstitutionStatus = z.infer<typeof InstitutionStatus>;

export const InstitutionScope = z.object({
  id: z.uuid(),
  occupationCode: z.string().nullable(),
  occupationName: z.string().nullable(),
  specialItemName: z.string().nullable(),
  workType: z.string().nullable(),
  level: SkillLevel.nullable(),
  /** HR suspended this line alone: no plan may use it. */
  suspended: z.boolean(),
});

/** A filed, listed evaluation institution as the public catalog shows it (R10). */
export const PublicInstitution = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: FilingKind,
  /** Institution code: 0001–9999 if filed with 人社部, 0000 if with the province. */
  code: z.string(),
  /** Positions 1–13 of its certificate numbers. */
  certificatePrefix: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  status: InstitutionStatus,
  validFrom: z.string(),
  validTo: z.string(),
  scope: z.array(InstitutionScope),
});
export type PublicInstitution = z.infer<typeof PublicInstitution>;

export const Institution = PublicInstitution.extend({
  orgId: z.uuid(),
  /** The first filing that listed it: suspension, reinstatement, revocation and expiry act on it. */
  filingId: z.uuid().nullable(),
  profileId: z.string(),
  priorEvaluated: z.number().int(),
  violations: z.array(z.object({ id: z.uuid(), at: z.string(), type: z.string(), severity: z.string(), description: z.string() })),
});
export type Institution = z.infer<typeof Institution>;

export const PublicInstitutionQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  occupation: z.string().trim().max(20).optional(),
  ...Paging,
});
export const PublicInstitutionPage = pageOf(PublicInstitution);

export const INSTITUTION_SORTS = sortValues(['name', 'code', 'validFrom', 'validTo', 'status']);
export type InstitutionSort = (typeof INSTITUTION_SORTS)[number];

/** The bureaus' list: the catalog's filters, a status, a date range on the listing day (validFrom), and an order. */
export const InstitutionQuery = z
  .strictObject({
    /** Name, institution code or certificate prefix contains. */
    q: z.string().trim().max(50).optional(),
    region: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    occupation: z.string().trim().max(20).optional(),
    status: InstitutionStatus.optional(),
    /** Listed on or after / on or before this day (YYYY-MM-DD). */
    ...DateRange,
    /** Order: a field, descending with a leading `-` (default: by code, province then serial). */
    sort: z.enum(INSTITUTION_SORTS).optional(),
    ...Paging,
  })
  .superRefine(checkDateRange);
export type InstitutionQuery = z.infer<typeof InstitutionQuery>;

export const ViolationBody = z.strictObject({
  type: z.string().trim().min(1).max(50),
  severity: z.enum(['minor', 'serious', 'grave']),
  description: z.string().trim().min(1).max(2000),
});

export const PriorVolumeBody = z.strictObject({
  /** Candidates evaluated before this platform (certificates from other channels), with where the figure comes from. */
  priorEvaluated: z.number().int().min(0).max(1_000_000),
  source: z.string().trim().min(1).max(200),
});

/** HR suspends one scope line (no plan may use it) or puts it back in force. */
export const ScopeSuspensionBody = z.strictObject({ suspended: z.boolean(), reason: z.string().trim().min(1).max(2000) });
export const ScopeLineParams = z.strictObject({ id: z.uuid(), lineId: z.uuid() });
