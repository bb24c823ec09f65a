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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataKey = randomBytes(32).toString('base64');
  const config = { ...loadConfig({}, []), seedDemo: true, dataKey, logLevel: 'silent' as const };
  if (process.env.TEST_DB === 'postgres') {
    const base = process.env.TEST_PG_URL;
    if (!base) throw new Error('TEST_DB=postgres needs TEST_PG_URL (scripts/test.sh starts a server and sets it)');
    const name = `skillcert_tpl_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const { database } = await prepareDatabase({ ...config, databaseUrl: url.toString() });
    await database.close();
    project.provide('dbTemplate', { dataKey, postgresTemplate: name });
    return async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const { database } = await prepareDatabase({ ...config, databaseUrl: undefined }, { inMemory: true });
  const dump = Buffer.from(await (await dumpEmbedded(database.db)).arrayBuffer());
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-api-')), 'demo.tar');
  fs.writeFileSync(file, dump);
  project.provide('dbTemplate', { dataKey, pgliteDump: file });
  return async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
