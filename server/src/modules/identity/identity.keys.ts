import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The master data key that protects ID numbers at rest (32 bytes). Where it comes from, in order:
 *  1. `key` (config `dataKey`, env `SKILLCERT_DATA_KEY`): base64 of exactly 32 bytes — any other length stops the start;
 *  2. `dataDir`: the file `DATA_DIR/keys/data.key` (base64), created on first start with mode 0600 in a 0700 folder,
 *     and read on every later start — losing it makes the stored ID numbers unreadable, so back it up with the data
 *     (`npm run cli -- backup` carries it); a `data.key.next` beside it (a rotation killed half-way) stops the start;
 *  3. neither (tests, in-memory database): a random key for this process only.
 */
export const DATA_KEY_BYTES = 32;
export const DATA_KEY_ENV = 'SKILLCERT_DATA_KEY';

/** A key that cannot be used: the message names the source and what is wrong, never the key itself. */
export class DataKeyError extends Error {
  override readonly name = 'DataKeyError';
}

export type DataKeySource = 'env' | 'file-created' | 'file' | 'memory';

export interface LoadedDataKey {
  key: Buffer;
  source: DataKeySource;
  /** The key file, when the key came from (or was written to) one. */
  file?: string;
}

/** Decode a base64 (or base64url) key and insist on 32 bytes. */
export function decodeDataKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new DataKeyError(`${where}: the data key must be base64 of ${DATA_KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`)`);
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== DATA_KEY_BYTES) {
    throw new DataKeyError(`${where}: the data key must be ${DATA_KEY_BYTES} bytes, got ${key.length} (generate one with \`openssl rand -base64 32\`)`);
  }
  return key;
}

/** The path of the key file under a data folder. */
export function dataKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'data.key');
}

export function loadDataKey(opts: { key?: string | undefined; dataDir?: string | undefined }): LoadedDataKey {
  if (opts.key !== undefined && opts.key !== '') return { key: decodeDataKey(opts.key, DATA_KEY_ENV), source: 'env' };
  if (!opts.dataDir) return { key: randomBytes(DATA_KEY_BYTES), source: 'memory' };

  const file = dataKeyFile(opts.dataDir);
  if (fs.existsSync(`${file}.next`)) {
    throw new DataKeyError(`a data key rotation was interrupted (${file}.next exists): run \`npm run cli -- rotate-key\` again to finish it`);
  }
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    const fresh = randomBytes(DATA_KEY_BYTES);
    // 'wx': fail if it exists, so two processes starting together never overwrite each other's key.
    fs.writeFileSync(file, fresh.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return { key: fresh, source: 'file-created', file };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return { key: decodeDataKey(fs.readFileSync(file, 'utf8'), file), source: 'file', file };
}
