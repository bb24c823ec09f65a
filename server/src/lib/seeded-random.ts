import { createHash } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Seeded, replayable randomness for seat arrangement and examiner draws: sha256(seed) seeds a xoroshiro128+
 * generator (pure-rand), so the same seed string always gives the same sequence on every machine and Node version.
 */
export type RandomIndex = (size: number) => number;

export function seededIndex(seed: string): RandomIndex {
  const rng = xoroshiro128plus(createHash('sha256').update(seed, 'utf8').digest().readInt32BE(0));
  return (size) => (size <= 1 ? 0 : uniformInt(rng, 0, size - 1));
}

/** A shuffled copy (Fisher–Yates) driven by `random`. */
export function shuffled<T>(xs: readonly T[], random: RandomIndex): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}
