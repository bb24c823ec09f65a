import { createHash } from 'node:crypto';
import type { ItemType } from '@skillcert/shared/api/banks';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A uniform index in 0 … size−1 (size ≥ 1), drawn from a seeded generator. */
export type RandomIndex = (size: number) => number;

/**
 * Seeded randomness for the papers module: the first 32 bits of sha256(seed) seed a xoroshiro128+ generator.
 * The same seed always yields the same sequence; the generator is private to the returned function.
 */
export function seededIndex(seed: string): RandomIndex {
  const rng = xoroshiro128plus(createHash('sha256').update(seed, 'utf8').digest().readInt32BE(0));
  return (size) => (size <= 1 ? 0 : uniformInt(rng, 0, size - 1));
}

/** In-place Fisher–Yates shuffle. */
function shuffleInPlace<T>(xs: T[], random: RandomIndex): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = random(i + 1);
    const t = xs[i] as T;
    xs[i] = xs[j] as T;
    xs[j] = t;
  }
}

const hasShuffledOptions = (type: ItemType) => type === 'single' || type === 'multiple';
const optionLabel = (i: number) => String.fromCharCode(65 + i);

/**
 * One candidate's copy of a paper (考生卷): reproducible from sha256(paperSeed + '\n' + candidate).
 * Sections — consecutive runs of one item type — stay in place and in order; items are shuffled inside
 * their section. Options of single and multiple choice items are shuffled and relabelled A, B, C … in the
 * shown order, `answer` is rewritten to the new labels (in label order), and `originalKeys[i]` is the stored
 * key of the option shown at position i. 判断, 简答 and 实操 items keep their options (originalKeys = keys).
 */
export function shuffleForCandidate<T extends { type: ItemType; options: { key: string; text: string }[]; answer: string[] }>(
  items: readonly T[],
  paperSeed: string,
  candidate: string,
): Array<T & { originalKeys: string[] }> {
  const random = seededIndex(`${paperSeed}\n${candidate}`);
  const order: T[] = [];
  for (let start = 0; start < items.length; ) {
    let end = start + 1;
    while (end < items.length && items[end]?.type === items[start]?.type) end++;
    const section = items.slice(start, end);
    shuffleInPlace(section, random);
    order.push(...section);
    start = end;
  }
  return order.map((item) => {
    if (!hasShuffledOptions(item.type)) return { ...item, originalKeys: item.options.map((o) => o.key) };
    const options = [...item.options];
    shuffleInPlace(options, random);
    const relabel = new Map(options.map((o, i) => [o.key, optionLabel(i)]));
    const answer = item.answer.map((key) => {
      const label = relabel.get(key);
      if (label === undefined) throw new RangeError(`answer key "${key}" names no option of the item`);
      return label;
    });
    return {
      ...item,
      options: options.map((o, i) => ({ ...o, key: optionLabel(i) })),
      answer: answer.sort(),
      originalKeys: options.map((o) => o.key),
    } as T & { originalKeys: string[] };
  });
}
