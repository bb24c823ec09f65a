import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataKeyError, dataKeyFile, loadDataKey } from './identity.keys.ts';
import { IdentityCipherError, createIdentityVault, vaultFromKey } from './identity.vault.ts';

const ID = '11010119900307777X';
const key = () => randomBytes(32).toString('base64');

const tmpDirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-id-'));
  tmpDirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('identity vault: ID numbers encrypted at rest', () => {
  it('seals and opens again (round trip), the cipher does not contain the number', () => {
    const v = createIdentityVault({ key: key() });
    const { cipher, hash } = v.seal(ID);
    expect(cipher).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(cipher).not.toContain(ID);
    expect(cipher).not.toContain(ID.slice(0, 6));
    expect(v.open(cipher)).toBe(ID);
    expect(hash).toBe(v.hash(ID));
  });

  it('stores the normalised number (trimmed, upper-case X)', () => {
    const v = createIdentityVault({ key: key() });
    expect(v.open(v.seal(`  ${ID.toLowerCase()} `).cipher)).toBe(ID);
  });

  it('uses a fresh IV for every seal: the same number never gives the same cipher', () => {
    const v = createIdentityVault({ key: key() });
    const ciphers = new Set(Array.from({ length: 50 }, () => v.seal(ID).cipher));
    const ivs = new Set([...ciphers].map((c) => c.split(':')[1]));
    expect(ciphers.size).toBe(50);
    expect(ivs.size).toBe(50);
  });

  it('refuses a tampered cipher (any part changed), another key, and garbage', () => {
    const k = key();
    const v = createIdentityVault({ key: k });
    const { cipher } = v.seal(ID);
    const [ver, iv, tag, ct] = cipher.split(':') as [string, string, string, string];
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] = (b[0] ?? 0) ^ 1;
      return b.toString('base64url');
    };
    for (const bad of [
      [ver, iv, tag, flip(ct)].join(':'),
      [ver, iv, flip(tag), ct].join(':'),
      [ver, flip(iv), tag, ct].join(':'),
      ['v2', iv, tag, ct].join(':'),
      [ver, iv, tag].join(':'),
      ID,
      '',
    ]) {
      expect(() => v.open(bad), bad).toThrow(IdentityCipherError);
    }
    expect(() => createIdentityVault({ key: key() }).open(cipher)).toThrow(IdentityCipherError);
    // The same key opens it again (a second process with the same key).
    expect(createIdentityVault({ key: k }).open(cipher)).toBe(ID);
  });

  it('an error never carries the number', () => {
    const v = createIdentityVault({ key: key() });
    const { cipher } = v.seal(ID);
    try {
      v.open(cipher.slice(0, -2) + (cipher.endsWith('A') ? 'BB' : 'AA'));
      expect.unreachable();
    } catch (e) {
      expect(String(e)).not.toContain(ID);
      expect(String((e as Error).stack)).not.toContain(ID);
    }
  });

  it('hash: stable, normalised (trim, x/X), keyed (another key gives another hash), distinct numbers differ', () => {
    const k = key();
    const a = createIdentityVault({ key: k });
    const b = createIdentityVault({ key: k });
    const other = createIdentityVault({ key: key() });
    expect(a.hash(ID)).toBe(b.hash(ID));
    expect(a.hash(` ${ID.toLowerCase()}\t`)).toBe(a.hash(ID));
    expect(a.hash(ID)).toMatch(/^[\w-]{43}$/);
    expect(other.hash(ID)).not.toBe(a.hash(ID));
    expect(a.hash('110101199003077777')).not.toBe(a.hash('110101199003077785'));
    // The hash is not a plain SHA-256 of the number.
    expect(a.hash(ID)).not.toContain(ID);
  });

  it('encryption and hash use different sub-keys (HKDF): the hash is not derivable from the cipher key alone', () => {
    const master = randomBytes(32);
    const v = vaultFromKey(master);
    expect(v.hash(ID)).not.toBe(createHmac('sha256', master).update(ID).digest('base64url'));
  });
});

describe('data key source', () => {
  it('creates DATA_DIR/keys/data.key with mode 0600 (folder 0700) on first start and reuses it', () => {
    const dir = tmpDir();
    const first = loadDataKey({ dataDir: dir });
    expect(first.source).toBe('file-created');
    const file = dataKeyFile(dir);
    expect(first.file).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const second = loadDataKey({ dataDir: dir });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);

    // A value sealed before a restart opens after it.
    const sealed = createIdentityVault({ dataDir: dir }).seal(ID);
    expect(createIdentityVault({ dataDir: dir }).open(sealed.cipher)).toBe(ID);
    expect(createIdentityVault({ dataDir: dir }).hash(ID)).toBe(sealed.hash);
  });

  it('the env key wins over the key file and is used as given', () => {
    const dir = tmpDir();
    const k = key();
    const loaded = loadDataKey({ key: k, dataDir: dir });
    expect(loaded.source).toBe('env');
    expect(loaded.key.toString('base64')).toBe(k);
    expect(fs.existsSync(dataKeyFile(dir))).toBe(false);
  });

  it('refuses an env key of the wrong length or not base64, with a clear message and without echoing it', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => createIdentityVault({ key: short })).toThrow(DataKeyError);
    expect(() => createIdentityVault({ key: short })).toThrow(/SKILLCERT_DATA_KEY.*32 bytes, got 16/);
    expect(() => createIdentityVault({ key: randomBytes(33).toString('base64') })).toThrow(/got 33/);
    expect(() => createIdentityVault({ key: 'not a key!' })).toThrow(/base64 of 32 bytes/);
    try {
      createIdentityVault({ key: short });
    } catch (e) {
      expect((e as Error).message).not.toContain(short);
    }
  });

  it('refuses a damaged key file instead of silently making a new key', () => {
    const dir = tmpDir();
    loadDataKey({ dataDir: dir });
    fs.writeFileSync(dataKeyFile(dir), 'c2hvcnQ=\n');
    expect(() => loadDataKey({ dataDir: dir })).toThrow(DataKeyError);
  });

  it('without a key or folder (tests) each vault gets its own random key', () => {
    const a = createIdentityVault({});
    const b = createIdentityVault({});
    expect(a.hash(ID)).not.toBe(b.hash(ID));
    expect(a.open(a.seal(ID).cipher)).toBe(ID);
  });
});
