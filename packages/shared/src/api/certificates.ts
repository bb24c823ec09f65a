import { z } from 'zod';
import { Paging } from './common.ts';
import { IdType } from './enrolment.ts';
import { vm } from '../validation-key.ts';

// 证书: issuance, the institution's list, revocation, reissue, the holder's page and the free public query (R10).

/** 22 characters: S|Y and 21 digits (DOMAIN §7). Checked at the edge, before any query. */
export const CERTIFICATE_NUMBER = /^[SY]\d{21}$/;
export const CertificateNumber = z.string().regex(CERTIFICATE_NUMBER, vm('valid.certificateNumber'));
export const CertificateNumberParams = z.strictObject({ number: CertificateNumber });

export const CertificateKind = z.enum(['skill_level', 'special_ability', 'qualification']);
export type CertificateKind = z.infer<typeof CertificateKind>;
export const CertificateStatus = z.enum(['valid', 'revoked']);
export const CheckOutcome = z.enum(['pass', 'fail', 'could_not_check']);

export const CertificateCheck = z.object({ name: z.string(), outcome: CheckOutcome, reason: z.string().optional() });

/** What anyone sees of a certificate: the holder's name masked, never an ID number. */
export const PublicCertificate = z.object({
  number: z.string(),
  kind: CertificateKind,
  title: z.string(),
  holderName: z.string(),
  occupationCode: z.string().nullable(),
  occupationName: z.string(),
  workType: z.string(),
  level: z.number().int().nullable(),
  levelText: z.string(),
  issuer: z.object({ name: z.string(), institutionCode: z.string().nullable() }),
  /** The issuer's entry in the public catalog of filed institutions (R10). */
  catalog: z.object({ institutionId: z.string(), name: z.string(), code: z.string(), status: z.string(), validTo: z.string() }).nullable(),
  issuedOn: z.string(),
  status: CertificateStatus,
  revokedAt: z.string().nullable(),
  /** Signed, signature checked, issuer in the catalog, key valid at issue, status list — all pass (and not revoked). */
  genuine: z.boolean(),
  checks: z.array(CertificateCheck),
  printSerial: z.number().int(),
  credentialUrl: z.string().nullable(),
});
export type PublicCertificate = z.infer<typeof PublicCertificate>;

export const PublicSearchBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  idType: IdType.default('resident_id'),
  idNumber: z.string().trim().min(5).max(30),
});
export const PublicSearchResult = z.object({ items: z.array(PublicCertificate) });

/** The institution's (and HR's) view: the holder's name in full, the ID number masked. */
export const Certificate = PublicCertificate.extend({
  id: z.string(),
  planId: z.string().nullable(),
  holderFullName: z.string(),
  maskedIdNumber: z.string(),
  revokeReason: z.string().nullable(),
  remark: z.string().nullable(),
  createdAt: z.string(),
});
export type Certificate = z.infer<typeof Certificate>;

export const CertificateQuery = z.strictObject({
  ...Paging,
  q: z.string().trim().max(50).optional(),
  planId: z.uuid().optional(),
  /** One institution's certificates (HR picks the ones a sanction revokes). */
  institutionId: z.uuid().optional(),
  status: CertificateStatus.optional(),
});

export const IssueBody = z.strictObject({
  /** Only these candidates (each must be cleared); all cleared candidates when absent. */
  enrolmentIds: z.array(z.uuid()).min(1).max(10000).optional(),
});

export const CertificateBatch = z.object({
  planId: z.string(),
  status: z.enum(['none', 'running', 'done', 'failed']),
  total: z.number().int(),
  issued: z.number().int(),
  jobId: z.string().nullable(),
  /** Candidates of the plan not cleared for a certificate, with why (not_passed, objection_open, flag_open). */
  notCleared: z.array(z.object({ enrolmentId: z.string(), blocks: z.array(z.string()) })),
});
export type CertificateBatch = z.infer<typeof CertificateBatch>;

export const RevokeBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const ReissueBody = z.strictObject({ reason: z.enum(['lost', 'damaged']), remark: z.string().trim().min(2).max(500) });

export const MyCertificates = z.object({ items: z.array(Certificate) });
