import { z } from 'zod';
import { SkillLevel } from '../domain.ts';
import { checkDateRange, DateRange, Paging, pageOf, sortValues } from './common.ts';
import { OccupationCode } from './occupations.ts';
import { vm } from '../validation-key.ts';

/** 备案 states (DOMAIN.md §2.1). */
export const FILING_STATUSES = [
  'draft',
  'submitted',
  'edu_reviewed',
  'tech_assessment',
  'reported',
  'listed',
  'returned',
  'rejected',
  'suspended',
  'revoked',
  'expired',
] as const;
export const FilingStatus = z.enum(FILING_STATUSES);
export type FilingStatus = z.infer<typeof FilingStatus>;

/** 职业技能等级评价机构 (occupations and levels) or 职业技能考核鉴定机构 (专项职业能力 items). */
export const FilingKind = z.enum(['skill_level', 'special_ability']);
export type FilingKind = z.infer<typeof FilingKind>;
export const FilingType = z.enum(['initial', 'expansion']);
export type FilingType = z.infer<typeof FilingType>;

export const FILING_ACTIONS = [
  'submit',
  'approve',
  'start_assessment',
  'assess',
  'report',
  'list',
  'return',
  'reject',
  'suspend',
  'reinstate',
  'revoke',
  'expire',
] as const;
export const FilingAction = z.enum(FILING_ACTIONS);
export type FilingAction = z.infer<typeof FilingAction>;

export const ScopeLine = z.strictObject({
  /** An occupation (skill_level filings) … */
  occupationCode: OccupationCode.optional(),
  /** … or a 专项职业能力 item (special_ability filings). */
  specialItemId: z.uuid().optional(),
  /** 工种, when the standard names them. */
  workType: z.string().trim().max(50).optional(),
  level: SkillLevel.optional(),
});
export type ScopeLine = z.infer<typeof ScopeLine>;

export const Site = z.strictObject({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(200),
  capacity: z.number().int().min(1).max(10000),
  /** Declared: the school's own, or a declared partner site (R9: no subcontracting). */
  owned: z.boolean(),
});
export type Site = z.infer<typeof Site>;

export const RosterAssessor = z.strictObject({
  name: z.string().trim().min(1).max(50),
  /** 考评员 certificate number. */
  certificateNo: z.string().trim().min(1).max(50),
  occupationCode: OccupationCode.optional(),
  /** Levels the 考评员 record covers for that occupation (a plan may staff the assessor only at these levels, R9). */
  levels: z.array(SkillLevel).max(5).optional(),
  /** …or the 专项职业能力 item it covers. */
  specialItemId: z.uuid().optional(),
  /** Last valid day of the 考评员 record (YYYY-MM-DD); omitted = no expiry recorded. */
  validTo: z.iso.date().optional(),
  /** 校内教师 or 企业专家 */
  affiliation: z.enum(['teacher', 'enterprise_expert']),
});
export type RosterAssessor = z.infer<typeof RosterAssessor>;

export const FilingBody = z.strictObject({
  kind: FilingKind,
  contactName: z.string().trim().min(1).max(50),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{7,20}$/, vm('valid.phone')),
  scope: z.array(ScopeLine).max(200),
  sites: z.array(Site).max(50),
  assessors: z.array(RosterAssessor).max(500),
  attachmentIds: z.array(z.uuid()).max(50),
  note: z.string().trim().max(2000).optional(),
});
export type FilingBody = z.infer<typeof FilingBody>;

export const CreateFilingBody = FilingBody.extend({
  /** Expansion (增设) of a listed institution; omitted = a first filing. */
  institutionId: z.uuid().optional(),
});
export type CreateFilingBody = z.infer<typeof CreateFilingBody>;

export const AssessmentScore = z.strictObject({
  criterion: z.string().trim().min(1).max(100),
  maxScore: z.number().positive().max(100),
  score: z.number().min(0).max(100),
});

export const TransitionBody = z.strictObject({
  action: FilingAction,
  /** Why: required to return, reject, suspend or revoke. */
  reason: z.string().trim().max(2000).optional(),
  attachmentIds: z.array(z.uuid()).max(20).optional(),
  /** The technical assessment panel's score sheet (action `assess`, at tech_assessment). */
  assessment: z
    .strictObject({
      panel: z
        .array(z.strictObject({ name: z.string().trim().min(1).max(50), organisation: z.string().trim().min(1).max(100) }))
        .min(1)
        .max(20),
      scores: z.array(AssessmentScore).min(1).max(50),
    })
    .optional(),
  /** The status the client saw: a second approval of the same step gets 409. */
  expectedStatus: FilingStatus.optional(),
});
export type TransitionBody = z.infer<typeof TransitionBody>;

export const SubmitBody = z.strictObject({ expectedStatus: FilingStatus.optional() });

export const FilingEvent = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  fromStatus: FilingStatus.nullable(),
  toStatus: FilingStatus,
  actorName: z.string().nullable(),
  actorOrg: z.string().nullable(),
  reason: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  data: z.unknown(),
});
export type FilingEvent = z.infer<typeof FilingEvent>;

export const ScopeLineView = z.object({
  occupationCode: z.string().nullable(),
  occupationName: z.string().nullable(),
  specialItemId: z.string().nullable(),
  specialItemName: z.string().nullable(),
  workType: z.string().nullable(),
  level: SkillLevel.nullable(),
});
export type ScopeLineView = z.infer<typeof ScopeLineView>;

export const Filing = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  regionCode: z.string(),
  kind: FilingKind,
  type: FilingType,
  institutionId: z.uuid().nullable(),
  status: FilingStatus,
  profileId: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  note: z.string().nullable(),
  scope: z.array(ScopeLineView),
  sites: z.array(Site),
  assessors: z.array(RosterAssessor),
  attachmentIds: z.array(z.string()),
  /** Actions the current user may take now. */
  allowedActions: z.array(FilingAction),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  createdAt: z.string(),
});
export type Filing = z.infer<typeof Filing>;

export const FilingDetail = Filing.extend({
  events: z.array(FilingEvent),
  assessment: z
    .object({
      panel: z.array(z.object({ name: z.string(), organisation: z.string() })),
      scores: z.array(AssessmentScore),
      total: z.number(),
      passed: z.boolean(),
    })
    .nullable(),
});
export type FilingDetail = z.infer<typeof FilingDetail>;

export const FILING_SORTS = sortValues(['updatedAt', 'submittedAt', 'school', 'status']);
export type FilingSort = (typeof FILING_SORTS)[number];

export const FilingQuery = z
  .strictObject({
    status: FilingStatus.optional(),
    /** Only filings waiting for an action of mine (the to-do list). */
    todo: z.enum(['true', 'false']).optional(),
    orgId: z.uuid().optional(),
    /** School name contains. */
    q: z.string().trim().max(50).optional(),
    /** Schools in this region (GB/T 2260). */
    region: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    /** Last changed on or after / on or before this day (YYYY-MM-DD, the server's calendar). */
    ...DateRange,
    /** Order: a field, descending with a leading `-` (default `-updatedAt`). */
    sort: z.enum(FILING_SORTS).optional(),
    ...Paging,
  })
  .superRefine(checkDateRange);
export const FilingPage = pageOf(Filing);

/** One condition of an eligibility check (R1, R3, R4): its value and whether it passes. */
export const EligibilityCheck = z.object({
  rule: z.string(),
  condition: z.string(),
  value: z.unknown(),
  required: z.unknown(),
  pass: z.boolean(),
  /** Index of the offending scope line, if the check is about one. */
  line: z.number().int().optional(),
});
export type EligibilityCheck = z.infer<typeof EligibilityCheck>;
export const EligibilityReport = z.object({ eligible: z.boolean(), checks: z.array(EligibilityCheck) });
export type EligibilityReport = z.infer<typeof EligibilityReport>;
