import ExcelJS from 'exceljs';
import { zipSync, type Zippable } from 'fflate';
import { type ArchiveLimits, type ArchiveRefusal, readZip } from './archive.ts';

/** An .xlsx is a zip; its parts may really unpack to at most this much (a 20,000-row bank is ~20 MB). */
export const MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024;
export const XLSX_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxTotalBytes: MAX_XLSX_UNCOMPRESSED,
  maxEntryBytes: MAX_XLSX_UNCOMPRESSED,
  // Real workbooks compress their XML 5–30:1; deflate cannot exceed ~1032:1.
  maxRatio: 300,
};

export type WorkbookLoad =
  | { ok: true; wb: ExcelJS.Workbook }
  | { ok: false; reason: 'too_large'; refusal: ArchiveRefusal }
  | { ok: false; reason: 'unreadable' };

/**
 * Loads an uploaded workbook. Its parts are first inflated by the one archive reader, counting the bytes that really
 * come out and stopping at the limits; exceljs then reads a stored (uncompressed) copy of exactly those parts, so it
 * never inflates anything the count did not see.
 */
export async function loadUploadedWorkbook(file: Buffer): Promise<WorkbookLoad> {
  const read = readZip(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), XLSX_LIMITS);
  if (!read.ok) return read.refusal.reason === 'corrupt' ? { ok: false, reason: 'unreadable' } : { ok: false, reason: 'too_large', refusal: read.refusal };
  const parts: Zippable = {};
  for (const e of read.entries) parts[e.path] = [e.data, { level: 0 }];
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(zipSync(parts)) as unknown as ArrayBuffer);
    return { ok: true, wb };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/** What a cell holds, as an importer reads it: its text, its number when it is one; formulas flagged (never evaluated). */
export interface CellRead {
  text: string;
  number: number | null;
  formula: boolean;
}
const EMPTY_CELL: CellRead = { text: '', number: null, formula: false };

/** Rich text joined, hyperlinks by their text, dates as YYYY-MM-DD, line breaks as \n, trimmed. */
export function readCell(v: ExcelJS.CellValue): CellRead {
  if (v === null || v === undefined) return EMPTY_CELL;
  if (typeof v === 'number') return { text: String(v), number: v, formula: false };
  if (typeof v === 'object') {
    if (v instanceof Date) return { text: v.toISOString().slice(0, 10), number: null, formula: false };
    if ('formula' in v || 'sharedFormula' in v) return { text: '', number: null, formula: true };
    if ('richText' in v) return { text: v.richText.map((r) => r.text).join('').replace(/\r\n?/g, '\n').trim(), number: null, formula: false };
    if ('text' in v) return typeof v.text === 'string' ? { text: v.text.trim(), number: null, formula: false } : readCell(v.text);
    if ('error' in v) return { text: String(v.error), number: null, formula: false };
    return EMPTY_CELL;
  }
  return { text: String(v).replace(/\r\n?/g, '\n').trim(), number: null, formula: false };
}

/** Spreadsheet column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
