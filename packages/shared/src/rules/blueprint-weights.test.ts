import { describe, expect, it } from 'vitest';
import { weightProblems } from './blueprint-weights.ts';

const area = (code: string, weight: number, points: [string, number][] = []) => ({ code, weight, points: points.map(([c, w]) => ({ code: c, weight: w })) });

describe('weightProblems (server and blueprint editor share it)', () => {
  it('a whole blueprint has no problems', () => {
    expect(
      weightProblems({
        theory: [
          area('1', 40),
          area('2', 60, [
            ['2.1', 30],
            ['2.2', 30],
          ]),
        ],
        skills: [area('A', 100)],
      }),
    ).toEqual([]);
  });
  it('a part whose areas add up to 80 is named with its sum', () => {
    expect(weightProblems({ theory: [area('1', 30), area('2', 50)], skills: [area('A', 100)] })).toEqual([
      { part: 'theory', areaCode: null, sum: 80, expected: 100 },
    ]);
  });
  it('points that do not add up to their area are named by area code', () => {
    expect(
      weightProblems({
        theory: [
          area('1', 100, [
            ['1.1', 60],
            ['1.2', 30],
          ]),
        ],
        skills: [area('A', 100)],
      }),
    ).toEqual([{ part: 'theory', areaCode: '1', sum: 90, expected: 100 }]);
  });
});
