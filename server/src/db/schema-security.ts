import { integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * Guessing throttle (登录限流), shared by every server process through the database: one row per key —
 * `login|<username>|<address>`, `password|<user id>|<address>` or `ip|<address>` — with its recent failures and the
 * time before which the next attempt is refused. Rows are locked while an attempt is checked and counted.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: varchar('key', { length: 200 }).primaryKey(),
  failures: integer('failures').notNull().default(0),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull().defaultNow(),
});
