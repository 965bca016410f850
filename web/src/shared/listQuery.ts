// List state kept in the URL search params, or in local state for embedded lists (the logic: listState.ts).
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { listQueryParams, parseListQuery, type ListQuery } from './listState.ts';

export type { ListQuery } from './listState.ts';

/** List query bound to `?page=&pageSize=&q=&sort=&<filter>=` (a `tab` param is preserved). */
export function useUrlListQuery(filterParams: readonly string[]): [ListQuery, (q: ListQuery) => void] {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseListQuery(params, filterParams), [params, filterParams]);
  const setQuery = useCallback(
    (q: ListQuery) => setParams((prev) => listQueryParams(q, prev), { replace: true }),
    [setParams],
  );
  return [query, setQuery];
}

/** Local (non-URL) list query for lists embedded in detail pages. */
export function useLocalListQuery(
  filters: Record<string, string>,
  pageSize = 10,
): [ListQuery, (q: ListQuery) => void] {
  const [state, setState] = useState<Omit<ListQuery, 'filters'>>({ page: 1, pageSize });
  const query = useMemo(() => ({ ...state, filters }), [state, filters]);
  const setQuery = useCallback(
    (q: ListQuery) => setState({ page: q.page, pageSize: q.pageSize, q: q.q, sort: q.sort }),
    [],
  );
  return [query, setQuery];
}
