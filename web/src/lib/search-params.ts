import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list page's filters and paging kept in the URL (shareable, survives "back" from a detail page).
 * Changing a filter goes back to page 1.
 */
/** `keys` must be a stable (module-level) list. */
export function useListParams<K extends string>(keys: readonly K[], defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const out = {} as Record<K, string | undefined>;
    for (const k of keys) out[k] = params.get(k) || undefined;
    return out;
  }, [params, keys]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || defaultPageSize));

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [string, string | undefined][]) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setPage = useCallback(
    (nextPage: number, nextPageSize: number) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (nextPage > 1) next.set('page', String(nextPage));
          else next.delete('page');
          if (nextPageSize !== defaultPageSize) next.set('pageSize', String(nextPageSize));
          else next.delete('pageSize');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, defaultPageSize],
  );

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return { values, page, pageSize, setFilters, setPage, reset };
}
