// Cross-references between registry items: a linked name for display and a searchable select for forms/filters.
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Link } from 'react-router';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { request } from '../../shared/api/client.ts';
import { useEnterprises, useResourceItem } from './queries.ts';
import { itemLabel } from './resources.ts';

function EnterpriseName({ id }: { id: number }) {
  const list = useEnterprises();
  const e = list.data?.find((x) => x.id === id);
  return <Link to={`/enterprises/${id}`}>{e ? e.name : `#${id}`}</Link>;
}

function ItemName({ resource, id }: { resource: RegistryResourceName; id: number }) {
  const item = useResourceItem(resource, id);
  return <Link to={`/${resource}/${id}`}>{item.data ? itemLabel(item.data) : `#${id}`}</Link>;
}

/** The referenced item's name as a link to its detail page (— when unset). */
export function RefName({ resource, id }: { resource: RegistryResourceName; id: unknown }) {
  if (typeof id !== 'number') return <span>—</span>;
  if (resource === 'enterprises') return <EnterpriseName id={id} />;
  return <ItemName resource={resource} id={id} />;
}

type Option = { value: number; label: string };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

type RefSelectProps = {
  resource: RegistryResourceName;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** extra list filters, e.g. `{ communityId: '3' }` */
  scope?: Record<string, string>;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
};

/** Searchable select over a registry resource (server-side search with `q`). */
export function RefSelect({
  resource,
  value,
  onChange,
  scope,
  placeholder,
  allowClear = true,
  style,
  id,
}: RefSelectProps) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const q = useDebounced(search, 250);
  const enterprises = useEnterprises();
  const isEnterprise = resource === 'enterprises';
  const list = useQuery({
    queryKey: ['registry', resource, 'options', q, scope],
    queryFn: ({ signal }) =>
      request('GET /:resource', { params: { resource }, query: { pageSize: 30, q, ...scope }, signal }),
    enabled: !isEnterprise && opened,
    staleTime: 60_000,
  });
  const current = useResourceItem(resource, isEnterprise ? null : value);

  const options = useMemo<Option[]>(() => {
    if (isEnterprise) {
      const needle = search.trim().toLowerCase();
      return (enterprises.data ?? [])
        .filter(
          (e) => !needle || e.name.toLowerCase().includes(needle) || e.code.toLowerCase().includes(needle),
        )
        .map((e) => ({ value: e.id, label: e.name }));
    }
    const opts = (list.data?.items ?? []).map((i) => ({ value: i.id, label: itemLabel(i) }));
    if (current.data && !opts.some((o) => o.value === current.data.id))
      opts.unshift({ value: current.data.id, label: itemLabel(current.data) });
    return opts;
  }, [isEnterprise, enterprises.data, list.data, current.data, search]);

  const loading = isEnterprise ? enterprises.isPending : list.isFetching;
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      onClear={() => onChange?.(null)}
      onOpenChange={(open) => open && setOpened(true)}
      placeholder={placeholder}
      options={options}
      loading={loading}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
