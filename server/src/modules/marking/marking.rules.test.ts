import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreement, checkMark, mayMark, type Rubric, taskScore } from './marking.rules.ts';

const rubric: Rubric = {
  criteria: [
    { id: 'c1', text: '安全防护措施到位', points: 20 },
    { id: 'c2', text: '接线正确', points: 50 },
    { id: 'c3', text: '工艺规范', points: 30 },
  ],
  vetoes: [{ id: 'v1', text: '带电作业' }],
};

describe('a mark against the rubric (评分细则)', () => {
  it('reports every problem at once: unknown, missing, twice, out of range, unknown veto', () => {
    const issues = checkMark(rubric, {
      scores: [
        { criterionId: 'c1', score: 21 },
        { criterionId: 'c2', score: 40 },
        { criterionId: 'c2', score: 40 },
        { criterionId: 'x', score: 1 },
      ],
      vetoes: ['v9'],
    });
    expect(issues.map((i) => i.code).sort()).toEqual(
      ['MARK.CRITERION_MISSING', 'MARK.CRITERION_TWICE', 'MARK.CRITERION_UNKNOWN', 'MARK.SCORE_OUT_OF_RANGE', 'MARK.VETO_UNKNOWN'].sort(),
    );
    expect(issues).toContainEqual({ code: 'MARK.SCORE_OUT_OF_RANGE', criterionId: 'c1', score: 21, max: 20 });
  });

  it('half points are allowed, finer fractions and negatives are not', () => {
    const mark = (s: number) => ({
      scores: [
        { criterionId: 'c1', score: s },
        { criterionId: 'c2', score: 50 },
        { criterionId: 'c3', score: 30 },
      ],
      vetoes: [],
    });
    expect(checkMark(rubric, mark(12.5))).toEqual([]);
    expect(checkMark(rubric, mark(12.3))[0]?.code).toBe('MARK.SCORE_OUT_OF_RANGE');
    expect(checkMark(rubric, mark(-1))[0]?.code).toBe('MARK.SCORE_OUT_OF_RANGE');
    expect(checkMark(rubric, mark(Number.NaN))[0]?.code).toBe('MARK.SCORE_OUT_OF_RANGE');
  });

  it('a veto item (否决项) fails the task whatever the criteria say', () => {
    const scores = [
      { criterionId: 'c1', score: 20 },
      { criterionId: 'c2', score: 50 },
      { criterionId: 'c3', score: 30 },
    ];
    expect(taskScore({ scores, vetoes: [] })).toBe(100);
    expect(taskScore({ scores, vetoes: ['v1'] })).toBe(0);
  });
});

describe('several examiners, one score', () => {
  it('waits for the required marks, then averages when they agree', () => {
    expect(agreement([80], 2, 10)).toEqual({ status: 'waiting', received: 1, required: 2 });
    expect(agreement([80, 86], 2, 10)).toEqual({ status: 'agreed', score: 83, spread: 6 });
  });

  it('a spread over the threshold goes to the chief examiner, whose decision is final', () => {
    expect(agreement([60, 75], 2, 10)).toEqual({ status: 'disputed', spread: 15, threshold: 10 });
    expect(agreement([60, 75], 2, 10, 70)).toEqual({ status: 'decided', score: 70, spread: 15, by: 'chief' });
  });

  it('an agreed score always lies between the lowest and highest mark', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 200 }).map((n) => n / 2),
          { minLength: 2, maxLength: 5 },
        ),
        (scores) => {
          const a = agreement(scores, scores.length, 100);
          return a.status === 'agreed' && a.score >= Math.min(...scores) - 0.01 && a.score <= Math.max(...scores) + 0.01;
        },
      ),
    );
  });

  it('R9: only an examiner drawn for the candidate’s group marks it', () => {
    expect(mayMark('e1', ['e1', 'e2', 'e3'])).toBeNull();
    expect(mayMark('e9', ['e1', 'e2', 'e3'])).toBe('MARK.NOT_DRAWN');
  });
});
