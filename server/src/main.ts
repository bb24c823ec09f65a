import { buildApp } from './app.ts';
import { startControlSocket } from './cli/snapshot.ts';
import { DataDirError } from './db/client.ts';
import { prepareDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { demoCertificateNumber } from './demo/demo-certificates.ts';
import { closeWorkerPool } from './lib/worker-pool.ts';
import { startExamSweeper } from './modules/exams/exams.sweeper.ts';
import { DataKeyError } from './modules/identity/identity.keys.ts';

const config = loadConfig();
const { database, identity, credentials, banner } = await prepareDatabase(config).catch((e: unknown) => {
  if (!(e instanceof DataKeyError) && !(e instanceof DataDirError)) throw e;
  console.error(`skillcert cannot start: ${e.message}`);
  process.exit(1);
});
const { app } = await buildApp({ db: database.db, dbKind: database.kind, config, identity, credentials });

for (const line of banner) console.log(line);
// Exam copies ahead of the doors, and auto-submission at the deadline: on boot, then every few seconds.
const stopExamSweeper = startExamSweeper(database.db, app.log);
// Embedded database: `npm run cli -- backup` asks this process for a consistent dump (a second process must not open it).
const stopControlSocket = await startControlSocket(config.dataDir, database.db, (msg) => app.log.warn(msg));

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await stopExamSweeper();
  await stopControlSocket();
  await app.close();
  await closeWorkerPool();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`skillcert on http://localhost:${config.port} (database: ${database.kind}${database.kind === 'pglite' ? ` in ${config.dataDir}` : ''})`);
const demoNumber = await demoCertificateNumber(database.db).catch(() => null);
if (demoNumber) console.log(`Verify a certificate (what its QR code opens): http://localhost:${config.port}/verify/${demoNumber}`);
