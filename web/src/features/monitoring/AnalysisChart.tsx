// Station analysis chart 分析曲线: several metrics of the station on one chart (an axis per unit, design
// temperatures as reference lines, the compensation target band beside the secondary supply) or one metric of up to
// 5 stations, over a preset or picked city-time range, exported as CSV or XLSX.
import { useMemo, useState } from 'react';
import { InputNumber, Segmented, Select, Space, Tag } from 'antd';
import { STATION_METRICS, METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import { MAX_CHART_METRICS } from '@hearth/contracts/telemetry-analysis';
import { pick, useLang, type Lang } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { EChart } from '../../shared/chart/EChart.tsx';
import { buildAnalysisOption, axisUnits } from './analysisOption.ts';
import { type ChartRange, zoneOffsetMs } from './chartRange.ts';
import { RangeControl, SeriesExport } from './AnalysisControls.tsx';
import { useAnalysisSeries, useCompensationSeries, useStationItem } from './queries.ts';
import { metricLabel, metricUnit } from './status.ts';
import { StationPicker, type PickedStation } from './StationPicker.tsx';

type Mode = 'metrics' | 'stations';
/** primary and secondary supply/return together: the first look at a station */
const DEFAULT_METRICS: MetricKey[] = [
  'primarySupplyTemp',
  'primaryReturnTemp',
  'secondarySupplyTemp',
  'secondaryReturnTemp',
];
const RESOLUTION_LABELS: Record<string, [string, string]> = {
  raw: ['原始数据', 'raw'],
  '15m': ['15分钟均值', '15-min mean'],
  '1h': ['小时均值', 'hourly mean'],
  '1d': ['日均值', 'daily mean'],
};

/** Half-width of the target band around the compensation target, ℃ (changeable on the chart). */
const DEFAULT_TARGET_BAND = 3;
/** The measured line the target band belongs beside. */
const TARGET_METRIC: MetricKey = 'secondarySupplyTemp';

const metricOptions = (lang: Lang) =>
  STATION_METRICS.map((m) => ({ value: m, label: `${metricLabel(m, lang)} (${metricUnit(m, lang)})` }));

/** The registry's design temperatures of the station, when it has them. */
function useDesign(stationId: number) {
  const item = useStationItem(stationId).data;
  return useMemo(() => {
    const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
    return item
      ? {
          supply: num(item.designSupplyTemp),
          return: num(item.designReturnTemp),
          name: String(item.name ?? ''),
        }
      : undefined;
  }, [item]);
}

function ChartBody({
  stationIds,
  metrics,
  range,
  targetBand,
}: {
  stationIds: number[];
  metrics: MetricKey[];
  range: ChartRange;
  /** half-width of the compensation band, ℃; null: no target drawn */
  targetBand: number | null;
}) {
  const lang = useLang();
  const design = useDesign(stationIds[0] ?? 0);
  const series = useAnalysisSeries(stationIds, metrics, range);
  const data = series.data;
  const withTarget = targetBand !== null && stationIds.length === 1;
  const targets = useCompensationSeries(stationIds[0] ?? 0, range, withTarget).data;
  const option = useMemo(() => {
    if (!data || data.series.every((s) => s.points.length === 0)) return null;
    const target =
      withTarget && targets
        ? {
            points: targets.points.map((p) => ({ at: p.at, supply: p.supply })),
            band: targetBand ?? DEFAULT_TARGET_BAND,
            labels: {
              target: pick(lang, '目标供水温度（气候补偿）', 'Target supply (weather compensation)'),
              band: pick(lang, `目标带 ±${targetBand} ℃`, `Target band ±${targetBand} ℃`),
            },
          }
        : undefined;
    return buildAnalysisOption(data, {
      labels: {
        designSupply: pick(lang, '设计供水温度', 'Design supply'),
        designReturn: pick(lang, '设计回水温度', 'Design return'),
        metric: (m) => (m in METRICS ? metricLabel(m as MetricKey, lang) : m),
      },
      design: stationIds.length === 1 ? design : undefined,
      cityOffsetMs: zoneOffsetMs(data.series[0]?.points[0] ? Date.parse(data.series[0].points[0].ts) : 0),
      target,
    });
  }, [data, lang, design, stationIds.length, withTarget, targets, targetBand]);
  const resolution = data ? RESOLUTION_LABELS[data.resolution] : undefined;

  if (series.isPending && series.fetchStatus !== 'idle') return <Loading />;
  if (series.isError) return <ErrorState error={series.error} onRetry={() => void series.refetch()} />;
  if (!option || !data)
    return (
      <div style={{ height: 360, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <EmptyState description={pick(lang, '所选时间段内暂无数据', 'No data in the chosen range')} />
      </div>
    );
  // the measured lines (the target band and line are told apart by their own attributes)
  const legend = (option.series as { id?: string; name?: string }[])
    .filter((s) => !s.id?.startsWith('target'))
    .map((s) => s.name ?? '');
  const targetPoints = withTarget ? (targets?.points.length ?? 0) : 0;
  const marks = (option.series as { markLine?: { data: { name: string }[] } }[]).flatMap(
    (s) => s.markLine?.data.map((d) => d.name) ?? [],
  );
  return (
    <div
      data-testid="analysis-chart"
      data-legend={legend.join('|')}
      data-axes={axisUnits(data.series).join('|')}
      data-marklines={marks.join('|')}
      data-resolution={data.resolution}
      data-points={data.series.reduce((n, s) => n + s.points.length, 0)}
      data-target-points={targetPoints}
      data-target-band={withTarget ? targetBand : ''}
    >
      {resolution && (
        <Tag style={{ position: 'absolute', right: 24, marginTop: -4 }} data-testid="analysis-resolution">
          {pick(lang, '粒度', 'Resolution')}: {pick(lang, resolution[0], resolution[1])}
        </Tag>
      )}
      {/* a new chart when axes, lines or reference lines change: setOption merges, and would keep stale ones */}
      <EChart
        key={`${legend.join('|')}/${axisUnits(data.series).join('|')}/${marks.join('|')}/${targetPoints > 0 ? targetBand : ''}`}
        option={option}
        style={{ height: 380 }}
      />
    </div>
  );
}

/** The half-width of the compensation target band, ℃. */
function TargetBandInput({ value, onChange }: { value: number; onChange: (v: number) => void }) {
  const lang = useLang();
  return (
    <InputNumber<number>
      value={value}
      min={0.5}
      max={15}
      step={0.5}
      onChange={(v) => v !== null && onChange(v)}
      prefix={pick(lang, '目标带 ±', 'Target band ±')}
      suffix="℃"
      style={{ width: 170 }}
      aria-label={pick(lang, '目标带宽度', 'Target band half-width')}
      data-testid="analysis-target-band"
    />
  );
}

export function AnalysisChart({ stationId, initialMetric }: { stationId: number; initialMetric: MetricKey }) {
  const lang = useLang();
  const design = useDesign(stationId);
  const [mode, setMode] = useState<Mode>('metrics');
  const [metrics, setMetrics] = useState<MetricKey[]>(
    DEFAULT_METRICS.includes(initialMetric) ? DEFAULT_METRICS : [initialMetric],
  );
  const [compareMetric, setCompareMetric] = useState<MetricKey>('secondarySupplyTemp');
  const [others, setOthers] = useState<PickedStation[]>([]);
  const [range, setRange] = useState<ChartRange>({ preset: '24h' });
  const [band, setBand] = useState<number>(DEFAULT_TARGET_BAND);
  const self: PickedStation = { value: stationId, label: design?.name || String(stationId) };
  const picked = [self, ...others.filter((s) => s.value !== stationId)];
  const stationIds = mode === 'metrics' ? [stationId] : picked.map((s) => s.value);
  const shown = mode === 'metrics' ? metrics : [compareMetric];
  const targetShown = mode === 'metrics' && metrics.includes(TARGET_METRIC);

  return (
    <div data-testid="analysis">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<Mode>
          value={mode}
          onChange={setMode}
          data-testid="analysis-mode"
          options={[
            { value: 'metrics', label: pick(lang, '多指标', 'Metrics') },
            { value: 'stations', label: pick(lang, '多站对比', 'Compare stations') },
          ]}
        />
        {mode === 'metrics' ? (
          <Select<MetricKey[]>
            mode="multiple"
            value={metrics}
            onChange={(v) => v.length > 0 && setMetrics(v)}
            maxCount={MAX_CHART_METRICS}
            maxTagCount="responsive"
            style={{ width: 560, maxWidth: '100%' }}
            aria-label={pick(lang, '指标', 'Metrics')}
            data-testid="analysis-metrics"
            showSearch={{ optionFilterProp: 'label' }}
            options={metricOptions(lang)}
            popupMatchSelectWidth={false}
          />
        ) : (
          <>
            <Select<MetricKey>
              value={compareMetric}
              onChange={setCompareMetric}
              style={{ width: 200 }}
              aria-label={pick(lang, '对比指标', 'Metric compared')}
              data-testid="analysis-compare-metric"
              showSearch={{ optionFilterProp: 'label' }}
              options={metricOptions(lang)}
              popupMatchSelectWidth={false}
            />
            <StationPicker value={picked} onChange={(next) => setOthers(next)} />
          </>
        )}
        {targetShown && <TargetBandInput value={band} onChange={setBand} />}
      </Space>
      <Space wrap style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <RangeControl value={range} onChange={setRange} />
        <SeriesExport stationIds={stationIds} metrics={shown} range={range} />
      </Space>
      <ChartBody
        stationIds={stationIds}
        metrics={shown}
        range={range}
        targetBand={targetShown ? band : null}
      />
    </div>
  );
}
