import { char, integer, pgTable, primaryKey, smallint, text, uuid, varchar } from 'drizzle-orm/pg-core';

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
