import type { Locale } from '../../context.ts';
import { message } from '../../http/messages.ts';

// What the enrolment workbook tells the user (its own texts; the row verdicts' reasons live in the one message
// catalog under ENROLMENT.*), zh-CN first. Every id has both languages with the same {params}.

const MESSAGES = {
  // --- The workbook (enrolments.excel) --------------------------------------------------------------------
  'excel.notXlsx': {
    'zh-CN': '不是 .xlsx 格式的 Excel 工作簿（请另存为“Excel 工作簿 (*.xlsx)”）',
    'en-US': 'not an .xlsx workbook (save it as Excel Workbook .xlsx)',
  },
  'excel.notTemplate': {
    'zh-CN': '不是报名导入模板：{column} 列的表头为“{found}”，应为“{expected}”（请重新下载模板）',
    'en-US': 'not the enrolment template: column {column} header is "{found}", expected "{expected}" (download the template again)',
  },
  'excel.tooManyRows': { 'zh-CN': '数据超过 {max} 行，请拆分文件', 'en-US': 'more than {max} data rows; split the file' },
  'excel.noRows': { 'zh-CN': '工作簿中没有考生数据', 'en-US': 'the workbook holds no candidate rows' },
  'excel.formula': { 'zh-CN': '不接受公式，请粘贴为数值', 'en-US': 'formulas are not accepted; paste values' },
} as const satisfies Record<string, Record<Locale, string>>;

/** The workbook's own texts here; the row verdicts' reasons are error codes (ENROLMENT.*) of the one message catalog. */
export type EnrolmentMessageId = keyof typeof MESSAGES | `ENROLMENT.${string}`;

export function enrolmentMessage(locale: Locale, id: EnrolmentMessageId, params: Record<string, string | number> = {}): string {
  if (!(id in MESSAGES)) return message(locale, id, params);
  const template: string = MESSAGES[id as keyof typeof MESSAGES][locale];
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}

const FIELD_NAMES: Record<string, Record<Locale, string>> = {
  name: { 'zh-CN': '姓名', 'en-US': 'name' },
  idType: { 'zh-CN': '证件类型', 'en-US': 'ID type' },
  idNumber: { 'zh-CN': '证件号码', 'en-US': 'ID number' },
  gender: { 'zh-CN': '性别', 'en-US': 'gender' },
  birthDate: { 'zh-CN': '出生日期', 'en-US': 'birth date' },
  category: { 'zh-CN': '考生类别', 'en-US': 'category' },
  schoolName: { 'zh-CN': '就读学校', 'en-US': 'school' },
  majorCode: { 'zh-CN': '专业', 'en-US': 'major' },
  className: { 'zh-CN': '班级', 'en-US': 'class' },
  graduatingYear: { 'zh-CN': '毕业年份', 'en-US': 'graduating year' },
  phone: { 'zh-CN': '联系电话', 'en-US': 'phone' },
  theory: { 'zh-CN': '理论知识', 'en-US': 'theory' },
  practical: { 'zh-CN': '操作技能', 'en-US': 'practical' },
  review: { 'zh-CN': '综合评审', 'en-US': 'comprehensive review' },
};
export const fieldName = (locale: Locale, field: string) => FIELD_NAMES[field]?.[locale] ?? field;

const LEVELS: Record<number, Record<Locale, string>> = {
  5: { 'zh-CN': '五级/初级工', 'en-US': 'level 5' },
  4: { 'zh-CN': '四级/中级工', 'en-US': 'level 4' },
  3: { 'zh-CN': '三级/高级工', 'en-US': 'level 3' },
  2: { 'zh-CN': '二级/技师', 'en-US': 'level 2' },
  1: { 'zh-CN': '一级/高级技师', 'en-US': 'level 1' },
};
export const levelName = (locale: Locale, level: number) => LEVELS[level]?.[locale] ?? String(level);

const SCHOOL_TYPES: Record<string, Record<Locale, string>> = {
  secondary_vocational: { 'zh-CN': '中职', 'en-US': 'secondary vocational' },
  technical: { 'zh-CN': '技工院校', 'en-US': 'technical school' },
  higher_vocational: { 'zh-CN': '高职专科', 'en-US': 'higher vocational' },
  vocational_bachelor: { 'zh-CN': '职业本科', 'en-US': 'vocational bachelor' },
  general_bachelor: { 'zh-CN': '普通本科', 'en-US': 'general bachelor' },
};
export const schoolTypeName = (locale: Locale, t: string) => SCHOOL_TYPES[t]?.[locale] ?? t;

const CATEGORIES: Record<string, Record<Locale, string>> = {
  own_student: { 'zh-CN': '本校学生', 'en-US': 'own students' },
  other_school_student: { 'zh-CN': '外校学生', 'en-US': 'other schools’ students' },
  society: { 'zh-CN': '社会人员', 'en-US': 'society' },
};
export const categoryName = (locale: Locale, c: string) => CATEGORIES[c]?.[locale] ?? c;

export const listJoin = (locale: Locale, xs: string[]) => xs.join(locale === 'zh-CN' ? '、' : ', ');

/** For the catalog test. */
export const enrolmentMessagesForTest: Readonly<Record<string, Record<Locale, string>>> = MESSAGES;
