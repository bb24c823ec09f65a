import { z } from 'zod';
import { ListDay, Paging, pageOf } from './common.ts';
import { vm } from '../validation-key.ts';

// --- Violations and sanctions (issue 15 item 2; R4, R14) ----------------------------------------------------------

export const SANCTION_KINDS = ['warning', 'suspend_line', 'suspend_institution', 'revoke_filing', 'revoke_certificates'] as const;
export const SanctionKind = z.enum(SANCTION_KINDS);
export type SanctionKind = z.infer<typeof SanctionKind>;

export const VIOLATION_SEVERITIES = ['minor', 'serious', 'grave'] as const;
export const ViolationSeverity = z.enum(VIOLATION_SEVERITIES);

/** open; closed by HR; annulled when an appeal is granted (it then no longer counts for R4). */
export const VIOLATION_STATUSES = ['open', 'closed', 'annulled'] as const;
export const ViolationStatus = z.enum(VIOLATION_STATUSES);

const text = (max: number) => z.string().trim().min(1).max(max);

export const SanctionInput = z
  .strictObject({
    kind: SanctionKind,
    /** suspend_line: the scope line. */
    scopeLineId: z.uuid().optional(),
    /** A suspension's last day (YYYY-MM-DD); absent = until lifted. */
    until: ListDay.optional(),
    /** revoke_certificates: the certificates, by id. */
    certificateIds: z.array(z.uuid()).max(500).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'suspend_line' && !s.scopeLineId) ctx.addIssue({ code: 'custom', path: ['scopeLineId'], message: vm('valid.scopeLineRequired') });
    if (s.kind === 'revoke_certificates' && !s.certificateIds?.length)
      ctx.addIssue({ code: 'custom', path: ['certificateIds'], message: vm('valid.certificatesRequired') });
    if (s.until && s.kind !== 'suspend_line' && s.kind !== 'suspend_institution')
      ctx.addIssue({ code: 'custom', path: ['until'], message: vm('valid.untilOnlySuspension') });
  });
export type SanctionInput = z.infer<typeof SanctionInput>;

export const ViolationCreate = z.strictObject({
  institutionId: z.uuid(),
  type: text(60),
  severity: ViolationSeverity,
  description: text(2000),
  occurredOn: ListDay,
  /** The rule or clause broken. */
  rule: text(200),
  evidenceIds: z.array(z.uuid()).max(20).default([]),
  sanction: SanctionInput.optional(),
});

export const ReasonBody = z.strictObject({ reason: text(1000) });
export const AppealBody = z.strictObject({ reason: text(2000), attachmentIds: z.array(z.uuid()).max(20).default([]) });
export const AppealDecisionBody = z.strictObject({ grant: z.boolean(), reason: text(1000) });
export const AppealParams = z.strictObject({ id: z.uuid(), appealId: z.uuid() });

export const Sanction = z.object({
  id: z.uuid(),
  kind: SanctionKind,
  scopeLineId: z.uuid().nullable(),
  scopeLineLabel: z.string().nullable(),
  until: z.string().nullable(),
  certificateIds: z.array(z.string()),
  status: z.enum(['in_force', 'lifted']),
  imposedAt: z.string(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
});
export type Sanction = z.infer<typeof Sanction>;

export const ViolationEvent = z.object({
  action: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const Appeal = z.object({
  id: z.uuid(),
  reason: z.string(),
  status: z.enum(['pending', 'upheld', 'granted']),
  filedAt: z.string(),
  decidedAt: z.string().nullable(),
  decision: z.string().nullable(),
});

export const ViolationSummary = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  regionCode: z.string(),
  type: z.string(),
  severity: z.string(),
  description: z.string(),
  occurredOn: z.string().nullable(),
  rule: z.string().nullable(),
  status: ViolationStatus,
  at: z.string(),
  sanctionsInForce: z.number().int(),
  pendingAppeal: z.boolean(),
});
export type ViolationSummary = z.infer<typeof ViolationSummary>;

export const ViolationDetail = ViolationSummary.extend({
  evidenceIds: z.array(z.string()),
  sanctions: z.array(Sanction),
  appeals: z.array(Appeal),
  events: z.array(ViolationEvent),
});
export type ViolationDetail = z.infer<typeof ViolationDetail>;

export const ViolationQuery = z.strictObject({
  institutionId: z.uuid().optional(),
  status: ViolationStatus.optional(),
  ...Paging,
});
export const ViolationPage = pageOf(ViolationSummary);

// --- Inspections (检查) with rectification items (整改) ----------------------------------------------------------

export const INSPECTION_STATUSES = ['planned', 'open', 'rectifying', 'closed'] as const;
export const InspectionStatus = z.enum(INSPECTION_STATUSES);

export const InspectionCreate = z.strictObject({
  institutionId: z.uuid(),
  planId: z.uuid().optional(),
  kind: z.enum(['planned', 'ad_hoc']),
  title: text(200),
  scheduledOn: ListDay.optional(),
  signalId: z.uuid().optional(),
});
export const FindingsBody = z.strictObject({ findings: text(4000) });
export const RectificationCreate = z.strictObject({ description: text(1000), dueOn: ListDay });
export const RectificationResponseBody = z.strictObject({ response: text(2000) });
export const RectificationDecisionBody = z.strictObject({ accept: z.boolean(), reason: z.string().trim().max(1000).optional() });
export const ItemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });

export const RectificationItem = z.object({
  id: z.uuid(),
  description: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'responded', 'accepted']),
  overdue: z.boolean(),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
});

export const Inspection = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  planId: z.uuid().nullable(),
  kind: z.enum(['planned', 'ad_hoc']),
  title: z.string(),
  scheduledOn: z.string().nullable(),
  status: InspectionStatus,
  findings: z.string().nullable(),
  signalId: z.uuid().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  openItems: z.number().int(),
  items: z.array(RectificationItem),
});
export type Inspection = z.infer<typeof Inspection>;
export const InspectionQuery = z.strictObject({ status: InspectionStatus.optional(), institutionId: z.uuid().optional(), ...Paging });
export const InspectionPage = pageOf(Inspection);

// --- Anomaly signals ---------------------------------------------------------------------------------------------

export const SIGNAL_KINDS = ['pass_rate', 'shared_wrong_answers', 'examiner_deviation', 'exam_events', 'lead_time'] as const;
export const Signal = z.object({
  id: z.uuid(),
  kind: z.enum(SIGNAL_KINDS),
  institutionId: z.uuid().nullable(),
  institutionName: z.string().nullable(),
  planId: z.uuid().nullable(),
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'dismissed', 'inspected']),
  detectedAt: z.string(),
  dismissReason: z.string().nullable(),
  inspectionId: z.uuid().nullable(),
});
export type Signal = z.infer<typeof Signal>;
export const SignalQuery = z.strictObject({ status: z.enum(['open', 'dismissed', 'inspected']).optional(), ...Paging });
export const SignalPage = pageOf(Signal);
export const SignalRunResult = z.object({ detected: z.number().int(), stored: z.number().int() });
