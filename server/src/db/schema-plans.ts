import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { evalSpecs, institutions, occupations, organisations, papers, specialItems, users } from './schema.ts';

// --- Assessment plans (认定计划): parts, sittings (场次), staff, draws, supervisors, timeline, change requests (变更) ----

/**
 * A listed institution's plan for one occupation (or 专项 item) and level. States: draft → submitted → acknowledged (备案)
 * → in_progress → marking → publicity → closed, with returned and withdrawn.
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    occupationId: uuid('occupation_id').references(() => occupations.id),
    specialItemId: uuid('special_item_id').references(() => specialItems.id),
    workType: text('work_type'),
    level: smallint('level'),
    /** R5: national_standard | eval_spec (a filed 评价规范, evalSpecId). */
    basis: varchar('basis', { length: 20 }).notNull(),
    evalSpecId: uuid('eval_spec_id').references(() => evalSpecs.id),
    /** R6: result (结果考核) | process (过程考核). */
    method: varchar('method', { length: 8 }).notNull(),
    /** R2: own_students | other_schools | society. */
    candidateSources: jsonb('candidate_sources').$type<string[]>().notNull(),
    /** R6 课证融通: a course comprehensive exam score stands in for the theory part. */
    courseExamReplacesTheory: boolean('course_exam_replaces_theory').notNull().default(false),
    capacity: integer('capacity').notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    profileId: varchar('profile_id', { length: 32 }).notNull(),
    /** The profile's lead time (days) when the plan was submitted. */
    leadDays: integer('lead_days'),
    /** 内部质量督导员, named by the institution. */
    internalSupervisor: text('internal_supervisor'),
    note: text('note'),
    /** Bumped each time HR acknowledges a change request (变更). */
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plans_org_idx').on(t.orgId, t.status), index('plans_institution_idx').on(t.institutionId)],
);

/** theory | practical | process (a 过程考核 component, weighted) | review (综合评审, 二级/一级 only). */
export const planParts = pgTable(
  'plan_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    position: smallint('position').notNull(),
    kind: varchar('kind', { length: 12 }).notNull(),
    /** A process component's name (e.g. 平时作业). */
    name: text('name'),
    passMark: doublePrecision('pass_mark').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Weight (%) of a process component in the process result. */
    weight: doublePrecision('weight'),
    paperId: uuid('paper_id').references(() => papers.id),
    /** Late entry refused this many minutes after the start. */
    lateEntryMinutes: integer('late_entry_minutes').notNull().default(15),
    /** No submission before this many minutes have passed. */
    minMinutesBeforeSubmit: integer('min_minutes_before_submit').notNull().default(30),
    /** 切屏 limit of a theory part: a warning each time; null = no limit (exams module, migration exams_more). */
    switchLimit: integer('switch_limit'),
    /** Submit automatically when the switch limit is reached (off by default). */
    autoSubmitAtSwitchLimit: boolean('auto_submit_at_switch_limit').notNull().default(false),
  },
  (t) => [index('plan_parts_plan_idx').on(t.planId)],
);

/** 场次: one part at one date, time, site and room. */
export const planSittings = pgTable(
  'plan_sittings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => planParts.id),
    position: smallint('position').notNull(),
    date: date('date').notNull(),
    startTime: varchar('start_time', { length: 5 }).notNull(),
    endTime: varchar('end_time', { length: 5 }).notNull(),
    /** A site declared in the listing filing (R9), by name. */
    site: text('site').notNull(),
    room: text('room').notNull(),
    capacity: integer('capacity').notNull(),
    /** Classes of the group sitting here (for 回避 in the examiner draw). */
    classes: jsonb('classes').$type<string[]>().notNull().default([]),
  },
  (t) => [index('plan_sittings_plan_idx').on(t.planId), index('plan_sittings_date_idx').on(t.date)],
);

/** 监考 / 考评员 / 主考 / 综合评审 panel member, from the declared roster (R9), by 考评员 certificate number. */
export const planStaff = pgTable(
  'plan_staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => planSittings.id),
    role: varchar('role', { length: 16 }).notNull(), // invigilator | examiner | chief_examiner | panel
    certificateNo: text('certificate_no').notNull(),
    name: text('name').notNull(),
    /** Drawn at random (planDraws) rather than named by the school. */
    drawId: uuid('draw_id'),
  },
  (t) => [index('plan_staff_plan_idx').on(t.planId), uniqueIndex('plan_staff_sitting_person_uq').on(t.sittingId, t.certificateNo)],
);

/** 回避: an examiner's declared conflicts for this plan (a class taught, a named relative). */
export const planConflicts = pgTable(
  'plan_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    certificateNo: text('certificate_no').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(), // teaches_class | relative
    value: text('value').notNull(),
  },
  (t) => [index('plan_conflicts_plan_idx').on(t.planId)],
);

/** A seeded examiner draw for one sitting: the seed, the pool and the log, replayable by a supervisor. */
export const planDraws = pgTable(
  'plan_draws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => planSittings.id),
    seed: text('seed').notNull(),
    count: integer('count').notNull(),
    pool: jsonb('pool').notNull(),
    excluded: jsonb('excluded').notNull(),
    log: jsonb('log').notNull(),
    drawn: jsonb('drawn').$type<string[]>().notNull(),
    drawnBy: uuid('drawn_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_draws_plan_idx').on(t.planId)],
);

/** 外部质量督导员 HR assigned to the plan (逢考必督). */
export const planSupervisors = pgTable(
  'plan_supervisors',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    assignedBy: uuid('assigned_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_supervisors_uq').on(t.planId, t.userId), index('plan_supervisors_user_idx').on(t.userId)],
);

/** The timeline: who moved a plan, when, why. */
export const planEvents = pgTable(
  'plan_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    action: varchar('action', { length: 32 }).notNull(),
    fromStatus: varchar('from_status', { length: 16 }),
    toStatus: varchar('to_status', { length: 16 }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    actorOrg: text('actor_org'),
    reason: text('reason'),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_events_plan_idx').on(t.planId)],
);

/** 变更: new date, time, site, room or paper for an acknowledged plan, acknowledged by HR again. */
export const planChangeRequests = pgTable(
  'plan_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    status: varchar('status', { length: 16 }).notNull(), // pending | acknowledged | returned | withdrawn
    /** The plan version it changes; acknowledging makes version + 1. */
    baseVersion: integer('base_version').notNull(),
    changes: jsonb('changes').notNull(),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('plan_change_requests_plan_idx').on(t.planId)],
);
