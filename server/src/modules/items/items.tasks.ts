import type { RowError } from '@skillcert/shared/api/banks';
import type { Locale } from '../../context.ts';
import { workerTask } from '../../lib/worker-pool.ts';
import { annotateWorkbook, type ExcelCatalog, type ParsedItemRow, parseItemWorkbook } from './items.excel.ts';

/**
 * The item bank's Excel work that runs in a worker thread (lib/worker-pool.ts), off the request loop: reading a
 * 10,000-row workbook takes seconds of CPU. Inputs and results are plain data; files travel as Uint8Array.
 */

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export interface ParsedItems {
  /** Rows whose body has been through the item schema (its parsed output, once: in parseItemWorkbook), ready to store. */
  rows: ParsedItemRow[];
  errors: RowError[];
  dataRows?: number;
}

export async function parseItemsWorkbook(input: { file: Uint8Array; catalog: ExcelCatalog; locale: Locale }): Promise<ParsedItems> {
  return parseItemWorkbook(asBuffer(input.file), input.catalog, { locale: input.locale });
}
export const parseItemsTask = workerTask(import.meta.url, 'parseItemsWorkbook', parseItemsWorkbook);

export async function annotateItemsWorkbook(input: { file: Uint8Array; errors: RowError[] }): Promise<Uint8Array | null> {
  return annotateWorkbook(asBuffer(input.file), input.errors);
}
export const annotateItemsTask = workerTask(import.meta.url, 'annotateItemsWorkbook', annotateItemsWorkbook);
