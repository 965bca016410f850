// The overview map's layers at a level of detail: pipes by diameter class (thin ones left out and all simplified when
// zoomed out), heat sources sized by capacity and zoom, stations by live status, and clusters where points crowd.
import { HEAT_SOURCE_TYPES, type HeatSourceType } from '@hearth/contracts/registry';
import type { NetworkMap } from '@hearth/contracts/stats';
import type { StationStatus } from '../monitoring/monitoring.public.ts';
import { clusterPoints, lineExtent, simplifyLine, type Lod } from '../../shared/map/lod.ts';
import { inWindow, pairs, type ViewWindow } from '../../shared/map/geo.ts';

export type Source = NetworkMap['heatSources'][number];
export type Station = NetworkMap['stations'][number];

export const SOURCE_COLORS: Record<HeatSourceType, string> = {
  chp: '#ff4d4f',
  coal_boiler: '#a6a6a6',
  gas_boiler: '#4096ff',
  geothermal: '#f759ab',
  heat_pump: '#36cfc9',
  electric: '#fadb14',
  waste_heat: '#9254de',
};

/** Drawing order of the status layers: problems on top. */
export const STATUS_LAYERS: readonly StationStatus[] = ['no_data', 'online', 'stale', 'offline'];
const WORST_FIRST: readonly StationStatus[] = ['offline', 'stale', 'online', 'no_data'];

export function pipeClass(d: number): 'trunk' | 'branch' | 'service' {
  return d >= 500 ? 'trunk' : d >= 200 ? 'branch' : 'service';
}

const PIPE_STYLE = {
  trunk: { width: 2.6, color: '#ff7a45' },
  branch: { width: 1.4, color: '#ffa940' },
  service: { width: 0.7, color: '#ffd591' },
} as const;

/** Where the map stands: the window in view, its scale (px per degree of latitude) and the level of detail. */
export type MapFrame = { view: ViewWindow; pxPerDeg: number; lonFactor: number; lod: Lod; zoomed: boolean };

/** The pipes in three series by diameter class; thin classes out and lines simplified by the level of detail. */
export function pipeSeries(
  map: NetworkMap,
  names: Record<'trunk' | 'branch' | 'service', string>,
  f: MapFrame,
) {
  const tolerance = f.lod.simplifyPx / f.pxPerDeg;
  return (['trunk', 'branch', 'service'] as const).map((cls) => {
    const data: { coords: [number, number][] }[] = [];
    for (const [, d, line] of map.pipes) {
      if (pipeClass(d) !== cls || d < f.lod.minPipeDiameter) continue;
      if (!f.zoomed && cls !== 'trunk' && lineExtent(line) < tolerance) continue;
      data.push({ coords: pairs(f.zoomed ? line : simplifyLine(line, tolerance)) });
    }
    return {
      type: 'lines' as const,
      id: `pipes-${cls}`,
      name: names[cls],
      coordinateSystem: 'cartesian2d',
      polyline: true,
      silent: true,
      large: data.length > 3000,
      progressive: 2000,
      lineStyle: { ...PIPE_STYLE[cls], opacity: 0.85 },
      data,
      z: 1,
    };
  });
}

const LABEL = { color: '#e6f4ff', fontSize: 11, position: 'right' as const, distance: 4 };

/** Source size: by capacity, scaled by zoom. */
export const sourceSize = (capacityMw: number, scale: number) =>
  Math.max(4, Math.min(8 + Math.sqrt(capacityMw) * 1.4, 36) * scale);

/** The points to draw of a layer: all when the whole city shows, else those in (and around) the window. */
function near<T>(rows: readonly T[], at: (r: T) => readonly [number, number], f: MapFrame): readonly T[] {
  return f.zoomed ? rows.filter((r) => inWindow(f.view, at(r)[0], at(r)[1], 0.5)) : rows;
}

/** Clusters (two members or more) and single points of a layer, on the level of detail's grid. */
function clustered<T>(rows: readonly T[], at: (r: T) => readonly [number, number], f: MapFrame) {
  const cellLat = f.lod.cellPx / f.pxPerDeg;
  const groups = clusterPoints(rows, at, cellLat / f.lonFactor, cellLat);
  return {
    clusters: groups.filter((g) => g.members.length > 1),
    singles: groups.filter((g) => g.members.length === 1).flatMap((g) => g.members),
  };
}

const clusterSize = (n: number) => Math.min(14 + Math.sqrt(n) * 1.8, 40);

function clusterSeries(id: string, name: string, color: string, data: (number | string)[][]) {
  return {
    type: 'scatter' as const,
    id,
    name,
    symbolSize: (v: unknown) => (Array.isArray(v) ? clusterSize(Number(v[2])) : 16),
    itemStyle: { color, opacity: 0.78, borderColor: '#fff', borderWidth: 1 },
    label: { show: true, position: 'inside' as const, color: '#fff', fontSize: 11, formatter: '{@[2]}' },
    data,
    z: 5,
  };
}

/** The heat sources: one series per type present (sized by capacity and zoom), clustered when crowded. */
export function sourceSeries(
  map: NetworkMap,
  typeNames: Record<HeatSourceType, string>,
  clusterName: string,
  f: MapFrame,
) {
  const at = (s: Source) => [s[4], s[5]] as const;
  const rows = near(map.heatSources, at, f);
  const { clusters, singles } = f.lod.clusterSources
    ? clustered(rows, at, f)
    : { clusters: [], singles: rows };
  const byType = HEAT_SOURCE_TYPES.filter((type) => map.heatSources.some((s) => s[2] === type)).map(
    (type) => ({
      type: 'scatter' as const,
      id: `sources-${type}`,
      name: typeNames[type],
      itemStyle: { color: SOURCE_COLORS[type], borderColor: '#fff', borderWidth: 1 },
      symbolSize: (v: unknown) =>
        Array.isArray(v) && typeof v[4] === 'number' ? sourceSize(v[4], f.lod.sourceScale) : 10,
      label: { ...LABEL, show: f.lod.sourceLabels, formatter: '{@[3]}' },
      labelLayout: { hideOverlap: true },
      data: singles.filter((s) => s[2] === type).map((s) => [s[4], s[5], s[0], s[1], s[3]]),
      z: 4,
    }),
  );
  const sums = clusters.map((c) => [
    c.lon,
    c.lat,
    c.members.length,
    clusterName,
    c.members.reduce((t, s) => t + s[3], 0),
  ]);
  return [...byType, clusterSeries('source-clusters', clusterName, '#d4380d', sums)];
}

/** The worst live status among stations (offline before stale before online). */
export function worstStatus(
  ids: readonly number[],
  status: ReadonlyMap<number, StationStatus>,
): StationStatus {
  let worst = WORST_FIRST.length - 1;
  for (const id of ids) worst = Math.min(worst, WORST_FIRST.indexOf(status.get(id) ?? 'no_data'));
  return WORST_FIRST[worst] ?? 'no_data';
}

/** The stations: one series per live status (or one colour without status), clusters coloured by their worst. */
export function stationSeries(
  map: NetworkMap,
  names: {
    stations: string;
    statuses: Record<StationStatus, string>;
    statusColors: Record<StationStatus, string>;
  },
  f: MapFrame,
  status?: ReadonlyMap<number, StationStatus>,
) {
  const at = (s: Station) => [s[3], s[4]] as const;
  const rows = near(map.stations, at, f);
  const { clusters, singles } = f.lod.clusterStations
    ? clustered(rows, at, f)
    : { clusters: [], singles: rows };
  const point = (s: Station) => [s[3], s[4], s[0], s[1], s[2]];
  const large = singles.length > 2000;
  const common = {
    type: 'scatter' as const,
    large,
    label: { ...LABEL, show: f.lod.stationLabels, formatter: '{@[3]}' },
    labelLayout: { hideOverlap: true },
    z: 3,
  };
  const layers = status
    ? STATUS_LAYERS.map((st) => ({
        ...common,
        id: `stations-${st}`,
        name: names.statuses[st],
        symbolSize: st === 'online' || st === 'no_data' ? f.lod.stationSize : f.lod.stationSize + 2,
        itemStyle: { color: names.statusColors[st], opacity: 0.95 },
        data: singles.filter((x) => (status.get(x[0]) ?? 'no_data') === st).map(point),
      }))
    : [
        {
          ...common,
          id: 'stations',
          name: names.stations,
          symbolSize: f.lod.stationSize,
          itemStyle: { color: '#73d13d', opacity: 0.9 },
          data: singles.map(point),
        },
      ];
  const worstOf = (ids: number[]): StationStatus => (status ? worstStatus(ids, status) : 'online');
  const clusterLayers = STATUS_LAYERS.map((st) =>
    clusterSeries(
      `station-clusters-${st}`,
      names.stations,
      status ? names.statusColors[st] : '#389e0d',
      clusters
        .filter((c) => worstOf(c.members.map((m) => m[0])) === st)
        .map((c) => [
          c.lon,
          c.lat,
          c.members.length,
          names.stations,
          c.members.reduce((t, s) => t + s[2], 0),
        ]),
    ),
  );
  return { layers, clusterLayers };
}
