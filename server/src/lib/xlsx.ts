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
  // A zip without the workbook part is no workbook: exceljs would load it as an empty shell that fails when written back.
  if (!read.entries.some((e) => e.path === 'xl/workbook.xml')) return { ok: false, reason: 'unreadable' };
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
    if ('richText' in v)
      return {
        text: v.richText
          .map((r) => r.text)
          .join('')
          .replace(/\r\n?/g, '\n')
          .trim(),
        number: null,
        formula: false,
      };
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

/** exceljs keeps range validations on `worksheet.dataValidations`, which its typings leave out. */
export interface WithValidations {
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined>; add(range: string, validation: ExcelJS.DataValidation): void };
}

/**
 * exceljs reads a validated range (B2:B20001) as one entry per cell and, writing the workbook again, squeezes
 * them back into ranges that overlap (B10:B20001 and B2:B20001 — Excel refuses overlapping validations).
 * Every cell of one `<dataValidation>` element shares one object, so this puts each element back as the
 * single rectangle it came from (cells left per cell when they do not form one). Call before writing a loaded workbook.
 */
export function compactDataValidations(ws: ExcelJS.Worksheet): void {
  const validations = (ws as unknown as WithValidations).dataValidations;
  const groups = new Map<ExcelJS.DataValidation, { top: number; left: number; bottom: number; right: number; cells: string[] }>();
  for (const [address, validation] of Object.entries(validations.model)) {
    if (!validation) continue;
    const m = /^([A-Z]{1,3})(\d+)$/.exec(address);
    if (!m) continue; // already a range
    const col = columnNumber(m[1]!);
    const row = Number(m[2]);
    const g = groups.get(validation) ?? { top: row, left: col, bottom: row, right: col, cells: [] };
    g.top = Math.min(g.top, row);
    g.bottom = Math.max(g.bottom, row);
    g.left = Math.min(g.left, col);
    g.right = Math.max(g.right, col);
    g.cells.push(address);
    groups.set(validation, g);
  }
  for (const [validation, g] of groups) {
    if (g.cells.length < 2 || g.cells.length !== (g.bottom - g.top + 1) * (g.right - g.left + 1)) continue;
    for (const address of g.cells) delete validations.model[address];
    validations.add(`${columnLetter(g.left)}${g.top}:${columnLetter(g.right)}${g.bottom}`, validation);
  }
}

/** 1-based column number of spreadsheet column letters: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
