// The search box of a list's filter bar: its text is the list's `q`, and a search starts again at page 1.
import { Input } from 'antd';
import { useT } from '../i18n.ts';
import { withSearch } from '../listState.ts';
import type { ListQuery } from '../listQuery.ts';

export function ListSearch({
  query,
  onChange,
  testId = 'list-search',
}: {
  query: ListQuery;
  onChange: (q: ListQuery) => void;
  testId?: string;
}) {
  const t = useT();
  return (
    <Input.Search
      key={query.q ?? ''}
      defaultValue={query.q}
      placeholder={t('common.search')}
      allowClear
      style={{ width: 220 }}
      data-testid={testId}
      onSearch={(v) => onChange(withSearch(query, v))}
    />
  );
}
