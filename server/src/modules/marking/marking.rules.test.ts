import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreement,
  checkDecisionScore,
  checkMark,
  finalScore,
  itemThreshold,
  markersRequired,
  mayMark,
  mayRemark,
  panelRequired,
  partScore,
  type Rubric,
  rubricWithIds,
  taskScore,
} from './marking.rules.ts';

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

describe('ratios, re-marks and part scores', () => {
  it('R9: each candidate is marked by the profile’s number of examiners, at least 2, at most the group’s', () => {
    expect(markersRequired(2, 3)).toBe(2);
    expect(markersRequired(1, 3)).toBe(2);
    expect(markersRequired(3, 3)).toBe(3);
    expect(markersRequired(3, 2)).toBe(2);
    expect(markersRequired(2, 1)).toBe(1);
  });
  it('R9: a re-mark is by a different examiner than those who marked or decided the item', () => {
    expect(mayRemark('e3', ['e1', 'e2'])).toBeNull();
    expect(mayRemark('e1', ['e1', 'e2'])).toBe('MARK.REMARK_SAME_EXAMINER');
  });
  it('the threshold per 100 points scales to the item’s points', () => {
    expect(itemThreshold(10, 100)).toBe(10);
    expect(itemThreshold(10, 40)).toBe(4);
  });
  it('a part is scaled to 100 only when the paper’s total is not 100', () => {
    expect(partScore(73.5, 100)).toBe(73.5);
    expect(partScore(30, 40)).toBe(75);
    expect(partScore(0, 0)).toBe(0);
  });
  it('the chief examiner’s score lies within the item’s points in half points', () => {
    expect(checkDecisionScore(7.5, 10)).toBe(true);
    expect(checkDecisionScore(10.5, 10)).toBe(false);
    expect(checkDecisionScore(-1, 10)).toBe(false);
    expect(checkDecisionScore(3.3, 10)).toBe(false);
  });
  it('a re-mark replaces the decided or agreed score; an open item has none', () => {
    expect(finalScore(agreement([6, 8], 2, 4), null)).toBe(7);
    expect(finalScore(agreement([2, 9], 2, 4), null)).toBeNull();
    expect(finalScore(agreement([2, 9], 2, 4, 5), null)).toBe(5);
    expect(finalScore(agreement([2, 9], 2, 4, 5), 8)).toBe(8);
    expect(finalScore(agreement([2], 2, 4), null)).toBeNull();
  });
  it('criteria and veto items get ids by position', () => {
    expect(rubricWithIds({ criteria: [{ text: 'a', points: 6 }], vetoes: ['x'] })).toEqual({
      criteria: [{ id: 'c0', text: 'a', points: 6 }],
      vetoes: [{ id: 'v0', text: 'x' }],
    });
    expect(rubricWithIds(null)).toEqual({ criteria: [], vetoes: [] });
  });
});

describe('综合评审 panel', () => {
  it('R9: a review panel has at least 3 members, an odd number, and every member scores', () => {
    expect(panelRequired(3, 3, true)).toBe(3);
    expect(panelRequired(5, 3, true)).toBe(5);
    expect(panelRequired(4, 3, true)).toBe('MARK.PANEL_INVALID');
    expect(panelRequired(4, 3, false)).toBe(4);
    expect(panelRequired(2, 1, false)).toBe('MARK.PANEL_INVALID');
  });
});
