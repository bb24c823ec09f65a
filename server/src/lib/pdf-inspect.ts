import { inflateSync } from 'node:zlib';

/**
 * A small look inside PDFs we generate (for tests and checks, not a general PDF parser): page count, embedded fonts
 * and images, and the text drawn with Identity-H fonts decoded through their ToUnicode maps. pdfkit writes CID text as
 * hex strings in TJ arrays; without this a test could not see what a page says.
 */
export interface PdfInspection {
  header: string;
  pages: number;
  /** BaseFont names of embedded TrueType fonts (FontFile2), e.g. `AZZZZZ+NotoSansSC-Regular`. */
  embeddedFonts: string[];
  images: number;
  /** Text of every TJ/Tj run, decoded with each font's ToUnicode map; runs joined by newlines. */
  text: string;
}

interface PdfObject {
  num: number;
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): PdfObject[] {
  const src = pdf.toString('latin1');
  const out: PdfObject[] = [];
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    if (end < 0) break;
    const body = src.slice(start, end);
    const si = body.indexOf('stream');
    if (si >= 0 && /^stream\r?\n/.test(body.slice(si))) {
      const dict = body.slice(0, si);
      const dataStart = start + si + (body.slice(si).startsWith('stream\r\n') ? 8 : 7);
      const lenMatch = /\/Length (\d+)/.exec(dict);
      const len = lenMatch ? Number(lenMatch[1]) : body.lastIndexOf('endstream') - (dataStart - start);
      let data = pdf.subarray(dataStart, dataStart + len);
      if (/\/Filter\s*\/FlateDecode/.test(dict)) {
        try {
          data = inflateSync(data);
        } catch {
          // leave raw
        }
      }
      out.push({ num: Number(m[1]), dict, stream: Buffer.from(data) });
    } else out.push({ num: Number(m[1]), dict: body, stream: null });
    re.lastIndex = end;
  }
  return out;
}

function hexToCodes(hex: string): number[] {
  const codes: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16));
  return codes;
}

function utf16Hex(hex: string): string {
  const units = hexToCodes(hex);
  return String.fromCharCode(...units);
}

function parseCMap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src = '', dst = ''] of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src, 16), utf16Hex(dst));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1] ?? '';
    for (const [, lo = '', hi = '', rest = ''] of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      if (rest.startsWith('[')) {
        const items = [...rest.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16Hex(x[1] ?? ''));
        items.forEach((s, i) => map.set(from + i, s));
      } else {
        const base = utf16Hex(rest.slice(1, -1));
        const last = base.charCodeAt(base.length - 1);
        for (let c = from; c <= to; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(last + (c - from)));
      }
    }
  }
  return map;
}

export function inspectPdf(pdf: Uint8Array): PdfInspection {
  const buf = Buffer.from(pdf);
  const objs = objects(buf);
  const dicts = objs.map((o) => o.dict);
  const pages = dicts.filter((d) => /\/Type\s*\/Page(?![s\w])/.test(d)).length;
  const embeddedFonts = dicts
    .filter((d) => /\/Type\s*\/FontDescriptor/.test(d) && /\/FontFile2/.test(d))
    .map((d) => /\/FontName\s*\/([^\s/]+)/.exec(d)?.[1] ?? '?');
  // Soft masks (the alpha channel of a PNG) are images too; count only the pictures.
  const masks = new Set(dicts.flatMap((d) => [...d.matchAll(/\/SMask (\d+) 0 R/g)].map((x) => Number(x[1]))));
  const images = objs.filter((o) => /\/Subtype\s*\/Image/.test(o.dict) && !masks.has(o.num)).length;
  const cmaps = objs.filter((o) => o.stream && o.stream.toString('latin1').includes('begincmap')).map((o) => parseCMap(o.stream?.toString('latin1') ?? ''));
  const contents = objs.filter(
    (o) => o.stream && !o.dict.includes('/Subtype') && !o.dict.includes('/Length1') && /\b(BT|TJ)\b/.test(o.stream.toString('latin1')),
  );
  const runs: string[] = [];
  for (const c of contents) {
    const src = c.stream?.toString('latin1') ?? '';
    for (const tj of src.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)) {
      const hex = [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1] ?? '').join('');
      const codes = hexToCodes(hex);
      for (const map of cmaps) {
        if (codes.every((code) => map.has(code))) runs.push(codes.map((code) => map.get(code) ?? '').join(''));
      }
    }
  }
  return { header: buf.subarray(0, 8).toString('latin1'), pages, embeddedFonts, images, text: runs.join('\n') };
}

/** An image XObject of a PDF we generated. */
export interface PdfImage {
  width: number;
  height: number;
  /** `DeviceGray`, `DeviceRGB`, … */
  colorSpace: string;
  /** `FlateDecode` (pixels below) or `DCTDecode` (a JPEG: `data` is the file). */
  filter: string;
  /** FlateDecode: the pixels, rows top to bottom, `channels` bytes each (PNG predictors undone); DCTDecode: the JPEG. */
  data: Buffer;
  channels: number;
}

/** Undoes PNG row filters (PDF /Predictor ≥ 10): each row starts with its filter type byte. */
function unpredictPng(src: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let r = 0; r < height; r++) {
    const type = src[r * (stride + 1)] ?? 0;
    const row = src.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? (out[r * stride + i - bpp] ?? 0) : 0;
      const b = r > 0 ? (out[(r - 1) * stride + i] ?? 0) : 0;
      const c = r > 0 && i >= bpp ? (out[(r - 1) * stride + i - bpp] ?? 0) : 0;
      const x = row[i] ?? 0;
      let v = x;
      if (type === 1) v = x + a;
      else if (type === 2) v = x + b;
      else if (type === 3) v = x + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      out[r * stride + i] = v & 0xff;
    }
  }
  return out;
}

/** The pictures of a PDF (soft masks left out), in object order; 8 bits per component only. */
export function pdfImages(pdf: Uint8Array): PdfImage[] {
  const objs = objects(Buffer.from(pdf));
  const masks = new Set(objs.flatMap((o) => [...o.dict.matchAll(/\/SMask (\d+) 0 R/g)].map((x) => Number(x[1]))));
  const out: PdfImage[] = [];
  for (const o of objs) {
    if (!/\/Subtype\s*\/Image/.test(o.dict) || masks.has(o.num) || !o.stream) continue;
    const num = (key: string) => Number(new RegExp(`/${key}\\s+(\\d+)`).exec(o.dict)?.[1] ?? 0);
    const width = num('Width');
    const height = num('Height');
    const colorSpace = /\/ColorSpace\s*\/(\w+)/.exec(o.dict)?.[1] ?? '?';
    const filter = /\/Filter\s*\/(\w+)/.exec(o.dict)?.[1] ?? '';
    const channels = colorSpace === 'DeviceRGB' ? 3 : colorSpace === 'DeviceCMYK' ? 4 : 1;
    // pdfkit writes /DecodeParms as a reference to its own object.
    const parmsRef = /\/DecodeParms\s+(\d+) 0 R/.exec(o.dict)?.[1];
    const parms = parmsRef ? (objs.find((x) => x.num === Number(parmsRef))?.dict ?? '') : o.dict;
    const data = filter === 'FlateDecode' && /\/Predictor\s+1[0-5]/.test(parms) ? unpredictPng(o.stream, width, height, channels) : o.stream;
    out.push({ width, height, colorSpace, filter, data, channels });
  }
  return out;
}
