import { z } from 'zod';
import { SkillLevel } from '../domain.ts';
import { checkDateRange, DateRange, Paging, pageOf, sortValues } from './common.ts';
import { OccupationCode } from './occupations.ts';

/** 评价规范 (R5): the school's evaluation specification for an occupation without a national standard. */
export const SpecStatus = z.enum(['draft', 'submitted', 'filed', 'returned']);
export type SpecStatus = z.infer<typeof SpecStatus>;

export const BlueprintArea = z.strictObject({
  area: z.string().trim().min(1).max(100),
  weight: z.number().min(0).max(100),
});

export const SpecBody = z.strictObject({
  occupationCode: OccupationCode,
  levels: z.array(SkillLevel).min(1).max(5),
  title: z.string().trim().min(2).max(200),
  attachmentId: z.uuid().nullable().optional(),
  /** The blueprint it implies: knowledge areas (理论知识比重表) and skill areas (技能要求比重表), each adding to 100. */
  theory: z.array(BlueprintArea).max(50),
  skills: z.array(BlueprintArea).max(50),
});
export type SpecBody = z.infer<typeof SpecBody>;

export const Spec = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  levels: z.array(SkillLevel),
  title: z.string(),
  attachmentId: z.string().nullable(),
  theory: z.array(z.object({ area: z.string(), weight: z.number() })),
  skills: z.array(z.object({ area: z.string(), weight: z.number() })),
  status: SpecStatus,
  reviewNote: z.string().nullable(),
  filedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type Spec = z.infer<typeof Spec>;

export const SpecPage = pageOf(Spec);
export const SPEC_SORTS = sortValues(['title', 'school', 'occupation', 'status', 'filedAt', 'updatedAt']);
export type SpecSort = (typeof SPEC_SORTS)[number];

export const SpecQuery = z
  .strictObject({
    status: SpecStatus.optional(),
    /** true: submitted ones waiting for my review (HR of the school's city or province). */
    todo: z.enum(['true', 'false']).optional(),
    /** Title, school, occupation name or code contains. */
    q: z.string().trim().max(50).optional(),
    /** Last changed on or after / on or before this day (YYYY-MM-DD). */
    ...DateRange,
    /** Order: a field, descending with a leading `-` (default `-updatedAt`). */
    sort: z.enum(SPEC_SORTS).optional(),
    ...Paging,
  })
  .superRefine(checkDateRange);
export type SpecQuery = z.infer<typeof SpecQuery>;

export const SpecDecisionBody = z.strictObject({
  decision: z.enum(['file', 'return']),
  note: z.string().trim().max(2000).optional(),
});

/** 专项职业能力 item a school proposes where its major has no matching occupation (Fujian text 二(三)). */
export const ProposalStatus = z.enum(['submitted', 'approved', 'returned', 'rejected']);
export type ProposalStatus = z.infer<typeof ProposalStatus>;
export const ProposalBody = z.strictObject({
  name: z.string().trim().min(2).max(100),
  majorCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
  standard: z.string().trim().min(10).max(20000),
  outline: z.string().trim().min(10).max(20000),
  attachmentId: z.uuid().nullable().optional(),
});
export const Proposal = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  province: z.string(),
  name: z.string(),
  majorCode: z.string(),
  standard: z.string(),
  outline: z.string(),
  attachmentId: z.string().nullable(),
  status: ProposalStatus,
  reviewNote: z.string().nullable(),
  specialItemId: z.string().nullable(),
  createdAt: z.string(),
});
export type Proposal = z.infer<typeof Proposal>;
export const ProposalPage = pageOf(Proposal);
export const PROPOSAL_SORTS = sortValues(['name', 'school', 'major', 'status', 'createdAt']);
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

export const ProposalQuery = z
  .strictObject({
    status: ProposalStatus.optional(),
    /** true: submitted ones waiting for my decision (the HR bureau of the school's province). */
    todo: z.enum(['true', 'false']).optional(),
    /** Item name, school or major code contains. */
    q: z.string().trim().max(50).optional(),
    /** Proposed on or after / on or before this day (YYYY-MM-DD). */
    ...DateRange,
    /** Order: a field, descending with a leading `-` (default `-createdAt`). */
    sort: z.enum(PROPOSAL_SORTS).optional(),
    ...Paging,
  })
  .superRefine(checkDateRange);
export type ProposalQuery = z.infer<typeof ProposalQuery>;

export const ProposalDecisionBody = z.strictObject({
  decision: z.enum(['approve', 'return', 'reject']),
  note: z.string().trim().max(2000).optional(),
  /** The catalog code the bureau gives the approved item. */
  code: z.string().trim().max(30).optional(),
});

export const Attachment = z.object({
  id: z.uuid(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
export const UploadBody = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  mimeType: z.string().trim().min(1).max(100),
  /** The file, base64-encoded (at most 10 MiB decoded). */
  contentBase64: z.string().min(1).max(14_000_000),
});
