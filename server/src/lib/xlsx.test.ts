import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rawZip, zeroBomb } from '../../test/helpers/zip-bombs.ts';
import { columnLetter, columnNumber, compactDataValidations, loadUploadedWorkbook, MAX_XLSX_UNCOMPRESSED, readCell, type WithValidations } from './xlsx.ts';

describe('uploaded workbooks', () => {
  it('loads a real .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['题干']);
    const loaded = await loadUploadedWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(loaded.ok && loaded.wb.worksheets[0]?.getCell('A1').value).toBe('题干');
  });

  it('refuses a zip whose parts unpack beyond the limit before inflating it (zip bomb)', async () => {
    const size = MAX_XLSX_UNCOMPRESSED + 8 * 1024 * 1024;
    const bomb = rawZip([{ name: 'xl/worksheets/sheet1.xml', method: 8, data: zeroBomb(size / 1024 / 1024), declaredSize: size }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await loadUploadedWorkbook(Buffer.from(bomb))).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('refuses a workbook whose headers declare small parts that really inflate to 1 GB, before exceljs sees it', async () => {
    const bomb = rawZip([{ name: 'xl/worksheets/sheet1.xml', method: 8, data: zeroBomb(1024), declaredSize: 2048 }]);
    expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);
    expect(await loadUploadedWorkbook(Buffer.from(bomb))).toEqual({ ok: false, reason: 'too_large', refusal: { reason: 'ratio', limit: 300 } });
  });

  it('calls anything else unreadable', async () => {
    expect(await loadUploadedWorkbook(Buffer.from('姓名,分数\n张三,90'))).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('calls a zip without xl/workbook.xml unreadable (exceljs loads it as a shell that throws when written back)', async () => {
    const notAWorkbook = rawZip([{ name: 'photo.jpg', method: 0, data: new Uint8Array([1, 2, 3]), declaredSize: 3 }]);
    expect(await loadUploadedWorkbook(Buffer.from(notAWorkbook))).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('reading cells', () => {
  it('names columns past Z as Excel does', () => {
    expect([1, 26, 27, 52, 53, 91, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'CM', 'ZZ', 'AAA']);
  });

  it('reads text, numbers, rich text and flags formulas without evaluating them', () => {
    expect(readCell(' 题干 ')).toEqual({ text: '题干', number: null, formula: false });
    expect(readCell(2.5)).toEqual({ text: '2.5', number: 2.5, formula: false });
    expect(readCell({ richText: [{ text: '甲\r\n' }, { text: '乙' }] })).toEqual({ text: '甲\n乙', number: null, formula: false });
    expect(readCell({ formula: 'A1+1', result: 2 })).toEqual({ text: '', number: null, formula: true });
  });
});

describe('data validations of a loaded workbook', () => {
  it('puts each loaded range back as one rectangle; scattered cells stay as they are', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    const list: ExcelJS.DataValidation = { type: 'list', allowBlank: true, formulae: ['"a,b"'] };
    (ws as unknown as WithValidations).dataValidations.add('B2:C300', list);
    ws.getCell('E5').dataValidation = { type: 'whole', operator: 'between', formulae: [0, 9] };
    ws.getCell('E9').dataValidation = { type: 'whole', operator: 'between', formulae: [0, 9] };
    const loaded = await loadUploadedWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    if (!loaded.ok) throw new Error('not loaded');
    const sheet = loaded.wb.worksheets[0]!;
    const model = (sheet as unknown as WithValidations).dataValidations.model;
    expect(Object.keys(model).length).toBe(2 * 299 + 2); // exceljs reads a range as one entry per cell
    compactDataValidations(sheet);
    expect(Object.keys(model).sort()).toEqual(['B2:C300', 'E5', 'E9']);
  });

  it('reads column letters back as numbers', () => {
    expect([columnNumber('A'), columnNumber('Z'), columnNumber('AA'), columnNumber('XFD')]).toEqual([1, 26, 27, 16384]);
  });
});
