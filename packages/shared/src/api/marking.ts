import { z } from 'zod';

// 评分: examiners mark 简答 answers and practical tasks (实操) on the item's rubric (评分细则), blind, by exam number.

const Score = z.number().min(-1000).max(1000);
const Text = (max: number) => z.string().trim().min(1).max(max);

/** A rubric as the examiner sees it: criteria and veto items with ids `c0, c1…` and `v0, v1…` (their index in the bank's rubric). */
export const MarkingRubric = z.object({
  criteria: z.array(z.object({ id: z.string(), text: z.string(), points: z.number() })),
  vetoes: z.array(z.object({ id: z.string(), text: z.string() })),
});
export type MarkingRubric = z.infer<typeof MarkingRubric>;

export const MarkScores = z.array(z.strictObject({ criterionId: z.string().max(16), score: Score })).max(100);

export const MyMark = z.object({
  scores: z.array(z.object({ criterionId: z.string(), score: z.number() })),
  vetoes: z.array(z.string()),
  comment: z.string().nullable(),
  total: z.number(),
  source: z.enum(['screen', 'paper']),
  sheetAttachmentId: z.string().nullable(),
  at: z.string(),
});

/** One thing for me to mark: a candidate's item, by exam number only (never the name, never the other examiners' marks). */
export const QueueEntry = z.object({
  planId: z.string(),
  planTitle: z.string(),
  partId: z.string(),
  partKind: z.enum(['theory', 'practical', 'review']),
  /** Opaque reference of the candidate's enrolment, sent back with the mark. */
  enrolmentId: z.string(),
  examNumber: z.string(),
  itemId: z.string(),
  position: z.number().int(),
  stem: z.string(),
  points: z.number(),
  rubric: MarkingRubric,
  /** The candidate's written answer (简答); null for a practical task (observed in the workshop). */
  response: z.unknown(),
  round: z.enum(['first', 'remark']),
  /** The reason the institution gave for a re-mark. */
  remarkReason: z.string().nullable(),
  myMark: MyMark.nullable(),
  /** open: mine to mark or correct; closed: the item is agreed or decided, my mark stands as it is. */
  state: z.enum(['open', 'closed']),
});
export type QueueEntry = z.infer<typeof QueueEntry>;
export const MarkingQueue = z.object({ items: z.array(QueueEntry) });
export type MarkingQueue = z.infer<typeof MarkingQueue>;

export const MarkBody = z.strictObject({
  planId: z.uuid(),
  partId: z.uuid(),
  enrolmentId: z.uuid(),
  itemId: z.uuid(),
  scores: MarkScores,
  vetoes: z.array(z.string().max(16)).max(50),
  comment: z.string().trim().max(2000).optional(),
});
export type MarkBody = z.infer<typeof MarkBody>;

/** A mark entered afterwards from a signed paper sheet (纸质评分表), with the scan or photo of the sheet. */
export const PaperMarkBody = MarkBody.extend({
  sheet: z.strictObject({
    filename: Text(200),
    mimeType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    contentBase64: z.string().min(1).max(14_000_000),
  }),
});
export type PaperMarkBody = z.infer<typeof PaperMarkBody>;

export const SavedMark = z.object({
  id: z.string(),
  round: z.enum(['first', 'remark']),
  total: z.number(),
  source: z.enum(['screen', 'paper']),
  sheetAttachmentId: z.string().nullable(),
});
export type SavedMark = z.infer<typeof SavedMark>;

/** A disputed item in the chief examiner's queue: the marks side by side (the chief may see them). */
export const Dispute = z.object({
  planId: z.string(),
  planTitle: z.string(),
  partId: z.string(),
  partKind: z.enum(['theory', 'practical', 'review']),
  enrolmentId: z.string(),
  examNumber: z.string(),
  itemId: z.string(),
  stem: z.string(),
  points: z.number(),
  rubric: MarkingRubric,
  response: z.unknown(),
  spread: z.number(),
  threshold: z.number(),
  marks: z.array(
    z.object({
      examinerName: z.string(),
      certificateNo: z.string().nullable(),
      scores: z.array(z.object({ criterionId: z.string(), score: z.number() })),
      vetoes: z.array(z.string()),
      comment: z.string().nullable(),
      total: z.number(),
      source: z.enum(['screen', 'paper']),
    }),
  ),
});
export type Dispute = z.infer<typeof Dispute>;
export const DisputeQueue = z.object({ items: z.array(Dispute) });
export type DisputeQueue = z.infer<typeof DisputeQueue>;

export const DecisionBody = z.strictObject({
  planId: z.uuid(),
  partId: z.uuid(),
  enrolmentId: z.uuid(),
  itemId: z.uuid(),
  score: Score,
  reason: Text(2000),
});
export type DecisionBody = z.infer<typeof DecisionBody>;
export const Decision = z.object({ id: z.string(), kind: z.enum(['chief', 'remark']), score: z.number(), reason: z.string(), at: z.string() });
export type Decision = z.infer<typeof Decision>;

export const RemarkBody = z.strictObject({
  enrolmentId: z.uuid(),
  partId: z.uuid(),
  itemId: z.uuid(),
  /** The assessor account asked to re-mark (not one who marked the item first). */
  examinerId: z.uuid(),
  objectionId: z.uuid().optional(),
  reason: Text(2000),
});
export type RemarkBody = z.infer<typeof RemarkBody>;
export const RemarkRequest = z.object({
  id: z.string(),
  planId: z.string(),
  partId: z.string(),
  enrolmentId: z.string(),
  itemId: z.string(),
  examinerId: z.string(),
  objectionId: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['open', 'done']),
  createdAt: z.string(),
});
export type RemarkRequest = z.infer<typeof RemarkRequest>;

/** A plan's marking progress for the institution: per part, candidate items waiting / agreed / disputed / decided. */
export const MarkingProgress = z.object({
  planId: z.string(),
  markersPerCandidate: z.number().int(),
  thresholdPercent: z.number(),
  parts: z.array(
    z.object({
      partId: z.string(),
      kind: z.enum(['theory', 'practical', 'review']),
      candidates: z.number().int(),
      items: z.object({ waiting: z.number().int(), agreed: z.number().int(), disputed: z.number().int(), decided: z.number().int() }),
      resultsWritten: z.number().int(),
      openRemarks: z.number().int(),
    }),
  ),
  /** Assessor accounts of the plan's examiners (for the re-mark form). */
  examiners: z.array(z.object({ userId: z.string(), displayName: z.string(), certificateNo: z.string() })),
});
export type MarkingProgress = z.infer<typeof MarkingProgress>;

/** The whole mark record of a plan (HR, the assigned supervisors, the institution — never examiners: marking is blind). */
export const MarkRecordQuery = z.strictObject({ enrolmentId: z.uuid().optional() });
export const MarkRecord = z.object({
  items: z.array(
    z.object({
      partId: z.string(),
      partKind: z.enum(['theory', 'practical', 'review']),
      enrolmentId: z.string(),
      examNumber: z.string(),
      itemId: z.string(),
      points: z.number(),
      status: z.enum(['waiting', 'agreed', 'disputed', 'decided']),
      final: z.number().nullable(),
      marks: z.array(
        z.object({
          examinerName: z.string(),
          certificateNo: z.string().nullable(),
          round: z.enum(['first', 'remark']),
          scores: z.array(z.object({ criterionId: z.string(), score: z.number() })),
          vetoes: z.array(z.string()),
          comment: z.string().nullable(),
          total: z.number(),
          source: z.enum(['screen', 'paper']),
          sheetAttachmentId: z.string().nullable(),
          at: z.string(),
        }),
      ),
      decisions: z.array(z.object({ kind: z.enum(['chief', 'remark']), score: z.number(), reason: z.string(), decidedBy: z.string(), at: z.string() })),
    }),
  ),
});
export type MarkRecord = z.infer<typeof MarkRecord>;
