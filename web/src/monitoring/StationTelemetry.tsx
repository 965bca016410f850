// 运行数据 section of the station detail page: latest values grid and the metric trend chart.
import { Card, Divider, Typography } from 'antd';
import type { MetricKey } from '@hearth/contracts/telemetry';
import { useT } from '../i18n.ts';
import { EmptyState, ErrorState, Loading } from '../components/PageState.tsx';
import { formatTime } from '../registry/format.tsx';
import { LatestGrid } from './LatestGrid.tsx';
import { useLatest } from './queries.ts';
import { SeriesChart } from './SeriesChart.tsx';
import { fromNow, KEY_METRICS } from './status.ts';
import { useNow } from './useNow.ts';

export function StationTelemetry({ stationId }: { stationId: number }) {
  const t = useT();
  const now = useNow();
  const latest = useLatest(stationId);
  const firstMetric: MetricKey =
    KEY_METRICS.find((m) => latest.data?.points[m]) ??
    (Object.keys(latest.data?.points ?? {})[0] as MetricKey | undefined) ??
    'primarySupplyTemp';

  let body;
  if (latest.isPending) body = <Loading />;
  else if (latest.isError) body = <ErrorState error={latest.error} onRetry={() => void latest.refetch()} />;
  else if (latest.data.ts === null) body = <EmptyState description={t('telemetry.noReadings')} />;
  else
    body = (
      <>
        <LatestGrid latest={latest.data} now={now} />
        <Divider titlePlacement="start" plain>
          {t('telemetry.chart')}
        </Divider>
        <SeriesChart key={stationId} stationId={stationId} initialMetric={firstMetric} />
      </>
    );

  return (
    <Card
      variant="borderless"
      style={{ marginTop: 16 }}
      title={t('telemetry.title')}
      extra={
        latest.data?.ts ? (
          <Typography.Text type="secondary">
            {t('monitoring.lastTs')}: {formatTime(latest.data.ts)} · {fromNow(latest.data.ts, now)}
          </Typography.Text>
        ) : null
      }
    >
      <div data-testid="station-telemetry">{body}</div>
    </Card>
  );
}
