import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { verifyChain } from '../modules/audit/audit.service.ts';
import { DATA_KEY_ENV, dataKeyFile, decodeDataKey } from '../modules/identity/identity.keys.ts';
import { vaultFromKey } from '../modules/identity/identity.vault.ts';
import { BackupError, createBackupFile, openBackupFile } from './backup-format.ts';
import { answers, controlSocketPath, dumpEmbeddedConsistent, requestDump, type SnapshotFacts, snapshotFacts } from './snapshot.ts';

/**
 * `npm run cli -- backup FILE` and `restore FILE` for both databases. A backup is one encrypted file
 * (backup-format.ts) with the data key inside; a restore goes into an EMPTY instance only (a new DATA_DIR, or an empty
 * PostgreSQL database) and then checks what it restored: every table's row count as in the backup, the audit chain
 * intact up to the same head. Anything else is refused with a BackupError.
 */
export interface CliConfig {
  databaseUrl?: Config['databaseUrl'];
  dataDir: Config['dataDir'];
  dataKey?: Config['dataKey'];
}

export interface BackupResult {
  kind: 'pglite' | 'postgres';
  file: string;
  bytes: number;
  rows: number;
  tables: number;
  /** How the dump was taken: from the running server (control socket) or by opening the database. */
  via: 'server' | 'direct' | 'pg_dump';
}

export interface RestoreResult {
  kind: 'pglite' | 'postgres';
  rows: number;
  tables: number;
  auditEntries: number;
  /** Where the data key went: the key file written, or the environment's key that matched. */
  key: { file: string } | { env: true };
}

/** The data key in use now: SKILLCERT_DATA_KEY, else DATA_DIR/keys/data.key (never created here). */
export function currentDataKey(config: CliConfig): Buffer {
  if (config.dataKey) return decodeDataKey(config.dataKey, DATA_KEY_ENV);
  const file = dataKeyFile(config.dataDir);
  if (!fs.existsSync(file)) throw new BackupError(`no data key: ${DATA_KEY_ENV} is not set and ${file} does not exist`);
  return decodeDataKey(fs.readFileSync(file, 'utf8'), file);
}

function checkKeyOpens(key: Buffer, sample: string | null): void {
  if (sample === null) return;
  try {
    vaultFromKey(key).open(sample);
  } catch {
    throw new BackupError(`the data key (${DATA_KEY_ENV} or DATA_DIR/keys/data.key) does not open the stored ID numbers: a backup with it would not restore`);
  }
}

function totals(counts: Record<string, number>): { rows: number; tables: number } {
  const values = Object.values(counts);
  return { rows: values.reduce((a, b) => a + b, 0), tables: values.length };
}

/** A libpq connection for pg_dump/pg_restore: the URL without its password, the password in PGPASSWORD (not in `ps`). */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return path.join(fromEnv, name);
  return name;
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv, onData?: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', onData ? 'pipe' : 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    if (onData) child.stdout?.on('data', onData);
    child.on('error', (e) => reject(new BackupError(`${cmd} could not run (${e.message}); install Debian's postgresql-client or set PG_BIN`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} failed (exit ${code}): ${err.trim().slice(-1500)}`))));
  });
}

export async function backup(config: CliConfig, file: string, passphrase: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already: a backup never overwrites a file`);
  const key = currentDataKey(config);
  if (config.databaseUrl) return backupPostgres(config.databaseUrl, file, passphrase, key);

  let via: BackupResult['via'] = 'server';
  let reply = await requestDump(config.dataDir);
  if (!reply) {
    via = 'direct';
    if (!fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))) throw new BackupError(`${config.dataDir} holds no embedded database (no PG_VERSION)`);
    const client = new PGlite(config.dataDir);
    try {
      await client.waitReady;
      reply = await dumpEmbeddedConsistent(client);
    } finally {
      await client.close();
    }
  }
  checkKeyOpens(key, reply.facts.sampleCipher);
  const writer = createBackupFile(file, passphrase, { kind: 'pglite', counts: reply.facts.counts, auditHead: reply.facts.auditHead }, key);
  try {
    writer.write(reply.dump);
    writer.finish();
  } catch (e) {
    writer.abort();
    throw e;
  }
  return { kind: 'pglite', file, bytes: fs.statSync(file).size, via, ...totals(reply.facts.counts) };
}

async function backupPostgres(url: string, file: string, passphrase: string, key: Buffer): Promise<BackupResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One snapshot for the counts and for pg_dump (--snapshot): what the header says is exactly what the dump holds.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snap = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s;
    if (!snap) throw new BackupError('PostgreSQL did not export a snapshot');
    const facts: SnapshotFacts = await snapshotFacts(async (text) => (await client.query(text)).rows);
    checkKeyOpens(key, facts.sampleCipher);
    const writer = createBackupFile(file, passphrase, { kind: 'postgres', counts: facts.counts, auditHead: facts.auditHead }, key);
    try {
      const conn = libpq(url);
      await runTool(
        pgTool('pg_dump'),
        ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snap}`, `--dbname=${conn.dbname}`],
        conn.env,
        (chunk) => writer.write(chunk),
      );
      writer.finish();
    } catch (e) {
      writer.abort();
      throw e;
    }
    await client.query('COMMIT');
    return { kind: 'postgres', file, bytes: fs.statSync(file).size, via: 'pg_dump', ...totals(facts.counts) };
  } finally {
    await client.end();
  }
}

/** Restored rows and audit chain as the backup promised; throws a BackupError naming the first difference. */
async function checkRestored(
  db: Db,
  run: <T>(text: string) => Promise<T[]>,
  expected: SnapshotFacts | { counts: Record<string, number>; auditHead: SnapshotFacts['auditHead'] },
) {
  const got = await snapshotFacts(run);
  const names = new Set([...Object.keys(expected.counts), ...Object.keys(got.counts)]);
  for (const name of names) {
    if (got.counts[name] !== expected.counts[name]) {
      throw new BackupError(`restored ${name} has ${got.counts[name] ?? 'no table'} rows, the backup ${expected.counts[name] ?? 'no table'}`);
    }
  }
  if (JSON.stringify(got.auditHead) !== JSON.stringify(expected.auditHead)) throw new BackupError('the restored audit log does not end where the backup’s did');
  const chain = await verifyChain(db);
  if (!chain.ok) throw new BackupError(`the restored audit chain is broken at entry #${chain.firstBroken?.seq} (${chain.firstBroken?.reason})`);
  return { ...totals(got.counts), auditEntries: chain.checked };
}

/** The backup's key becomes this instance's: the key file (0600), or the environment's key when it is the same. */
function installDataKey(config: CliConfig, key: Buffer): RestoreResult['key'] {
  if (config.dataKey) {
    if (!decodeDataKey(config.dataKey, DATA_KEY_ENV).equals(key)) {
      throw new BackupError(
        `${DATA_KEY_ENV} is set to another key than the backup's: unset it (the restore writes DATA_DIR/keys/data.key) or set it to the backup's key`,
      );
    }
    return { env: true };
  }
  const file = dataKeyFile(config.dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (fs.existsSync(file) && !decodeDataKey(fs.readFileSync(file, 'utf8'), file).equals(key) && config.databaseUrl) {
    throw new BackupError(`${file} holds another key than the backup's: move it away first`);
  }
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  fs.chmodSync(path.dirname(file), 0o700);
  return { file };
}

export async function restore(config: CliConfig, file: string, passphrase: string): Promise<RestoreResult> {
  const opened = openBackupFile(file, passphrase);
  const wanted = config.databaseUrl ? 'postgres' : 'pglite';
  if (opened.header.kind !== wanted) {
    throw new BackupError(
      `${file} is a backup of ${opened.header.kind === 'pglite' ? 'the embedded database (PGlite)' : 'PostgreSQL'}; restore it with ${opened.header.kind === 'pglite' ? 'DATA_DIR and no DATABASE_URL' : 'DATABASE_URL'}`,
    );
  }
  // Refused before anything is written: a key mismatch, a non-empty target.
  if (config.dataKey && !decodeDataKey(config.dataKey, DATA_KEY_ENV).equals(opened.dataKey)) installDataKey(config, opened.dataKey);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-restore-'));
  const dumpFile = path.join(tmp, 'dump');
  try {
    if (config.databaseUrl) {
      const client = new pg.Client({ connectionString: config.databaseUrl });
      await client.connect();
      try {
        const existing = await client.query<{ n: number }>(
          `select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`,
        );
        if ((existing.rows[0]?.n ?? 0) > 0) throw new BackupError('the target PostgreSQL database is not empty: restore into a new, empty database');
        opened.decryptTo(dumpFile);
        const conn = libpq(config.databaseUrl);
        await runTool(
          pgTool('pg_restore'),
          ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${conn.dbname}`, dumpFile],
          conn.env,
        );
        const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
        try {
          const db = drizzlePg(pool, { schema }) as unknown as Db;
          const checked = await checkRestored(db, async (text) => (await client.query(text)).rows, opened.header);
          return { kind: 'postgres', ...checked, key: installDataKey(config, opened.dataKey) };
        } finally {
          await pool.end();
        }
      } finally {
        await client.end();
      }
    }

    const dir = config.dataDir;
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new BackupError(`${dir} is not empty: restore into a new, empty DATA_DIR`);
    if (await answers(controlSocketPath(dir))) throw new BackupError(`a server is running on ${dir}: stop it first`);
    opened.decryptTo(dumpFile);
    fs.mkdirSync(dir, { recursive: true });
    let done = false;
    try {
      const client = new PGlite(dir, { loadDataDir: new Blob([fs.readFileSync(dumpFile)]) });
      try {
        await client.waitReady;
        const db = drizzlePglite(client, { schema }) as unknown as Db;
        const checked = await checkRestored(db, async (text) => (await client.query(text)).rows as never[], opened.header);
        await client.close();
        const key = installDataKey(config, opened.dataKey);
        done = true;
        return { kind: 'pglite', ...checked, key };
      } finally {
        if (!client.closed) await client.close();
      }
    } finally {
      // Never leave a half-restored folder that a start would take for a database.
      if (!done) for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
