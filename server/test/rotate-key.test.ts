import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { NEW_DATA_KEY_ENV, nextKeyFile, rotateKey } from '../src/cli/rotate-key.ts';
import { auditLog, certificates, credentialIssuerKeys, persons, subsidyClaims } from '../src/db/schema.ts';
import { verifyChain } from '../src/modules/audit/audit.service.ts';
import { secretVaultFromKey } from '../src/modules/credentials/credentials.secrets.ts';
import { dataKeyFile } from '../src/modules/identity/identity.keys.ts';
import { vaultFromKey } from '../src/modules/identity/identity.vault.ts';
import { cleanup, cliEnv, demoInstance, expectInstanceWorks, openInstance, runCli } from './helpers/operations.ts';

/**
 * Issue 17 part 5: `npm run cli -- rotate-key` re-seals every sealed value (ID numbers, issuer keys, bank accounts)
 * under a new data key in one transaction and recomputes the look-up hashes; afterwards every look-up and every
 * certificate verifies as before and the old key opens nothing. The key file stays 0600; a rotation killed between
 * the commit and the key swap stops the next start and is finished by running the command again.
 */
afterAll(cleanup);

it('rotate-key re-seals everything under a new key; look-ups, verification and signing work after it', async () => {
  const { where, dataKey, loadDataDir } = await demoInstance();
  // The demo world, then the embedded default: the key in DATA_DIR/keys/data.key.
  let t = await openInstance(where, dataKey, loadDataDir);
  const before = await t.db.select({ id: persons.id, c: persons.idCipher, h: persons.idHash }).from(persons);
  const plain = new Map(before.map((p) => [p.id, t.identity.open(p.c)]));
  const [issuerKey] = await t.db.select().from(credentialIssuerKeys).limit(1);
  const claimsBefore = (await t.db.select({ id: subsidyClaims.id, c: subsidyClaims.bankAccountCipher }).from(subsidyClaims)).filter((r) => r.c);
  const accounts = new Map(claimsBefore.map((r) => [r.id, t.identity.open(r.c!)]));
  expect(claimsBefore.length).toBeGreaterThan(0);
  await t.close();
  fs.mkdirSync(path.dirname(dataKeyFile(where.dataDir)), { recursive: true, mode: 0o700 });
  fs.writeFileSync(dataKeyFile(where.dataDir), `${dataKey}\n`, { mode: 0o600 });

  const run = await runCli(['rotate-key'], cliEnv(where));
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  expect(run.out).toContain(`${before.length} ID numbers`);
  expect(run.out).toContain(`${claimsBefore.length} bank accounts`);
  const newKeyText = fs.readFileSync(dataKeyFile(where.dataDir), 'utf8').trim();
  expect(newKeyText).not.toBe(dataKey);
  expect(fs.statSync(dataKeyFile(where.dataDir)).mode & 0o777).toBe(0o600);
  expect(fs.existsSync(nextKeyFile(where.dataDir))).toBe(false);

  t = await openInstance(where);
  try {
    const after = await t.db.select({ id: persons.id, c: persons.idCipher, h: persons.idHash }).from(persons);
    expect(after).toHaveLength(before.length);
    const oldVault = vaultFromKey(Buffer.from(dataKey, 'base64'));
    for (const p of after) {
      // The same number, a new cipher and hash; the old key opens nothing.
      expect(t.identity.open(p.c)).toBe(plain.get(p.id));
      expect(p.h).toBe(t.identity.hash(plain.get(p.id)!));
      expect(() => oldVault.open(p.c)).toThrow();
    }
    const certs = await t.db.select({ h: certificates.idHash, personId: certificates.personId }).from(certificates);
    const hashOf = new Map(after.map((p) => [p.id, p.h]));
    for (const c of certs) expect(c.h).toBe(hashOf.get(c.personId));
    // Bank accounts of subsidy claims: the same account under the new key, the old key opens none.
    const claimsAfter = (await t.db.select({ id: subsidyClaims.id, c: subsidyClaims.bankAccountCipher }).from(subsidyClaims)).filter((r) => r.c);
    expect(claimsAfter).toHaveLength(claimsBefore.length);
    for (const r of claimsAfter) {
      expect(t.identity.open(r.c!)).toBe(accounts.get(r.id));
      expect(() => oldVault.open(r.c!)).toThrow();
    }
    const [rekeyed] = await t.db.select().from(credentialIssuerKeys).where(eq(credentialIssuerKeys.id, issuerKey!.id));
    expect(rekeyed!.secretKeySealed).not.toBe(issuerKey!.secretKeySealed);
    expect(() => secretVaultFromKey(Buffer.from(dataKey, 'base64')).open(rekeyed!.secretKeySealed, `${rekeyed!.orgId}#key-${rekeyed!.keyNo}`)).toThrow();
    // Audited, and the chain still holds.
    const rotations = await t.db.select().from(auditLog).where(eq(auditLog.action, 'system.data_key.rotate'));
    expect(rotations).toHaveLength(1);
    expect((await verifyChain(t.db)).ok).toBe(true);
    await expectInstanceWorks(t);
  } finally {
    await t.close();
  }

  // Killed after the commit, before the key file was swapped: the start refuses, the command run again finishes it.
  fs.renameSync(dataKeyFile(where.dataDir), nextKeyFile(where.dataDir));
  fs.writeFileSync(dataKeyFile(where.dataDir), `${dataKey}\n`, { mode: 0o600 });
  await expect(openInstance(where)).rejects.toThrow(/rotation was interrupted/);
  const resumed = await rotateKey({ ...where, dataKey: undefined }, {});
  expect(resumed.resumed).toBe(true);
  expect(fs.readFileSync(dataKeyFile(where.dataDir), 'utf8').trim()).toBe(newKeyText);

  // A wrong key never starts the server (it would fail on the first look-up).
  await expect(openInstance(where, dataKey)).rejects.toThrow(/does not open the stored ID numbers/);

  // Keys from the environment: the new one from SKILLCERT_NEW_DATA_KEY, required.
  await expect(rotateKey({ ...where, dataKey: newKeyText }, {})).rejects.toThrow(NEW_DATA_KEY_ENV);
  const third = randomBytes(32).toString('base64');
  const byEnv = await rotateKey({ ...where, dataKey: newKeyText }, { [NEW_DATA_KEY_ENV]: third });
  expect(byEnv.persons).toBe(before.length);
  t = await openInstance(where, third);
  try {
    await expectInstanceWorks(t);
  } finally {
    await t.close();
  }
}, 180_000);
