import type { WorkloadReport } from '@skillcert/shared/api/supervision';
import ExcelJS from 'exceljs';

/** R15: the assessors' workload of a term as a workbook for 绩效 (performance pay): one row per 考评员, Chinese column titles. */
export const WORKLOAD_COLUMNS = [
  { header: '考评员证书编号', key: 'certificateNo', width: 20 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '平台账号', key: 'username', width: 22 },
  { header: '监考场次', key: 'sittingsInvigilated', width: 10 },
  { header: '考评场次', key: 'sittingsExamined', width: 10 },
  { header: '工作时长（小时）', key: 'hours', width: 16 },
  { header: '评分考生人次', key: 'candidatesMarked', width: 14 },
  { header: '评分题数', key: 'tasksMarked', width: 10 },
  { header: '仲裁裁定数', key: 'decisions', width: 12 },
] as const;

export async function workloadWorkbook(report: WorkloadReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skillcert';
  const ws = wb.addWorksheet('考评员工作量');
  ws.columns = WORKLOAD_COLUMNS.map((c) => ({ width: c.width }));
  const last = WORKLOAD_COLUMNS.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `考评员工作量统计（${report.label}）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = `统计期间：${report.from} 至 ${report.to}`;
  const header = ws.getRow(3);
  WORKLOAD_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
  });
  for (const r of report.rows) ws.addRow(WORKLOAD_COLUMNS.map((c) => r[c.key] ?? ''));
  const total = ws.addRow([
    '合计',
    '',
    '',
    ...(['sittingsInvigilated', 'sittingsExamined', 'hours', 'candidatesMarked', 'tasksMarked', 'decisions'] as const).map(
      (k) => Math.round(report.rows.reduce((s, r) => s + r[k], 0) * 100) / 100,
    ),
  ]);
  total.font = { bold: true };
  ws.getColumn(6).numFmt = '0.00';
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 0 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
