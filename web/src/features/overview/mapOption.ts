// Builds the network map chart (pipes as polylines, sources and stations as scatter, stations coloured by live
// status when known) on a plain lon/lat plane.
import { HEAT_SOURCE_TYPES, HEAT_SOURCE_TYPE_LABELS, type HeatSourceType } from '@hearth/contracts/registry';
import type { NetworkMap } from '@hearth/contracts/stats';
import { STATUS_COLORS, type StationStatus } from '../monitoring/monitoring.public.ts';
import type { ChartOption } from '../../shared/chart/echarts.ts';

export const SOURCE_COLORS: Record<HeatSourceType, string> = {
  chp: '#ff4d4f',
  coal_boiler: '#a6a6a6',
  gas_boiler: '#4096ff',
  geothermal: '#f759ab',
  heat_pump: '#36cfc9',
  electric: '#fadb14',
  waste_heat: '#9254de',
};

export type MapLabels = {
  stations: string;
  trunk: string;
  branch: string;
  service: string;
  statuses: Record<StationStatus, string>;
};

/** Drawing order of the status layers: problems on top. */
const STATUS_LAYERS: readonly StationStatus[] = ['no_data', 'online', 'stale', 'offline'];

type Bounds = { minLon: number; minLat: number; maxLon: number; maxLat: number };

const GRID = 12;
const LEGEND_H = 36;

/** The bounding box of the layer (from `bbox`, else from the points and pipes), or null when empty. */
export function boundsOf(map: NetworkMap): Bounds | null {
  if (map.bbox) {
    const [minLon, minLat, maxLon, maxLat] = map.bbox;
    if (maxLon > minLon && maxLat > minLat) return { minLon, minLat, maxLon, maxLat };
  }
  const lons: number[] = [];
  const lats: number[] = [];
  for (const p of [...map.heatSources, ...map.stations]) {
    lons.push(p.lon);
    lats.push(p.lat);
  }
  for (const pipe of map.pipes)
    for (const [lon, lat] of pipe.coordinates) {
      lons.push(lon);
      lats.push(lat);
    }
  if (lons.length === 0) return null;
  const b = {
    minLon: Math.min(...lons),
    minLat: Math.min(...lats),
    maxLon: Math.max(...lons),
    maxLat: Math.max(...lats),
  };
  const pad = 0.005;
  return { minLon: b.minLon - pad, minLat: b.minLat - pad, maxLon: b.maxLon + pad, maxLat: b.maxLat + pad };
}

/**
 * Axis ranges so that one degree of latitude and cos(lat) degrees of longitude take the same pixels,
 * centred on the data and filling the container.
 */
export function axisRanges(b: Bounds, width: number, height: number) {
  const k = Math.cos((((b.minLat + b.maxLat) / 2) * Math.PI) / 180);
  const plotW = Math.max(width - 2 * GRID, 10);
  const plotH = Math.max(height - 2 * GRID - LEGEND_H, 10);
  const dataW = (b.maxLon - b.minLon) * k * 1.04;
  const dataH = (b.maxLat - b.minLat) * 1.04;
  const scale = Math.min(plotW / dataW, plotH / dataH);
  const halfLon = plotW / scale / k / 2;
  const halfLat = plotH / scale / 2;
  const cLon = (b.minLon + b.maxLon) / 2;
  const cLat = (b.minLat + b.maxLat) / 2;
  return { x: [cLon - halfLon, cLon + halfLon] as const, y: [cLat - halfLat, cLat + halfLat] as const };
}

function pipeClass(d: number): 'trunk' | 'branch' | 'service' {
  return d >= 500 ? 'trunk' : d >= 200 ? 'branch' : 'service';
}

const PIPE_STYLE = {
  trunk: { width: 2.6, color: '#ff7a45' },
  branch: { width: 1.4, color: '#ffa940' },
  service: { width: 0.7, color: '#ffd591' },
} as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The pipes in three series by diameter class (trunk, branch, service). */
function pipeSeries(map: NetworkMap, labels: MapLabels) {
  return (['trunk', 'branch', 'service'] as const).map((cls) => {
    const data = map.pipes
      .filter((p) => pipeClass(p.diameterMm) === cls)
      .map((p) => ({ coords: p.coordinates }));
    return {
      type: 'lines' as const,
      id: `pipes-${cls}`,
      name: labels[cls],
      coordinateSystem: 'cartesian2d',
      polyline: true,
      silent: true,
      large: data.length > 3000,
      lineStyle: { ...PIPE_STYLE[cls], opacity: 0.85 },
      data,
      z: 1,
    };
  });
}

/** The heat sources, one series per type present, sized by capacity. */
function sourceSeries(map: NetworkMap) {
  return HEAT_SOURCE_TYPES.filter((type) => map.heatSources.some((s) => s.type === type)).map((type) => ({
    type: 'scatter' as const,
    id: `sources-${type}`,
    name: HEAT_SOURCE_TYPE_LABELS[type],
    itemStyle: { color: SOURCE_COLORS[type], borderColor: '#fff', borderWidth: 1 },
    symbolSize: (v: unknown) =>
      Array.isArray(v) && typeof v[4] === 'number' ? Math.min(8 + Math.sqrt(v[4]) * 1.4, 36) : 10,
    data: map.heatSources
      .filter((s) => s.type === type)
      .map((s) => [s.lon, s.lat, s.id, s.name, s.capacityMw]),
    z: 4,
  }));
}

/** The stations: one series per live status, or (without status) one series in one colour. */
function stationSeries(map: NetworkMap, labels: MapLabels, status?: ReadonlyMap<number, StationStatus>) {
  const stationPoint = (st: NetworkMap['stations'][number]) => [
    st.lon,
    st.lat,
    st.id,
    st.name,
    st.capacityMw,
  ];
  const large = map.stations.length > 2000;
  return status
    ? STATUS_LAYERS.map((st) => {
        const data = map.stations.filter((x) => (status.get(x.id) ?? 'no_data') === st).map(stationPoint);
        return {
          type: 'scatter' as const,
          id: `stations-${st}`,
          name: labels.statuses[st],
          symbolSize: st === 'online' || st === 'no_data' ? 5 : 7,
          large,
          itemStyle: { color: STATUS_COLORS[st], opacity: 0.95 },
          data,
          z: 3,
        };
      })
    : [
        {
          type: 'scatter' as const,
          id: 'stations',
          name: labels.stations,
          symbolSize: 5,
          large,
          itemStyle: { color: '#73d13d', opacity: 0.9 },
          data: map.stations.map(stationPoint),
          z: 3,
        },
      ];
}

const LEGEND_COMMON = {
  type: 'plain' as const,
  textStyle: { color: '#d9d9d9', fontSize: 12 },
  inactiveColor: '#4a5a6a',
  itemHeight: 10,
  itemGap: 14,
};

/** The legend across the top (pipes, sources and, without status, stations); with status a status list below left. */
function legends(top: { name: string }[], statusLayers: { name: string }[] | null): ChartOption['legend'] {
  return [
    {
      ...LEGEND_COMMON,
      top: 10,
      left: 'center',
      orient: 'horizontal' as const,
      data: top.map((x) => x.name),
    },
    ...(statusLayers
      ? [
          {
            ...LEGEND_COMMON,
            left: GRID + 8,
            bottom: GRID + 8,
            orient: 'vertical' as const,
            padding: [8, 10],
            backgroundColor: 'rgba(11, 26, 43, 0.85)',
            borderColor: '#2b3d52',
            borderWidth: 1,
            borderRadius: 4,
            // the list shows problems first
            data: [...statusLayers].reverse().map((x) => ({ name: x.name, icon: 'circle' })),
          },
        ]
      : []),
  ];
}

export function buildMapOption(
  map: NetworkMap,
  b: Bounds,
  size: { width: number; height: number },
  labels: MapLabels,
  /** live status per station id; without it stations are drawn in one colour */
  status?: ReadonlyMap<number, StationStatus>,
): ChartOption {
  const { x, y } = axisRanges(b, size.width, size.height);
  const pipes = pipeSeries(map, labels);
  const sources = sourceSeries(map);
  const stations = stationSeries(map, labels, status);
  const axisCommon = { type: 'value' as const, show: false, scale: true, splitLine: { show: false } };
  return {
    backgroundColor: '#0b1a2b',
    animation: false,
    grid: { left: GRID, right: GRID, top: GRID + LEGEND_H, bottom: GRID },
    xAxis: { ...axisCommon, min: x[0], max: x[1] },
    yAxis: { ...axisCommon, min: y[0], max: y[1] },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    legend: legends([...pipes, ...(status ? [] : stations), ...sources], status ? stations : null),
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const params = Array.isArray(p) ? p[0] : p;
        const v: unknown = params?.value;
        if (!Array.isArray(v) || typeof v[3] !== 'string') return '';
        return `<b>${escapeHtml(v[3])}</b><br/>${escapeHtml(params?.seriesName ?? '')} · ${Number(v[4]).toFixed(1)} MW`;
      },
    },
    series: [...pipes, ...stations, ...sources],
  };
}
