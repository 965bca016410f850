// Search box and filter selects above a registry table (enum, yes/no, reference and enterprise filters).
import { Button, Input, Select, Space } from 'antd';
import { useLang, useT } from '../../shared/i18n.ts';
import { pick } from '../../shared/i18n.ts';
import { RefSelect } from './refs.tsx';
import type { FilterDef, ListQuery } from './types.ts';

type Props = {
  filters: FilterDef[];
  query: ListQuery;
  onChange: (q: ListQuery) => void;
};

export function ListFilters({ filters, query, onChange }: Props) {
  const t = useT();
  const lang = useLang();
  const setFilter = (param: string, value: string | null | undefined) => {
    const next = Object.fromEntries(Object.entries(query.filters).filter(([k]) => k !== param));
    if (value) next[param] = value;
    onChange({ ...query, page: 1, filters: next });
  };
  const hasAny = Boolean(query.q) || Object.keys(query.filters).length > 0;

  return (
    <Space wrap size={8}>
      <Input.Search
        key={query.q ?? ''}
        defaultValue={query.q}
        placeholder={t('common.search')}
        allowClear
        style={{ width: 220 }}
        data-testid="list-search"
        onSearch={(v) => onChange({ ...query, page: 1, q: v.trim() || undefined })}
      />
      {filters.map((f) => {
        const label = pick(lang, f.label, f.en);
        const value = query.filters[f.param];
        if (f.kind === 'ref' && f.ref)
          return (
            <RefSelect
              key={f.param}
              resource={f.ref}
              value={value ? Number(value) : null}
              onChange={(v) => setFilter(f.param, v === null ? null : String(v))}
              placeholder={label}
              style={{ width: 200 }}
            />
          );
        const options =
          f.kind === 'bool'
            ? [
                { value: 'true', label: `${label}: ${t('common.yes')}` },
                { value: 'false', label: `${label}: ${t('common.no')}` },
              ]
            : Object.entries(f.options ?? {}).map(([v, l]) => ({ value: v, label: l }));
        return (
          <Select<string>
            key={f.param}
            allowClear
            placeholder={label}
            value={value}
            onChange={(v) => setFilter(f.param, v)}
            options={options}
            style={{ minWidth: 140 }}
            popupMatchSelectWidth={false}
          />
        );
      })}
      {hasAny && (
        <Button onClick={() => onChange({ ...query, page: 1, q: undefined, filters: {} })}>
          {t('common.reset')}
        </Button>
      )}
    </Space>
  );
}
