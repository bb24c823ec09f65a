import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export interface SheetSpec {
  name: string;
  columns: readonly { key: string; title: string; width?: number }[];
  /** Yields the rows in chunks (each a page read from the database). */
  rows: () => AsyncIterable<readonly Record<string, string | number | null>[]>;
}

/**
 * A workbook of several sheets written with exceljs's streaming writer: each row is committed as it comes, so a
 * large ledger is never held as a whole object model — only the compressed output. One sheet per part, the header
 * (Chinese titles) bold and frozen.
 */
export async function streamWorkbook(sheets: readonly SheetSpec[], onRows?: (n: number) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'skillcert';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c.title, key: c.key, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const chunk of s.rows()) {
      for (const r of chunk) ws.addRow(s.columns.map((c) => r[c.key] ?? null)).commit();
      if (onRows) await onRows(chunk.length);
    }
    ws.commit();
  }
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
