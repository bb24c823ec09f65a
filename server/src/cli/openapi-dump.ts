/**
 * Prints the OpenAPI document of the built app (no server is started, no port opened): `npm run lint:openapi`
 * writes it to a file and lints it with Redocly. The database is an empty in-memory one and the identity vault has a
 * throwaway key; routes never touch them here.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { vaultFromKey } from '../modules/identity/identity.vault.ts';

const out = process.argv[2];
const config = { ...loadConfig({}, []), logLevel: 'silent' };
const database = await openDatabase({ url: undefined, dataDir: undefined });
// a throwaway key: nothing is sealed or read, no key file is written
const identity = vaultFromKey(randomBytes(32));
const { app } = await buildApp({ db: database.db, dbKind: database.kind, config, identity }, false);
const spec = JSON.stringify(app.swagger(), null, 2);
await app.close();
await database.close();
if (out) fs.writeFileSync(out, spec + '\n');
else process.stdout.write(spec + '\n');
