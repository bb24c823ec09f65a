import { describe, expect, it } from 'vitest';
import { findBadText, isBadText } from './edge-text.ts';

describe('NUL and lone surrogates at the edge', () => {
  it('tells sound text from NUL and lone surrogates', () => {
    expect(isBadText('职业技能 ok 😀')).toBe(false);
    expect(isBadText('a\u0000b')).toBe(true);
    expect(isBadText('\uD800')).toBe(true);
    expect(isBadText('x\uDC00')).toBe(true);
    expect(isBadText('\uDE00\uD83D')).toBe(true); // reversed pair
    expect(isBadText('\uD83D\uDE00')).toBe(false);
  });

  it('names the first bad string at any depth, keys included', () => {
    expect(findBadText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, 'body')).toBe('body.a.1.c');
    expect(findBadText({ ['k\uD800']: 1 }, 'body')).toBe('body.k\\ud800');
    expect(findBadText({ a: 1, b: null, c: true, d: ['ok'] }, 'body')).toBeNull();
    expect(findBadText('\u0000', 'body')).toBe('body');
    expect(findBadText(undefined, 'body')).toBeNull();
  });

  it('walks very deep nesting without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findBadText(deep, 'body')?.startsWith('body.0.0.0')).toBe(true);
  });
});
