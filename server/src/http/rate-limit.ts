import fastifyRateLimit, { type FastifyRateLimitOptions, type FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { RouteOptions } from 'fastify';
import pg from 'pg';
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
  /**
   * Reading one public record (a certificate by number, an institution, a publicity list): a QR scan each. A client's
   * first hit in a process and window is answered before its lease comes back (see leasingCounter).
   */
  lookup: { max: 120, timeWindow: 60_000, firstHitAtOnce: true },
  /** Searching by personal data (name + ID number) or posting a credential to verify: the enumerable ones. */
  search: { max: 20, timeWindow: 60_000 },
  /** Verifying a pasted credential (canonicalisation and signature checks: CPU on our side). */
  verify: { max: 60, timeWindow: 60_000 },
  /** Writes by the public (an objection during 公示). */
  write: { max: 10, timeWindow: 600_000 },
} as const;

/**
 * Leases up to `want` hits of each key's current fixed window (of `windowSecs`) from the database, for many keys in ONE
 * statement (issue 16: one upsert per request was most of a public read's cost on PostgreSQL). The row's count grows by
 * `want`; what is granted is what still fitted under `max` before this lease — so the hits granted across every
 * process never exceed `max` in a window (the row lock serialises the leases). Keys are written in sorted order, so two
 * processes' batches lock rows in the same order and cannot deadlock.
 */
export async function leaseHits(
  db: Db,
  wanted: { key: string; windowSecs: number; want: number; max: number }[],
): Promise<Map<string, { granted: number; ttl: number }>> {
  const rows = [...wanted].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((w) => ({ k: w.key.slice(0, 300), w: w.windowSecs, n: w.want }));
  const out = await runLease(db, JSON.stringify(rows));
  const byKey = new Map(out.map((r) => [r.key, r]));
  const result = new Map<string, { granted: number; ttl: number }>();
  for (const w of wanted) {
    const r = byKey.get(w.key.slice(0, 300));
    if (!r) throw new Error(`rate limit row for ${w.key} not written`);
    const before = Number(r.count) - w.want;
    const granted = Math.max(0, Math.min(w.want, w.max - before));
    const ttl = Math.max(1000, Number(r.ws_ms) + w.windowSecs * 1000 - Number(r.now_ms));
    result.set(w.key, { granted, ttl });
  }
  return result;
}

type LeaseRow = { key: string; count: number; ws_ms: string; now_ms: string };

const LEASE_SQL = `insert into rate_limits (key, window_start, count)
  select t.k, to_timestamp(floor(extract(epoch from now()) / t.w) * t.w), t.n
  from json_to_recordset($1::json) as t(k text, w int, n int)
  order by t.k
  on conflict (key) do update set
    count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + excluded.count else excluded.count end,
    window_start = excluded.window_start
  returning key, count, (extract(epoch from window_start) * 1000)::bigint::text as ws_ms,
            (extract(epoch from now()) * 1000)::bigint::text as now_ms`;

/**
 * The lease statement: on PostgreSQL a named prepared statement (parsed and planned once per connection — issue 16:
 * the statement runs for most public requests, on a database sharing two cores with everything else); on PGlite the
 * same text through its client.
 */
async function runLease(db: Db, json: string): Promise<LeaseRow[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) return (await client.query<LeaseRow>({ name: 'rate_limit_lease', text: LEASE_SQL, values: [json] })).rows;
  return (await (client as { query<T>(text: string, params: unknown[]): Promise<{ rows: T[] }> }).query<LeaseRow>(LEASE_SQL, [json])).rows;
}

/**
 * A read to run in the same statement as a client's lease (issue 16: the search by name + ID number was a lease round
 * trip and then a look-up round trip). `text` is a select of two columns — `j` (one answer row as JSON) and `o` (its
 * order) — whose parameters start at $5; `map` turns one `j` back into the caller's row.
 */
export interface LeaseLookup<T> {
  /** A name for the statement (PostgreSQL: prepared once per connection under it). */
  name: string;
  text: string;
  values: unknown[];
  map: (json: unknown) => T;
}

/**
 * One key's lease and a look-up in ONE statement: the upsert of leaseHits for one key, and the look-up's rows only when
 * the lease granted at least one hit (the row's count after the lease, less what was asked, still under `max`).
 * Otherwise the look-up does not run (a one-time filter on the lease's count) and no rows come back: a refused client
 * learns nothing of the data, and the answer's shape does not depend on whether anything matched.
 */
export async function leaseWithLookup<T>(
  db: Db,
  w: { key: string; windowSecs: number; want: number; max: number },
  lookup: LeaseLookup<T>,
): Promise<{ granted: number; ttl: number; rows: T[] }> {
  const text = `with lease as (
      insert into rate_limits (key, window_start, count)
      values ($1, to_timestamp(floor(extract(epoch from now()) / $2::int) * $2::int), $3::int)
      on conflict (key) do update set
        count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + excluded.count else excluded.count end,
        window_start = excluded.window_start
      returning count, (extract(epoch from window_start) * 1000)::bigint::text as ws_ms,
                (extract(epoch from now()) * 1000)::bigint::text as now_ms)
    select lease.count, lease.ws_ms, lease.now_ms,
      (select coalesce(json_agg(f.j order by f.o), '[]'::json) from (${lookup.text}) f where lease.count - $3::int < $4::int) as rows
    from lease`;
  const values = [w.key.slice(0, 300), w.windowSecs, w.want, w.max, ...lookup.values];
  const client = (db as unknown as { $client: unknown }).$client;
  type Row = LeaseRow & { rows: unknown[] | string };
  const [r] =
    client instanceof pg.Pool
      ? (await client.query<Row>({ name: `rate_limit_lease_${lookup.name}`, text, values })).rows
      : (await (client as { query<R>(text: string, params: unknown[]): Promise<{ rows: R[] }> }).query<Row>(text, values)).rows;
  if (!r) throw new Error(`rate limit row for ${w.key} not written`);
  const before = Number(r.count) - w.want;
  const granted = Math.max(0, Math.min(w.want, w.max - before));
  const ttl = Math.max(1000, Number(r.ws_ms) + w.windowSecs * 1000 - Number(r.now_ms));
  const json = typeof r.rows === 'string' ? (JSON.parse(r.rows) as unknown[]) : r.rows;
  return { granted, ttl, rows: granted > 0 ? json.map(lookup.map) : [] };
}

/** How often a lessee clears rows of windows long over (while it is leasing: an idle process writes nothing). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Deletes counters whose window ended more than `olderThanSecs` ago (every public client address leaves a row; without
 * this the table grows with every phone that ever asked), a bounded batch at a time. A row of a window still running is
 * never touched (the longest window, PUBLIC_RATE.write, is 600 s), so the bound stays exact: an ended window's count
 * is never read again — the next lease of that key starts a new window. Rows a lease holds are skipped (SKIP LOCKED):
 * the sweep never waits for a lease, so it cannot deadlock with one.
 */
export async function sweepRateLimits(db: Db, olderThanSecs = 1800, batch = 5000): Promise<number> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`delete from rate_limits where key in (
          select key from rate_limits where window_start < now() - make_interval(secs => ${olderThanSecs})
          limit ${batch} for update skip locked)
        returning key`,
  );
  return rows.length;
}

const sweepMarks = new WeakMap<Map<string, unknown>, number>();
/**
 * Drops the entries `over` says are done once the map has grown past its mark (at first SWEEP_FLOOR); the mark is then
 * twice what is left. Issue 16: the scan ran for every new client once 50,000 counters were live (a busy hour of many
 * phones) — 50,000 entries walked per request; now a run of new keys costs one scan per doubling, and memory stays
 * within twice the keys still live.
 */
export function sweepWhenGrown<V>(m: Map<string, V>, over: (v: V) => boolean, floor = SWEEP_FLOOR): void {
  if (m.size <= (sweepMarks.get(m) ?? floor)) return;
  for (const [k, v] of m) if (over(v)) m.delete(k);
  sweepMarks.set(m, Math.max(floor, m.size * 2));
}
const SWEEP_FLOOR = 50_000;

/** How many hits a process leases at once: a quarter of the limit, at most 10 (search: 5 of 20; a QR look-up: 10 of 120). */
export const leaseSize = (max: number) => Math.max(1, Math.min(10, Math.ceil(max / 4)));

/**
 * Lease statements one process may have running at once. A key is in at most one pending lease (its requests wait for
 * it), so concurrent statements of one process write disjoint rows; across processes rows are locked in key order.
 * Six of the pool's ten connections (issue 16: with three, a search by a new client waited for a free slot behind
 * other clients' leases; the search is the one public read that waits for its lease).
 */
const MAX_LEASE_STATEMENTS = 6;

/** `provisional`: the first hit was answered before its lease came back (expiresAt is this process's estimate until then). */
type Lease = { tokens: number; granted: number; position: number; expiresAt: number; exhausted: boolean; provisional?: boolean };

/**
 * Hits leased from the database and spent in this process (one per app: each app is one lessee). A client's hits are
 * answered from its lease while it lasts; when it is spent, the next hit leases again; when the database grants none,
 * the client is refused until the window ends without another write. The bound stays exact across processes (never
 * more than `max` hits answered in a window in all); a process may hold a few unspent hits, so a client spread over
 * several processes can be refused up to (processes − 1) × lease size hits early. Concurrent requests wait for one
 * lease per key, and the leases of all keys waiting at the same time go to the database as one statement (up to
 * MAX_LEASE_STATEMENTS such statements running at once, so a batch never waits a whole round trip behind another).
 *
 * With `firstHitAtOnce` (the look-ups: PUBLIC_RATE.lookup), a key's first hit in this process and window does not
 * wait for the database (issue 16: most public clients are a phone scanning one QR code, and the lease's round trip
 * was the whole wait of a cached answer): it is answered at once and charged to the lease that goes out for it; the
 * hits after it wait for that lease as before. When the database grants nothing (the client used its limit through
 * other processes, or before this process started), that one hit was over: such a key can get at most one hit per
 * process per window past `max` (max + processes in all). Without it (the search by personal data, the writes) the
 * bound stays exact.
 */
export function leasingCounter(db: Db, now: () => number = Date.now) {
  const leases = new Map<string, Lease>();
  const inFlight = new Map<string, Promise<void>>();
  let queue: { key: string; windowSecs: number; want: number; max: number; done: (e?: unknown) => void }[] = [];
  let writing = 0;
  let scheduled = false;

  let lastSweep = Number.NEGATIVE_INFINITY;

  const flush = () => {
    scheduled = false;
    if (writing >= MAX_LEASE_STATEMENTS || queue.length === 0) return;
    writing += 1;
    if (now() - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now();
      sweepRateLimits(db).catch((e: unknown) => process.emitWarning(`rate_limits sweep failed: ${e instanceof Error ? e.message : String(e)}`));
    }
    const batch = queue;
    queue = [];
    leaseHits(db, batch)
      .then((granted) => {
        const t = now();
        for (const b of batch) {
          const g = granted.get(b.key);
          if (!g) continue;
          const old = leases.get(b.key);
          if (old?.provisional) {
            // The hit answered before this lease came back is one of the granted ones (or, when none was, one over).
            leases.set(b.key, {
              tokens: Math.max(0, g.granted - old.position),
              granted: g.granted,
              position: old.position,
              expiresAt: t + g.ttl,
              exhausted: g.granted < b.want,
            });
            b.done();
            continue;
          }
          const sameWindow = old && old.expiresAt > t && Math.abs(old.expiresAt - (t + g.ttl)) < 1000;
          leases.set(b.key, {
            tokens: (sameWindow ? old.tokens : 0) + g.granted,
            granted: (sameWindow ? old.granted : 0) + g.granted,
            position: sameWindow ? old.position : 0,
            expiresAt: t + g.ttl,
            exhausted: g.granted < b.want,
          });
          b.done();
        }
      })
      .catch((e: unknown) => {
        for (const b of batch) b.done(e);
      })
      .finally(() => {
        writing -= 1;
        flush();
      });
  };
  // The leases asked for while the event loop reads one round of sockets go out together (setImmediate runs after the
  // poll phase): with a microtask, the first request of every round left alone and the rest waited a whole statement.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  const lease = (key: string, windowSecs: number, max: number): Promise<void> => {
    let p = inFlight.get(key);
    if (!p) {
      p = new Promise<void>((resolve, reject) => {
        queue.push({ key, windowSecs, want: leaseSize(max), max, done: (e) => (e ? reject(e) : resolve()) });
      }).finally(() => inFlight.delete(key));
      inFlight.set(key, p);
      schedule();
    }
    return p;
  };

  /**
   * One hit from a lease this process holds in its window: a leased hit while any is left, refused once the lease came
   * back short (the window's limit reached); undefined when the caller must lease again.
   */
  function fromHeld(l: Lease, t: number, max: number): { current: number; ttl: number } | undefined {
    if (l.tokens > 0) {
      l.tokens -= 1;
      l.position += 1;
      return { current: Math.min(max, l.position), ttl: l.expiresAt - t };
    }
    if (l.exhausted) return { current: max + 1, ttl: l.expiresAt - t };
    return undefined;
  }

  /** One hit of `key`: its position in the window as @fastify/rate-limit counts it (over `max` = refused) and the ms left. */
  async function count(key: string, windowMs: number, max: number, firstHitAtOnce = false): Promise<{ current: number; ttl: number }> {
    const windowSecs = Math.max(1, Math.round(windowMs / 1000));
    for (let attempt = 0; attempt < 50; attempt++) {
      const t = now();
      const l = leases.get(key);
      if (l && l.expiresAt > t) {
        const hit = fromHeld(l, t, max);
        if (hit) return hit;
      } else {
        if (l) leases.delete(key);
        sweepWhenGrown(leases, (v) => v.expiresAt <= t);
        if (firstHitAtOnce && !inFlight.has(key)) {
          // The first hit of this key in this window: answered now, charged to the lease sent for it.
          const w = windowSecs * 1000;
          const expiresAt = (Math.floor(t / w) + 1) * w;
          leases.set(key, { tokens: 0, granted: 0, position: 1, expiresAt, exhausted: false, provisional: true });
          // A failed lease leaves the entry empty and not exhausted: the key's next hit leases again (and waits for it).
          lease(key, windowSecs, max).catch(() => {});
          return { current: 1, ttl: expiresAt - t };
        }
      }
      await lease(key, windowSecs, max);
    }
    // Leased hits were taken by concurrent requests of the same client fifty times over: count this one as refused.
    return { current: max + 1, ttl: 1000 };
  }

  /**
   * One hit of `key` for a read that can travel with the lease (issue 16: the search, one round trip): from a lease this
   * process holds when it has hits left (no statement; `rows` undefined: the caller reads as usual), else a new lease
   * and `lookup` in one statement (`rows` its rows when this hit was granted). `current` over `max` = refused, no rows.
   * Concurrent hits of the same key wait for the one statement in flight, as count()'s do.
   */
  async function withLookup<T>(key: string, windowMs: number, max: number, lookup: LeaseLookup<T>): Promise<{ current: number; ttl: number; rows?: T[] }> {
    const windowSecs = Math.max(1, Math.round(windowMs / 1000));
    for (let attempt = 0; attempt < 50; attempt++) {
      const t = now();
      const l = leases.get(key);
      const hit = l && l.expiresAt > t ? fromHeld(l, t, max) : undefined;
      if (hit) return hit;
      const pending = inFlight.get(key);
      if (pending) {
        await pending.catch(() => {});
        continue;
      }
      const want = leaseSize(max);
      const statement = leaseWithLookup(db, { key, windowSecs, want, max }, lookup);
      const settled = statement.then(() => {}).finally(() => inFlight.delete(key));
      inFlight.set(key, settled);
      const g = await statement;
      const t2 = now();
      const old = leases.get(key);
      const sameWindow = old !== undefined && !old.provisional && old.expiresAt > t2 && Math.abs(old.expiresAt - (t2 + g.ttl)) < 1000;
      const position = (sameWindow ? old.position : 0) + (g.granted > 0 ? 1 : 0);
      leases.set(key, {
        tokens: (sameWindow ? old.tokens : 0) + Math.max(0, g.granted - 1),
        granted: (sameWindow ? old.granted : 0) + g.granted,
        position,
        expiresAt: t2 + g.ttl,
        exhausted: g.granted < want,
      });
      return g.granted > 0 ? { current: Math.min(max, position), ttl: g.ttl, rows: g.rows } : { current: max + 1, ttl: g.ttl };
    }
    return { current: max + 1, ttl: 1000 };
  }

  return Object.assign(count, { withLookup });
}

/** A store class for @fastify/rate-limit over the database (leased hits); `child` keys the counters by route. */
function databaseStore(count: ReturnType<typeof leasingCounter>) {
  return class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      readonly options: FastifyRateLimitOptions,
      private readonly route = '',
      private readonly firstHitAtOnce = false,
    ) {}
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number, max?: number): void {
      count(`${this.route}|${key}`, Number(timeWindow ?? 60_000), Number(max ?? 60), this.firstHitAtOnce).then(
        (r) => callback(null, r),
        (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
      );
    }
    child(routeOptions: RouteOptions & { path: string; prefix: string }): FastifyRateLimitStore {
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const route = `${String(info?.method ?? routeOptions.method)} ${info?.url ?? routeOptions.url ?? routeOptions.path}`;
      // The route's own rate-limit options arrive merged into routeOptions (PUBLIC_RATE.lookup says firstHitAtOnce).
      return new DatabaseStore(this.options, route, (routeOptions as { firstHitAtOnce?: unknown }).firstHitAtOnce === true);
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
    sweepWhenGrown(counters, (v) => v.windowStart + 600_000 < now);
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

/**
 * A route's limit counted in its handler rather than before it (issue 16: the search by name + ID number, whose
 * look-up travels in the same statement as the client's lease on PostgreSQL). The same counters as the plugin's — the
 * key is `<METHOD> <url>|<client address>`, the same bound across processes — and the same 429 `RATE_LIMITED` with
 * Retry-After. `hit` throws that 429 when the client is over; otherwise it returns the look-up's rows when they came
 * with a new lease, or undefined when the hit was answered from a lease (or a counter) this process holds and the
 * caller must read for itself.
 */
export interface HandlerLimit {
  hit<T>(route: string, client: string, rate: { max: number; timeWindow: number }, lookup?: LeaseLookup<T>): Promise<T[] | undefined>;
}
const handlerLimits = new WeakMap<object, HandlerLimit>();

/** The handler-counted limit of this app (registered by registerRateLimit). */
export function handlerLimit(app: App): HandlerLimit {
  const limit = handlerLimits.get(app);
  if (!limit) throw new Error('registerRateLimit must run before the routes that count in their handler');
  return limit;
}

function makeHandlerLimit(db: Db, count: ReturnType<typeof leasingCounter> | undefined): HandlerLimit {
  return {
    async hit<T>(route: string, client: string, rate: { max: number; timeWindow: number }, lookup?: LeaseLookup<T>): Promise<T[] | undefined> {
      const key = `${route}|${client}`;
      if (!count) {
        const r = countRequestInMemory(db, key, rate.timeWindow);
        if (r.current > rate.max) throw tooMany('RATE_LIMITED', Math.max(1, Math.ceil(r.ttl / 1000)));
        return undefined;
      }
      const r: { current: number; ttl: number; rows?: T[] } = lookup
        ? await count.withLookup(key, rate.timeWindow, rate.max, lookup)
        : await count(key, rate.timeWindow, rate.max);
      if (r.current > rate.max) throw tooMany('RATE_LIMITED', Math.max(1, Math.ceil(r.ttl / 1000)));
      return r.rows;
    },
  };
}

/** Counters in the database on PostgreSQL (shared by every server process), in memory on PGlite (one process). */
export async function registerRateLimit(app: App, db: Db, dbKind: 'pglite' | 'postgres' = 'postgres'): Promise<void> {
  // One lessee per app: the plugin's routes and the handler-counted ones spend the same leases.
  const count = dbKind === 'pglite' ? undefined : leasingCounter(db);
  handlerLimits.set(app, makeHandlerLimit(db, count));
  await app.register(fastifyRateLimit, {
    global: false,
    store: count ? databaseStore(count) : memoryStore(db),
    // req.ip honours the trustProxy setting: X-Forwarded-For only behind a trusted proxy.
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, ctx) => tooMany('RATE_LIMITED', Math.max(1, Math.ceil(ctx.ttl / 1000))),
  });
}
