import zlib from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { rawZip, zeroBomb } from '../../test/helpers/zip-bombs.ts';
import { type ArchiveLimits, archiveRefusalMessage, readZip, safeEntryPath } from './archive.ts';

const LIMITS: ArchiveLimits = { maxEntries: 100, maxTotalBytes: 50 * 1024 * 1024, maxEntryBytes: 40 * 1024 * 1024, maxRatio: 300 };
const MIB = 1024 * 1024;

describe('readZip: the one archive reader', () => {
  it('reads what fflate writes (stored and deflated, UTF-8 names)', () => {
    const zip = zipSync({ 'a.txt': [strToU8('甲乙丙'), { level: 0 }], '题库/b.xml': strToU8('<x/>'.repeat(1000)), 'empty/': {} });
    const read = readZip(zip, LIMITS);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.entries.map((e) => e.path).sort()).toEqual(['a.txt', '题库/b.xml']);
    expect(new TextDecoder().decode(read.entries.find((e) => e.path === 'a.txt')?.data)).toBe('甲乙丙');
    expect(read.entries.find((e) => e.path === '题库/b.xml')?.data.length).toBe(4000);
  });

  it('reads only what the filter keeps', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a/>'), 'b.png': strToU8('png') });
    const read = readZip(zip, LIMITS, (p) => p.endsWith('.xml'));
    expect(read.ok && read.entries.map((e) => e.path)).toEqual(['a.xml']);
  });

  it('counts the bytes that really come out: a header declaring 1 KB that inflates to 1 GB is stopped early', () => {
    const bomb = rawZip([{ name: 'xl/worksheets/sheet1.xml', method: 8, data: zeroBomb(1024), declaredSize: 1000 }]);
    expect(bomb.length).toBeLessThan(1.5 * MIB);
    const before = process.memoryUsage().rss;
    const read = readZip(bomb, { ...LIMITS, maxRatio: 100_000 });
    expect(read).toEqual({ ok: false, refusal: { reason: 'entry', limit: LIMITS.maxEntryBytes, path: 'xl/worksheets/sheet1.xml' } });
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * MIB);
  });

  it('stops at the compression ratio long before the size limit', () => {
    const bomb = rawZip([{ name: 'x.xml', method: 8, data: zeroBomb(64), declaredSize: 10 }]);
    const read = readZip(bomb, { ...LIMITS, maxTotalBytes: 1024 * MIB, maxEntryBytes: 1024 * MIB });
    expect(read).toEqual({ ok: false, refusal: { reason: 'ratio', limit: 300 } });
  });

  it('stops at the total over all entries', () => {
    const piece = zlib.deflateRawSync(Buffer.alloc(12 * MIB));
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.xml`, method: 8 as const, data: piece, declaredSize: 1 }));
    const read = readZip(rawZip(entries), { ...LIMITS, maxRatio: 100_000 });
    expect(read).toEqual({ ok: false, refusal: { reason: 'total', limit: LIMITS.maxTotalBytes } });
  });

  it('refuses too many entries, counting from the central directory', () => {
    const files = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}.txt`, strToU8('x')]));
    expect(readZip(zipSync(files), LIMITS)).toEqual({ ok: false, refusal: { reason: 'entries', limit: 100 } });
  });

  it('refuses encrypted entries and unknown methods, and calls anything else corrupt', () => {
    expect(readZip(rawZip([{ name: 'a', method: 8, data: new Uint8Array(4), declaredSize: 4, flags: 1 }]), LIMITS)).toEqual({
      ok: false,
      refusal: { reason: 'encrypted', path: 'a' },
    });
    const lzma = rawZip([{ name: 'a', method: 0, data: new Uint8Array(4), declaredSize: 4 }]);
    lzma[8] = 14; // local header method
    new DataView(lzma.buffer).setUint16(30 + 1 + 4 + 10, 14, true); // central directory method
    expect(readZip(lzma, LIMITS)).toEqual({ ok: false, refusal: { reason: 'method', path: 'a', method: 14 } });
    for (const junk of [new Uint8Array(), strToU8('姓名,分数\n张三,90'), zipSync({ a: strToU8('x') }).slice(0, 30)]) {
      const read = readZip(junk, LIMITS);
      expect(read.ok ? 'ok' : read.refusal.reason).toBe('corrupt');
    }
  });

  it('says which limit was hit, in both languages', () => {
    expect(archiveRefusalMessage({ reason: 'total', limit: 100 * MIB }, 'zh-CN')).toContain('100 MB');
    expect(archiveRefusalMessage({ reason: 'ratio', limit: 300 }, 'en-US')).toContain('300:1');
    expect(archiveRefusalMessage({ reason: 'entries', limit: 10 }, 'zh-CN')).toContain('10 个');
  });
});

describe('safeEntryPath', () => {
  it('keeps plain relative names and refuses names that leave the archive', () => {
    expect(safeEntryPath('photos/110101199003077777.jpg')).toBe('photos/110101199003077777.jpg');
    expect(safeEntryPath('./a//b.jpg')).toBe('a/b.jpg');
    for (const bad of ['../etc/passwd', 'a/../../b', '/abs.jpg', 'C:/x.jpg', 'a\\..\\b.jpg', 'a\u0000.jpg', '', '.']) {
      expect(safeEntryPath(bad), bad).toBeNull();
    }
  });
});
