import type { ItemType } from '@skillcert/shared/api/banks';
import type { Db, Executor } from '../../db/client.ts';
import type { CopyItem } from '../../db/schema.ts';
import { notFound, unprocessable } from '../../http/errors.ts';
import { shuffleForCandidate } from '../papers/papers.service.ts';
import * as repo from './exams.repository.ts';

/**
 * The candidates' own copies (考生卷) of a theory paper: items shuffled inside their sections and options of choice
 * items shuffled, seeded per candidate (paper seed + exam number), so the same candidate always gets the same copy.
 * Copies are prepared ahead (the sweeper, or `POST /api/sittings/:id/prepare`) so the start rush only reads.
 */

export interface PaperItemContent {
  itemId: string;
  version: number;
  points: number;
  type: ItemType;
  stem: string;
  options: { key: string; text: string }[];
  /** The bank's answer key (never sent to a candidate). */
  answer: string[];
}
export interface PaperContent {
  paperId: string;
  seed: string;
  items: PaperItemContent[];
  byId: Map<string, PaperItemContent>;
}

interface StoredContent {
  stem?: unknown;
  options?: unknown;
  answer?: unknown;
}

const asOptions = (v: unknown): { key: string; text: string }[] =>
  Array.isArray(v)
    ? v
        .filter((o): o is { key: string; text: string } => typeof o === 'object' && o !== null && 'key' in o)
        .map((o) => ({ key: String(o.key), text: String(o.text ?? '') }))
    : [];
const asKeys = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

// A paper's items and their versions never change once it is assembled: read each paper once per process.
const cache = new Map<string, PaperContent>();
const CACHE_SIZE = 64;

/** The paper's items with the content of the versions the paper names (cached per process). */
export async function paperContent(ex: Executor, paperId: string): Promise<PaperContent> {
  const hit = cache.get(paperId);
  if (hit) return hit;
  const found = await repo.paperWithContent(ex, paperId);
  if (!found) throw notFound('paper');
  const versions = new Map(found.versions.map((v) => [`${v.itemId}@${v.version}`, v.content as StoredContent]));
  const list: PaperItemContent[] = found.refs.map((r) => {
    const stored = versions.get(`${r.itemId}@${r.version}`);
    // An item written straight to the bank without a version row: its current content is the version's.
    const c: StoredContent = stored ?? { stem: r.stem, options: r.options, answer: r.answer };
    return {
      itemId: r.itemId,
      version: r.version,
      points: r.points,
      type: r.type as ItemType,
      stem: String(c.stem ?? r.stem),
      options: asOptions(c.options),
      answer: asKeys(c.answer),
    };
  });
  const content: PaperContent = { paperId, seed: found.paper.seed, items: list, byId: new Map(list.map((i) => [i.itemId, i])) };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(paperId, content);
  return content;
}

const JUDGE_KEYS = ['true', 'false'] as const;
const JUDGE_TEXT: Record<string, string> = { true: '正确', false: '错误' };

/** The candidate's copy: item order and, per item, the bank keys of the options in the shown order. */
export function layoutFor(paper: PaperContent, examNumber: string): CopyItem[] {
  const theory = paper.items.filter((i) => i.type !== 'practical');
  return shuffleForCandidate(theory, paper.seed, examNumber).map((i) => ({
    itemId: i.itemId,
    version: i.version,
    points: i.points,
    type: i.type,
    // 判断 items have no stored options: the candidate answers true (正确) or false (错误).
    optionOrder: i.type === 'judge' ? [...JUDGE_KEYS] : i.originalKeys,
  }));
}

/** The option keys a candidate answers with for a copy item: A, B, … for choice items (relabelled), the stored keys otherwise. */
export function shownKeys(item: CopyItem): string[] {
  if (item.type === 'single' || item.type === 'multiple') return item.optionOrder.map((_, i) => String.fromCharCode(65 + i));
  return item.optionOrder;
}

/** The options as the candidate sees them. */
export function shownOptions(item: CopyItem, content: PaperItemContent | undefined): { key: string; text: string }[] {
  if (!content || item.type === 'subjective') return [];
  const text = new Map(item.type === 'judge' ? Object.entries(JUDGE_TEXT) : content.options.map((o) => [o.key, o.text]));
  const keys = shownKeys(item);
  return item.optionOrder.map((original, i) => ({ key: keys[i] ?? original, text: text.get(original) ?? '' }));
}

export interface SittingForCopies {
  id: string;
  planId: string;
  partId: string;
  partKind: string;
  paperId: string | null;
}

export function requireTheoryPaper(s: SittingForCopies): string {
  if (s.partKind !== 'theory') throw unprocessable('EXAM.NOT_THEORY');
  if (!s.paperId) throw unprocessable('EXAM.NO_PAPER');
  return s.paperId;
}

const BATCH = 200;

/**
 * Prepares the copies of every seat of the sitting that has none (idempotent: the seat is unique, a copy prepared by
 * someone else meanwhile is kept). Batches of 200 rows, one statement each.
 */
export async function prepareSitting(db: Db, s: SittingForCopies): Promise<{ prepared: number; existing: number; total: number }> {
  const paperId = requireTheoryPaper(s);
  const paper = await paperContent(db, paperId);
  let prepared = 0;
  for (;;) {
    const seats = await repo.seatsWithoutCopy(db, s.id, BATCH);
    if (!seats.length) break;
    prepared += await repo.insertCopies(
      db,
      seats.map((seat) => ({
        planId: s.planId,
        partId: s.partId,
        sittingId: s.id,
        seatAssignmentId: seat.seatAssignmentId,
        enrolmentId: seat.enrolmentId,
        paperId,
        examNumber: seat.examNumber,
        layout: layoutFor(paper, seat.examNumber),
      })),
    );
    if (seats.length < BATCH) break;
  }
  const counts = await repo.countSeats(db, s.id);
  return { prepared, existing: counts.copies - prepared, total: counts.seats };
}

/** Builds the one missing copy of a seat (sign-in found none): the same copy the sweeper would have prepared. */
export async function prepareSeat(
  ex: Executor,
  s: SittingForCopies,
  seat: { seatAssignmentId: string; enrolmentId: string; examNumber: string },
): Promise<void> {
  const paperId = requireTheoryPaper(s);
  const paper = await paperContent(ex, paperId);
  await repo.insertCopies(ex, [
    {
      planId: s.planId,
      partId: s.partId,
      sittingId: s.id,
      seatAssignmentId: seat.seatAssignmentId,
      enrolmentId: seat.enrolmentId,
      paperId,
      examNumber: seat.examNumber,
      layout: layoutFor(paper, seat.examNumber),
    },
  ]);
}
