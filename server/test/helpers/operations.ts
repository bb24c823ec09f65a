import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { prepareDatabase } from '../../src/bootstrap.ts';
import { type SnapshotFacts, snapshotFacts } from '../../src/cli/snapshot.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, queryRows } from '../../src/db/client.ts';
import { certificates, persons } from '../../src/db/schema.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-world.ts';
import type { TestApp } from './test-app.ts';

/**
 * Operator commands under test (`npm run cli -- …`): file databases (a DATA_DIR loaded from the run's demo dump, or a
 * PostgreSQL database from the run's template), the CLI as a child process, and the checks every restored or
 * re-keyed instance must pass.
 */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = path.join(REPO, 'server', 'src', 'cli', 'index.ts');
export const PASSPHRASE = 'correct horse battery staple';

export interface Where {
  dataDir: string;
  databaseUrl?: string;
}

const cleanups: (() => Promise<void>)[] = [];
export async function cleanup(): Promise<void> {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  cleanups.length = 0;
}

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new PostgreSQL database (empty, or from the run's demo template). */
export async function newPostgres(fromTemplate: boolean): Promise<string> {
  const base = process.env.TEST_PG_URL;
  if (!base) throw new Error('TEST_DB=postgres needs TEST_PG_URL');
  const template = inject('dbTemplate')?.postgresTemplate;
  const name = `skillcert_ops_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${fromTemplate && template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The demo world in a file database of the kind under test; its data key is the run's (returned). PGlite: the folder is
 * filled from the run's dump when `openInstance` first opens it with `loadDataDir`.
 */
export async function demoInstance(): Promise<{ where: Where; dataKey: string; loadDataDir?: Blob }> {
  const template = inject('dbTemplate');
  if (!template) throw new Error('no demo template (run in the api project)');
  const dataDir = path.join(tempDir('skillcert-ops-'), 'data');
  if (process.env.TEST_DB === 'postgres') return { where: { dataDir, databaseUrl: await newPostgres(true) }, dataKey: template.dataKey };
  if (!template.pgliteDump) throw new Error('no PGlite dump');
  return { where: { dataDir }, dataKey: template.dataKey, loadDataDir: new Blob([fs.readFileSync(template.pgliteDump)]) };
}

/** An empty target of the same kind: a DATA_DIR that does not exist yet, or an empty PostgreSQL database. */
export async function emptyInstance(): Promise<Where> {
  const dataDir = path.join(tempDir('skillcert-ops-'), 'data');
  return process.env.TEST_DB === 'postgres' ? { dataDir, databaseUrl: await newPostgres(false) } : { dataDir };
}

export function cliEnv(where: Where, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: where.dataDir, LOG_LEVEL: 'silent', ...extra };
  delete env.DATABASE_URL;
  delete env.SKILLCERT_DATA_KEY;
  delete env.SKILLCERT_NEW_DATA_KEY;
  delete env.SKILLCERT_BACKUP_PASSPHRASE;
  if (where.databaseUrl) env.DATABASE_URL = where.databaseUrl;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** `npm run cli -- …` as the operator runs it (node + tsx, no npm in between). */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return runNode(CLI, env, args);
}

/** A TypeScript entry point of ours in a child process (node + tsx); its exit code and output. */
export function runNode(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { env, cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

/** The app on a file database, as `npm start` opens it (key from `dataKey`, else DATA_DIR/keys/data.key). */
export async function openInstance(where: Where, dataKey?: string, loadDataDir?: Blob): Promise<TestApp & { database: Database }> {
  const config = { ...loadConfig({}, []), ...where, dataKey, seedDemo: false, logLevel: 'silent' };
  const { database, identity, credentials } = await prepareDatabase(config, loadDataDir ? { loadDataDir } : {});
  const { app, routes } = await buildApp({ db: database.db, dbKind: database.kind, config, identity, credentials }, false);
  return {
    app,
    db: database.db,
    database,
    routes,
    dbKind: database.kind,
    identity,
    credentials,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      const cookie = res.cookies.find((c) => c.name === 'skillcert_session');
      if (!cookie) throw new Error(`login ${username} failed: ${res.statusCode}`);
      return `skillcert_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export async function factsOf(t: TestApp): Promise<SnapshotFacts> {
  return snapshotFacts(async (text) => queryRows(t.db, sql.raw(text)));
}

/**
 * What a restored or re-keyed instance must still do: every valid certificate's credential verifies (signature and
 * status list), the revoked one does not; the public search by name + ID number finds the holder (look-up hash);
 * the ID numbers open; an issuer key still signs (a fresh status list after a revocation).
 */
export async function expectInstanceWorks(t: TestApp): Promise<void> {
  const certs = await t.db.select().from(certificates).where(sql`${certificates.credential} is not null`);
  const valid = certs.filter((c) => c.status === 'valid');
  const revoked = certs.filter((c) => c.status === 'revoked');
  expect(valid.length).toBeGreaterThan(0);
  expect(revoked.length).toBeGreaterThan(0);
  for (const c of [valid[0]!, revoked[0]!]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/public/verify', payload: JSON.parse(c.credential!) as object });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ valid: boolean }>().valid).toBe(c.status === 'valid');
  }
  const holder = valid[0]!;
  const [person] = await t.db.select().from(persons).where(eq(persons.id, holder.personId));
  const idNumber = t.identity.open(person!.idCipher);
  const found = await t.app.inject({
    method: 'POST',
    url: '/api/public/certificates/search',
    payload: { name: holder.holderName, idType: holder.idType, idNumber },
  });
  expect(found.statusCode).toBe(200);
  expect(found.json<{ items: { number: string }[] }>().items.map((i) => i.number)).toContain(holder.number);
  // The issuer's sealed signing key opens: flip another valid certificate's status bit (the status list alone, its
  // row stays valid) and the list is signed afresh.
  let flipped: (typeof valid)[number] | undefined;
  for (const c of [...valid].reverse()) {
    if (c.id === holder.id || !c.statusListId) continue;
    if (await t.db.transaction((tx) => t.credentials.revokeStatusEntry(tx, { listId: c.statusListId!, index: c.statusIndex! }))) {
      flipped = c;
      break;
    }
  }
  expect(flipped).toBeDefined();
  const list = await t.credentials.statusListCredential(t.db, flipped!.issuerOrgId!, flipped!.statusListId!);
  expect(list?.json).toContain('BitstringStatusListCredential');
}
