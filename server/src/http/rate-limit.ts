import fastifyRateLimit, { type FastifyRateLimitOptions, type FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { RouteOptions } from 'fastify';
import { type Db, queryRows } from '../db/client.ts';
import { tooMany } from './errors.ts';
import type { App } from './types.ts';

/**
 * Rate limits of the public routes (R10: the free query must not become an enumeration service). `@fastify/rate-limit`
 * with its counters in the database (table rate_limits), so several server processes behind one address share one
 * limit. Routes opt in with `config: { rateLimit: PUBLIC_RATE.lookup }`; over the limit: 429 `RATE_LIMITED` in the one
 * error shape, with Retry-After.
 */
export const PUBLIC_RATE = {
  /** Reading one public record (a certificate by number, an institution, a publicity list): a QR scan each. */
  lookup: { max: 120, timeWindow: 60_000 },
  /** Searching by personal data (name + ID number) or posting a credential to verify: the enumerable ones. */
  search: { max: 20, timeWindow: 60_000 },
  /** Verifying a pasted credential (canonicalisation and signature checks: CPU on our side). */
  verify: { max: 60, timeWindow: 60_000 },
  /** Writes by the public (an objection during 公示). */
  write: { max: 10, timeWindow: 600_000 },
} as const;

/** Counts one request of `key` in the current fixed window of `windowMs`; returns the count and the ms left in the window. */
export async function countRequest(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const w = Math.max(1, Math.round(windowMs / 1000));
  const rows = await queryRows<{ count: number; ttl_ms: number }>(
    db,
    sql`insert into rate_limits (key, window_start, count)
        values (${key.slice(0, 300)}, to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w}), 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
          window_start = excluded.window_start
        returning count, ceil(extract(epoch from (window_start + make_interval(secs => ${w}) - now())) * 1000)::int as ttl_ms`,
  );
  const r = rows[0];
  return { current: Number(r?.count ?? 1), ttl: Math.max(1000, Number(r?.ttl_ms ?? windowMs)) };
}

/** A store class for @fastify/rate-limit over the database; `child` keys the counters by route. */
function databaseStore(db: Db) {
  return class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      readonly options: FastifyRateLimitOptions,
      private readonly route = '',
    ) {}
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      const windowMs = Number(timeWindow ?? 60_000);
      countRequest(db, `${this.route}|${key}`, windowMs).then(
        (r) => callback(null, r),
        (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
      );
    }
    child(routeOptions: RouteOptions & { path: string; prefix: string }): FastifyRateLimitStore {
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const route = `${String(info?.method ?? routeOptions.method)} ${info?.url ?? routeOptions.url ?? routeOptions.path}`;
      return new DatabaseStore(this.options, route);
    }
  };
}

/**
 * The same fixed-window counters in memory, for PGlite: an embedded database is opened by one process only, so every
 * app that can share its limits runs in this process and holds the same Db — counters kept per Db are exact, and the
 * public query no longer writes a row per request (issue 16: that write was most of a look-up's cost on PGlite).
 */
const memoryCounters = new WeakMap<Db, Map<string, { windowStart: number; count: number }>>();
export function countRequestInMemory(db: Db, key: string, windowMs: number, now = Date.now()): { current: number; ttl: number } {
  let counters = memoryCounters.get(db);
  if (!counters) {
    counters = new Map();
    memoryCounters.set(db, counters);
  }
  const w = Math.max(1, Math.round(windowMs / 1000)) * 1000;
  const windowStart = Math.floor(now / w) * w;
  const k = key.slice(0, 300);
  const c = counters.get(k);
  if (c && c.windowStart === windowStart) c.count += 1;
  else {
    // Forget windows that are over (bounded memory: at most the keys seen in the current windows).
    if (counters.size > 50_000) for (const [key2, v] of counters) if (v.windowStart + 600_000 < now) counters.delete(key2);
    counters.set(k, { windowStart, count: 1 });
  }
  return { current: counters.get(k)?.count ?? 1, ttl: Math.max(1000, windowStart + w - now) };
}

function memoryStore(db: Db) {
  return class MemoryStore implements FastifyRateLimitStore {
    constructor(
      readonly options: FastifyRateLimitOptions,
      private readonly route = '',
    ) {}
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      callback(null, countRequestInMemory(db, `${this.route}|${key}`, Number(timeWindow ?? 60_000)));
    }
    child(routeOptions: RouteOptions & { path: string; prefix: string }): FastifyRateLimitStore {
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      return new MemoryStore(this.options, `${String(info?.method ?? routeOptions.method)} ${info?.url ?? routeOptions.url ?? routeOptions.path}`);
    }
  };
}

/** Counters in the database on PostgreSQL (shared by every server process), in memory on PGlite (one process). */
export async function registerRateLimit(app: App, db: Db, dbKind: 'pglite' | 'postgres' = 'postgres'): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    store: dbKind === 'pglite' ? memoryStore(db) : databaseStore(db),
    // req.ip honours the trustProxy setting: X-Forwarded-For only behind a trusted proxy.
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, ctx) => tooMany('RATE_LIMITED', Math.max(1, Math.ceil(ctx.ttl / 1000))),
  });
}
