import { z } from 'zod';
import { PartKind } from './plans.ts';

// 认定结果 (results), 过程考核 (process assessment), 课证融通 course scores (R6), 公示 (publicity) and 异议 (objections).

export const ResultOutcome = z.enum(['passed', 'failed', 'pending']);
export type ResultOutcome = z.infer<typeof ResultOutcome>;
export const PartVerdict = z.enum(['passed', 'failed', 'absent', 'pending']);
export type PartVerdict = z.infer<typeof PartVerdict>;
export const ResultSource = z.enum(['exam', 'marking', 'course', 'process', 'review', 'absent']);

/** One part of one candidate against its pass mark (process components are folded into one weighted `process` line). */
export const PartLine = z.object({
  /** The plan part (for process: null — the line is the weighted process score of all components). */
  partId: z.uuid().nullable(),
  kind: PartKind,
  name: z.string().nullable(),
  passMark: z.number(),
  score: z.number().nullable(),
  verdict: PartVerdict,
  /** R6: the theory score is the course comprehensive exam score (结课综合考试成绩). */
  substituted: z.boolean(),
  source: z.string().nullable(),
});
export type PartLine = z.infer<typeof PartLine>;

export const ProcessComponentLine = z.object({
  partId: z.uuid(),
  name: z.string(),
  weight: z.number(),
  score: z.number().nullable(),
  evidenceAttachmentId: z.uuid().nullable(),
});

export const CandidateResultView = z.object({
  enrolmentId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  idNumberMasked: z.string(),
  className: z.string().nullable(),
  /** 准考证号 per part (theory first). */
  examNumbers: z.array(z.string()),
  outcome: ResultOutcome,
  parts: z.array(PartLine),
  process: z.array(ProcessComponentLine),
  /** The weighted process score (过程考核), null without process parts or while a component is missing. */
  processScore: z.number().nullable(),
});
export type CandidateResultView = z.infer<typeof CandidateResultView>;

export const ResultsQuery = z.strictObject({
  outcome: ResultOutcome.optional(),
  q: z.string().trim().max(50).optional(),
});
export type ResultsQuery = z.infer<typeof ResultsQuery>;

export const PlanResults = z.object({
  planId: z.uuid(),
  title: z.string(),
  status: z.string(),
  courseExamReplacesTheory: z.boolean(),
  /** Set when the plan's process weights do not add up to 100 (process scores cannot be computed). */
  processWeightProblem: z.string().nullable(),
  counts: z.object({ passed: z.number().int(), failed: z.number().int(), pending: z.number().int() }),
  items: z.array(CandidateResultView),
});
export type PlanResults = z.infer<typeof PlanResults>;

export const EnrolmentParams = z.strictObject({ id: z.uuid(), enrolmentId: z.uuid() });

/** One 过程考核 component score, entered by hand with its evidence. */
export const ProcessScoreBody = z.strictObject({
  enrolmentId: z.uuid(),
  partId: z.uuid(),
  score: z.number().min(0).max(100),
  evidenceAttachmentId: z.uuid(),
});
export type ProcessScoreBody = z.infer<typeof ProcessScoreBody>;

/** A score workbook (process components or course scores) and the evidence for the whole sheet (the signed score list). */
export const ScoreUploadBody = z.strictObject({
  filename: z.string().trim().max(200).optional(),
  contentBase64: z.string().min(1).max(40_000_000),
  evidenceAttachmentId: z.uuid(),
});
export type ScoreUploadBody = z.infer<typeof ScoreUploadBody>;

export const ScoreRowVerdict = z.object({
  row: z.number().int(),
  key: z.string(),
  accepted: z.boolean(),
  problems: z.array(z.object({ column: z.string(), message: z.string() })),
});

/** All or nothing: the scores are stored only when every row is accepted; otherwise the annotated workbook comes back. */
export const ScoreImportReport = z.object({
  stored: z.boolean(),
  rows: z.number().int(),
  accepted: z.number().int(),
  refused: z.number().int(),
  fileErrors: z.array(z.string()),
  verdicts: z.array(ScoreRowVerdict),
  annotatedWorkbookBase64: z.string().nullable(),
});
export type ScoreImportReport = z.infer<typeof ScoreImportReport>;

/** The whole mark record of one candidate (HR of the region, the plan's supervisors, the school). */
export const MarkRecord = z.object({
  result: CandidateResultView,
  partResults: z.array(
    z.object({
      partId: z.uuid(),
      kind: PartKind,
      score: z.number().nullable(),
      absent: z.boolean(),
      substituted: z.boolean(),
      source: z.string(),
      evidenceAttachmentId: z.uuid().nullable(),
      detail: z.unknown(),
      recordedBy: z.uuid().nullable(),
      at: z.string(),
    }),
  ),
  marks: z.array(
    z.object({
      partId: z.uuid(),
      itemId: z.uuid(),
      examinerId: z.uuid(),
      round: z.string(),
      scores: z.array(z.object({ criterionId: z.string(), score: z.number() })),
      vetoes: z.array(z.string()),
      comment: z.string().nullable(),
      total: z.number(),
      source: z.string(),
      at: z.string(),
    }),
  ),
  decisions: z.array(
    z.object({ partId: z.uuid(), itemId: z.uuid(), kind: z.string(), score: z.number(), reason: z.string(), decidedBy: z.uuid(), at: z.string() }),
  ),
  events: z.array(z.object({ id: z.number().int(), attemptId: z.uuid(), kind: z.string(), data: z.unknown(), at: z.string() })),
});
export type MarkRecord = z.infer<typeof MarkRecord>;

// --- 公示 ----------------------------------------------------------------------------------------

export const PublishBody = z.strictObject({
  /** Working days; default the profile's (5). */
  workingDays: z.number().int().min(1).max(30).optional(),
});

export const PublicityLine = z.object({
  examNumber: z.string(),
  /** Masked: 段* */
  name: z.string(),
  outcome: ResultOutcome,
  parts: z.array(z.object({ kind: PartKind, score: z.number().nullable(), verdict: PartVerdict, substituted: z.boolean() })),
});
export type PublicityLine = z.infer<typeof PublicityLine>;

export const PublicitySummary = z.object({
  planId: z.uuid(),
  title: z.string(),
  orgName: z.string(),
  occupationName: z.string().nullable(),
  level: z.number().int().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
  workingDays: z.number().int(),
  calendarKnown: z.boolean(),
  /** running | closed */
  state: z.enum(['running', 'closed']),
  candidates: z.number().int(),
});
export type PublicitySummary = z.infer<typeof PublicitySummary>;

export const PublicPublicity = PublicitySummary.extend({ lines: z.array(PublicityLine) });
export type PublicPublicity = z.infer<typeof PublicPublicity>;

export const PublicityParams = z.strictObject({ planId: z.uuid() });

export const ObjectionBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  contact: z.string().trim().min(3).max(100),
  text: z.string().trim().min(5).max(2000),
  /** 准考证号 of the candidate the objection concerns; absent: the plan as a whole. */
  examNumber: z.string().trim().min(1).max(32).optional(),
});
export type ObjectionBody = z.infer<typeof ObjectionBody>;

export const ObjectionReceipt = z.object({ trackingCode: z.string() });

export const TrackingParams = z.strictObject({ code: z.string().trim().min(4).max(20) });

export const ObjectionStatus = z.enum(['open', 'answered', 'withdrawn']);

/** What anyone holding the tracking code sees: never the objector's contact. */
export const PublicObjection = z.object({
  trackingCode: z.string(),
  planTitle: z.string(),
  examNumber: z.string().nullable(),
  status: ObjectionStatus,
  text: z.string(),
  answer: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type PublicObjection = z.infer<typeof PublicObjection>;

/** The institution's view of an objection (with the objector's contact, to reply). */
export const ObjectionView = z.object({
  id: z.uuid(),
  trackingCode: z.string(),
  enrolmentId: z.uuid().nullable(),
  examNumber: z.string().nullable(),
  candidateName: z.string().nullable(),
  name: z.string(),
  contact: z.string(),
  text: z.string(),
  status: ObjectionStatus,
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

export const ObjectionParams = z.strictObject({ id: z.uuid(), objectionId: z.uuid() });
export const AnswerBody = z.strictObject({ answer: z.string().trim().min(2).max(2000) });

export const ClearanceBlock = z.enum(['objection_open', 'flag_open', 'not_passed', 'publicity_running']);
export const ClearanceLine = z.object({
  enrolmentId: z.uuid(),
  name: z.string(),
  examNumber: z.string(),
  outcome: ResultOutcome,
  cleared: z.boolean(),
  blocks: z.array(ClearanceBlock),
});
export type ClearanceLine = z.infer<typeof ClearanceLine>;

/** The institution's publicity screen: the window, the objections and who is cleared for certificates. */
export const PublicityAdmin = z.object({
  planId: z.uuid(),
  planStatus: z.string(),
  publicity: PublicitySummary.nullable(),
  objections: z.array(ObjectionView),
  clearance: z.array(ClearanceLine),
});
export type PublicityAdmin = z.infer<typeof PublicityAdmin>;
