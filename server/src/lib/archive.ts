import { Inflate } from 'fflate';
import type { Locale } from '../context.ts';

/**
 * The one ZIP reader for everything uploaded (.xlsx workbooks, QTI packages, photo ZIPs).
 *
 * Nothing a ZIP declares is trusted: entries are located through the central directory, then each is inflated in
 * small steps while the bytes that really come out are counted, and reading stops at the first limit hit — the total,
 * one entry, the number of entries, or the ratio of inflated to compressed bytes. A header that declares 1 KB but
 * inflates to 1 GB is stopped after the limit, having never held more than one step's output beyond it.
 */

export interface ArchiveLimits {
  /** Entries (files; folders are not counted). */
  maxEntries: number;
  /** Real inflated bytes over all entries read. */
  maxTotalBytes: number;
  /** Real inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated ÷ compressed bytes read so far, checked once more than 8 MiB has come out. */
  maxRatio: number;
}

export interface ArchiveEntry {
  /** The name exactly as the archive writes it (may be hostile: use `safeEntryPath` before trusting it). */
  path: string;
  data: Uint8Array;
}

export type ArchiveRefusal =
  | { reason: 'entries'; limit: number }
  | { reason: 'total'; limit: number }
  | { reason: 'entry'; limit: number; path: string }
  | { reason: 'ratio'; limit: number }
  | { reason: 'encrypted'; path: string }
  | { reason: 'method'; path: string; method: number }
  | { reason: 'corrupt'; detail: string };

export type ArchiveResult = { ok: true; entries: ArchiveEntry[] } | { ok: false; refusal: ArchiveRefusal };

/** Inflate this much compressed input at a time (bounds one step's output to about this × the deflate maximum ratio). */
const STEP = 16 * 1024;
/** The ratio is judged only past this much output (small parts of real files may compress very well). */
const RATIO_GRACE_BYTES = 8 * 1024 * 1024;

class Refused extends Error {
  constructor(readonly refusal: ArchiveRefusal) {
    super(refusal.reason);
  }
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

function corrupt(detail: string): never {
  throw new Refused({ reason: 'corrupt', detail });
}

/** The central directory's entries (names decoded as UTF-8, or as CP437-ish Latin-1 when not flagged UTF-8). */
function centralDirectory(b: Uint8Array, limits: ArchiveLimits): CentralEntry[] {
  // End of central directory: the last "PK\5\6" within the final 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i -= 1) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) corrupt('no end of central directory');
  const count = u16(b, eocd + 10);
  const size = u32(b, eocd + 12);
  const offset = u32(b, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) corrupt('ZIP64 archives are not accepted');
  if (offset + size > eocd) corrupt('central directory out of bounds');
  const entries: CentralEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i += 1) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) corrupt('broken central directory');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const compressedSize = u32(b, p + 20);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const localOffset = u32(b, p + 42);
    if (p + 46 + nameLen > b.length) corrupt('broken central directory');
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? new TextDecoder('utf-8').decode(nameBytes) : decodeLegacyName(nameBytes);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/') || name.endsWith('\\')) continue; // a folder
    if (entries.length >= limits.maxEntries) throw new Refused({ reason: 'entries', limit: limits.maxEntries });
    entries.push({ name, method, flags, compressedSize, localOffset });
  }
  return entries;
}

/** Names without the UTF-8 flag: UTF-8 when they decode cleanly (most tools), else byte by byte. */
function decodeLegacyName(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Array.from(bytes, (c) => String.fromCharCode(c)).join('');
  }
}

/** Reads every entry the filter keeps, within the limits. Never throws: a refusal says which limit or defect. */
export function readZip(bytes: Uint8Array, limits: ArchiveLimits, filter: (path: string) => boolean = () => true): ArchiveResult {
  try {
    const entries: ArchiveEntry[] = [];
    let total = 0;
    let compressedRead = 0;
    for (const e of centralDirectory(bytes, limits)) {
      if (!filter(e.name)) continue;
      if (e.flags & 0x1) throw new Refused({ reason: 'encrypted', path: e.name });
      if (e.method !== 0 && e.method !== 8) throw new Refused({ reason: 'method', path: e.name, method: e.method });
      const h = e.localOffset;
      if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50) corrupt(`no local header for ${e.name}`);
      const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
      const end = start + e.compressedSize;
      if (end > bytes.length) corrupt(`${e.name} runs past the end of the archive`);
      const compressed = bytes.subarray(start, end);

      const chunks: Uint8Array[] = [];
      let size = 0;
      const take = (chunk: Uint8Array) => {
        size += chunk.length;
        total += chunk.length;
        if (size > limits.maxEntryBytes) throw new Refused({ reason: 'entry', limit: limits.maxEntryBytes, path: e.name });
        if (total > limits.maxTotalBytes) throw new Refused({ reason: 'total', limit: limits.maxTotalBytes });
        if (total > RATIO_GRACE_BYTES && total > limits.maxRatio * Math.max(compressedRead, 1)) {
          throw new Refused({ reason: 'ratio', limit: limits.maxRatio });
        }
        chunks.push(chunk);
      };
      if (e.method === 0) {
        compressedRead += compressed.length;
        take(compressed.slice());
      } else {
        const inflate = new Inflate((chunk) => take(chunk));
        for (let o = 0; o < compressed.length; o += STEP) {
          const step = compressed.subarray(o, Math.min(o + STEP, compressed.length));
          compressedRead += step.length;
          inflate.push(step, o + STEP >= compressed.length);
        }
        if (compressed.length === 0) inflate.push(new Uint8Array(0), true);
      }
      entries.push({ path: e.name, data: concat(chunks, size) });
    }
    return { ok: true, entries };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, refusal: err.refusal };
    return { ok: false, refusal: { reason: 'corrupt', detail: err instanceof Error ? err.message : String(err) } };
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * A safe relative path for an entry name, or null when it tries to leave the archive: absolute paths, drive letters,
 * `..` segments, backslashes, NUL or other control characters.
 */
export function safeEntryPath(name: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a file name are exactly what is refused
  if (name === '' || /[\u0000-\u001f\\]/.test(name) || name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return null;
  const parts = name.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0 || parts.some((s) => s === '..')) return null;
  return parts.join('/');
}

const MIB = 1024 * 1024;

/** What the refusal tells a person, naming the limit that was hit. */
export function archiveRefusalMessage(r: ArchiveRefusal, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (r.reason) {
    case 'entries':
      return zh ? `压缩包被拒绝：文件数超过 ${r.limit} 个` : `archive refused: more than ${r.limit} files`;
    case 'total':
      return zh ? `压缩包被拒绝：实际解压后超过 ${r.limit / MIB} MB` : `archive refused: it really unpacks to more than ${r.limit / MIB} MB`;
    case 'entry':
      return zh ? `压缩包被拒绝：文件“${r.path}”解压后超过 ${r.limit / MIB} MB` : `archive refused: "${r.path}" unpacks to more than ${r.limit / MIB} MB`;
    case 'ratio':
      return zh ? `压缩包被拒绝：压缩比超过 ${r.limit}:1（疑似压缩炸弹）` : `archive refused: compression ratio above ${r.limit}:1 (a zip bomb?)`;
    case 'encrypted':
      return zh ? `压缩包被拒绝：文件“${r.path}”已加密` : `archive refused: "${r.path}" is encrypted`;
    case 'method':
      return zh
        ? `压缩包被拒绝：文件“${r.path}”使用了不支持的压缩方式（${r.method}）`
        : `archive refused: "${r.path}" uses an unsupported compression method (${r.method})`;
    case 'corrupt':
      return zh ? `无法读取压缩包：${r.detail}` : `the archive cannot be read: ${r.detail}`;
  }
}
