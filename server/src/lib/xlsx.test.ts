import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadUploadedWorkbook, MAX_XLSX_UNCOMPRESSED } from './xlsx.ts';

describe('uploaded workbooks', () => {
  it('loads a real .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['题干']);
    const loaded = await loadUploadedWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(typeof loaded).toBe('object');
  });

  it('refuses a zip whose parts unpack beyond the limit before inflating it (zip bomb)', async () => {
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(MAX_XLSX_UNCOMPRESSED + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await loadUploadedWorkbook(Buffer.from(bomb))).toBe('too_large');
  });

  it('calls anything else unreadable', async () => {
    expect(await loadUploadedWorkbook(Buffer.from('姓名,分数\n张三,90'))).toBe('unreadable');
  });
});
