import { z } from 'zod';
import { Paging, pageOf } from './common.ts';
import { vm } from '../validation-key.ts';

/** 投诉 — complaint states: new → assigned → investigating → answered → closed. */
export const ComplaintStatus = z.enum(['new', 'assigned', 'investigating', 'answered', 'closed']);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

/** Evidence files with a complaint: JPEG, PNG or PDF, at most 3 files of 2 MiB each (base64 in the JSON body). */
export const COMPLAINT_EVIDENCE_MAX_FILES = 3;
export const COMPLAINT_EVIDENCE_MAX_BYTES = 2 * 1024 * 1024;
/** No folder separator, no control character, not `.` or `..`. */
const isBareFileName = (n: string) =>
  n !== '.' && n !== '..' && ![...n].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
export const EvidenceUpload = z.strictObject({
  /** A bare file name: no folder (/ or \\), no control character, not `.` or `..` (it goes into a download header). */
  filename: z.string().trim().min(1).max(200).refine(isBareFileName, vm('valid.fileName')),
  contentBase64: z
    .string()
    .min(4)
    .max(Math.ceil((COMPLAINT_EVIDENCE_MAX_BYTES * 4) / 3) + 8),
});

export const ComplaintBody = z.strictObject({
  institutionId: z.uuid(),
  matter: z.string().trim().min(10).max(4000),
  name: z.string().trim().min(1).max(50),
  contact: z.string().trim().min(3).max(100),
  evidence: z.array(EvidenceUpload).max(COMPLAINT_EVIDENCE_MAX_FILES).default([]),
});
export type ComplaintBody = z.input<typeof ComplaintBody>;

export const ComplaintReceipt = z.object({ trackingCode: z.string() });
export const ComplaintTrackingParams = z.strictObject({ code: z.string().trim().min(4).max(20) });

/** What whoever holds the tracking code sees: progress and the answer — never the complainant's contact or HR's notes. */
export const PublicComplaint = z.object({
  trackingCode: z.string(),
  institutionName: z.string(),
  status: ComplaintStatus,
  matter: z.string(),
  answer: z.string().nullable(),
  createdAt: z.string(),
  assignedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type PublicComplaint = z.infer<typeof PublicComplaint>;

export const ComplaintNote = z.object({ at: z.string(), byName: z.string(), text: z.string() });
export const ComplaintEvidenceMeta = z.object({ id: z.uuid(), filename: z.string(), mimeType: z.string(), size: z.number().int(), sha256: z.string() });

/** HR's view (with the complainant's contact, to reply). */
export const ComplaintView = z.object({
  id: z.uuid(),
  trackingCode: z.string(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  regionCode: z.string(),
  matter: z.string(),
  name: z.string(),
  contact: z.string(),
  status: ComplaintStatus,
  assignedTo: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  notes: z.array(ComplaintNote),
  answer: z.string().nullable(),
  evidence: z.array(ComplaintEvidenceMeta),
  createdAt: z.string(),
  assignedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;

export const ComplaintQuery = z.strictObject({
  status: ComplaintStatus.optional(),
  institutionId: z.uuid().optional(),
  mine: z.enum(['true', 'false']).optional(),
  ...Paging,
});
export const ComplaintPage = pageOf(ComplaintView);

export const AssignBody = z.strictObject({ userId: z.uuid() });
export const NoteBody = z.strictObject({ text: z.string().trim().min(1).max(4000) });
export const ComplaintAnswerBody = z.strictObject({ answer: z.string().trim().min(5).max(4000) });
export const EvidenceParams = z.strictObject({ id: z.uuid(), evidenceId: z.uuid() });

/** HR users a complaint may be assigned to (bureaus over the institution's region). */
export const Assignee = z.object({ id: z.uuid(), displayName: z.string(), orgName: z.string() });
