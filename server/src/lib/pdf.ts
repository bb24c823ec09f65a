import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import sharp from 'sharp';

/**
 * One way to make PDFs (admission tickets, seat plans, sign-in sheets, later certificates): pdfkit with Noto Sans SC
 * (OFL, from the npm package @expo-google-fonts/noto-sans-sc) registered as the default font. pdfkit embeds only the
 * glyphs a document uses (a subset), so a page of Chinese text stays small though the TTF is 10 MB. Nothing is fetched
 * at run time: the fonts are read and parsed (fontkit) once per process and the parsed fonts shared by every document —
 * measured, that halves the time of a ticket (≈80 ms of font parsing per document otherwise).
 */

export type PdfDoc = PDFKit.PDFDocument;

export const FONT_REGULAR = 'NotoSansSC';
export const FONT_BOLD = 'NotoSansSC-Bold';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  [FONT_REGULAR]: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  [FONT_BOLD]: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
const fontCache = new Map<string, fontkit.Font>();

/**
 * The parsed font, shared by all documents (each document makes its own subset of it). pdfkit accepts a fontkit font
 * where its types only list bytes, hence the one cast.
 */
function parsedFont(name: keyof typeof FONT_FILES): PDFKit.Mixins.PDFFontSource {
  let font = fontCache.get(name);
  if (!font) {
    const parsed = fontkit.create(fs.readFileSync(require.resolve(FONT_FILES[name])));
    if (!('layout' in parsed)) throw new Error(`${FONT_FILES[name]} is a font collection, expected one font`);
    font = parsed;
    fontCache.set(name, font);
  }
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}

export interface NewPdfOptions {
  /** Paper size; default A4. */
  size?: string | [number, number];
  layout?: 'portrait' | 'landscape';
  /** Page margin in points; default 50. */
  margin?: number;
  /** Document title and subject for the PDF info dictionary. */
  title?: string;
  subject?: string;
  /** Keep pages in memory so page numbers / footers can be written at the end (doc.switchToPage). */
  bufferPages?: boolean;
}

/** A new document with the Chinese font registered (FONT_REGULAR as default, FONT_BOLD available). */
export function newPdf(opts: NewPdfOptions = {}): PdfDoc {
  const doc = new PDFDocument({
    size: opts.size ?? 'A4',
    layout: opts.layout ?? 'portrait',
    margin: opts.margin ?? 50,
    bufferPages: opts.bufferPages ?? false,
    info: { Title: opts.title ?? '', Subject: opts.subject ?? '', Creator: 'skillcert', Producer: 'skillcert' },
    lang: 'zh-CN',
  });
  doc.registerFont(FONT_REGULAR, parsedFont(FONT_REGULAR));
  doc.registerFont(FONT_BOLD, parsedFont(FONT_BOLD));
  doc.font(FONT_REGULAR);
  return doc;
}

/** Ends the document and collects its bytes. */
export function pdfBuffer(doc: PdfDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * A QR code as PNG (error correction M, 4-module quiet zone), about `width` pixels wide in whole pixels per module.
 * Drawn from the QR matrix into an 8-bit grey PNG without alpha through sharp: pdfkit embeds such a PNG as it is,
 * where the RGBA PNG that qrcode writes would be decoded and re-compressed (measured: ≈45 ms of a ticket's ≈90 ms).
 */
export async function qrPng(text: string, opts: { width?: number } = {}): Promise<Buffer> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const side = n + 2 * quiet;
  const raw = Buffer.alloc(side * side, 255);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) raw[(r + quiet) * side + c + quiet] = 0;
  }
  const scale = Math.max(1, Math.round((opts.width ?? 240) / side));
  return sharp(raw, { raw: { width: side, height: side, channels: 1 } })
    .resize(side * scale, side * scale, { kernel: 'nearest' })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}
