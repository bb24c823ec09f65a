import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataDir, DataDirError } from './client.ts';

/** Issue 17: a damaged or half-written embedded database folder is never opened (PGlite would start an empty one). */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-datadir-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, number>): string {
  const dir = path.join(root, name);
  for (const [file, size] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), Buffer.alloc(size));
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

describe('checkDataDir', () => {
  it('a missing or empty folder (or one holding only the key folder) is a first start', () => {
    expect(checkDataDir(path.join(root, 'absent'))).toBe(false);
    expect(checkDataDir(folder('empty', {}))).toBe(false);
    expect(checkDataDir(folder('keys-only', { 'keys/data.key': 45 }))).toBe(false);
  });

  it('a whole database is opened', () => {
    expect(checkDataDir(folder('whole', { PG_VERSION: 3, 'global/pg_control': 8192, 'base/5/1259': 8192 }))).toBe(true);
  });

  it.each([
    ['PG_VERSION missing (PGlite would create an empty database over it)', { 'global/pg_control': 8192, 'base/5/1259': 8192 }, /PG_VERSION is missing/],
    ['pg_control missing', { PG_VERSION: 3, 'base/5/1259': 8192 }, /pg_control is missing/],
    ['pg_control truncated', { PG_VERSION: 3, 'global/pg_control': 100 }, /pg_control is 100 bytes/],
  ])('%s: refused, naming the folder and the restore command', (name, files, reason) => {
    const dir = folder(name.replace(/\W+/g, '-'), files);
    let error: unknown;
    try {
      checkDataDir(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirError);
    const message = (error as Error).message;
    expect(message).toMatch(reason);
    expect(message).toContain(dir);
    expect(message).toContain('npm run cli -- restore FILE');
  });
});
