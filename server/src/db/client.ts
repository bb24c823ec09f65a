import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or a transaction in progress. */
export type Executor = Db | Tx;

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

export interface OpenOptions {
  /** postgres://… — a real PostgreSQL server. */
  url?: string | undefined;
  /** Folder for the embedded database; omitted = in memory. */
  dataDir?: string | undefined;
  /** An embedded database (in memory, or a new folder) starts from this dump (`dumpEmbedded`), e.g. a demo world seeded once for many tests. */
  loadDataDir?: Blob | undefined;
}

/** Open the database (PGlite embedded unless a URL is given) and bring its schema up to date. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    // An idle connection the server ends (restart, failover, admin) must not take the process down; the pool replaces it.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL closed an idle connection: ${err.message}`));
    // A connection that dies while checked out (the database restarted under a request or transaction) emits `error`
    // on its client, where the pool listens only while it is idle: unheard, that error would end the process. The query
    // in flight fails on its own (the error handler answers 503) and the pool drops the broken client when released.
    pool.on('connect', (client) => {
      client.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
    });
    const pgDb = drizzlePg(pool, { schema });
    const db = pgDb as unknown as Db;
    await migratePg(pgDb, { migrationsFolder: MIGRATIONS });
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const existing = opts.dataDir && !opts.loadDataDir ? checkDataDir(opts.dataDir) : false;
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const load = opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {};
  try {
    const client = opts.dataDir ? new PGlite(opts.dataDir, load) : new PGlite(load);
    await client.waitReady;
    const pgliteDb = drizzlePglite(client, { schema });
    const db = pgliteDb as unknown as Db;
    await migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS });
    return { db, kind: 'pglite', close: () => client.close() };
  } catch (e) {
    if (existing && opts.dataDir) throw damaged(opts.dataDir, `it does not open: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

/** The embedded database's folder cannot be used as it is: the message names it and the way back (a backup). */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

function damaged(dir: string, why: string): DataDirError {
  return new DataDirError(
    `the embedded database in ${dir} is damaged or half-written (${why}). It was not opened and nothing was changed. ` +
      `Restore the last backup into a new, empty folder — DATA_DIR=<new folder> SKILLCERT_BACKUP_PASSPHRASE=… npm run cli -- restore FILE — ` +
      `and start with that DATA_DIR; keep this folder for investigation.`,
  );
}

/** What a PGlite data folder must hold: without PG_VERSION, PGlite would silently create a new, empty database over it. */
const PG_CONTROL_BYTES = 8192;

/**
 * Before opening a data folder: absent or empty (apart from our key folder) is a first start; anything else must
 * look like a whole database (PG_VERSION, global/pg_control of its full size). Answers whether a database is there.
 */
export function checkDataDir(dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  const entries = fs.readdirSync(dir).filter((e) => e !== 'keys');
  if (entries.length === 0) return false;
  if (!entries.includes('PG_VERSION')) throw damaged(dir, 'PG_VERSION is missing');
  const control = path.join(dir, 'global', 'pg_control');
  if (!fs.existsSync(control)) throw damaged(dir, 'global/pg_control is missing');
  const size = fs.statSync(control).size;
  if (size !== PG_CONTROL_BYTES) throw damaged(dir, `global/pg_control is ${size} bytes, not ${PG_CONTROL_BYTES}`);
  return true;
}

/** The whole embedded database as an uncompressed tar (to start other in-memory databases from with `loadDataDir`). */
export async function dumpEmbedded(db: Db): Promise<Blob> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof PGlite)) throw new Error('dumpEmbedded: not an embedded database');
  return client.dumpDataDir('none');
}

/** Run raw SQL and return its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Whether the database is the embedded one (PGlite): one session in this process, so an open transaction holds
 * the whole database until it ends — every other request's query waits for it.
 */
export function isEmbedded(ex: Executor): boolean {
  return (ex as unknown as { $client?: unknown }).$client instanceof PGlite;
}
