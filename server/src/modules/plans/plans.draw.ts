import { AppError, ruleViolation } from '../../http/errors.ts';
import { seededIndex, shuffled } from '../../lib/seeded-random.ts';

/**
 * R9 — examiners for a practical group (考评组) drawn at random from the eligible roster, excluding declared
 * conflicts (回避). Pure and replayable: the log holds the seed, the eligible ids, the excluded ids and the full
 * drawn order, so a supervisor can run `replayDraw(log, count)` and get the same examiners.
 *
 * Method: the eligible ids are sorted (so the order they were listed in does not matter), the excluded removed, the
 * rest shuffled by Fisher–Yates from sha256(seed) (xoroshiro128+), and the first `count` taken.
 */
export interface DrawLog {
  seed: string;
  /** Every eligible id, sorted, conflicts included. */
  eligible: string[];
  /** The ids left out for a conflict, sorted. */
  excluded: string[];
  /** The whole shuffled pool; the drawn examiners are its first `count`. */
  order: string[];
}

export interface DrawInput {
  eligible: { id: string; name: string }[];
  /** ids to exclude */
  conflicts: Set<string>;
  count: number;
  seed: string;
}

function drawOrder(seed: string, eligible: readonly string[], excluded: readonly string[]): string[] {
  const out = new Set(excluded);
  return shuffled(
    eligible.filter((id) => !out.has(id)),
    seededIndex(`examiner-draw\n${seed}`),
  );
}

function checkCount(count: number, available: number, eligible: number, excluded: number): void {
  if (!Number.isInteger(count) || count < 1) throw new AppError(400, 'PLAN.DRAW_COUNT', { count });
  if (available < count) {
    const params = { needed: count, available, excluded };
    throw ruleViolation('R9', 'PLAN.DRAW_TOO_FEW', { ...params, eligible }, params);
  }
}

export function drawExaminers(input: DrawInput): { drawn: string[]; log: DrawLog } {
  const eligible = [...new Set(input.eligible.map((e) => e.id))].sort();
  const excluded = eligible.filter((id) => input.conflicts.has(id));
  const order = drawOrder(input.seed, eligible, excluded);
  checkCount(input.count, order.length, eligible.length, excluded.length);
  return { drawn: order.slice(0, input.count), log: { seed: input.seed, eligible, excluded, order } };
}

/**
 * Runs the draw again from its log. Throws PLAN.DRAW_LOG_MISMATCH when the recorded order is not what the seed and
 * lists give (the log was altered), so a replay that returns is a proof that the draw was this one.
 */
export function replayDraw(log: DrawLog, count: number): string[] {
  const eligible = [...new Set(log.eligible)].sort();
  const order = drawOrder(log.seed, eligible, log.excluded);
  if (order.length !== log.order.length || order.some((id, i) => log.order[i] !== id)) {
    throw new AppError(409, 'PLAN.DRAW_LOG_MISMATCH', { seed: log.seed });
  }
  checkCount(count, order.length, eligible.length, log.excluded.length);
  return order.slice(0, count);
}
