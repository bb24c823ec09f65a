import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../items/items.excel.ts';
import {
  CANDIDATE_HEADER,
  FIRST_DATA_ROW,
  ID_ROW,
  MAX_ERRORS,
  parseScoresWorkbook,
  SCORES_GUIDE_SHEET,
  SCORES_SHEET,
  type ScoresPaper,
  scoresTemplateWorkbook,
  VALIDATED_ROWS,
} from './papers.excel.ts';

const id = (n: number) => `0b5a3c1e-6f1a-4c1e-9d3e-${String(n).padStart(12, '0')}`;
/** Three items: two worth 1 point, one worth 2. */
const paper: ScoresPaper = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  name: '电工四级理论',
  variant: 'A',
  items: [
    { itemId: id(1), points: 1 },
    { itemId: id(2), points: 1 },
    { itemId: id(3), points: 2 },
  ],
};
const other: ScoresPaper = { ...paper, id: 'a1b2c3d4-0000-4000-8000-000000000002', variant: 'B' };

type Cell = ExcelJS.CellValue;

async function load(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

/** The downloaded template with rows written from row 3, as a school fills it in Excel; `edit` changes it first. */
async function filled(rows: Cell[][], of: ScoresPaper = paper, edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = await load(await scoresTemplateWorkbook(of));
  const ws = wb.getWorksheet(SCORES_SHEET)!;
  edit?.(ws);
  rows.forEach((values, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    values.forEach((v, c) => (row.getCell(c + 1).value = v));
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('scores template', () => {
  it('has the candidate and item headers, a hidden id row, a frozen header and a 0 … points validation per column', async () => {
    const wb = await load(await scoresTemplateWorkbook(paper));
    expect(wb.worksheets.map((w) => w.name)).toEqual([SCORES_SHEET, SCORES_GUIDE_SHEET]);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, CANDIDATE_HEADER, '第1题 (1分)', '第2题 (1分)', '第3题 (2分)']);
    expect(ws.getRow(ID_ROW).hidden).toBe(true);
    expect(ws.getRow(ID_ROW).values).toEqual([undefined, `paper:${paper.id}`, id(1), id(2), id(3)]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: ID_ROW });
    const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(model['B3']).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 1] });
    expect(model['C3']).toMatchObject({ type: 'decimal', formulae: [0, 1] });
    expect(model[`D${FIRST_DATA_ROW + VALIDATED_ROWS - 1}`]).toMatchObject({ type: 'decimal', formulae: [0, 2] });
    expect(model['A3']).toBeUndefined();
    expect(wb.getWorksheet(SCORES_GUIDE_SHEET)!.getCell('C1').value).toBe(paper.id);
  });
});

describe('parsing a filled scores sheet', () => {
  it('reads every candidate; blank cells are 0; typed numbers (full-width, 分) are accepted; empty rows are skipped', async () => {
    const file = await filled([['2026310001', 1, 0, 1.5], [2026310002, null, 1, '２分'], [], ['  张三  ', '1', ' 0.5 ', null]]);
    const { candidates, errors } = await parseScoresWorkbook(file, paper);
    expect(errors).toEqual([]);
    expect(candidates).toEqual([
      { row: 3, candidate: '2026310001', scores: { [id(1)]: 1, [id(2)]: 0, [id(3)]: 1.5 } },
      { row: 4, candidate: '2026310002', scores: { [id(1)]: 0, [id(2)]: 1, [id(3)]: 2 } },
      { row: 6, candidate: '张三', scores: { [id(1)]: 1, [id(2)]: 0.5, [id(3)]: 0 } },
    ]);
  });

  it('maps columns by the hidden ids, not the visible headers: moved columns and renamed headers keep their items; added columns are ignored', async () => {
    const file = await filled([['c1', 2, 1, 0, '=SUM(B3:D3)']], paper, (ws) => {
      // item 3 moved to column B, items 1 and 2 shifted right; headers rewritten; a 总分 column added
      ws.getRow(1).values = ['准考证号', '附加题', '一', '二', '总分'];
      ws.getRow(ID_ROW).values = [`paper:${paper.id}`, id(3), id(1), id(2), ''];
    });
    const { candidates, errors } = await parseScoresWorkbook(file, paper);
    expect(errors).toEqual([]);
    expect(candidates[0]!.scores).toEqual({ [id(3)]: 2, [id(1)]: 1, [id(2)]: 0 });
  });

  it('reports each bad cell with its row and column, and records nothing', async () => {
    const file = await filled([
      ['c1', 1, 1, 2],
      [null, 1, 0, 0], // candidate blank
      ['c1', 0, 0, 0], // duplicate of row 3
      ['c4', 'abc', -1, 3], // not a number, negative, above the item's 2 points
      ['c5', { formula: 'B3' }, 0, 0], // formula
      ['x'.repeat(65), 0, 0, 0], // candidate too long
    ]);
    const { candidates, errors } = await parseScoresWorkbook(file, paper);
    expect(candidates).toEqual([]);
    expect(errors).toEqual([
      { row: 4, column: 'A', message: '请填写考生（准考证号或姓名）' },
      { row: 5, column: 'A', message: '考生“c1”与第 3 行重复' },
      { row: 6, column: 'B', message: '成绩“abc”不是数字' },
      { row: 6, column: 'C', message: '成绩不能为负数（-1）' },
      { row: 6, column: 'D', message: '成绩 3 分超过本题满分 2 分' },
      { row: 7, column: 'B', message: '不接受公式，请粘贴为数值（选择性粘贴 → 数值）' },
      { row: 8, column: 'A', message: '考生标识最多 64 个字符' },
    ]);
  });

  it('words the errors in the request’s language', async () => {
    const file = await filled([['c1', 1, 1, 9]]);
    const { errors } = await parseScoresWorkbook(file, paper, { locale: 'en-US' });
    expect(errors).toEqual([{ row: 3, column: 'D', message: 'score 9 is above the item’s 2 points' }]);
  });

  it('refuses another paper’s sheet, a sheet without the id row, and one whose item columns do not match the paper', async () => {
    const forB = await parseScoresWorkbook(await filled([['c1', 1, 1, 1]], other), paper);
    expect(forB).toEqual({ candidates: [], errors: [{ row: 1, column: 'A', message: expect.stringContaining(other.id) }] });

    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').addRows([
      ['考生 candidate', '第1题 (1分)', '第2题 (1分)', '第3题 (2分)'],
      ['c1', 1, 1, 1],
    ]);
    const noIds = await parseScoresWorkbook(Buffer.from(await plain.xlsx.writeBuffer()), paper, { locale: 'en-US' });
    expect(noIds.errors).toEqual([{ row: 1, column: 'A', message: expect.stringMatching(/^not a scores template/) }]);

    const tampered = await filled([['c1', 1, 1, 1]], paper, (ws) => {
      ws.getRow(ID_ROW).values = [`paper:${paper.id}`, id(1), id(9), id(1)];
    });
    const mismatch = await parseScoresWorkbook(tampered, paper);
    expect(mismatch.candidates).toEqual([]);
    expect(mismatch.errors).toEqual([
      { row: 1, column: 'C', message: `此列的题目不在本试卷中（题目ID ${id(9)}），请重新下载模板` },
      { row: 1, column: 'D', message: '第 1 题在 B 列和 D 列各出现一次，请删除多余的列' },
      { row: 1, column: '', message: '缺少第 2 题的成绩列，请不要删除题目列（重新下载模板）' },
      { row: 1, column: '', message: '缺少第 3 题的成绩列，请不要删除题目列（重新下载模板）' },
    ]);
  });

  it('refuses a file that is not a workbook, an empty sheet, merged cells, and too many rows', async () => {
    expect((await parseScoresWorkbook(Buffer.from('考生,第1题'), paper)).errors).toEqual([{ row: 0, column: '', message: expect.stringContaining('.xlsx') }]);
    expect((await parseScoresWorkbook(await filled([]), paper)).errors).toEqual([{ row: 0, column: '', message: '成绩表中没有考生行' }]);
    const merged = await filled(
      [
        ['c1', 1, 1, 1],
        ['c2', 1, 1, 1],
      ],
      paper,
      (ws) => ws.mergeCells('B3:B4'),
    );
    expect((await parseScoresWorkbook(merged, paper)).errors).toEqual([{ row: 3, column: 'B', message: '不接受合并单元格（B3:B4），请取消合并' }]);
    const many = await filled(Array.from({ length: 6 }, (_, i) => [`c${i}`, 1, 1, 1]));
    expect((await parseScoresWorkbook(many, paper, { maxRows: 5 })).errors).toEqual([{ row: 0, column: '', message: '考生超过 5 人，请拆分文件分批导入' }]);
    expect((await parseScoresWorkbook(many, paper, { maxRows: 6 })).candidates).toHaveLength(6);
  });

  it('lists at most MAX_ERRORS errors and says how many more there are', async () => {
    const file = await filled(Array.from({ length: MAX_ERRORS + 2 }, (_, i) => [`c${i}`, 'x', 0, 0]));
    const { errors } = await parseScoresWorkbook(file, paper, { locale: 'en-US' });
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors.at(-1)).toEqual({ row: 0, column: '', message: '2 more errors not listed; fix these and import again' });
  });

  it('the errors go back into the user’s workbook as comments on their cells (the shared annotateWorkbook)', async () => {
    const file = await filled([['c1', 1, 1, 5]]);
    const { errors } = await parseScoresWorkbook(file, paper);
    const annotated = await load((await annotateWorkbook(file, errors))!);
    const ws = annotated.worksheets[0]!;
    expect(ws.name).toBe(SCORES_SHEET);
    expect(String(ws.getCell('D3').note)).toContain('超过本题满分 2 分');
    expect(ws.getCell('D3').value).toBe(5);
  });

  it('a 90-item paper with 500 candidates round-trips in reasonable time', async () => {
    const big: ScoresPaper = { ...paper, items: Array.from({ length: 90 }, (_, i) => ({ itemId: id(i + 1), points: i < 80 ? 1 : 2 })) };
    const rows = Array.from({ length: 500 }, (_, c) => [`c${c}`, ...big.items.map((it, k) => ((k + c) % 3 ? it.points : 0))]);
    const started = Date.now();
    const { candidates, errors } = await parseScoresWorkbook(await filled(rows, big), big);
    expect(errors).toEqual([]);
    expect(candidates).toHaveLength(500);
    expect(candidates[0]!.scores[id(90)]).toBe(2); // (89 + 0) % 3 ≠ 0: full marks
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
