// TanStack Query hooks for registry lists, single items and the enterprise lookup list.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { request, type QueryParams } from '../../shared/api/client.ts';
import type { ListQuery, RegistryItem } from './types.ts';

/** Query-string parameters of a list request (filters flattened). */
export function listParams(query: ListQuery): QueryParams {
  return { page: query.page, pageSize: query.pageSize, q: query.q, sort: query.sort, ...query.filters };
}

export function useResourceList(resource: RegistryResourceName, query: ListQuery) {
  const params = listParams(query);
  return useQuery({
    queryKey: ['registry', resource, 'list', params],
    queryFn: ({ signal }) => request('GET /:resource', { params: { resource }, query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

type Waiter = { resolve: (item: RegistryItem) => void; reject: (error: unknown) => void };
const pendingItems = new Map<RegistryResourceName, Map<number, Waiter[]>>();

/** Sends the ids asked for in one tick as one `?ids=` list request per resource (a table page links to many). */
async function flushItems(resource: RegistryResourceName): Promise<void> {
  const batch = pendingItems.get(resource);
  pendingItems.delete(resource);
  if (!batch) return;
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    let found = new Map<number, RegistryItem>();
    try {
      const page = await request('GET /:resource', {
        params: { resource },
        query: { ids: chunk.join(','), pageSize: 500 },
      });
      found = new Map(page.items.map((item) => [item.id, item]));
    } catch {
      // fall through: each id is asked for on its own below, which reports its own error
    }
    for (const id of chunk) {
      const waiters = batch.get(id) ?? [];
      const item = found.get(id);
      const single = item
        ? Promise.resolve(item)
        : request('GET /:resource/:id', { params: { resource, id } });
      single.then(
        (value) => waiters.forEach((w) => w.resolve(value)),
        (error: unknown) => waiters.forEach((w) => w.reject(error)),
      );
    }
  }
}

function batchedItem(resource: RegistryResourceName, id: number): Promise<RegistryItem> {
  return new Promise((resolve, reject) => {
    let batch = pendingItems.get(resource);
    if (!batch) {
      batch = new Map();
      pendingItems.set(resource, batch);
      setTimeout(() => void flushItems(resource), 0);
    }
    const waiters = batch.get(id) ?? [];
    waiters.push({ resolve, reject });
    batch.set(id, waiters);
  });
}

export function useResourceItem(resource: RegistryResourceName, id: number | null | undefined) {
  return useQuery({
    queryKey: ['registry', resource, 'item', id],
    queryFn: () => batchedItem(resource, Number(id)),
    enabled: typeof id === 'number' && Number.isFinite(id),
    staleTime: 5 * 60_000,
  });
}

/** Up to 500 enterprises (the caller's own one for enterprise users), for selects and name lookup. */
export function useEnterprises() {
  return useQuery({
    queryKey: ['registry', 'enterprises', 'all'],
    queryFn: ({ signal }) => request('GET /enterprises', { query: { pageSize: 500 }, signal }),
    staleTime: 5 * 60_000,
    select: (page) => [...page.items].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  });
}

/** After any registry change: lists, items, derived counts and overview figures may all move. */
export function invalidateRegistry(qc: QueryClient): Promise<void> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: ['registry'] }),
    qc.invalidateQueries({ queryKey: ['stats'] }),
    qc.invalidateQueries({ queryKey: ['map'] }),
  ]).then(() => undefined);
}
