import { maskIdCard } from '@skillcert/shared/validators/mask';
import { FONT_BOLD, FONT_REGULAR, type PdfDoc } from '../../lib/pdf.ts';

/** Small drawing helpers shared by the exam-administration PDFs (tables with page breaks, boxes, photos). */

export const GRAY = '#666666';
export const LINE = '#333333';

export type Cell = string | { image: Uint8Array | null };

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** An ID number as printed: always masked. */
export function printedId(idNumber: string): string {
  return maskIdCard(idNumber);
}

/** `2026-12-05` + times → `2026年12月05日 09:00–10:30`. */
export function dateTimeText(date: string, start: string, end: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日 ${start}–${end}`;
}

/** Draws a single line of text centred vertically in a box, shrunk to one line with an ellipsis when too long. */
export function cellText(
  doc: PdfDoc,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  opts: { size: number; bold?: boolean; align?: 'left' | 'center' | 'right' },
): void {
  doc.font(opts.bold ? FONT_BOLD : FONT_REGULAR).fontSize(opts.size);
  const lineH = doc.currentLineHeight(true);
  const fits = doc.widthOfString(text) <= w - 8;
  const lines = fits ? 1 : Math.min(2, Math.max(1, Math.floor((h - 4) / lineH)));
  const textH = lineH * lines;
  doc
    .fillColor('black')
    .text(text, x + 4, y + Math.max(2, (h - textH) / 2), { width: w - 8, height: textH + 1, align: opts.align ?? 'left', ellipsis: true, lineGap: 0 });
}

/** An image fitted into a box, or the box with a note when there is no image or it cannot be read. */
export function photoBox(doc: PdfDoc, image: Uint8Array | null | undefined, x: number, y: number, w: number, h: number, emptyText: string): void {
  if (image && image.length > 0) {
    try {
      doc.image(Buffer.from(image), x, y, { fit: [w, h], align: 'center', valign: 'center' });
      doc.lineWidth(0.5).strokeColor(LINE).rect(x, y, w, h).stroke();
      return;
    } catch {
      // An unreadable image prints as missing rather than breaking the whole document.
    }
  }
  doc.lineWidth(0.5).strokeColor(GRAY).dash(3, { space: 2 }).rect(x, y, w, h).stroke().undash();
  cellText(doc, emptyText, x, y, w, h, { size: Math.min(10, w / 6), align: 'center' });
  doc.fillColor('black');
}

/**
 * A ruled table from the current position; on a page break it adds a page, calls `pageHeader` (which returns the y
 * to continue at) and repeats the column titles. Returns the y below the table.
 */
export function drawTable(
  doc: PdfDoc,
  columns: Column[],
  rows: Cell[][],
  opts: { x: number; y: number; rowHeight: number; headerHeight?: number; fontSize?: number; pageHeader?: () => number },
): number {
  const size = opts.fontSize ?? 10;
  const headerH = opts.headerHeight ?? 22;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const totalW = columns.reduce((s, c) => s + c.width, 0);

  const header = (y: number): number => {
    doc.rect(opts.x, y, totalW, headerH).fillColor('#eeeeee').fill();
    let x = opts.x;
    for (const c of columns) {
      cellText(doc, c.title, x, y, c.width, headerH, { size, bold: true, align: 'center' });
      doc.lineWidth(0.5).strokeColor(LINE).rect(x, y, c.width, headerH).stroke();
      x += c.width;
    }
    return y + headerH;
  };

  let y = header(opts.y);
  for (const row of rows) {
    if (y + opts.rowHeight > bottom) {
      doc.addPage();
      y = header(opts.pageHeader ? opts.pageHeader() : doc.page.margins.top);
    }
    let x = opts.x;
    columns.forEach((c, i) => {
      const cell = row[i] ?? '';
      if (typeof cell === 'string') cellText(doc, cell, x, y, c.width, opts.rowHeight, { size, align: c.align ?? 'left' });
      else {
        const pad = 3;
        const h = opts.rowHeight - 2 * pad;
        const w = Math.min(c.width - 2 * pad, h * (295 / 413));
        photoBox(doc, cell.image, x + (c.width - w) / 2, y + pad, w, h, '无');
      }
      doc.lineWidth(0.5).strokeColor(LINE).rect(x, y, c.width, opts.rowHeight).stroke();
      x += c.width;
    });
    y += opts.rowHeight;
  }
  doc.x = opts.x;
  doc.y = y;
  return y;
}
