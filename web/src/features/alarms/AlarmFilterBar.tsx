// The alarm filters: state, severity, type, enterprise (city-wide roles), station by name, city days, free text.
// A builder, not a component: DataTable's <Space> spaces a fragment's children only when it gets the fragment.
import { useEffect, useState, type ReactNode } from 'react';
import { DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import {
  ALARM_SEVERITY_LABELS,
  ALARM_STATE_LABELS,
  ALARM_STATES,
  ALARM_TYPE_LABELS,
  ALARM_TYPES,
} from '@hearth/contracts/alarms';
import { enumLabel, type Lang } from '../../shared/i18n.ts';
import { SEVERITIES_DESC } from './alarmFormat.ts';
import { useAlarmText, type AlarmTextKey } from './alarmText.ts';
import { useEnterpriseOptions, useStationOptions, type AlarmListState } from './queries.ts';

type Set = (next: AlarmListState) => void;

function StationFilter({ value, onChange }: { value: number | undefined; onChange: (id?: number) => void }) {
  const tx = useAlarmText();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const options = useStationOptions(q);
  return (
    <Select<number>
      allowClear
      value={value}
      placeholder={tx('station')}
      style={{ width: 180 }}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={options.isFetching}
      options={(options.data?.items ?? []).map((s) => ({
        value: s.id,
        label: typeof s.name === 'string' ? s.name : String(s.id),
      }))}
      onChange={(id) => {
        setSearch('');
        onChange(id);
      }}
      data-testid="alarm-filter-station"
    />
  );
}

function EnterpriseFilter({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (id?: number) => void;
}) {
  const tx = useAlarmText();
  const enterprises = useEnterpriseOptions(true);
  return (
    <Select<number>
      allowClear
      value={value}
      placeholder={tx('enterprise')}
      style={{ width: 180 }}
      showSearch={{ optionFilterProp: 'label' }}
      loading={enterprises.isFetching}
      options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
      onChange={onChange}
    />
  );
}

export function alarmFilterBar(
  props: { list: AlarmListState; setList: Set; history: boolean; cityWide: boolean },
  tx: (key: AlarmTextKey) => string,
  lang: Lang,
): ReactNode {
  const { list, setList, history, cityWide } = props;
  const set = (patch: Partial<AlarmListState>) => setList({ ...list, ...patch, page: 1 });
  const states = history ? ALARM_STATES : ALARM_STATES.filter((s) => s !== 'closed');
  return (
    <>
      <Select
        allowClear
        placeholder={history ? tx('allStates') : tx('openState')}
        style={{ width: 130 }}
        value={list.state === 'open' && !history ? undefined : list.state}
        onChange={(v) => set({ state: v ?? (history ? undefined : 'open') })}
        options={states.map((s) => ({ value: s, label: enumLabel(lang, ALARM_STATE_LABELS, s) }))}
        data-testid="alarm-filter-state"
      />
      <Select
        allowClear
        placeholder={tx('severity')}
        style={{ width: 110 }}
        value={list.severity}
        onChange={(v) => set({ severity: v })}
        options={SEVERITIES_DESC.map((s) => ({ value: s, label: enumLabel(lang, ALARM_SEVERITY_LABELS, s) }))}
        data-testid="alarm-filter-severity"
      />
      <Select
        allowClear
        placeholder={tx('type')}
        style={{ width: 150 }}
        value={list.type}
        onChange={(v) => set({ type: v })}
        options={ALARM_TYPES.map((t) => ({ value: t, label: enumLabel(lang, ALARM_TYPE_LABELS, t) }))}
      />
      {cityWide && (
        <EnterpriseFilter value={list.enterpriseId} onChange={(id) => set({ enterpriseId: id })} />
      )}
      <StationFilter value={list.stationId} onChange={(id) => set({ stationId: id })} />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[tx('from'), tx('to')]}
        value={[list.fromDay ? dayjs(list.fromDay) : null, list.toDay ? dayjs(list.toDay) : null]}
        onChange={(days) =>
          set({ fromDay: days?.[0]?.format('YYYY-MM-DD'), toDay: days?.[1]?.format('YYYY-MM-DD') })
        }
      />
      <Input.Search
        allowClear
        placeholder={tx('search')}
        style={{ width: 220 }}
        key={list.q === undefined ? 'empty' : 'set'}
        defaultValue={list.q}
        onSearch={(v) => set({ q: v.trim() || undefined })}
      />
    </>
  );
}
