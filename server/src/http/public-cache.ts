import type { FastifyReply } from 'fastify';
import pg from 'pg';
import type { z } from 'zod';
import type { Db, DbKind, Executor } from '../db/client.ts';
import type { App } from './types.ts';

/**
 * An in-process cache of the free public reads (issue 16): a certificate by number, a search by holder, the institution
 * catalog and the publicity pages. Correct invalidation, not a time to live: triggers on the tables these answers are
 * read from (migration public_reads) send NOTIFY public_reads after every statement that writes them, and every server
 * process LISTENs and drops its whole cache when one arrives — a revocation, a reissue, a sanction or a listing change
 * shows at once in every process. On PGlite the notification is delivered in this process when the writing statement
 * (or its transaction) commits, before the writer's response is sent; on PostgreSQL it reaches the other processes
 * over their listening connection at commit. While the listening connection is not up, nothing is cached (every read
 * goes to the database). An entry also lapses after `MAX_AGE_MS` (a bound, for a missed notification).
 *
 * A read that started before a change and ends after its notification is not stored (the generation moved on), so a
 * stale answer cannot outlive the notification that would have dropped it. Only answers are cached, never errors.
 */
export const PUBLIC_READS_CHANNEL = 'public_reads';
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 20_000;

export interface PublicCache {
  /** The cached answer for `key`, or `load()`'s (stored when no change arrived meanwhile). */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Whether `key` has an answer that get() would return without loading (at this moment). */
  has(key: string): boolean;
  /** Whether answers are being cached (the invalidation channel is up). */
  readonly live: boolean;
  /** Answers served from the cache so far (for tests and the bench's profile). */
  readonly hits: number;
}

class Cache implements PublicCache {
  private entries = new Map<string, { value: unknown; at: number }>();
  private generation = 0;
  live = false;
  hits = 0;

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.live) return load();
    const now = Date.now();
    const e = this.entries.get(key);
    if (e && now - e.at < MAX_AGE_MS) {
      this.hits += 1;
      return e.value as T;
    }
    const generation = this.generation;
    const value = await load();
    if (this.live && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { value, at: now });
    }
    return value;
  }

  has(key: string): boolean {
    const e = this.live ? this.entries.get(key) : undefined;
    return e !== undefined && Date.now() - e.at < MAX_AGE_MS;
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  setLive(live: boolean): void {
    this.invalidate();
    this.live = live;
  }
}

const caches = new WeakMap<object, Cache>();
const passThrough: PublicCache = { get: (_key, load) => load(), has: () => false, live: false, hits: 0 };

/**
 * A write of this process committed: drop its cached public reads at once (read-your-writes — a revocation answered
 * here is never followed by a cached "valid" from this process, whatever the NOTIFY's delivery time; other processes
 * drop theirs on the NOTIFY).
 */
export function publicReadsChanged(db: Db): void {
  caches.get(db)?.invalidate();
}

/** The public-read cache of this database handle (a pass-through until `registerPublicCache` set one up, and in a transaction). */
export function publicCache(db: Executor): PublicCache {
  return caches.get(db) ?? passThrough;
}

type PgliteClient = { listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>> };
type PoolClient = { options?: { connectionString?: string } };

/**
 * Sets up the cache for this app: one per app on PostgreSQL (its own listening connection, closed with the app), one
 * per database handle on PGlite (every app on it runs in this process and sees the same notifications).
 */
export async function registerPublicCache(app: App, db: Db, kind: DbKind): Promise<void> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (kind === 'pglite') {
    let cache = caches.get(db);
    if (!cache) {
      const c = new Cache();
      caches.set(db, c);
      cache = c;
      await (client as PgliteClient).listen(PUBLIC_READS_CHANNEL, () => c.invalidate());
      c.setLive(true);
    }
    return;
  }
  const connectionString = (client as PoolClient).options?.connectionString;
  if (!connectionString) return;
  const cache = caches.get(db) ?? new Cache();
  caches.set(db, cache);
  let listener: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString });
    const down = () => {
      cache.setLive(false);
      if (listener === c) listener = undefined;
      if (!closed && !retry)
        retry = setTimeout(() => {
          retry = undefined;
          void connect();
        }, 5_000).unref();
    };
    c.on('error', down);
    c.on('end', down);
    c.on('notification', () => cache.invalidate());
    try {
      await c.connect();
      await c.query(`LISTEN ${PUBLIC_READS_CHANNEL}`);
      listener = c;
      cache.setLive(true);
    } catch {
      down();
      await c.end().catch(() => {});
    }
  };
  await connect();
  app.addHook('onClose', async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    cache.setLive(false);
    caches.delete(db);
    await listener?.end().catch(() => {});
  });
}

const jsonTexts = new WeakMap<z.ZodType, WeakMap<object, string>>();

/**
 * Sends a public read's answer as JSON text, encoded through the route's response schema (as the route's serializer
 * would) once per answer object: a cached answer is the same object on every hit until its entry is dropped, so a hit
 * sends the text made the first time (issue 16: schema encoding and JSON.stringify were ~5% of a hit's CPU, more for
 * a publicity list of hundreds of lines). A fresh object (a miss, or after an invalidation) is encoded again.
 */
export function sendJson(reply: FastifyReply, schema: z.ZodType, value: object): FastifyReply {
  let texts = jsonTexts.get(schema);
  if (!texts) {
    texts = new WeakMap();
    jsonTexts.set(schema, texts);
  }
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(schema.encode(value));
    texts.set(value, text);
  }
  return reply.type('application/json; charset=utf-8').send(text);
}
