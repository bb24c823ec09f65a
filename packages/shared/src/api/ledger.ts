import { z } from 'zod';
import { ListDay, Paging } from './common.ts';

/** 工作台账 (R14): the parts of an institution's ledger, one sheet each in the Excel export. */
export const LEDGER_PARTS = ['plans', 'candidates', 'marks', 'results', 'certificates', 'examiners', 'supervisors', 'objections', 'complaints'] as const;
export const LedgerPart = z.enum(LEDGER_PARTS);
export type LedgerPart = z.infer<typeof LedgerPart>;

/** The filters: institution (a school: always its own), period (days, at most 3 years), plan, occupation. */
export const LedgerFilter = {
  institutionId: z.uuid().optional(),
  from: ListDay.optional(),
  to: ListDay.optional(),
  planId: z.uuid().optional(),
  occupationCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.-]{1,32}$/)
    .optional(),
};
export const LedgerExportBody = z.strictObject(LedgerFilter);
export type LedgerExportBody = z.infer<typeof LedgerExportBody>;

export const LedgerQuery = z.strictObject({ part: LedgerPart.default('plans'), ...LedgerFilter, ...Paging });
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const LedgerCell = z.union([z.string(), z.number(), z.null()]);
export const LedgerPage = z.object({
  part: LedgerPart,
  /** Column keys with their Chinese titles (the Excel headers). */
  columns: z.array(z.object({ key: z.string(), title: z.string() })),
  rows: z.array(z.record(z.string(), LedgerCell)),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Rows per part under the same filters (the tabs' badges). */
  counts: z.record(z.string(), z.number().int()),
  /** Whether whole ID numbers appear in this reader's Excel export (on screen they are always masked). */
  idNumbersInExport: z.boolean(),
});
export type LedgerPage = z.infer<typeof LedgerPage>;

export const ArchiveParams = z.strictObject({ id: z.uuid() });
