import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { buildApp } from '../server/src/app.ts';
import { prepareDatabase } from '../server/src/bootstrap.ts';
import { loadConfig } from '../server/src/config.ts';
import { DEMO_PASSWORD } from '../server/src/demo/demo-world.ts';
import { type EvaluationWorld, type EvaluationWorldOptions, makeEvaluationWorld } from '../server/test/helpers/evaluation.ts';
import type { TestApp } from '../server/test/helpers/test-app.ts';
import { demoDataDir, freePort, requireWebBuild, spawnServer, waitUntilUp } from './harness.ts';

/**
 * The exam browser tests' server: the real `server/src/main.ts` as a child process on a data directory of our own, so it
 * can be killed with SIGKILL mid-exam and started again on the same data (same port: the open pages keep their origin).
 * Before the first start the data directory is seeded in this process — the demo world plus evaluation worlds built with
 * the API tests' fixture (`makeEvaluationWorld`), then closed — so no test-only hook is needed in the server.
 */
export interface ExamServer {
  baseUrl: string;
  dataDir: string;
  output: () => string;
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Seed a fresh data directory: the demo world and the given evaluation worlds (the server is not running yet). */
export async function seedExamData(
  worlds: EvaluationWorldOptions[] | (() => EvaluationWorldOptions[]),
): Promise<{ dataDir: string; worlds: EvaluationWorld[] }> {
  const dataDir = await demoDataDir('skillcert-exam-e2e-');
  const config = { ...loadConfig({}, []), dataDir, databaseUrl: undefined, seedDemo: true, logLevel: 'silent' as const };
  const { database, identity, credentials } = await prepareDatabase(config);
  const { app, routes } = await buildApp({ db: database.db, dbKind: database.kind, config, identity, credentials }, false);
  const t: TestApp = {
    app,
    db: database.db,
    routes,
    dbKind: database.kind,
    identity,
    credentials,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      const cookie = res.cookies.find((c) => c.name === 'skillcert_session');
      if (res.statusCode !== 200 || !cookie) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return `skillcert_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
  try {
    const made: EvaluationWorld[] = [];
    // Options computed now (a deadline relative to the clock is best fixed as late as possible).
    for (const o of typeof worlds === 'function' ? worlds() : worlds) made.push(await makeEvaluationWorld(t, o));
    return { dataDir, worlds: made };
  } finally {
    await t.close();
  }
}

export async function examServer(dataDir: string): Promise<ExamServer> {
  requireWebBuild();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let out = '';
  let child: ChildProcess | null = null;

  const start = async () => {
    const c = spawnServer(port, dataDir, (text) => (out += text));
    child = c;
    await waitUntilUp(c, baseUrl, () => out);
  };

  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  };

  return {
    baseUrl,
    dataDir,
    output: () => out,
    start,
    kill: () => end('SIGKILL'),
    async stop() {
      await end('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A staff login for API calls from the test (JSON writes carry the page's Origin, as a browser's would). */
export async function staffApi(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!login.ok || !cookie) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  return async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, origin: baseUrl, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
