import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// In a fresh process: the configuration is global, and this worker's zod has long been loaded by other tests.
function jitlessAfter(imports: string[]): unknown {
  const script = `${imports.map((m) => `await import(${JSON.stringify(m)});`).join('')}
const { z } = await import('zod'); console.log(JSON.stringify(z.config().jitless ?? false));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  return JSON.parse(out.trim());
}

describe('zod under the web app’s Content-Security-Policy', () => {
  it('zod loaded after zod-csp compiles no validators (jitless), without zod-csp importing zod', () => {
    expect(jitlessAfter([fileURLToPath(new URL('./zod-csp.ts', import.meta.url))])).toBe(true);
  });

  it('without it zod would (the check above can fail)', () => {
    expect(jitlessAfter([])).toBe(false);
  });
});
