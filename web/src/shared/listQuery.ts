// List state (page, size, search, sort, filters) kept in the URL search params, or in local state for embedded lists.
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ListQuery } from '../features/registry/types.ts';

const RESERVED = new Set(['page', 'pageSize', 'q', 'sort', 'tab']);

function positiveInt(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** List query bound to `?page=&pageSize=&q=&sort=&<filter>=` (a `tab` param is preserved). */
export function useUrlListQuery(filterParams: readonly string[]): [ListQuery, (q: ListQuery) => void] {
  const [params, setParams] = useSearchParams();
  const query = useMemo<ListQuery>(() => {
    const filters: Record<string, string> = {};
    for (const p of filterParams) {
      const v = params.get(p);
      if (v && !RESERVED.has(p)) filters[p] = v;
    }
    return {
      page: positiveInt(params.get('page'), 1),
      pageSize: Math.min(positiveInt(params.get('pageSize'), 20), 500),
      q: params.get('q') ?? undefined,
      sort: params.get('sort') ?? undefined,
      filters,
    };
  }, [params, filterParams]);

  const setQuery = useCallback(
    (q: ListQuery) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams();
          const tab = prev.get('tab');
          if (tab) next.set('tab', tab);
          if (q.page !== 1) next.set('page', String(q.page));
          if (q.pageSize !== 20) next.set('pageSize', String(q.pageSize));
          if (q.q) next.set('q', q.q);
          if (q.sort) next.set('sort', q.sort);
          for (const [k, v] of Object.entries(q.filters)) if (v) next.set(k, v);
          return next;
        },
        { replace: true },
      );
    },
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
