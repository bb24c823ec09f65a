import zlib from 'node:zlib';
import { strToU8 } from 'fflate';

const MIB = 1024 * 1024;

// Hostile archives for tests: zip bombs and ZIPs whose headers lie.

/**
 * A raw DEFLATE stream of `mib` MiB of zeros, about 1/1000 of that size: an 8 MiB block compressed once and repeated
 * (sync-flushed, so each copy is byte-aligned and non-final), then an empty final block.
 */
export function zeroBomb(mib: number): Uint8Array {
  const piece = zlib.deflateRawSync(Buffer.alloc(8 * MIB), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const copies = Math.ceil(mib / 8);
  const out = new Uint8Array(piece.length * copies + 2);
  for (let i = 0; i < copies; i++) out.set(piece, i * piece.length);
  out.set([0x03, 0x00], piece.length * copies); // final empty fixed-Huffman block
  return out;
}

interface RawEntry {
  name: string;
  method: 0 | 8;
  data: Uint8Array;
  /** What the headers claim the entry unpacks to (a liar declares little). */
  declaredSize: number;
  flags?: number;
}

/** A ZIP written byte by byte, so its headers can lie. */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, (e.flags ?? 0) | 0x800, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.declaredSize, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, (e.flags ?? 0) | 0x800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.declaredSize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, e.data);
    centrals.push(central);
    offset += local.length + e.data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, eocd];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
