import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './schema.ts';

// --- Question bank: crash safety of a batched import ------------------------------------------------------------------

/**
 * A bank import written in several transactions (the embedded database's large imports, items.service
 * storeNewItemsInBatches) leaves this marker, naming every item it is about to write, before its first batch, and
 * removes it in the transaction of its audit entry. A marker found at start-up belongs to an import the process did
 * not finish (SIGKILL, power loss): its items are removed, so the import is wholly out.
 */
export const itemImportMarkers = pgTable('item_import_markers', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organisations.id),
  itemIds: jsonb('item_ids').$type<string[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
