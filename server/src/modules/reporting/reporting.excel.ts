import type { NationalRecord } from '@skillcert/shared/api/reporting';
import ExcelJS from 'exceljs';
import { loadUploadedWorkbook, readCell } from '../../lib/xlsx.ts';

// Workbooks of the reporting module: the plan's 认定结果汇总表 sent with a batch, the national upload file (Chinese
// column titles, frozen header) and the reader of the national platform's answer file (through the bounded reader).

function sheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: (string | number | null)[][], width = 16): void {
  const ws = wb.addWorksheet(name);
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => {
    c.width = width;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export const SUMMARY_HEADERS = [
  '序号',
  '证书编号',
  '姓名',
  '证件号码',
  '职业（工种）',
  '等级',
  '理论知识',
  '操作技能',
  '过程考核',
  '综合评审',
  '认定结果',
  '发证日期',
];

/** 认定结果汇总表: one line per certificate of the batch (ID numbers masked), the plan and institution on top. */
export async function summaryWorkbook(title: string, rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheet(wb, '认定结果汇总表', SUMMARY_HEADERS, rows);
  wb.title = title;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const NATIONAL_HEADERS = [
  '证书编号',
  '姓名',
  '证件类型',
  '证件号码',
  '性别',
  '职业编码',
  '职业名称',
  '工种/职业方向',
  '等级',
  '评价机构名称',
  '评价机构代码',
  '发证日期',
  '认定计划',
  '理论知识成绩',
  '操作技能成绩',
  '过程考核成绩',
  '综合评审成绩',
  '证书状态',
] as const;

const GENDER: Record<string, string> = { male: '男', female: '女' };

export function nationalRow(r: NationalRecord, idTypeName: string): (string | number | null)[] {
  return [
    r.number,
    r.name,
    idTypeName,
    r.idNumber,
    r.gender ? (GENDER[r.gender] ?? r.gender) : '',
    r.occupationCode ?? '',
    r.occupationName,
    r.workType,
    r.levelText,
    r.institutionName,
    r.institutionCode ?? '',
    r.issuedOn,
    r.plan ?? '',
    r.scores.theory,
    r.scores.practical,
    r.scores.process,
    r.scores.review,
    r.certificateStatus === 'revoked' ? '已撤销' : '有效',
  ];
}

/** The national upload file: 全国联网上报 sheet, Chinese column titles, header frozen; ID numbers as text. */
export async function nationalWorkbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheet(wb, '证书信息上报', [...NATIONAL_HEADERS], rows, 18);
  const ws = wb.worksheets[0]!;
  ws.getColumn(1).width = 26;
  ws.getColumn(4).width = 22;
  ws.getColumn(4).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const MAX_ANSWER_ROWS = 20_000;

export interface AnswerLine {
  row: number;
  number: string;
  outcome: string;
  reason: string;
}

export type AnswerFile = { ok: true; lines: AnswerLine[] } | { ok: false; error: 'unreadable' | 'too_large' | 'columns' | 'too_many_rows' };

const NUMBER_HEADERS = ['证书编号', 'number', 'certificate number'];
const OUTCOME_HEADERS = ['结果', '核验结果', 'outcome', 'result', 'status'];
const REASON_HEADERS = ['原因', '退回原因', 'reason'];

function headerIndex(headers: string[], names: string[]): number {
  return headers.findIndex((h) => names.some((n) => h.toLowerCase().includes(n.toLowerCase())));
}

/** The answer file as an .xlsx: columns found by their titles (证书编号 / 结果 / 原因 or number / outcome / reason). */
async function readAnswerWorkbook(file: Buffer): Promise<AnswerFile> {
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return { ok: false, error: load.reason };
  const ws = load.wb.worksheets[0];
  if (!ws) return { ok: false, error: 'columns' };
  const header = ws.getRow(1);
  const headers = Array.from({ length: Math.min(header.cellCount, 50) }, (_, i) => readCell(header.getCell(i + 1).value).text);
  const n = headerIndex(headers, NUMBER_HEADERS);
  const o = headerIndex(headers, OUTCOME_HEADERS);
  const r = headerIndex(headers, REASON_HEADERS);
  if (n < 0 || o < 0) return { ok: false, error: 'columns' };
  if (ws.rowCount - 1 > MAX_ANSWER_ROWS) return { ok: false, error: 'too_many_rows' };
  const lines: AnswerLine[] = [];
  ws.eachRow((row, i) => {
    if (i === 1) return;
    const cell = (c: number) => (c < 0 ? '' : readCell(row.getCell(c + 1).value).text);
    const line = { row: i, number: cell(n).toUpperCase(), outcome: cell(o), reason: cell(r) };
    if (line.number || line.outcome || line.reason) lines.push(line);
  });
  return { ok: true, lines };
}

/** The answer file as JSON: an array of { number, outcome | result | status, reason } (or { items: [...] }). */
function readAnswerJson(file: Buffer): AnswerFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.toString('utf8'));
  } catch {
    return { ok: false, error: 'unreadable' };
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object' && Array.isArray((parsed as { items?: unknown }).items)
      ? (parsed as { items: unknown[] }).items
      : null;
  if (!list) return { ok: false, error: 'columns' };
  if (list.length > MAX_ANSWER_ROWS) return { ok: false, error: 'too_many_rows' };
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  return {
    ok: true,
    lines: list.map((item, i) => {
      const o = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      return { row: i + 1, number: text(o.number).toUpperCase(), outcome: text(o.outcome ?? o.result ?? o.status), reason: text(o.reason) };
    }),
  };
}

/** An .xlsx (a zip: starts with PK) or JSON. */
export async function readAnswerFile(file: Buffer): Promise<AnswerFile> {
  if (file.length >= 2 && file[0] === 0x50 && file[1] === 0x4b) return readAnswerWorkbook(file);
  return readAnswerJson(file);
}

/** 通过 / accepted → accepted; 退回 / 不通过 / rejected → rejected; anything else is not an answer. */
export function answerOutcome(text: string): 'accepted' | 'rejected' | null {
  const t = text.trim().toLowerCase();
  if (['accepted', 'accept', '通过', '已通过', '接收', '成功'].includes(t)) return 'accepted';
  if (['rejected', 'reject', '退回', '不通过', '未通过', '驳回', '失败'].includes(t)) return 'rejected';
  return null;
}
