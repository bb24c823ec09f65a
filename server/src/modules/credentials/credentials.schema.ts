import { z } from 'zod';

export const OrgParams = z.strictObject({ orgId: z.uuid() });
export const StatusListParams = z.strictObject({ orgId: z.uuid(), listId: z.uuid() });

export const CheckResult = z.object({
  check: z.enum(['format', 'issuer', 'key', 'signature', 'status', 'sm2']),
  outcome: z.enum(['pass', 'fail', 'could_not_check']),
  reason: z.string(),
  detail: z.string().optional(),
});

export const VerificationResult = z.object({
  valid: z.boolean().describe('true only when every check passed'),
  checks: z.array(CheckResult),
  issuer: z.object({ orgId: z.string(), did: z.string(), name: z.string() }).optional(),
});

/** A pasted or uploaded credential (JSON object); its shape is judged by the checks, not refused here. */
export const VerifyBody = z.record(z.string(), z.unknown());

/** Largest credential accepted for verification (ours are ~2–3 KB). */
export const VERIFY_BODY_LIMIT = 64 * 1024;
