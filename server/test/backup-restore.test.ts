import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BackupError } from '../src/cli/backup-format.ts';
import { backup, restore } from '../src/cli/backup.ts';
import { startControlSocket } from '../src/cli/snapshot.ts';
import { DataDirError, openDatabase } from '../src/db/client.ts';
import { verifyChain } from '../src/modules/audit/audit.service.ts';
import { dataKeyFile } from '../src/modules/identity/identity.keys.ts';
import {
  cleanup,
  cliEnv,
  demoInstance,
  emptyInstance,
  expectInstanceWorks,
  factsOf,
  openInstance,
  PASSPHRASE,
  REPO,
  runCli,
  runNode,
  tempDir,
} from './helpers/operations.ts';

/**
 * Issue 17 part 2: `npm run cli -- backup FILE` taken while the server runs (PGlite: the running server dumps over its
 * control socket; PostgreSQL: pg_dump in one exported snapshot), then `restore FILE` into an empty instance: the same
 * rows in every table, the audit chain intact, certificates still verify (signature and status list), look-ups by ID
 * number still answer, the data key installed 0600. A wrong passphrase, an altered file or a non-empty target: refused.
 */
afterAll(cleanup);

it('a backup taken while the server runs restores into an empty instance that works as before', async () => {
  const { where, dataKey, loadDataDir } = await demoInstance();
  const source = await openInstance(where, dataKey, loadDataDir);
  const stopSocket = await startControlSocket(where.dataDir, source.db, () => undefined);
  const file = path.join(tempDir('skillcert-backup-'), 'skillcert.backup');
  // A public complaint with an evidence file (issue 17 part 5): its rows are among those counted before and after.
  const catalog = await source.app.inject({ method: 'GET', url: '/api/public/institutions?region=310000' });
  const lodged = await source.app.inject({
    method: 'POST',
    url: '/api/public/complaints',
    payload: {
      institutionId: catalog.json<{ items: { id: string }[] }>().items[0]!.id,
      matter: '考场纪律问题，附现场照片。',
      name: '王五',
      contact: '13900002222',
      evidence: [{ filename: 'photo.pdf', contentBase64: Buffer.from('%PDF-1.4 evidence').toString('base64') }],
    },
  });
  expect(lodged.statusCode, lodged.body).toBe(201);
  const before = await factsOf(source);
  expect(before.counts['public.complaint_evidence']).toBeGreaterThan(0);
  try {
    const made = await runCli(['backup', file], cliEnv(where, { SKILLCERT_DATA_KEY: dataKey, SKILLCERT_BACKUP_PASSPHRASE: PASSPHRASE }));
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain(source.dbKind === 'pglite' ? 'by the running server' : 'with pg_dump');
    // The server answers while and after the backup is taken.
    expect((await source.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  } finally {
    await stopSocket();
    await source.close();
  }
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  // Nothing in the clear: no name of the demo world in the file.
  expect(fs.readFileSync(file).includes(Buffer.from('段誉', 'utf8'))).toBe(false);

  const target = await emptyInstance();
  await expect(restore({ ...target, dataKey: undefined }, file, 'not the passphrase at all')).rejects.toThrow(/wrong passphrase/);

  const restored = await runCli(['restore', file], cliEnv(target, { SKILLCERT_BACKUP_PASSPHRASE: PASSPHRASE }));
  expect(restored.err).toBe('');
  expect(restored.code).toBe(0);
  expect(restored.out).toContain('audit chain intact');
  // No SKILLCERT_DATA_KEY on the target: the backup's key is written as the key file, owner-only.
  const keyFile = dataKeyFile(target.dataDir);
  expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

  const t = await openInstance(target);
  try {
    const after = await factsOf(t);
    expect(after.counts).toEqual(before.counts);
    expect(Object.values(after.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    expect(after.auditHead).toEqual(before.auditHead);
    const chain = await verifyChain(t.db);
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBe(before.counts['public.audit_log']);
    expect(chain.checked).toBeGreaterThan(0);
    await expectInstanceWorks(t);
  } finally {
    await t.close();
  }
  if (!target.databaseUrl) {
    // The restored folder with its catalog (pg_class) overwritten: a clear refusal, not an empty database.
    const garbled = path.join(path.dirname(target.dataDir), 'garbled');
    fs.cpSync(target.dataDir, garbled, { recursive: true });
    for (const db of fs.readdirSync(path.join(garbled, 'base'))) {
      const f = path.join(garbled, 'base', db, '1259');
      if (fs.existsSync(f)) fs.writeFileSync(f, Buffer.alloc(fs.statSync(f).size, 0x41));
    }
    await expect(openDatabase({ dataDir: garbled })).rejects.toThrow(DataDirError);
  }

  // Into a target that is not empty: refused, nothing touched.
  await expect(restore({ ...target, dataKey: undefined }, file, PASSPHRASE)).rejects.toThrow(/not empty/);
  // An altered byte anywhere in the dump: refused (the tag does not match), the target left empty.
  const altered = path.join(path.dirname(file), 'altered.backup');
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
  fs.writeFileSync(altered, bytes);
  const other = await emptyInstance();
  await expect(restore({ ...other, dataKey: undefined }, altered, PASSPHRASE)).rejects.toThrow(BackupError);
  await expect(restore({ ...other, dataKey: undefined }, altered, PASSPHRASE)).rejects.toThrow(/altered/);
  // A backup never overwrites a file.
  await expect(backup({ ...where, dataKey }, file, PASSPHRASE)).rejects.toThrow(/exists already/);
}, 120_000);

it('the server started on a half-written data folder stops with the folder named and the restore command, exit 1', async () => {
  const dataDir = path.join(tempDir('skillcert-halfwritten-'), 'data');
  fs.mkdirSync(path.join(dataDir, 'global'), { recursive: true });
  fs.mkdirSync(path.join(dataDir, 'base', '5'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192));
  fs.writeFileSync(path.join(dataDir, 'base', '5', '1259'), Buffer.alloc(8192));
  const started = await runNode(path.join(REPO, 'server', 'src', 'main.ts'), cliEnv({ dataDir }, { PORT: '0', HOST: '127.0.0.1' }));
  expect(started.code).toBe(1);
  expect(started.err).toContain(`the embedded database in ${dataDir} is damaged or half-written (PG_VERSION is missing)`);
  expect(started.err).toContain('npm run cli -- restore FILE');
  // Nothing was created over it.
  expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(false);
}, 60_000);
