// City map card: GET /api/map/network drawn with ECharts on a lon/lat plane (no tile server) at the level of detail
// of the zoom, stations coloured by live status (monitoring list + stream); click a station to open it, a cluster to
// zoom into it.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { request } from '../../shared/api/client.ts';
import { HEAT_SOURCE_TYPE_LABELS, HEAT_SOURCE_TYPES, type HeatSourceType } from '@hearth/contracts/registry';
import { enumLabel, useLang, useT } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { LiveIndicator } from '../monitoring/monitoring.public.ts';
import { useLiveStations } from '../monitoring/monitoring.public.ts';
import { useAllMonitored } from '../monitoring/monitoring.public.ts';
import {
  STATION_STATUSES,
  STATUS_COLORS,
  statusLabel,
  type StationStatus,
} from '../monitoring/monitoring.public.ts';
import { MapCanvas, type MapClick } from '../../shared/map/MapCanvas.tsx';
import { windowAround, type ViewWindow } from '../../shared/map/geo.ts';
import { boundsOf, buildMapOption, fullWindow } from './mapOption.ts';

const HEIGHT = 560;

export function NetworkMapCard() {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const [size, setSize] = useState({ width: 900, height: HEIGHT });
  const [view, setView] = useState<ViewWindow | null>(null);
  const [focus, setFocus] = useState<ViewWindow | null>(null);
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
      sources: t('nav.heat-sources'),
      sourceTypes: Object.fromEntries(
        HEAT_SOURCE_TYPES.map((k) => [k, enumLabel(lang, HEAT_SOURCE_TYPE_LABELS, k)]),
      ) as Record<HeatSourceType, string>,
      trunk: t('overview.trunk'),
      branch: t('overview.branch'),
      service: t('overview.service'),
      statusColors: STATUS_COLORS,
      statuses: Object.fromEntries(STATION_STATUSES.map((s) => [s, statusLabel(s, lang)])) as Record<
        StationStatus,
        string
      >,
    }),
    [t, lang],
  );
  const option = useMemo(
    () => (map.data && bounds ? buildMapOption(map.data, bounds, size, labels, status, view) : null),
    [map.data, bounds, size, labels, status, view],
  );

  const onClick = (p: MapClick) => {
    const v = Array.isArray(p.value) ? (p.value as unknown[]) : [];
    const [lon, lat, idOrCount] = v;
    if (typeof idOrCount !== 'number' || typeof lon !== 'number' || typeof lat !== 'number') return;
    if (p.seriesId?.includes('clusters') && bounds) {
      // zoom to about a quarter of the current height around the cluster
      const current = view ?? fullWindow(bounds, size);
      const spanKm = ((current.y[1] - current.y[0]) * 111.32) / 4;
      setFocus(windowAround(current, lon, lat, spanKm));
    } else if (p.seriesId?.startsWith('stations')) void navigate(`/stations/${idOrCount}`);
    else if (p.seriesId?.startsWith('sources-')) void navigate(`/heat-sources/${idOrCount}`);
  };

  let body;
  if (map.isPending) body = <Loading />;
  else if (map.isError) body = <ErrorState error={map.error} onRetry={() => void map.refetch()} />;
  else if (!option) body = <EmptyState />;
  else
    body = (
      <MapCanvas
        option={option}
        focus={focus}
        data-testid="network-map-canvas"
        style={{ height: HEIGHT, borderRadius: 6, overflow: 'hidden' }}
        onView={setView}
        onResize={(s) => setSize((prev) => (prev.width === s.width && prev.height === s.height ? prev : s))}
        onClick={onClick}
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
