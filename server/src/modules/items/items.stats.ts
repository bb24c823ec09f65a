/**
 * Classical item statistics from real responses.
 * - Facility (p-value): mean share of the item's points candidates scored, 0 … 1.
 * - Discrimination: point-biserial correlation between the item score and the candidate's score on the rest of the
 *   paper (corrected item-total; for dichotomous items this is the point-biserial, for partial credit the Pearson r).
 * Thresholds follow the usual classical-test-theory reading (Ebel & Frisbie): an item nearly everyone or nearly
 * no one answers is not measuring, and a discrimination below 0.20 is poor.
 */
export const STATS_THRESHOLDS = {
  /** Fewer responses than this: figures are shown, no flag is raised. */
  minResponses: 20,
  tooHard: 0.2,
  tooEasy: 0.9,
  lowDiscrimination: 0.2,
} as const;

export type FlagReason = 'too_easy' | 'too_hard' | 'low_discrimination';

export interface Response {
  score: number;
  maxScore: number;
  /** The candidate's total on the same paper, this item included. */
  total: number;
}

export interface ItemStatistics {
  responses: number;
  pValue: number | null;
  discrimination: number | null;
  flagReasons: FlagReason[];
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

export function itemStatistics(responses: readonly Response[], thresholds = STATS_THRESHOLDS): ItemStatistics {
  const n = responses.length;
  if (n === 0) return { responses: 0, pValue: null, discrimination: null, flagReasons: [] };
  const shares = responses.map((r) => (r.maxScore > 0 ? Math.min(1, Math.max(0, r.score / r.maxScore)) : 0));
  const p = shares.reduce((a, b) => a + b, 0) / n;
  const r = pearson(
    responses.map((x) => x.score),
    responses.map((x) => x.total - x.score),
  );
  const flagReasons: FlagReason[] = [];
  if (n >= thresholds.minResponses) {
    if (p < thresholds.tooHard) flagReasons.push('too_hard');
    if (p > thresholds.tooEasy) flagReasons.push('too_easy');
    if (r === null || r < thresholds.lowDiscrimination) flagReasons.push('low_discrimination');
  }
  return { responses: n, pValue: round4(p), discrimination: r === null ? null : round4(r), flagReasons };
}
