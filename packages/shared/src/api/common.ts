import { z } from 'zod';
import { vm } from '../validation-key.ts';

export const Uuid = z.uuid();
export const IdParams = z.strictObject({ id: z.uuid() });

export const Paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** The sort values of a list: each field ascending, and descending with a leading `-`. */
export function sortValues<const F extends string>(fields: readonly F[]): (F | `-${F}`)[] {
  return fields.flatMap((f) => [f, `-${f}` as const]);
}

/** A calendar day (YYYY-MM-DD) a list may be narrowed to: real dates between 2000 and 2099 only. */
export const ListDay = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2099-12-31', vm('valid.listDay'));

/** A date range on a list: `from` / `to` (inclusive days). */
export const DateRange = { from: ListDay.optional(), to: ListDay.optional() };

/** Refuses an inverted range (`to` before `from`) on the `to` field; add to a list query with `.superRefine`. */
export function checkDateRange(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: vm('valid.rangeEnd') });
}
