import { randomBytes } from 'node:crypto';
import type { Config } from './config.ts';
import { inTransaction } from './context.ts';
import { type Database, openDatabase } from './db/client.ts';
import { organisations, users } from './db/schema.ts';
import { seedDemoBank } from './demo/demo-bank.ts';
import { seedDemoFilings } from './demo/demo-filings.ts';
import { seedDemoPlans } from './demo/demo-plans.ts';
import { seedDemoCertificates } from './demo/demo-certificates.ts';
import { seedDemoReporting } from './demo/demo-reporting.ts';
import { seedDemoSubsidies } from './demo/demo-subsidies.ts';
import { seedDemoSanctions } from './demo/demo-sanctions.ts';
import { signerOfKit } from './certificate-signer.ts';
import { seedDemoEnrolment } from './demo/demo-enrolment.ts';
import { seedDemoPublicity } from './demo/demo-publicity.ts';
import { seedDemoMarking } from './demo/demo-marking.ts';
import { seedDemoExams } from './demo/demo-exams.ts';
import { seedDemoComplaints } from './demo/demo-complaints.ts';
import { seedDemoStatistics } from './demo/demo-statistics.ts';
import { DEMO_PASSWORD, hasUsers, seedDemoWorld } from './demo/demo-world.ts';
import { seedDemoExternal } from './demo/demo-external.ts';
import { seedDemoSignals } from './demo/demo-signals.ts';
import { hashPassword } from './modules/auth/passwords.ts';
import { createCredentialsKit, type CredentialsKit } from './modules/credentials/credentials.service.ts';
import { secretVaultFromKey } from './modules/credentials/credentials.secrets.ts';
import { assertDataKeyOpens } from './modules/identity/identity.check.ts';
import { loadDataKey } from './modules/identity/identity.keys.ts';
import { type IdentityVault, vaultFromKey } from './modules/identity/identity.vault.ts';
import { ensureCatalog } from './modules/occupations/occupations.service.ts';
import { recoverInterruptedImports } from './modules/items/items.service.ts';
import { ensureRegions } from './modules/regions/regions.repository.ts';

export interface Prepared {
  database: Database;
  /** ID numbers at rest: the key from config (env), else DATA_DIR/keys/data.key, else (in memory) a per-process key. */
  identity: IdentityVault;
  /** Signed electronic certificates: issuer keys sealed under another sub-key of the same data key. */
  credentials: CredentialsKit;
  /** Lines to print once: demo logins or the first admin's password. */
  banner: string[];
}

/**
 * Open and migrate the database, load the region snapshot, and on first start either seed the demo world
 * (embedded database, or `--seed-demo`) or create a first admin with a one-time password.
 */
export async function prepareDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'seedDemo' | 'dataKey'> & Partial<Pick<Config, 'publicOrigin'>>,
  opts: { inMemory?: boolean; loadDataDir?: Blob } = {},
): Promise<Prepared> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: opts.inMemory ? undefined : config.dataDir, loadDataDir: opts.loadDataDir });
  // After the database folder exists; a wrong SKILLCERT_DATA_KEY stops the start here with a DataKeyError.
  let dataKey: Buffer;
  let identity: IdentityVault;
  try {
    dataKey = loadDataKey({ key: config.dataKey, dataDir: opts.inMemory ? undefined : config.dataDir }).key;
    identity = vaultFromKey(dataKey);
    await assertDataKeyOpens(database.db, identity);
  } catch (e) {
    await database.close();
    throw e;
  }
  const credentials = createCredentialsKit({ origin: config.publicOrigin ?? 'http://localhost:3000', vault: secretVaultFromKey(dataKey) });
  await ensureRegions(database.db);
  await ensureCatalog(database.db);
  // A bank import cut short by a crash is removed wholly (items.service storeNewItemsInBatches).
  await recoverInterruptedImports(database.db);
  const banner: string[] = [];
  if (await hasUsers(database.db)) return { database, identity, credentials, banner };

  if (database.kind === 'pglite' || config.seedDemo) {
    const accounts = await seedDemoWorld(database.db);
    await seedDemoFilings(database.db);
    await seedDemoBank(database.db);
    const demoPlans = await seedDemoPlans(database.db);
    await seedDemoEnrolment(database.db, identity, demoPlans.acknowledged);
    await seedDemoPublicity(database.db, identity);
    await seedDemoMarking(database.db);
    await seedDemoExams(database.db);
    await seedDemoSignals(database.db);
    await seedDemoCertificates(database.db, identity, credentials, config.publicOrigin ?? 'http://localhost:3000');
    await seedDemoReporting(database.db);
    await seedDemoSubsidies(database.db, identity, credentials);
    await seedDemoComplaints(database.db);
    await seedDemoExternal(database.db, identity);
    await seedDemoStatistics(database.db, identity);
    await seedDemoSanctions(database.db, signerOfKit(credentials));
    banner.push('Demo world seeded. Logins (password for all: ' + DEMO_PASSWORD + '):');
    for (const a of accounts) banner.push(`  ${a.username.padEnd(16)} ${a.role.padEnd(13)} ${a.displayName}`);
    return { database, identity, credentials, banner };
  }
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  await inTransaction(database.db, { actor: null, requestId: 'bootstrap' }, async (tx, audit) => {
    const [org] = await tx.insert(organisations).values({ kind: 'platform', name: '平台运营', regionCode: '110000' }).returning({ id: organisations.id });
    if (!org) throw new Error('platform organisation not created');
    const [user] = await tx
      .insert(users)
      .values({ username: 'admin', displayName: '平台管理员', role: 'admin', orgId: org.id, passwordHash, mustChangePassword: true })
      .returning({ id: users.id });
    await audit({ action: 'system.bootstrap', targetType: 'user', targetId: user?.id ?? null });
  });
  banner.push(`First start: created account "admin" with one-time password ${password} (change it after logging in).`);
  return { database, identity, credentials, banner };
}
