import {
  customType,
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
  boolean,
  date,
  char,
} from 'drizzle-orm/pg-core';
import { planParts, plans, planSittings } from './schema-plans.ts';
import { organisations, users } from './schema.ts';

// --- Enrolment (报名) and exam administration (考务): persons, enrolments, seats, background jobs -----------------

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * One person per ID number across plans and schools. The number is stored only sealed by the identity vault:
 * AES-256-GCM cipher text and an HMAC for look-ups — never in the clear.
 */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idType: varchar('id_type', { length: 20 }).notNull(),
    idCipher: text('id_cipher').notNull(),
    idHash: varchar('id_hash', { length: 64 }).notNull(),
    name: text('name').notNull(),
    gender: varchar('gender', { length: 8 }).notNull(),
    birthDate: date('birth_date').notNull(),
    phone: text('phone'),
    /** 证件照: the server's own JPEG re-encode. */
    photo: bytea('photo'),
    photoWidth: integer('photo_width'),
    photoHeight: integer('photo_height'),
    photoAt: timestamp('photo_at', { withTimezone: true }),
    /** The candidate account linked to the person. */
    userId: uuid('user_id').references(() => users.id),
    /** SHA-256 of the one-time activation code the school hands out; null once used (or never issued). */
    activationCodeHash: char('activation_code_hash', { length: 64 }),
    activationIssuedAt: timestamp('activation_issued_at', { withTimezone: true }),
    /** The candidate's first login (activation code + own password); null while pending. */
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('persons_id_hash_uq').on(t.idType, t.idHash), uniqueIndex('persons_user_uq').on(t.userId)],
);

/** A person's enrolment in a plan: where they come from (R2), their major and class, 新考/补考 per part. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The institution running the plan. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    category: varchar('category', { length: 24 }).notNull(), // own_student | other_school_student | society
    societyKind: varchar('society_kind', { length: 20 }),
    schoolName: text('school_name'),
    majorCode: varchar('major_code', { length: 12 }),
    majorName: text('major_name'),
    className: text('class_name'),
    graduatingYear: smallint('graduating_year'),
    attempts: jsonb('attempts').$type<Record<string, string>>().notNull().default({}),
    status: varchar('status', { length: 12 }).notNull().default('enrolled'), // enrolled | withdrawn
    source: varchar('source', { length: 8 }).notNull(), // manual | excel
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrolments_plan_person_uq').on(t.planId, t.personId),
    index('enrolments_person_idx').on(t.personId),
    index('enrolments_org_idx').on(t.orgId),
  ],
);

/** 考场编排: a candidate's room (sitting) and seat for one part, with the 准考证号. */
export const seatAssignments = pgTable(
  'seat_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => planParts.id),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => planSittings.id),
    seat: integer('seat').notNull(),
    examNumber: varchar('exam_number', { length: 32 }).notNull(),
    /** The seed of the automatic arrangement (kept, so it can be replayed); null after a manual move. */
    seed: text('seed'),
    manual: boolean('manual').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('seat_assignments_enrolment_part_uq').on(t.enrolmentId, t.partId),
    uniqueIndex('seat_assignments_sitting_seat_uq').on(t.sittingId, t.seat),
    uniqueIndex('seat_assignments_exam_number_uq').on(t.examNumber),
    index('seat_assignments_plan_idx').on(t.planId),
  ],
);

/**
 * Background work with progress (the tickets ZIP first): claimed with FOR UPDATE SKIP LOCKED and a lease, so a job
 * whose worker died (a restart) is taken up again.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: varchar('kind', { length: 32 }).notNull(),
    status: varchar('status', { length: 12 }).notNull(), // queued | running | done | failed
    params: jsonb('params').notNull(),
    orgId: uuid('org_id').references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    progress: doublePrecision('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    result: bytea('result'),
    resultName: text('result_name'),
    resultType: text('result_type'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_status_idx').on(t.status, t.createdAt), index('jobs_creator_idx').on(t.createdBy)],
);
