/**
 * `npm run cli -- <command>`: the operator's commands, on the database the server would use (DATABASE_URL, else the
 * embedded one in DATA_DIR) with its data key (SKILLCERT_DATA_KEY, else DATA_DIR/keys/data.key).
 *
 *   backup FILE    an encrypted backup (passphrase in SKILLCERT_BACKUP_PASSPHRASE), the data key included
 *   restore FILE   into an empty DATA_DIR or an empty PostgreSQL database; checks rows and audit chain
 *   rotate-key     every sealed value re-encrypted under a new data key, look-up hashes recomputed, one transaction
 *
 * A refusal prints one line and exits 1; nothing is half-done.
 */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { DataKeyError } from '../modules/identity/identity.keys.ts';
import { BackupError, passphraseFrom } from './backup-format.ts';
import { backup, restore } from './backup.ts';
import { RotateKeyError, rotateKey } from './rotate-key.ts';

const USAGE = 'usage: npm run cli -- backup FILE | restore FILE | rotate-key';

function fileArg(arg: string | undefined): string {
  if (!arg) throw new BackupError(USAGE);
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), arg);
}

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  const [command, arg] = argv;
  switch (command) {
    case 'backup': {
      const r = await backup(config, fileArg(arg), passphraseFrom(process.env));
      console.log(
        `backup written: ${r.file} (${r.kind}, ${r.bytes} bytes, ${r.tables} tables, ${r.rows} rows, dumped ${r.via === 'server' ? 'by the running server' : r.via === 'direct' ? 'from the stopped database' : 'with pg_dump'})`,
      );
      return;
    }
    case 'restore': {
      const r = await restore(config, fileArg(arg), passphraseFrom(process.env));
      console.log(
        `restored ${r.kind}: ${r.tables} tables, ${r.rows} rows as in the backup; audit chain intact (${r.auditEntries} entries); data key ${'file' in r.key ? `written to ${r.key.file} (0600)` : 'matches SKILLCERT_DATA_KEY'}`,
      );
      return;
    }
    case 'rotate-key': {
      const r = await rotateKey(config, process.env);
      for (const line of r.report) console.log(line);
      return;
    }
    default:
      throw new BackupError(USAGE);
  }
}

try {
  await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof BackupError || e instanceof RotateKeyError || e instanceof DataKeyError) {
    console.error(`skillcert: ${e.message}`);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
