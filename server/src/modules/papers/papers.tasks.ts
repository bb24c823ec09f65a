import type { RowError } from '@skillcert/shared/api/banks';
import type { Locale } from '../../context.ts';
import { workerTask } from '../../lib/worker-pool.ts';
import { annotateItemsWorkbook } from '../items/items.tasks.ts';
import { parseScoresWorkbook, type ScoresPaper } from './papers.excel.ts';

/**
 * Scores-sheet work that runs in a worker thread (lib/worker-pool.ts), off the request loop: a 1,000 × 90 sheet is
 * seconds of CPU to read.
 */
export function readScoresWorkbook(input: { file: Uint8Array; paper: ScoresPaper; locale: Locale }) {
  return parseScoresWorkbook(Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength), input.paper, { locale: input.locale });
}
export const readScoresTask = workerTask(import.meta.url, 'readScoresWorkbook', readScoresWorkbook);

/** The user's sheet with each error as a cell comment (the same annotation as the item import). */
export function annotateScoresWorkbook(input: { file: Uint8Array; errors: RowError[] }) {
  return annotateItemsWorkbook(input);
}
export const annotateScoresTask = workerTask(import.meta.url, 'annotateScoresWorkbook', annotateScoresWorkbook);
