import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Item, ItemBody, RowError } from '@skillcert/shared/api/banks';
import {
  annotateWorkbook,
  type ExcelBlueprint,
  type ExcelCatalog,
  exportItemsWorkbook,
  GUIDE_SHEET,
  ITEM_COLUMNS,
  ITEMS_SHEET,
  itemTemplateWorkbook,
  LISTS_SHEET,
  MAX_ERRORS,
  MAX_ROWS,
  parseItemWorkbook,
} from './items.excel.ts';
import { itemFingerprint } from './items.rules.ts';

const electrician4: ExcelBlueprint = {
  id: '0b5a3c1e-6f1a-4c1e-9d3e-1a2b3c4d5e01',
  occupationCode: '6-31-01-03',
  occupationName: '电工',
  level: 4,
  theory: [
    {
      code: '1',
      name: '基础知识',
      weight: 60,
      points: [
        { code: '1.1', name: '电工基础', weight: 30 },
        { code: '1.2', name: '安全用电', weight: 30 },
      ],
    },
    { code: '2', name: '法律法规', weight: 40, points: [] },
  ],
  skills: [{ code: 'S1', name: '电气安装', weight: 100, points: [{ code: 'S1.1', name: '照明电路', weight: 100 }] }],
};
const electrician3: ExcelBlueprint = { ...electrician4, id: '0b5a3c1e-6f1a-4c1e-9d3e-1a2b3c4d5e02', level: 3 };
const catalog: ExcelCatalog = {
  occupations: [
    { code: '6-31-01-03', name: '电工' },
    { code: '4-07-05-01', name: '保育师' },
  ],
  blueprints: [electrician4, electrician3],
};

type Key = (typeof ITEM_COLUMNS)[number]['key'];
type Cell = ExcelJS.CellValue;
/** One items-sheet row from named cells; the rest blank. */
const line = (cells: Partial<Record<Key, Cell>>): Cell[] => ITEM_COLUMNS.map((c) => cells[c.key] ?? null);
const base = { occupation: '6-31-01-03 电工', level: '四级', point: '1.1 电工基础', difficulty: 2, points: 1 } as const;
const single = (stem: string, over: Partial<Record<Key, Cell>> = {}) =>
  line({ ...base, type: '单选', stem, optionA: '甲', optionB: '乙', optionC: '丙', optionD: '丁', answer: 'B', ...over });

/** The downloaded template with rows written into its items sheet, as a user fills it in Excel. */
async function filledTemplate(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await itemTemplateWorkbook(catalog)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(ITEMS_SHEET)!;
  rows.forEach((r, i) => (ws.getRow(i + 2).values = r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The same sheet without the template's dropdowns and list sheet (loading 5 × 20,000 validated cells costs
 * ~0.3 s per workbook; the parser reads only the items sheet), plus optional edits.
 */
async function filled(rows: Cell[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(ITEMS_SHEET);
  ws.addRow(ITEM_COLUMNS.map((c) => c.header));
  rows.forEach((r, i) => (ws.getRow(i + 2).values = r));
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

/** Parses a file that must fail: no rows, and the errors (in English unless another locale is asked for). */
async function failures(file: Buffer, options: { maxRows?: number; locale?: 'zh-CN' | 'en-US' } = {}): Promise<RowError[]> {
  const result = await parseItemWorkbook(file, catalog, { locale: 'en-US', ...options });
  expect(result.rows).toEqual([]);
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors;
}

describe('template', () => {
  it('has the bilingual header, dropdowns on every data row from a hidden list sheet, a frozen header and a guide', async () => {
    const wb = await load(await itemTemplateWorkbook(catalog));
    const ws = wb.getWorksheet(ITEMS_SHEET)!;
    expect(wb.worksheets.map((s) => s.name)).toEqual([ITEMS_SHEET, LISTS_SHEET, GUIDE_SHEET]);
    expect((ws.getRow(1).values as Cell[]).slice(1)).toEqual(ITEM_COLUMNS.map((c) => c.header));
    expect(ws.getCell('A1').value).toBe('题目ID id');
    expect(ws.getCell('U1').value).toBe('审核人 reviewer');
    expect(ws.rowCount).toBe(1); // no example rows: every row there would be imported
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn('H').width).toBe(50);

    const lists = wb.getWorksheet(LISTS_SHEET)!;
    expect(lists.state).toBe('hidden');
    const column = (c: string) => (lists.getColumn(c).values as Cell[]).slice(2);
    expect(column('A')).toEqual(['4-07-05-01 保育师', '6-31-01-03 电工']);
    expect(column('B')).toEqual(['五级', '四级', '三级', '二级', '一级']);
    expect(column('C')).toEqual(['单选', '多选', '判断', '简答', '实操']);
    expect(column('D')).toEqual(['1.1 电工基础', '1.2 安全用电', '2 法律法规', 'S1.1 照明电路']); // area 2 has no points
    expect(column('E')).toEqual([1, 2, 3, 4, 5]);

    const expected: Record<string, string> = { B: 'A$2:$A$3', C: 'B$2:$B$6', D: 'C$2:$C$6', E: 'D$2:$D$5', F: 'E$2:$E$6' };
    for (const [col, range] of Object.entries(expected)) {
      for (const row of [2, 777, MAX_ROWS + 1]) {
        const dv = ws.getCell(`${col}${row}`).dataValidation;
        expect(dv, `${col}${row}`).toMatchObject({ type: 'list', allowBlank: true });
        expect(dv.formulae).toEqual([`${LISTS_SHEET}!$${range}`]);
      }
      expect(ws.getCell(`${col}${MAX_ROWS + 2}`).dataValidation).toBeUndefined();
    }
    expect(ws.getCell('H2').dataValidation).toBeUndefined();

    const guide = wb.getWorksheet(GUIDE_SHEET)!;
    const texts = (guide.getColumn(4).values as Cell[]).map(String).join('\n');
    expect(texts).toContain('imported items are always drafts');
    const types = (guide.getColumn(4).values as Cell[]).filter((v) => ['单选', '多选', '判断', '简答', '实操'].includes(String(v)));
    expect(types).toHaveLength(5);
  });

  it('an empty template parses to nothing, without errors', async () => {
    expect(await parseItemWorkbook(await itemTemplateWorkbook(catalog), catalog)).toEqual({ rows: [], errors: [], dataRows: 0 });
  });

  it('the examples on the guide sheet import cleanly when pasted into the items sheet', async () => {
    const guide = (await load(await itemTemplateWorkbook(catalog))).getWorksheet(GUIDE_SHEET)!;
    const examples: Cell[][] = [];
    guide.eachRow((row) => {
      const values = ITEM_COLUMNS.map((_, i) => row.getCell(i + 1).value);
      if (['单选', '多选', '判断', '简答', '实操'].includes(String(values[3]))) examples.push(values);
    });
    const { rows, errors } = await parseItemWorkbook(await filledTemplate(examples), catalog);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.body.type)).toEqual(['single', 'multiple', 'judge', 'subjective', 'practical']);
  });
});

describe('parse a filled template', () => {
  it('a 简答 answer written in the 答案 column is read as its reference answer', async () => {
    const file = await filledTemplate([line({ ...base, type: '简答', points: 2, stem: '简述验电的步骤。', answer: '先在有电设备上试验验电器，再验电。' })]);
    const { rows, errors } = await parseItemWorkbook(file, catalog);
    expect(errors).toEqual([]);
    expect(rows[0]?.body).toMatchObject({ type: 'subjective', answer: [], referenceAnswer: '先在有电设备上试验验电器，再验电。' });
  });

  it('one row per type gives the expected item bodies', async () => {
    const file = await filledTemplate([
      single('我国交流电的频率为（ ）Hz。', { analysis: '工频50Hz。', reviewer: '李老师', difficulty: '易' }),
      line({
        ...base,
        occupation: '6-31-01-03',
        level: 4,
        type: '多选',
        point: '1.2',
        difficulty: '较难',
        points: 2,
        stem: '下列属于绝缘材料的有',
        optionA: '橡胶',
        optionB: '铜',
        optionC: '陶瓷',
        optionD: '云母',
        answer: 'A, C,D',
      }),
      line({ ...base, type: '判断', point: '2 法律法规', stem: '电流的单位是安培。', answer: '√' }),
      line({
        ...base,
        type: '简答',
        points: 3,
        difficulty: 5,
        stem: '简述触电急救的步骤。',
        referenceAnswer: '先脱离电源，再施救。',
        rubric: '脱离电源|1\n判断伤情|1\n实施急救|1',
      }),
      line({
        ...base,
        id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b4a',
        type: '实操',
        point: 'S1.1 照明电路',
        points: 40,
        stem: '完成单相电能表带照明电路的安装与调试。',
        rubric: '元件布置合理|10\r\n接线正确 | 20\n通电试验成功|10\n否决：带电作业\n否决:损坏设备\n时长：90',
        reviewer: '张老师',
      }),
    ]);
    const { rows, errors } = await parseItemWorkbook(file, catalog);
    expect(errors).toEqual([]);
    const bp = electrician4.id;
    const common = { blueprintId: bp, referenceAnswer: null, analysis: null, rubric: null };
    expect(rows.map((r) => r.body)).toEqual<ItemBody[]>([
      {
        ...common,
        areaCode: '1',
        pointCode: '1.1',
        type: 'single',
        stem: '我国交流电的频率为（ ）Hz。',
        points: 1,
        difficulty: 1,
        analysis: '工频50Hz。',
        answer: ['B'],
        options: [
          { key: 'A', text: '甲' },
          { key: 'B', text: '乙' },
          { key: 'C', text: '丙' },
          { key: 'D', text: '丁' },
        ],
      },
      {
        ...common,
        areaCode: '1',
        pointCode: '1.2',
        type: 'multiple',
        stem: '下列属于绝缘材料的有',
        points: 2,
        difficulty: 4,
        answer: ['A', 'C', 'D'],
        options: [
          { key: 'A', text: '橡胶' },
          { key: 'B', text: '铜' },
          { key: 'C', text: '陶瓷' },
          { key: 'D', text: '云母' },
        ],
      },
      { ...common, areaCode: '2', pointCode: null, type: 'judge', stem: '电流的单位是安培。', points: 1, difficulty: 2, answer: ['true'], options: [] },
      {
        ...common,
        areaCode: '1',
        pointCode: '1.1',
        type: 'subjective',
        stem: '简述触电急救的步骤。',
        points: 3,
        difficulty: 5,
        answer: [],
        options: [],
        referenceAnswer: '先脱离电源，再施救。',
        rubric: {
          criteria: [
            { text: '脱离电源', points: 1 },
            { text: '判断伤情', points: 1 },
            { text: '实施急救', points: 1 },
          ],
          vetoes: [],
        },
      },
      {
        ...common,
        areaCode: 'S1',
        pointCode: 'S1.1',
        type: 'practical',
        stem: '完成单相电能表带照明电路的安装与调试。',
        points: 40,
        difficulty: 2,
        answer: [],
        options: [],
        rubric: {
          criteria: [
            { text: '元件布置合理', points: 10 },
            { text: '接线正确', points: 20 },
            { text: '通电试验成功', points: 10 },
          ],
          vetoes: ['带电作业', '损坏设备'],
          durationMinutes: 90,
        },
      },
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(rows.map((r) => r.id)).toEqual([null, null, null, null, '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b4a']);
    // the reviewer column is for reading only: nothing of it reaches the parsed rows (an import never marks items reviewed)
    expect(rows.every((r) => !('reviewerName' in r))).toBe(true);
    expect(rows[0]!.fingerprint).toBe(itemFingerprint('single', '我国交流电的频率为( )Hz.'));
  });

  it('skips fully empty rows, accepts judge spellings and the other level and type spellings', async () => {
    const judge = (stem: string, answer: Cell) => line({ ...base, type: '判断题', stem, answer });
    const file = await filled([
      judge('判断一', '错'),
      [],
      judge('判断二', 'F'),
      judge('判断三', true),
      judge('判断四', '×'),
      line({ ...base, level: '高级工', type: 'single', stem: '三级的题', optionA: 'x', optionB: 'y', answer: 'ａ' }),
    ]);
    const { rows, errors } = await parseItemWorkbook(file, catalog);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.body.answer])).toEqual([
      [2, ['false']],
      [4, ['false']],
      [5, ['true']],
      [6, ['false']],
      [7, ['A']],
    ]);
    expect(rows[4]!.body.blueprintId).toBe(electrician3.id);
  });
});

const item = (over: Partial<Item>): Item => ({
  id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b40',
  orgId: 'a0000000-0000-4000-8000-000000000001',
  blueprintId: electrician4.id,
  occupationCode: '6-31-01-03',
  occupationName: '电工',
  level: 4,
  areaCode: '1',
  pointCode: '1.1',
  type: 'single',
  version: 1,
  stem: '题干',
  options: [],
  answer: [],
  referenceAnswer: null,
  points: 1,
  difficulty: 3,
  analysis: null,
  rubric: null,
  status: 'draft',
  answersHidden: false,
  authorName: '王老师',
  reviewerName: null,
  reviewedAt: null,
  source: 'manual',
  stats: { responses: 0, pValue: null, discrimination: null, flagged: false, flagReasons: [], computedAt: null },
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...over,
});
const opts = (...texts: string[]) => texts.map((text, i) => ({ key: String.fromCharCode(65 + i), text }));
const bodyOf = (i: Item): ItemBody => ({
  blueprintId: i.blueprintId,
  areaCode: i.areaCode,
  pointCode: i.pointCode,
  type: i.type,
  stem: i.stem,
  options: i.options as ItemBody['options'],
  answer: i.answer,
  referenceAnswer: i.referenceAnswer,
  points: i.points,
  difficulty: i.difficulty,
  analysis: i.analysis,
  rubric: i.rubric
    ? { criteria: i.rubric.criteria, vetoes: i.rubric.vetoes, ...(i.rubric.durationMinutes ? { durationMinutes: i.rubric.durationMinutes } : {}) }
    : null,
});

describe('export', () => {
  const items: Item[] = [
    item({
      id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b41',
      stem: '单选题=1+1',
      options: opts('1', '2', '3'),
      answer: ['B'],
      analysis: '加法\n第二行',
      status: 'reviewed',
      reviewerName: '李老师',
    }),
    item({
      id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b42',
      type: 'multiple',
      pointCode: '1.2',
      stem: '多选',
      options: opts('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      answer: ['A', 'C', 'H'],
      points: 2.5,
      difficulty: 5,
    }),
    item({ id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b43', type: 'judge', areaCode: '2', pointCode: null, stem: '判断', answer: ['false'], difficulty: 1 }),
    item({
      id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b44',
      type: 'subjective',
      stem: '简答',
      referenceAnswer: '答：\n1. 甲\n2. 乙',
      points: 4,
      rubric: {
        criteria: [
          { text: '要点一', points: 1.5 },
          { text: '要点 | 二', points: 2.5 },
        ],
        vetoes: [],
      },
    }),
    item({
      id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b45',
      type: 'practical',
      areaCode: 'S1',
      pointCode: 'S1.1',
      stem: '实操任务',
      points: 30,
      rubric: {
        criteria: [
          { text: '接线', points: 20 },
          { text: '调试', points: 10 },
        ],
        vetoes: ['带电作业', '损坏仪表'],
        durationMinutes: 120,
      },
      status: 'retired',
      reviewerName: '张老师',
    }),
    item({
      id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b46',
      level: 3,
      blueprintId: electrician3.id,
      stem: '三级题',
      options: opts('x', 'y'),
      answer: ['A'],
      reviewerName: 'stale',
      status: 'draft',
    }),
  ];

  it('writes the template layout with dropdown labels, one row per item', async () => {
    const ws = (await load(await exportItemsWorkbook(items, catalog))).getWorksheet(ITEMS_SHEET)!;
    expect(ws.rowCount).toBe(items.length + 1);
    expect((ws.getRow(2).values as Cell[]).slice(1, 8)).toEqual([
      '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b41',
      '6-31-01-03 电工',
      '四级',
      '单选',
      '1.1 电工基础',
      3,
      1,
    ]);
    expect(ws.getCell('Q3').value).toBe('ACH');
    expect(ws.getCell('Q4').value).toBe('错误');
    expect(ws.getCell('E4').value).toBe('2 法律法规');
    expect(ws.getCell('S6').value).toBe('接线|20\n调试|10\n否决：带电作业\n否决：损坏仪表\n时长：120');
    expect(ws.getCell('U2').value).toBe('李老师');
    expect(ws.getCell('U7').value).toBeNull(); // a draft carries no reviewer
    expect(ws.getCell('B2').dataValidation?.type).toBe('list');
  });

  it('leaves blank cells blank: no empty strings in the workbook (export and template guide)', async () => {
    for (const bytes of [await exportItemsWorkbook(items, catalog), await itemTemplateWorkbook(catalog)]) {
      const files = unzipSync(new Uint8Array(bytes));
      const shared = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
      expect(shared).not.toMatch(/<si><t(?: [^>]*)?\/><\/si>|<si><t(?: [^>]*)?><\/t><\/si>/);
      const sheets = Object.keys(files).filter((f) => f.startsWith('xl/worksheets/sheet'));
      for (const f of sheets) expect(strFromU8(files[f]!)).not.toMatch(/t="inlineStr"><is><t\/>|t="str"><v><\/v>/);
    }
    const ws = (await load(await exportItemsWorkbook(items, catalog))).getWorksheet(ITEMS_SHEET)!;
    expect(ws.getCell('L2').value).toBeNull(); // option D of a three-option item
    expect(ws.getCell('R2').value).toBeNull(); // no reference answer
  });

  it('re-imports to the same content, IDs and rows', async () => {
    const { rows, errors } = await parseItemWorkbook(await exportItemsWorkbook(items, catalog), catalog);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.body)).toEqual(items.map(bodyOf));
    expect(rows.map((r) => r.id)).toEqual(items.map((i) => i.id));
    expect(rows.map((r) => r.fingerprint)).toEqual(items.map((i) => itemFingerprint(i.type, i.stem)));
  });

  it('round-trips arbitrary text in every free-text field (property)', { timeout: 20_000 }, async () => {
    const text = (min: number) =>
      fc
        .string({
          unit: fc.constantFrom(...'电工安全用电 abcXYZ019|:：；,，。（）()"\'&<>=+-*/\\%#@!?？\n\t√×否决时长'.split('')),
          minLength: min,
          maxLength: 40,
        })
        .map((s) => s.trim().replace(/\s*\n\s*/g, '\n'))
        .filter((s) => s.length >= min);
    const criterion = text(1)
      .map((s) => s.replace(/\s+/g, ' '))
      .filter((s) => !/^(否决|时长)/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          stem: text(2),
          options: fc.array(text(1), { minLength: 2, maxLength: 8 }),
          analysis: fc.option(text(1), { nil: null }),
          reference: text(1),
          criteria: fc.array(fc.tuple(criterion, fc.integer({ min: 1, max: 25 })), { minLength: 1, maxLength: 4 }),
          vetoes: fc.array(
            text(1).map((s) => s.replace(/\s+/g, ' ')),
            { maxLength: 3 },
          ),
          duration: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
        }),
        async (x) => {
          const points = x.criteria.reduce((a, [, p]) => a + p, 0);
          const rubric = { criteria: x.criteria.map(([t, p]) => ({ text: t, points: p })), vetoes: x.vetoes, durationMinutes: x.duration };
          const choice = item({ id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b47', stem: x.stem, options: opts(...x.options), answer: ['A'], analysis: x.analysis });
          const practical = item({
            id: '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b48',
            type: 'practical',
            areaCode: 'S1',
            pointCode: 'S1.1',
            stem: x.stem,
            points,
            rubric,
            referenceAnswer: x.reference,
          });
          const { rows, errors } = await parseItemWorkbook(await exportItemsWorkbook([choice, practical], catalog), catalog);
          expect(errors).toEqual([]);
          expect(rows.map((r) => r.body)).toEqual([bodyOf(choice), bodyOf(practical)]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('parse errors (each one with its row and column, and no rows)', () => {
  it('random bytes, a non-template workbook and a workbook without the header give one file-level error', async () => {
    expect(await failures(Buffer.from('PK\u0003\u0004 definitely not a zip'))).toEqual([
      { row: 0, column: '', message: expect.stringContaining('not an .xlsx') },
    ]);
    const other = new ExcelJS.Workbook();
    other.addWorksheet('occupations').addRow(['职业编码 code', '职业名称 name']);
    other.getWorksheet('occupations')!.addRow(['6-31-01-03', '电工']);
    const errs = await failures(Buffer.from(await other.xlsx.writeBuffer()));
    expect(errs).toEqual([{ row: 1, column: 'A', message: expect.stringMatching(/not the question-bank template: column A header is "职业编码 code"/) }]);
    const renamed = await filled([single('题干一')], (ws) => (ws.getCell('H1').value = '题目 question'));
    expect(await failures(renamed)).toEqual([{ row: 1, column: 'A', message: expect.stringContaining('column H header is "题目 question"') }]);
  });

  it('more data rows than the limit: one error, nothing parsed', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => single(`题干${i}`));
    expect(await failures(await filled(rows), { maxRows: 5 })).toEqual([
      { row: 0, column: '', message: 'more than 5 data rows; split the file (at most 5 items per import)' },
    ]);
    expect((await parseItemWorkbook(await filled(rows.slice(0, 5)), catalog, { maxRows: 5 })).rows).toHaveLength(5);
  });

  it('formula cells and merged cells', async () => {
    const file = await filled([single('题干一'), single('题干二'), single('题干三'), single('题干四')], (ws) => {
      ws.getCell('G2').value = { formula: '1+1', result: 2 };
      ws.mergeCells('H3:H5');
      ws.mergeCells('R4:S4');
    });
    expect(await failures(file)).toEqual([
      { row: 2, column: 'G', message: 'formulas are not accepted; paste values (选择性粘贴 → 数值)' },
      { row: 3, column: 'H', message: 'merged cells are not accepted (H3:H5)' },
      { row: 4, column: 'R', message: 'merged cells are not accepted (R4:S4)' },
    ]);
  });

  it('blank required cells', async () => {
    const file = await filled([line({ optionA: '孤零零的选项' }), single('题干', { occupation: null, points: ' ', difficulty: null })]);
    const required = ['B', 'C', 'D', 'E', 'F', 'G', 'H'].map((column) => ({ row: 2, column, message: 'required' }));
    expect(await failures(file)).toEqual([...required, ...['B', 'F', 'G'].map((column) => ({ row: 3, column, message: 'required' }))]);
  });

  it('answer keys naming no option, gaps in the options, a judge answer that is neither, a blank choice answer', async () => {
    const file = await filled([
      single('答案超出选项', { answer: 'E' }),
      single('选项有空缺', { optionC: null, answer: 'A' }),
      line({ ...base, type: '判断', stem: '判断', answer: '也许' }),
      single('没有答案', { answer: null }),
      line({ ...base, type: '多选', stem: '多选只有一个答案', optionA: '1', optionB: '2', optionC: '3', answer: 'B' }),
    ]);
    expect(await failures(file)).toEqual([
      { row: 2, column: 'Q', message: 'answer names no option: E' },
      { row: 3, column: 'K', message: 'option C is blank but option D is filled; fill options without gaps' },
      { row: 4, column: 'Q', message: expect.stringContaining('true/false answer "也许" is not 正确/错误') },
      { row: 5, column: 'Q', message: 'required' },
      { row: 6, column: 'Q', message: 'multiple choice has at least two correct options' },
    ]);
  });

  it('duplicate stems (differing only by punctuation and spaces) and duplicate or malformed IDs', async () => {
    const id = '7d3f0a52-8c1b-4a57-9c0e-2f7e9d1c3b4a';
    const file = await filled([
      single('下列哪项（ ）是正确的？', { id }),
      single('下列哪项()是正确的?', { id: id.toUpperCase() }),
      single('下列哪项 是 正确的', { level: '三级', id: 'item-1' }), // another blueprint: not a duplicate
      line({ ...base, type: '判断', stem: '下列哪项是正确的', answer: '对' }), // another type: not a duplicate
      single('下列 哪项是正确的！'),
    ]);
    expect(await failures(file)).toEqual([
      { row: 3, column: 'A', message: 'same ID as row 2' },
      { row: 3, column: 'H', message: 'row 3 duplicates row 2 (same type and stem, ignoring spaces and punctuation)' },
      { row: 4, column: 'A', message: '"item-1" is not an item ID (a uuid); leave it blank for a new item' },
      { row: 6, column: 'H', message: expect.stringMatching(/^row 6 duplicates row 2\b/) },
    ]);
  });

  it('unknown occupation, no blueprint at that level, unknown point, a point of the wrong table, content rules', async () => {
    const file = await filled([
      single('未知职业', { occupation: '9-99-99-99 火星工' }),
      single('没有细目表', { occupation: '4-07-05-01 保育师' }),
      single('二级没有细目表', { level: 2 }),
      single('未知知识点', { point: '9.9 不存在' }),
      single('技能点用于单选', { point: 'S1.1' }),
      single('区域有下级知识点', { point: '1' }),
      line({ ...base, type: '实操', stem: '实操却用理论知识点', points: 10, rubric: '接线|10' }),
      line({ ...base, type: '实操', point: 'S1.1', stem: '细则合计不符', points: 10, rubric: '接线|6\n否决：带电作业' }),
      line({ ...base, type: '实操', point: 'S1.1', stem: '细则写错', points: 10, rubric: '接线 六分' }),
      line({ ...base, type: '简答', stem: '缺参考答案', level: 'x', difficulty: 9 }),
      single('判断题不应有选项', { type: '判断', answer: '对' }),
    ]);
    expect(await failures(file)).toEqual([
      { row: 2, column: 'B', message: 'unknown occupation "9-99-99-99 火星工"; pick one from the list' },
      { row: 3, column: 'C', message: 'no blueprint (细目表) for 4-07-05-01 保育师 at 四级; the school has none for this occupation' },
      { row: 4, column: 'C', message: 'no blueprint (细目表) for 6-31-01-03 电工 at 二级; the school has blueprints for 四级, 三级' },
      { row: 5, column: 'E', message: 'no knowledge point "9.9" in the blueprint for 6-31-01-03 四级' },
      { row: 6, column: 'E', message: 'point "S1.1" is on the skills table (技能要求比重表); only 实操 tasks go there' },
      { row: 7, column: 'E', message: 'area "1" has points; name one (1.1, 1.2)' },
      { row: 8, column: 'E', message: 'point "1.1" is on the theory table (理论知识比重表); 实操 tasks need a skill point' },
      { row: 9, column: 'S', message: 'rubric criteria add up to 6, the item is worth 10' },
      { row: 10, column: 'S', message: expect.stringContaining('line 1 "接线 六分": expected "criterion|points"') },
      { row: 11, column: 'C', message: 'level "x" is not 五级/四级/三级/二级/一级 or 5…1' },
      { row: 11, column: 'F', message: 'difficulty "9" is not 1–5 or 易/较易/中等/较难/难' },
      // an unreadable level hides no other problem of the row
      { row: 11, column: 'R', message: 'a subjective item needs a reference answer' },
      { row: 12, column: 'I', message: 'judge items have no options' },
    ]);
  });

  it('reports every problem of a row at once: an unreadable level or type hides no unknown point or content error', async () => {
    const file = await filled([
      single('等级写错且知识点不存在', { level: '九级', point: '9.9', answer: 'Z' }),
      single('题型写错且知识点不存在', { type: '填空', point: '9.9' }),
      single('等级写错但知识点存在', { level: '九级' }),
    ]);
    expect(await failures(file)).toEqual([
      { row: 2, column: 'C', message: 'level "九级" is not 五级/四级/三级/二级/一级 or 5…1' },
      { row: 2, column: 'E', message: 'no knowledge point "9.9" in the blueprint for 6-31-01-03 电工' },
      { row: 2, column: 'Q', message: 'answer names no option: Z' },
      { row: 3, column: 'D', message: expect.stringContaining('"填空"') },
      { row: 3, column: 'E', message: 'no knowledge or skill point "9.9" in the blueprints for 6-31-01-03 四级' },
      { row: 4, column: 'C', message: 'level "九级" is not 五级/四级/三级/二级/一级 or 5…1' },
    ]);
  });

  it('ItemBody limits map to their columns', async () => {
    const file = await filled([single('x', { points: 101, optionB: 'y'.repeat(1001) })]);
    expect(await failures(file)).toEqual([
      { row: 2, column: 'G', message: expect.stringMatching(/^points: /) },
      { row: 2, column: 'H', message: expect.stringMatching(/^stem: /) },
      { row: 2, column: 'J', message: expect.stringMatching(/^options\.1\.text: /) },
    ]);
  });

  it('collects errors over all rows but lists at most 1,000', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => single(`题${i}`, { answer: 'Z', points: 'many' }));
    const errors = await failures(await filled(rows));
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors[0]).toEqual({ row: 2, column: 'G', message: 'points "many" is not a number' });
    expect(errors[MAX_ERRORS - 1]).toMatchObject({ row: 501, column: 'Q' });
    expect(errors[MAX_ERRORS]).toEqual({ row: 0, column: '', message: '200 more errors not listed; fix these and import again' });
  });
});

describe('parse errors in Chinese (zh-CN, the default)', () => {
  it('words every kind of error for school staff, on the same cells', async () => {
    const file = await filled(
      [
        single('答案超出选项', { answer: 'E' }),
        single('答案超出选项！'),
        single('未知职业', { occupation: '火星工' }),
        line({ ...base, type: '实操', point: 'S1.1', stem: '细则合计不符', points: 10, rubric: '接线|6' }),
        single('x'),
        single('无细目表', { level: 2 }),
      ],
      (ws) => (ws.getCell('F3').value = { formula: '1+1', result: 2 }),
    );
    const result = await parseItemWorkbook(file, catalog);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { row: 2, column: 'Q', message: '答案中的选项 E 不存在' },
      { row: 3, column: 'F', message: '不接受公式，请粘贴为数值（选择性粘贴 → 数值）' },
      { row: 3, column: 'H', message: '第 3 行与第 2 行重复（题型和题干相同，已忽略空格和标点）' },
      { row: 4, column: 'B', message: '职业“火星工”不存在，请从下拉列表中选择' },
      { row: 5, column: 'S', message: '评分细则各项分值合计 6 分，与本题分值 10 分不一致' },
      { row: 6, column: 'H', message: '题干：至少 2 个字符' },
      { row: 7, column: 'C', message: '本校没有 6-31-01-03 电工 二级的鉴定要素细目表；该职业已有细目表的等级：四级、三级' },
    ]);
    expect(await failures(await filled([single('分值过大', { points: 101 })]), { locale: 'zh-CN' })).toEqual([
      { row: 2, column: 'G', message: '分值：不能大于 100' },
    ]);
    expect(await failures(await filled([line({ optionA: '孤零零的选项' })]), { locale: 'zh-CN' })).toContainEqual({ row: 2, column: 'H', message: '必填' });
    expect(await failures(Buffer.from('not a workbook'), { locale: 'zh-CN' })).toEqual([
      { row: 0, column: '', message: expect.stringContaining('不是 .xlsx 格式的 Excel 工作簿') },
    ]);
    const tooMany = await failures(await filled(Array.from({ length: 6 }, (_, i) => single(`题干${i}`))), { maxRows: 5, locale: 'zh-CN' });
    expect(tooMany).toEqual([{ row: 0, column: '', message: '数据超过 5 行，请拆分文件（每次最多导入 5 道题）' }]);
  });

  it('the count of errors left out, and the comments in the annotated workbook', async () => {
    const rows = Array.from({ length: 501 }, (_, i) => single(`题${i}`, { answer: 'Z', points: 'many' }));
    const errors = await failures(await filled(rows), { locale: 'zh-CN' });
    expect(errors[0]).toEqual({ row: 2, column: 'G', message: '分值“many”不是数字' });
    expect(errors[MAX_ERRORS]).toEqual({ row: 0, column: '', message: '另有 2 处错误未列出，请先修改以上错误后重新导入' });

    const file = await filledTemplate([single('答案超出选项', { answer: 'E' }), single('题干二', { id: 'bad' })]);
    const annotated = await annotateWorkbook(file, (await parseItemWorkbook(file, catalog)).errors);
    const ws = (await load(annotated!)).getWorksheet(ITEMS_SHEET)!;
    expect(ws.getCell('Q2').note).toBe('答案中的选项 E 不存在');
    expect(ws.getCell('A3').note).toBe('“bad”不是有效的题目ID；新题请留空');
  });
});

describe('annotateWorkbook', () => {
  it('puts each error as a comment on its cell, filled light red, and file-level ones on A1', async () => {
    const file = await filledTemplate([single('答案超出选项', { answer: 'E' }), single('题干二'), single('题干三', { id: 'bad' })]);
    const { errors } = await parseItemWorkbook(file, catalog, { locale: 'en-US' });
    const annotated = await annotateWorkbook(file, [
      ...errors,
      { row: 0, column: '', message: 'whole file' },
      { row: 3, column: 'Q', message: 'second note on Q3' },
      { row: 3, column: 'Q', message: 'third' },
    ]);
    const ws = (await load(annotated!)).getWorksheet(ITEMS_SHEET)!;
    const note = (address: string) => {
      const n = ws.getCell(address).note;
      return typeof n === 'string' ? n : n?.texts?.map((t) => t.text).join('');
    };
    expect(note('Q2')).toBe('answer names no option: E');
    expect(note('A4')).toBe('"bad" is not an item ID (a uuid); leave it blank for a new item');
    expect(note('A1')).toBe('whole file');
    expect(note('Q3')).toBe('second note on Q3\nthird');
    expect(ws.getCell('Q2').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    // Only the erroneous cells are marked; the user's content and the dropdowns stay.
    expect(note('Q4')).toBeUndefined();
    expect(JSON.stringify(ws.getCell('Q4').fill ?? null)).not.toContain('FFFFC7CE');
    expect(ws.getCell('H3').value).toBe('题干二');
    expect(ws.getCell('B3').dataValidation?.type).toBe('list');
  });

  it('keeps one data validation per drop-down column, none overlapping (counted in the sheet XML, as Excel reads it)', async () => {
    const file = await filledTemplate([single('答案超出选项', { answer: 'E' })]);
    const annotated = await annotateWorkbook(file, (await parseItemWorkbook(file, catalog)).errors);
    const sheetXml = (bytes: Buffer) => strFromU8(unzipSync(new Uint8Array(bytes))['xl/worksheets/sheet1.xml']!);
    const ranges = (xml: string) => [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    const expected = ['B2:B20001', 'C2:C20001', 'D2:D20001', 'E2:E20001', 'F2:F20001'];
    expect(ranges(sheetXml(await itemTemplateWorkbook(catalog)))).toEqual(expected);
    const xml = sheetXml(annotated!);
    expect(xml).toContain('<dataValidations count="5">');
    expect(ranges(xml).sort()).toEqual(expected);
  });

  it('returns null for a file that is not an xlsx', async () => {
    expect(await annotateWorkbook(Buffer.from('not a workbook'), [{ row: 0, column: '', message: 'x' }])).toBeNull();
  });
});

// Speed is measured by `npm run bench`; this checks that 10,000 rows parse whole.
describe('large workbooks', () => {
  it('parses 10,000 rows', { timeout: 60_000 }, async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      single(`第${i}题：下列哪一项说法是正确的，请选出最合适的一个答案？`, { analysis: '解析', reviewer: '张三' }),
    );
    const file = await filledTemplate(rows); // with the template's dropdowns, as users upload it
    const { rows: parsed, errors } = await parseItemWorkbook(file, catalog);
    expect(errors).toEqual([]);
    expect(parsed).toHaveLength(10_000);
  });
});
