import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto';
import { loadDataKey } from './identity.keys.ts';

/**
 * ID numbers (证件号码) at rest: AES-256-GCM with a random 12-byte IV per value, and a keyed hash (HMAC-SHA256) of the
 * normalised number for look-ups ("is this person already known?", "not twice in the plan") without decrypting.
 * The two sub-keys are derived from the master data key with HKDF-SHA256, so one secret is kept and the hash key is
 * never the encryption key. The plain value is never logged and never part of an error message.
 *
 * Stored form: `v1:<iv>:<tag>:<ciphertext>`, each part base64url. The version names the scheme and the key
 * derivation, so a later key rotation can add `v2` and still read `v1`.
 */
export interface IdentityVault {
  seal(idNumber: string): { cipher: string; hash: string };
  open(cipher: string): string;
  hash(idNumber: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = Buffer.from('skillcert/identity', 'utf8');

/** A stored value that is not ours, was altered, or was sealed with another key. Says nothing about the value. */
export class IdentityCipherError extends Error {
  override readonly name = 'IdentityCipherError';
}

/** What the hash covers: surrounding spaces removed, letters upper-case (a trailing 'x' and 'X' are the same number). */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** A derived key, imported once as a KeyObject rather than on every call (10,000 seals ≈ 0.1–0.2 s on this machine). */
function subKey(master: Buffer, info: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', master, HKDF_SALT, Buffer.from(info, 'utf8'), 32)));
}

/** A vault over a raw 32-byte master key. */
export function vaultFromKey(master: Buffer): IdentityVault {
  if (master.length !== 32) throw new RangeError('the identity master key must be 32 bytes');
  const encKey = subKey(master, 'id-number/aes-256-gcm/v1');
  const macKey = subKey(master, 'id-number/hmac-sha256/v1');

  const hash = (idNumber: string): string => createHmac('sha256', macKey).update(normaliseIdNumber(idNumber), 'utf8').digest('base64url');

  return {
    hash,
    seal(idNumber) {
      const plain = normaliseIdNumber(idNumber);
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
      c.setAAD(Buffer.from(VERSION, 'utf8'));
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      const tag = c.getAuthTag();
      return { cipher: [VERSION, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join(':'), hash: hash(plain) };
    },
    open(cipher) {
      const parts = cipher.split(':');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new IdentityCipherError('not a sealed identity value (unknown format or version)');
      const [, ivText = '', tagText = '', ctText = ''] = parts;
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      const ct = Buffer.from(ctText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new IdentityCipherError('not a sealed identity value (bad IV or tag length)');
      try {
        const d = createDecipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
        d.setAAD(Buffer.from(VERSION, 'utf8'));
        d.setAuthTag(tag);
        return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
      } catch {
        throw new IdentityCipherError('sealed identity value failed authentication (altered, or sealed with another key)');
      }
    },
  };
}

/**
 * The vault the app uses. `key`: base64 of 32 bytes (env SKILLCERT_DATA_KEY); else a key file under `dataDir`
 * (created 0600 on first start); else (tests) a random key for this process. A wrong key length throws DataKeyError.
 */
export function createIdentityVault(opts: { key?: string | undefined; dataDir?: string | undefined }): IdentityVault {
  return vaultFromKey(loadDataKey(opts).key);
}
