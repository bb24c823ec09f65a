import ExcelJS from 'exceljs';
import { columnLetter, loadUploadedWorkbook, readCell } from '../../lib/xlsx.ts';

// Score workbooks: the 过程考核 components and the 结课综合考试成绩 (R6) — a template listing the plan's candidates, its
// reader (every row judged on its cells) and the user's own workbook annotated with each refusal as a 批注. Pure.

export const SCORES_SHEET = '成绩 scores';
/** The fixed key columns: A exam number, B ID number, C name; the score columns follow. */
export const KEY_HEADERS = ['准考证号 exam number', '证件号码 ID number', '姓名 name'] as const;
export const MAX_SCORE_ROWS = 5000;

export interface ScoreColumn {
  header: string;
}

/** A template: the key columns, one column per score, one row per candidate (exam number and name prefilled). */
export async function scoresTemplate(columns: ScoreColumn[], candidates: { examNumber: string; name: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SCORES_SHEET);
  ws.addRow([...KEY_HEADERS, ...columns.map((c) => c.header)]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => {
    c.width = i < 3 ? 22 : 18;
  });
  for (const c of candidates) ws.addRow([c.examNumber, '', c.name]);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ScoreRow {
  row: number;
  examNumber: string;
  idNumber: string;
  name: string;
  /** One per score column: a number, null when empty, or the text that is not a score. */
  scores: (number | null | { bad: string })[];
}

export type ScoreSheet = { ok: true; rows: ScoreRow[] } | { ok: false; error: 'unreadable' | 'too_large' | 'columns' | 'too_many_rows' };

/** Reads every data row; the score columns are taken by position after the key columns. */
export async function readScoreSheet(file: Buffer, scoreColumns: number): Promise<ScoreSheet> {
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return { ok: false, error: load.reason };
  const ws = load.wb.getWorksheet(SCORES_SHEET) ?? load.wb.worksheets[0];
  if (!ws) return { ok: false, error: 'columns' };
  const header = ws.getRow(1);
  if (readCell(header.getCell(1).value).text === '' || header.cellCount < 3 + scoreColumns) return { ok: false, error: 'columns' };
  if (ws.rowCount - 1 > MAX_SCORE_ROWS) return { ok: false, error: 'too_many_rows' };
  const rows: ScoreRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells = Array.from({ length: 3 + scoreColumns }, (_, i) => readCell(r.getCell(i + 1).value));
    if (cells.every((c) => c.text === '' && !c.formula)) return;
    rows.push({
      row: n,
      examNumber: cells[0]!.text,
      idNumber: cells[1]!.text.toUpperCase(),
      name: cells[2]!.text,
      scores: cells.slice(3).map((c) => {
        if (c.formula) return { bad: '=…' };
        if (c.number !== null) return c.number;
        if (c.text === '') return null;
        const n = Number(c.text);
        return c.text.trim() !== '' && Number.isFinite(n) ? n : { bad: c.text };
      }),
    });
  });
  return { ok: true, rows };
}

export const scoreColumnLetter = (index: number) => columnLetter(4 + index);

/** The user's workbook with each refusal as a cell comment, the cell filled red. */
export async function annotateScoreSheet(file: Buffer, notes: { row: number; column: string; message: string }[]): Promise<Buffer | null> {
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return null;
  const ws = load.wb.getWorksheet(SCORES_SHEET) ?? load.wb.worksheets[0];
  if (!ws) return null;
  const byCell = new Map<string, string[]>();
  for (const e of notes) {
    const address = `${/^[A-Z]{1,3}$/.test(e.column) ? e.column : 'A'}${Math.max(1, e.row)}`;
    byCell.set(address, [...(byCell.get(address) ?? []), e.message]);
  }
  for (const [address, messages] of byCell) {
    const cell = ws.getCell(address);
    cell.note = messages.join('\n');
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } };
  }
  return Buffer.from(await load.wb.xlsx.writeBuffer());
}

/** A filled score workbook (tests and the demo). */
export async function scoresWorkbook(scoreHeaders: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SCORES_SHEET);
  ws.addRow([...KEY_HEADERS, ...scoreHeaders]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The results list as a workbook (the institution's export). */
export async function resultsWorkbook(headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('认定结果 results');
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
