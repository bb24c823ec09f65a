import { z } from 'zod';
import { zhIssueMessage } from '../lib/zod-zh.ts';

/** User-facing error messages, zh-CN first. Keys are the stable error codes. */
type Catalog = Record<string, string>;

const zhCN: Catalog = {
  'VALIDATION.FAILED': '请求内容有误，请检查标出的字段',
  'REQUEST.BAD_JSON': '请求体不是合法的 JSON',
  'REQUEST.BODY_TOO_LARGE': '请求体过大',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': '不支持的内容类型，请以 JSON 提交',
  'REQUEST.INVALID': '请求无效',
  'AUTH.UNAUTHENTICATED': '请先登录',
  'AUTH.INVALID_CREDENTIALS': '用户名或密码错误',
  'AUTH.THROTTLED': '登录失败次数过多，请 {seconds} 秒后再试',
  'AUTH.WRONG_PASSWORD': '当前密码不正确',
  'AUTH.SAME_PASSWORD': '新密码不能与当前密码相同',
  'ACCESS.DENIED': '没有执行此操作的权限',
  'ACCESS.CSRF': '跨站请求被拒绝',
  NOT_FOUND: '未找到{what}',
  'ROUTE.NOT_FOUND': '接口不存在',
  'ORG.CREDIT_CODE_CHECK': '统一社会信用代码校验位不正确；如确认无误，可由审核人员勾选“确认使用该代码”后提交',
  'ORG.CREDIT_CODE_FORMAT': '统一社会信用代码格式不正确（18 位，不含 I、O、S、V、Z）',
  'ORG.CREDIT_CODE_TAKEN': '该统一社会信用代码已被其他机构使用',
  'ORG.NAME_TAKEN': '机构名称已存在',
  'ORG.REGION_UNKNOWN': '行政区划代码不存在',
  'ORG.REGION_OUT_OF_SCOPE': '该行政区划不在您的管辖范围内',
  'ORG.SCHOOL_TYPE_REQUIRED': '学校必须填写办学类型',
  'ORG.SCHOOL_FIELDS_ONLY': '办学类型和贯通培养只适用于学校',
  'ORG.KIND_IMMUTABLE': '机构类型创建后不能修改',
  'ORG.MAJOR_TAKEN': '该专业代码已存在',
  'ORG.MAJORS_SCHOOL_ONLY': '只有学校可以设置专业',
  'USER.USERNAME_TAKEN': '用户名已存在',
  'USER.ROLE_ORG_MISMATCH': '该角色不能属于此类机构',
  'USER.SELF_LOCKOUT': '不能修改自己的角色或停用自己的账号',
  'SERVER.ERROR': '服务器内部错误，请稍后再试',
  'ATTACHMENT.TOO_LARGE': '附件超过 10 MiB',
  'ATTACHMENT.UNKNOWN': '附件不存在或不属于本机构',
  'FILING.ALREADY_LISTED': '本机构已列入目录，请通过“增设”申请扩大范围',
  'FILING.ASSESSMENT_REQUIRED': '尚无通过的技术评估评分，不能上报',
  'FILING.ASSESSMENT_SHEET_REQUIRED': '请填写技术评估专家组评分表',
  'FILING.DUPLICATE_LINE': '备案范围中有重复的职业（工种）和等级',
  'FILING.INCOMPLETE': '申请材料不完整，请补全后再提交',
  'FILING.KIND_MISMATCH': '机构类别与申请不一致',
  'FILING.LEVEL_NOT_OFFERED': '该职业的国家职业技能标准没有此等级',
  'FILING.NOT_EDITABLE': '只有草稿或退回的申请可以修改',
  'FILING.NOT_ELIGIBLE': '不符合备案条件（{rule}），请查看未通过的条件',
  'FILING.NOT_EXPIRED': '备案尚在有效期内，不能置为到期',
  'FILING.NOT_YOUR_STEP': '此环节不由您所在的部门办理',
  'FILING.OPEN_EXISTS': '已有一份未办结的同类申请',
  'FILING.REASON_REQUIRED': '请填写理由',
  'FILING.SCOPE_LINE': '备案范围填写不正确',
  'FILING.SCORE_ABOVE_MAX': '评分不能超过该项满分',
  'FILING.STALE': '该申请已被他人处理，请刷新后再试',
  'FILING.TRANSITION_OUT_OF_ORDER': '当前状态下不能执行此操作',
  'FILING.UNKNOWN_OCCUPATION': '职业分类大典中没有该职业编码',
  'FILING.UNKNOWN_SPECIAL_ITEM': '本省专项职业能力目录中没有该项目',
  'FILING.UNKNOWN_WORK_TYPE': '该职业没有此工种',
  'OCCUPATION.CODE_IMMUTABLE': '职业编码不能修改',
  'OCCUPATION.CODE_TAKEN': '该职业编码已存在',
  'OCCUPATION.UNKNOWN': '职业分类大典中没有该职业编码',
  'PROPOSAL.ITEM_EXISTS': '本省已有同名专项职业能力项目',
  'PROPOSAL.MAJOR_HAS_OCCUPATION': '该专业已有对应职业，可直接开展职业技能等级认定',
  'PROPOSAL.NOT_OUR_MAJOR': '该专业不是本校开设的专业',
  'PROPOSAL.REASON_REQUIRED': '请填写理由',
  'PROPOSAL.TRANSITION_OUT_OF_ORDER': '该申请已处理',
  'SPEC.INCOMPLETE': '评价规范不完整：比重须合计 100，并上传规范文本',
  'SPEC.LEVEL_NOT_OFFERED': '该职业没有此等级',
  'SPEC.NATIONAL_STANDARD_EXISTS': '该职业已颁布国家职业技能标准，应按国家标准评价，无需备案评价规范（R5）',
  'SPEC.NOT_EDITABLE': '只有草稿或退回的评价规范可以修改',
  'SPEC.REASON_REQUIRED': '请填写退回理由',
  'SPEC.TRANSITION_OUT_OF_ORDER': '当前状态下不能执行此操作',
  'BANK.NOT_OWN': '只能维护本校的题库',
  'ENROLMENT.REFUSED': '报名未通过：{reasons}',
  'ENROLMENT.PLAN_CLOSED': '该认定计划当前状态下不能再报名',
  'ENROLMENT.CONCURRENT': '其他操作同时登记了其中的考生，请重新提交',
  'CANDIDATE.ACTIVATION_INVALID': '用户名或激活码不正确（激活码只能使用一次）',
  'BLUEPRINT.EXISTS': '本校已有该职业该等级的鉴定要素细目表',
  'BLUEPRINT.NO_BASIS': '该职业没有国家职业技能标准，本校也没有已备案的评价规范，不能建立细目表（R5）',
  'BLUEPRINT.DUPLICATE_CODE': '细目表中有重复的编码',
  'BLUEPRINT.CODE_IN_USE': '仍有试题或课程对接使用要删除的知识领域或知识点，请先停用或移动这些试题、修改课程对接',
  'BLUEPRINT.WEIGHTS': '细目表的比重不正确：各领域比重须合计 100，知识点比重须合计为所属领域的比重',
  'ITEM.DUPLICATE': '题库中已有相同的试题',
  'ITEM.INVALID': '试题内容有误，请检查标出的字段',
  'ITEM.BLUEPRINT_FIXED': '试题不能移到其他细目表，请新建试题',
  'ITEM.TYPE_FIXED': '试题不能改变题型，请新建试题',
  'ITEM.SELF_REVIEW': '不能审核自己编写或修改的试题（当前版本），请由其他人员审核',
  'ITEM.EXPORT_TOO_LARGE': '导出的试题过多，请缩小筛选范围',
  'PAPER.MIXED_PARTS': '实操试题与理论试题须分别组卷',
  'PAPER.SECTION_REPEATED': '每种题型只能设置一个部分',
  'PAPER.TOTAL_MISMATCH': '各部分分值合计与试卷总分不一致',
  'PAPER.BANK_INSUFFICIENT': '题库中的已审核试题不足以按细目表组卷，缺少的试题见明细',
  'PAPER.TOLERANCE_UNREACHABLE': '按所设题量和分值无法在允许偏差内满足细目表比重，请调整题量、分值或偏差',
  'PAPER.RESPONSES_INVALID': '作答成绩有误，请检查标出的条目',
  'COURSE.UNKNOWN_AREA': '课程对接的知识领域不在细目表中',
  'QTI.TEST_MIXES_BLUEPRINTS': 'QTI 试卷中的试题属于不同的细目表',
  'QTI.TEST_ITEM_MISSING': 'QTI 试卷引用了包中不存在的试题',
};

const enUS: Catalog = {
  'VALIDATION.FAILED': 'The request has invalid fields',
  'REQUEST.BAD_JSON': 'The request body is not valid JSON',
  'REQUEST.BODY_TOO_LARGE': 'The request body is too large',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 'Unsupported content type; send JSON',
  'REQUEST.INVALID': 'Invalid request',
  'AUTH.UNAUTHENTICATED': 'Please log in',
  'AUTH.INVALID_CREDENTIALS': 'Wrong username or password',
  'AUTH.THROTTLED': 'Too many failed logins; try again in {seconds} seconds',
  'AUTH.WRONG_PASSWORD': 'The current password is wrong',
  'AUTH.SAME_PASSWORD': 'The new password must differ from the current one',
  'ACCESS.DENIED': 'You are not allowed to do this',
  'ACCESS.CSRF': 'Cross-site request refused',
  NOT_FOUND: '{what} not found',
  'ROUTE.NOT_FOUND': 'No such endpoint',
  'ORG.CREDIT_CODE_CHECK':
    'The unified social credit code fails its check character; a reviewer may accept it explicitly ("accept this code")',
  'ORG.CREDIT_CODE_FORMAT': 'The unified social credit code is malformed (18 characters, no I, O, S, V, Z)',
  'ORG.CREDIT_CODE_TAKEN': 'Another organisation already uses this credit code',
  'ORG.NAME_TAKEN': 'An organisation with this name exists',
  'ORG.REGION_UNKNOWN': 'Unknown region code',
  'ORG.REGION_OUT_OF_SCOPE': 'This region is outside your jurisdiction',
  'ORG.SCHOOL_TYPE_REQUIRED': 'A school needs its school type',
  'ORG.SCHOOL_FIELDS_ONLY': 'School type and through-programmes apply to schools only',
  'ORG.KIND_IMMUTABLE': 'The kind of an organisation cannot change',
  'ORG.MAJOR_TAKEN': 'This major code is already listed',
  'ORG.MAJORS_SCHOOL_ONLY': 'Only schools have majors',
  'USER.USERNAME_TAKEN': 'This username is taken',
  'USER.ROLE_ORG_MISMATCH': 'This role cannot belong to this kind of organisation',
  'USER.SELF_LOCKOUT': 'You cannot change your own role or deactivate yourself',
  'SERVER.ERROR': 'Internal server error; please try again later',
  'ATTACHMENT.TOO_LARGE': 'The attachment exceeds 10 MiB',
  'ATTACHMENT.UNKNOWN': 'Unknown attachment, or not your organisation’s',
  'FILING.ALREADY_LISTED': 'Already listed: apply for an expansion (增设) instead',
  'FILING.ASSESSMENT_REQUIRED': 'No passing technical assessment on file yet',
  'FILING.ASSESSMENT_SHEET_REQUIRED': 'The panel’s score sheet is required',
  'FILING.DUPLICATE_LINE': 'The scope lists the same occupation and level twice',
  'FILING.INCOMPLETE': 'The application is incomplete',
  'FILING.KIND_MISMATCH': 'The kind of institution does not match',
  'FILING.LEVEL_NOT_OFFERED': 'The occupation’s national standard has no such level',
  'FILING.NOT_EDITABLE': 'Only drafts and returned applications can be edited',
  'FILING.NOT_ELIGIBLE': 'Not eligible ({rule}); see the failing conditions',
  'FILING.NOT_EXPIRED': 'The listing is still valid',
  'FILING.NOT_YOUR_STEP': 'This step is not your bureau’s to take',
  'FILING.OPEN_EXISTS': 'An open application of this kind exists',
  'FILING.REASON_REQUIRED': 'A reason is required',
  'FILING.SCOPE_LINE': 'A scope line is malformed',
  'FILING.SCORE_ABOVE_MAX': 'A score exceeds its maximum',
  'FILING.STALE': 'Someone else has moved this application; reload and try again',
  'FILING.TRANSITION_OUT_OF_ORDER': 'Not possible in the current status',
  'FILING.UNKNOWN_OCCUPATION': 'Unknown occupation code',
  'FILING.UNKNOWN_SPECIAL_ITEM': 'Not in this province’s 专项职业能力 catalog',
  'FILING.UNKNOWN_WORK_TYPE': 'The occupation has no such work type',
  'OCCUPATION.CODE_IMMUTABLE': 'The occupation code cannot change',
  'OCCUPATION.CODE_TAKEN': 'This occupation code exists',
  'OCCUPATION.UNKNOWN': 'Unknown occupation code',
  'PROPOSAL.ITEM_EXISTS': 'The province already has an item of this name',
  'PROPOSAL.MAJOR_HAS_OCCUPATION': 'This major already maps to an occupation',
  'PROPOSAL.NOT_OUR_MAJOR': 'Not one of the school’s majors',
  'PROPOSAL.REASON_REQUIRED': 'A reason is required',
  'PROPOSAL.TRANSITION_OUT_OF_ORDER': 'This proposal has been decided',
  'SPEC.INCOMPLETE': 'Incomplete: weights must add to 100 and the document is required',
  'SPEC.LEVEL_NOT_OFFERED': 'The occupation has no such level',
  'SPEC.NATIONAL_STANDARD_EXISTS': 'This occupation has a national standard and is assessed by it (R5)',
  'SPEC.NOT_EDITABLE': 'Only drafts and returned specifications can be edited',
  'SPEC.REASON_REQUIRED': 'A reason is required to return it',
  'SPEC.TRANSITION_OUT_OF_ORDER': 'Not possible in the current status',
  'BANK.NOT_OWN': 'You can only keep your own school’s bank',
  'ENROLMENT.REFUSED': 'Enrolment refused: {reasons}',
  'ENROLMENT.PLAN_CLOSED': 'The plan no longer takes enrolments in its current state',
  'ENROLMENT.CONCURRENT': 'Another request enrolled some of these candidates at the same time; submit again',
  'CANDIDATE.ACTIVATION_INVALID': 'Wrong username or activation code (a code works once)',
  'BLUEPRINT.EXISTS': 'Your school already has a blueprint for this occupation and level',
  'BLUEPRINT.NO_BASIS': 'The occupation has no national standard and your school has no filed evaluation specification (R5)',
  'BLUEPRINT.DUPLICATE_CODE': 'A code appears twice in the blueprint',
  'BLUEPRINT.CODE_IN_USE': 'Items or course mappings still use the areas or points you removed; retire or move the items and change the courses first',
  'BLUEPRINT.WEIGHTS': 'Blueprint weights are wrong: areas must add up to 100 and points to their area’s weight',
  'ITEM.DUPLICATE': 'The bank already holds the same item',
  'ITEM.INVALID': 'The item is not valid; see the marked fields',
  'ITEM.BLUEPRINT_FIXED': 'An item stays in its blueprint; write a new item instead',
  'ITEM.TYPE_FIXED': 'An item keeps its type; write a new item instead',
  'ITEM.SELF_REVIEW': 'You cannot review items whose current version you wrote; someone else must',
  'ITEM.EXPORT_TOO_LARGE': 'Too many items to export; narrow the filter',
  'PAPER.MIXED_PARTS': 'Practical tasks and theory items go into separate papers',
  'PAPER.SECTION_REPEATED': 'One section per item type',
  'PAPER.TOTAL_MISMATCH': 'The sections do not add up to the total score',
  'PAPER.BANK_INSUFFICIENT': 'The bank’s reviewed items cannot meet the blueprint; see what is missing',
  'PAPER.TOLERANCE_UNREACHABLE': 'These sections cannot meet the blueprint weights within the tolerance; change counts, points or tolerance',
  'PAPER.RESPONSES_INVALID': 'The scores are not valid; see the marked entries',
  'COURSE.UNKNOWN_AREA': 'The course names an area the blueprint does not have',
  'QTI.TEST_MIXES_BLUEPRINTS': 'The QTI test mixes items of different blueprints',
  'QTI.TEST_ITEM_MISSING': 'The QTI test refers to an item the package does not hold',
};

const catalogs = { 'zh-CN': zhCN, 'en-US': enUS } as const;
export type Locale = keyof typeof catalogs;

const whatZh: Record<string, string> = {
  organisation: '机构',
  user: '用户',
  region: '行政区划',
  major: '专业',
  filing: '备案申请',
  institution: '评价机构',
  occupation: '职业',
  attachment: '附件',
  spec: '评价规范',
  proposal: '专项能力项目申请',
  'policy profile': '政策配置',
  blueprint: '鉴定要素细目表',
  item: '试题',
  paper: '试卷',
  course: '课程',
};

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

export function message(locale: Locale, code: string, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][code] ?? catalogs['en-US'][code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params[key];
    if (v === undefined) return '';
    return key === 'what' && locale === 'zh-CN' ? (whatZh[String(v)] ?? String(v)) : String(v);
  });
}

export const MESSAGE_CODES = Object.keys(zhCN);
export const catalogsForTest = catalogs;

const zodEn = z.locales.en().localeError;
/** zod reports what it received only in its message; a stand-in value of that type lets the Chinese locale say it too. */
const RECEIVED: Record<string, unknown> = { number: 0, string: '', boolean: false, undefined, null: null, object: {}, array: [], bigint: 0n, NaN: Number.NaN };

type ZodIssueLike = Parameters<typeof zodEn>[0];

/**
 * A field's validation message in the request's language. zod's default (English) messages are rendered again with
 * its zh-CN locale; messages a schema wrote itself are kept as they are.
 */
export function validationMessage(locale: Locale, issue: { code: string; message: string } & Record<string, unknown>): string {
  if (locale !== 'zh-CN') return issue.message;
  const received = /received (\w+)/.exec(issue.message)?.[1];
  const full = { ...issue, ...(received && received in RECEIVED ? { input: RECEIVED[received] } : {}) } as unknown as ZodIssueLike;
  const en = zodEn(full);
  const english = typeof en === 'string' ? en : en?.message;
  if (english !== issue.message) return issue.message;
  return zhIssueMessage(full);
}
