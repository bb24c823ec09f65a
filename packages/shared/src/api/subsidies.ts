import { z } from 'zod';
import { CertificateNumber } from './certificates.ts';
import { checkDateRange, DateRange, ListDay, Paging } from './common.ts';
import { vm } from '../validation-key.ts';

// 职业技能提升补贴 (R11): the holder's claim, the school's bulk application, HR's review, payment and totals.

export const SubsidyStatus = z.enum(['submitted', 'approved', 'refused', 'paid']);
export type SubsidyStatus = z.infer<typeof SubsidyStatus>;
export const SubsidyChannel = z.enum(['holder', 'school']);

/** The eligibility checks, in the order they are shown. */
export const SUBSIDY_CHECKS = ['certificate', 'window', 'once_per_level', 'per_year', 'no_lower_after_higher', 'amount', 'local_rules'] as const;
export const SubsidyCheckName = z.enum(SUBSIDY_CHECKS);
export type SubsidyCheckName = z.infer<typeof SubsidyCheckName>;

/** One check as computed when the claim was made: its outcome and the facts it was decided on. */
export const SubsidyCheck = z.object({
  name: SubsidyCheckName,
  outcome: z.enum(['pass', 'fail']),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type SubsidyCheck = z.infer<typeof SubsidyCheck>;

/** A bank account number (银行账号): 12–30 digits; spaces and hyphens as written on a card are dropped. */
export const BankAccount = z
  .string()
  .trim()
  .max(40)
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{12,30}$/, vm('valid.bankAccount')));

export const ClaimBody = z.strictObject({ certificateId: z.uuid(), bankAccount: BankAccount });

/** The school applies for its students: rows of certificate number + bank account (selected on screen or from Excel). */
export const BulkClaimBody = z.strictObject({
  rows: z
    .array(z.strictObject({ certificateNumber: CertificateNumber, bankAccount: BankAccount }))
    .min(1)
    .max(2000),
});

export const BulkRowResult = z.object({
  /** 1-based row (the Excel sheet's row when imported). */
  row: z.number().int(),
  certificateNumber: z.string(),
  /** created: a new claim; exists: this certificate already has a live claim (nothing written); refused: a rule said no. */
  outcome: z.enum(['created', 'exists', 'refused']),
  claimId: z.string().nullable(),
  code: z.string().nullable(),
  rule: z.string().nullable(),
  check: z.string().nullable(),
  message: z.string().nullable(),
});
export const BulkClaimResult = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  refused: z.number().int(),
  rows: z.array(BulkRowResult),
});
export type BulkClaimResult = z.infer<typeof BulkClaimResult>;

export const SubsidyClaim = z.object({
  id: z.string(),
  certificateId: z.string(),
  certificateNumber: z.string(),
  holderName: z.string(),
  maskedIdNumber: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  level: z.number().int(),
  issuedOn: z.string(),
  /** The HR bureau's region that reviews it, and that bureau's name. */
  regionCode: z.string(),
  reviewerName: z.string().nullable(),
  schoolName: z.string().nullable(),
  amount: z.number().int(),
  status: SubsidyStatus,
  channel: SubsidyChannel,
  checks: z.array(SubsidyCheck),
  bankAccountMasked: z.string().nullable(),
  appliedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reason: z.string().nullable(),
  paidOn: z.string().nullable(),
  paidAmount: z.number().int().nullable(),
  bankReference: z.string().nullable(),
});
export type SubsidyClaim = z.infer<typeof SubsidyClaim>;

export const MyClaims = z.object({ items: z.array(SubsidyClaim) });

export const ClaimQuery = z
  .strictObject({
    ...Paging,
    status: SubsidyStatus.optional(),
    level: z.coerce.number().int().min(1).max(5).optional(),
    channel: SubsidyChannel.optional(),
    /** Name or certificate number. */
    q: z.string().trim().max(50).optional(),
    /** HR: only the claims waiting for my own bureau (to review; with status=approved, to pay). */
    todo: z.stringbool().optional(),
    ...DateRange,
  })
  .superRefine(checkDateRange);

export const ReviewBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), reason: z.string().trim().max(500).optional() }),
  z.strictObject({ decision: z.literal('refuse'), reason: z.string().trim().min(2).max(500) }),
]);

export const PaymentBody = z.strictObject({
  paidOn: ListDay,
  amount: z.number().int().min(1).max(1_000_000),
  bankReference: z.string().trim().min(4).max(64),
});

export const TotalsQuery = z.strictObject({ ...DateRange, period: z.enum(['month', 'year']).default('month') }).superRefine(checkDateRange);

/** One line of totals: a region (the reviewing bureau's), a period (of application) and a level. */
export const TotalsLine = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  period: z.string(),
  level: z.number().int(),
  claims: z.number().int(),
  submitted: z.number().int(),
  approved: z.number().int(),
  refused: z.number().int(),
  paid: z.number().int(),
  /** Yuan granted (approved or paid claims' amounts) and paid out. */
  approvedAmount: z.number().int(),
  paidAmount: z.number().int(),
});
export const Totals = z.object({ lines: z.array(TotalsLine) });
export type TotalsLine = z.infer<typeof TotalsLine>;
