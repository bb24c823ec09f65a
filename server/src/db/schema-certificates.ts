import { sql } from 'drizzle-orm';
import { char, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { enrolments, jobs, persons } from './schema-enrolment.ts';
import { plans } from './schema-plans.ts';
import { institutions, organisations, users } from './schema.ts';

// --- Certificates (证书): issuance in batches, reissue (补发/换发), revocation, the free public query's rate limit ----

/** One check behind a certificate's verification, as the credentials module answered it right after signing. */
export interface StoredCheck {
  name: string;
  outcome: 'pass' | 'fail' | 'could_not_check';
  reason?: string;
}

/**
 * A certificate. kind: skill_level (职业技能等级证书, issued and signed by the institution), special_ability
 * (专项职业能力证书, signed by the HR bureau), qualification (国家职业资格证书: a record with its external issuer, unsigned).
 * The number is allocated in the same transaction as the row (DOMAIN §7) and never reused; a revoked certificate keeps
 * its row (status revoked). `credential` is the signed VC as issued (immutable): it was verified once after signing and
 * the result (`checks`) is kept with the SHA-256 of the stored JSON, so the public look-up answers from the database.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: varchar('number', { length: 22 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    /** The enrolment it was issued for: at most one certificate per enrolment (what makes a batch idempotent). */
    enrolmentId: uuid('enrolment_id').references(() => enrolments.id),
    planId: uuid('plan_id').references(() => plans.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    institutionId: uuid('institution_id').references(() => institutions.id),
    /** The organisation that signed it (the school; the HR bureau for 专项); null for a qualification record. */
    issuerOrgId: uuid('issuer_org_id').references(() => organisations.id),
    issuerName: text('issuer_name').notNull(),
    /** 评价机构代码 in the catalog; for a qualification record, the external issuer's name goes in issuerName. */
    institutionCode: varchar('institution_code', { length: 32 }),
    holderName: text('holder_name').notNull(),
    idType: varchar('id_type', { length: 20 }).notNull(),
    /** The vault's keyed hash of the ID number (the public search by name + ID number). */
    idHash: varchar('id_hash', { length: 64 }).notNull(),
    /** `5***************1X`: what staff and the holder see; the whole number stays sealed in persons. */
    maskedIdNumber: varchar('masked_id_number', { length: 40 }).notNull(),
    occupationCode: varchar('occupation_code', { length: 32 }),
    occupationName: text('occupation_name').notNull(),
    /** 工种/职业方向, `--` when none. */
    workType: text('work_type').notNull(),
    level: smallint('level'),
    issuedOn: char('issued_on', { length: 10 }).notNull(),
    /** Year (yy) and serial of the number (positions 14–15, 17–22). */
    year: smallint('year'),
    serial: integer('serial'),
    statusListId: uuid('status_list_id'),
    statusIndex: integer('status_index'),
    credential: text('credential'),
    credentialHash: char('credential_hash', { length: 64 }),
    checks: jsonb('checks').$type<StoredCheck[]>(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** valid | revoked */
    status: varchar('status', { length: 10 }).notNull().default('valid'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    /** issuer | hr (on a violation) */
    revokedAs: varchar('revoked_as', { length: 8 }),
    revokeReason: text('revoke_reason'),
    /** 印制序号: 1 at issue, one more on each reissue (补发/换发) under the same number. */
    printSerial: integer('print_serial').notNull().default(1),
    remark: text('remark'),
    batchId: uuid('batch_id'),
    issuedBy: uuid('issued_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('certificates_number_uq').on(t.number),
    uniqueIndex('certificates_enrolment_uq').on(t.enrolmentId),
    index('certificates_holder_idx').on(t.idHash),
    index('certificates_plan_idx').on(t.planId),
    index('certificates_institution_idx').on(t.institutionId, t.createdAt),
    index('certificates_person_idx').on(t.personId),
    check('certificates_status', sql`${t.status} in ('valid', 'revoked')`),
  ],
);

/** A plan's issuance batch: one per plan (running it again resumes it); the job does the work in chunks. */
export const certificateBatches = pgTable('certificate_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id')
    .notNull()
    .unique()
    .references(() => plans.id),
  jobId: uuid('job_id').references(() => jobs.id),
  /** running | done | failed */
  status: varchar('status', { length: 10 }).notNull(),
  total: integer('total').notNull(),
  issued: integer('issued').notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** 补发/换发: a new print of the same number, with its print serial and remark. */
export const certificateReissues = pgTable(
  'certificate_reissues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    /** lost (补发) | damaged (换发) */
    reason: varchar('reason', { length: 10 }).notNull(),
    printSerial: integer('print_serial').notNull(),
    remark: text('remark').notNull(),
    by: uuid('by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('certificate_reissues_uq').on(t.certificateId, t.printSerial)],
);
