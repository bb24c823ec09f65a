import { describe, expect, it } from 'vitest';
import { catalogsForTest, message } from './messages.ts';

describe('message catalogs', () => {
  it('zh-CN and en-US carry the same codes', () => {
    expect(Object.keys(catalogsForTest['en-US']).sort()).toEqual(Object.keys(catalogsForTest['zh-CN']).sort());
  });
  it('interpolates parameters and falls back to the code', () => {
    expect(message('en-US', 'FILING.NOT_ELIGIBLE', { rule: 'R3' })).toBe('Not eligible (R3); see the failing conditions');
    expect(message('zh-CN', 'NOT_FOUND', { what: 'filing' })).toBe('未找到备案申请');
    expect(message('zh-CN', 'NO.SUCH_CODE')).toBe('NO.SUCH_CODE');
  });
});

describe('every error code the server throws has a message', () => {
  it('in both catalogs', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(root);
    const codes = new Set<string>();
    for (const f of files) for (const m of fs.readFileSync(f, 'utf8').matchAll(/'([A-Z]+(?:_[A-Z]+)*\.[A-Z]+(?:_[A-Z]+)*)'/g)) codes.add(m[1]!);
    const missing = [...codes].filter((c) => !(c in catalogsForTest['zh-CN']));
    expect(codes.size).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });
});
