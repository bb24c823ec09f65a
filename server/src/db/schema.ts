import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  customType,
  doublePrecision,
  primaryKey,
  date,
  integer,
  smallint,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** Binary column (attachments). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

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

// --- occupations and items (职业分类大典, 专项职业能力) ------------------------------------------

export const occupations = pgTable(
  'occupations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 大类-中类-小类-细类, e.g. 6-31-01-03; codes change between editions, so the edition is kept with it. */
    code: varchar('code', { length: 16 }).notNull(),
    edition: varchar('edition', { length: 8 }).notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    levels: smallint('levels').array().notNull(),
    standardYear: smallint('standard_year'),
    standardCode: text('standard_code'),
    workTypes: jsonb('work_types').$type<string[]>().notNull().default([]),
    /** Codes of earlier editions (e.g. the 2015 code printed on a standard), still accepted in look-ups. */
    formerCodes: text('former_codes').array().notNull().default([]),
    /** Pinyin initials of the name (工业机器人系统操作员 → gyjqrxtczy), computed when the row is written. */
    initials: varchar('initials', { length: 64 }).notNull().default(''),
    /** The edition's markings: L 绿色职业, S 数字职业. */
    markings: text('markings').array().notNull().default([]),
    /** A skill occupation (技能人员职业) that 职业技能等级认定 covers. */
    skill: boolean('skill').notNull().default(true),
    /** Whether `levels` was read from the standard itself (false: best reading, unverified). */
    levelsVerified: boolean('levels_verified').notNull().default(false),
    /** National standards index: published (standardYear set) | none (none published) | unknown (not yet researched). */
    standardStatus: varchar('standard_status', { length: 12 }).notNull().default('unknown'),
    /** Year of the 新职业 batch that added it after the edition (null: in the edition as published). */
    addedIn: varchar('added_in', { length: 4 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('occupations_edition_code_uq').on(t.edition, t.code)],
);

export const specialItems = pgTable(
  'special_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    province: char('province', { length: 2 }).notNull(),
    code: varchar('code', { length: 30 }),
    name: text('name').notNull(),
    source: varchar('source', { length: 16 }).notNull(), // catalog | developed
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('special_items_province_name_uq').on(t.province, t.name)],
);

/** Which occupations a major (专业, by code) leads to. */
export const majorOccupations = pgTable(
  'major_occupations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    majorCode: varchar('major_code', { length: 6 }).notNull(),
    majorName: text('major_name').notNull(),
    occupationId: uuid('occupation_id')
      .notNull()
      .references(() => occupations.id),
  },
  (t) => [uniqueIndex('major_occupations_uq').on(t.majorCode, t.occupationId)],
);

// --- files ---------------------------------------------------------------------------------------

export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organisations.id),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  filename: text('filename').notNull(),
  mimeType: text('mime_type').notNull(),
  size: integer('size').notNull(),
  sha256: char('sha256', { length: 64 }).notNull(),
  content: bytea('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// --- filings (备案) and institutions ---------------------------------------------------------------

export const institutions = pgTable(
  'institutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: varchar('kind', { length: 16 }).notNull(), // skill_level | special_ability
    /** 0001–9999 if filed with 人社部, 0000 if with the province. */
    code: char('code', { length: 4 }).notNull(),
    province: char('province', { length: 2 }).notNull(),
    provinceSerial: integer('province_serial').notNull(),
    certificatePrefix: char('certificate_prefix', { length: 13 }).notNull(),
    status: varchar('status', { length: 16 }).notNull(), // listed | suspended | revoked | expired
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    profileId: varchar('profile_id', { length: 32 }).notNull(),
    /** Candidates evaluated before this platform (certificates from other channels), entered by HR with its source. */
    priorEvaluated: integer('prior_evaluated').notNull().default(0),
    priorSource: text('prior_source'),
    ...timestamps,
  },
  (t) => [uniqueIndex('institutions_org_kind_uq').on(t.orgId, t.kind), uniqueIndex('institutions_prefix_uq').on(t.certificatePrefix)],
);

export const filings = pgTable(
  'filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: varchar('kind', { length: 16 }).notNull(),
    type: varchar('type', { length: 16 }).notNull(), // initial | expansion (增设)
    institutionId: uuid('institution_id').references(() => institutions.id),
    status: varchar('status', { length: 16 }).notNull(),
    profileId: varchar('profile_id', { length: 32 }).notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    note: text('note'),
    sites: jsonb('sites').notNull(),
    assessors: jsonb('assessors').notNull(),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull(),
    assessment: jsonb('assessment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('filings_org_idx').on(t.orgId), index('filings_status_idx').on(t.status)],
);

export const filingScopeLines = pgTable(
  'filing_scope_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id),
    position: smallint('position').notNull(),
    occupationId: uuid('occupation_id').references(() => occupations.id),
    specialItemId: uuid('special_item_id').references(() => specialItems.id),
    workType: text('work_type'),
    level: smallint('level'),
  },
  (t) => [index('filing_scope_filing_idx').on(t.filingId)],
);

/** The timeline: who moved a filing, when, why, with which documents. */
export const filingEvents = pgTable(
  'filing_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id),
    action: varchar('action', { length: 32 }).notNull(),
    fromStatus: varchar('from_status', { length: 16 }),
    toStatus: varchar('to_status', { length: 16 }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    actorOrg: text('actor_org'),
    reason: text('reason'),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('filing_events_filing_idx').on(t.filingId)],
);

export const institutionScope = pgTable(
  'institution_scope',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    occupationId: uuid('occupation_id').references(() => occupations.id),
    specialItemId: uuid('special_item_id').references(() => specialItems.id),
    workType: text('work_type'),
    level: smallint('level'),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id),
    /** HR suspended this line alone (no plan may use it); null = in force. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendReason: text('suspend_reason'),
  },
  (t) => [index('institution_scope_inst_idx').on(t.institutionId)],
);

export const violations = pgTable(
  'violations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    type: text('type').notNull(),
    severity: varchar('severity', { length: 16 }).notNull(),
    description: text('description').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    // Sanctions module (migration sanctions): the day it happened, the rule/clause broken, the evidence, and its state.
    occurredOn: char('occurred_on', { length: 10 }),
    /** The rule or clause broken, e.g. "R9 不得转包" or a 办法 article. */
    rule: text('rule'),
    evidenceIds: jsonb('evidence_ids').$type<string[]>().notNull().default([]),
    /** open | closed (HR closed the record; its sanctions no longer in force). */
    status: varchar('status', { length: 16 }).notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
  },
  (t) => [index('violations_inst_idx').on(t.institutionId)],
);

/** Monotonic counters for codes allocated exactly once (institution codes, provincial serials). */
export const serials = pgTable('serials', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

// --- 评价规范 (R5) and 专项职业能力 item proposals ------------------------------------------------------

export const evalSpecs = pgTable(
  'eval_specs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    occupationId: uuid('occupation_id')
      .notNull()
      .references(() => occupations.id),
    levels: smallint('levels').array().notNull(),
    title: text('title').notNull(),
    attachmentId: uuid('attachment_id').references(() => attachments.id),
    theory: jsonb('theory').notNull(),
    skills: jsonb('skills').notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('eval_specs_org_idx').on(t.orgId)],
);

export const specialItemProposals = pgTable('special_item_proposals', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organisations.id),
  province: char('province', { length: 2 }).notNull(),
  name: text('name').notNull(),
  majorCode: varchar('major_code', { length: 6 }).notNull(),
  standard: text('standard').notNull(),
  outline: text('outline').notNull(),
  attachmentId: uuid('attachment_id').references(() => attachments.id),
  status: varchar('status', { length: 16 }).notNull(),
  reviewNote: text('review_note'),
  reviewedBy: uuid('reviewed_by').references(() => users.id),
  specialItemId: uuid('special_item_id').references(() => specialItems.id),
  ...timestamps,
});

// --- Question banks (题库): blueprints, items with versions, papers, responses, courses -----------------

/** 鉴定要素细目表 of one school for one occupation and level: theory and skill areas → points, with weights. */
export const blueprints = pgTable(
  'blueprints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    occupationId: uuid('occupation_id')
      .notNull()
      .references(() => occupations.id),
    level: smallint('level').notNull(),
    /** R5: national standard (year) or the filed 评价规范 it stands on. */
    basis: jsonb('basis').notNull(),
    theory: jsonb('theory').notNull(),
    skills: jsonb('skills').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('blueprints_org_occ_level_uq').on(t.orgId, t.occupationId, t.level)],
);

/** An item's identity and current state; its content per version lives in item_versions. */
export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    blueprintId: uuid('blueprint_id')
      .notNull()
      .references(() => blueprints.id),
    type: varchar('type', { length: 16 }).notNull(),
    version: integer('version').notNull(),
    status: varchar('status', { length: 16 }).notNull(), // draft | reviewed | retired
    /** type + normalized stem: no two items of a blueprint share it. */
    fingerprint: varchar('fingerprint', { length: 32 }).notNull(),
    areaCode: text('area_code').notNull(),
    pointCode: text('point_code'),
    stem: text('stem').notNull(),
    options: jsonb('options').notNull(),
    answer: jsonb('answer').notNull(),
    referenceAnswer: text('reference_answer'),
    points: doublePrecision('points').notNull(),
    difficulty: smallint('difficulty').notNull(),
    analysis: text('analysis'),
    rubric: jsonb('rubric'),
    source: varchar('source', { length: 8 }).notNull(), // manual | excel | qti
    authorId: uuid('author_id').references(() => users.id),
    reviewerId: uuid('reviewer_id').references(() => users.id),
    /** A reviewer outside the platform, named in an imported row. */
    reviewerName: text('reviewer_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    statsResponses: integer('stats_responses').notNull().default(0),
    statsP: doublePrecision('stats_p'),
    statsDiscrimination: doublePrecision('stats_discrimination'),
    flagReasons: jsonb('flag_reasons').$type<string[]>().notNull().default([]),
    statsAt: timestamp('stats_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('items_blueprint_fingerprint_uq').on(t.blueprintId, t.fingerprint),
    index('items_org_blueprint_idx').on(t.orgId, t.blueprintId, t.status),
  ],
);

export const itemVersions = pgTable(
  'item_versions',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    editedBy: uuid('edited_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.version] })],
);

/** A paper (试卷): one variant of an assembly, keeping the item versions it was built from. */
export const papers = pgTable(
  'papers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    blueprintId: uuid('blueprint_id')
      .notNull()
      .references(() => blueprints.id),
    part: varchar('part', { length: 8 }).notNull(), // theory | skills
    assemblyId: uuid('assembly_id').notNull(),
    name: text('name').notNull(),
    variant: varchar('variant', { length: 4 }).notNull(),
    seed: text('seed').notNull(),
    source: varchar('source', { length: 16 }).notNull(), // assembled | qti
    /** The QTI test identifier it was imported from, so a second import finds it. */
    sourceIdentifier: text('source_identifier'),
    itemCount: integer('item_count').notNull(),
    totalScore: doublePrecision('total_score').notNull(),
    meanDifficulty: doublePrecision('mean_difficulty').notNull(),
    tolerance: doublePrecision('tolerance').notNull(),
    coverage: jsonb('coverage').notNull(),
    warnings: jsonb('warnings').$type<string[]>().notNull(),
    params: jsonb('params').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('papers_org_idx').on(t.orgId, t.createdAt), uniqueIndex('papers_source_uq').on(t.orgId, t.sourceIdentifier)],
);

export const paperItems = pgTable(
  'paper_items',
  {
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id),
    position: integer('position').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    version: integer('version').notNull(),
    points: doublePrecision('points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.position] }), index('paper_items_item_idx').on(t.itemId)],
);

/** Scores of a sitting per candidate and item: the ground of item statistics. */
export const itemResponses = pgTable(
  'item_responses',
  {
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id),
    candidate: text('candidate').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    /** The item version the candidate answered (the paper's); statistics are per current version. */
    version: integer('version').notNull().default(1),
    score: doublePrecision('score').notNull(),
    maxScore: doublePrecision('max_score').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.candidate, t.itemId] }), index('item_responses_item_idx').on(t.itemId)],
);

/** A school's course and the blueprint areas it teaches (课程内容与国家职业技能标准对接). */
export const courses = pgTable('courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organisations.id),
  name: text('name').notNull(),
  code: text('code'),
  majorCode: varchar('major_code', { length: 6 }),
  hours: integer('hours'),
  ...timestamps,
});

export const courseAreas = pgTable(
  'course_areas',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    blueprintId: uuid('blueprint_id')
      .notNull()
      .references(() => blueprints.id),
    part: varchar('part', { length: 8 }).notNull(),
    areaCode: text('area_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.blueprintId, t.part, t.areaCode] }), index('course_areas_blueprint_idx').on(t.blueprintId)],
);

export * from './schema-plans.ts';
export * from './schema-security.ts';
export * from './schema-enrolment.ts';
export * from './schema-evaluation.ts';
export * from './schema-credentials.ts';
export * from './schema-certificates.ts';
export * from './schema-after-issuance.ts';
export * from './schema-reporting.ts';
export * from './schema-complaints.ts';
export * from './schema-statistics.ts';
export * from './schema-sanctions.ts';
export * from './schema-items.ts';
