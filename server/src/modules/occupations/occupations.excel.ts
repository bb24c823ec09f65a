import { issueText, validationText } from '@skillcert/shared/validation-messages';
import ExcelJS from 'exceljs';
import { archiveRefusalMessage } from '../../lib/archive.ts';
import { columnLetter, loadUploadedWorkbook, readCell } from '../../lib/xlsx.ts';
import { zhIssueMessage } from '../../lib/zod-zh.ts';
import type { Locale } from '../../context.ts';
import { OccupationBody } from '@skillcert/shared/api/occupations';
import type { ImportReport } from '@skillcert/shared/api/occupations';

/** The columns of the occupation import template, in order. */
export const COLUMNS = [
  { key: 'code', header: '职业编码 code', width: 14 },
  { key: 'name', header: '职业名称 name', width: 24 },
  { key: 'nameEn', header: '英文名称 English name', width: 30 },
  { key: 'levels', header: '等级 levels (5,4,3,2,1)', width: 22 },
  { key: 'standardYear', header: '国家标准年份 standard year', width: 22 },
  { key: 'standardCode', header: '标准编号 standard code', width: 22 },
  { key: 'workTypes', header: '工种 work types (；分隔)', width: 30 },
] as const;

const LEVEL_WORDS: Record<string, number> = { 五级: 5, 四级: 4, 三级: 3, 二级: 2, 一级: 1 };

export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('occupations');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ code: '6-31-01-03', name: '电工', nameEn: 'Electrician', levels: '5,4,3,2,1', standardYear: 2018, standardCode: null, workTypes: null });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Parses every row; returns the valid bodies only when no row has an error (all or nothing). */
export async function parseOccupationWorkbook(
  file: Buffer,
  locale: Locale,
): Promise<{ rows: OccupationBody[]; rowNumbers: number[]; errors: ImportReport['errors'] }> {
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) {
    const message = load.reason === 'too_large' ? archiveRefusalMessage(load.refusal, locale) : validationText(locale, 'valid.import.notWorkbook');
    return { rows: [], rowNumbers: [], errors: [{ row: 0, column: '', message }] };
  }
  const wb = load.wb;
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], rowNumbers: [], errors: [{ row: 0, column: '', message: validationText(locale, 'valid.import.noSheet') }] };
  const header = COLUMNS.map((_, i) => readCell(ws.getRow(1).getCell(i + 1).value).text);
  if (header[0] !== COLUMNS[0].header || header[1] !== COLUMNS[1].header) {
    return { rows: [], rowNumbers: [], errors: [{ row: 1, column: 'A', message: validationText(locale, 'valid.import.notOccupationTemplate') }] };
  }
  const rows: OccupationBody[] = [];
  const rowNumbers: number[] = [];
  const errors: ImportReport['errors'] = [];
  const seen = new Map<string, number>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = COLUMNS.map((_, i) => readCell(row.getCell(i + 1).value));
    if (cells.every((c) => c.text === '' && !c.formula)) return;
    const col = (i: number) => columnLetter(i + 1);
    cells.forEach((c, i) => c.formula && errors.push({ row: n, column: col(i), message: validationText(locale, 'valid.import.formula') }));
    const levels = cells[3]!.text
      .split(/[,，、;；\s]+/)
      .filter(Boolean)
      .map((l) => LEVEL_WORDS[l] ?? Number(l));
    const candidate = {
      code: cells[0]!.text,
      name: cells[1]!.text,
      nameEn: cells[2]!.text || null,
      levels,
      standardYear: cells[4]!.text ? Number(cells[4]!.text) : null,
      standardCode: cells[5]!.text || null,
      workTypes: cells[6]!.text
        ? cells[6]!.text
            .split(/[;；]/)
            .map((w) => w.trim())
            .filter(Boolean)
        : [],
    };
    const parsed = OccupationBody.safeParse(candidate, locale === 'zh-CN' ? { error: zhIssueMessage } : undefined);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const idx = Math.max(
          0,
          COLUMNS.findIndex((c) => c.key === key),
        );
        errors.push({ row: n, column: col(idx), message: issueText(locale, issue) });
      }
      return;
    }
    const first = seen.get(parsed.data.code);
    if (first) {
      errors.push({ row: n, column: 'A', message: validationText(locale, 'valid.import.duplicateRow', { first }) });
      return;
    }
    seen.set(parsed.data.code, n);
    rows.push(parsed.data);
    rowNumbers.push(n);
  });
  return errors.length ? { rows: [], rowNumbers: [], errors } : { rows, rowNumbers, errors };
}
