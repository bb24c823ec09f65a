import type { Dashboard } from '@skillcert/shared/api/statistics';
import ExcelJS from 'exceljs';

/** Sheet titles: each chart of a dashboard is one list of rows in its figures. */
const SHEETS: Record<string, string> = {
  byMonth: '按月份',
  byOccupation: '按职业',
  byLevel: '按等级',
  byInstitution: '按机构',
  byKind: '按证书类型',
  byPart: '按考核科目',
  byRegion: '按地区',
  schools: '专业覆盖率',
  unfiled: '未备案学校',
  rows: '明细',
};

/** Chinese column titles of the fields the dashboards return. */
const COLUMNS: Record<string, string> = {
  month: '月份',
  count: '数量',
  code: '代码',
  name: '名称',
  level: '等级',
  orgId: '机构编号',
  kind: '类型',
  part: '考核科目',
  sat: '参考人次',
  passed: '合格人次',
  rate: '合格率',
  regionCode: '行政区划代码',
  regionName: '地区',
  amount: '金额（元）',
  schools: '学校数',
  filed: '已备案数',
  share: '比例',
  majors: '专业数',
  coveredByScope: '本校备案范围覆盖',
  coveredByExternal: '外部证书覆盖',
  covered: '已覆盖专业数',
  target: '目标',
  meets: '是否达标',
  ours: '本平台证书',
  external: '其他渠道证书',
  total: '合计',
  holders: '持证人数',
};

const TITLES: Record<Dashboard, string> = {
  certificates: '证书统计',
  'pass-rates': '合格率统计',
  subsidies: '补贴发放统计',
  coverage: '专业覆盖率（R13）',
  'filing-coverage': '备案覆盖率（R13）',
  'one-plus-x': '1+X 证书统计（R12）',
  talent: '技能人才统计（R11）',
};

type Cell = string | number | boolean | null;

function flat(row: Record<string, unknown>): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [k, v] of Object.entries(row)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v as Cell;
  return out;
}

/** One sheet per chart (list of rows), Chinese column titles, frozen header; the summary figures on the first sheet. */
export async function statisticsWorkbook(dashboard: Dashboard, data: unknown): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skillcert';
  const record = data as Record<string, unknown>;
  const summary = wb.addWorksheet('概况');
  summary.columns = [{ width: 24 }, { width: 40 }];
  summary.addRow([TITLES[dashboard]]).font = { bold: true, size: 14 };
  for (const [k, v] of Object.entries(flat(record))) summary.addRow([COLUMNS[k] ?? k, v === true ? '是' : v === false ? '否' : v]);
  for (const [key, value] of Object.entries(record)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const rows = (value as Record<string, unknown>[]).map(flat);
    const fields = Object.keys(rows[0] ?? {});
    const ws = wb.addWorksheet(SHEETS[key] ?? key);
    ws.columns = fields.map((f) => ({ header: COLUMNS[f] ?? f, key: f, width: Math.max(10, (COLUMNS[f] ?? f).length * 2 + 4) }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(fields.map((f) => (r[f] === true ? '是' : r[f] === false ? '否' : (r[f] ?? ''))));
    ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
