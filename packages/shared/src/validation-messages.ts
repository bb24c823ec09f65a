/**
 * The texts of our own validation messages (a schema's custom message, or a field issue a service reports), zh-CN
 * first. A schema names a message by its key — `.regex(/…/, vm('valid.yearMonth'))`, `vm` from validation-key.ts — and the server's error handler
 * puts the key's text in the request's language into `details.issues[].message`; `{name}` takes the issue's
 * `params.name`. A message that is not a key passes through unchanged.
 */
export type ValidationLocale = 'zh-CN' | 'en-US';

interface Texts {
  readonly 'zh-CN': string;
  readonly 'en-US': string;
}

const NUMBER_HINT = { 'zh-CN': '应为大写字母 Y 或 S 加 21 位数字', 'en-US': 'one capital letter Y or S and 21 digits' } as const;
/** A certificate number's first problem (certificates.rules `certificateNumberProblem`) in the words of each language. */
const numberProblem = (zh: string, en: string): Texts => ({
  'zh-CN': `不是有效的证书编号（${zh}）：${NUMBER_HINT['zh-CN']}`,
  'en-US': `not a certificate number (${en}): ${NUMBER_HINT['en-US']}`,
});

export const VALIDATION_MESSAGES = {
  // Dates, months and ranges
  'valid.listDay': { 'zh-CN': '日期须在 2000-01-01 至 2099-12-31 之间', 'en-US': 'a day between 2000-01-01 and 2099-12-31' },
  'valid.planDate': { 'zh-CN': '日期须在 2000 年至 2099 年之间', 'en-US': 'a date between 2000 and 2099' },
  'valid.day': { 'zh-CN': '日期格式应为 YYYY-MM-DD', 'en-US': 'a day YYYY-MM-DD' },
  'valid.time': { 'zh-CN': '时间格式应为 HH:MM（24 小时制）', 'en-US': 'HH:MM' },
  'valid.yearMonth': { 'zh-CN': '年月格式应为 YYYY-MM，在 2000-01 至 2099-12 之间', 'en-US': 'YYYY-MM between 2000-01 and 2099-12' },
  'valid.term': { 'zh-CN': '学期格式应为 YYYY-1（9 月至次年 1 月）或 YYYY-2（2 月至 8 月）', 'en-US': 'YYYY-1 (Sep–Jan) or YYYY-2 (Feb–Aug)' },
  'valid.rangeEnd': { 'zh-CN': '结束日期不能早于开始日期', 'en-US': 'the end of the range is before its start' },
  'valid.periodEnd': { 'zh-CN': '结束月份不能早于开始月份', 'en-US': 'the end of the period is before its start' },
  'valid.periodMax': { 'zh-CN': '统计期间最长 {max} 个月', 'en-US': 'a period of at most {max} months' },
  // Codes and identifiers
  'valid.regionCode': { 'zh-CN': '行政区划代码应为 6 位数字（GB/T 2260）', 'en-US': 'a 6-digit GB/T 2260 region code' },
  'valid.occupationCode': { 'zh-CN': '职业编码格式应如 6-31-01-03', 'en-US': 'a code like 6-31-01-03' },
  'valid.occupationGroup': { 'zh-CN': '职业分类编码格式应如 6、6-31 或 6-31-07', 'en-US': 'a group code like 6, 6-31 or 6-31-07' },
  'valid.occupationFilter': { 'zh-CN': '职业编码只能包含数字、字母和“-”，如 6-31-01-03', 'en-US': 'an occupation code such as 6-31-01-03' },
  'valid.majorCode': { 'zh-CN': '专业代码应为 6 位数字', 'en-US': 'a 6-digit major code' },
  'valid.nodeCode': { 'zh-CN': '只能包含字母、数字、“.”和“-”（如 1.2）', 'en-US': 'letters, digits, "." and "-" (e.g. 1.2)' },
  'valid.username': { 'zh-CN': '只能包含字母、数字和 _ . @ -', 'en-US': 'letters, digits and _ . @ - only' },
  'valid.deviceId': { 'zh-CN': '只能包含字母、数字、_ 和 -', 'en-US': 'letters, digits, _ and - only' },
  'valid.ipRange': { 'zh-CN': '应为 IP 地址或 CIDR 网段（如 10.0.0.0/24）', 'en-US': 'an IP address or CIDR range' },
  'valid.phone': { 'zh-CN': '电话号码格式不正确（7–20 位数字，可含 +、- 和空格）', 'en-US': 'a phone number' },
  'valid.bankAccount': { 'zh-CN': '银行账号应为 12 至 30 位数字', 'en-US': 'a bank account number of 12 to 30 digits' },
  'valid.certificateNumber': { 'zh-CN': '证书编号应为 22 位：S 或 Y 加 21 位数字', 'en-US': 'a 22-character certificate number (S or Y and 21 digits)' },
  'valid.certificateNumber.length': numberProblem('长度不是 22 位', 'length'),
  'valid.certificateNumber.institution_type': numberProblem('第 1 位不是 Y 或 S', 'institution_type'),
  'valid.certificateNumber.digits': numberProblem('第 2–22 位不全是数字', 'digits'),
  'valid.certificateNumber.province': numberProblem('第 6–7 位不是省级行政区划代码', 'province'),
  'valid.certificateNumber.province_serial': numberProblem('第 8–13 位不能全为 0', 'province_serial'),
  'valid.certificateNumber.level': numberProblem('第 16 位等级应为 1–5', 'level'),
  'valid.certificateNumber.serial': numberProblem('第 17–22 位序号不能全为 0', 'serial'),
  // Passwords, files and bodies
  'valid.passwordLettersDigits': { 'zh-CN': '须同时包含字母和数字', 'en-US': 'must contain letters and digits' },
  'valid.fileName': { 'zh-CN': '文件名不能包含文件夹或控制字符', 'en-US': 'a file name without folders or control characters' },
  'valid.notBase64': { 'zh-CN': '文件内容不是有效的 Base64 编码', 'en-US': 'not base64' },
  'valid.emptyFile': { 'zh-CN': '文件为空', 'en-US': 'empty file' },
  'valid.nothingToUpdate': { 'zh-CN': '没有要修改的内容', 'en-US': 'nothing to update' },
  'valid.unknownField': { 'zh-CN': '未知字段', 'en-US': 'unknown field' },
  'valid.bodyTooLarge': { 'zh-CN': '请求体过大', 'en-US': 'too large' },
  'valid.paramTooLong': { 'zh-CN': '路径参数过长', 'en-US': 'a path parameter is too long' },
  'valid.badUrl': { 'zh-CN': '网址无效', 'en-US': 'not a valid URL' },
  'valid.badJson': { 'zh-CN': '请求体不是合法的 JSON', 'en-US': 'the body is not valid JSON' },
  'valid.badText': {
    'zh-CN': '不能包含空字符（\\u0000）或残缺的 Unicode 字符',
    'en-US': 'must not contain NUL (\\u0000) or broken Unicode (lone surrogates)',
  },
  // Rows of an imported workbook (the occupation catalog's import)
  'valid.import.notWorkbook': { 'zh-CN': '不是 .xlsx 工作簿', 'en-US': 'not an .xlsx workbook' },
  'valid.import.noSheet': { 'zh-CN': '工作簿中没有工作表', 'en-US': 'the workbook has no sheet' },
  'valid.import.notOccupationTemplate': { 'zh-CN': '不是职业导入模板（表头与模板不同）', 'en-US': 'not the occupation template (header row differs)' },
  'valid.import.formula': { 'zh-CN': '不接受公式，请粘贴数值', 'en-US': 'formulas are not accepted; paste values' },
  'valid.import.duplicateRow': { 'zh-CN': '与第 {first} 行重复', 'en-US': 'duplicate of row {first}' },
  'valid.import.formerCode': { 'zh-CN': '编码 {code} 是 {current} {name} 的曾用编码', 'en-US': 'code {code} is the former code of {current} {name}' },
  'valid.import.noRename': { 'zh-CN': '编码 {code} 属于“{name}”，导入不能改名', 'en-US': 'code {code} belongs to {name}; an import may not rename it' },
  // Field issues services report beside a coded refusal
  'valid.taken': { 'zh-CN': '已被使用', 'en-US': 'taken' },
  'valid.exists': { 'zh-CN': '已存在', 'en-US': 'exists' },
  'valid.required': { 'zh-CN': '必填', 'en-US': 'required' },
  'valid.unknownOccupation': { 'zh-CN': '职业分类大典中没有职业编码 {code}', 'en-US': 'unknown occupation {code}' },
  'valid.unknownRegion': { 'zh-CN': '行政区划代码不存在', 'en-US': 'unknown region code' },
  'valid.roleNotForOrg': { 'zh-CN': '角色 {role} 不能属于此类机构，可选：{allowed}', 'en-US': '{role} is not for this organisation; allowed: {allowed}' },
  'valid.password.TOO_SHORT': { 'zh-CN': '密码太短', 'en-US': 'too short' },
  'valid.password.CONTAINS_USERNAME': { 'zh-CN': '密码包含用户名', 'en-US': 'contains username' },
  'valid.password.COMMON': { 'zh-CN': '密码过于常见', 'en-US': 'common' },
  'valid.creditCode.length': { 'zh-CN': '统一社会信用代码应为 18 位', 'en-US': '18 characters' },
  'valid.creditCode.charset': { 'zh-CN': '含有不允许的字符（不能用 I、O、S、V、Z）', 'en-US': 'a character not used in the code (never I, O, S, V or Z)' },
  'valid.creditCode.check_digit': { 'zh-CN': '校验位不正确', 'en-US': 'the check character is wrong' },
  'valid.schoolTypeRequired': { 'zh-CN': '学校必须填写办学类型', 'en-US': 'required for a school' },
  'valid.schoolFieldsOnly': { 'zh-CN': '只适用于学校', 'en-US': 'for schools only' },
  'valid.codeImmutable': { 'zh-CN': '须与地址中的编码相同', 'en-US': 'must equal the path code' },
  'valid.nationalStandard': { 'zh-CN': '该职业按国家职业技能标准评价', 'en-US': 'assessed by its national standard' },
  'valid.levelsNotOffered': { 'zh-CN': '没有这些等级：{levels}', 'en-US': 'not offered: {levels}' },
  'valid.weightsNot100': { 'zh-CN': '比重合计 {total}，应为 100', 'en-US': 'weights add up to {total}, not 100' },
  'valid.specDocumentRequired': { 'zh-CN': '请上传评价规范文本', 'en-US': 'the specification document is required' },
  'valid.notOurMajor': { 'zh-CN': '不是本校开设的专业', 'en-US': 'not one of the school’s majors' },
  'valid.majorHasOccupation': { 'zh-CN': '该专业已有对应职业', 'en-US': 'this major already maps to an occupation' },
  'valid.itemNameExists': { 'zh-CN': '本省已有同名项目', 'en-US': 'the province already has an item of this name' },
  'valid.codeTwice': { 'zh-CN': '代码“{code}”重复', 'en-US': 'code "{code}" appears twice' },
  'valid.noTheoryArea': { 'zh-CN': '细目表中没有理论知识领域“{code}”', 'en-US': 'no theory area "{code}" in the blueprint' },
  'valid.noSkillsArea': { 'zh-CN': '细目表中没有操作技能领域“{code}”', 'en-US': 'no skills area "{code}" in the blueprint' },
  'valid.unknownAttachment': { 'zh-CN': '附件 {id} 不存在或不属于本机构', 'en-US': 'unknown attachment {id}' },
  'valid.notInPlan': { 'zh-CN': '不属于本计划', 'en-US': 'not in this plan' },
  'valid.notSittingOfPlan': { 'zh-CN': '不是本计划的场次', 'en-US': 'not a sitting of this plan' },
  'valid.unknownPhoto': { 'zh-CN': '照片 {id} 不存在', 'en-US': 'unknown photo {id}' },
  'valid.notProcessPart': { 'zh-CN': '不是本计划的过程考核科目', 'en-US': 'not a process part of this plan' },
  'valid.scoreAboveMax': { 'zh-CN': '有评分超过该项满分', 'en-US': 'a score exceeds its maximum' },
  'valid.occupationLine': { 'zh-CN': '须填写职业和等级，不填专项职业能力项目', 'en-US': 'an occupation and a level, no 专项 item' },
  'valid.specialItemLine': { 'zh-CN': '须填写专项职业能力项目，不填职业和等级', 'en-US': 'a 专项职业能力 item, no occupation or level' },
  'valid.noLevel': { 'zh-CN': '{name}的标准中没有 {level} 级', 'en-US': '{name} has no level {level} in its standard' },
  'valid.allowedWorkTypes': { 'zh-CN': '可选工种：{allowed}', 'en-US': 'allowed: {allowed}' },
  'valid.listedTwice': { 'zh-CN': '重复填写', 'en-US': 'listed twice' },
  'valid.notInProvinceCatalog': { 'zh-CN': '不在本省专项职业能力目录中', 'en-US': 'not in this province’s catalog' },
  'valid.levelWithOccupation': { 'zh-CN': '选择职业时须填写等级', 'en-US': 'required with an occupation' },
  'valid.subjectRequired': { 'zh-CN': '须选择职业和等级，或一个专项职业能力项目', 'en-US': 'an occupation and level, or a 专项 item' },
  'valid.notOurSpec': { 'zh-CN': '不是本校的评价规范', 'en-US': 'not a 评价规范 of this school' },
  'valid.kindFixed': { 'zh-CN': '计划类型（职业或专项）不能修改', 'en-US': 'a plan keeps its kind (occupation or 专项 item)' },
  'valid.notSupervisor': { 'zh-CN': '不是本局的督导员账号', 'en-US': 'not a supervisor account of your bureau' },
  'valid.notOurPaper': { 'zh-CN': '不是本校的试卷', 'en-US': 'not a paper of this school' },
  'valid.paperMismatch': { 'zh-CN': '该试卷属于其他科目、职业或等级', 'en-US': 'the paper is for another part, occupation or level' },
  'valid.staffTwice': { 'zh-CN': '同一场次中重复填写', 'en-US': 'named twice in one sitting' },
  'valid.notPartOfPlan': { 'zh-CN': '不是本计划的科目', 'en-US': 'not a part of this plan' },
  'valid.endAfterStart': { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'end after start' },
  'valid.wrongPassword': { 'zh-CN': '当前密码不正确', 'en-US': 'wrong password' },
  'valid.samePassword': { 'zh-CN': '不能与当前密码相同', 'en-US': 'same as current' },
  'valid.notInPublicity': { 'zh-CN': '不在本次公示中', 'en-US': 'not in this publicity' },
  'valid.processPartName': { 'zh-CN': '过程考核须填写名称', 'en-US': 'a process component needs a name' },
  'valid.mixedParts': { 'zh-CN': '实操任务和理论试题须分别组卷', 'en-US': 'practical tasks and theory items go into separate papers' },
  'valid.sectionPerType': { 'zh-CN': '每种题型一个大题（简答/实操：每种分值一个）', 'en-US': 'one section per item type (简答/实操: one per points value)' },
  'valid.sectionsTotal': { 'zh-CN': '各大题合计 {total} 分', 'en-US': 'the sections add up to {total}' },
  'valid.notItemOfPaper': { 'zh-CN': '不是本试卷的试题', 'en-US': 'not an item of this paper' },
  'valid.aboveItemPoints': { 'zh-CN': '超过本题满分 {max} 分', 'en-US': "above the item's {max} points" },
  'valid.candidateTwice': { 'zh-CN': '有考生重复', 'en-US': 'a candidate appears twice' },
  'valid.tooManyScores': { 'zh-CN': '每次最多 {max} 个分数（考生 × 试题）', 'en-US': 'at most {max} scores (candidates × items) at a time' },
  // Cross-field checks
  'valid.changeSomething': { 'zh-CN': '请至少变更一个场次或一份试卷', 'en-US': 'change at least one sitting or paper' },
  'valid.sittingTwice': { 'zh-CN': '同一场次填写了两次', 'en-US': 'sittingId named twice' },
  'valid.partTwice': { 'zh-CN': '同一科目填写了两次', 'en-US': 'partId named twice' },
  'valid.flagTarget': {
    'zh-CN': '考生（enrolmentId）和考场（sittingId）须且只能填写一个',
    'en-US': 'name exactly one of enrolmentId (a candidate) or sittingId (a room)',
  },
  'valid.scopeLineRequired': { 'zh-CN': '请选择要暂停的备案范围', 'en-US': 'the scope line to suspend' },
  'valid.certificatesRequired': { 'zh-CN': '请至少选择一张要撤销的证书', 'en-US': 'at least one certificate to revoke' },
  'valid.untilOnlySuspension': { 'zh-CN': '只有暂停才有截止日期', 'en-US': 'only a suspension has an end date' },
} as const satisfies Record<`valid.${string}`, Texts>;

export type ValidationMessageKey = keyof typeof VALIDATION_MESSAGES;

export function isValidationMessageKey(message: string): message is ValidationMessageKey {
  return Object.hasOwn(VALIDATION_MESSAGES, message);
}

/**
 * `message` in `locale` when it is a catalog key, its `{name}` placeholders filled from `params` (a missing value
 * leaves the placeholder empty); any other message unchanged.
 */
export function validationText(locale: ValidationLocale, message: string, params: Readonly<Record<string, unknown>> = {}): string {
  if (!isValidationMessageKey(message)) return message;
  return VALIDATION_MESSAGES[message][locale].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });
}

/** A zod issue's message in `locale` (a catalog key's text with a custom issue's `params`; any other message as it is). */
export function issueText(locale: ValidationLocale, issue: { readonly message: string }): string {
  const params = 'params' in issue && typeof issue.params === 'object' && issue.params !== null ? (issue.params as Record<string, unknown>) : {};
  return validationText(locale, issue.message, params);
}
