import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { organisations } from './schema.ts';

/**
 * Issuer signing keys (签发密钥) of an organisation — a school's evaluation institution, or an HR bureau for
 * 专项职业能力证书. `algorithm` Ed25519 (eddsa-rdfc-2022) or SM2 (国密, optional). The private key is stored sealed
 * (AES-256-GCM under a sub-key of the data key); `keyNo` names the verification method `did:web:…#key-<keyNo>`.
 * A key signs only between validFrom and validUntil; after rotation it still verifies what it signed while valid.
 */
export const credentialIssuerKeys = pgTable(
  'credential_issuer_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    keyNo: integer('key_no').notNull(),
    algorithm: varchar('algorithm', { length: 16 }).notNull(),
    publicKeyMultibase: text('public_key_multibase').notNull(),
    secretKeySealed: text('secret_key_sealed').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credential_issuer_keys_org_no').on(t.orgId, t.keyNo),
    check('credential_issuer_keys_algorithm', sql`${t.algorithm} in ('Ed25519', 'SM2')`),
    check('credential_issuer_keys_validity', sql`${t.validUntil} is null or ${t.validUntil} >= ${t.validFrom}`),
  ],
);

/**
 * Bitstring status lists (撤销状态列表), one open list per issuer at a time: `nextIndex` is the next free entry
 * (allocated under the row lock in the caller's transaction); a full list is followed by a new one. `version` goes up
 * on every revocation; the signed list credential is cached with the version it was built from.
 */
export const credentialStatusLists = pgTable(
  'credential_status_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    purpose: varchar('purpose', { length: 16 }).notNull().default('revocation'),
    length: integer('length').notNull(),
    nextIndex: integer('next_index').notNull().default(0),
    version: integer('version').notNull().default(0),
    signedVersion: integer('signed_version'),
    signedCredential: text('signed_credential'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credential_status_lists_org').on(t.orgId, t.createdAt),
    check('credential_status_lists_next', sql`${t.nextIndex} >= 0 and ${t.nextIndex} <= ${t.length}`),
  ],
);

/** A revoked entry of a status list (its bit is 1). Never removed: a revoked certificate stays revoked. */
export const credentialStatusRevocations = pgTable(
  'credential_status_revocations',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => credentialStatusLists.id),
    statusIndex: integer('status_index').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.statusIndex] })],
);
