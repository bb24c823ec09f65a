import { z } from 'zod';
import { Paging } from './common.ts';

// 证书数据上报 (R10): report statuses, batches to the listing HR bureau, its review, the national upload file and the
// platform's answer file.

export const ReportStatus = z.enum(['pending', 'submitted', 'accepted', 'rejected', 'resubmitted']);
export type ReportStatus = z.infer<typeof ReportStatus>;
export const NationalStatus = z.enum(['none', 'uploaded', 'accepted', 'rejected']);
export const DeadlineState = z.enum(['done', 'due', 'overdue']);
export type DeadlineState = z.infer<typeof DeadlineState>;

export const ReportEvent = z.object({
  from: z.string(),
  to: z.string(),
  source: z.string(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});

/** One certificate's report line (holder masked: the whole ID number is only in HR's national upload file). */
export const ReportLine = z.object({
  certificateId: z.uuid(),
  number: z.string(),
  holderName: z.string(),
  maskedIdNumber: z.string(),
  occupationName: z.string(),
  level: z.number().int().nullable(),
  issuedOn: z.string(),
  planId: z.uuid().nullable(),
  planTitle: z.string().nullable(),
  /** valid | revoked: a certificate revoked after it was accepted keeps its report status and shows revoked. */
  certificateStatus: z.string(),
  status: ReportStatus,
  reason: z.string().nullable(),
  correctionNote: z.string().nullable(),
  nationalStatus: NationalStatus,
  nationalReason: z.string().nullable(),
  batchId: z.uuid().nullable(),
  dueOn: z.string().nullable(),
  deadline: DeadlineState,
  history: z.array(ReportEvent),
});
export type ReportLine = z.infer<typeof ReportLine>;

export const ReportLineQuery = z.strictObject({
  ...Paging,
  planId: z.uuid().optional(),
  status: ReportStatus.optional(),
  q: z.string().trim().max(60).optional(),
});
export type ReportLineQuery = z.infer<typeof ReportLineQuery>;

/** A plan's report at a glance: counts per status, the deadline. */
export const ReportPlan = z.object({
  planId: z.uuid(),
  title: z.string(),
  orgName: z.string(),
  publicityClosedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  deadline: DeadlineState,
  counts: z.object({
    pending: z.number().int(),
    submitted: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    resubmitted: z.number().int(),
  }),
  /** Valid certificates still pending or returned (waiting on the institution). */
  open: z.number().int(),
  revoked: z.number().int(),
});
export type ReportPlan = z.infer<typeof ReportPlan>;

export const ReportBatch = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  planTitle: z.string(),
  orgName: z.string(),
  hrOrgName: z.string(),
  kind: z.enum(['first', 'resubmission']),
  status: z.enum(['submitted', 'reviewed']),
  certificateCount: z.number().int(),
  returnedCount: z.number().int(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  dueOn: z.string().nullable(),
  deadline: DeadlineState,
});
export type ReportBatch = z.infer<typeof ReportBatch>;

export const ReportBatchDetail = ReportBatch.extend({ certificates: z.array(ReportLine) });
export type ReportBatchDetail = z.infer<typeof ReportBatchDetail>;

export const ReportBatchQuery = z.strictObject({ ...Paging, status: z.enum(['submitted', 'reviewed']).optional() });
export type ReportBatchQuery = z.infer<typeof ReportBatchQuery>;

export const SubmitBatchBody = z.strictObject({
  planId: z.uuid(),
  /** Default: every valid pending or corrected returned certificate of the plan. */
  certificateIds: z.array(z.uuid()).min(1).max(5000).optional(),
});
export type SubmitBatchBody = z.infer<typeof SubmitBatchBody>;

export const ReviewBody = z.strictObject({
  /** Certificates returned with their reasons; every other certificate of the batch is accepted. */
  returns: z
    .array(z.strictObject({ certificateId: z.uuid(), reason: z.string().trim().min(2).max(500) }))
    .max(5000)
    .default([]),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const CorrectionBody = z.strictObject({ note: z.string().trim().min(2).max(500) });

export const NationalExportQuery = z.strictObject({ format: z.enum(['xlsx', 'json']).default('xlsx') });

/** One certificate of the national upload file (whole ID number: HR's upload to the national platform only). */
export const NationalRecord = z.object({
  number: z.string(),
  name: z.string(),
  idType: z.string(),
  idNumber: z.string(),
  gender: z.string().nullable(),
  occupationCode: z.string().nullable(),
  occupationName: z.string(),
  workType: z.string(),
  level: z.number().int().nullable(),
  levelText: z.string(),
  institutionName: z.string(),
  institutionCode: z.string().nullable(),
  issuedOn: z.string(),
  plan: z.string().nullable(),
  certificateStatus: z.string(),
  scores: z.object({ theory: z.number().nullable(), practical: z.number().nullable(), process: z.number().nullable(), review: z.number().nullable() }),
});
export type NationalRecord = z.infer<typeof NationalRecord>;

export const AnswerUploadBody = z.strictObject({
  filename: z.string().trim().max(200).optional(),
  contentBase64: z.string().min(1).max(20_000_000),
});
export type AnswerUploadBody = z.infer<typeof AnswerUploadBody>;

export const AnswerLineResult = z.object({
  row: z.number().int(),
  number: z.string(),
  outcome: z.string(),
  effect: z.enum(['applied', 'unchanged', 'unknown', 'not_uploaded', 'invalid']),
  message: z.string().nullable(),
});

export const AnswerImportReport = z.object({
  rows: z.number().int(),
  applied: z.number().int(),
  unchanged: z.number().int(),
  /** Lines listed back: numbers we never issued, not in an upload file, or unreadable; nothing changed for them. */
  listed: z.array(AnswerLineResult),
});
export type AnswerImportReport = z.infer<typeof AnswerImportReport>;

export const ReportTodo = z.object({
  plans: z.array(ReportPlan),
  returned: z.number().int(),
  awaitingReview: z.array(ReportBatch),
  toUpload: z.number().int(),
});
export type ReportTodo = z.infer<typeof ReportTodo>;
