import { createHash } from 'node:crypto';
import { ITEM_TYPES, type ItemType } from '@skillcert/shared/api/banks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeStem } from '../items/items.rules.ts';
import {
  type AssembledPaper,
  type AssemblyArea,
  type AssemblyRequest,
  type AssemblyResult,
  assemblePapers,
  isNearDuplicate,
  NEAR_DUPLICATE_JACCARD,
  type PoolItem,
} from './papers.assembly.ts';
import { round2 } from '@skillcert/shared/numbers';

// --- Fixtures --------------------------------------------------------------------------------------------

const VOCAB = Array.from(
  new Set(
    '电压电流电阻功率欧姆定律串联并联磁场感应线圈变压器绝缘接地保护继电器接触器熔断器断路开关按钮动机启制正反转星三角降安全操作规程职业道德爱岗敬业诚实守信遵纪法万用表兆钳形测量导线截面载流相序频率交直整桥晶闸管二极放大',
  ),
);

/** A stem that shares nothing but its frame with any other label's stem. */
function stemFor(label: string, length = 16): string {
  const bytes = createHash('sha256').update(label).digest();
  let body = '';
  for (let i = 0; i < length; i++) body += VOCAB[((bytes[i % bytes.length] as number) * (i + 1)) % VOCAB.length];
  return `下列关于${body}的说法，正确的是（ ）。`;
}

/** 电工 四级 (中级工) 理论知识比重表. */
const ELECTRICIAN: AssemblyArea[] = [
  {
    code: '1',
    name: '职业道德',
    weight: 5,
    points: [
      { code: '1.1', weight: 3 },
      { code: '1.2', weight: 2 },
    ],
  },
  {
    code: '2',
    name: '基础知识',
    weight: 25,
    points: [
      { code: '2.1', weight: 10 },
      { code: '2.2', weight: 15 },
    ],
  },
  {
    code: '3',
    name: '电工基础',
    weight: 30,
    points: [
      { code: '3.1', weight: 15 },
      { code: '3.2', weight: 10 },
      { code: '3.3', weight: 5 },
    ],
  },
  {
    code: '4',
    name: '电气控制',
    weight: 40,
    points: [
      { code: '4.1', weight: 20 },
      { code: '4.2', weight: 20 },
    ],
  },
];

/** 单选 60 × 1, 多选 10 × 2, 判断 20 × 1: 90 items, 100 points. */
const THEORY_REQUEST: AssemblyRequest = {
  areas: ELECTRICIAN,
  sections: [
    { type: 'single', count: 60, points: 1 },
    { type: 'multiple', count: 10, points: 2 },
    { type: 'judge', count: 20, points: 1 },
  ],
  variants: 1,
  difficultyTarget: null,
  tolerance: 2,
  seed: 'dg-2025-04',
};

const request = (over: Partial<AssemblyRequest>): AssemblyRequest => ({ ...THEORY_REQUEST, ...over });

/** `perCell` items for every (area, type) of the request, spread over the area's points, difficulties 1 … 5. */
function makePool(req: AssemblyRequest, perCell: number, over: (item: PoolItem, i: number) => Partial<PoolItem> = () => ({})): PoolItem[] {
  const pool: PoolItem[] = [];
  for (const area of req.areas) {
    for (const type of new Set(req.sections.map((s) => s.type))) {
      for (let i = 0; i < perCell; i++) {
        const id = `${area.code}-${type}-${String(i).padStart(4, '0')}`;
        const item: PoolItem = {
          id,
          version: 1,
          type,
          areaCode: area.code,
          pointCode: area.points.length ? (area.points[i % area.points.length] as { code: string }).code : null,
          difficulty: 1 + (i % 5),
          stem: stemFor(id),
          recentlyUsed: false,
        };
        pool.push({ ...item, ...over(item, i) });
      }
    }
  }
  return pool;
}

function papersOf(result: AssemblyResult): AssembledPaper[] {
  if (!result.ok) throw new Error(`expected papers, got ${result.reason}: ${JSON.stringify(result)}`);
  return result.papers;
}

/** Test oracle for near-duplicates, computed once per stem: normalized text and its character bigrams. */
function bigramsOf(stem: string): { norm: string; grams: Set<string> } {
  const chars = Array.from(normalizeStem(stem));
  return { norm: chars.join(''), grams: new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`)) };
}
function oracleNearDuplicate(a: { norm: string; grams: Set<string> }, b: { norm: string; grams: Set<string> }): boolean {
  if (a.norm === b.norm) return true;
  const shared = [...a.grams].filter((g) => b.grams.has(g)).length;
  const union = a.grams.size + b.grams.size - shared;
  return union > 0 && shared / union >= NEAR_DUPLICATE_JACCARD;
}

/**
 * Everything an assembled result must satisfy, whatever the pool and request. Violations are collected as
 * strings and compared once, so that a property run stays fast and a failure lists every broken rule.
 */
function expectValidPapers(result: AssemblyResult, pool: readonly PoolItem[], req: AssemblyRequest): void {
  const papers = papersOf(result);
  const byId = new Map(pool.map((p) => [p.id, p]));
  const total = req.sections.reduce((s, x) => s + x.count * x.points, 0);
  const problems: string[] = [];
  const check = (ok: boolean, problem: () => string) => {
    if (!ok) problems.push(problem());
  };
  check(papers.map((p) => p.variant).join('') === 'ABCDEF'.slice(0, req.variants), () => `variants ${papers.map((p) => p.variant)}`);
  const seen = new Set<string>();
  for (const paper of papers) {
    const tag = (what: string) => `${paper.variant}: ${what}`;
    // sections: exact counts, in request order, within a section by area order
    let at = 0;
    for (const [s, section] of req.sections.entries()) {
      const slice = paper.items.slice(at, at + section.count);
      check(slice.length === section.count, () => tag(`section ${s} has ${slice.length} items, not ${section.count}`));
      check(
        slice.every((i) => i.type === section.type && i.points === section.points),
        () => tag(`section ${s} holds items of another type or value`),
      );
      const areaOrder = slice.map((i) => req.areas.findIndex((a) => a.code === i.areaCode));
      check(
        areaOrder.every((x, k) => k === 0 || (areaOrder[k - 1] as number) <= x),
        () => tag(`section ${s} not in area order: ${areaOrder}`),
      );
      at += section.count;
    }
    check(paper.items.length === at, () => tag(`${paper.items.length} items, not ${at}`));
    check(Math.abs(paper.totalScore - total) < 1e-9, () => tag(`totalScore ${paper.totalScore}, not ${total}`));
    check(Math.abs(paper.items.reduce((s, i) => s + i.points, 0) - total) < 1e-9, () => tag('item points do not add up to the total'));
    // items come from the pool, unchanged, once per paper and once across variants
    for (const item of paper.items) {
      const source = byId.get(item.id);
      check(
        source !== undefined &&
          item.version === source.version &&
          item.type === source.type &&
          item.areaCode === source.areaCode &&
          item.pointCode === source.pointCode &&
          item.difficulty === source.difficulty,
        () => tag(`item ${item.id} differs from the pool`),
      );
      check(!seen.has(item.id), () => tag(`item ${item.id} repeated`));
      seen.add(item.id);
    }
    // no near-duplicate pair
    const stems = paper.items.map((i) => bigramsOf(byId.get(i.id)?.stem ?? ''));
    for (let x = 0; x < stems.length; x++) {
      for (let y = x + 1; y < stems.length; y++) {
        check(!oracleNearDuplicate(stems[x] as ReturnType<typeof bigramsOf>, stems[y] as ReturnType<typeof bigramsOf>), () =>
          tag(`near-duplicates at ${x} and ${y}`),
        );
      }
    }
    // coverage: every area, consistent with the items, within tolerance
    check(paper.coverage.map((c) => c.areaCode).join() === req.areas.map((a) => a.code).join(), () => tag('coverage does not list every area in order'));
    for (const [a, area] of req.areas.entries()) {
      const score = paper.items.filter((i) => i.areaCode === area.code).reduce((s, i) => s + i.points, 0);
      const share = (100 * score) / total;
      check(Math.abs(share - area.weight) <= req.tolerance + 1e-9, () => tag(`area ${area.code} share ${share} vs weight ${area.weight}`));
      const expected = {
        areaCode: area.code,
        areaName: area.name,
        weight: area.weight,
        score: round2(score),
        share: round2(share),
        deviation: round2(share - area.weight),
      };
      check(JSON.stringify(paper.coverage[a]) === JSON.stringify(expected), () =>
        tag(`coverage ${JSON.stringify(paper.coverage[a])} vs ${JSON.stringify(expected)}`),
      );
    }
    const mean = paper.items.reduce((s, i) => s + i.difficulty, 0) / paper.items.length;
    check(paper.meanDifficulty === round2(mean), () => tag(`meanDifficulty ${paper.meanDifficulty} vs ${mean}`));
    check(paper.recentReused === paper.items.filter((i) => byId.get(i.id)?.recentlyUsed).length, () => tag('recentReused miscounted'));
    const offTarget = req.difficultyTarget !== null && Math.abs(mean - req.difficultyTarget) > 0.5 + 1e-9;
    check(paper.warnings.includes('DIFFICULTY_OFF_TARGET') === offTarget, () => tag(`warnings ${paper.warnings} for mean ${mean}`));
  }
  expect(problems).toEqual([]);
}

// --- Examples --------------------------------------------------------------------------------------------

describe('assemblePapers — 电工 四级 theory paper', () => {
  const pool = makePool(THEORY_REQUEST, 80);

  it('assembles one paper whose sections, total and area shares match the blueprint exactly', () => {
    const result = assemblePapers(pool, THEORY_REQUEST);
    expectValidPapers(result, pool, THEORY_REQUEST);
    const [paper] = papersOf(result);
    expect(paper?.totalScore).toBe(100);
    expect(paper?.coverage.map((c) => [c.areaName, c.score, c.deviation])).toEqual([
      ['职业道德', 5, 0],
      ['基础知识', 25, 0],
      ['电工基础', 30, 0],
      ['电气控制', 40, 0],
    ]);
    expect(paper?.warnings).toEqual([]);
  });

  it('assembles disjoint variants A, B, C with the same coverage', () => {
    const result = assemblePapers(pool, request({ variants: 3 }));
    expectValidPapers(result, pool, request({ variants: 3 }));
    const papers = papersOf(result);
    expect(papers[1]?.coverage).toEqual(papers[0]?.coverage);
    expect(new Set(papers.flatMap((p) => p.items.map((i) => i.id))).size).toBe(3 * 90);
  });

  it("spreads an area's picks over its knowledge points in proportion to their weights", () => {
    const [paper] = papersOf(assemblePapers(pool, THEORY_REQUEST));
    const scoreOf = (point: string) => paper?.items.filter((i) => i.pointCode === point).reduce((s, i) => s + i.points, 0);
    // 电工基础 30 points split 15 : 10 : 5; 电气控制 40 split 20 : 20
    expect([scoreOf('3.1'), scoreOf('3.2'), scoreOf('3.3')]).toEqual([15, 10, 5]);
    expect([scoreOf('4.1'), scoreOf('4.2')]).toEqual([20, 20]);
    expect([scoreOf('1.1'), scoreOf('1.2')]).toEqual([3, 2]);
  });

  it('items without a (known) point still count for their area when the points run dry', () => {
    const loose = makePool(THEORY_REQUEST, 80, (item, i) => (item.areaCode === '4' ? { pointCode: i % 2 ? null : 'no-such-point' } : {}));
    const result = assemblePapers(loose, THEORY_REQUEST);
    expectValidPapers(result, loose, THEORY_REQUEST);
    expect(papersOf(result)[0]?.coverage[3]?.score).toBe(40);
  });

  it('avoids recently used items while the bank allows, and counts them when it does not', () => {
    // half of every cell was in a recent paper: enough fresh items remain
    const half = makePool(THEORY_REQUEST, 80, (_, i) => ({ recentlyUsed: i >= 40 }));
    expect(papersOf(assemblePapers(half, THEORY_REQUEST))[0]?.recentReused).toBe(0);
    // everything recent: the paper is still assembled, and says how many were reused
    const stale = makePool(THEORY_REQUEST, 80, () => ({ recentlyUsed: true }));
    expect(papersOf(assemblePapers(stale, THEORY_REQUEST))[0]?.recentReused).toBe(90);
  });

  it('steers the mean difficulty toward the target, and warns when the bank cannot reach it', () => {
    for (const target of [1.5, 2, 3.2, 4.5]) {
      const req = request({ difficultyTarget: target });
      const [paper] = papersOf(assemblePapers(pool, req));
      expect(Math.abs((paper?.meanDifficulty ?? 0) - target)).toBeLessThan(0.05);
      expect(paper?.warnings).toEqual([]);
    }
    const hard = makePool(THEORY_REQUEST, 80, () => ({ difficulty: 5 }));
    const [paper] = papersOf(assemblePapers(hard, request({ difficultyTarget: 2 })));
    expect(paper?.meanDifficulty).toBe(5);
    expect(paper?.warnings).toEqual(['DIFFICULTY_OFF_TARGET']);
  });

  it('never puts near-duplicate stems in one paper', () => {
    // every stem of area 2 has a twin differing only in full-width punctuation and spacing
    const twins = pool.filter((p) => p.areaCode === '2').map((p) => ({ ...p, id: `${p.id}-twin`, stem: p.stem.replace('，', ', ').replace('（ ）', '()') }));
    const req = request({ variants: 2 });
    expectValidPapers(assemblePapers([...pool, ...twins], req), [...pool, ...twins], req);
  });

  it('reports a cell that near-duplicates leave short, though it holds enough items', () => {
    // 职业道德 true/false: 80 stems that differ in their last character or two
    const base = '从业人员在职业活动中应当遵守的行为规范和职业操守主要包括哪些方面的内容要求';
    const clones = makePool(THEORY_REQUEST, 80, (item, i) => (item.areaCode === '1' && item.type === 'judge' ? { stem: `${base}${i}` } : {}));
    const result = assemblePapers(clones, THEORY_REQUEST);
    const [paper] = papersOf(assemblePapers(makePool(THEORY_REQUEST, 80), THEORY_REQUEST));
    const needed = paper?.items.filter((i) => i.areaCode === '1' && i.type === 'judge').length ?? 0;
    expect(needed).toBeGreaterThan(1);
    expect(result).toEqual({
      ok: false,
      reason: 'BANK_INSUFFICIENT',
      shortages: [{ areaCode: '1', areaName: '职业道德', type: 'judge', needed, available: 1, short: needed - 1 }],
    });
  });

  it('lists every short (area, type) cell, counting all variants, and assembles nothing', () => {
    const thin = makePool(THEORY_REQUEST, 80).filter(
      (p) => !(p.areaCode === '1' && p.type === 'judge' && p.id > '1-judge-0000') && !(p.areaCode === '4' && p.type === 'single' && p.id >= '4-single-0030'),
    );
    const result = assemblePapers(thin, request({ variants: 2 }));
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'BANK_INSUFFICIENT') throw new Error('expected BANK_INSUFFICIENT');
    expect(result.shortages.map((s) => [s.areaCode, s.type, s.available])).toEqual([
      ['1', 'judge', 1],
      ['4', 'single', 30],
    ]);
    for (const s of result.shortages) {
      expect(s.needed % 2).toBe(0);
      expect(s.short).toBe(s.needed - s.available);
      expect(s.short).toBeGreaterThan(0);
    }
    expect(result.shortages[1]?.needed).toBeGreaterThan(40);
  });

  it('TOLERANCE_UNREACHABLE when the sections are too coarse for the weights, whatever the bank', () => {
    // four 25-point tasks cannot give 职业道德 5 %
    const coarse = request({ sections: [{ type: 'practical', count: 4, points: 25 }] });
    const result = assemblePapers(makePool(coarse, 100), coarse);
    expect(result).toMatchObject({ ok: false, reason: 'TOLERANCE_UNREACHABLE' });
    expect(assemblePapers([], coarse)).toEqual(result);
    if (result.ok || result.reason !== 'TOLERANCE_UNREACHABLE') throw new Error('expected TOLERANCE_UNREACHABLE');
    expect(result.coverage.map((c) => c.score)).toEqual([0, 25, 25, 50]);
    expect(result.coverage[0]).toEqual({ areaCode: '1', areaName: '职业道德', weight: 5, score: 0, share: 0, deviation: -5 });
    // with a tolerance of 10 the same split passes
    const loose = request({ sections: coarse.sections, tolerance: 10 });
    expectValidPapers(assemblePapers(makePool(loose, 5), loose), makePool(loose, 5), loose);
  });

  it('same pool and request give the same papers, whatever the pool order; another seed gives others', () => {
    const req = request({ variants: 2, difficultyTarget: 3 });
    const first = assemblePapers(pool, req);
    expect(assemblePapers([...pool].reverse(), req)).toEqual(first);
    const other = papersOf(assemblePapers(pool, { ...req, seed: 'dg-2025-05' }));
    expect(other[0]?.items.map((i) => i.id)).not.toEqual(papersOf(first)[0]?.items.map((i) => i.id));
  });

  it('an area weighted 0 gets no item and needs none', () => {
    const areas = [...ELECTRICIAN, { code: '5', name: '新技术', weight: 0, points: [] }];
    const req = request({ areas });
    const bank = makePool(request({}), 80);
    const result = assemblePapers(bank, req);
    expectValidPapers(result, bank, req);
    expect(papersOf(result)[0]?.coverage[4]).toEqual({ areaCode: '5', areaName: '新技术', weight: 0, score: 0, share: 0, deviation: 0 });
  });

  it('uses the highest version of an item listed twice', () => {
    const twice = [...pool, ...pool.map((p) => ({ ...p, version: 2 }))];
    const [paper] = papersOf(assemblePapers(twice, THEORY_REQUEST));
    expect(paper?.items.every((i) => i.version === 2)).toBe(true);
  });

  it('assembles 2 × 100 items from a 10,000-item bank (speed: npm run bench)', () => {
    const req = request({
      sections: [
        { type: 'single', count: 60, points: 1 },
        { type: 'multiple', count: 20, points: 1 },
        { type: 'judge', count: 20, points: 1 },
      ],
      variants: 2,
      difficultyTarget: 3,
    });
    const big = makePool(req, 834, (_, i) => ({ recentlyUsed: i % 7 === 0 }));
    expect(big.length).toBeGreaterThanOrEqual(10_000);
    const result = assemblePapers(big, req);
    expect(papersOf(result)).toHaveLength(2);
  });
});

describe('isNearDuplicate', () => {
  it(`treats stems equal after normalizeStem, or with bigram Jaccard ≥ ${NEAR_DUPLICATE_JACCARD}, as duplicates`, () => {
    expect(isNearDuplicate('下列哪项 （ ）是正确的？', '下列哪项()是正确的?')).toBe(true);
    expect(isNearDuplicate('ＰＬＣ的扫描周期是什么', 'plc的扫描周期是什么')).toBe(true);
    const long = '三相异步电动机采用星形三角形降压启动时启动电流为直接启动时的多少倍';
    expect(isNearDuplicate(long, `${long}呢`)).toBe(true);
    expect(isNearDuplicate(long, long.replace('三角形', '自耦变压器'))).toBe(false);
    expect(isNearDuplicate('电阻串联时总电阻等于各电阻之和', '电容并联时总电容等于各电容之和')).toBe(false);
    expect(isNearDuplicate('a', 'b')).toBe(false);
  });

  it('is symmetric and agrees with a plain bigram-Jaccard oracle', () => {
    const arbStem = fc.string({ unit: fc.constantFrom('电', '压', '流', '阻', '，', ' ', 'Ａ', 'a'), minLength: 0, maxLength: 14 });
    const arbPair = fc.oneof(
      fc.tuple(arbStem, arbStem),
      fc
        .tuple(arbStem, fc.nat(), arbStem)
        .map(([a, at, insert]): [string, string] => [a, a.slice(0, at % (a.length + 1)) + insert.slice(0, 2) + a.slice(at % (a.length + 1))]),
    );
    fc.assert(
      fc.property(arbPair, ([a, b]) => {
        expect(isNearDuplicate(a, b)).toBe(isNearDuplicate(b, a));
        expect(isNearDuplicate(a, b)).toBe(oracleNearDuplicate(bigramsOf(a), bigramsOf(b)));
      }),
      { numRuns: 200 },
    );
  });
});

// --- Properties ------------------------------------------------------------------------------------------

/** mulberry32: the test's own deterministic stream for building large pools from one fast-check integer. */
function stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const arbAreas: fc.Arbitrary<AssemblyArea[]> = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: n - 1, maxLength: n - 1 }),
      fc.array(fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    )
    .map(([cuts, pointWeights]) => {
      const edges = [0, ...cuts.sort((x, y) => x - y), 100];
      return pointWeights.map((ws, a) => ({
        code: String(a + 1),
        name: `领域${a + 1}`,
        weight: (edges[a + 1] as number) - (edges[a] as number),
        points: ws.map((w, p) => ({ code: `${a + 1}.${p + 1}`, weight: w })),
      }));
    }),
);

const arbRequest: fc.Arbitrary<AssemblyRequest> = fc.record({
  areas: arbAreas,
  sections: fc.array(fc.record({ type: fc.constantFrom(...ITEM_TYPES), count: fc.integer({ min: 1, max: 30 }), points: fc.constantFrom(0.5, 1, 2, 5, 10) }), {
    minLength: 1,
    maxLength: 4,
  }),
  variants: fc.integer({ min: 1, max: 3 }),
  difficultyTarget: fc.option(
    fc.integer({ min: 2, max: 10 }).map((x) => x / 2),
    { nil: null },
  ),
  tolerance: fc.integer({ min: 0, max: 20 }),
  seed: fc.string({ minLength: 1, maxLength: 12 }),
});

interface PoolShape {
  seed: number;
  /** Items per cell relative to the cell's expected need. */
  fill: number;
  /** Chance that an item's stem is a near-copy of an earlier stem. */
  dupRate: number;
  recentRate: number;
}
const arbShape = (dupRates: readonly number[]): fc.Arbitrary<PoolShape> =>
  fc.record({
    seed: fc.integer(),
    fill: fc.integer({ min: 5, max: 40 }).map((x) => x / 10),
    dupRate: fc.constantFrom(...dupRates),
    recentRate: fc.constantFrom(0, 0.3, 1),
  });

let freshCounter = 0;
/** A stem no other stem is near. */
const freshStem = () => stemFor(`fresh-${freshCounter++}`, 20);

/** Variations that keep a stem a near-duplicate: spacing, punctuation, full-width forms. */
const twinOf = (stem: string, r: number) => (r < 0.5 ? ` ${stem.replaceAll('，', ',')} ` : `${stem}？`);

function buildPool(req: AssemblyRequest, shape: PoolShape): PoolItem[] {
  const next = stream(shape.seed);
  const pool: PoolItem[] = [];
  const types = [...new Set(req.sections.map((s) => s.type))];
  for (const area of req.areas) {
    for (const type of types) {
      const perVariant = req.sections.filter((s) => s.type === type).reduce((n, s) => n + s.count, 0) * (area.weight / 100);
      const n = Math.round(perVariant * req.variants * shape.fill + next() * 3);
      for (let i = 0; i < n; i++) {
        const id = `${area.code}-${type}-${i}`;
        const earlier = pool.length > 0 && next() < shape.dupRate ? pool[Math.floor(next() * pool.length)] : undefined;
        const points = area.points;
        pool.push({
          id,
          version: 1 + Math.floor(next() * 3),
          type,
          areaCode: area.code,
          pointCode: points.length && next() < 0.9 ? (points[Math.floor(next() * points.length)] as { code: string }).code : null,
          difficulty: 1 + Math.floor(next() * 5),
          stem: earlier ? twinOf(earlier.stem, next()) : stemFor(`${shape.seed}-${id}`, 10 + Math.floor(next() * 15)),
          recentlyUsed: next() < shape.recentRate,
        });
      }
    }
  }
  return pool;
}

function freshItems(area: AssemblyArea, type: ItemType, n: number): PoolItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${area.code}-${type}-fresh-${freshCounter}-${i}`,
    version: 1,
    type,
    areaCode: area.code,
    pointCode: area.points[0]?.code ?? null,
    difficulty: 3,
    stem: freshStem(),
    recentlyUsed: true,
  }));
}

const cellSize = (pool: readonly PoolItem[], areaCode: string, type: ItemType) =>
  new Set(pool.filter((p) => p.areaCode === areaCode && p.type === type).map((p) => p.id)).size;

describe('assemblePapers — properties', () => {
  it('assembled papers are always valid: exact sections and total, no repeats or near-duplicates, disjoint variants, shares within tolerance', () => {
    const outcomes = { ok: 0, BANK_INSUFFICIENT: 0, TOLERANCE_UNREACHABLE: 0 };
    fc.assert(
      fc.property(arbRequest, arbShape([0, 0.1, 0.4]), (req, shape) => {
        const pool = buildPool(req, shape);
        const result = assemblePapers(pool, req);
        outcomes[result.ok ? 'ok' : result.reason]++;
        if (result.ok) expectValidPapers(result, pool, req);
      }),
      { numRuns: 200 },
    );
    expect(outcomes.ok).toBeGreaterThan(20);
    expect(outcomes.BANK_INSUFFICIENT).toBeGreaterThan(10);
  });

  it('every listed shortage is real, and a bank enlarged by it assembles', () => {
    let short = 0;
    fc.assert(
      fc.property(arbRequest, arbShape([0]), (req, shape) => {
        const pool = buildPool(req, shape);
        const result = assemblePapers(pool, req);
        if (result.ok || result.reason !== 'BANK_INSUFFICIENT') return;
        short++;
        expect(result.shortages.length).toBeGreaterThan(0);
        const enlarged = [...pool];
        for (const s of result.shortages) {
          expect(s.short).toBe(s.needed - s.available);
          expect(s.available).toBeLessThan(s.needed);
          expect(s.available).toBe(cellSize(pool, s.areaCode, s.type));
          expect(s.needed % req.variants).toBe(0);
          enlarged.push(...freshItems(req.areas.find((a) => a.code === s.areaCode) as AssemblyArea, s.type, s.short));
        }
        expectValidPapers(assemblePapers(enlarged, req), enlarged, req);
      }),
      { numRuns: 150 },
    );
    expect(short).toBeGreaterThan(10);
  });

  it('with near-duplicates in the bank, shortages are still real and enough fresh items in every cell make it assemble', () => {
    let byNearDuplicates = 0;
    fc.assert(
      fc.property(arbRequest, arbShape([0.2, 0.6]), (req, shape) => {
        const pool = buildPool(req, shape);
        const result = assemblePapers(pool, req);
        if (result.ok || result.reason !== 'BANK_INSUFFICIENT') return;
        if (result.shortages.some((s) => s.available < cellSize(pool, s.areaCode, s.type))) byNearDuplicates++;
        for (const s of result.shortages) {
          expect(s.short).toBe(s.needed - s.available);
          expect(s.short).toBeGreaterThan(0);
          expect(s.available).toBeLessThanOrEqual(cellSize(pool, s.areaCode, s.type));
        }
        const enlarged = [...pool];
        const everyType = [...new Set(req.sections.map((s) => s.type))];
        const maxNeeded = req.sections.reduce((n, s) => n + s.count, 0) * req.variants;
        for (const area of req.areas) for (const type of everyType) enlarged.push(...freshItems(area, type, maxNeeded));
        expectValidPapers(assemblePapers(enlarged, req), enlarged, req);
      }),
      { numRuns: 150 },
    );
    expect(byNearDuplicates).toBeGreaterThan(0);
  });

  it('TOLERANCE_UNREACHABLE depends on the sections alone and names an area outside the tolerance', () => {
    fc.assert(
      fc.property(arbRequest, arbShape([0]), (req, shape) => {
        const pool = buildPool(req, shape);
        const result = assemblePapers(pool, req);
        if (result.ok || result.reason !== 'TOLERANCE_UNREACHABLE') return;
        expect(assemblePapers([], req)).toEqual(result);
        const total = req.sections.reduce((s, x) => s + x.count * x.points, 0);
        expect(result.coverage.reduce((s, c) => s + c.score, 0)).toBeCloseTo(total, 6);
        expect(result.coverage.some((c) => Math.abs((100 * c.score) / total - c.weight) > req.tolerance)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic: same pool and request (seed included) → identical output', () => {
    fc.assert(
      fc.property(arbRequest, arbShape([0, 0.3]), (req, shape) => {
        const pool = buildPool(req, shape);
        expect(assemblePapers(buildPool(req, shape), { ...req })).toEqual(assemblePapers(pool, req));
      }),
      { numRuns: 100 },
    );
  });
});
