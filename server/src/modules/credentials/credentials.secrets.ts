import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto';

/**
 * Issuer private keys at rest: AES-256-GCM under a sub-key (HKDF-SHA256) of the platform's data key — the same master
 * key and key-file rules as ID numbers (`identity.keys.ts`), another sub-key. The additional data binds a sealed key to
 * its row (`<orgId>#key-<n>`), so a sealed key copied onto another issuer's row does not open.
 * Stored form: `v1:<iv>:<tag>:<ciphertext>`, base64url.
 */
export interface SecretVault {
  seal(secret: string, binding: string): string;
  open(sealed: string, binding: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedSecretError extends Error {
  override readonly name = 'SealedSecretError';
}

export function secretVaultFromKey(master: Buffer): SecretVault {
  if (master.length !== 32) throw new RangeError('the data key must be 32 bytes');
  const key: KeyObject = createSecretKey(
    Buffer.from(hkdfSync('sha256', master, Buffer.from('skillcert/credentials', 'utf8'), Buffer.from('issuer-key/aes-256-gcm/v1', 'utf8'), 32)),
  );
  const aad = (binding: string) => Buffer.from(`${VERSION}|${binding}`, 'utf8');
  return {
    seal(secret, binding) {
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      c.setAAD(aad(binding));
      const ct = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
      return [VERSION, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join(':');
    },
    open(sealed, binding) {
      const [version, ivText = '', tagText = '', ctText = '', ...rest] = sealed.split(':');
      if (version !== VERSION || rest.length > 0) throw new SealedSecretError('not a sealed issuer key (unknown format or version)');
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedSecretError('not a sealed issuer key (bad IV or tag length)');
      try {
        const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        d.setAAD(aad(binding));
        d.setAuthTag(tag);
        return Buffer.concat([d.update(Buffer.from(ctText, 'base64url')), d.final()]).toString('utf8');
      } catch {
        throw new SealedSecretError('sealed issuer key failed authentication (altered, moved to another row, or another data key)');
      }
    },
  };
}
