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
 * template at once; removed after the run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const template = fs.mkdtempSync(path.join(os.tmpdir(), 'skillcert-e2e-template-'));
  const { loadConfig } = await import('../server/src/config.ts');
  const { prepareDatabase } = await import('../server/src/bootstrap.ts');
  const { database } = await prepareDatabase({ ...loadConfig({}, []), dataDir: template, databaseUrl: undefined, seedDemo: true });
  await database.close();
  project.provide('e2eTemplate', template);
  return () => fs.rmSync(template, { recursive: true, force: true });
}
