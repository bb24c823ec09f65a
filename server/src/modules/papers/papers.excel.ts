import ExcelJS from 'exceljs';
import { archiveRefusalMessage } from '../../lib/archive.ts';
import { type CellRead, columnLetter, loadUploadedWorkbook, readCell } from '../../lib/xlsx.ts';
import type { RowError } from '@skillcert/shared/api/banks';
import type { Locale } from '../../context.ts';
import { bankMessage } from '../items/items.messages.ts';

// 成绩表: the scores sheet of one paper — a row per candidate, a column per item — and its parser (all rows or
// none, every error on its cell). The visible headers are for people; a hidden second row carries the paper id
// above the candidate column and each item's id above its column, so columns map to items whatever the headers
// say and wherever the columns were moved. Pure: no database.

export const SCORES_SHEET = '成绩 scores';
export const SCORES_GUIDE_SHEET = '说明 guide';
export const CANDIDATE_HEADER = '考生 candidate';
/** Row 1: headers; row 2 (hidden): ids; candidates from row 3. */
export const HEADER_ROW = 1;
export const ID_ROW = 2;
export const FIRST_DATA_ROW = 3;
/** The hidden id above the candidate column: `paper:<paper id>`. */
const PAPER_MARK = 'paper:';
/** Candidates one sheet may hold (the responses body takes as many). */
export const MAX_CANDIDATES = 10000;
/**
 * Rows the template's 0 … points validation covers: a sitting's candidates, with room to spare. exceljs expands a
 * validation range cell by cell when it reads a workbook, so covering every possible row would make each upload slow;
 * the parser checks every row whatever the validation covers.
 */
export const VALIDATED_ROWS = 1000;
/** Errors reported per file; one more entry says how many were left out. */
export const MAX_ERRORS = 1000;
/** The candidate key's length limit of the responses body. */
const CANDIDATE_MAX = 64;

/** A paper as its scores sheet needs it: items in paper order with the points each is worth. */
export interface ScoresPaper {
  id: string;
  name: string;
  variant: string;
  items: { itemId: string; points: number }[];
}

export interface ScoredCandidate {
  /** The Excel row number. */
  row: number;
  candidate: string;
  /** Score per item id; every item of the paper is present (blank cells are 0). */
  scores: Record<string, number>;
}

/** `第N题 (X分)` — the visible header of item N (from 1). */
export const itemHeader = (number: number, points: number) => `第${number}题 (${points}分)`;

/** exceljs keeps range validations on `worksheet.dataValidations`, which its typings leave out. */
interface WithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

// --- Template --------------------------------------------------------------------------------------------

/**
 * The empty scores sheet of a paper: header `考生 candidate`, `第1题 (2分)` …; the hidden id row; per score column a
 * decimal validation 0 … the item's points; header and candidate column frozen; a guide sheet naming the paper.
 */
export async function scoresTemplateWorkbook(paper: ScoresPaper): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skillcert';
  const ws = wb.addWorksheet(SCORES_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: ID_ROW }] });
  ws.columns = [
    { header: CANDIDATE_HEADER, key: 'candidate', width: 22, style: { numFmt: '@' } },
    ...paper.items.map((item, i) => ({ header: itemHeader(i + 1, item.points), key: item.itemId, width: 12 })),
  ];
  const header = ws.getRow(HEADER_ROW);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.numFmt = 'General';
  });
  const ids = ws.getRow(ID_ROW);
  ids.values = [`${PAPER_MARK}${paper.id}`, ...paper.items.map((i) => i.itemId)];
  ids.eachCell((cell) => (cell.numFmt = '@'));
  ids.hidden = true;

  const validations = (ws as unknown as WithValidations).dataValidations;
  const last = FIRST_DATA_ROW + VALIDATED_ROWS - 1;
  // Neighbouring columns worth the same points share one rectangular range (a paper's sections are contiguous).
  for (let start = 0; start < paper.items.length; ) {
    const points = paper.items[start]!.points;
    let end = start;
    while (end + 1 < paper.items.length && paper.items[end + 1]!.points === points) end++;
    validations.add(`${columnLetter(start + 2)}${FIRST_DATA_ROW}:${columnLetter(end + 2)}${last}`, {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, points],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '成绩超出范围 score out of range',
      error: `请填写 0 至 ${points} 之间的数字 / a number from 0 to ${points}`,
    });
    start = end + 1;
  }

  const guide = wb.addWorksheet(SCORES_GUIDE_SHEET);
  guide.columns = [{ width: 16 }, { width: 64 }, { width: 72 }];
  guide.addRow(['试卷 paper', `${paper.name}（${paper.variant}）`, paper.id]).font = { bold: true };
  guide.addRow([]);
  const lines: [string, string, string][] = [
    ['考生', '每行一名考生：填写准考证号（或姓名），同一考生只能出现一次。', 'One candidate per row: exam number (or name); each candidate once.'],
    [
      '成绩',
      '每题一列，填写该考生本题得分（0 至本题分值），可有小数；留空按 0 分计。',
      'One column per item: the points scored, 0 … the item’s points, decimals allowed; blank counts 0.',
    ],
    ['公式', '不接受公式，请粘贴为数值。', 'Formulas are not accepted; paste values.'],
    [
      '列',
      '不要删除、移动或修改隐藏的第 2 行；自行添加的列（如总分）不会导入。',
      'Keep the hidden row 2 as it is; columns you add (e.g. a total) are not imported.',
    ],
    ['重复导入', '再次导入时，同一考生在本试卷的成绩被替换。', 'Importing again replaces a candidate’s earlier scores on this paper.'],
  ];
  for (const l of lines) guide.addRow(l);
  guide.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  guide.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// --- Parse -----------------------------------------------------------------------------------------------

/** A typed number: full-width digits, spaces and a trailing 分 allowed (`１.5 分`). */
function numberOf(s: string): number | null {
  const t = s.normalize('NFKC').replace(/\s+/g, '').replace(/分$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

const EMPTY: CellRead = readCell(null);

const fileError = (row: number, column: string, message: string) => ({ candidates: [] as ScoredCandidate[], errors: [{ row, column, message }] });

/** The column → item map read from the hidden id row, or why the sheet is not this paper's template. */
function columnsOf(
  ws: ExcelJS.Worksheet,
  paper: ScoresPaper,
  locale: Locale,
): { candidateColumn: number; items: Map<number, { itemId: string; points: number }> } | { errors: RowError[] } {
  const position = new Map(paper.items.map((item, i) => [item.itemId.toLowerCase(), { ...item, number: i + 1 }]));
  let candidateColumn = 0;
  let otherPaper: string | null = null;
  const found = new Map<string, number>();
  const items = new Map<number, { itemId: string; points: number }>();
  const errors: RowError[] = [];
  ws.getRow(ID_ROW).eachCell((cell, c) => {
    const text = readCell(cell.value).text;
    if (!text) return;
    if (text.startsWith(PAPER_MARK)) {
      const id = text.slice(PAPER_MARK.length);
      if (id.toLowerCase() === paper.id.toLowerCase()) candidateColumn = c;
      else otherPaper = id;
      return;
    }
    const item = position.get(text.toLowerCase());
    if (!item) {
      errors.push({ row: HEADER_ROW, column: columnLetter(c), message: bankMessage(locale, 'scores.unknownItem', { id: text.slice(0, 40) }) });
      return;
    }
    const first = found.get(item.itemId);
    if (first !== undefined) {
      errors.push({
        row: HEADER_ROW,
        column: columnLetter(c),
        message: bankMessage(locale, 'scores.itemTwice', { number: item.number, first: columnLetter(first), column: columnLetter(c) }),
      });
      return;
    }
    found.set(item.itemId, c);
    items.set(c, { itemId: item.itemId, points: item.points });
  });
  if (!candidateColumn) {
    return otherPaper
      ? { errors: [{ row: HEADER_ROW, column: 'A', message: bankMessage(locale, 'scores.otherPaper', { paper: String(otherPaper).slice(0, 40) }) }] }
      : { errors: [{ row: HEADER_ROW, column: 'A', message: bankMessage(locale, 'scores.notTemplate') }] };
  }
  paper.items.forEach((item, i) => {
    if (!found.has(item.itemId)) errors.push({ row: HEADER_ROW, column: '', message: bankMessage(locale, 'scores.missingItem', { number: i + 1 }) });
  });
  return errors.length ? { errors } : { candidateColumn, items };
}

/**
 * Reads a filled scores sheet of `paper`. All or nothing: `candidates` is empty whenever `errors` is not. Errors name
 * the Excel row and column letter and are worded in `locale`; they are collected over every row (at most MAX_ERRORS,
 * then one entry with the rest's count). Blank score cells count 0; rows with nothing in them are skipped.
 */
export async function parseScoresWorkbook(
  file: Buffer,
  paper: ScoresPaper,
  options: { locale?: Locale; maxRows?: number } = {},
): Promise<{ candidates: ScoredCandidate[]; errors: RowError[] }> {
  const locale = options.locale ?? 'zh-CN';
  const maxRows = options.maxRows ?? MAX_CANDIDATES;
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return fileError(0, '', load.reason === 'too_large' ? archiveRefusalMessage(load.refusal, locale) : bankMessage(locale, 'excel.notXlsx'));
  const wb = load.wb;
  const ws = wb.getWorksheet(SCORES_SHEET) ?? wb.worksheets[0];
  if (!ws) return fileError(0, '', bankMessage(locale, 'excel.noSheet'));
  const layout = columnsOf(ws, paper, locale);
  if ('errors' in layout) return { candidates: [], errors: layout.errors };
  const { candidateColumn, items } = layout;
  const candidateLetter = columnLetter(candidateColumn);

  const errors: RowError[] = [];
  const candidates: ScoredCandidate[] = [];
  const seen = new Map<string, number>();
  const merges = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  let dataRows = 0;
  ws.eachRow((row, n) => {
    if (n < FIRST_DATA_ROW || dataRows > maxRows) return;
    const cells = new Map<number, CellRead>();
    row.eachCell((cell, c) => {
      if (c !== candidateColumn && !items.has(c)) return; // columns the user added
      if (cell.isMerged) {
        const master = cell.master;
        const m = merges.get(master.address) ?? { top: +master.row, left: +master.col, bottom: +master.row, right: +master.col };
        m.bottom = Math.max(m.bottom, n);
        m.right = Math.max(m.right, c);
        merges.set(master.address, m);
        if (master !== cell) return;
      }
      const read = readCell(cell.value);
      if (read.text || read.formula) cells.set(c, read);
    });
    if (!cells.size) return;
    dataRows++;
    if (dataRows > maxRows) return;

    const failed = errors.length;
    const fail = (c: number, message: string) => errors.push({ row: n, column: columnLetter(c), message });
    const who = cells.get(candidateColumn) ?? EMPTY;
    const candidate = who.text;
    if (who.formula) fail(candidateColumn, bankMessage(locale, 'excel.formula'));
    else if (!candidate) fail(candidateColumn, bankMessage(locale, 'scores.candidateRequired'));
    else if (candidate.length > CANDIDATE_MAX) fail(candidateColumn, bankMessage(locale, 'scores.candidateTooLong', { max: CANDIDATE_MAX }));
    else {
      const first = seen.get(candidate);
      if (first !== undefined) fail(candidateColumn, bankMessage(locale, 'scores.duplicateCandidate', { candidate: candidate.slice(0, 40), first }));
      else seen.set(candidate, n);
    }

    const scores: Record<string, number> = {};
    for (const [c, item] of items) {
      const cell = cells.get(c) ?? EMPTY;
      scores[item.itemId] = 0;
      if (cell.formula) {
        fail(c, bankMessage(locale, 'excel.formula'));
        continue;
      }
      if (!cell.text) continue;
      const score = cell.number ?? numberOf(cell.text);
      if (score === null || !Number.isFinite(score)) fail(c, bankMessage(locale, 'scores.notNumber', { value: cell.text.slice(0, 40) }));
      else if (score < 0) fail(c, bankMessage(locale, 'scores.negative', { value: score }));
      else if (score > item.points + 1e-9) fail(c, bankMessage(locale, 'scores.aboveMax', { value: score, max: item.points }));
      else scores[item.itemId] = score;
    }
    if (errors.length === failed) candidates.push({ row: n, candidate, scores });
  });
  if (dataRows > maxRows) return fileError(0, '', bankMessage(locale, 'scores.tooManyRows', { max: maxRows }));
  for (const m of merges.values()) {
    const range = `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`;
    errors.push({ row: m.top, column: columnLetter(m.left), message: bankMessage(locale, 'excel.merged', { range }) });
  }
  if (!errors.length && !candidates.length) return fileError(0, '', bankMessage(locale, 'scores.noRows'));
  if (!errors.length) return { candidates, errors };

  const order = (column: string) => (column === candidateLetter ? '' : column.padStart(3, ' '));
  errors.sort((a, b) => a.row - b.row || order(a.column).localeCompare(order(b.column)));
  if (errors.length <= MAX_ERRORS) return { candidates: [], errors };
  const more = errors.length - MAX_ERRORS;
  const message = bankMessage(locale, more === 1 ? 'excel.oneMoreError' : 'excel.moreErrors', { count: more });
  return { candidates: [], errors: [...errors.slice(0, MAX_ERRORS), { row: 0, column: '', message }] };
}
