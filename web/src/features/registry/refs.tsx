// Cross-references between registry items: a linked name for display (households as code · 楼栋-单元-房号,
// departments by name), and a searchable select for forms/filters.
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Link } from 'react-router';
import { Select, Spin, Typography } from 'antd';
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

/** A household's place as 楼栋-单元-房号 (`3号楼-2单元-1502`), from its building's name, unit and room. */
export function householdPlace(
  household: { buildingId?: unknown; unit?: unknown; room?: unknown },
  buildingName: string | undefined,
): string {
  const parts = [
    typeof household.buildingId === 'number' ? buildingName : undefined,
    household.unit,
    household.room,
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.join('-');
}

/** The household's 楼栋-单元-房号, grey (nothing when the household has none of them). */
export function HouseholdPlace({ household }: { household: Record<string, unknown> }) {
  const building = useResourceItem(
    'buildings',
    typeof household.buildingId === 'number' ? household.buildingId : null,
  );
  const name = typeof building.data?.name === 'string' ? building.data.name : undefined;
  if (typeof household.buildingId === 'number' && !name) return null;
  const place = householdPlace(household, name);
  return place ? (
    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} data-testid="household-place">
      {place}
    </Typography.Text>
  ) : null;
}

function HouseholdName({ id }: { id: number }) {
  const item = useResourceItem('households', id);
  return (
    <span>
      <Link to={`/households/${id}`}>{item.data ? itemLabel(item.data) : `#${id}`}</Link>
      {item.data && (
        <>
          {' '}
          <HouseholdPlace household={item.data} />
        </>
      )}
    </span>
  );
}

/** Every department (a handful), for name lookup by code. */
export function useDepartments() {
  return useQuery({
    queryKey: ['registry', 'departments', 'all'],
    queryFn: ({ signal }) => request('GET /departments', { query: { pageSize: 500 }, signal }),
    staleTime: 5 * 60_000,
  });
}

/** A department by its name, looked up from its code (the code while loading or when unknown). */
export function DepartmentName({ code }: { code: unknown }) {
  const list = useDepartments();
  if (typeof code !== 'string' || !code) return <span>—</span>;
  const d = list.data?.items.find((x) => x.code === code);
  return d ? <Link to={`/departments/${d.id}`}>{d.name}</Link> : <span>{code}</span>;
}

/** The referenced item's name as a link to its detail page (— when unset). */
export function RefName({ resource, id }: { resource: RegistryResourceName; id: unknown }) {
  if (typeof id !== 'number') return <span>—</span>;
  if (resource === 'enterprises') return <EnterpriseName id={id} />;
  if (resource === 'households') return <HouseholdName id={id} />;
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
