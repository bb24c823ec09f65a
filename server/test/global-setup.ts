import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { dumpEmbedded } from '../src/db/client.ts';

/**
 * Seeds the demo world once per API test run — on the database kind under test — and hands every test file a copy
 * (helpers/test-app.ts): an embedded database loaded from the dump, or a PostgreSQL database created from the template.
 * Seeding the whole demo (filings, bank, plans, exams, marking, publicity, certificates) takes seconds per file; a
 * copy a fraction of that. All copies share one data key, the template's.
 *
 * Under `scripts/test.sh` the seeded templates are also shared by the suite's steps: SKILLCERT_TEST_TEMPLATES names a
 * folder (removed by the script at its end) where the first step on each database kind leaves its template —
 * `pglite.tar` with `pglite.key`, `postgres.json` naming the template database on that server — and a later step
 * (the stress steps, the browser step's data folder: e2e/global-setup.ts) starts from it instead of seeding again.
 */
export interface DbTemplate {
  dataKey: string;
  /** A dump of the seeded embedded database (TEST_DB=pglite). */
  pgliteDump?: string;
  /** A seeded PostgreSQL database to create test databases from (TEST_DB=postgres). */
  postgresTemplate?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: DbTemplate | null;
  }
}

/** The folder the suite's steps share seeded templates in (scripts/test.sh), or undefined outside the script. */
export function sharedTemplates(): string | undefined {
  const dir = process.env.SKILLCERT_TEST_TEMPLATES;
  if (!dir) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The embedded demo world a former step of this suite seeded, if any: its dump and data key. */
export function sharedPgliteTemplate(): { dump: string; dataKey: string } | undefined {
  const dir = sharedTemplates();
  if (!dir) return undefined;
  const dump = path.join(dir, 'pglite.tar');
  const key = path.join(dir, 'pglite.key');
  // The key is written last (after the dump is wholly in place), so its presence means both are whole.
  if (!fs.existsSync(key) || !fs.existsSync(dump)) return undefined;
  return { dump, dataKey: fs.readFileSync(key, 'utf8').trim() };
}

/** Writes `content` to `file` whole or not at all (a concurrent reader never sees half of it). */
function writeWhole(file: string, content: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

async function postgresTemplate(project: TestProject, dataKey: string, config: ReturnType<typeof loadConfig>): Promise<() => Promise<void>> {
  const base = process.env.TEST_PG_URL;
  if (!base) throw new Error('TEST_DB=postgres needs TEST_PG_URL (scripts/test.sh starts a server and sets it)');
  const shared = sharedTemplates();
  const record = shared ? path.join(shared, 'postgres.json') : undefined;
  if (record && fs.existsSync(record)) {
    const saved = JSON.parse(fs.readFileSync(record, 'utf8')) as { server: string; name: string; dataKey: string };
    if (saved.server === base) {
      project.provide('dbTemplate', { dataKey: saved.dataKey, postgresTemplate: saved.name });
      // Left in place for the suite's later steps; the script throws the whole server away at its end.
      return async () => undefined;
    }
  }
  const name = `skillcert_tpl_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const { database } = await prepareDatabase({ ...config, dataKey, databaseUrl: url.toString() });
  await database.close();
  project.provide('dbTemplate', { dataKey, postgresTemplate: name });
  if (record && !fs.existsSync(record)) {
    writeWhole(record, JSON.stringify({ server: base, name, dataKey }));
    return async () => undefined;
  }
  return async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = { ...loadConfig({}, []), seedDemo: true, logLevel: 'silent' as const };
  if (process.env.TEST_DB === 'postgres') return postgresTemplate(project, randomBytes(32).toString('base64'), config);

  const saved = sharedPgliteTemplate();
  if (saved) {
    project.provide('dbTemplate', { dataKey: saved.dataKey, pgliteDump: saved.dump });
    return async () => undefined;
  }
  const dataKey = randomBytes(32).toString('base64');
  const { database } = await prepareDatabase({ ...config, dataKey, databaseUrl: undefined }, { inMemory: true });
  const dump = Buffer.from(await (await dumpEmbedded(database.db)).arrayBuffer());
  await database.close();
  const shared = sharedTemplates();
  if (shared) {
    const file = path.join(shared, 'pglite.tar');
    writeWhole(file, dump);
    writeWhole(path.join(shared, 'pglite.key'), dataKey);
    project.provide('dbTemplate', { dataKey, pgliteDump: file });
    return async () => undefined;
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-api-')), 'demo.tar');
  fs.writeFileSync(file, dump);
  project.provide('dbTemplate', { dataKey, pgliteDump: file });
  return async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
