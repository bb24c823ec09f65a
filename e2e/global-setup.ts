import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The data folder seeded once per browser run with the demo world; each test file's server starts from a copy. */
    e2eTemplate: string;
  }
}

/**
 * Seeds the demo world once, before the browser test files start (two at a time), so no two files seed the same
 * template at once; removed after the run. Under scripts/test.sh the API step on PGlite has seeded the same demo world
 * already (server/test/global-setup.ts leaves it in SKILLCERT_TEST_TEMPLATES): the data folder is loaded from that dump
 * with its data key, not seeded again.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const template = fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-e2e-template-'));
  const { loadConfig } = await import('../server/src/config.ts');
  const { prepareDatabase } = await import('../server/src/bootstrap.ts');
  const { sharedPgliteTemplate } = await import('../server/test/global-setup.ts');
  const config = { ...loadConfig({}, []), dataDir: template, databaseUrl: undefined, seedDemo: true };
  const saved = sharedPgliteTemplate();
  if (saved) {
    const { dataKeyFile } = await import('../server/src/modules/identity/identity.keys.ts');
    // The key file where the server looks for it (no SKILLCERT_DATA_KEY in the browser tests' servers).
    const keyFile = dataKeyFile(template);
    fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(keyFile, `${saved.dataKey}\n`, { mode: 0o600 });
    const loadDataDir = new Blob([fs.readFileSync(saved.dump)]);
    const { database } = await prepareDatabase({ ...config, dataKey: saved.dataKey }, { loadDataDir });
    await database.close();
  } else {
    const { database } = await prepareDatabase(config);
    await database.close();
  }
  project.provide('e2eTemplate', template);
  return () => fs.rmSync(template, { recursive: true, force: true });
}
