import type { SorterResult, SortOrder } from 'antd/es/table/interface';

/** A list's `sort` URL parameter if it is one of the list's values (`field` / `-field`), else undefined. */
export function asSort<S extends string>(values: readonly S[], v: string | undefined): S | undefined {
  return (values as readonly string[]).includes(v ?? '') ? (v as S) : undefined;
}

/** The sort arrow a column shows for the list's `sort` parameter (the server's default order when none is set). */
export function sortOrderOf(sort: string | undefined, fallback: string, field: string): SortOrder {
  const current = sort ?? fallback;
  if (current === field) return 'ascend';
  if (current === `-${field}`) return 'descend';
  return null;
}

/** The `sort` parameter for an antd Table sorter change (the column key is the field); undefined when cleared. */
export function sortOfChange<T, S extends string>(values: readonly S[], sorter: SorterResult<T> | SorterResult<T>[]): S | undefined {
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  const key = typeof one?.columnKey === 'string' ? one.columnKey : undefined;
  if (!one?.order || !key) return undefined;
  return asSort(values, one.order === 'descend' ? `-${key}` : key);
}
