import { describe, expect, it } from 'vitest';
import { parseXml } from './qti.ts';

/** Issue 17 part 4: XML attacks on the QTI import — external entities are refused, internal ones never expand. */
describe('QTI XML attacks', () => {
  it('XXE: an external entity (file:///etc/passwd) is refused, nothing read', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
    const r = parseXml(xml);
    expect(r).toEqual({ error: expect.stringContaining('External entities are not supported') });
    expect('root' in r).toBe(false);
  });

  it('billion laughs: nine levels of internal entities stay one literal reference, parsed in milliseconds', () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [${levels.join('')}]><lolz>&lol9;</lolz>`;
    const t0 = performance.now();
    const r = parseXml(xml);
    expect(performance.now() - t0).toBeLessThan(1000);
    // 10^9 "lol"s would be 3 GB; what comes out is the reference itself.
    expect(JSON.stringify(r).length).toBeLessThan(1000);
    expect(JSON.stringify(r)).not.toContain('lollol');
  });
});
