// Metric trend of one station or household: metric and range selectors, series with resolution auto, ECharts line.
import { useMemo, useState } from 'react';
import { Segmented, Select, Space, Tag } from 'antd';
import { HOUSEHOLD_METRICS, STATION_METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import { useLang, useT, type DictKey } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { EChart } from '../../shared/chart/EChart.tsx';
import { useSeries, type TelemetryTarget } from './queries.ts';
import { buildSeriesOption } from './seriesOption.ts';
import { metricLabel, metricUnit } from './status.ts';

const HOUR = 3_600_000;
const RANGES: { key: DictKey; ms: number }[] = [
  { key: 'telemetry.range6h', ms: 6 * HOUR },
  { key: 'telemetry.range24h', ms: 24 * HOUR },
  { key: 'telemetry.range7d', ms: 7 * 24 * HOUR },
  { key: 'telemetry.range30d', ms: 30 * 24 * HOUR },
];

const RESOLUTION_LABELS: Record<string, [string, string]> = {
  raw: ['原始数据', 'raw'],
  '15m': ['15分钟均值', '15-min mean'],
  '1h': ['小时均值', 'hourly mean'],
  '1d': ['日均值', 'daily mean'],
};

export function SeriesChart({
  target,
  initialMetric,
}: {
  target: TelemetryTarget;
  initialMetric: MetricKey;
}) {
  const t = useT();
  const lang = useLang();
  const [metric, setMetric] = useState<MetricKey>(initialMetric);
  // 6 h reads raw readings, so what just arrived shows at once (longer ranges wait for the minute rollup)
  const [rangeMs, setRangeMs] = useState(RANGES[0]?.ms ?? 6 * HOUR);
  const series = useSeries(target, metric, rangeMs);
  const option = useMemo(
    () =>
      series.data && series.data.points.length > 0
        ? buildSeriesOption(series.data, {
            mean: t('telemetry.mean'),
            value: t('telemetry.value'),
            band: t('telemetry.minMax'),
          })
        : null,
    [series.data, t],
  );
  const resolution = series.data ? RESOLUTION_LABELS[series.data.resolution] : undefined;

  let body;
  if (series.isPending) body = <Loading />;
  else if (series.isError) body = <ErrorState error={series.error} onRetry={() => void series.refetch()} />;
  else if (!option)
    body = (
      <div style={{ height: 320, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <EmptyState description={t('telemetry.noSeries')} />
      </div>
    );
  else body = <EChart option={option} style={{ height: 320 }} data-testid="series-chart" />;

  return (
    <>
      <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Select<MetricKey>
            value={metric}
            onChange={setMetric}
            style={{ width: 200 }}
            aria-label={t('telemetry.metric')}
            data-testid="series-metric"
            options={(target.kind === 'station' ? STATION_METRICS : HOUSEHOLD_METRICS).map((m) => ({
              value: m,
              label: `${metricLabel(m, lang)} (${metricUnit(m, lang)})`,
            }))}
            popupMatchSelectWidth={false}
          />
          <Segmented<number>
            value={rangeMs}
            onChange={setRangeMs}
            options={RANGES.map((r) => ({ value: r.ms, label: t(r.key) }))}
            data-testid="series-range"
          />
        </Space>
        {resolution && (
          <Tag>
            {t('telemetry.resolution')}: {lang === 'en' ? resolution[1] : resolution[0]}
          </Tag>
        )}
      </Space>
      {body}
    </>
  );
}
