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

/**
 * Request rate limits of the public routes (免费查询 against enumeration), one row per route and client address: a fixed
 * window and its count, incremented by one atomic upsert — so every server process sharing the database shares the limit.
 * UNLOGGED (migration rate_limits_unlogged, hand-written: drizzle cannot say it): no WAL per lease; emptied at a crash.
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 300 }).primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});
