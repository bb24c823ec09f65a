/**
 * Prints the OpenAPI document of the built app (no server is started, no port opened): `npm run lint:openapi`
 * writes it to a file and lints it with Redocly. The database is an empty in-memory one; routes never touch it here.
 */
import fs from 'node:fs';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';

const out = process.argv[2];
const config = { ...loadConfig({}, []), logLevel: 'silent' };
const database = await openDatabase({ url: undefined, dataDir: undefined });
const { app } = await buildApp({ db: database.db, dbKind: database.kind, config }, false);
const spec = JSON.stringify(app.swagger(), null, 2);
await app.close();
await database.close();
if (out) fs.writeFileSync(out, spec + '\n');
else process.stdout.write(spec + '\n');
