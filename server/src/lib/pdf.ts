import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * One way to make PDFs (admission tickets, seat plans, sign-in sheets, later certificates): pdfkit with Noto Sans SC
 * (OFL, from the npm package @expo-google-fonts/noto-sans-sc) registered as the default font. pdfkit embeds only the
 * glyphs a document uses (a subset), so a page of Chinese text stays small though the TTF is 10 MB. Nothing is fetched
 * at run time: the fonts are read once from node_modules and kept in memory.
 */

export type PdfDoc = PDFKit.PDFDocument;

export const FONT_REGULAR = 'NotoSansSC';
export const FONT_BOLD = 'NotoSansSC-Bold';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  [FONT_REGULAR]: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  [FONT_BOLD]: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
const fontCache = new Map<string, Buffer>();

function fontBytes(name: keyof typeof FONT_FILES): Buffer {
  let bytes = fontCache.get(name);
  if (!bytes) {
    bytes = fs.readFileSync(require.resolve(FONT_FILES[name]));
    fontCache.set(name, bytes);
  }
  return bytes;
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
  doc.registerFont(FONT_REGULAR, fontBytes(FONT_REGULAR));
  doc.registerFont(FONT_BOLD, fontBytes(FONT_BOLD));
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

/** A QR code as PNG (error correction M, 4-module quiet zone). */
export function qrPng(text: string, opts: { width?: number } = {}): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: opts.width ?? 240 });
}
