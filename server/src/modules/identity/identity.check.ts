import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { DataKeyError } from './identity.keys.ts';
import type { IdentityVault } from './identity.vault.ts';

/**
 * At start: the data key must open what is stored (one sealed ID number). A wrong SKILLCERT_DATA_KEY, a key file from
 * another instance or a restore without its key stops the start here, rather than failing on the first look-up.
 */
export async function assertDataKeyOpens(ex: Executor, vault: IdentityVault): Promise<void> {
  const [sample] = await queryRows<{ c: string }>(ex, sql`select id_cipher as c from persons order by id limit 1`);
  if (!sample) return;
  try {
    vault.open(sample.c);
  } catch {
    throw new DataKeyError(
      'the data key (SKILLCERT_DATA_KEY, else DATA_DIR/keys/data.key) does not open the stored ID numbers: use the key this database was sealed with (a backup carries it: `npm run cli -- restore FILE`)',
    );
  }
}
