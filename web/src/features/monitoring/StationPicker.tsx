// Stations of the comparison chart, picked by name with search; a 6th is refused with a message.
import { useEffect, useState } from 'react';
import { App, Select } from 'antd';
import { MAX_COMPARED_STATIONS } from '@hearth/contracts/telemetry-analysis';
import { pick, useLang } from '../../shared/i18n.ts';
import { useStationOptions } from './queries.ts';

export type PickedStation = { value: number; label: string };

export function StationPicker({
  value,
  onChange,
}: {
  value: PickedStation[];
  onChange: (stations: PickedStation[]) => void;
}) {
  const lang = useLang();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const options = useStationOptions(q);
  const found = (options.data?.items ?? []).map((s) => ({
    value: s.id,
    label: typeof s.name === 'string' ? s.name : String(s.id),
  }));
  return (
    <Select<PickedStation[]>
      mode="multiple"
      labelInValue
      value={value}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={options.isFetching}
      options={found}
      style={{ width: 560, maxWidth: '100%' }}
      maxTagTextLength={12}
      placeholder={pick(lang, '按站名搜索换热站', 'Search stations by name')}
      aria-label={pick(lang, '对比换热站', 'Stations compared')}
      data-testid="analysis-stations"
      notFoundContent={pick(lang, '无匹配换热站', 'No matching station')}
      onChange={(next) => {
        if (next.length > MAX_COMPARED_STATIONS) {
          void message.warning(
            pick(
              lang,
              `最多同时对比 ${MAX_COMPARED_STATIONS} 个换热站，请先移除一个`,
              `At most ${MAX_COMPARED_STATIONS} stations can be compared; remove one first`,
            ),
          );
          return;
        }
        setSearch('');
        onChange(next.map((s) => ({ value: s.value, label: String(s.label) })));
      }}
    />
  );
}
