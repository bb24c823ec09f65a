import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  annotateEnrolmentWorkbook,
  CANDIDATES_SHEET,
  candidatesWorkbook,
  columnOfField,
  enrolmentTemplateWorkbook,
  LISTS_SHEET,
  parseEnrolmentWorkbook,
} from './enrolments.excel.ts';

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('enrolment workbook', () => {
  it('the template offers dropdowns for ID type, gender, category, major, class and attempts — one validation per column', async () => {
    const wb = await load(await enrolmentTemplateWorkbook({ majors: [{ code: '460305', name: '工业机器人技术' }], classes: ['机器人2301'] }));
    const ws = wb.getWorksheet(CANDIDATES_SHEET)!;
    const lists = wb.getWorksheet(LISTS_SHEET)!;
    expect(lists.state).toBe('hidden');
    for (const field of ['idType', 'gender', 'category', 'majorCode', 'className', 'theory'] as const) {
      const v = ws.getCell(`${columnOfField(field)}5`).dataValidation;
      expect(v?.type, field).toBe('list');
    }
    expect(ws.getCell(`${columnOfField('name')}5`).dataValidation?.type).toBeUndefined();
    const values: string[] = [];
    lists.eachRow((r) => r.eachCell((c) => values.push(String(c.value))));
    expect(values).toEqual(expect.arrayContaining(['居民身份证', '社会人员-退役军人', '460305 工业机器人技术', '机器人2301', '补考']));
  });

  it('reads rows; unreadable cells are reported on their cell, the rest left to the rules', async () => {
    const file = await candidatesWorkbook([
      ['张三', '居民身份证', '310115200503121236', '', '', '本校学生', '', '460305 工业机器人技术', '机器人2301', '2026届', '13800138000', '', '补考', ''],
      ['李四', '身份证', '310115200503121244', '男人', '2005/3/12', '学生', '', '', '', 'next year', '', '重考', '', ''],
      ['王五', '护照', 'E12345678', '女', '2004-02-29', '社会人员-退役军人'],
    ]);
    const parsed = await parseEnrolmentWorkbook(file);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows).toHaveLength(3);
    expect(parsed.rows[0]).toMatchObject({
      row: 2,
      idType: 'resident_id',
      category: 'own_student',
      majorCode: '460305',
      graduatingYear: 2026,
      attempts: { practical: 'resit' },
    });
    expect(parsed.rows[2]).toMatchObject({ idType: 'passport', gender: 'female', birthDate: '2004-02-29', category: 'society', societyKind: 'veteran' });
    const problems = parsed.cellProblems.get(3)!.map((p) => `${columnOfField(p.field)}:${p.code}`);
    expect(problems).toEqual(['D:ENROLMENT.BAD_VALUE', 'F:ENROLMENT.BAD_VALUE', 'J:ENROLMENT.BAD_VALUE', 'L:ENROLMENT.BAD_VALUE']);
    expect(parsed.rows[1]!.birthDate).toBe('2005-03-12');
  });

  it('a file that is not the template, or not a workbook, is refused as a whole', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['题目ID id', 'x']);
    const other = await parseEnrolmentWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(other.fileErrors[0]).toContain('不是报名导入模板');
    expect((await parseEnrolmentWorkbook(Buffer.from('not a zip'))).fileErrors[0]).toContain('.xlsx');
    expect((await parseEnrolmentWorkbook(await candidatesWorkbook([]))).fileErrors[0]).toContain('没有考生数据');
  });

  it('the returned workbook carries each refusal as a comment (批注) on its cell', async () => {
    const file = await candidatesWorkbook([['张三', '居民身份证', '310115200503121230', '', '', '本校学生']]);
    const annotated = await annotateEnrolmentWorkbook(file, [{ row: 2, column: 'C', message: '身份证号码校验码错误' }]);
    const ws = (await load(annotated!)).getWorksheet(CANDIDATES_SHEET)!;
    expect(JSON.stringify(ws.getCell('C2').note)).toContain('身份证号码校验码错误');
    expect(ws.getCell('A2').value).toBe('张三');
  });
});
