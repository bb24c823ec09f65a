import type { LedgerPart } from '@skillcert/shared/api/ledger';
import type { Role } from '@skillcert/shared/domain';

/** The longest period a ledger covers (R14 ledgers are kept per year; three years at most in one read or export). */
export const MAX_LEDGER_DAYS = 3 * 366;

/**
 * Who sees whole ID numbers in the ledger's Excel (R14; DOMAIN §11 never shows them to the public):
 * the school's own offices (they hold identity.reveal for their candidates) and HR (the supervising bureau, which
 * receives certificate data with ID numbers for the national upload). Education bureaus, the platform admin and
 * everyone else get masked numbers. On screen they are always masked.
 */
export function mayReadWholeIdNumbers(reader: { role: Role; orgKind: string }): boolean {
  if (reader.role === 'school_admin' || reader.role === 'school_staff') return reader.orgKind === 'school';
  return reader.role === 'hr' && reader.orgKind === 'hr_bureau';
}

/** The period: both ends given, or the calendar year of `today`; refused when inverted or longer than MAX_LEDGER_DAYS. */
export function ledgerPeriod(
  q: { from?: string | undefined; to?: string | undefined },
  today: string,
): { ok: true; from: string; to: string } | { ok: false; code: 'LEDGER.RANGE_TOO_LONG' | 'VALIDATION.FAILED' } {
  const year = today.slice(0, 4);
  const from = q.from ?? (q.to ? `${q.to.slice(0, 4)}-01-01` : `${year}-01-01`);
  const to = q.to ?? (q.from ? `${q.from.slice(0, 4)}-12-31` : `${year}-12-31`);
  if (to < from) return { ok: false, code: 'VALIDATION.FAILED' };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_LEDGER_DAYS) return { ok: false, code: 'LEDGER.RANGE_TOO_LONG' };
  return { ok: true, from, to };
}

/** The sheet of each part: its Chinese name and columns (key in the row, Chinese title), in the layout bureaus file. */
export const LEDGER_SHEETS: Record<LedgerPart, { sheet: string; columns: readonly { key: string; title: string; width?: number }[] }> = {
  plans: {
    sheet: '认定计划',
    columns: [
      { key: 'institution', title: '评价机构', width: 28 },
      { key: 'title', title: '计划名称', width: 36 },
      { key: 'occupation', title: '职业（工种）', width: 20 },
      { key: 'occupationCode', title: '职业编码', width: 14 },
      { key: 'level', title: '等级', width: 8 },
      { key: 'method', title: '评价方式', width: 10 },
      { key: 'status', title: '状态', width: 12 },
      { key: 'capacity', title: '计划人数', width: 10 },
      { key: 'enrolled', title: '报名人数', width: 10 },
      { key: 'planDay', title: '考核日期', width: 12 },
      { key: 'acknowledgedAt', title: '备案时间', width: 18 },
    ],
  },
  candidates: {
    sheet: '考生',
    columns: [
      { key: 'institution', title: '评价机构', width: 28 },
      { key: 'plan', title: '认定计划', width: 36 },
      { key: 'name', title: '姓名', width: 10 },
      { key: 'idNumber', title: '证件号码', width: 22 },
      { key: 'gender', title: '性别', width: 6 },
      { key: 'category', title: '考生来源', width: 14 },
      { key: 'major', title: '专业', width: 18 },
      { key: 'className', title: '班级', width: 14 },
      { key: 'graduatingYear', title: '毕业年份', width: 10 },
      { key: 'status', title: '报名状态', width: 10 },
    ],
  },
  marks: {
    sheet: '评分记录',
    columns: [
      { key: 'plan', title: '认定计划', width: 36 },
      { key: 'name', title: '考生姓名', width: 10 },
      { key: 'part', title: '考核科目', width: 10 },
      { key: 'item', title: '试题', width: 30 },
      { key: 'examiner', title: '考评员', width: 20 },
      { key: 'round', title: '评分轮次', width: 10 },
      { key: 'score', title: '得分', width: 8 },
      { key: 'source', title: '评分方式', width: 10 },
      { key: 'at', title: '评分时间', width: 18 },
    ],
  },
  results: {
    sheet: '认定结果',
    columns: [
      { key: 'plan', title: '认定计划', width: 36 },
      { key: 'name', title: '姓名', width: 10 },
      { key: 'idNumber', title: '证件号码', width: 22 },
      { key: 'part', title: '考核科目', width: 10 },
      { key: 'score', title: '成绩', width: 8 },
      { key: 'passMark', title: '合格线', width: 8 },
      { key: 'verdict', title: '结论', width: 8 },
      { key: 'substituted', title: '课程成绩替代', width: 12 },
    ],
  },
  certificates: {
    sheet: '证书',
    columns: [
      { key: 'number', title: '证书编号', width: 24 },
      { key: 'name', title: '姓名', width: 10 },
      { key: 'idNumber', title: '证件号码', width: 22 },
      { key: 'occupation', title: '职业（工种）', width: 20 },
      { key: 'level', title: '等级', width: 8 },
      { key: 'issuedOn', title: '发证日期', width: 12 },
      { key: 'status', title: '状态', width: 8 },
      { key: 'plan', title: '认定计划', width: 36 },
      { key: 'issuer', title: '发证机构', width: 28 },
    ],
  },
  examiners: {
    sheet: '考评人员',
    columns: [
      { key: 'plan', title: '认定计划', width: 36 },
      { key: 'sitting', title: '场次', width: 18 },
      { key: 'room', title: '考场', width: 14 },
      { key: 'role', title: '职责', width: 12 },
      { key: 'name', title: '姓名', width: 10 },
      { key: 'certificateNo', title: '考评员证号', width: 22 },
    ],
  },
  supervisors: {
    sheet: '质量督导',
    columns: [
      { key: 'plan', title: '认定计划', width: 36 },
      { key: 'name', title: '督导员', width: 16 },
      { key: 'bureau', title: '派出单位', width: 28 },
      { key: 'assignedAt', title: '指派时间', width: 18 },
      { key: 'reports', title: '督导报告数', width: 10 },
    ],
  },
  objections: {
    sheet: '公示异议',
    columns: [
      { key: 'plan', title: '认定计划', width: 36 },
      { key: 'trackingCode', title: '查询码', width: 14 },
      { key: 'status', title: '状态', width: 10 },
      { key: 'text', title: '异议内容', width: 40 },
      { key: 'answer', title: '答复', width: 40 },
      { key: 'createdAt', title: '提出时间', width: 18 },
      { key: 'answeredAt', title: '答复时间', width: 18 },
    ],
  },
  complaints: {
    sheet: '投诉',
    columns: [
      { key: 'institution', title: '评价机构', width: 28 },
      { key: 'trackingCode', title: '查询码', width: 14 },
      { key: 'status', title: '状态', width: 10 },
      { key: 'matter', title: '投诉事项', width: 40 },
      { key: 'answer', title: '答复', width: 40 },
      { key: 'createdAt', title: '投诉时间', width: 18 },
      { key: 'answeredAt', title: '答复时间', width: 18 },
    ],
  },
};
