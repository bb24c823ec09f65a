import { z } from 'zod';
import { Paging } from './common.ts';
import { IdType } from './enrolment.ts';
import { vm } from '../validation-key.ts';

// 外部证书: certificates students gained through other channels, recorded by their school (issue 14 item 3, R12), and
// 国家职业资格证书 issued by an external authority to a plan's cleared candidates (issue 13 item 1). Never verified by us.

export const EXTERNAL_KINDS = ['qualification', 'skill_level', 'special_ability', 'competition', 'enterprise'] as const;
export const ExternalKind = z.enum(EXTERNAL_KINDS);
export type ExternalKind = z.infer<typeof ExternalKind>;
export const EXTERNAL_CHANNELS = ['national', 'partner_enterprise', 'social_organisation', 'competition', 'legacy'] as const;
export const ExternalChannel = z.enum(EXTERNAL_CHANNELS);
export type ExternalChannel = z.infer<typeof ExternalChannel>;
export const ExternalStatus = z.enum(['recorded', 'withdrawn']);

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, vm('valid.day'));
const Text = (max: number) => z.string().trim().min(1).max(max);

/** One certificate recorded by hand (the form); the import's rows take the same fields. */
export const ExternalCertificateBody = z.strictObject({
  holderName: Text(50),
  idType: IdType.default('resident_id'),
  idNumber: z.string().trim().min(5).max(30),
  /** Needed for a holder not known yet whose document is not a 居民身份证 (its number carries neither). */
  gender: z.enum(['male', 'female']).nullish(),
  birthDate: Day.nullish(),
  kind: ExternalKind,
  channel: ExternalChannel,
  issuerName: Text(100),
  number: z.string().max(200),
  occupationCode: z.string().trim().max(32).nullish(),
  occupationName: Text(100),
  workType: z.string().trim().max(100).nullish(),
  level: z.number().int().min(1).max(5).nullish(),
  issuedOn: Day,
  majorCode: z.string().trim().max(6).nullish(),
  evidenceAttachmentId: z.uuid().nullish(),
});
export type ExternalCertificateBody = z.infer<typeof ExternalCertificateBody>;

export const ExternalCertificate = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  holderName: z.string(),
  idType: z.string(),
  maskedIdNumber: z.string(),
  enrolmentId: z.string().nullable(),
  kind: ExternalKind,
  channel: ExternalChannel,
  issuerName: z.string(),
  number: z.string(),
  occupationCode: z.string().nullable(),
  occupationName: z.string(),
  workType: z.string(),
  level: z.number().int().nullable(),
  issuedOn: z.string(),
  majorCode: z.string().nullable(),
  evidenceAttachmentId: z.string().nullable(),
  status: ExternalStatus,
  /** Always true: recorded by a school, issued elsewhere, never verified by this platform. */
  external: z.literal(true),
  createdAt: z.string(),
});
export type ExternalCertificate = z.infer<typeof ExternalCertificate>;

export const ExternalCertificateQuery = z.strictObject({
  ...Paging,
  q: z.string().trim().max(50).optional(),
  kind: ExternalKind.optional(),
  channel: ExternalChannel.optional(),
  status: ExternalStatus.optional(),
  planId: z.uuid().optional(),
});

export const WithdrawBody = z.strictObject({ reason: Text(200) });

export const ExternalImportBody = z.strictObject({ contentBase64: z.string().min(1).max(14_000_000) });
export const ExternalRowError = z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() });
export type ExternalRowError = z.infer<typeof ExternalRowError>;
/** Nothing is written unless every row is accepted; rows already recorded (same issuer and number) are skipped. */
export const ExternalImportReport = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ExternalRowError),
});
export type ExternalImportReport = z.infer<typeof ExternalImportReport>;

/** 国家职业资格证书 issued by an external authority for a plan's cleared candidates (issue 13 item 1). */
export const NationalRecordBody = z.strictObject({
  issuerName: Text(100),
  issuedOn: Day,
  items: z
    .array(z.strictObject({ enrolmentId: z.uuid(), number: z.string().max(200) }))
    .min(1)
    .max(2000),
});
export const NationalCandidates = z.object({
  planId: z.string(),
  /** The plan's occupation is a 准入类 国家职业资格 or its filing names an external issuer. */
  externalIssuer: z.boolean(),
  items: z.array(
    z.object({
      enrolmentId: z.string(),
      name: z.string(),
      maskedIdNumber: z.string(),
      record: z.object({ id: z.string(), issuerName: z.string(), number: z.string(), issuedOn: z.string() }).nullable(),
    }),
  ),
});
export type NationalCandidates = z.infer<typeof NationalCandidates>;
