import { describe, expect, it } from 'vitest';
import { duplicateCodes, weightProblems } from './blueprints.rules.ts';

const area = (code: string, weight: number, points: [string, number][] = []) => ({ code, weight, points: points.map(([c, w]) => ({ code: c, weight: w })) });

describe('blueprint weights', () => {
  it('a whole blueprint has no problems', () => {
    const theory = [
      area('1', 5),
      area('2', 25, [
        ['2.1', 10],
        ['2.2', 15],
      ]),
      area('3', 70),
    ];
    expect(weightProblems({ theory, skills: [area('A', 100)] })).toEqual([]);
  });

  it('names the part whose areas do not add up to 100 and the area whose points do not add up to its weight', () => {
    const theory = [
      area('1', 5),
      area('2', 25, [
        ['2.1', 10],
        ['2.2', 14],
      ]),
      area('3', 60),
    ];
    expect(weightProblems({ theory, skills: [] })).toEqual([
      { part: 'theory', areaCode: null, sum: 90, expected: 100 },
      { part: 'theory', areaCode: '2', sum: 24, expected: 25 },
      { part: 'skills', areaCode: null, sum: 0, expected: 100 },
    ]);
  });

  it('tolerates binary fractions (33.33 + 33.33 + 33.34)', () => {
    expect(weightProblems({ theory: [area('1', 33.33), area('2', 33.33), area('3', 33.34)], skills: [area('A', 100)] })).toEqual([]);
  });

  it('finds repeated codes across areas and points', () => {
    expect(duplicateCodes([area('1', 50, [['1.1', 50]]), area('1.1', 50)])).toEqual(['1.1']);
  });
});
