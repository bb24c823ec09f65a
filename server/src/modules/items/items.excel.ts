import { issueText } from '@skillcert/shared/validation-messages';
import ExcelJS from 'exceljs';
import { archiveRefusalMessage } from '../../lib/archive.ts';
import { type CellRead, columnLetter, compactDataValidations, loadUploadedWorkbook, readCell, type WithValidations } from '../../lib/xlsx.ts';
import { ItemBody, OPTION_KEYS } from '@skillcert/shared/api/banks';
import type { Item, ItemType, RowError } from '@skillcert/shared/api/banks';
import type { Locale } from '../../context.ts';
import { bankMessage, joinList, zodIssueLocale } from './items.messages.ts';
import { checkItemContent, type ContentIssue, itemFingerprint, partOfType } from './items.rules.ts';

// 题库 Excel: the import template, its parser (all or nothing, every error on its cell), the error-annotated
// copy of the user's own workbook, and the export that re-imports without changes. Pure: no database.

type Level = 1 | 2 | 3 | 4 | 5;
interface Area {
  code: string;
  name: string;
  weight: number;
  points: { code: string; name: string; weight: number }[];
}

/** A blueprint (鉴定要素细目表) as the workbook needs it. */
export interface ExcelBlueprint {
  id: string;
  occupationCode: string;
  occupationName: string;
  level: Level;
  theory: Area[];
  skills: Area[];
}

/** What the workbook's dropdowns and the parser resolve against: the school's occupations and blueprints. */
export interface ExcelCatalog {
  occupations: { code: string; name: string }[];
  blueprints: ExcelBlueprint[];
}

/** Data rows one workbook may hold; the dropdowns cover rows 2 … MAX_ROWS + 1. */
export const MAX_ROWS = 20000;
/** Errors reported per file; one more entry says how many were left out. */
export const MAX_ERRORS = 1000;

export const ITEMS_SHEET = '题库 items';
export const LISTS_SHEET = 'lists';
export const GUIDE_SHEET = '说明 guide';

/** The columns of the template, in their fixed order (A … U). */
export const ITEM_COLUMNS = [
  { key: 'id', header: '题目ID id', width: 38, text: true },
  { key: 'occupation', header: '职业 occupation', width: 24, text: true },
  { key: 'level', header: '等级 level', width: 10, text: false },
  { key: 'type', header: '题型 type', width: 10, text: false },
  { key: 'point', header: '知识点 point', width: 28, text: true },
  { key: 'difficulty', header: '难度 difficulty', width: 10, text: false },
  { key: 'points', header: '分值 points', width: 10, text: false },
  { key: 'stem', header: '题干 stem', width: 50, text: true },
  ...OPTION_KEYS.map((k) => ({ key: `option${k}`, header: `选项${k} option ${k}`, width: 20, text: true })),
  { key: 'answer', header: '答案 answer', width: 10, text: true },
  { key: 'referenceAnswer', header: '参考答案 reference answer', width: 36, text: true },
  { key: 'rubric', header: '评分细则 rubric', width: 36, text: true },
  { key: 'analysis', header: '解析 analysis', width: 30, text: true },
  { key: 'reviewer', header: '审核人 reviewer', width: 12, text: true },
] as const;

/** Column letter of a 0-based column index. */
const letter = (index: number) => columnLetter(index + 1);
const COL = {
  id: 'A',
  occupation: 'B',
  level: 'C',
  type: 'D',
  point: 'E',
  difficulty: 'F',
  points: 'G',
  stem: 'H',
  answer: 'Q',
  referenceAnswer: 'R',
  rubric: 'S',
  analysis: 'T',
  reviewer: 'U',
} as const;
/** Column index (0-based) of option A; options A … H are I … P. */
const FIRST_OPTION = 8;
const optionColumn = (key: string) => letter(FIRST_OPTION + OPTION_KEYS.indexOf(key as (typeof OPTION_KEYS)[number]));
/** Header cells that identify the template (A … H). */
const SIGNATURE = 8;

const LEVEL_WORDS: Record<Level, string> = { 5: '五级', 4: '四级', 3: '三级', 2: '二级', 1: '一级' };
const LEVEL_INPUT: Record<string, Level> = {
  五级: 5,
  四级: 4,
  三级: 3,
  二级: 2,
  一级: 1,
  '5': 5,
  '4': 4,
  '3': 3,
  '2': 2,
  '1': 1,
  '5级': 5,
  '4级': 4,
  '3级': 3,
  '2级': 2,
  '1级': 1,
  初级工: 5,
  中级工: 4,
  高级工: 3,
  技师: 2,
  高级技师: 1,
};
const TYPE_WORDS: Record<ItemType, string> = { single: '单选', multiple: '多选', judge: '判断', subjective: '简答', practical: '实操' };
const TYPE_INPUT: Record<string, ItemType> = Object.fromEntries(
  Object.entries(TYPE_WORDS).flatMap(([type, word]) => [
    [word, type],
    [`${word}题`, type],
    [type, type],
  ]),
) as Record<string, ItemType>;
/** 1 易 … 5 难 */
const DIFFICULTY_WORDS = ['易', '较易', '中等', '较难', '难'] as const;
const JUDGE_INPUT: Record<string, 'true' | 'false'> = {
  正确: 'true',
  对: 'true',
  '√': 'true',
  '✓': 'true',
  '✔': 'true',
  t: 'true',
  true: 'true',
  错误: 'false',
  错: 'false',
  '×': 'false',
  '✗': 'false',
  '✘': 'false',
  f: 'false',
  false: 'false',
};

// --- Template --------------------------------------------------------------------------------------------

const occupationLabel = (code: string, name: string) => (name ? `${code} ${name}` : code);
const pointLabel = (code: string, name: string) => (name ? `${code} ${name}` : code);

/** Every (area-or-point code, name) an item may name: the points, or the area itself when it has none. */
function pointEntries(areas: readonly Area[]): { code: string; name: string }[] {
  return areas.flatMap((a) => (a.points.length ? a.points.map((p) => ({ code: p.code, name: p.name })) : [{ code: a.code, name: a.name }]));
}

function occupationsOf(catalog: ExcelCatalog): { code: string; name: string }[] {
  const byCode = new Map<string, string>();
  for (const o of catalog.occupations) byCode.set(o.code, o.name);
  for (const b of catalog.blueprints) if (!byCode.has(b.occupationCode)) byCode.set(b.occupationCode, b.occupationName);
  return [...byCode].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}

function buildWorkbook(catalog: ExcelCatalog): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skillcert';
  const ws = wb.addWorksheet(ITEMS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ITEM_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.numFmt = 'General';
  });

  // Dropdown sources on a hidden sheet: list validations inline are limited to 255 characters.
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const points = new Set<string>();
  for (const b of catalog.blueprints) {
    for (const p of [...pointEntries(b.theory), ...pointEntries(b.skills)]) points.add(pointLabel(p.code, p.name));
  }
  const sources: { column: string; header: string; values: (string | number)[] }[] = [
    { column: COL.occupation, header: 'occupation', values: occupationsOf(catalog).map((o) => occupationLabel(o.code, o.name)) },
    { column: COL.level, header: 'level', values: [5, 4, 3, 2, 1].map((l) => LEVEL_WORDS[l as Level]) },
    { column: COL.type, header: 'type', values: Object.values(TYPE_WORDS) },
    { column: COL.point, header: 'point', values: [...points] },
    { column: COL.difficulty, header: 'difficulty', values: [1, 2, 3, 4, 5] },
  ];
  const validations = (ws as unknown as WithValidations).dataValidations;
  sources.forEach((source, i) => {
    const listColumn = letter(i);
    lists.getCell(`${listColumn}1`).value = source.header;
    source.values.forEach((v, j) => (lists.getCell(`${listColumn}${j + 2}`).value = v));
    if (!source.values.length) return;
    validations.add(`${source.column}2:${source.column}${MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`${LISTS_SHEET}!$${listColumn}$2:$${listColumn}$${source.values.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '不在列表中 not in the list',
      error: '请从下拉列表选择 / pick a value from the list',
    });
  });

  addGuide(wb, catalog);
  return { wb, ws };
}

const GUIDE: readonly [string, string][] = [
  ['新题留空；修改已有题目时填其ID（导出文件已带ID）。', 'Blank for a new item; the uuid of an existing item to edit it (exports carry it).'],
  ['下拉选择“编码 名称”，或只填职业编码。', 'Pick "code name" from the list, or type just the occupation code.'],
  ['五级/四级/三级/二级/一级，或 5…1。', '五级 … 一级, or 5 … 1.'],
  ['单选/多选/判断/简答/实操（实操题对应技能要求比重表）。', 'single/multiple/true-false/short answer/practical (practical tasks sit on the skills table).'],
  [
    '细目表中的知识点“编码 名称”，或只填编码；无下级知识点的区域填区域编码。',
    'A point of the blueprint as "code name" or the bare code; an area without points by its own code.',
  ],
  ['1–5，或 易/较易/中等/较难/难。', '1–5, or 易/较易/中等/较难/难 (easy … hard).'],
  ['本题分值（数字）。', 'Points the item is worth (a number).'],
  ['题干，必填。', 'The question text; required.'],
  ...OPTION_KEYS.map((k): [string, string] => [`选项${k}；选择题从A起连续填写，不可跳空。`, `Option ${k}; choice items fill A, B, C … without gaps.`]),
  [
    '单选填一个字母（B）；多选填多个（ACD 或 A,C,D）；判断填 正确/错误（对/错、√/×、T/F）；简答、实操留空。',
    'Single: one letter (B); multiple: several (ACD or A,C,D); true/false: 正确/错误 (对/错, √/×, T/F); blank for short answer and practical.',
  ],
  ['简答题必填：参考答案。', 'Reference answer; required for short-answer items.'],
  [
    '每行一条“内容|分值”；以“否决：”开头的行为否决项；可加一行“时长：90”（分钟）。实操题必填，分值合计等于本题分值。',
    'One criterion per line "text|points"; a line starting "否决：" is a veto; an optional line "时长：90" sets the duration in minutes. Required for practical tasks; criteria add up to the item\'s points.',
  ],
  ['解析（可选）。', 'Explanation shown after marking (optional).'],
  [
    '导出时显示平台内的审核人，仅供查看；导入时忽略本列：导入的试题一律为草稿，须由命题人以外的账号在平台内审核。',
    'Shows who reviewed the item in the platform, on export only; ignored on import: imported items are always drafts, reviewed in the platform by an account other than the writer.',
  ],
];

function addGuide(wb: ExcelJS.Workbook, catalog: ExcelCatalog): void {
  const guide = wb.addWorksheet(GUIDE_SHEET);
  // The column table uses A … D; the example rows below it use the items sheet's layout, so widths are a compromise.
  guide.columns = [{ width: 10 }, { width: 26 }, { width: 56 }, { width: 72 }];
  guide.addRow(['列 column', '表头 header', '说明', 'Description']).font = { bold: true };
  ITEM_COLUMNS.forEach((c, i) => guide.addRow([letter(i), c.header, GUIDE[i]![0], GUIDE[i]![1]]));
  guide.addRow([]);
  guide.addRow([
    '不要在“题库 items”表中保留示例行（会被导入）。示例如下：',
    null,
    null,
    'Examples (keep them out of the items sheet — every row there is imported):',
  ]).font = { bold: true };
  guide.addRow(ITEM_COLUMNS.map((c) => c.header)).font = { bold: true };

  const withTheory = catalog.blueprints.find((b) => pointEntries(b.theory).length > 0);
  const withSkills = catalog.blueprints.find((b) => pointEntries(b.skills).length > 0);
  const sample = (b: ExcelBlueprint | undefined, part: 'theory' | 'skills', fallback: string) => {
    const p = b ? pointEntries(b[part])[0] : undefined;
    return {
      occupation: b ? occupationLabel(b.occupationCode, b.occupationName) : '6-31-01-03 电工',
      level: b ? LEVEL_WORDS[b.level] : '四级',
      point: p ? pointLabel(p.code, p.name) : fallback,
    };
  };
  const t = sample(withTheory, 'theory', '1.1 电工基础');
  const s = sample(withSkills, 'skills', '1.1 电气安装');
  const row = (x: { occupation: string; level: string; point: string }, rest: (string | number | null)[]) => [
    null,
    x.occupation,
    x.level,
    ...rest.slice(0, 1),
    x.point,
    ...rest.slice(1),
  ];
  // blank cells stay blank (no value), not empty strings
  const blankOptions = (n: number) => Array.from({ length: n }, () => null);
  guide.addRow(row(t, ['单选', 2, 1, '我国交流电的频率为（ ）Hz。', '40', '50', '60', '100', ...blankOptions(4), 'B', null, null, '工频50Hz。', null]));
  guide.addRow(row(t, ['多选', 3, 2, '下列属于绝缘材料的有（ ）。', '橡胶', '铜', '陶瓷', '云母', ...blankOptions(4), 'ACD', null, null, null, null]));
  guide.addRow(row(t, ['判断', 1, 1, '电流的单位是安培。', ...blankOptions(8), '正确', null, null, null, null]));
  guide.addRow(
    row(t, [
      '简答',
      3,
      3,
      '简述触电急救的步骤。',
      ...blankOptions(8),
      null,
      '先使触电者脱离电源，再判断意识和呼吸，必要时心肺复苏。',
      '脱离电源|1\n判断伤情|1\n实施急救|1',
      null,
      null,
    ]),
  );
  guide.addRow(
    row(s, [
      '实操',
      4,
      40,
      '完成单相电能表带照明电路的安装与调试。',
      ...blankOptions(8),
      null,
      null,
      '元件布置合理|10\n接线正确|20\n通电试验成功|10\n否决：带电作业\n时长：90',
      null,
      '张老师',
    ]),
  );
  guide.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  guide.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

/** The empty import template: header row, dropdowns on a hidden list sheet, and a guide sheet with examples. */
export async function itemTemplateWorkbook(catalog: ExcelCatalog): Promise<Buffer> {
  const { wb } = buildWorkbook(catalog);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// --- Export ----------------------------------------------------------------------------------------------

function rubricText(rubric: NonNullable<Item['rubric']>): string {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  return [
    ...rubric.criteria.map((c) => `${oneLine(c.text)}|${c.points}`),
    ...rubric.vetoes.map((v) => `否决：${oneLine(v)}`),
    ...(rubric.durationMinutes ? [`时长：${rubric.durationMinutes}`] : []),
  ].join('\n');
}

/**
 * The items in the template's layout, one row per item with its ID, so that importing the file again changes
 * nothing. The reviewer is written for reviewed and retired items only, for reading; an import ignores it.
 */
export async function exportItemsWorkbook(items: Item[], catalog: ExcelCatalog): Promise<Buffer> {
  const { wb, ws } = buildWorkbook(catalog);
  const names = new Map<string, Map<string, string>>();
  for (const b of catalog.blueprints) {
    for (const part of ['theory', 'skills'] as const) {
      names.set(`${b.id}|${part}`, new Map(pointEntries(b[part]).map((p) => [p.code, p.name])));
    }
  }
  for (const item of items) {
    const code = item.pointCode ?? item.areaCode;
    const name = names.get(`${item.blueprintId}|${partOfType(item.type)}`)?.get(code) ?? '';
    const options = new Map(item.options.map((o) => [o.key, o.text]));
    const answer = item.type === 'judge' ? (item.answer[0] === 'true' ? '正确' : item.answer[0] === 'false' ? '错误' : '') : item.answer.join('');
    ws.addRow([
      item.id,
      occupationLabel(item.occupationCode, item.occupationName),
      LEVEL_WORDS[item.level],
      TYPE_WORDS[item.type],
      pointLabel(code, name),
      item.difficulty,
      item.points,
      item.stem,
      ...OPTION_KEYS.map((k) => options.get(k) ?? null),
      answer || null,
      item.referenceAnswer ?? null,
      item.rubric ? rubricText(item.rubric) : null,
      item.analysis ?? null,
      item.status === 'draft' ? null : (item.reviewerName ?? null),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// --- Parse -----------------------------------------------------------------------------------------------

export interface ParsedItemRow {
  /** The Excel row number. */
  row: number;
  /** The existing item this row edits; null for a new item. */
  id: string | null;
  /** The item's content as the item schema parsed it (its output: defaults filled); blueprintId resolved from occupation + level. */
  body: (typeof ItemBody)['_output'];
  /** itemFingerprint(type, stem): the duplicate key inside the blueprint. */
  fingerprint: string;
}

/** A cell as the parser sees it; `covered`: inside a merged range whose top-left cell is elsewhere (reported once there). */
type ItemCell = CellRead & { covered?: boolean };
const EMPTY: ItemCell = readCell(null);
const COVERED: ItemCell = { ...EMPTY, covered: true };

const firstToken = (s: string) => s.split(/\s+/, 1)[0] ?? '';
const numberOf = (s: string): number | null => {
  const t = s.normalize('NFKC').replace(/\s+/g, '').replace(/分$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PointRef {
  areaCode: string;
  pointCode: string | null;
}
interface ResolvedBlueprint {
  blueprint: ExcelBlueprint;
  parts: Record<'theory' | 'skills', Map<string, PointRef>>;
}

/** Codes an item may name in one part: each point (→ its area), then each area code (→ the area itself). */
function pointIndex(areas: readonly Area[]): Map<string, PointRef> {
  const index = new Map<string, PointRef>();
  for (const a of areas) for (const p of a.points) if (!index.has(p.code)) index.set(p.code, { areaCode: a.code, pointCode: p.code });
  for (const a of areas) if (!index.has(a.code)) index.set(a.code, { areaCode: a.code, pointCode: null });
  return index;
}

function parseRubric(text: string, locale: Locale): { rubric: ItemBody['rubric']; problem: string | null } {
  if (!text) return { rubric: null, problem: null };
  const criteria: { text: string; points: number }[] = [];
  const vetoes: string[] = [];
  let durationMinutes: number | undefined;
  const lines = text.split('\n').map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const veto = /^否决\s*[:：]\s*(.*)$/.exec(line);
    if (veto) {
      vetoes.push(veto[1]!.trim());
      continue;
    }
    const duration = /^(?:时长|duration)\s*[:：]\s*([0-9０-９.]+)\s*(?:分钟|min|minutes)?$/i.exec(line);
    if (duration) {
      durationMinutes = numberOf(duration[1]!) ?? Number.NaN;
      continue;
    }
    const bar = Math.max(line.lastIndexOf('|'), line.lastIndexOf('｜'));
    const points = bar >= 0 ? numberOf(line.slice(bar + 1)) : null;
    if (bar < 0 || points === null) {
      return { rubric: null, problem: bankMessage(locale, 'excel.badRubricLine', { line: i + 1, text: line.slice(0, 40) }) };
    }
    criteria.push({ text: line.slice(0, bar).trim(), points });
  }
  return { rubric: { criteria, vetoes, ...(durationMinutes === undefined ? {} : { durationMinutes }) }, problem: null };
}

function parseAnswer(type: ItemType, text: string, locale: Locale): { answer: string[]; problem: string | null } {
  if (!text) return { answer: [], problem: type === 'subjective' || type === 'practical' ? null : bankMessage(locale, 'excel.required') };
  if (type === 'judge') {
    const value = JUDGE_INPUT[text.normalize('NFKC').toLowerCase()] ?? JUDGE_INPUT[text];
    return value ? { answer: [value], problem: null } : { answer: [], problem: bankMessage(locale, 'excel.badJudgeAnswer', { answer: text }) };
  }
  if (type === 'single' || type === 'multiple') {
    const letters = text
      .normalize('NFKC')
      .toUpperCase()
      .replace(/[\s,，、;；/]+/g, '');
    if (!/^[A-Z]+$/.test(letters)) return { answer: [], problem: bankMessage(locale, 'excel.badChoiceAnswer', { answer: text }) };
    return { answer: [...new Set(letters)], problem: null };
  }
  return { answer: [text], problem: null };
}

const FIELD_COLUMN: Record<ContentIssue['field'], string> = {
  areaCode: COL.point,
  pointCode: COL.point,
  options: 'I',
  answer: COL.answer,
  referenceAnswer: COL.referenceAnswer,
  rubric: COL.rubric,
  points: COL.points,
};

function columnOfPath(path: readonly PropertyKey[], options: readonly { key: string }[]): string {
  const [head, index] = path;
  switch (head) {
    case 'blueprintId':
      return COL.level;
    case 'areaCode':
    case 'pointCode':
      return COL.point;
    case 'type':
      return COL.type;
    case 'stem':
      return COL.stem;
    case 'options':
      return typeof index === 'number' && options[index] ? optionColumn(options[index].key) : 'I';
    case 'answer':
      return COL.answer;
    case 'referenceAnswer':
      return COL.referenceAnswer;
    case 'points':
      return COL.points;
    case 'difficulty':
      return COL.difficulty;
    case 'analysis':
      return COL.analysis;
    case 'rubric':
      return COL.rubric;
    default:
      return COL.id;
  }
}

const fileError = (row: number, message: string): { rows: ParsedItemRow[]; errors: RowError[] } => ({
  rows: [],
  errors: [{ row, column: row === 0 ? '' : 'A', message }],
});

function itemsSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  return wb.getWorksheet(ITEMS_SHEET) ?? wb.worksheets[0];
}

/** The Chinese half of a column's header (题干 of "题干 stem"), naming the field in zh-CN messages. */
const columnName = (column: string) => ITEM_COLUMNS[column.charCodeAt(0) - 65]?.header.split(' ')[0] ?? column;

/**
 * Reads a filled template. All or nothing: `rows` is empty whenever `errors` is not. Errors name the Excel row
 * and column letter and are worded in `locale`; they are collected over every row (at most MAX_ERRORS, then one
 * entry with the rest's count).
 */
export async function parseItemWorkbook(
  file: Buffer,
  catalog: ExcelCatalog,
  options: { maxRows?: number; locale?: Locale } = {},
): Promise<{ rows: ParsedItemRow[]; errors: RowError[]; dataRows?: number }> {
  const maxRows = options.maxRows ?? MAX_ROWS;
  const locale = options.locale ?? 'zh-CN';
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return fileError(0, load.reason === 'too_large' ? archiveRefusalMessage(load.refusal, locale) : bankMessage(locale, 'excel.notXlsx'));
  const wb = load.wb;
  const ws = itemsSheet(wb);
  if (!ws) return fileError(0, bankMessage(locale, 'excel.noSheet'));
  const headerRow = ws.getRow(1);
  for (let i = 0; i < SIGNATURE; i++) {
    const found = readCell(headerRow.getCell(i + 1).value).text.replace(/\s+/g, ' ');
    if (found !== ITEM_COLUMNS[i]!.header) {
      return fileError(1, bankMessage(locale, 'excel.notTemplate', { column: letter(i), found, expected: ITEM_COLUMNS[i]!.header }));
    }
  }

  // One pass over the sheet: cell texts, formulas and merged ranges of columns A … U.
  const width = ITEM_COLUMNS.length;
  const errors: RowError[] = [];
  const merges = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  const data: { n: number; cells: ItemCell[] }[] = [];
  let dataRows = 0;
  ws.eachRow((row, n) => {
    if (n === 1 || dataRows > maxRows) return;
    const cells: ItemCell[] = new Array<ItemCell>(width).fill(EMPTY);
    let filled = false;
    row.eachCell((cell, c) => {
      if (c > width) return;
      if (cell.isMerged) {
        const master = cell.master;
        const m = merges.get(master.address) ?? { top: +master.row, left: +master.col, bottom: +master.row, right: +master.col };
        m.bottom = Math.max(m.bottom, n);
        m.right = Math.max(m.right, c);
        merges.set(master.address, m);
        if (master !== cell) {
          cells[c - 1] = COVERED;
          return;
        }
      }
      const read = readCell(cell.value);
      if (read.text || read.formula) {
        cells[c - 1] = read;
        filled = true;
      }
    });
    if (!filled) return;
    dataRows++;
    data.push({ n, cells });
  });
  if (dataRows > maxRows) return fileError(0, bankMessage(locale, 'excel.tooManyRows', { max: maxRows }));

  for (const m of merges.values()) {
    const range = `${letter(m.left - 1)}${m.top}:${letter(m.right - 1)}${m.bottom}`;
    errors.push({ row: m.top, column: letter(m.left - 1), message: bankMessage(locale, 'excel.merged', { range }) });
  }

  // Lookups built once: occupations by code and name, blueprints by occupation + level, points per part.
  const occupations = new Map<string, { code: string; name: string }>();
  for (const o of occupationsOf(catalog)) {
    occupations.set(o.code, o);
    if (o.name && !occupations.has(o.name)) occupations.set(o.name, o);
  }
  const blueprints = new Map<string, ResolvedBlueprint>(); // one per occupation + level; the first wins
  for (const b of catalog.blueprints) {
    const key = `${b.occupationCode}|${b.level}`;
    if (!blueprints.has(key)) blueprints.set(key, { blueprint: b, parts: { theory: pointIndex(b.theory), skills: pointIndex(b.skills) } });
  }
  const levelsOf = new Map<string, Level[]>();
  for (const b of catalog.blueprints) levelsOf.set(b.occupationCode, [...(levelsOf.get(b.occupationCode) ?? []), b.level]);

  const rows: ParsedItemRow[] = [];
  const seenStem = new Map<string, number>();
  const seenId = new Map<string, number>();

  for (const { n, cells } of data) {
    const flagged = new Set<string>();
    const fail = (column: string, message: string) => {
      if (flagged.has(column)) return;
      flagged.add(column);
      errors.push({ row: n, column, message });
    };
    cells.forEach((c, i) => {
      if (c.covered) flagged.add(letter(i));
      else if (c.formula) fail(letter(i), bankMessage(locale, 'excel.formula'));
    });
    const text = (column: string) => cells[column.charCodeAt(0) - 65]!.text;
    for (const column of [COL.occupation, COL.level, COL.type, COL.point, COL.difficulty, COL.points, COL.stem]) {
      if (!text(column) && !flagged.has(column)) fail(column, bankMessage(locale, 'excel.required'));
    }

    // ID
    const id = text(COL.id) || null;
    if (id) {
      if (!UUID.test(id)) fail(COL.id, bankMessage(locale, 'excel.badId', { id: id.slice(0, 40) }));
      else {
        const key = id.toLowerCase();
        const first = seenId.get(key);
        if (first) fail(COL.id, bankMessage(locale, 'excel.sameId', { first }));
        else seenId.set(key, n);
      }
    }

    // Occupation + level → blueprint
    const occupationText = text(COL.occupation);
    const occupation = occupationText ? (occupations.get(firstToken(occupationText)) ?? occupations.get(occupationText)) : undefined;
    if (occupationText && !occupation) fail(COL.occupation, bankMessage(locale, 'excel.unknownOccupation', { occupation: occupationText }));
    const levelText = text(COL.level);
    const level = levelText ? LEVEL_INPUT[levelText.normalize('NFKC').replace(/\s+/g, '')] : undefined;
    if (levelText && !level) fail(COL.level, bankMessage(locale, 'excel.badLevel', { level: levelText }));
    let resolved: ResolvedBlueprint | undefined;
    if (occupation && level) {
      resolved = blueprints.get(`${occupation.code}|${level}`);
      if (!resolved) {
        const has = (levelsOf.get(occupation.code) ?? []).map((l) => LEVEL_WORDS[l]);
        const at = { occupation: occupationLabel(occupation.code, occupation.name), level: LEVEL_WORDS[level] };
        fail(
          COL.level,
          has.length
            ? bankMessage(locale, 'excel.noBlueprintAtLevel', { ...at, levels: joinList(locale, has) })
            : bankMessage(locale, 'excel.noBlueprintForOccupation', at),
        );
      }
    }

    // Type, point, difficulty, points
    const typeText = text(COL.type);
    const type = typeText ? TYPE_INPUT[typeText.replace(/\s+/g, '').toLowerCase()] : undefined;
    if (typeText && !type) fail(COL.type, bankMessage(locale, 'excel.badType', { type: typeText }));
    const pointText = text(COL.point);
    let ref: PointRef | undefined;
    if (pointText && resolved && type) {
      const code = firstToken(pointText);
      const part = partOfType(type);
      ref = resolved.parts[part].get(code);
      if (!ref) {
        const bp = resolved.blueprint;
        const where = `${bp.occupationCode} ${LEVEL_WORDS[bp.level]}`;
        const other = part === 'theory' ? 'skills' : 'theory';
        fail(
          COL.point,
          resolved.parts[other].has(code)
            ? bankMessage(locale, other === 'skills' ? 'excel.pointOnSkills' : 'excel.pointOnTheory', { point: code })
            : bankMessage(locale, part === 'theory' ? 'excel.noKnowledgePoint' : 'excel.noSkillPoint', { point: code, blueprint: where }),
        );
      }
    } else if (pointText && occupation) {
      // Level or type unreadable: still say now when no blueprint of the occupation (at any level, either table) has the point.
      const code = firstToken(pointText);
      const candidates = resolved ? [resolved] : [...blueprints.values()].filter((b) => b.blueprint.occupationCode === occupation.code);
      const parts = type ? [partOfType(type)] : (['theory', 'skills'] as const);
      if (candidates.length && !candidates.some((b) => parts.some((part) => b.parts[part].has(code)))) {
        const where = resolved ? `${occupation.code} ${LEVEL_WORDS[resolved.blueprint.level]}` : occupationLabel(occupation.code, occupation.name);
        const key = parts.length > 1 ? 'excel.noPoint' : parts[0] === 'theory' ? 'excel.noKnowledgePoint' : 'excel.noSkillPoint';
        fail(COL.point, bankMessage(locale, key, { point: code, blueprint: where }));
      }
    }
    const difficultyText = text(COL.difficulty);
    let difficulty: number | null = null;
    if (difficultyText) {
      const word = DIFFICULTY_WORDS.indexOf(difficultyText as (typeof DIFFICULTY_WORDS)[number]);
      difficulty = word >= 0 ? word + 1 : numberOf(firstToken(difficultyText));
      if (difficulty === null || !Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) {
        fail(COL.difficulty, bankMessage(locale, 'excel.badDifficulty', { difficulty: difficultyText }));
        difficulty = null;
      }
    }
    const pointsText = text(COL.points);
    const points = pointsText ? numberOf(pointsText) : null;
    if (pointsText && points === null) fail(COL.points, bankMessage(locale, 'excel.badPoints', { points: pointsText }));

    // Options, answer, rubric
    const optionTexts = OPTION_KEYS.map((key, i) => ({ key, text: cells[FIRST_OPTION + i]!.text }));
    let lastFilled = -1;
    optionTexts.forEach((o, i) => o.text && (lastFilled = i));
    let gap = false;
    for (let i = 0; i < lastFilled; i++) {
      if (!optionTexts[i]!.text) {
        gap = true;
        fail(optionColumn(optionTexts[i]!.key), bankMessage(locale, 'excel.optionGap', { blank: optionTexts[i]!.key, filled: optionTexts[lastFilled]!.key }));
      }
    }
    const itemOptions = optionTexts.filter((o) => o.text !== '');
    // For 简答/实操 the 答案 column is read as the reference answer when that column is blank (a common way to fill it).
    const openEnded = type === 'subjective' || type === 'practical';
    const answerAsReference = openEnded && !text(COL.referenceAnswer) ? text(COL.answer) : '';
    const answerText = answerAsReference ? '' : text(COL.answer);
    let answer: string[] = [];
    if (type) {
      const parsed = parseAnswer(type, answerText, locale);
      answer = parsed.answer;
      if (parsed.problem) fail(COL.answer, parsed.problem);
    }
    const rubricParsed = parseRubric(text(COL.rubric), locale);
    if (rubricParsed.problem) fail(COL.rubric, rubricParsed.problem);

    const stem = text(COL.stem);
    const body = {
      blueprintId: resolved?.blueprint.id ?? '',
      areaCode: ref?.areaCode ?? '',
      pointCode: ref?.pointCode ?? null,
      type: type ?? 'single',
      stem,
      options: itemOptions,
      answer,
      referenceAnswer: text(COL.referenceAnswer) || answerAsReference || null,
      points: points ?? 0,
      difficulty: difficulty ?? 0,
      analysis: text(COL.analysis) || null,
      rubric: rubricParsed.rubric,
    };

    // Content rules (those about the point only against a known blueprint and point), then the shape (only
    // for cells not already in error): a row's every problem is reported in one round.
    if (type) {
      const placed = resolved !== undefined && ref !== undefined;
      for (const issue of checkItemContent(body, resolved?.blueprint ?? { theory: [], skills: [] }, locale)) {
        if (issue.field === 'options' && gap) continue;
        if ((issue.field === 'areaCode' || issue.field === 'pointCode') && !placed) continue;
        fail(FIELD_COLUMN[issue.field], issue.message);
      }
    }
    const shape = ItemBody.safeParse(body, zodIssueLocale(locale));
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        const column = columnOfPath(issue.path, itemOptions);
        if (flagged.has(column) || (column === COL.level && !resolved) || (column === COL.point && !ref)) continue;
        const field = locale === 'zh-CN' ? columnName(column) : issue.path.map(String).join('.');
        fail(column, bankMessage(locale, 'item.fieldIssue', { field, issue: issueText(locale, issue) }));
      }
    }

    if (resolved && type && stem) {
      const fingerprint = itemFingerprint(type, stem);
      const key = `${resolved.blueprint.id}|${fingerprint}`;
      const first = seenStem.get(key);
      if (first) fail(COL.stem, bankMessage(locale, 'excel.duplicateRow', { row: n, first }));
      else seenStem.set(key, n);
      if (shape.success && !flagged.size) rows.push({ row: n, id, body: shape.data, fingerprint });
    }
  }

  if (!errors.length) return { rows, errors, dataRows };
  errors.sort((a, b) => a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column));
  if (errors.length <= MAX_ERRORS) return { rows: [], errors, dataRows };
  const more = errors.length - MAX_ERRORS;
  const message = bankMessage(locale, more === 1 ? 'excel.oneMoreError' : 'excel.moreErrors', { count: more });
  return { rows: [], errors: [...errors.slice(0, MAX_ERRORS), { row: 0, column: '', message }], dataRows };
}

// --- Annotate --------------------------------------------------------------------------------------------

/**
 * The user's own workbook with every error as a cell comment (批注) on its cell, the cell filled light red;
 * whole-file errors (row 0) go on A1. The messages are written as given (already in the user's language). Null when the file is not a readable .xlsx.
 */
export async function annotateWorkbook(file: Buffer, errors: RowError[]): Promise<Buffer | null> {
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return null;
  const wb = load.wb;
  // exceljs would write each loaded drop-down twice, over overlapping ranges
  wb.worksheets.forEach(compactDataValidations);
  const ws = itemsSheet(wb) ?? wb.addWorksheet(ITEMS_SHEET);
  const notes = new Map<string, string[]>();
  for (const e of errors) {
    const column = /^[A-Z]{1,3}$/.test(e.column) ? e.column : 'A';
    const address = e.row > 0 ? `${column}${e.row}` : 'A1';
    const list = notes.get(address) ?? [];
    list.push(e.message);
    notes.set(address, list);
  }
  for (const [address, messages] of notes) {
    const cell = ws.getCell(address);
    cell.note = messages.join('\n');
    // Loaded cells share style objects; give this one its own before filling it.
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
