import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { certificates } from './schema-certificates.ts';
import { plans } from './schema-plans.ts';
import { institutions, organisations, users } from './schema.ts';

// --- 证书数据上报 (R10): the institution reports its certificates to the HR bureau that listed it; HR exports the ------
// --- national upload file and imports the platform's answer ----------------------------------------------------------

/**
 * A batch the institution sent to its listing HR bureau: the certificates of one plan (first report, or the corrected
 * ones again), with the plan's 认定结果汇总表 generated from its results. status: submitted (waiting for HR) | reviewed.
 */
export const reportBatches = pgTable(
  'report_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    /** The school that reported. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    institutionId: uuid('institution_id').references(() => institutions.id),
    /** The HR bureau that listed the institution (the city's, else the province's): it reviews. */
    hrOrgId: uuid('hr_org_id')
      .notNull()
      .references(() => organisations.id),
    /** first | resubmission */
    kind: varchar('kind', { length: 12 }).notNull(),
    status: varchar('status', { length: 10 }).notNull(),
    certificateCount: integer('certificate_count').notNull(),
    returnedCount: integer('returned_count').notNull().default(0),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    index('report_batches_hr_idx').on(t.hrOrgId, t.status),
    index('report_batches_org_idx').on(t.orgId, t.submittedAt),
    check('report_batches_status', sql`${t.status} in ('submitted', 'reviewed')`),
  ],
);

/**
 * A certificate's report status (no row = pending): submitted → accepted | rejected (reason) → resubmitted → …
 * `correctionNote` is what the institution corrected after a return (required before it is sent again).
 * nationalStatus: none | uploaded (in an exported national upload file) | accepted | rejected (the platform's answer).
 */
export const certificateReports = pgTable(
  'certificate_reports',
  {
    certificateId: uuid('certificate_id')
      .primaryKey()
      .references(() => certificates.id),
    planId: uuid('plan_id').references(() => plans.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    hrOrgId: uuid('hr_org_id')
      .notNull()
      .references(() => organisations.id),
    status: varchar('status', { length: 12 }).notNull(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => reportBatches.id),
    reason: text('reason'),
    correctionNote: text('correction_note'),
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
    nationalStatus: varchar('national_status', { length: 10 }).notNull().default('none'),
    nationalReason: text('national_reason'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('certificate_reports_batch_idx').on(t.batchId),
    index('certificate_reports_hr_idx').on(t.hrOrgId, t.status),
    index('certificate_reports_plan_idx').on(t.planId),
    check('certificate_reports_status', sql`${t.status} in ('submitted', 'accepted', 'rejected', 'resubmitted')`),
    check('certificate_reports_national', sql`${t.nationalStatus} in ('none', 'uploaded', 'accepted', 'rejected')`),
  ],
);

/** Every report transition of a certificate: who, when, from → to, why. */
export const certificateReportEvents = pgTable(
  'certificate_report_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    batchId: uuid('batch_id').references(() => reportBatches.id),
    fromStatus: varchar('from_status', { length: 12 }).notNull(),
    toStatus: varchar('to_status', { length: 12 }).notNull(),
    /** hr | national | institution */
    source: varchar('source', { length: 12 }).notNull(),
    note: text('note'),
    by: uuid('by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certificate_report_events_cert_idx').on(t.certificateId, t.at)],
);
