import { char, customType, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { institutions, organisations, users } from './schema.ts';

// --- Complaints (投诉) by the public about an institution, followed by a tracking code ---------------------------

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** One note of the investigation (调查记录), appended by HR; never shown to the public. */
export interface ComplaintNote {
  at: string;
  byUserId: string;
  byName: string;
  text: string;
}

/**
 * A complaint lodged without login. status: new → assigned (to an HR user of a bureau over the institution's region)
 * → investigating → answered → closed. `regionCode` is the institution's region when lodged: HR's scope. The
 * complainant's contact is read only by HR in scope; the tracking code's holder sees status and answer.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackingCode: varchar('tracking_code', { length: 16 }).notNull().unique(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    regionCode: char('region_code', { length: 6 }).notNull(),
    matter: text('matter').notNull(),
    name: text('name').notNull(),
    contact: text('contact').notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    assignedTo: uuid('assigned_to').references(() => users.id),
    notes: jsonb('notes').$type<ComplaintNote[]>().notNull().default([]),
    answer: text('answer'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('complaints_region_idx').on(t.regionCode, t.status), index('complaints_org_idx').on(t.orgId, t.createdAt)],
);

/** Evidence uploaded with a complaint (JPEG, PNG or PDF; a few small files), read only by HR in scope. */
export const complaintEvidence = pgTable(
  'complaint_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    filename: text('filename').notNull(),
    mimeType: varchar('mime_type', { length: 64 }).notNull(),
    size: integer('size').notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [index('complaint_evidence_complaint_idx').on(t.complaintId)],
);
