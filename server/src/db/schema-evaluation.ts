import {
  bigserial,
  boolean,
  char,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { enrolments, seatAssignments } from './schema-enrolment.ts';
import { planParts, plans, planSittings } from './schema-plans.ts';
import { attachments, items, papers, users } from './schema.ts';

// --- The evaluation itself (认定实施): the online theory exam, marking, results, publicity (公示), supervision ------------

/** One item of a candidate's own copy of the paper: its order and, for choice items, the order of its options. */
export interface CopyItem {
  itemId: string;
  version: number;
  points: number;
  type: string;
  /** Option keys in the order this candidate sees them (choice items); [] otherwise. */
  optionOrder: string[];
}

/**
 * A candidate's theory exam (答卷) in one sitting: the copy (items and options shuffled for this candidate) is prepared
 * before the doors open, then the same row carries the attempt — sign-in, start, the one active device, extra time, the
 * switch count and the submission. States: prepared → signed_in → writing → submitted, or absent (缺考).
 */
export const examAttempts = pgTable(
  'exam_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => planParts.id),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => planSittings.id),
    seatAssignmentId: uuid('seat_assignment_id')
      .notNull()
      .references(() => seatAssignments.id),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id),
    examNumber: varchar('exam_number', { length: 32 }).notNull(),
    /** The candidate's copy, in order. */
    layout: jsonb('layout').$type<CopyItem[]>().notNull(),
    status: varchar('status', { length: 12 }).notNull().default('prepared'),
    signedInAt: timestamp('signed_in_at', { withTimezone: true }),
    /** The invigilator confirmed the person against the photo (核验身份). */
    identityConfirmedAt: timestamp('identity_confirmed_at', { withTimezone: true }),
    identityConfirmedBy: uuid('identity_confirmed_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** candidate | deadline | switch_limit | invigilator */
    submittedHow: varchar('submitted_how', { length: 16 }),
    /** The one active device (a random id the browser keeps) and the address it last wrote from. */
    deviceId: varchar('device_id', { length: 64 }),
    address: varchar('address', { length: 64 }),
    /** Extra time granted to this candidate (accommodation), minutes; each grant logged as an event with its reason. */
    extraMinutes: integer('extra_minutes').notNull().default(0),
    switchCount: integer('switch_count').notNull().default(0),
    /** A single-use permission from the invigilator for a second device to take over. */
    takeoverUntil: timestamp('takeover_until', { withTimezone: true }),
    takeoverAllowedBy: uuid('takeover_allowed_by').references(() => users.id),
    /** Objective items, marked at once on submission. */
    objectiveScore: doublePrecision('objective_score'),
    objectiveMax: doublePrecision('objective_max'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exam_attempts_seat_uq').on(t.seatAssignmentId),
    index('exam_attempts_sitting_idx').on(t.sittingId, t.status),
    index('exam_attempts_enrolment_idx').on(t.enrolmentId),
    index('exam_attempts_plan_idx').on(t.planId),
  ],
);

/** The candidate's answer to one item of the copy; `seq` (the browser's counter) keeps a late-arriving older answer from overwriting a newer one. */
export const examAnswers = pgTable(
  'exam_answers',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    response: jsonb('response').notNull(),
    flagged: boolean('flagged').notNull().default(false),
    seq: integer('seq').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.itemId] })],
);

/** Integrity log (防作弊) per attempt: focus lost, tab hidden, paste, full screen left, reconnects, address changes, takeovers, extra time. */
export const examEvents = pgTable(
  'exam_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => planSittings.id),
    kind: varchar('kind', { length: 24 }).notNull(),
    data: jsonb('data'),
    address: varchar('address', { length: 64 }),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exam_events_sitting_idx').on(t.sittingId, t.id), index('exam_events_attempt_idx').on(t.attemptId)],
);

/** A candidate's exam session (signed in with exam number + ID number, or from the candidate account), bound to one device. */
export const examSessions = pgTable(
  'exam_sessions',
  {
    tokenHash: char('token_hash', { length: 64 }).primaryKey(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    deviceId: varchar('device_id', { length: 64 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('exam_sessions_attempt_idx').on(t.attemptId)],
);

/** An examiner account (role assessor) and the 考评员 certificate number the plans' staff lists and draws name. */
export const examinerAccounts = pgTable('examiner_accounts', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  certificateNo: text('certificate_no').notNull().unique(),
});

/**
 * One examiner's mark of one candidate's item (a 简答 answer or a practical task, 实操) on its rubric (评分细则).
 * round: first (the independent blind marks) | remark (after an objection, by a different examiner).
 */
export const marks = pgTable(
  'marks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => planParts.id),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    examinerId: uuid('examiner_id')
      .notNull()
      .references(() => users.id),
    round: varchar('round', { length: 8 }).notNull().default('first'),
    scores: jsonb('scores').$type<{ criterionId: string; score: number }[]>().notNull(),
    vetoes: jsonb('vetoes').$type<string[]>().notNull(),
    comment: text('comment'),
    total: doublePrecision('total').notNull(),
    /** screen | paper (entered afterwards from a signed paper sheet, sheetAttachmentId). */
    source: varchar('source', { length: 8 }).notNull().default('screen'),
    sheetAttachmentId: uuid('sheet_attachment_id').references(() => attachments.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('marks_uq').on(t.enrolmentId, t.partId, t.itemId, t.examinerId, t.round),
    index('marks_plan_idx').on(t.planId, t.partId),
    index('marks_examiner_idx').on(t.examinerId),
  ],
);

/** The chief examiner's final decision on a disputed item (spread over the threshold), or a re-mark's outcome, with its reason. */
export const markDecisions = pgTable(
  'mark_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => planParts.id),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    /** chief | remark */
    kind: varchar('kind', { length: 8 }).notNull(),
    score: doublePrecision('score').notNull(),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mark_decisions_uq').on(t.enrolmentId, t.partId, t.itemId, t.kind), index('mark_decisions_plan_idx').on(t.planId)],
);

/**
 * A candidate's score in one part of the plan, with where it came from: exam (objective + marked), marking (practical),
 * course (结课综合考试成绩 in place of theory, R6 — substituted), process (a 过程考核 component with evidence), review
 * (综合评审), or absent (缺考).
 */
export const partResults = pgTable(
  'part_results',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => planParts.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    score: doublePrecision('score'),
    absent: boolean('absent').notNull().default(false),
    substituted: boolean('substituted').notNull().default(false),
    source: varchar('source', { length: 8 }).notNull(),
    evidenceAttachmentId: uuid('evidence_attachment_id').references(() => attachments.id),
    detail: jsonb('detail'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.partId] }), index('part_results_plan_idx').on(t.planId)],
);

/** 公示: a plan's results published for the profile's number of working days. */
export const publicities = pgTable('publicities', {
  planId: uuid('plan_id')
    .primaryKey()
    .references(() => plans.id),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  workingDays: smallint('working_days').notNull(),
  /** False when the calendar package did not know the year (Mon–Fri assumed): shown to the institution. */
  calendarKnown: boolean('calendar_known').notNull(),
  /** The published list as it was shown (masked names, exam numbers, outcomes), so later edits cannot change history. */
  snapshot: jsonb('snapshot').notNull(),
  publishedBy: uuid('published_by').references(() => users.id),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

/** 异议: lodged by anyone during publicity, tracked by a code, answered by the institution, possibly with a re-mark. */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    /** The candidate the objection concerns (by exam number on the public page); null when it concerns the plan as a whole. */
    enrolmentId: uuid('enrolment_id').references(() => enrolments.id),
    trackingCode: varchar('tracking_code', { length: 16 }).notNull().unique(),
    name: text('name').notNull(),
    contact: text('contact').notNull(),
    text: text('text').notNull(),
    /** open | answered | withdrawn */
    status: varchar('status', { length: 10 }).notNull().default('open'),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('objections_plan_idx').on(t.planId, t.status)],
);

/** A supervisor's flag on a candidate or a room; it must be resolved before that candidate's publicity closes. */
export const supervisionFlags = pgTable(
  'supervision_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    sittingId: uuid('sitting_id').references(() => planSittings.id),
    enrolmentId: uuid('enrolment_id').references(() => enrolments.id),
    reason: text('reason').notNull(),
    raisedBy: uuid('raised_by')
      .notNull()
      .references(() => users.id),
    /** open | resolved */
    status: varchar('status', { length: 10 }).notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supervision_flags_plan_idx').on(t.planId, t.status)],
);

/** 督导报告: an external supervisor's inspection report of a plan (or one sitting): findings, irregularities, photos. */
export const inspectionReports = pgTable(
  'inspection_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    sittingId: uuid('sitting_id').references(() => planSittings.id),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id),
    findings: text('findings').notNull(),
    irregularities: jsonb('irregularities').$type<string[]>().notNull().default([]),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_reports_plan_idx').on(t.planId)],
);

/** A theory sitting's exam settings kept by the exams module: the client addresses allowed to sign in and write (IP/CIDR; empty: any). */
export const examSittingSettings = pgTable('exam_sitting_settings', {
  sittingId: uuid('sitting_id')
    .primaryKey()
    .references(() => planSittings.id),
  allowedAddresses: jsonb('allowed_addresses').$type<string[]>().notNull().default([]),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
