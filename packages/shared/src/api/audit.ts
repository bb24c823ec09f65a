import { z } from 'zod';
import { Paging, pageOf } from './common.ts';
import { vm } from '../validation-key.ts';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z
  .strictObject({
    action: z.string().max(64).optional(),
    targetType: z.string().max(64).optional(),
    targetId: z.string().max(64).optional(),
    /** One entry by its number (the first broken one, from verification). */
    seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Who: part of the actor's username (case-insensitive). */
    actor: z.string().trim().max(64).optional(),
    /** Time range, inclusive instants (ISO 8601 with offset). */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    ...Paging,
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.to) < Date.parse(q.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: vm('valid.rangeEnd') });
  });

export const AuditPage = pageOf(AuditEntry);

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first entry whose hash does not match, if any. */
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
