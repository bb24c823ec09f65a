import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** GB/T 2260 administrative divisions, a versioned snapshot. */
export const regions = pgTable(
  'regions',
  {
    code: char('code', { length: 6 }).primaryKey(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    level: varchar('level', { length: 16 }).notNull(), // province | city | county
    parentCode: char('parent_code', { length: 6 }),
    edition: text('edition').notNull(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: varchar('kind', { length: 16 }).notNull(), // platform | hr_bureau | edu_bureau | school
    name: text('name').notNull(),
    regionCode: char('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    creditCode: char('credit_code', { length: 18 }), // 统一社会信用代码
    creditCodeOverride: boolean('credit_code_override').notNull().default(false),
    schoolType: varchar('school_type', { length: 32 }),
    runsThroughPrograms: boolean('runs_through_programs').notNull().default(false), // 贯通培养
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    index('organisations_region_idx').on(t.regionCode),
    uniqueIndex('organisations_credit_code_uq').on(t.creditCode),
    uniqueIndex('organisations_name_uq').on(t.name),
  ],
);

/** A school's majors (专业), by 职业教育专业目录 code. */
export const majors = pgTable(
  'majors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    code: varchar('code', { length: 6 }).notNull(),
    name: text('name').notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('majors_org_code_uq').on(t.orgId, t.code)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: varchar('username', { length: 64 }).notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: varchar('role', { length: 16 }).notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_org_idx').on(t.orgId)],
);

/** Server-side sessions; the cookie carries a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: char('token_hash', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed logins, the basis of login throttling. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: varchar('username', { length: 64 }).notNull(),
    ip: varchar('ip', { length: 64 }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_username_idx').on(t.username, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
);

/** Append-only, hash-chained audit log of every write. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 64 }).notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
  },
  (t) => [index('audit_target_idx').on(t.targetType, t.targetId), index('audit_action_idx').on(t.action)],
);
