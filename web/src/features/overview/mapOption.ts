// Builds the overview's network map chart on a plain lon/lat plane at the level of detail of the current zoom: pipes
// (thin ones and detail left out when zoomed out), heat sources and stations (coloured by live status when known),
// clustered where they crowd, named when few are in view.
import type { HeatSourceType } from '@hearth/contracts/registry';
import type { NetworkMap } from '@hearth/contracts/stats';
import type { StationStatus } from '../monitoring/monitoring.public.ts';
import type { ChartOption } from '../../shared/chart/echarts.ts';
import { chooseLod } from '../../shared/map/lod.ts';
import {
  axisRanges,
  boundsOfLayers,
  inWindow,
  lonFactor,
  type Bounds,
  type ViewWindow,
} from '../../shared/map/geo.ts';
import { pipeSeries, sourceSeries, stationSeries, type MapFrame } from './mapLayers.ts';

export { SOURCE_COLORS } from './mapLayers.ts';

export type MapLabels = {
  stations: string;
  sources: string;
  /** heat source type labels in the console's language */
  sourceTypes: Record<HeatSourceType, string>;
  trunk: string;
  branch: string;
  service: string;
  statuses: Record<StationStatus, string>;
  /** the monitoring status colours */
  statusColors: Record<StationStatus, string>;
};

const GRID = 12;
const LEGEND_H = 36;

/** The bounding box of the layer (from `bbox`, else from the points and pipes), or null when empty. */
export function boundsOf(map: NetworkMap): Bounds | null {
  if (map.bbox) {
    const [minLon, minLat, maxLon, maxLat] = map.bbox;
    if (maxLon > minLon && maxLat > minLat) return { minLon, minLat, maxLon, maxLat };
  }
  return boundsOfLayers(
    [...map.heatSources.map((s) => [s[4], s[5]] as const), ...map.stations.map((s) => [s[3], s[4]] as const)],
    map.pipes.map((p) => p[2]),
  );
}

/** The full axis ranges of the map in a container of `size`. */
export function fullWindow(b: Bounds, size: { width: number; height: number }): ViewWindow {
  return axisRanges(b, size.width - 2 * GRID, size.height - 2 * GRID - LEGEND_H);
}

/** Where the map stands in `view` (null: the whole city) and the level of detail there. */
export function mapFrame(
  map: NetworkMap,
  b: Bounds,
  size: { width: number; height: number },
  view: ViewWindow | null,
): MapFrame {
  const full = fullWindow(b, size);
  const v = view ?? full;
  const plotH = view ? size.height : size.height - 2 * GRID - LEGEND_H;
  const pxPerDeg = plotH / Math.max(v.y[1] - v.y[0], 1e-9);
  const zoomed = view !== null && v.y[1] - v.y[0] < (full.y[1] - full.y[0]) * 0.8;
  const count = <T>(rows: readonly T[], at: (r: T) => readonly [number, number]) =>
    zoomed ? rows.reduce((n, r) => n + (inWindow(v, at(r)[0], at(r)[1]) ? 1 : 0), 0) : rows.length;
  const lod = chooseLod({
    pxPerKm: pxPerDeg / 111.32,
    visibleStations: count(map.stations, (s) => [s[3], s[4]]),
    visibleSources: count(map.heatSources, (s) => [s[4], s[5]]),
  });
  return { view: v, pxPerDeg, lonFactor: lonFactor(b), lod, zoomed };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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

/** Tooltip of a point ([lon, lat, id, name, MW]) or a cluster ([lon, lat, count, kind, MW]). */
function tooltip(p: unknown): string {
  const params = (Array.isArray(p) ? p[0] : p) as { value?: unknown; seriesName?: string; seriesId?: string };
  const v = params?.value;
  if (!Array.isArray(v) || typeof v[3] !== 'string') return '';
  const mw = `${Number(v[4]).toFixed(1)} MW`;
  if (params.seriesId?.includes('clusters')) return `<b>${escapeHtml(v[3])} × ${Number(v[2])}</b><br/>${mw}`;
  return `<b>${escapeHtml(v[3])}</b><br/>${escapeHtml(params.seriesName ?? '')} · ${mw}`;
}

export function buildMapOption(
  map: NetworkMap,
  b: Bounds,
  size: { width: number; height: number },
  labels: MapLabels,
  /** live status per station id; without it stations are drawn in one colour */
  status?: ReadonlyMap<number, StationStatus>,
  /** the window in view after a zoom (null: the whole city) */
  view: ViewWindow | null = null,
): ChartOption {
  const full = fullWindow(b, size);
  const frame = mapFrame(map, b, size, view);
  const pipes = pipeSeries(map, labels, frame);
  const sources = sourceSeries(map, labels.sourceTypes, labels.sources, frame);
  const { layers, clusterLayers } = stationSeries(map, labels, frame, status);
  const axisCommon = { type: 'value' as const, show: false, scale: true, splitLine: { show: false } };
  return {
    backgroundColor: '#0b1a2b',
    animation: false,
    grid: { left: GRID, right: GRID, top: GRID + LEGEND_H, bottom: GRID },
    xAxis: { ...axisCommon, min: full.x[0], max: full.x[1] },
    yAxis: { ...axisCommon, min: full.y[0], max: full.y[1] },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    legend: legends(
      [...pipes, ...(status ? [] : layers), ...sources.filter((s) => s.id !== 'source-clusters')],
      status ? layers : null,
    ),
    tooltip: { trigger: 'item', formatter: tooltip },
    series: [...pipes, ...layers, ...clusterLayers, ...sources],
  };
}
