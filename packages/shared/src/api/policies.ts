import { z } from 'zod';
import { SchoolType, SkillLevel } from '../domain.ts';

/** A value the seeds leave open carries `default: true` — a sensible default, marked as such. */
const sourced = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    /** true: the seeds are silent; this is our default. */
    default: z.boolean(),
    /** Where it comes from: a seed and its passage, or the national practice it follows. */
    source: z.string(),
  });

export const FilingStepActor = z.object({
  /** Which bureau acts: education or HR. */
  bureau: z.enum(['edu_bureau', 'hr_bureau']),
  /** At which level of government, relative to the institution's region. */
  level: z.enum(['province', 'city']),
});
export type FilingStepActor = z.infer<typeof FilingStepActor>;

/**
 * A jurisdiction's policy profile: every number and switch that differs by province and year.
 * Rules read it as an argument; no rule tests a province code.
 */
/** A rule as the published text says it: the document, its clause, and the wording (shown instead of a bare rule id). */
export const RuleClause = z.object({
  /** 闽人社文〔2024〕53号, 泉人社文〔2024〕101号, 《关于推动职业学校开展职业技能等级认定工作的通知》政策问答 */
  document: z.string(),
  /** 二, 一（二）, 问答 5 */
  clause: z.string(),
  wording: z.string(),
});
export type RuleClause = z.infer<typeof RuleClause>;

export const PolicyProfile = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** GB/T 2260 province code prefix (2 digits) the profile governs. */
  province: z.string().length(2),
  version: z.number().int(),
  effectiveFrom: z.string(),
  seeds: z.array(z.string()),
  /** Rule id (R1 …) → the clause of the published text it rests on; rules the texts leave open have none. */
  clauses: z.record(z.string(), RuleClause),
  /** R1: which school types may file; whether 中职 needs 贯通培养 majors. */
  applicants: sourced(
    z.object({
      schoolTypes: z.array(SchoolType),
      secondaryNeedsThroughPrograms: z.boolean(),
    }),
  ),
  /** R3: levels an in-school evaluation may award, by school type. */
  levelCaps: sourced(z.record(SchoolType, z.array(SkillLevel))),
  /** R3: in-school students at most this level (3 = 三级/高级工). */
  inSchoolMaxLevel: sourced(SkillLevel),
  /** R2 / Fujian: graduating-year students only, or all enrolled students. */
  candidates: sourced(z.enum(['graduating_year', 'enrolled'])),
  /** R7 / R8: who receives the filing and who acts at each review step; `null` = the step is skipped. */
  filingPath: sourced(
    z.object({
      receive: FilingStepActor,
      eduReview: FilingStepActor.nullable(),
      techAssessment: z.array(FilingStepActor),
      report: FilingStepActor,
      list: FilingStepActor,
      /** 人社部 (national: institution code 0001–9999) or the province (code 0000). */
      reportedTo: z.enum(['mohrss', 'province']),
    }),
  ),
  /** Years a listing stays valid before it expires. */
  filingValidityYears: sourced(z.number().int().min(1)),
  /** Technical assessment: pass score out of 100. */
  techAssessmentPassScore: sourced(z.number().min(0).max(100)),
  /** Calendar days before a plan's first sitting that it must reach HR. */
  planLeadDays: sourced(z.number().int().min(0)),
  /**
   * R2: beyond the school's own students — other schools' students (`after_first_plan`: once the institution has
   * closed a plan of its own students) and society (`social_org_only`: after selection as a 社会培训评价组织).
   */
  candidateSources: sourced(
    z.object({
      otherSchools: z.enum(['no', 'after_first_plan', 'allowed']),
      society: z.enum(['no', 'social_org_only', 'allowed']),
    }),
  ),
  /** Staff ratios per sitting (exam practice): invigilators for theory, examiners for practical, 综合评审 panels. */
  staffRatios: sourced(
    z.object({
      theoryCandidatesPerInvigilator: z.number().int().min(1),
      theoryMinInvigilatorsPerRoom: z.number().int().min(1),
      practicalCandidatesPerExaminer: z.number().int().min(1),
      practicalMinExaminers: z.number().int().min(1),
      practicalOddExaminers: z.boolean(),
      reviewMinPanel: z.number().int().min(1),
      reviewOddPanel: z.boolean(),
    }),
  ),
  /** 公示: working days results are published before certificates. */
  publicityWorkingDays: sourced(z.number().int().min(1)),
  /** R10: working days after publicity closes by which the institution reports the certificates to HR. */
  reportWithinWorkingDays: sourced(z.number().int().min(1)),
  passMark: sourced(z.number().min(0).max(100)),
  practicalMarkersPerCandidate: sourced(z.number().int().min(1)),
  /** Points between two practical marks that call for a third. */
  disagreementThreshold: sourced(z.number().min(0)),
  /** R4: candidates evaluated within the filing period before expansion. */
  expansionMinEvaluated: sourced(z.number().int().min(0)),
  /** Yuan per level (5 = 五级 …). */
  subsidyByLevel: sourced(z.record(z.string(), z.number().int().min(0))),
  subsidyMaxClaimsPerYear: sourced(z.number().int().min(1)),
  subsidyClaimWithinMonths: sourced(z.number().int().min(1)),
  /** R11: which HR bureau of the holder's place reviews a subsidy claim — the county's (区/县) or the city's. */
  subsidyReviewLevel: sourced(z.enum(['county', 'city'])),
  /** R11: graduating-year students claim under the province's local rules (上海 Q4: 按本市有关规定享受职业技能提升补贴). */
  subsidyGraduatingYearLocalRules: sourced(z.boolean()),
  retentionYears: sourced(z.object({ paper: z.number().int(), electronic: z.number().int() })),
  /** R13: share of a school's majors whose graduating students can be certified. */
  majorCoverageTarget: sourced(z.number().min(0).max(1)),
  /** R13 (Fujian): the share of the region's vocational schools filed as evaluation institutions by a day; null = no target set. */
  filingCoverageTarget: sourced(z.object({ share: z.number().min(0).max(1), by: z.iso.date() }).nullable()),
  /** 国密: electronic certificates also carry an SM2/SM3 signature beside eddsa-rdfc-2022 (off unless a profile asks). */
  guomiSignature: sourced(z.boolean()),
});
export type PolicyProfile = z.infer<typeof PolicyProfile>;

export const PolicyProfileSummary = PolicyProfile.pick({ id: true, name: true, nameEn: true, province: true, version: true, effectiveFrom: true });

export const ProfileDifference = z.object({ field: z.string(), a: z.unknown(), b: z.unknown() });
export const ProfileComparison = z.object({ a: z.string(), b: z.string(), differences: z.array(ProfileDifference) });
