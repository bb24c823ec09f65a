import { z } from 'zod';
import { vm } from '../validation-key.ts';

// --- 督导: supervision of a plan's sittings (逢考必督), inspection reports, flags; R15 assessor workload ---------------

export const PlanSupervisionParams = z.strictObject({ id: z.uuid() });
export const FlagParams = z.strictObject({ id: z.uuid(), flagId: z.uuid() });
export const ReportPhotoParams = z.strictObject({ id: z.uuid(), reportId: z.uuid(), photoId: z.uuid() });

/** The live view polls with the last integrity event id it has seen. */
export const LiveQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

/** A candidate's attempt state as the room shows it; `not_prepared` when no copy exists yet (e.g. a practical sitting). */
export const RoomCandidateStatus = z.enum(['not_prepared', 'prepared', 'signed_in', 'writing', 'submitted', 'absent']);
export type RoomCandidateStatus = z.infer<typeof RoomCandidateStatus>;

export const RoomCandidate = z.object({
  enrolmentId: z.uuid(),
  seat: z.number().int(),
  examNumber: z.string(),
  name: z.string(),
  status: RoomCandidateStatus,
  switchCount: z.number().int(),
  submittedAt: z.string().nullable(),
  openFlags: z.number().int(),
});
export type RoomCandidate = z.infer<typeof RoomCandidate>;
export const RoomCounts = z.object({
  seated: z.number().int(),
  notPrepared: z.number().int(),
  prepared: z.number().int(),
  signedIn: z.number().int(),
  writing: z.number().int(),
  submitted: z.number().int(),
  absent: z.number().int(),
});
export type RoomCounts = z.infer<typeof RoomCounts>;
export const LiveRoom = z.object({
  sittingId: z.uuid(),
  partId: z.uuid(),
  partKind: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  site: z.string(),
  room: z.string(),
  counts: RoomCounts,
  candidates: z.array(RoomCandidate),
  openFlags: z.number().int(),
});
export type LiveRoom = z.infer<typeof LiveRoom>;
export const LiveEvent = z.object({
  id: z.number().int(),
  sittingId: z.uuid(),
  room: z.string(),
  examNumber: z.string(),
  kind: z.string(),
  data: z.unknown(),
  at: z.string(),
});
export type LiveEvent = z.infer<typeof LiveEvent>;
/** Marking progress of one part: candidate × marked item pairs by their agreement state (marking.rules `agreement`). */
export const MarkProgress = z.object({
  partId: z.uuid(),
  partKind: z.string(),
  expected: z.number().int(),
  marks: z.number().int(),
  waiting: z.number().int(),
  agreed: z.number().int(),
  disputed: z.number().int(),
  decided: z.number().int(),
});
export type MarkProgress = z.infer<typeof MarkProgress>;
export const LiveView = z.object({
  plan: z.object({ id: z.uuid(), title: z.string(), status: z.string(), orgName: z.string() }),
  serverNow: z.string(),
  rooms: z.array(LiveRoom),
  events: z.array(LiveEvent),
  /** The id to poll `after` next time (unchanged when no new event came). */
  lastEventId: z.number().int(),
  /** True when more events than one page came since `after`: poll again at once. */
  moreEvents: z.boolean(),
  marks: z.array(MarkProgress),
});
export type LiveView = z.infer<typeof LiveView>;

// --- 督导报告 -----------------------------------------------------------------------------------------

const Line = z.string().trim().min(1).max(500);
export const ReportBody = z.strictObject({
  /** One sitting (场次) of the plan, or the whole plan when absent. */
  sittingId: z.uuid().optional(),
  findings: z.string().trim().min(1).max(10_000),
  irregularities: z.array(Line).max(50).default([]),
  /** Uploaded through /api/attachments first: JPEG or PNG, at most 5 MiB each, by the filing supervisor. */
  photoIds: z.array(z.uuid()).max(12).default([]),
  /** A report is never edited: a correction is a new report naming the one it corrects. */
  correctsId: z.uuid().optional(),
});
export type ReportBody = z.input<typeof ReportBody>;

export const ReportPhoto = z.object({ id: z.uuid(), filename: z.string(), mimeType: z.string(), size: z.number().int() });
export const InspectionReport = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  sittingId: z.uuid().nullable(),
  sittingLabel: z.string().nullable(),
  supervisor: z.object({ userId: z.uuid(), displayName: z.string() }),
  findings: z.string(),
  irregularities: z.array(z.string()),
  photos: z.array(ReportPhoto),
  correctsId: z.uuid().nullable(),
  /** The later report that corrects this one, if any (this one then stands superseded). */
  correctedById: z.uuid().nullable(),
  createdAt: z.string(),
});
export type InspectionReport = z.infer<typeof InspectionReport>;
export const InspectionReportList = z.object({ items: z.array(InspectionReport) });

// --- flags -------------------------------------------------------------------------------------------

export const FlagBody = z
  .strictObject({
    /** A candidate (enrolment of this plan) … */
    enrolmentId: z.uuid().optional(),
    /** … or a room (sitting of this plan): a room flag holds every candidate seated in it. */
    sittingId: z.uuid().optional(),
    reason: z.string().trim().min(1).max(2000),
  })
  .superRefine((b, ctx) => {
    if ((b.enrolmentId === undefined) === (b.sittingId === undefined)) ctx.addIssue({ code: 'custom', path: ['enrolmentId'], message: vm('valid.flagTarget') });
  });
export type FlagBody = z.input<typeof FlagBody>;
export const ResolveBody = z.strictObject({ resolution: z.string().trim().min(1).max(2000) });

export const FlagStatus = z.enum(['open', 'resolved']);
export const SupervisionFlag = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  kind: z.enum(['candidate', 'room']),
  enrolmentId: z.uuid().nullable(),
  sittingId: z.uuid().nullable(),
  /** The candidate (name and exam numbers) or the room (site, room, date, time). */
  target: z.string(),
  reason: z.string(),
  raisedBy: z.object({ userId: z.uuid(), displayName: z.string() }),
  status: FlagStatus,
  resolution: z.string().nullable(),
  resolvedBy: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Candidates whose clearance this flag holds while open. */
  blocks: z.number().int(),
});
export type SupervisionFlag = z.infer<typeof SupervisionFlag>;
export const FlagList = z.object({ items: z.array(SupervisionFlag) });

// --- R15 workload (绩效) --------------------------------------------------------------------------------

/** 学期: `2025-1` = 2025–2026 学年第一学期 (1 Sep 2025 – 31 Jan 2026); `2025-2` = 第二学期 (1 Feb – 31 Aug 2026). */
export const Term = z.string().regex(/^(20\d\d)-[12]$/, vm('valid.term'));
export const WorkloadQuery = z.strictObject({
  term: Term.optional(),
  /** HR and the platform: one school of the region (default: every school in scope). */
  orgId: z.uuid().optional(),
});
export const WorkloadRow = z.object({
  certificateNo: z.string(),
  name: z.string(),
  username: z.string().nullable(),
  sittingsInvigilated: z.number().int(),
  sittingsExamined: z.number().int(),
  hours: z.number(),
  candidatesMarked: z.number().int(),
  tasksMarked: z.number().int(),
  decisions: z.number().int(),
});
export type WorkloadRow = z.infer<typeof WorkloadRow>;
export const WorkloadReport = z.object({
  term: Term,
  label: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(WorkloadRow),
});
export type WorkloadReport = z.infer<typeof WorkloadReport>;
