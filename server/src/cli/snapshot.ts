import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../db/client.ts';

/** Runs one SQL text and answers its rows (a PGlite client, a pg client in a snapshot transaction, …). */
export type RunQuery = <T>(text: string) => Promise<T[]>;

export interface SnapshotFacts {
  counts: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
  /** One sealed ID number of the snapshot (to check that the data key opens it), or null when there are none. */
  sampleCipher: string | null;
}

/** Rows of every table of ours (public and drizzle schemas), the audit head and a sealed sample — read in one snapshot. */
export async function snapshotFacts(run: RunQuery): Promise<SnapshotFacts> {
  const tables = await run<{ s: string; t: string }>(
    `select table_schema as s, table_name as t from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const counts: Record<string, number> = {};
  if (tables.length > 0) {
    const union = tables.map((t, i) => `select ${i} as i, count(*)::int as n from "${t.s}"."${t.t}"`).join(' union all ');
    const rows = await run<{ i: number; n: number }>(union);
    for (const r of rows) {
      const t = tables[Number(r.i)];
      if (t) counts[`${t.s}.${t.t}`] = Number(r.n);
    }
  }
  const has = (name: string) => counts[name] !== undefined;
  const head = has('public.audit_log') ? await run<{ seq: number; hash: string }>(`select seq::int as seq, hash from audit_log order by seq desc limit 1`) : [];
  const sample = has('public.persons') ? await run<{ c: string }>(`select id_cipher as c from persons order by id limit 1`) : [];
  return { counts, auditHead: head[0] ? { seq: Number(head[0].seq), hash: head[0].hash.trim() } : null, sampleCipher: sample[0]?.c ?? null };
}

// --- The running server's control socket (embedded database only) --------------------------------------------------
//
// An embedded database is one process's: a second process opening the same folder would corrupt it. So while the
// server runs, `npm run cli -- backup` asks the server for the dump over a Unix socket beside DATA_DIR (not inside it:
// PGlite refuses a folder holding a socket), mode 0600 — whoever may use it may already read DATA_DIR.

/** `/srv/data` → `/srv/.data.control.sock`. */
export function controlSocketPath(dataDir: string): string {
  return path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.control.sock`);
}

export interface DumpReply {
  facts: SnapshotFacts;
  /** The data folder as a gzip tar. */
  dump: Buffer;
}

/**
 * The embedded database's dump and its facts, taken with no other transaction open: the dump is the committed state
 * (a restore replays its log like after a crash), the counts are exactly what it holds.
 */
export async function dumpEmbeddedConsistent(client: PGlite): Promise<DumpReply> {
  // PGlite runs one transaction (or statement) at a time: inside this one, no other transaction can be open.
  return client.transaction(async (tx) => {
    const facts = await snapshotFacts(async (text) => (await tx.query(text)).rows as never[]);
    const blob = await client.dumpDataDir('gzip');
    return { facts, dump: Buffer.from(await blob.arrayBuffer()) };
  });
}

/** Serves `backup` requests on the control socket; returns a function that stops it. No socket when the path is too long. */
export async function startControlSocket(dataDir: string, db: Db, warn: (msg: string) => void): Promise<() => Promise<void>> {
  const client = (db as unknown as { $client?: unknown }).$client;
  const file = controlSocketPath(dataDir);
  if (!(client instanceof PGlite) || Buffer.byteLength(file) > 100) {
    if (client instanceof PGlite) warn(`no control socket (path too long: ${file}); stop the server to back it up`);
    return async () => undefined;
  }
  // A socket left by a killed server: nobody answers on it.
  if (fs.existsSync(file) && !(await answers(file))) fs.rmSync(file, { force: true });
  const server = net.createServer((sock) => {
    let got = '';
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => {
      got += d.toString('utf8');
      if (!got.includes('\n')) return;
      const op = got.slice(0, got.indexOf('\n')).trim();
      if (op === 'ping') {
        sock.end('{"ok":true}\n');
        return;
      }
      if (op !== 'backup') {
        sock.end('{"ok":false,"error":"unknown operation"}\n');
        return;
      }
      dumpEmbeddedConsistent(client)
        .then(({ facts, dump }) => {
          sock.write(`${JSON.stringify({ ok: true, facts, bytes: dump.length })}\n`);
          sock.end(dump);
        })
        .catch((e: unknown) => sock.end(`${JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) })}\n`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  }).catch((e: unknown) => warn(`no control socket at ${file}: ${e instanceof Error ? e.message : String(e)}`));
  if (!server.listening) return async () => undefined;
  fs.chmodSync(file, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(file, { force: true });
    });
}

/** Whether a server answers on the socket (within a second). */
export function answers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!fs.existsSync(file)) return resolve(false);
    const sock = net.connect(file);
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(false);
    }, 1000);
    sock.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    sock.on('connect', () => sock.write('ping\n'));
    sock.on('data', () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(true);
    });
  });
}

/** Asks the running server for a dump; null when no server answers on the socket. */
export function requestDump(dataDir: string): Promise<DumpReply | null> {
  const file = controlSocketPath(dataDir);
  if (!fs.existsSync(file)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const sock = net.connect(file);
    const chunks: Buffer[] = [];
    let connected = false;
    sock.on('connect', () => {
      connected = true;
      sock.write('backup\n');
    });
    sock.on('data', (d: Buffer) => chunks.push(d));
    sock.on('error', (e) => (connected ? reject(e) : resolve(null)));
    sock.on('end', () => {
      const all = Buffer.concat(chunks);
      const nl = all.indexOf(0x0a);
      if (nl < 0) return reject(new Error('the server closed the control socket without an answer'));
      const head = JSON.parse(all.subarray(0, nl).toString('utf8')) as { ok: boolean; error?: string; facts?: SnapshotFacts; bytes?: number };
      if (!head.ok || !head.facts) return reject(new Error(`the server could not dump the database: ${head.error ?? 'no reason given'}`));
      const dump = all.subarray(nl + 1);
      if (dump.length !== head.bytes) return reject(new Error(`the dump arrived incomplete (${dump.length} of ${head.bytes} bytes)`));
      resolve({ facts: head.facts, dump });
    });
  });
}
