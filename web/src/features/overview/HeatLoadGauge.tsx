// Heat load against capacity: the share as a dashboard gauge, with the figures in MW beneath.
import { Card, Progress, Typography } from 'antd';
import type { LiveOverview } from '@hearth/contracts/live-overview';
import { formatNumber } from '../../shared/format.ts';
import { loadPercent } from './liveFormat.ts';
import { useLiveT } from './liveLabels.ts';

export function HeatLoadGauge({ live, big = false }: { live: LiveOverview; big?: boolean }) {
  const t = useLiveT();
  const { loadMw, sourceCapacityMw, stationCapacityMw } = live.heatLoad;
  // the heat sources' installed capacity; a scope without sources is measured against its stations' capacity
  const bySources = sourceCapacityMw > 0;
  const capacity = bySources ? sourceCapacityMw : stationCapacityMw;
  const share = loadPercent(loadMw, capacity);
  // green with room to spare, orange from 75 %, red from 90 % of capacity
  const color = share >= 90 ? '#cf1322' : share >= 75 ? '#fa8c16' : '#52c41a';
  return (
    <Card variant="borderless" title={t('gauge')} style={{ height: '100%' }} data-testid="load-gauge">
      <div style={{ textAlign: 'center' }}>
        <Progress
          type="dashboard"
          percent={Math.min(share, 100)}
          status="normal"
          format={() => <span style={{ color }}>{`${formatNumber(share, 1)}%`}</span>}
          size={big ? 200 : 160}
          strokeColor={color}
        />
        <div>
          <Typography.Text style={{ fontSize: big ? 17 : 14 }}>
            {t('gaugeDetail', {
              load: formatNumber(loadMw, 1),
              kind: t(bySources ? 'sourceCapacity' : 'stationCapacity'),
              capacity: formatNumber(capacity, 0),
            })}
          </Typography.Text>
        </div>
      </div>
    </Card>
  );
}
