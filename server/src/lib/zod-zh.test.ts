import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { zhIssueMessage } from './zod-zh.ts';

const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value, { error: zhIssueMessage }).error?.issues.map((i) => i.message);

describe('plain Chinese validation messages', () => {
  it('says lengths, ranges, required fields, types and choices in the words of a form', () => {
    const S = z.strictObject({
      name: z.string().min(2).max(5),
      n: z.number().int().min(1).max(5),
      p: z.number().positive(),
      e: z.enum(['单选', '多选']),
      list: z.array(z.string()).min(1),
      id: z.uuid(),
      s: z.string(),
    });
    expect(messages(S, { name: 'x', n: 7, p: 0, e: '判断', list: [], id: 'x', s: 3 })).toEqual([
      '至少 2 个字符',
      '不能大于 5',
      '须大于 0',
      '须为以下之一：单选、多选',
      '至少 1 项',
      '格式不正确（应为 UUID）',
      '须为文本',
    ]);
    expect(messages(S.pick({ name: true }), {})).toEqual(['必填']);
    expect(messages(z.string().min(1), '')).toEqual(['不能为空']);
    expect(messages(z.string().max(3), 'abcd')).toEqual(['最多 3 个字符']);
  });

  it('falls back to zod’s own zh-CN locale for the rest', () => {
    expect(messages(z.strictObject({}), { x: 1 })?.[0]).toContain('x');
  });
});
