import { char, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { plans } from './schema-plans.ts';
import { institutionScope, institutions, users, violations } from './schema.ts';

// --- Supervision: sanctions on a violation, inspections (检查) with rectification (整改), anomaly signals ---------------

/**
 * A sanction HR imposes on a violation. kind: warning | suspend_line (one scope line) | suspend_institution |
 * revoke_filing | revoke_certificates (named certificates). It acts at once: the same transaction sets the institution's
 * status / the line's suspendedAt / revokes the certificates. status: in_force | lifted. `until` (YYYY-MM-DD) is the
 * last day of a suspension set for a period; null = until lifted.
 */
export const sanctions = pgTable(
  'sanctions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    violationId: uuid('violation_id')
      .notNull()
      .references(() => violations.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    kind: varchar('kind', { length: 24 }).notNull(),
    scopeLineId: uuid('scope_line_id').references(() => institutionScope.id),
    until: char('until', { length: 10 }),
    certificateIds: jsonb('certificate_ids').$type<string[]>().notNull().default([]),
    status: varchar('status', { length: 16 }).notNull().default('in_force'),
    imposedBy: uuid('imposed_by').references(() => users.id),
    imposedAt: timestamp('imposed_at', { withTimezone: true }).notNull().defaultNow(),
    liftedBy: uuid('lifted_by').references(() => users.id),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftReason: text('lift_reason'),
  },
  (t) => [index('sanctions_inst_idx').on(t.institutionId), index('sanctions_violation_idx').on(t.violationId)],
);

/** History of a violation record: recorded, sanctioned, appealed, appeal decided, lifted, closed — who, when, why. */
export const violationEvents = pgTable(
  'violation_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    violationId: uuid('violation_id')
      .notNull()
      .references(() => violations.id),
    action: varchar('action', { length: 32 }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    reason: text('reason'),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('violation_events_violation_idx').on(t.violationId)],
);

/** The institution's appeal (申诉) against a violation record. status: pending | upheld (record stands) | granted. */
export const violationAppeals = pgTable(
  'violation_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    violationId: uuid('violation_id')
      .notNull()
      .references(() => violations.id),
    reason: text('reason').notNull(),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
    status: varchar('status', { length: 16 }).notNull().default('pending'),
    filedBy: uuid('filed_by').references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decision: text('decision'),
  },
  (t) => [index('violation_appeals_violation_idx').on(t.violationId)],
);

/**
 * An institution-level inspection (检查) by an HR bureau or a supervisor, planned or ad hoc, of an institution or one of
 * its plans. status: planned | open | rectifying | closed.
 */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    planId: uuid('plan_id').references(() => plans.id),
    /** The region of the institution (scope checks without a join). */
    regionCode: char('region_code', { length: 6 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    title: text('title').notNull(),
    scheduledOn: char('scheduled_on', { length: 10 }),
    status: varchar('status', { length: 16 }).notNull().default('planned'),
    findings: text('findings'),
    /** The signal it was opened from, if any. */
    signalId: uuid('signal_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('inspections_inst_idx').on(t.institutionId), index('inspections_region_idx').on(t.regionCode)],
);

/** One rectification item (整改) of an inspection. status: open | responded | accepted. */
export const rectificationItems = pgTable(
  'rectification_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    description: text('description').notNull(),
    dueOn: char('due_on', { length: 10 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('open'),
    response: text('response'),
    respondedBy: uuid('responded_by').references(() => users.id),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    returnReason: text('return_reason'),
  },
  (t) => [index('rectification_items_inspection_idx').on(t.inspectionId)],
);

/**
 * An anomaly signal with the evidence behind it (numbers, who, the threshold) — never a bare score. kind: pass_rate |
 * shared_wrong_answers | examiner_deviation | exam_events | lead_time. `key` identifies what it is about, so a
 * detection run stores each signal once. status: open | dismissed | inspected.
 */
export const signals = pgTable(
  'signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: varchar('kind', { length: 32 }).notNull(),
    key: text('key').notNull(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    institutionId: uuid('institution_id').references(() => institutions.id),
    planId: uuid('plan_id').references(() => plans.id),
    summary: text('summary').notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    status: varchar('status', { length: 16 }).notNull().default('open'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    dismissReason: text('dismiss_reason'),
    inspectionId: uuid('inspection_id').references(() => inspections.id),
  },
  (t) => [uniqueIndex('signals_key_idx').on(t.kind, t.key), index('signals_region_idx').on(t.regionCode)],
);
