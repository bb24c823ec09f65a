import { sql } from 'drizzle-orm';
import { char, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { certificates } from './schema-certificates.ts';
import { enrolments, persons } from './schema-enrolment.ts';
import { attachments, organisations, regions, users } from './schema.ts';

// --- After issuance: certificates from other channels, subsidies (职业技能提升补贴) -----------------------------------

/**
 * A certificate we did not issue, recorded by a school with its external issuer (never shown as verified by us).
 * kind: qualification (国家职业资格证书, incl. the older 16-digit numbers) | skill_level (职业技能等级证书 of another
 * institution) | special_ability (专项职业能力证书) | competition (技能竞赛 award) | enterprise (partner enterprise's
 * certificate). channel: how the student gained it — national (an external issuing authority, e.g. a plan of a
 * 准入类 qualification), partner_enterprise, social_organisation (社会培训评价组织), competition, legacy (before the platform).
 * It counts in statistics, coverage (R13) and 1+X (R12).
 */
export const externalCertificates = pgTable(
  'external_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The school that recorded it. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Set when recorded for a cleared candidate of one of our plans (国家职业资格证书 issued by the external issuer). */
    enrolmentId: uuid('enrolment_id').references(() => enrolments.id),
    kind: varchar('kind', { length: 16 }).notNull(),
    channel: varchar('channel', { length: 24 }).notNull(),
    issuerName: text('issuer_name').notNull(),
    number: varchar('number', { length: 64 }).notNull(),
    occupationCode: varchar('occupation_code', { length: 32 }),
    occupationName: text('occupation_name').notNull(),
    /** 工种/职业方向, `--` when none. */
    workType: text('work_type').notNull().default('--'),
    level: smallint('level'),
    issuedOn: char('issued_on', { length: 10 }).notNull(),
    /** The holder's major (专业) at the school, for coverage (R13). */
    majorCode: varchar('major_code', { length: 6 }),
    evidenceAttachmentId: uuid('evidence_attachment_id').references(() => attachments.id),
    /** recorded | withdrawn */
    status: varchar('status', { length: 10 }).notNull().default('recorded'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('external_certificates_number_uq').on(t.issuerName, t.number),
    index('external_certificates_org_idx').on(t.orgId),
    index('external_certificates_person_idx').on(t.personId),
  ],
);

/**
 * A claim for 职业技能提升补贴 against one of our certificates (R11), reviewed by the HR bureau of the holder's place
 * (regionCode: the county or the city, by profile). status: submitted | approved | refused | paid. A claim never pays
 * twice: payment fields are written once, on approved → paid. Bank account sealed like ID numbers, masked when shown.
 */
export const subsidyClaims = pgTable(
  'subsidy_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    occupationCode: varchar('occupation_code', { length: 32 }).notNull(),
    level: smallint('level').notNull(),
    regionCode: char('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    /** Yuan, from the profile's amount for the level at the time of the claim. */
    amount: integer('amount').notNull(),
    status: varchar('status', { length: 10 }).notNull(),
    /** holder | school (bulk) */
    channel: varchar('channel', { length: 8 }).notNull(),
    /** The eligibility checks as computed when the claim was made: [{ name, outcome, detail }]. */
    checks: jsonb('checks').notNull(),
    bankAccountCipher: text('bank_account_cipher'),
    bankAccountMasked: varchar('bank_account_masked', { length: 40 }),
    appliedBy: uuid('applied_by').references(() => users.id),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reason: text('reason'),
    paidOn: char('paid_on', { length: 10 }),
    paidAmount: integer('paid_amount'),
    bankReference: text('bank_reference'),
    paidBy: uuid('paid_by').references(() => users.id),
  },
  (t) => [
    // One live claim per person, occupation and level (a refused claim does not block a new one).
    uniqueIndex('subsidy_claims_one_uq').on(t.personId, t.occupationCode, t.level).where(sql`${t.status} <> 'refused'`),
    index('subsidy_claims_region_idx').on(t.regionCode, t.status),
    index('subsidy_claims_certificate_idx').on(t.certificateId),
  ],
);
