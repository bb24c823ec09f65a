import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';

/**
 * The backup file (`npm run cli -- backup FILE`): one file holding the database dump and the data key, both encrypted
 * under a key derived from the operator's passphrase (env SKILLCERT_BACKUP_PASSPHRASE, scrypt) — never under the data
 * key itself, so a backup restores on a machine that has lost everything but the file and the passphrase.
 *
 *   line 1  `SKILLCERT-BACKUP/1`
 *   line 2  the header (JSON, not secret): kind, time, row counts, audit head, scrypt parameters, the wrapped data key
 *   rest    AES-256-GCM of the dump (PGlite: its data folder as a gzip tar; PostgreSQL: pg_dump's custom format),
 *           the header line as additional data, the 16-byte tag last.
 */
export const MAGIC = 'SKILLCERT-BACKUP/1';
export const PASSPHRASE_ENV = 'SKILLCERT_BACKUP_PASSPHRASE';
export const MIN_PASSPHRASE = 12;
const TAG_BYTES = 16;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_AAD = Buffer.from('skillcert-backup/data-key', 'utf8');

export type BackupKind = 'pglite' | 'postgres';

export interface BackupHeader {
  kind: BackupKind;
  createdAt: string;
  /** Rows per table (`schema.table`) in the dumped snapshot: a restore must find exactly these. */
  counts: Record<string, number>;
  /** The last audit entry in the snapshot (its seq and hash), or null when the log is empty. */
  auditHead: { seq: number; hash: string } | null;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  dataKey: { iv: string; tag: string; sealed: string };
  payloadIv: string;
}

/** Something wrong with the backup, the passphrase or the target: the CLI prints the message and exits 1. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export function passphraseFrom(env: NodeJS.ProcessEnv): string {
  const pass = env[PASSPHRASE_ENV] ?? '';
  if (pass.length < MIN_PASSPHRASE) {
    throw new BackupError(`${PASSPHRASE_ENV} must hold the backup passphrase (at least ${MIN_PASSPHRASE} characters); keep it apart from the backups`);
  }
  return pass;
}

function deriveKeys(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): { payload: Buffer; wrap: Buffer } {
  const k = scryptSync(passphrase, salt, 64, { ...kdf, maxmem: 128 * kdf.N * kdf.r * 2 });
  return { payload: k.subarray(0, 32), wrap: k.subarray(32) };
}

export interface BackupWriter {
  /** Encrypts and appends a part of the dump. */
  write(chunk: Buffer): void;
  /** Writes the tag and closes the file. */
  finish(): void;
  /** Closes and removes the half-written file. */
  abort(): void;
}

/** Opens FILE for a new backup: header written, dump chunks to follow. FILE must not exist (never overwrite a backup). */
export function createBackupFile(file: string, passphrase: string, meta: Pick<BackupHeader, 'kind' | 'counts' | 'auditHead'>, dataKey: Buffer): BackupWriter {
  const salt = randomBytes(16);
  const keys = deriveKeys(passphrase, salt, SCRYPT);
  const keyIv = randomBytes(12);
  const kc = createCipheriv('aes-256-gcm', keys.wrap, keyIv);
  kc.setAAD(KEY_AAD);
  const sealed = Buffer.concat([kc.update(dataKey), kc.final()]);
  const payloadIv = randomBytes(12);
  const header: BackupHeader = {
    ...meta,
    createdAt: new Date().toISOString(),
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    dataKey: { iv: keyIv.toString('base64'), tag: kc.getAuthTag().toString('base64'), sealed: sealed.toString('base64') },
    payloadIv: payloadIv.toString('base64'),
  };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const fd = fs.openSync(file, 'wx', 0o600);
  const cipher = createCipheriv('aes-256-gcm', keys.payload, payloadIv);
  cipher.setAAD(headerLine);
  fs.writeSync(fd, Buffer.from(`${MAGIC}\n`, 'utf8'));
  fs.writeSync(fd, headerLine);
  let closed = false;
  return {
    write(chunk) {
      fs.writeSync(fd, cipher.update(chunk));
    },
    finish() {
      fs.writeSync(fd, cipher.final());
      fs.writeSync(fd, cipher.getAuthTag());
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      closed = true;
    },
    abort() {
      if (!closed) fs.closeSync(fd);
      closed = true;
      fs.rmSync(file, { force: true });
    },
  };
}

export interface OpenedBackup {
  header: BackupHeader;
  dataKey: Buffer;
  /** Decrypts the dump into `out` (a file path) and checks the tag: a file altered anywhere is refused, `out` removed. */
  decryptTo(out: string): void;
}

/** Reads the header and unwraps the data key (a wrong passphrase is refused here, before anything is touched). */
export function openBackupFile(file: string, passphrase: string): OpenedBackup {
  if (!fs.existsSync(file)) throw new BackupError(`no backup file at ${file}`);
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    fs.readSync(fd, head, 0, head.length, 0);
    const first = head.indexOf(0x0a);
    const second = first < 0 ? -1 : head.indexOf(0x0a, first + 1);
    if (first < 0 || second < 0 || head.subarray(0, first).toString('utf8') !== MAGIC) {
      throw new BackupError(`${file} is not a skillcert backup (made by \`npm run cli -- backup FILE\`)`);
    }
    const headerLine = head.subarray(first + 1, second + 1);
    let header: BackupHeader;
    try {
      header = JSON.parse(headerLine.toString('utf8')) as BackupHeader;
    } catch {
      throw new BackupError(`${file}: the backup's header is damaged`);
    }
    if ((header.kind !== 'pglite' && header.kind !== 'postgres') || header.kdf?.name !== 'scrypt') {
      throw new BackupError(`${file}: unknown backup kind or key derivation`);
    }
    const keys = deriveKeys(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
    let dataKey: Buffer;
    try {
      const d = createDecipheriv('aes-256-gcm', keys.wrap, Buffer.from(header.dataKey.iv, 'base64'));
      d.setAAD(KEY_AAD);
      d.setAuthTag(Buffer.from(header.dataKey.tag, 'base64'));
      dataKey = Buffer.concat([d.update(Buffer.from(header.dataKey.sealed, 'base64')), d.final()]);
    } catch {
      throw new BackupError(`${file}: wrong passphrase (${PASSPHRASE_ENV}), or the backup was altered`);
    }
    const start = second + 1;
    const end = size - TAG_BYTES;
    if (end < start) throw new BackupError(`${file}: the backup is truncated`);
    return {
      header,
      dataKey,
      decryptTo(out) {
        const tag = Buffer.alloc(TAG_BYTES);
        const rfd = fs.openSync(file, 'r');
        const wfd = fs.openSync(out, 'wx', 0o600);
        try {
          fs.readSync(rfd, tag, 0, TAG_BYTES, end);
          const d = createDecipheriv('aes-256-gcm', keys.payload, Buffer.from(header.payloadIv, 'base64'));
          d.setAAD(headerLine);
          d.setAuthTag(tag);
          const buf = Buffer.alloc(1024 * 1024);
          for (let pos = start; pos < end; ) {
            const n = fs.readSync(rfd, buf, 0, Math.min(buf.length, end - pos), pos);
            if (n <= 0) throw new BackupError(`${file}: the backup is truncated`);
            fs.writeSync(wfd, d.update(buf.subarray(0, n)));
            pos += n;
          }
          try {
            fs.writeSync(wfd, d.final());
          } catch {
            throw new BackupError(`${file}: the backup was altered or truncated (its authentication tag does not match)`);
          }
        } catch (e) {
          fs.closeSync(wfd);
          fs.rmSync(out, { force: true });
          throw e;
        } finally {
          fs.closeSync(rfd);
        }
        fs.closeSync(wfd);
      },
    };
  } finally {
    fs.closeSync(fd);
  }
}
