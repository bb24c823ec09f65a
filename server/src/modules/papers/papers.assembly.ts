import type { AreaCoverage, ItemType, Shortage } from '@skillcert/shared/api/banks';
import { normalizeStem } from '../items/items.rules.ts';
import { type RandomIndex, seededIndex } from './papers.shuffle.ts';
import { round2 } from '@skillcert/shared/numbers';

// 组卷 — paper assembly from a blueprint (鉴定要素细目表) and an item bank. Pure: no I/O, no clock, no Math.random.

export interface PoolItem {
  id: string;
  version: number;
  type: ItemType;
  areaCode: string;
  pointCode: string | null;
  /** 1 易 … 5 难 */
  difficulty: number;
  stem: string;
  /** In one of the institution's last N papers. */
  recentlyUsed: boolean;
}

export interface AssemblyArea {
  code: string;
  name: string;
  /** Areas sum to 100. */
  weight: number;
  points: { code: string; weight: number }[];
}

export interface AssemblyRequest {
  areas: AssemblyArea[];
  sections: { type: ItemType; count: number; points: number }[];
  /** 1 … 6 */
  variants: number;
  difficultyTarget: number | null;
  /** Allowed |share − weight| per area, in percentage points. */
  tolerance: number;
  seed: string;
}

export interface AssembledItem {
  id: string;
  version: number;
  type: ItemType;
  areaCode: string;
  pointCode: string | null;
  points: number;
  difficulty: number;
}

export type AssemblyWarning = 'DIFFICULTY_OFF_TARGET';

export interface AssembledPaper {
  /** 'A', 'B', … */
  variant: string;
  /** Grouped by section in request order, within a section by area order. */
  items: AssembledItem[];
  totalScore: number;
  /** Every area: weight, score, share = 100 × score / total, deviation = share − weight; 2 decimals. */
  coverage: AreaCoverage[];
  /** Plain mean of the items' difficulties, 2 decimals. */
  meanDifficulty: number;
  /** Items that were in one of the institution's recent papers. */
  recentReused: number;
  warnings: AssemblyWarning[];
}

export type AssemblyResult =
  | { ok: true; papers: AssembledPaper[] }
  | { ok: false; reason: 'BANK_INSUFFICIENT'; shortages: Shortage[] }
  | { ok: false; reason: 'TOLERANCE_UNREACHABLE'; coverage: AreaCoverage[] };

/** Two stems whose character-bigram Jaccard similarity (after normalizeStem) reaches this are near-duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.8;
/** A mean difficulty further than this from the target is reported as DIFFICULTY_OFF_TARGET. */
export const DIFFICULTY_SLACK = 0.5;

const EPS = 1e-9;

// --- Near-duplicate stems --------------------------------------------------------------------------------

interface StemProfile {
  norm: string;
  bigrams: Set<string>;
}

function stemProfile(stem: string): StemProfile {
  const norm = normalizeStem(stem);
  const chars = Array.from(norm);
  const bigrams = new Set<string>();
  for (let i = 1; i < chars.length; i++) bigrams.add(`${chars[i - 1]}${chars[i]}`);
  return { norm, bigrams };
}

function profilesNearDuplicate(a: StemProfile, b: StemProfile): boolean {
  if (a.norm === b.norm) return true;
  const [small, large] = a.bigrams.size <= b.bigrams.size ? [a.bigrams, b.bigrams] : [b.bigrams, a.bigrams];
  // Jaccard ≤ |small| / |large|: most pairs are ruled out without counting.
  if (small.size === 0 || small.size < NEAR_DUPLICATE_JACCARD * large.size) return false;
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / (small.size + large.size - shared) >= NEAR_DUPLICATE_JACCARD;
}

/**
 * Near-duplicate stems (雷同题): identical after normalizeStem (full-width folded, case folded, whitespace and
 * punctuation dropped), or a character-bigram Jaccard similarity of the normalized stems ≥ NEAR_DUPLICATE_JACCARD.
 */
export function isNearDuplicate(a: string, b: string): boolean {
  return profilesNearDuplicate(stemProfile(a), stemProfile(b));
}

// --- Step 1: the ideal allocation ------------------------------------------------------------------------

/** counts[area][section]: how many items of each section go to each area, ignoring the bank. */
function idealAllocation(areas: readonly AssemblyArea[], sections: AssemblyRequest['sections'], total: number): number[][] {
  const counts = areas.map(() => sections.map(() => 0));
  if (areas.length === 0) return counts;
  const deficit = areas.map((a) => (a.weight / 100) * total);
  const byPointsDesc = sections.map((s, i) => ({ s, i })).sort((x, y) => y.s.points - x.s.points || x.i - y.i);
  for (const { s, i } of byPointsDesc) {
    for (let k = 0; k < s.count; k++) {
      let best = 0;
      for (let a = 1; a < areas.length; a++) if ((deficit[a] as number) > (deficit[best] as number) + EPS) best = a;
      const row = counts[best] as number[];
      row[i] = (row[i] as number) + 1;
      deficit[best] = (deficit[best] as number) - s.points;
    }
  }
  return counts;
}

/**
 * Each area's score against its weight: share = 100 × score / total, deviation = share − weight (2 decimals), and
 * the largest |deviation| unrounded. `scores` is by area, in area order.
 */
export function coverageOf(
  areas: readonly Pick<AssemblyArea, 'code' | 'name' | 'weight'>[],
  scores: readonly number[],
  total: number,
): { coverage: AreaCoverage[]; worst: number } {
  let worst = 0;
  const coverage = areas.map((area, a) => {
    const score = scores[a] ?? 0;
    const share = total > 0 ? (100 * score) / total : 0;
    worst = Math.max(worst, Math.abs(share - area.weight));
    return {
      areaCode: area.code,
      areaName: area.name,
      weight: area.weight,
      score: round2(score),
      share: round2(share),
      deviation: round2(share - area.weight),
    };
  });
  return { coverage, worst };
}

// --- Step 3: selection -----------------------------------------------------------------------------------

interface Candidate {
  item: PoolItem;
  /** Used by an earlier variant. */
  taken: boolean;
  /** The variant whose paper it near-duplicates (−1: none yet). */
  blockedIn: number;
  profile: StemProfile | null;
}

/** The candidates of one (area, type) cell, by knowledge point; `areaOnly` holds null or unknown point codes. */
interface Cell {
  area: number;
  type: ItemType;
  points: { code: string; share: number; all: Candidate[] }[];
  areaOnly: Candidate[];
  size: number;
}

interface PaperState {
  variant: number;
  profiles: StemProfile[];
  difficultySum: number;
  picked: number;
  areaScore: number[];
  pointScore: Map<string, number>[];
}

const profileOf = (c: Candidate) => (c.profile ??= stemProfile(c.item.stem));

/**
 * Chooses one candidate of `list` for the paper, or undefined when none is free. Order of preference:
 * not recently used, then (with a target) the smallest |running mean after the pick − target|, then the
 * seeded random draw. A near-duplicate of an item already in the paper is blocked for this paper and skipped.
 * Compacts `list` (drops taken and blocked candidates) as it scans.
 */
function pickFrom(list: Candidate[], paper: PaperState, target: number | null, random: RandomIndex): Candidate | undefined {
  for (;;) {
    let ties: Candidate[] = [];
    let bestRecent = 2;
    let bestDistance = Infinity;
    let kept = 0;
    for (const c of list) {
      if (c.taken || c.blockedIn === paper.variant) continue;
      list[kept++] = c;
      const recent = c.item.recentlyUsed ? 1 : 0;
      // |mean after − target| × (picked + 1): the factor is the same for every candidate.
      const distance = target === null ? 0 : Math.abs(paper.difficultySum + c.item.difficulty - target * (paper.picked + 1));
      if (recent < bestRecent || (recent === bestRecent && distance < bestDistance - EPS)) {
        bestRecent = recent;
        bestDistance = distance;
        ties = [c];
      } else if (recent === bestRecent && Math.abs(distance - bestDistance) <= EPS) {
        ties.push(c);
      }
    }
    list.length = kept;
    if (ties.length === 0) return undefined;
    while (ties.length > 0) {
      const i = random(ties.length);
      const c = ties[i] as Candidate;
      ties[i] = ties[ties.length - 1] as Candidate;
      ties.pop();
      const profile = profileOf(c);
      if (paper.profiles.some((p) => profilesNearDuplicate(p, profile))) {
        c.blockedIn = paper.variant;
        continue;
      }
      return c;
    }
  }
}

function buildCells(pool: readonly PoolItem[], areas: readonly AssemblyArea[], types: readonly ItemType[]): Map<string, Cell> {
  // One version per item id (the highest), in id order so that the result does not depend on the pool's order.
  const latest = new Map<string, PoolItem>();
  for (const item of pool) {
    const seen = latest.get(item.id);
    if (!seen || item.version > seen.version) latest.set(item.id, item);
  }
  const ids = [...latest.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

  const cells = new Map<string, Cell>();
  for (const [a, area] of areas.entries()) {
    const weightSum = area.points.reduce((s, p) => s + Math.max(0, p.weight), 0);
    for (const type of types) {
      cells.set(`${area.code}\n${type}`, {
        area: a,
        type,
        points: area.points.map((p) => ({ code: p.code, share: weightSum > 0 ? Math.max(0, p.weight) / weightSum : 1 / area.points.length, all: [] })),
        areaOnly: [],
        size: 0,
      });
    }
  }
  for (const id of ids) {
    const item = latest.get(id) as PoolItem;
    const cell = cells.get(`${item.areaCode}\n${item.type}`);
    if (!cell) continue;
    const candidate: Candidate = { item, taken: false, blockedIn: -1, profile: null };
    const point = item.pointCode === null ? undefined : cell.points.find((p) => p.code === item.pointCode);
    (point ? point.all : cell.areaOnly).push(candidate);
    cell.size++;
  }
  return cells;
}

/**
 * Assembles `variants` disjoint papers (A, B, …) from the pool, or says why it cannot.
 *
 * 1. Ideal allocation, ignoring the bank: each area's target score is weight / 100 × total. Sections are taken in
 *    descending points (ties in request order); each of a section's items goes to the area with the largest
 *    remaining deficit (target − allocated score), ties to the earlier area. If some area's share then misses its
 *    weight by more than `tolerance` percentage points, no bank could do better under this rule:
 *    TOLERANCE_UNREACHABLE with that coverage. Every variant has exactly this allocation, hence the same coverage.
 * 2. Availability: for each (area, item type) the distinct pool items of that area and type must number at least
 *    ideal count × variants, since no item appears in two variants. Otherwise BANK_INSUFFICIENT lists every such
 *    cell (needed, available, short) and nothing is assembled — never a short paper.
 * 3. Selection, variant by variant, section by section (request order), area by area: each pick goes to the
 *    area's knowledge point with the largest score deficit against its weight share (ties by point order; items
 *    with a null or unknown point count for the area only and come after the points). Items taken by an earlier
 *    variant and near-duplicates (isNearDuplicate) of items already in this paper are skipped; items not recently
 *    used are preferred; with a difficulty target the candidate minimising |running mean after the pick − target|
 *    wins, remaining ties (or all preferred candidates, without a target) are drawn by the seeded generator.
 *    A cell that runs out because of near-duplicates is BANK_INSUFFICIENT too; its `available` is then the number
 *    of items that could be placed across all variants.
 * 4. Deterministic: the generator is seeded from sha256(seed) and the pool is read in id order, so the same pool
 *    (in any order) and the same request give the same papers.
 */
export function assemblePapers(pool: readonly PoolItem[], req: AssemblyRequest): AssemblyResult {
  const { areas, sections, variants, difficultyTarget: target } = req;
  if (!Number.isInteger(variants) || variants < 1) throw new RangeError(`variants must be a positive integer, got ${variants}`);
  const total = sections.reduce((s, x) => s + x.count * x.points, 0);

  // 1. Ideal allocation.
  const counts = idealAllocation(areas, sections, total);
  const scores = counts.map((row) => row.reduce((s, n, i) => s + n * (sections[i] as (typeof sections)[number]).points, 0));
  const { coverage, worst } = coverageOf(areas, scores, total);
  if (areas.length === 0 || worst > req.tolerance + EPS) return { ok: false, reason: 'TOLERANCE_UNREACHABLE', coverage };

  // 2. Availability.
  const types = [...new Set(sections.map((s) => s.type))];
  const cells = buildCells(pool, areas, types);
  const cellOf = (a: number, type: ItemType) => cells.get(`${(areas[a] as AssemblyArea).code}\n${type}`) as Cell;
  const perVariant = (a: number, type: ItemType) => sections.reduce((n, s, i) => (s.type === type ? n + ((counts[a] as number[])[i] as number) : n), 0);
  const shortages: Shortage[] = [];
  for (const [a, area] of areas.entries()) {
    for (const type of types) {
      const needed = perVariant(a, type) * variants;
      const available = cellOf(a, type).size;
      if (needed > available) shortages.push({ areaCode: area.code, areaName: area.name, type, needed, available, short: needed - available });
    }
  }
  if (shortages.length > 0) return { ok: false, reason: 'BANK_INSUFFICIENT', shortages };

  // 3. Selection.
  const random = seededIndex(req.seed);
  const missed = new Map<Cell, number>();
  const papers: AssembledPaper[] = [];
  for (let v = 0; v < variants; v++) {
    const paper: PaperState = {
      variant: v,
      profiles: [],
      difficultySum: 0,
      picked: 0,
      areaScore: areas.map(() => 0),
      pointScore: areas.map(() => new Map()),
    };
    // This variant's working lists: what earlier variants left.
    const free = new Map<Cell, { points: Candidate[][]; areaOnly: Candidate[] }>();
    const freeOf = (cell: Cell) => {
      let lists = free.get(cell);
      if (!lists) {
        lists = { points: cell.points.map((p) => p.all.filter((c) => !c.taken)), areaOnly: cell.areaOnly.filter((c) => !c.taken) };
        free.set(cell, lists);
      }
      return lists;
    };
    const items: AssembledItem[] = [];
    let recentReused = 0;
    for (const [s, section] of sections.entries()) {
      for (const [a, row] of counts.entries()) {
        const cell = cellOf(a, section.type);
        const lists = freeOf(cell);
        const pointScore = paper.pointScore[a] as Map<string, number>;
        for (let k = 0; k < (row[s] as number); k++) {
          const areaAfter = (paper.areaScore[a] as number) + section.points;
          const order = cell.points
            .map((p, i) => ({ i, deficit: p.share * areaAfter - (pointScore.get(p.code) ?? 0) }))
            .sort((x, y) => (Math.abs(y.deficit - x.deficit) > EPS ? y.deficit - x.deficit : x.i - y.i));
          let chosen: Candidate | undefined;
          let pointCode: string | undefined;
          for (const { i } of order) {
            chosen = pickFrom(lists.points[i] as Candidate[], paper, target, random);
            if (chosen) {
              pointCode = (cell.points[i] as Cell['points'][number]).code;
              break;
            }
          }
          chosen ??= pickFrom(lists.areaOnly, paper, target, random);
          if (!chosen) {
            missed.set(cell, (missed.get(cell) ?? 0) + 1);
            continue;
          }
          chosen.taken = true;
          const { item } = chosen;
          paper.profiles.push(profileOf(chosen));
          paper.difficultySum += item.difficulty;
          paper.picked++;
          paper.areaScore[a] = areaAfter;
          if (pointCode !== undefined) pointScore.set(pointCode, (pointScore.get(pointCode) ?? 0) + section.points);
          if (item.recentlyUsed) recentReused++;
          items.push({
            id: item.id,
            version: item.version,
            type: item.type,
            areaCode: item.areaCode,
            pointCode: item.pointCode,
            points: section.points,
            difficulty: item.difficulty,
          });
        }
      }
    }
    const meanDifficulty = round2(paper.picked > 0 ? paper.difficultySum / paper.picked : 0);
    const warnings: AssemblyWarning[] = [];
    if (target !== null && Math.abs(paper.difficultySum / Math.max(1, paper.picked) - target) > DIFFICULTY_SLACK + EPS) warnings.push('DIFFICULTY_OFF_TARGET');
    papers.push({ variant: String.fromCharCode(65 + v), items, totalScore: round2(total), coverage, meanDifficulty, recentReused, warnings });
  }

  if (missed.size > 0) {
    for (const [a, area] of areas.entries()) {
      for (const type of types) {
        const short = missed.get(cellOf(a, type));
        if (!short) continue;
        const needed = perVariant(a, type) * variants;
        shortages.push({ areaCode: area.code, areaName: area.name, type, needed, available: needed - short, short });
      }
    }
    return { ok: false, reason: 'BANK_INSUFFICIENT', shortages };
  }
  return { ok: true, papers };
}
