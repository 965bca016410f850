// City map card: GET /api/map/network drawn with ECharts on a lon/lat plane (no tile server); click a station to open it.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { NetworkMap } from '@hearth/contracts/stats';
import { api } from '../api.ts';
import { useT } from '../i18n.ts';
import { EmptyState, ErrorState, Loading } from '../components/PageState.tsx';
import { EChart } from './EChart.tsx';
import { boundsOf, buildMapOption } from './mapOption.ts';

const HEIGHT = 560;

export function NetworkMapCard() {
  const t = useT();
  const navigate = useNavigate();
  const [size, setSize] = useState({ width: 900, height: HEIGHT });
  const map = useQuery({
    queryKey: ['map', 'network'],
    queryFn: ({ signal }) => api<NetworkMap>('/map/network', { signal }),
    staleTime: 5 * 60_000,
  });
  const bounds = useMemo(() => (map.data ? boundsOf(map.data) : null), [map.data]);
  const labels = useMemo(
    () => ({
      stations: t('nav.stations'),
      trunk: t('overview.trunk'),
      branch: t('overview.branch'),
      service: t('overview.service'),
    }),
    [t],
  );
  const option = useMemo(
    () => (map.data && bounds ? buildMapOption(map.data, bounds, size, labels) : null),
    [map.data, bounds, size, labels],
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
          if (p.seriesId === 'stations') void navigate(`/stations/${id}`);
          else if (p.seriesId?.startsWith('sources-')) void navigate(`/heat-sources/${id}`);
        }}
      />
    );

  return (
    <Card
      variant="borderless"
      title={t('overview.map')}
      extra={<Typography.Text type="secondary">{t('overview.mapHint')}</Typography.Text>}
    >
      <div data-testid="network-map">{body}</div>
    </Card>
  );
}
