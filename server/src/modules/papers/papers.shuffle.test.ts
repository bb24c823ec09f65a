import { ITEM_TYPES, type ItemType } from '@skillcert/shared/api/banks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededIndex, shuffleForCandidate } from './papers.shuffle.ts';

interface TestItem {
  id: string;
  type: ItemType;
  options: { key: string; text: string }[];
  answer: string[];
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));

function item(id: string, type: ItemType, optionCount: number, correct: number[]): TestItem {
  const choice = type === 'single' || type === 'multiple';
  const options = choice ? keys(optionCount).map((key, i) => ({ key, text: `${id}-选项${i}` })) : [];
  const answer = choice ? correct.map((i) => keys(optionCount)[i] as string) : type === 'judge' ? ['true'] : [];
  return { id, type, options, answer };
}

/** A paper: sections of one type each, in order, with valid single / multiple choice answers. */
const arbPaper: fc.Arbitrary<TestItem[]> = fc
  .array(
    fc.record({
      type: fc.constantFrom(...ITEM_TYPES),
      items: fc.array(
        fc
          .integer({ min: 3, max: 8 })
          .chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 2, maxLength: n }))),
        { minLength: 1, maxLength: 8 },
      ),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((sections) => {
    let next = 0;
    return sections.flatMap(({ type, items }) =>
      items.map(([n, correct]) =>
        type === 'single' ? item(`q${next++}`, type, n - 1, [(correct[0] as number) % (n - 1)]) : item(`q${next++}`, type, n, correct),
      ),
    );
  });

/** The maximal runs of one type: [type, ids]. */
const runsOf = (items: readonly TestItem[]) => {
  const runs: [ItemType, string[]][] = [];
  for (const it of items) {
    const last = runs[runs.length - 1];
    if (last && last[0] === it.type) last[1].push(it.id);
    else runs.push([it.type, [it.id]]);
  }
  return runs;
};

const answerTexts = (it: { options: { key: string; text: string }[]; answer: string[] }) =>
  it.answer.map((k) => it.options.find((o) => o.key === k)?.text ?? `?${k}`).sort();

describe('shuffleForCandidate', () => {
  it('shuffles items inside their sections and options inside choice items, remapping the answer', () => {
    const paper = [
      item('q1', 'single', 4, [2]),
      item('q2', 'single', 4, [0]),
      item('q3', 'single', 4, [3]),
      item('q4', 'multiple', 5, [0, 3]),
      item('q5', 'judge', 0, []),
      item('q6', 'practical', 0, []),
    ];
    const copy = shuffleForCandidate(paper, 'paper-seed', '310115200501010011');
    expect(copy.map((i) => i.type)).toEqual(paper.map((i) => i.type));
    expect(new Set(copy.slice(0, 3).map((i) => i.id))).toEqual(new Set(['q1', 'q2', 'q3']));
    for (const shown of copy) {
      const original = paper.find((p) => p.id === shown.id) as TestItem;
      expect(answerTexts(shown)).toEqual(answerTexts(original));
      expect(shown.options.map((o) => o.key)).toEqual(keys(original.options.length));
      expect(shown.originalKeys.map((k) => original.options.find((o) => o.key === k)?.text)).toEqual(shown.options.map((o) => o.text));
    }
    expect(copy[4]).toEqual({ ...paper[4], originalKeys: [] });
    expect(copy[5]).toEqual({ ...paper[5], originalKeys: [] });
  });

  it('gives each candidate a different order, and the same candidate the same one', () => {
    const paper = Array.from({ length: 20 }, (_, i) => item(`q${i}`, 'single', 4, [i % 4]));
    const a = shuffleForCandidate(paper, 'seed', 'cand-a');
    expect(shuffleForCandidate(paper, 'seed', 'cand-a')).toEqual(a);
    expect(shuffleForCandidate(paper, 'seed', 'cand-b').map((i) => i.id)).not.toEqual(a.map((i) => i.id));
    expect(shuffleForCandidate(paper, 'other-seed', 'cand-a').map((i) => i.id)).not.toEqual(a.map((i) => i.id));
  });

  it('refuses an answer key that names no option', () => {
    expect(() =>
      shuffleForCandidate(
        [
          {
            id: 'q',
            type: 'single',
            options: [
              { key: 'A', text: 'x' },
              { key: 'B', text: 'y' },
            ],
            answer: ['C'],
          },
        ],
        's',
        'c',
      ),
    ).toThrow(RangeError);
  });

  it('property: a reproducible permutation that keeps sections in place and answers on the same option texts', () => {
    fc.assert(
      fc.property(arbPaper, fc.string(), fc.string(), (paper, seed, candidate) => {
        const copy = shuffleForCandidate(paper, seed, candidate);
        expect(shuffleForCandidate(paper, seed, candidate)).toEqual(copy);
        // sections stay contiguous and in order; each holds the same items
        expect(copy.map((i) => i.type)).toEqual(paper.map((i) => i.type));
        expect(runsOf(copy).map(([t, ids]) => [t, [...ids].sort()])).toEqual(runsOf(paper).map(([t, ids]) => [t, [...ids].sort()]));
        const byId = new Map(paper.map((p) => [p.id, p]));
        for (const shown of copy) {
          const original = byId.get(shown.id) as TestItem;
          expect(shown.originalKeys).toHaveLength(original.options.length);
          if (shown.type === 'single' || shown.type === 'multiple') {
            // options: a permutation, relabelled A, B, … in the shown order; the answer names the same texts
            expect(shown.options.map((o) => o.key)).toEqual(keys(original.options.length));
            expect([...shown.originalKeys].sort()).toEqual(original.options.map((o) => o.key));
            expect(shown.originalKeys.map((k) => original.options.find((o) => o.key === k)?.text)).toEqual(shown.options.map((o) => o.text));
            expect(answerTexts(shown)).toEqual(answerTexts(original));
            expect(shown.answer).toEqual([...shown.answer].sort());
          } else {
            expect({ options: shown.options, answer: shown.answer, originalKeys: shown.originalKeys }).toEqual({
              options: original.options,
              answer: original.answer,
              originalKeys: original.options.map((o) => o.key),
            });
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('seededIndex', () => {
  it('draws reproducible, in-range, roughly uniform indices', () => {
    const a = seededIndex('s');
    const b = seededIndex('s');
    const draws = Array.from({ length: 6000 }, () => a(6));
    expect(Array.from({ length: 6000 }, () => b(6))).toEqual(draws);
    const counts = [0, 1, 2, 3, 4, 5].map((k) => draws.filter((d) => d === k).length);
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(seededIndex('t')(1_000_000)).not.toBe(seededIndex('s')(1_000_000));
    expect(a(1)).toBe(0);
  });
});
