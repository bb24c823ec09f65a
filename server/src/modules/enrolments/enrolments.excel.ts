import ExcelJS from 'exceljs';
import {
  type Attempt,
  type Attempts,
  CATEGORY_LABELS,
  type EnrolmentPart,
  type Gender,
  ID_TYPE_NAMES,
  type IdType,
  ID_TYPES,
} from '@skillcert/shared/api/enrolment';
import type { Locale } from '../../context.ts';
import { archiveRefusalMessage } from '../../lib/archive.ts';
import { columnLetter, loadUploadedWorkbook, readCell } from '../../lib/xlsx.ts';
import { enrolmentMessage, fieldName } from './enrolments.messages.ts';
import type { CandidateRow, Problem } from './enrolments.rules.ts';

// 报名 Excel: the template (dropdowns for ID type, gender, category, major, class, attempts), its reader (every row
// read, unreadable cells reported on their cell) and the user's own workbook annotated with each refusal as a 批注.
// Pure: no database.

export const CANDIDATES_SHEET = '考生 candidates';
export const LISTS_SHEET = 'lists';
export const GUIDE_SHEET = '说明 guide';
/** Data rows one workbook may hold; the dropdowns cover rows 2 … MAX_ROWS + 1. */
export const MAX_ROWS = 20000;

type Field = keyof CandidateRow | EnrolmentPart;

/** The template's columns in their fixed order (A … N). */
export const ENROLMENT_COLUMNS: readonly { field: Field; header: string; width: number }[] = [
  { field: 'name', header: '姓名 name', width: 12 },
  { field: 'idType', header: '证件类型 ID type', width: 20 },
  { field: 'idNumber', header: '证件号码 ID number', width: 22 },
  { field: 'gender', header: '性别 gender', width: 8 },
  { field: 'birthDate', header: '出生日期 birth date', width: 13 },
  { field: 'category', header: '考生类别 category', width: 20 },
  { field: 'schoolName', header: '就读学校 school', width: 22 },
  { field: 'majorCode', header: '专业 major', width: 24 },
  { field: 'className', header: '班级 class', width: 14 },
  { field: 'graduatingYear', header: '毕业年份 graduating year', width: 12 },
  { field: 'phone', header: '联系电话 phone', width: 14 },
  { field: 'theory', header: '理论知识 theory', width: 10 },
  { field: 'practical', header: '操作技能 practical', width: 10 },
  { field: 'review', header: '综合评审 review', width: 10 },
];
const WIDTH = ENROLMENT_COLUMNS.length;
const INDEX = new Map<Field, number>(ENROLMENT_COLUMNS.map((c, i) => [c.field, i]));

/** The column letter of a field ('' for the whole row → A). */
export function columnOfField(field: Field | ''): string {
  const i = field ? INDEX.get(field) : undefined;
  return columnLetter((i ?? 0) + 1);
}

const GENDER_INPUT: Record<string, Gender> = { 男: 'male', 女: 'female', m: 'male', f: 'female', male: 'male', female: 'female' };
const ATTEMPT_WORDS: Record<Attempt, string> = { first: '新考', resit: '补考' };
const ATTEMPT_INPUT: Record<string, Attempt> = { 新考: 'first', 补考: 'resit', first: 'first', resit: 'resit', 初考: 'first' };
const ID_TYPE_INPUT: Record<string, IdType> = Object.fromEntries([
  ...ID_TYPES.map((t) => [ID_TYPE_NAMES[t], t]),
  ...ID_TYPES.map((t) => [t, t]),
  ['身份证', 'resident_id'],
]) as Record<string, IdType>;
const CATEGORY_INPUT = new Map(CATEGORY_LABELS.flatMap((c) => [[c.label, c] as const, [c.label.replace('社会人员-', ''), c] as const]));

/** What the template's dropdowns offer: the school's majors (mapped ones first) and the classes it has used. */
export interface EnrolmentCatalog {
  majors: { code: string; name: string }[];
  classes: string[];
}

/** exceljs keeps range validations on `worksheet.dataValidations`, which its typings leave out. */
interface WithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

const GUIDE: Record<Field, [string, string]> = {
  name: ['考生姓名，与证件一致。', 'Name as on the ID document.'],
  idType: ['下拉选择；居民身份证按 GB 11643 校验。', 'Pick from the list; 居民身份证 is checked by GB 11643.'],
  idNumber: ['证件号码（文本格式，末位 X 大小写均可）。', 'The number (text; X or x).'],
  gender: ['男/女；身份证考生可留空（由号码推出，填写则核对）。', '男/女; may be blank for 居民身份证 (derived and cross-checked).'],
  birthDate: ['YYYY-MM-DD；身份证考生可留空。', 'YYYY-MM-DD; may be blank for 居民身份证.'],
  category: ['本校学生、外校学生或社会人员（注明类别）。', 'Own student, other school’s student, or society (with its kind).'],
  schoolName: ['外校学生填写就读学校。', 'For another school’s student: that school.'],
  majorCode: ['学生填写专业（下拉“代码 名称”，或只填代码）。', 'For students: the major ("code name" or the code).'],
  className: ['班级（可从下拉选择已有班级）。', 'Class (pick a known one or type it).'],
  graduatingYear: ['毕业年份（届），如 2026。', 'Year of graduation (class of), e.g. 2026.'],
  phone: ['联系电话（可选）。', 'Phone (optional).'],
  theory: ['新考/补考，留空为新考。', '新考 (first) / 补考 (resit); blank = first.'],
  practical: ['新考/补考，留空为新考。', '新考 (first) / 补考 (resit); blank = first.'],
  review: ['新考/补考（技师、高级技师）。', '新考 / 补考 (二级/一级 only).'],
  row: ['', ''],
  attempts: ['', ''],
  societyKind: ['', ''],
};

/** The empty template: header, dropdowns (one data validation per column) on a hidden list sheet, a guide sheet. */
export async function enrolmentTemplateWorkbook(catalog: EnrolmentCatalog): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skillcert';
  const ws = wb.addWorksheet(CANDIDATES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ENROLMENT_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width, style: { numFmt: '@' } }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.numFmt = 'General';
  });
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const attempts = Object.values(ATTEMPT_WORDS);
  const sources: { field: Field; values: string[] }[] = [
    { field: 'idType', values: ID_TYPES.map((t) => ID_TYPE_NAMES[t]) },
    { field: 'gender', values: ['男', '女'] },
    { field: 'category', values: CATEGORY_LABELS.map((c) => c.label) },
    { field: 'majorCode', values: catalog.majors.map((m) => `${m.code} ${m.name}`) },
    { field: 'className', values: catalog.classes },
    { field: 'theory', values: attempts },
    { field: 'practical', values: attempts },
    { field: 'review', values: attempts },
  ];
  const validations = (ws as unknown as WithValidations).dataValidations;
  sources.forEach((source, i) => {
    const listColumn = columnLetter(i + 1);
    lists.getCell(`${listColumn}1`).value = source.field;
    source.values.forEach((v, j) => (lists.getCell(`${listColumn}${j + 2}`).value = v));
    if (!source.values.length) return;
    const column = columnOfField(source.field);
    validations.add(`${column}2:${column}${MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`${LISTS_SHEET}!$${listColumn}$2:$${listColumn}$${source.values.length + 1}`],
      showErrorMessage: true,
      // Classes and majors may be typed; the server decides.
      errorStyle: 'warning',
      errorTitle: '不在列表中 not in the list',
      error: '请从下拉列表选择 / pick a value from the list',
    });
  });
  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.columns = [{ width: 8 }, { width: 24 }, { width: 50 }, { width: 60 }];
  guide.addRow(['列 column', '表头 header', '说明', 'Description']).font = { bold: true };
  ENROLMENT_COLUMNS.forEach((c, i) => guide.addRow([columnLetter(i + 1), c.header, GUIDE[c.field][0], GUIDE[c.field][1]]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ParsedEnrolmentWorkbook {
  rows: CandidateRow[];
  /** Cells that could not be read, per Excel row. */
  cellProblems: Map<number, Problem[]>;
  /** Whole-file problems: nothing was read. */
  fileErrors: string[];
}

const fileError = (message: string): ParsedEnrolmentWorkbook => ({ rows: [], cellProblems: new Map(), fileErrors: [message] });

/** 2026, 2026届, 2026年 → 2026. */
function yearOf(text: string): number | null {
  const m = /^(\d{4})\s*(届|年)?$/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

/** YYYY-MM-DD, YYYY/M/D, YYYYMMDD, YYYY年M月D日 → YYYY-MM-DD (when a real date). */
function dateOf(text: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/**
 * Reads a filled template: every data row becomes a CandidateRow (unreadable cells → null, with a problem on the
 * cell); the rules judge the rest. Whole-file problems (not a workbook, not the template, too many rows) read nothing.
 */
export async function parseEnrolmentWorkbook(file: Buffer, options: { locale?: Locale; maxRows?: number } = {}): Promise<ParsedEnrolmentWorkbook> {
  const locale = options.locale ?? 'zh-CN';
  const maxRows = options.maxRows ?? MAX_ROWS;
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return fileError(load.reason === 'too_large' ? archiveRefusalMessage(load.refusal, locale) : enrolmentMessage(locale, 'excel.notXlsx'));
  const wb = load.wb;
  const ws = wb.getWorksheet(CANDIDATES_SHEET) ?? wb.worksheets[0];
  if (!ws) return fileError(enrolmentMessage(locale, 'excel.noRows'));
  const headerRow = ws.getRow(1);
  for (let i = 0; i < 6; i++) {
    const found = readCell(headerRow.getCell(i + 1).value).text.replace(/\s+/g, ' ');
    const expected = ENROLMENT_COLUMNS[i]!.header;
    if (found !== expected) return fileError(enrolmentMessage(locale, 'excel.notTemplate', { column: columnLetter(i + 1), found, expected }));
  }

  const rows: CandidateRow[] = [];
  const cellProblems = new Map<number, Problem[]>();
  let tooMany = false;
  ws.eachRow((r, n) => {
    if (n === 1 || tooMany) return;
    const texts = new Array<string>(WIDTH).fill('');
    const problems: Problem[] = [];
    let filled = false;
    r.eachCell((cell, c) => {
      if (c > WIDTH) return;
      const read = readCell(cell.value);
      if (read.formula) {
        problems.push({
          code: 'ENROLMENT.FORMULA',
          rule: null,
          field: ENROLMENT_COLUMNS[c - 1]!.field,
          message: enrolmentMessage(locale, 'ENROLMENT.FORMULA'),
        });
        filled = true;
      } else if (read.text) {
        texts[c - 1] = read.text;
        filled = true;
      }
    });
    if (!filled) return;
    if (rows.length >= maxRows) {
      tooMany = true;
      return;
    }
    const text = (f: Field) => texts[INDEX.get(f)!]!;
    const bad = (f: Field, value: string) =>
      problems.push({
        code: 'ENROLMENT.BAD_VALUE',
        rule: null,
        field: f,
        message: enrolmentMessage(locale, 'ENROLMENT.BAD_VALUE', { field: fieldName(locale, f), value: value.slice(0, 40) }),
      });

    const idTypeText = text('idType');
    const idType = idTypeText ? (ID_TYPE_INPUT[idTypeText] ?? null) : 'resident_id';
    if (idTypeText && !idType) bad('idType', idTypeText);
    const genderText = text('gender');
    const gender = genderText ? (GENDER_INPUT[genderText.toLowerCase()] ?? null) : null;
    if (genderText && !gender) bad('gender', genderText);
    const birthText = text('birthDate');
    const birthDate = birthText ? dateOf(birthText) : null;
    if (birthText && !birthDate) bad('birthDate', birthText);
    const categoryText = text('category').replace(/\s+/g, '').replace('—', '-');
    const category = categoryText ? CATEGORY_INPUT.get(categoryText) : undefined;
    if (!categoryText)
      problems.push({
        code: 'ENROLMENT.REQUIRED',
        rule: null,
        field: 'category',
        message: enrolmentMessage(locale, 'ENROLMENT.REQUIRED', { field: fieldName(locale, 'category') }),
      });
    else if (!category) bad('category', categoryText);
    const yearText = text('graduatingYear');
    const graduatingYear = yearText ? yearOf(yearText) : null;
    if (yearText && graduatingYear === null) bad('graduatingYear', yearText);
    const attempts: Attempts = {};
    for (const part of ['theory', 'practical', 'review'] as const) {
      const t = text(part);
      if (!t) continue;
      const a = ATTEMPT_INPUT[t.toLowerCase()];
      if (a) attempts[part] = a;
      else bad(part, t);
    }
    const majorText = text('majorCode');
    rows.push({
      row: n,
      name: text('name'),
      idType,
      idNumber: text('idNumber'),
      gender,
      birthDate,
      category: category?.category ?? null,
      societyKind: category?.societyKind ?? null,
      schoolName: text('schoolName') || null,
      majorCode: majorText ? (majorText.split(/\s+/, 1)[0] ?? null) : null,
      className: text('className') || null,
      graduatingYear,
      phone: text('phone') || null,
      attempts,
    });
    if (problems.length) cellProblems.set(n, problems);
  });
  if (tooMany) return fileError(enrolmentMessage(locale, 'excel.tooManyRows', { max: maxRows }));
  if (!rows.length) return fileError(enrolmentMessage(locale, 'excel.noRows'));
  return { rows, cellProblems, fileErrors: [] };
}

/**
 * The user's own workbook with each refusal as a cell comment (批注) on its cell, filled light red; whole-file
 * problems on A1. Null when the file is not a readable .xlsx.
 */
export async function annotateEnrolmentWorkbook(file: Buffer, notes: { row: number; column: string; message: string }[]): Promise<Buffer | null> {
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return null;
  const wb = load.wb;
  const ws = wb.getWorksheet(CANDIDATES_SHEET) ?? wb.worksheets[0] ?? wb.addWorksheet(CANDIDATES_SHEET);
  const byCell = new Map<string, string[]>();
  for (const e of notes) {
    const column = /^[A-Z]{1,3}$/.test(e.column) ? e.column : 'A';
    const address = e.row > 0 ? `${column}${e.row}` : 'A1';
    byCell.set(address, [...(byCell.get(address) ?? []), e.message]);
  }
  for (const [address, messages] of byCell) {
    const cell = ws.getCell(address);
    cell.note = messages.join('\n');
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A filled workbook in the template's layout (tests, the benchmark and the demo write candidates with it). */
export async function candidatesWorkbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(CANDIDATES_SHEET);
  ws.addRow(ENROLMENT_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
