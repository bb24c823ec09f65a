import type { Role } from '@skillcert/shared/domain';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type {} from '../global-setup.ts';
import { buildApp } from '../../src/app.ts';
import { prepareDatabase } from '../../src/bootstrap.ts';
import type { FastifyServerOptions } from 'fastify';
import { closeWorkerPool } from '../../src/lib/worker-pool.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import type { RegisteredRoute } from '../../src/http/access-hook.ts';
import type { App } from '../../src/http/types.ts';
import type { CredentialsKit } from '../../src/modules/credentials/credentials.service.ts';
import type { IdentityVault } from '../../src/modules/identity/identity.vault.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-world.ts';

export interface TestApp {
  app: App;
  db: Db;
  routes: RegisteredRoute[];
  dbKind: 'pglite' | 'postgres';
  /** The app's vault (a random key per test file): seal/open/hash ID numbers in assertions. */
  identity: IdentityVault;
  /** The app's electronic-certificate kit (keys, status lists, sign / verify) on the same database. */
  credentials: CredentialsKit;
  /** Logs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database for one test file: PGlite in memory, or a new database on the real server (TEST_DB=postgres). */
async function freshPostgresDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_PG_URL;
  if (!base) throw new Error('TEST_DB=postgres needs TEST_PG_URL (scripts/test.sh starts a server and sets it)');
  const name = `skillcert_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // The pool's connections may still be closing: wait for them rather than cut them off (FORCE only as a last resort).
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 20 ? ' WITH (FORCE)' : ''}`);
          break;
        } catch (e) {
          if (attempt >= 20) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await c.end();
    },
  };
}

export interface TestAppOptions {
  /** Settings over the defaults (e.g. `{ cookieSecure: true, trustProxy: true }`). */
  config?: Partial<Config>;
  /** The server's logger (default: none), e.g. `{ level: 'info', stream }` to read what it logs. */
  logger?: FastifyServerOptions['logger'];
}

/** The whole app on a throwaway database seeded with the demo world. */
export async function makeTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  // The demo world seeded once for the run (global-setup.ts); without it (a test run outside the api project) seed here.
  const template = inject('dbTemplate') ?? null;
  const pgDb = kind === 'postgres' ? await freshPostgresDatabase(template?.postgresTemplate) : undefined;
  const config = {
    ...loadConfig({}, []),
    databaseUrl: pgDb?.url,
    seedDemo: true,
    logLevel: 'silent' as const,
    ...(template ? { dataKey: template.dataKey } : {}),
    ...opts.config,
  };
  const loadDataDir = kind === 'pglite' && template?.pgliteDump ? new Blob([fs.readFileSync(template.pgliteDump)]) : undefined;
  const { database, identity, credentials } = await prepareDatabase(config, { inMemory: true, ...(loadDataDir ? { loadDataDir } : {}) });
  const { app, routes } = await buildApp({ db: database.db, dbKind: database.kind, config, identity, credentials }, opts.logger ?? false);
  return {
    app,
    db: database.db,
    routes,
    dbKind: database.kind,
    identity,
    credentials,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'skillcert_session');
      if (!cookie) throw new Error('no session cookie');
      return `skillcert_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      // The parsers' worker threads are the process's (lib/worker-pool.ts), and test files share a process (isolate:
      // false): stop them, so a task a file left running (a zip bomb being counted) cannot hold up the next file's.
      await closeWorkerPool();
      await database.close();
      await pgDb?.drop();
    },
  };
}

/** One demo account per role (the demo world's). */
export const ROLE_ACCOUNT = {
  admin: 'admin',
  hr: 'sh_hr',
  edu: 'sh_edu',
  school_admin: 'school_admin',
  school_staff: 'school_staff',
  assessor: 'assessor',
  supervisor: 'sh_supervisor',
  candidate: 'candidate',
} as const satisfies Record<Role, string>;
