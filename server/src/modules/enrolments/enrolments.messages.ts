import type { Locale } from '../../context.ts';

// What enrolment tells the user: each row verdict's reasons (the import preview, the returned workbook's 批注, a
// refusal of one candidate), photo reports, zh-CN first. Every id has both languages with the same {params}.

const MESSAGES = {
  // --- Row verdicts (enrolments.rules) ------------------------------------------------------------------------
  'ENROLMENT.REQUIRED': { 'zh-CN': '必填：{field}', 'en-US': 'required: {field}' },
  'ENROLMENT.NAME_FORMAT': { 'zh-CN': '姓名过长或含有不可用字符', 'en-US': 'the name is too long or holds characters that cannot be used' },
  'ENROLMENT.ID_LENGTH': { 'zh-CN': '身份证号码应为 18 位（GB 11643），此处为 {length} 位', 'en-US': 'an ID number has 18 characters (GB 11643); this one has {length}' },
  'ENROLMENT.ID_FORMAT': { 'zh-CN': '身份证号码应为 17 位数字加 1 位数字或 X（GB 11643）', 'en-US': 'an ID number is 17 digits and a digit or X (GB 11643)' },
  'ENROLMENT.ID_REGION': { 'zh-CN': '身份证号码前两位 {prefix} 不是省级行政区划代码（GB 11643）', 'en-US': 'the ID number starts with {prefix}, not a province code (GB 11643)' },
  'ENROLMENT.ID_BIRTH_DATE': { 'zh-CN': '身份证号码中的出生日期 {date} 不存在或不合理（GB 11643）', 'en-US': 'the birth date {date} in the ID number is impossible (GB 11643)' },
  'ENROLMENT.ID_CHECK_CHAR': { 'zh-CN': '身份证号码校验码错误：末位应为 {expected}，填写的是 {found}（GB 11643）', 'en-US': 'wrong check character: the last character should be {expected}, not {found} (GB 11643)' },
  'ENROLMENT.ID_OTHER_FORMAT': { 'zh-CN': '证件号码应为 5–30 位字母、数字或连字符', 'en-US': 'the document number should be 5–30 letters, digits or hyphens' },
  'ENROLMENT.GENDER_MISMATCH': { 'zh-CN': '性别“{given}”与身份证号码（{derived}）不符（GB 11643 第 17 位）', 'en-US': 'gender "{given}" contradicts the ID number ({derived}; GB 11643 17th digit)' },
  'ENROLMENT.BIRTH_DATE_MISMATCH': { 'zh-CN': '出生日期 {given} 与身份证号码（{derived}）不符', 'en-US': 'birth date {given} contradicts the ID number ({derived})' },
  'ENROLMENT.BAD_VALUE': { 'zh-CN': '{field}“{value}”无法识别', 'en-US': '{field} "{value}" is not recognised' },
  'ENROLMENT.SOURCE_NOT_ALLOWED': {
    'zh-CN': '本计划不招收“{category}”（R2：招收范围为 {allowed}）',
    'en-US': 'this plan does not take "{category}" candidates (R2: it takes {allowed})',
  },
  'ENROLMENT.NOT_GRADUATING_YEAR': {
    'zh-CN': '须为毕业学年学生（R2）：本计划首场考试属 {year} 届，该生为 {given} 届',
    'en-US': 'graduating-year students only (R2): the first sitting falls in the class of {year}, this student is class of {given}',
  },
  'ENROLMENT.NOT_ENROLLED': {
    'zh-CN': '须为在校生（R2）：该生 {given} 年已毕业，本计划首场考试在 {date}',
    'en-US': 'enrolled students only (R2): this student graduated in {given}, the first sitting is on {date}',
  },
  'ENROLMENT.MAJOR_UNKNOWN': { 'zh-CN': '本校没有专业“{major}”', 'en-US': 'the school has no major "{major}"' },
  'ENROLMENT.MAJOR_NOT_MAPPED': {
    'zh-CN': '专业“{major}”与职业“{occupation}”没有对应关系，不能报考',
    'en-US': 'major "{major}" is not mapped to the occupation "{occupation}"',
  },
  'ENROLMENT.LEVEL_CAP': {
    'zh-CN': '{schoolType}学生只能报考 {allowed}，本计划为 {level}（R3）',
    'en-US': '{schoolType} students may sit {allowed} only; this plan is {level} (R3)',
  },
  'ENROLMENT.IN_SCHOOL_MAX': {
    'zh-CN': '在校生最高只能报考 {max}，本计划为 {level}（R3）',
    'en-US': 'in-school students sit at most {max}; this plan is {level} (R3)',
  },
  'ENROLMENT.DUPLICATE_IN_FILE': { 'zh-CN': '与第 {first} 行是同一考生（证件号码相同）', 'en-US': 'the same candidate as row {first} (same ID number)' },
  'ENROLMENT.ALREADY_ENROLLED': { 'zh-CN': '该考生已报名本计划', 'en-US': 'this candidate is already enrolled in the plan' },
  'ENROLMENT.CERTIFICATE_HELD': { 'zh-CN': '该考生已持有本职业 {level} 证书，不能重复报考', 'en-US': 'this candidate already holds the certificate of this occupation at {level}' },
  'ENROLMENT.CAPACITY': { 'zh-CN': '超出本计划可容纳人数 {capacity}', 'en-US': 'beyond the plan’s capacity of {capacity}' },
  'ENROLMENT.PHONE_FORMAT': { 'zh-CN': '联系电话格式不正确', 'en-US': 'the phone number is not well formed' },
  'ENROLMENT.PART_NOT_IN_PLAN': { 'zh-CN': '本计划没有“{part}”部分', 'en-US': 'the plan has no "{part}" part' },
  'ENROLMENT.FIELD': { 'zh-CN': '{field}：{issue}', 'en-US': '{field}: {issue}' },

  // --- The workbook (enrolments.excel) --------------------------------------------------------------------
  'excel.notXlsx': { 'zh-CN': '不是 .xlsx 格式的 Excel 工作簿（请另存为“Excel 工作簿 (*.xlsx)”）', 'en-US': 'not an .xlsx workbook (save it as Excel Workbook .xlsx)' },
  'excel.notTemplate': {
    'zh-CN': '不是报名导入模板：{column} 列的表头为“{found}”，应为“{expected}”（请重新下载模板）',
    'en-US': 'not the enrolment template: column {column} header is "{found}", expected "{expected}" (download the template again)',
  },
  'excel.tooManyRows': { 'zh-CN': '数据超过 {max} 行，请拆分文件', 'en-US': 'more than {max} data rows; split the file' },
  'excel.noRows': { 'zh-CN': '工作簿中没有考生数据', 'en-US': 'the workbook holds no candidate rows' },
  'excel.formula': { 'zh-CN': '不接受公式，请粘贴为数值', 'en-US': 'formulas are not accepted; paste values' },

} as const satisfies Record<string, Record<Locale, string>>;

export type EnrolmentMessageId = keyof typeof MESSAGES;

export function enrolmentMessage(locale: Locale, id: EnrolmentMessageId, params: Record<string, string | number> = {}): string {
  const template: string = MESSAGES[id][locale];
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
