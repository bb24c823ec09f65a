import { ItemBody } from '@skillcert/shared/api/banks';
import { describe, expect, it } from 'vitest';
import { bankMessage, bankMessagesForTest, itemFieldName, itemTypeName, joinList, zodIssueLocale } from './items.messages.ts';

const paramsOf = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('question-bank message catalog', () => {
  it('every id has zh-CN and en-US, non-empty, with the same {params}', () => {
    const entries = Object.entries(bankMessagesForTest);
    expect(entries.length).toBeGreaterThan(50);
    for (const [id, t] of entries) {
      expect(Object.keys(t).sort(), id).toEqual(['en-US', 'zh-CN']);
      expect(t['zh-CN'].trim(), id).not.toBe('');
      expect(t['en-US'].trim(), id).not.toBe('');
      expect(paramsOf(t['zh-CN']), id).toEqual(paramsOf(t['en-US']));
    }
  });

  it('zh-CN texts are Chinese, not English left untranslated', () => {
    for (const [id, t] of Object.entries(bankMessagesForTest)) {
      const words = t['zh-CN'].replace(/\{\w+\}/g, '');
      expect(/\p{Script=Han}/u.test(words) || !/\p{L}/u.test(words), `${id}: ${t['zh-CN']}`).toBe(true); // '{field}：{issue}' has no words
      expect(t['zh-CN'], id).not.toBe(t['en-US']);
    }
  });

  it('fills the params in the chosen language', () => {
    expect(bankMessage('zh-CN', 'rules.answerUnknown', { keys: joinList('zh-CN', ['E', 'F']) })).toBe('答案中的选项 E、F 不存在');
    expect(bankMessage('en-US', 'rules.answerUnknown', { keys: joinList('en-US', ['E', 'F']) })).toBe('answer names no option: E, F');
    expect(bankMessage('zh-CN', 'excel.duplicateRow', { row: 12, first: 5 })).toBe('第 12 行与第 5 行重复（题型和题干相同，已忽略空格和标点）');
    expect(bankMessage('zh-CN', 'excel.required')).toBe('必填');
    expect(bankMessage('zh-CN', 'rules.noOptions', { type: itemTypeName('zh-CN', 'judge') })).toBe('判断题没有选项，请清空选项');
    // @ts-expect-error the compiler asks for every param of the template
    expect(bankMessage('en-US', 'rules.answerUnknown')).toBe('answer names no option: {keys}');
  });

  it('names the field of an ItemBody issue, and words zod issues in Chinese for zh-CN', () => {
    expect(itemFieldName('zh-CN', ['options', 1, 'text'])).toBe('选项B');
    expect(itemFieldName('zh-CN', ['stem'])).toBe('题干');
    expect(itemFieldName('en-US', ['options', 1, 'text'])).toBe('options.1.text');
    const body = { blueprintId: '0b5a3c1e-6f1a-4c1e-9d3e-1a2b3c4d5e01', areaCode: '1', type: 'single', stem: '题干', points: 101, difficulty: 3 };
    const zh = ItemBody.safeParse(body, zodIssueLocale('zh-CN'));
    const en = ItemBody.safeParse(body, zodIssueLocale('en-US'));
    expect(zh.error?.issues.map((i) => i.message)).toEqual(['不能大于 100']);
    expect(en.error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Too big/)]);
  });
});
