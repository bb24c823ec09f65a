import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../context.ts';
import { openDatabase, queryRows } from '../db/client.ts';
import { secretVaultFromKey } from '../modules/credentials/credentials.secrets.ts';
import { DATA_KEY_BYTES, DATA_KEY_ENV, dataKeyFile, decodeDataKey } from '../modules/identity/identity.keys.ts';
import { type IdentityVault, vaultFromKey } from '../modules/identity/identity.vault.ts';
import type { CliConfig } from './backup.ts';
import { answers, controlSocketPath } from './snapshot.ts';

/**
 * `npm run cli -- rotate-key`: every value sealed under the data key is opened with the current key and sealed again
 * under a new one, in ONE transaction — ID numbers (persons.id_cipher), issuer signing keys
 * (credential_issuer_keys.secret_key_sealed), bank accounts (subsidy_claims.bank_account_cipher). The keyed look-up
 * hashes come from the same key, so they are recomputed with it (persons.id_hash, and certificates.id_hash from its
 * person): every look-up by ID number answers as before. Either all of it happens or none.
 *
 * Where the new key comes from:
 *  - SKILLCERT_DATA_KEY set: SKILLCERT_NEW_DATA_KEY (base64 of 32 bytes); afterwards the operator sets
 *    SKILLCERT_DATA_KEY to it and restarts;
 *  - the key file: a new key written first to DATA_DIR/keys/data.key.next (0600); after the commit it replaces
 *    data.key (rename). Killed in between, the server refuses to start and the command run again finishes the swap
 *    (it sees the data already opens with the next key).
 * The server must be stopped (an embedded database is one process's; on PostgreSQL a running server would keep the old
 * key and seal new rows with it).
 */
export const NEW_DATA_KEY_ENV = 'SKILLCERT_NEW_DATA_KEY';
const CHUNK = 500;

export class RotateKeyError extends Error {
  override readonly name = 'RotateKeyError';
}

export function nextKeyFile(dataDir: string): string {
  return `${dataKeyFile(dataDir)}.next`;
}

export interface RotateResult {
  persons: number;
  certificates: number;
  issuerKeys: number;
  bankAccounts: number;
  /** Already rotated: only the key file swap was left to do. */
  resumed: boolean;
  report: string[];
}

interface KeyPlan {
  oldKey: Buffer;
  newKey: Buffer;
  /** After the commit: make the new key the current one (file mode), or tell the operator (env mode). */
  commit(): string;
}

function planKeys(config: CliConfig, env: NodeJS.ProcessEnv): KeyPlan {
  if (config.dataKey) {
    const oldKey = decodeDataKey(config.dataKey, DATA_KEY_ENV);
    const text = env[NEW_DATA_KEY_ENV];
    if (!text) throw new RotateKeyError(`${DATA_KEY_ENV} is set: put the new key in ${NEW_DATA_KEY_ENV} (\`openssl rand -base64 32\`)`);
    const newKey = decodeDataKey(text, NEW_DATA_KEY_ENV);
    if (newKey.equals(oldKey)) throw new RotateKeyError(`${NEW_DATA_KEY_ENV} is the current key`);
    return { oldKey, newKey, commit: () => `now set ${DATA_KEY_ENV} to the value of ${NEW_DATA_KEY_ENV} and start the server` };
  }
  const current = dataKeyFile(config.dataDir);
  if (!fs.existsSync(current)) throw new RotateKeyError(`no data key: ${DATA_KEY_ENV} is not set and ${current} does not exist`);
  const oldKey = decodeDataKey(fs.readFileSync(current, 'utf8'), current);
  const next = nextKeyFile(config.dataDir);
  try {
    fs.writeFileSync(next, `${randomBytes(DATA_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const newKey = decodeDataKey(fs.readFileSync(next, 'utf8'), next);
  return {
    oldKey,
    newKey,
    commit() {
      fs.renameSync(next, current);
      const dir = fs.openSync(path.dirname(current), 'r');
      fs.fsyncSync(dir);
      fs.closeSync(dir);
      return `${current} now holds the new key (0600); the old key opens nothing any more`;
    },
  };
}

function opens(vault: IdentityVault, cipher: string): boolean {
  try {
    vault.open(cipher);
    return true;
  } catch {
    return false;
  }
}

/** `(…), (…)` rows for an UPDATE … FROM (VALUES …): ids and texts as bound parameters. */
function values(rows: string[][]) {
  return sql.join(
    rows.map(
      (r) =>
        sql`(${sql.join(
          r.map((v) => sql`${v}`),
          sql`, `,
        )})`,
    ),
    sql`, `,
  );
}

async function inChunks<T>(items: T[], fn: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await fn(items.slice(i, i + CHUNK));
}

export async function rotateKey(config: CliConfig, env: NodeJS.ProcessEnv): Promise<RotateResult> {
  if (!config.databaseUrl && (await answers(controlSocketPath(config.dataDir))))
    throw new RotateKeyError(`a server is running on ${config.dataDir}: stop it first`);
  const keys = planKeys(config, env);
  const oldVault = vaultFromKey(keys.oldKey);
  const newVault = vaultFromKey(keys.newKey);
  const oldSecrets = secretVaultFromKey(keys.oldKey);
  const newSecrets = secretVaultFromKey(keys.newKey);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const db = database.db;
    const [sample] = await queryRows<{ c: string }>(db, sql`select id_cipher as c from persons order by id limit 1`);
    if (sample && !opens(oldVault, sample.c)) {
      if (opens(newVault, sample.c)) {
        // Killed after the commit, before the key file was swapped: finish the swap only.
        const said = keys.commit();
        return { persons: 0, certificates: 0, issuerKeys: 0, bankAccounts: 0, resumed: true, report: ['the data was already sealed under the next key', said] };
      }
      throw new RotateKeyError('the current data key does not open the stored ID numbers: nothing rotated');
    }

    const counts = await inTransaction(db, { actor: null, requestId: 'cli:rotate-key' }, async (tx, audit) => {
      const c = { persons: 0, certificates: 0, issuerKeys: 0, bankAccounts: 0 };
      // A certificate's hash is its holder's: anything else would be lost in the recomputation, so it stops the rotation.
      const [stray] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from certificates c join persons p on p.id = c.person_id where c.id_hash <> p.id_hash`,
      );
      if ((stray?.n ?? 0) > 0) throw new RotateKeyError(`${stray?.n} certificates carry a look-up hash other than their holder's: nothing rotated`);

      const people = await queryRows<{ id: string; c: string }>(tx, sql`select id, id_cipher as c from persons order by id`);
      await inChunks(people, async (chunk) => {
        const rows = chunk.map((p) => {
          const sealed = newVault.seal(oldVault.open(p.c));
          return [p.id, sealed.cipher, sealed.hash];
        });
        await tx.execute(sql`update persons p set id_cipher = v.c, id_hash = v.h from (values ${values(rows)}) as v(id, c, h) where p.id = v.id::uuid`);
      });
      c.persons = people.length;
      const certs = await tx.execute(sql`update certificates c set id_hash = p.id_hash from persons p where p.id = c.person_id and c.id_hash <> p.id_hash`);
      c.certificates = Number(
        (certs as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (certs as unknown as { affectedRows?: number }).affectedRows ?? 0,
      );

      const issuerKeys = await queryRows<{ id: string; org: string; no: number; s: string }>(
        tx,
        sql`select id, org_id as org, key_no as no, secret_key_sealed as s from credential_issuer_keys order by id`,
      );
      await inChunks(issuerKeys, async (chunk) => {
        const rows = chunk.map((k) => {
          const binding = `${k.org}#key-${k.no}`;
          return [k.id, newSecrets.seal(oldSecrets.open(k.s, binding), binding)];
        });
        await tx.execute(sql`update credential_issuer_keys k set secret_key_sealed = v.s from (values ${values(rows)}) as v(id, s) where k.id = v.id::uuid`);
      });
      c.issuerKeys = issuerKeys.length;

      const claims = await queryRows<{ id: string; c: string }>(
        tx,
        sql`select id, bank_account_cipher as c from subsidy_claims where bank_account_cipher is not null order by id`,
      );
      await inChunks(claims, async (chunk) => {
        const rows = chunk.map((r) => {
          let plain: string;
          try {
            plain = oldVault.open(r.c);
          } catch {
            throw new RotateKeyError(`subsidy claim ${r.id}: its bank account does not open with the current key: nothing rotated`);
          }
          return [r.id, newVault.seal(plain).cipher];
        });
        await tx.execute(sql`update subsidy_claims s set bank_account_cipher = v.c from (values ${values(rows)}) as v(id, c) where s.id = v.id::uuid`);
      });
      c.bankAccounts = claims.length;
      await audit({ action: 'system.data_key.rotate', targetType: 'system', targetId: null, after: c });
      return c;
    });
    const said = keys.commit();
    return {
      ...counts,
      resumed: false,
      report: [
        `data key rotated in one transaction: ${counts.persons} ID numbers (look-up hashes recomputed, ${counts.certificates} certificates' hashes with them), ${counts.issuerKeys} issuer keys, ${counts.bankAccounts} bank accounts`,
        said,
      ],
    };
  } finally {
    await database.close();
  }
}

/** For the start-up check: whether a rotation of the key file was interrupted. */
export function rotationPending(dataDir: string): boolean {
  return fs.existsSync(nextKeyFile(dataDir));
}
