import { bigint, char, integer, pgTable, primaryKey, smallint, text, uuid, varchar } from 'drizzle-orm/pg-core';

// --- Statistics (统计): a monthly rollup of certificates ---------------------------------------------------------------

/**
 * Certificates per month, organisation (the institution's school, else the issuer), kind, occupation and level, valid
 * and revoked — kept by a trigger on `certificates` in the same transaction as every issuance, record and revocation
 * (whichever module writes it), so the dashboards read thousands of rows instead of a million. `level` 0 = no level
 * (专项职业能力); `occupationCode` '' when the certificate has none. Distinct-holder figures (R11) still read certificates.
 */
export const certificateMonthly = pgTable(
  'certificate_monthly',
  {
    month: char('month', { length: 7 }).notNull(),
    orgId: uuid('org_id').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    occupationCode: varchar('occupation_code', { length: 32 }).notNull(),
    occupationName: text('occupation_name').notNull(),
    level: smallint('level').notNull(),
    valid: integer('valid').notNull().default(0),
    revoked: integer('revoked').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.orgId, t.kind, t.occupationCode, t.level] })],
);

// --- Statistics (统计): distinct holders (R11) --------------------------------------------------------------------------

/**
 * One row per (person, organisation, level) holding at least one valid certificate there: `certificates` counts them, so
 * revoking one of two leaves the holder and revoking both removes the row. Kept by a trigger on `certificates` (migration
 * 0021) together with `holderCounts`; certificates without a level (专项职业能力) or an organisation are not holders.
 */
export const holderRefs = pgTable(
  'holder_refs',
  {
    personId: uuid('person_id').notNull(),
    orgId: uuid('org_id').notNull(),
    level: smallint('level').notNull(),
    certificates: integer('certificates').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.level, t.orgId] })],
);

/**
 * Distinct holders of valid certificates per scope and level: `scopeKey` '' (everything), a region prefix of 2, 4 or 6
 * digits of the holding organisation's region, or an organisation's id; `level` 0 = any level (a person holding two levels
 * counts once there). A person counts once per (scope, level) however many certificates and organisations they hold in it.
 */
export const holderCounts = pgTable(
  'holder_counts',
  {
    scopeKey: varchar('scope_key', { length: 36 }).notNull(),
    level: smallint('level').notNull(),
    holders: integer('holders').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scopeKey, t.level] })],
);

// --- Statistics (统计): pass rates ------------------------------------------------------------------------------------

/**
 * Part results per month (of the result's time, China time), organisation (the plan's), part kind, occupation (code and
 * name; '' and the 专项 item's name for a special-ability plan) and level (0 = none): `sat` marked and not absent,
 * `passed` of those at or above the part's pass mark. Kept by triggers on `part_results` (insert, re-mark, delete),
 * `plan_parts` (pass mark, kind) and `plans` (organisation, occupation, level) in the writing transaction (migration
 * 0024), so the pass-rate dashboard reads thousands of rows instead of two million; `pass_monthly_rebuild()` recomputes it.
 */
export const passMonthly = pgTable(
  'pass_monthly',
  {
    month: char('month', { length: 7 }).notNull(),
    orgId: uuid('org_id').notNull(),
    partKind: varchar('part_kind', { length: 12 }).notNull(),
    occupationCode: varchar('occupation_code', { length: 32 }).notNull(),
    occupationName: text('occupation_name').notNull(),
    level: smallint('level').notNull(),
    sat: integer('sat').notNull().default(0),
    passed: integer('passed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.orgId, t.partKind, t.occupationCode, t.occupationName, t.level] })],
);

// --- Statistics (统计): R15 examiner workload ---------------------------------------------------------------------------

/**
 * Marking per 学期 (term of the mark's time, China time: `YYYY-1` September–January, `YYYY-2` February–August), plan and
 * examiner: `tasks` mark rows (every round), `candidates` distinct candidate × part marked. A candidate × part belongs to
 * one plan, so the distinct counts of several plans add up. Kept by statement triggers on `marks` (insert, re-mark,
 * delete, a mark moved to another examiner, plan or time) in the writing transaction (migration 0026), so the workload
 * screen reads a few rows per plan instead of every mark of the term; plans (status, organisation) and examiner accounts
 * are joined when read. `marking_workload_rebuild()` recomputes it.
 */
export const markingWorkload = pgTable(
  'marking_workload',
  {
    term: varchar('term', { length: 7 }).notNull(),
    planId: uuid('plan_id').notNull(),
    examinerId: uuid('examiner_id').notNull(),
    candidates: integer('candidates').notNull().default(0),
    tasks: integer('tasks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.term, t.planId, t.examinerId] })],
);

// --- Statistics (统计): subsidies paid ----------------------------------------------------------------------------------

/**
 * Paid subsidy claims (职业技能提升补贴) per month of payment, paying region, organisation (the certificate's school, else
 * its issuer; the nil uuid for neither), occupation and level: `amount` the sum paid (yuan), `claims` how many. Kept by
 * statement triggers on `subsidy_claims` (a claim paid, its amount or day corrected, unpaid, deleted) in the writing
 * transaction (migration 0026), so the subsidies dashboard reads a few thousand rows instead of every claim;
 * `subsidy_paid_rebuild()` recomputes it.
 */
export const subsidyPaidMonthly = pgTable(
  'subsidy_paid_monthly',
  {
    month: char('month', { length: 7 }).notNull(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    orgId: uuid('org_id').notNull(),
    occupationCode: varchar('occupation_code', { length: 32 }).notNull(),
    level: smallint('level').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    claims: integer('claims').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.regionCode, t.orgId, t.occupationCode, t.level] })],
);
