// Search box and filter selects above a registry table (enum, yes/no, reference and enterprise filters); the
// reset button is DataTable's.
import { Select } from 'antd';
import { pick, useLang, useT } from '../../shared/i18n.ts';
import { withFilter } from '../../shared/listState.ts';
import { RefSelect } from './refs.tsx';
import { optionLabel } from './format.tsx';
import type { FilterDef, ListQuery } from './types.ts';
import { ListSearch } from '../../shared/ui/ListSearch.tsx';

type Props = {
  filters: FilterDef[];
  query: ListQuery;
  onChange: (q: ListQuery) => void;
};

function FilterSelect({ filter: f, query, onChange }: { filter: FilterDef } & Omit<Props, 'filters'>) {
  const t = useT();
  const lang = useLang();
  const label = pick(lang, f.label, f.en);
  const value = query.filters[f.param];
  if (f.kind === 'ref' && f.ref)
    return (
      <RefSelect
        resource={f.ref}
        value={value ? Number(value) : null}
        onChange={(v) => onChange(withFilter(query, f.param, v))}
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
      : Object.keys(f.options ?? {}).map((v) => ({ value: v, label: optionLabel(f.options, v, lang) }));
  return (
    <Select<string>
      allowClear
      placeholder={label}
      value={value}
      onChange={(v) => onChange(withFilter(query, f.param, v))}
      options={options}
      style={{ minWidth: 140 }}
      popupMatchSelectWidth={false}
    />
  );
}

export function ListFilters({ filters, query, onChange }: Props) {
  return (
    <>
      <ListSearch query={query} onChange={onChange} />
      {filters.map((f) => (
        <FilterSelect key={f.param} filter={f} query={query} onChange={onChange} />
      ))}
    </>
  );
}
