import { describe, expect, it } from 'vitest';
import { localizeFieldIssues, validationMessage } from './messages.ts';

describe('validation messages in the request’s language', () => {
  it('a schema’s key is worded in the locale, with a custom issue’s params', () => {
    expect(validationMessage('zh-CN', { code: 'invalid_format', message: 'valid.yearMonth' })).toBe('年月格式应为 YYYY-MM，在 2000-01 至 2099-12 之间');
    expect(validationMessage('en-US', { code: 'custom', message: 'valid.periodMax', params: { max: 120 } })).toBe('a period of at most 120 months');
    expect(validationMessage('zh-CN', { code: 'custom', message: 'valid.periodMax', params: { max: 120 } })).toBe('统计期间最长 120 个月');
  });

  it('zod’s own English is reworded in zh-CN; any other text passes through', () => {
    expect(validationMessage('zh-CN', { code: 'invalid_type', message: 'Invalid input: expected string, received undefined', expected: 'string' })).toBe(
      '必填',
    );
    expect(validationMessage('zh-CN', { code: 'custom', message: 'something of our own' })).toBe('something of our own');
    expect(validationMessage('en-US', { code: 'custom', message: 'something of our own' })).toBe('something of our own');
  });

  it('a service’s field issues: keys worded (params dropped from the answer), other issues untouched', () => {
    const issues = [
      { path: 'body.code', message: 'valid.exists' },
      { path: 'body.scope.0.level', message: 'valid.noLevel', params: { name: '电工', level: 6 } },
      { path: 'body.x', message: 'kept as it is', params: { a: 1 } },
    ];
    expect(localizeFieldIssues('zh-CN', issues)).toEqual([
      { path: 'body.code', message: '已存在' },
      { path: 'body.scope.0.level', message: '电工的标准中没有 6 级' },
      { path: 'body.x', message: 'kept as it is', params: { a: 1 } },
    ]);
    expect(localizeFieldIssues('en-US', issues.slice(0, 2))).toEqual([
      { path: 'body.code', message: 'exists' },
      { path: 'body.scope.0.level', message: '电工 has no level 6 in its standard' },
    ]);
    expect(localizeFieldIssues('zh-CN', 'not a list')).toBe('not a list');
  });
});
