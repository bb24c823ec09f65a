import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { tooMany } from '../../http/errors.ts';

/**
 * The free public query's rate limit (against enumeration, DOMAIN §2 step 11): a fixed window per client address and
 * route, counted in the database with one atomic upsert, so every server process sharing the database shares the limit
 * (the way the login throttle is shared). Over the limit: 429 CERT.THROTTLED with Retry-After.
 */
export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

/** By number and the credential: a QR scan each; by name + ID number: the enumerable one, tighter. */
export const PUBLIC_LIMITS = {
  lookup: { max: 120, windowSeconds: 60 },
  search: { max: 20, windowSeconds: 60 },
} as const satisfies Record<string, RateLimit>;

export async function consumeRate(ex: Executor, route: string, address: string, limit: RateLimit): Promise<void> {
  const key = `${route}|${address}`.slice(0, 200);
  const w = limit.windowSeconds;
  const rows = await queryRows<{ count: number; retry: number }>(
    ex,
    sql`insert into public_rate_limits (key, window_start, count)
        values (${key}, to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w}), 1)
        on conflict (key) do update set
          count = case when public_rate_limits.window_start = excluded.window_start then public_rate_limits.count + 1 else 1 end,
          window_start = excluded.window_start
        returning count, ceil(extract(epoch from (window_start + make_interval(secs => ${w}) - now())))::int as retry`,
  );
  const r = rows[0];
  if (r && Number(r.count) > limit.max) throw tooMany('CERT.THROTTLED', Math.max(1, Number(r.retry)));
}
