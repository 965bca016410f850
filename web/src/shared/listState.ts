// List state (page, size, search, sort, filters) and its URL form: pure functions behind the list hooks and
// DataTable, unit-tested under node:test.

export type ListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  sort?: string;
  filters: Record<string, string>;
};

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;
const RESERVED = new Set(['page', 'pageSize', 'q', 'sort', 'tab']);

function positiveInt(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Reads `?page=&pageSize=&q=&sort=&<filter>=`; only the named filters are kept, reserved names never are. */
export function parseListQuery(params: URLSearchParams, filterParams: readonly string[]): ListQuery {
  const filters: Record<string, string> = {};
  for (const p of filterParams) {
    const v = params.get(p);
    if (v && !RESERVED.has(p)) filters[p] = v;
  }
  return {
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE),
    q: params.get('q') ?? undefined,
    sort: params.get('sort') ?? undefined,
    filters,
  };
}

/** The URL form of a list query: defaults left out, a `tab` of the previous params kept. */
export function listQueryParams(q: ListQuery, prev?: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  const tab = prev?.get('tab');
  if (tab) next.set('tab', tab);
  if (q.page !== 1) next.set('page', String(q.page));
  if (q.pageSize !== DEFAULT_PAGE_SIZE) next.set('pageSize', String(q.pageSize));
  if (q.q) next.set('q', q.q);
  if (q.sort) next.set('sort', q.sort);
  for (const [k, v] of Object.entries(q.filters)) if (v) next.set(k, v);
  return next;
}

/** One filter set (or cleared, for an empty value); back to the first page. */
export function withFilter(q: ListQuery, name: string, value: string | number | null | undefined): ListQuery {
  const filters = Object.fromEntries(Object.entries(q.filters).filter(([k]) => k !== name));
  if (value !== null && value !== undefined && value !== '') filters[name] = String(value);
  return { ...q, page: 1, filters };
}

/** The search text (trimmed; empty clears it); back to the first page. */
export function withSearch(q: ListQuery, text: string | undefined): ListQuery {
  return { ...q, page: 1, q: text?.trim() || undefined };
}

/** Search and every filter cleared. */
export function withoutFilters(q: ListQuery): ListQuery {
  return { ...q, page: 1, q: undefined, filters: {} };
}

export function isFiltered(q: ListQuery): boolean {
  return Boolean(q.q) || Object.values(q.filters).some(Boolean);
}

/** The pager moved to `page` with `pageSize`: a new page size starts again at page 1. */
export function withPage<Q extends { page: number; pageSize: number }>(
  q: Q,
  page: number,
  pageSize: number,
): Q {
  return { ...q, page: pageSize === q.pageSize ? page : 1, pageSize };
}

/** `name` ascending, `-name` descending, else unsorted: the antd column's sort order. */
export function sortOrderOf(sort: string | null | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** The sort parameter for a column key and antd order (undefined: unsorted). */
export function sortParam(field: string | undefined, order: 'ascend' | 'descend' | null | undefined) {
  return field && order ? (order === 'descend' ? `-${field}` : field) : undefined;
}
