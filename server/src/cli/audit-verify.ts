/** Verifies the audit log's hash chain; exits 1 and names the first broken entry if it is broken. */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { verifyChain } from '../modules/audit/audit.service.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const result = await verifyChain(database.db);
await database.close();
if (result.ok) {
  console.log(`audit chain intact: ${result.checked} entries checked`);
} else {
  console.error(`audit chain BROKEN at entry #${result.firstBroken?.seq} (${result.firstBroken?.reason}); ${result.checked} entries before it are intact`);
  process.exitCode = 1;
}
