/** User-facing error messages, zh-CN first. Keys are the stable error codes. */
type Catalog = Record<string, string>;

const zhCN: Catalog = {
  'VALIDATION.FAILED': '请求内容有误，请检查标出的字段',
  'REQUEST.BAD_JSON': '请求体不是合法的 JSON',
  'REQUEST.BODY_TOO_LARGE': '请求体过大',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': '不支持的内容类型，请以 JSON 提交',
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
};

const enUS: Catalog = {
  'VALIDATION.FAILED': 'The request has invalid fields',
  'REQUEST.BAD_JSON': 'The request body is not valid JSON',
  'REQUEST.BODY_TOO_LARGE': 'The request body is too large',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 'Unsupported content type; send JSON',
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
};

const catalogs = { 'zh-CN': zhCN, 'en-US': enUS } as const;
export type Locale = keyof typeof catalogs;

const whatZh: Record<string, string> = { organisation: '机构', user: '用户', region: '行政区划', major: '专业' };

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
