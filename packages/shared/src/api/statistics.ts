import { z } from 'zod';
import { vm } from '../validation-key.ts';

/** A calendar month of the statistics period (YYYY-MM, 2000–2099). */
export const StatMonth = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, vm('valid.yearMonth'));

/** The longest period a dashboard query may cover (months): ten years; a longer range is refused (400). */
export const MAX_STAT_MONTHS = 120;

export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7))) + 1;
}

/**
 * The filters every dashboard takes (each reads those that fit it). The region must exist and lie in the reader's
 * scope (else 404); `orgId` is one school; `occupation` a 职业分类大典 code; `level` 1–5.
 */
export const StatFilter = z
  .strictObject({
    from: StatMonth.optional(),
    to: StatMonth.optional(),
    region: z
      .string()
      .regex(/^\d{6}$/, vm('valid.regionCode'))
      .optional(),
    orgId: z.uuid().optional(),
    occupation: z
      .string()
      .max(32)
      .regex(/^[0-9A-Za-z-]+$/, vm('valid.occupationFilter'))
      .optional(),
    level: z.coerce.number().int().min(1).max(5).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: vm('valid.periodEnd') });
    else if (q.from && q.to && monthsBetween(q.from, q.to) > MAX_STAT_MONTHS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: vm('valid.periodMax'), params: { max: MAX_STAT_MONTHS } });
  });
export type StatFilter = z.infer<typeof StatFilter>;

export const DASHBOARDS = ['certificates', 'pass-rates', 'subsidies', 'coverage', 'filing-coverage', 'one-plus-x', 'talent'] as const;
export type Dashboard = (typeof DASHBOARDS)[number];
export const ExportParams = z.strictObject({ dashboard: z.enum(DASHBOARDS) });

const Period = { from: StatMonth, to: StatMonth };

export const CertificateStats = z.object({
  ...Period,
  /** Valid certificates issued in the period (a revoked one never counts as valid). */
  total: z.number().int(),
  /** Certificates of the period revoked since. */
  revoked: z.number().int(),
  byMonth: z.array(z.object({ month: StatMonth, count: z.number().int() })),
  byOccupation: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  byLevel: z.array(z.object({ level: z.number().int().nullable(), count: z.number().int() })),
  byInstitution: z.array(z.object({ orgId: z.string(), name: z.string(), count: z.number().int() })),
  byKind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
});
export type CertificateStats = z.infer<typeof CertificateStats>;

const Rate = { sat: z.number().int(), passed: z.number().int(), rate: z.number() };
export const PassRateStats = z.object({
  ...Period,
  byPart: z.array(z.object({ part: z.string(), ...Rate })),
  byOccupation: z.array(z.object({ code: z.string(), name: z.string(), ...Rate })),
  byLevel: z.array(z.object({ level: z.number().int().nullable(), ...Rate })),
});
export type PassRateStats = z.infer<typeof PassRateStats>;

const Paid = { amount: z.number().int(), count: z.number().int() };
export const SubsidyStats = z.object({
  ...Period,
  ...Paid,
  byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string(), ...Paid })),
  byMonth: z.array(z.object({ month: StatMonth, ...Paid })),
  byLevel: z.array(z.object({ level: z.number().int(), ...Paid })),
});
export type SubsidyStats = z.infer<typeof SubsidyStats>;

export const MajorCoverage = z.object({ code: z.string(), name: z.string(), byScope: z.boolean(), byExternal: z.boolean() });
export const SchoolCoverage = z.object({
  orgId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  majors: z.number().int(),
  coveredByScope: z.number().int(),
  coveredByExternal: z.number().int(),
  covered: z.number().int(),
  /** covered / majors, 0–1 (0 for a school without majors). */
  share: z.number(),
  /** R13: the profile's majorCoverageTarget for the school's region. */
  target: z.number(),
  meets: z.boolean(),
  detail: z.array(MajorCoverage),
});
export const CoverageStats = z.object({
  schools: z.array(SchoolCoverage),
  majors: z.number().int(),
  covered: z.number().int(),
  share: z.number(),
});
export type CoverageStats = z.infer<typeof CoverageStats>;
export type SchoolCoverage = z.infer<typeof SchoolCoverage>;

export const FilingCoverageStats = z.object({
  byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string(), schools: z.number().int(), filed: z.number().int(), share: z.number() })),
  schools: z.number().int(),
  filed: z.number().int(),
  share: z.number(),
  /** R13 (Fujian): every vocational school filed by a day; null where the region's profile sets no such target. */
  target: z.object({ share: z.number(), by: z.string(), source: z.string() }).nullable(),
  unfiled: z.array(z.object({ orgId: z.string(), name: z.string(), regionCode: z.string() })),
});
export type FilingCoverageStats = z.infer<typeof FilingCoverageStats>;

export const OnePlusXStats = z.object({
  ...Period,
  /** R12: 职业资格, 职业技能等级 and 专项职业能力 — ours (valid) and recorded from other channels. */
  rows: z.array(
    z.object({
      kind: z.enum(['qualification', 'skill_level', 'special_ability']),
      ours: z.number().int(),
      external: z.number().int(),
      total: z.number().int(),
    }),
  ),
  total: z.number().int(),
});
export type OnePlusXStats = z.infer<typeof OnePlusXStats>;

export const TalentStats = z.object({
  ...Period,
  /** R11: distinct holders of valid certificates by level per region (one level below the reader's). */
  rows: z.array(z.object({ regionCode: z.string(), regionName: z.string(), level: z.number().int(), holders: z.number().int() })),
  /** Distinct holders in all (a person holding two levels counts once here). */
  holders: z.number().int(),
});
export type TalentStats = z.infer<typeof TalentStats>;
