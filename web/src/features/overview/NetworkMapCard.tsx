// City map card: GET /api/map/network drawn with ECharts on a lon/lat plane (no tile server), stations coloured by
// live status (monitoring list + stream); click a station to open it.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { request } from '../../shared/api/client.ts';
import { useLang, useT } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { LiveIndicator } from '../monitoring/monitoring.public.ts';
import { useLiveStations } from '../monitoring/monitoring.public.ts';
import { useAllMonitored } from '../monitoring/monitoring.public.ts';
import { STATION_STATUSES, statusLabel, type StationStatus } from '../monitoring/monitoring.public.ts';
import { EChart } from '../../shared/chart/EChart.tsx';
import { boundsOf, buildMapOption } from './mapOption.ts';

const HEIGHT = 560;

export function NetworkMapCard() {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const [size, setSize] = useState({ width: 900, height: HEIGHT });
  const map = useQuery({
    queryKey: ['map', 'network'],
    queryFn: ({ signal }) => request('GET /map/network', { signal }),
    staleTime: 5 * 60_000,
  });
  const live = useLiveStations();
  const monitored = useAllMonitored();
  const status = useMemo(
    () =>
      monitored.data
        ? new Map<number, StationStatus>(monitored.data.map((s) => [s.id, s.status]))
        : undefined,
    [monitored.data],
  );
  const bounds = useMemo(() => (map.data ? boundsOf(map.data) : null), [map.data]);
  const labels = useMemo(
    () => ({
      stations: t('nav.stations'),
      trunk: t('overview.trunk'),
      branch: t('overview.branch'),
      service: t('overview.service'),
      statuses: Object.fromEntries(STATION_STATUSES.map((s) => [s, statusLabel(s, lang)])) as Record<
        StationStatus,
        string
      >,
    }),
    [t, lang],
  );
  const option = useMemo(
    () => (map.data && bounds ? buildMapOption(map.data, bounds, size, labels, status) : null),
    [map.data, bounds, size, labels, status],
  );

  let body;
  if (map.isPending) body = <Loading />;
  else if (map.isError) body = <ErrorState error={map.error} onRetry={() => void map.refetch()} />;
  else if (!option) body = <EmptyState />;
  else
    body = (
      <EChart
        option={option}
        style={{ height: HEIGHT, borderRadius: 6, overflow: 'hidden' }}
        onResize={(s) => setSize((prev) => (prev.width === s.width && prev.height === s.height ? prev : s))}
        onClick={(p) => {
          const id = Array.isArray(p.value) ? p.value[2] : undefined;
          if (typeof id !== 'number') return;
          if (p.seriesId?.startsWith('stations')) void navigate(`/stations/${id}`);
          else if (p.seriesId?.startsWith('sources-')) void navigate(`/heat-sources/${id}`);
        }}
      />
    );

  return (
    <Card
      variant="borderless"
      title={t('overview.map')}
      extra={
        <Space size={16}>
          <Typography.Text type="secondary">{t('overview.mapHint')}</Typography.Text>
          {status && <LiveIndicator state={live} />}
        </Space>
      }
    >
      <div data-testid="network-map">{body}</div>
    </Card>
  );
}
