import { describe, expect, it } from 'vitest';
import { itemStatistics, STATS_THRESHOLDS } from './items.stats.ts';

/** n candidates with totals 0..n-1 out of n; the item is right for those whose total ≥ cut. */
function cohort(n: number, right: (i: number) => boolean) {
  return Array.from({ length: n }, (_, i) => ({ score: right(i) ? 1 : 0, maxScore: 1, total: i + (right(i) ? 1 : 0) }));
}

describe('item statistics', () => {
  it('facility is the mean score share', () => {
    const s = itemStatistics([
      { score: 1, maxScore: 1, total: 10 },
      { score: 0, maxScore: 1, total: 4 },
      { score: 1, maxScore: 1, total: 7 },
      { score: 0, maxScore: 1, total: 3 },
    ]);
    expect(s.pValue).toBe(0.5);
    expect(s.discrimination).toBeGreaterThan(0.8);
  });

  it('matches the point-biserial formula for a dichotomous item', () => {
    const rs = [
      { score: 1, maxScore: 1, total: 9 },
      { score: 1, maxScore: 1, total: 7 },
      { score: 0, maxScore: 1, total: 6 },
      { score: 1, maxScore: 1, total: 5 },
      { score: 0, maxScore: 1, total: 2 },
    ];
    // rest scores 8,6,6,4,2; r_pb = (M1 − M0)/s · sqrt(p q), s the population SD of the rest scores
    const rest = [8, 6, 6, 4, 2];
    const mean = rest.reduce((a, b) => a + b) / 5;
    const sd = Math.sqrt(rest.reduce((a, b) => a + (b - mean) ** 2, 0) / 5);
    const expected = (((8 + 6 + 4) / 3 - (6 + 2) / 2) / sd) * Math.sqrt(0.6 * 0.4);
    expect(itemStatistics(rs).discrimination).toBeCloseTo(expected, 3);
  });

  it('flags an item nearly everyone answers right as too easy, and one that does not separate strong from weak', () => {
    const easy = itemStatistics(cohort(40, (i) => (i !== 0 && i !== 1) || i === 1));
    expect(easy.pValue).toBeGreaterThan(STATS_THRESHOLDS.tooEasy);
    expect(easy.flagReasons).toContain('too_easy');
    const reversed = itemStatistics(cohort(40, (i) => i < 20));
    expect(reversed.discrimination).toBeLessThan(0);
    expect(reversed.flagReasons).toEqual(['low_discrimination']);
  });

  it('a good item is not flagged; a hard one is', () => {
    expect(itemStatistics(cohort(40, (i) => i >= 20)).flagReasons).toEqual([]);
    expect(itemStatistics(cohort(40, (i) => i >= 35)).flagReasons).toContain('too_hard');
  });

  it('raises no flag below the minimum number of responses', () => {
    const s = itemStatistics(cohort(STATS_THRESHOLDS.minResponses - 1, (i) => i < 5));
    expect(s.flagReasons).toEqual([]);
    expect(s.pValue).not.toBeNull();
  });
});
