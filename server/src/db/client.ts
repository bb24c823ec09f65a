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
    const pgDb = drizzlePg(pool, { schema });
    const db = pgDb as unknown as Db;
    await migratePg(pgDb, { migrationsFolder: MIGRATIONS });
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const load = opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {};
  const client = opts.dataDir ? new PGlite(opts.dataDir, load) : new PGlite(load);
  await client.waitReady;
  const pgliteDb = drizzlePglite(client, { schema });
  const db = pgliteDb as unknown as Db;
  await migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS });
  return { db, kind: 'pglite', close: () => client.close() };
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
