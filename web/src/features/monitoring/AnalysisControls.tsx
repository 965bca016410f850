// Controls of the analysis chart: the range (presets and a picked span in city time) and the CSV/XLSX export.
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Segmented, Space } from 'antd';
import type { MetricKey } from '@hearth/contracts/telemetry';
import { pick, useLang } from '../../shared/i18n.ts';
import { useNow } from '../../shared/useNow.ts';
import { ExportButtons } from '../../shared/ui/ExportButtons.tsx';
import {
  cityWallClock,
  fromCityWallClock,
  PRESET_LABELS,
  RANGE_PRESETS,
  resolveRange,
  type ChartRange,
  type RangePreset,
} from './chartRange.ts';

const WALL = 'YYYY-MM-DD HH:mm';
/** an instant shown in the picker as the city's clock reads it */
const toPicker = (ms: number): Dayjs => dayjs(cityWallClock(ms), WALL);

export function RangeControl({ value, onChange }: { value: ChartRange; onChange: (r: ChartRange) => void }) {
  const lang = useLang();
  const now = useNow(60_000);
  const span = resolveRange(value, now);
  return (
    <Space wrap>
      <Segmented<RangePreset | 'custom'>
        value={'preset' in value ? value.preset : 'custom'}
        onChange={(p) => p !== 'custom' && onChange({ preset: p })}
        data-testid="analysis-range"
        options={[
          ...RANGE_PRESETS.map((p) => ({
            value: p,
            label: pick(lang, PRESET_LABELS[p][0], PRESET_LABELS[p][1]),
          })),
          { value: 'custom' as const, label: pick(lang, '自定义', 'Custom'), disabled: true },
        ]}
      />
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format={WALL}
        allowClear={false}
        value={[toPicker(span.from), toPicker(Math.min(span.to, now))]}
        disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'))}
        placeholder={[pick(lang, '开始时间', 'From'), pick(lang, '结束时间', 'To')]}
        data-testid="analysis-range-picker"
        onChange={(days) => {
          const [from, to] = days ?? [];
          if (!from || !to) return;
          onChange({ from: fromCityWallClock(from.format(WALL)), to: fromCityWallClock(to.format(WALL)) });
        }}
      />
    </Space>
  );
}

export function SeriesExport({
  stationIds,
  metrics,
  range,
}: {
  stationIds: number[];
  metrics: MetricKey[];
  range: ChartRange;
}) {
  return (
    <ExportButtons
      path="/monitoring/series/export"
      query={() => {
        const { from, to } = resolveRange(range, Date.now());
        return {
          stationIds: stationIds.join(','),
          metrics: metrics.join(','),
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
        };
      }}
      baseName="运行曲线"
      testId="analysis-export"
      disabled={stationIds.length === 0 || metrics.length === 0}
    />
  );
}
