import { z } from 'zod';

const zodZh = z.locales.zhCN().localeError;
type Issue = Parameters<typeof zodZh>[0];

const TYPE_WORDS: Record<string, string> = { string: '文本', number: '数字', int: '整数', boolean: '是/否', array: '列表', object: '对象', date: '日期' };

/**
 * Plain Chinese for the validation failures users meet most (length, range, required, type, choice), in the words
 * a form would use; anything else falls back to zod's own zh-CN locale.
 */
export function zhIssueMessage(issue: Issue): string {
  const i = issue as Issue & {
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    inclusive?: boolean;
    expected?: string;
    input?: unknown;
    values?: unknown[];
    format?: string;
  };
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? '不能为空' : `至少 ${i.minimum} 个字符`;
      if (i.origin === 'array' || i.origin === 'set') return `至少 ${i.minimum} 项`;
      if (i.origin === 'number' || i.origin === 'int') return i.inclusive ? `不能小于 ${i.minimum}` : `须大于 ${i.minimum}`;
      break;
    case 'too_big':
      if (i.origin === 'string') return `最多 ${i.maximum} 个字符`;
      if (i.origin === 'array' || i.origin === 'set') return `最多 ${i.maximum} 项`;
      if (i.origin === 'number' || i.origin === 'int') return i.inclusive ? `不能大于 ${i.maximum}` : `须小于 ${i.maximum}`;
      break;
    case 'invalid_type':
      if (i.input === undefined) return '必填';
      if (i.expected && TYPE_WORDS[i.expected]) return `须为${TYPE_WORDS[i.expected]}`;
      break;
    case 'invalid_value':
      if (Array.isArray(i.values) && i.values.length <= 12) return `须为以下之一：${i.values.map(String).join('、')}`;
      break;
    case 'invalid_format':
      if (i.format === 'uuid') return '格式不正确（应为 UUID）';
      if (i.format === 'regex') return '格式不正确';
      break;
  }
  const fallback = zodZh(issue);
  return (typeof fallback === 'string' ? fallback : fallback?.message) ?? '无效';
}
