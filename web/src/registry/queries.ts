// TanStack Query hooks for registry lists, single items and the enterprise lookup list.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Page } from '@hearth/contracts/common';
import type { Enterprise, RegistryResourceName } from '@hearth/contracts/registry';
import { api, type QueryParams } from '../api.ts';
import type { ListQuery, RegistryItem } from './types.ts';

/** Query-string parameters of a list request (filters flattened). */
export function listParams(query: ListQuery): QueryParams {
  return { page: query.page, pageSize: query.pageSize, q: query.q, sort: query.sort, ...query.filters };
}

export function useResourceList(resource: RegistryResourceName, query: ListQuery) {
  const params = listParams(query);
  return useQuery({
    queryKey: ['registry', resource, 'list', params],
    queryFn: ({ signal }) => api<Page<RegistryItem>>(`/${resource}`, { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useResourceItem(resource: RegistryResourceName, id: number | null | undefined) {
  return useQuery({
    queryKey: ['registry', resource, 'item', id],
    queryFn: ({ signal }) => api<RegistryItem>(`/${resource}/${id}`, { signal }),
    enabled: typeof id === 'number' && Number.isFinite(id),
    staleTime: 5 * 60_000,
  });
}

/** Up to 500 enterprises (the caller's own one for enterprise users), for selects and name lookup. */
export function useEnterprises() {
  return useQuery({
    queryKey: ['registry', 'enterprises', 'all'],
    queryFn: ({ signal }) => api<Page<Enterprise>>('/enterprises', { query: { pageSize: 500 }, signal }),
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
