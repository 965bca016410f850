// Several enterprises or stations picked by name (server-side search), for an order's scope.
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { request } from '../../shared/api/client.ts';
import { useRaiseText } from './raiseText.ts';

type Option = { value: number; label: string };

export function NamePicker({
  resource,
  value,
  onChange,
  id,
}: {
  resource: 'enterprises' | 'stations';
  value?: number[];
  onChange?: (value: number[]) => void;
  id?: string;
}) {
  const rt = useRaiseText();
  const [search, setSearch] = useState('');
  // names of what was picked stay shown while the search lists something else
  const [known, setKnown] = useState<Map<number, string>>(new Map());
  const list = useQuery({
    queryKey: ['registry', resource, 'names', search],
    queryFn: ({ signal }) =>
      request('GET /:resource', {
        params: { resource },
        query: { pageSize: 30, q: search || undefined },
        signal,
      }),
    staleTime: 60_000,
  });
  const found: Option[] = (list.data?.items ?? []).map((i) => ({
    value: i.id,
    label: String((i as { name?: unknown }).name ?? i.id),
  }));
  const options = [
    ...found,
    ...(value ?? [])
      .filter((v) => !found.some((o) => o.value === v))
      .map((v) => ({ value: v, label: known.get(v) ?? `#${v}` })),
  ];
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setSearch}
      value={value ?? []}
      loading={list.isFetching}
      placeholder={rt('search')}
      options={options}
      onChange={(next) => {
        const names = new Map(known);
        for (const o of found) names.set(o.value, o.label);
        setKnown(names);
        onChange?.(next);
      }}
      data-testid={`pick-${resource}`}
      style={{ width: '100%' }}
    />
  );
}
