import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StatFilter, StatMonth } from './api/statistics.ts';
import { issueText, VALIDATION_MESSAGES, validationText } from './validation-messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('validation message catalog', () => {
  it('every key has a zh-CN text in Chinese and an en-US text of its own, with the same placeholders', () => {
    const entries = Object.entries(VALIDATION_MESSAGES);
    expect(entries.length).toBeGreaterThan(30);
    for (const [key, texts] of entries) {
      expect(key).toMatch(/^valid\.[A-Za-z0-9_.]+$/);
      expect(texts['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
      expect(texts['en-US'].trim(), key).not.toBe('');
      expect(texts['en-US'], key).not.toBe(texts['zh-CN']);
      expect(placeholders(texts['zh-CN']), key).toEqual(placeholders(texts['en-US']));
    }
  });

  it('a key reads in the locale, its placeholders filled; any other message passes through unchanged', () => {
    expect(validationText('zh-CN', 'valid.yearMonth')).toBe('年月格式应为 YYYY-MM，在 2000-01 至 2099-12 之间');
    expect(validationText('en-US', 'valid.yearMonth')).toBe('YYYY-MM between 2000-01 and 2099-12');
    expect(validationText('zh-CN', 'valid.periodMax', { max: 36 })).toBe('统计期间最长 36 个月');
    expect(validationText('en-US', 'valid.periodMax', { max: 36 })).toBe('a period of at most 36 months');
    expect(validationText('zh-CN', 'Invalid input')).toBe('Invalid input');
    expect(validationText('en-US', 'valid.noSuchKey')).toBe('valid.noSuchKey');
    expect(validationText('zh-CN', 'toString')).toBe('toString');
  });

  it('a schema issue carries the key, and issueText words it with the issue’s params', () => {
    const month = StatMonth.safeParse('1999-13');
    expect(month.success).toBe(false);
    expect(month.error?.issues[0]?.message).toBe('valid.yearMonth');
    const long = StatFilter.safeParse({ from: '2000-01', to: '2020-01' });
    const issue = long.error?.issues.find((i) => i.path.join('.') === 'to');
    expect(issue && issueText('zh-CN', issue)).toMatch(/^统计期间最长 \d+ 个月$/);
    expect(issue && issueText('en-US', issue)).toMatch(/^a period of at most \d+ months$/);
    // zod's own messages are not ours: unchanged.
    const plain = z.string().safeParse(1).error?.issues[0];
    expect(plain && issueText('zh-CN', plain)).toBe(plain?.message);
  });
});

// --- No English custom message in a schema ---------------------------------------------------------------

/** zod methods whose argument at the index may be a custom message (a string, or `{ message }` / `{ error }`). */
const MESSAGE_ARG: Record<string, number> = {
  regex: 1,
  refine: 1,
  min: 1,
  max: 1,
  length: 1,
  gt: 1,
  gte: 1,
  lt: 1,
  lte: 1,
  multipleOf: 1,
  includes: 1,
  startsWith: 1,
  endsWith: 1,
  addIssue: 0,
  email: 0,
  url: 0,
  uuid: 0,
  int: 0,
  positive: 0,
  nonnegative: 0,
  negative: 0,
  nonpositive: 0,
  nonempty: 0,
};

/**
 * A message written as text (a literal or a template) where a schema should name a catalog key with `vm(…)`, or a
 * field issue (`{ path, message }`) a service writes by hand where it should use `fieldIssue(path, key)`.
 */
function literalMessages(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const isText = (e: ts.Expression) => ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e);
  const isKey = (e: ts.Expression) => ts.isStringLiteral(e) && Object.hasOwn(VALIDATION_MESSAGES, e.text);
  const check = (arg: ts.Expression | undefined) => {
    if (!arg) return;
    if (isText(arg) && !isKey(arg)) found.push(arg.getText());
    if (ts.isObjectLiteralExpression(arg))
      for (const p of arg.properties)
        if (ts.isPropertyAssignment(p) && ['message', 'error'].includes(p.name.getText()) && isText(p.initializer) && !isKey(p.initializer))
          found.push(p.initializer.getText());
  };
  const visit = (node: ts.Node) => {
    // A field issue a service builds by hand: { path, message: '…' }.
    if (ts.isObjectLiteralExpression(node)) {
      const props = node.properties.filter(ts.isPropertyAssignment);
      const message = props.find((p) => p.name.getText() === 'message');
      if (message && props.some((p) => p.name.getText() === 'path') && isText(message.initializer) && !isKey(message.initializer))
        found.push(message.initializer.getText());
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const index = MESSAGE_ARG[name];
      // String.prototype.includes/startsWith/endsWith take a string too: only a zod chain (a call before the dot) counts.
      const onChain = ts.isCallExpression(node.expression.expression) || name === 'addIssue';
      if (index !== undefined && onChain) check(node.arguments[index]);
      // z.string({ error: '…' }), z.number({ message: '…' }) …
      if (node.expression.expression.getText() === 'z') for (const a of node.arguments) if (ts.isObjectLiteralExpression(a)) check(a);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('custom validation messages are catalog keys', () => {
  it('the scan finds a message written as text (the check can fail)', () => {
    const sample = [
      "const A = z.string().regex(/^x$/, 'an x');",
      "const B = z.string().trim().min(2, { message: 'two at least' });",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      'const C = z.object({}).superRefine((v, ctx) => ctx.addIssue({ code: "custom", message: `bad ${v}` }));',
      "const D = z.string({ error: 'text please' });",
      "const E = z.string().refine((s) => s !== '', 'not empty');",
      "throw unprocessable('X.Y', { issues: [{ path: 'body.name', message: 'taken' }] });",
      "const ok = z.string().regex(/^x$/, vm('valid.day')).refine((s) => s.includes('x'), { message: 'valid.phone' });",
    ].join('\n');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    expect(literalMessages('sample.ts', sample)).toEqual(["'an x'", "'two at least'", '`bad ${v}`', "'text please'", "'not empty'", "'taken'"]);
  });

  it('in the shared schemas and the server’s schemas and field issues', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const files = [...sourceFiles(path.join(root, 'packages/shared/src')), ...sourceFiles(path.join(root, 'server/src'))];
    expect(files.length).toBeGreaterThan(100);
    // Only files that use zod or write a `message` can hold one; parsing the rest is wasted time.
    const zodFiles = files.map((f) => ({ f, text: fs.readFileSync(f, 'utf8') })).filter(({ text }) => /\bz\.|addIssue|\.refine\(|\.regex\(|message/.test(text));
    const found = zodFiles.flatMap(({ f, text }) => literalMessages(f, text).map((m) => `${path.relative(root, f)}: ${m}`));
    expect(found).toEqual([]);
  });
});
