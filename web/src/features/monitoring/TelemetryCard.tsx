// 运行数据 / 室温 section of a station's or household's detail page: latest values grid and the trend chart
// (a station's: the analysis chart with several metrics or stations).
import { Card, Divider, Typography } from 'antd';
import type { MetricKey } from '@hearth/contracts/telemetry';
import { useT } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { formatTime } from '../../shared/format.ts';
import { LatestGrid } from './LatestGrid.tsx';
import { useLatest, type TelemetryTarget } from './queries.ts';
import { SeriesChart } from './SeriesChart.tsx';
import { AnalysisChart } from './AnalysisChart.tsx';
import { fromNow, KEY_METRICS } from './status.ts';
import { useNow } from '../../shared/useNow.ts';

export function TelemetryCard({ target }: { target: TelemetryTarget }) {
  const t = useT();
  const now = useNow();
  const latest = useLatest(target);
  const station = target.kind === 'station';
  const firstMetric: MetricKey =
    KEY_METRICS.find((m) => latest.data?.points[m]) ??
    (Object.keys(latest.data?.points ?? {})[0] as MetricKey | undefined) ??
    (station ? 'primarySupplyTemp' : 'indoorTemp');

  let body;
  if (latest.isPending) body = <Loading />;
  else if (latest.isError) body = <ErrorState error={latest.error} onRetry={() => void latest.refetch()} />;
  else if (latest.data.ts === null)
    body = <EmptyState description={t(station ? 'telemetry.noReadings' : 'telemetry.noIndoorReadings')} />;
  else
    body = (
      <>
        <LatestGrid latest={latest.data} now={now} />
        <Divider titlePlacement="start" plain>
          {t('telemetry.chart')}
        </Divider>
        {station ? (
          <AnalysisChart key={target.id} stationId={target.id} initialMetric={firstMetric} />
        ) : (
          <SeriesChart key={`${target.kind}-${target.id}`} target={target} initialMetric={firstMetric} />
        )}
      </>
    );

  return (
    <Card
      variant="borderless"
      style={{ marginTop: 16 }}
      title={t(station ? 'telemetry.title' : 'telemetry.indoorTitle')}
      extra={
        latest.data?.ts ? (
          <Typography.Text type="secondary">
            {t('monitoring.lastTs')}: {formatTime(latest.data.ts)} · {fromNow(latest.data.ts, now)}
          </Typography.Text>
        ) : null
      }
    >
      <div data-testid={`${target.kind}-telemetry`}>{body}</div>
    </Card>
  );
}
