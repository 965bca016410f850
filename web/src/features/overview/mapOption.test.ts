// The overview map's level of detail on a synthetic Tianjin-scale city (385 sources, 3,323 stations, 4,500 pipes):
// station clusters, small sources and no names when the whole city shows, thin pipes out and lines simplified; names, every pipe and no
// clusters in a 2 km window.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkMap } from '@hearth/contracts/stats';
import { windowAround } from '../../shared/map/geo.ts';
import { boundsOf, buildMapOption, fullWindow } from './mapOption.ts';

/** A deterministic pseudo-random sequence in [0, 1). */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

function tianjin(): NetworkMap {
  const r = rng(7);
  const at = () => [117.0 + r() * 0.7, 38.9 + r() * 0.45] as const;
  const heatSources: NetworkMap['heatSources'] = Array.from({ length: 385 }, (_, i) => {
    const [lon, lat] = at();
    return [i + 1, `热源${i + 1}`, i % 2 ? 'chp' : 'gas_boiler', 20 + r() * 300, lon, lat];
  });
  const stations: NetworkMap['stations'] = Array.from({ length: 3323 }, (_, i) => {
    const [lon, lat] = at();
    return [i + 1, `换热站${i + 1}`, 2 + r() * 10, lon, lat];
  });
  const pipes: NetworkMap['pipes'] = Array.from({ length: 4500 }, (_, i) => {
    const [lon, lat] = at();
    // a straight line through 6 vertices (4 of them removable) of 0.2–2 km
    const d = 0.002 + r() * 0.02;
    const line = [0, 1, 2, 3, 4, 5].flatMap((k) => [lon + (d * k) / 5, lat + (d * k) / 10]);
    return [i + 1, i < 300 ? 600 : i < 1500 ? 300 : 100, line];
  });
  return { bbox: null, heatSources, stations, pipes };
}

const LABELS = {
  stations: '换热站',
  sources: '热源',
  sourceTypes: {
    chp: '热电联产',
    coal_boiler: '燃煤锅炉',
    gas_boiler: '燃气锅炉',
    geothermal: '地热',
    heat_pump: '热泵',
    electric: '电锅炉',
    waste_heat: '余热',
  },
  trunk: '主干管',
  branch: '支线',
  service: '庭院管',
  statuses: { online: '在线', stale: '延迟', offline: '离线', no_data: '无数据' },
  statusColors: { online: 'green', stale: 'orange', offline: 'red', no_data: 'grey' },
} as const;

type AnySeries = { id: string; data: unknown[]; label?: { show?: boolean }; symbolSize?: unknown };

const SIZE = { width: 1100, height: 560 };
const map = tianjin();
const bounds = boundsOf(map);
assert.ok(bounds);
const seriesOf = (view: Parameters<typeof buildMapOption>[5]) =>
  buildMapOption(map, bounds, SIZE, LABELS, undefined, view).series as AnySeries[];
const byId = (series: AnySeries[], id: string) => series.find((s) => s.id === id);
/** stations drawn: single points plus cluster members */
const stationCount = (series: AnySeries[]) =>
  (byId(series, 'stations')?.data.length ?? 0) +
  series
    .filter((s) => s.id.startsWith('station-clusters'))
    .flatMap((s) => s.data as number[][])
    .reduce((n, c) => n + (c[2] ?? 0), 0);

describe('overview map at Tianjin scale', () => {
  it('clusters stations (sources stay small single dots) when the whole city shows, every station counted once, no names', () => {
    const series = seriesOf(null);
    const clusters = series.filter((s) => s.id.startsWith('station-clusters')).flatMap((s) => s.data);
    assert.ok(clusters.length > 20 && clusters.length < 1000, `${clusters.length} station clusters`);
    assert.equal(stationCount(series), 3323);
    assert.equal(byId(series, 'source-clusters')?.data.length, 0, 'sources stay single, shrunk');
    const sources = series.filter((s) => s.id.startsWith('sources-'));
    assert.equal(
      sources.reduce((n, s) => n + s.data.length, 0),
      385,
    );
    const size = sources[0]?.symbolSize as (v: unknown) => number;
    assert.ok(size([0, 0, 1, 'x', 300]) <= 16.5, 'a 300 MW source: half its 32 px when the whole city shows');
    assert.equal(byId(series, 'stations')?.label?.show, false);
  });

  it('leaves thin pipes out and simplifies the others when the whole city shows', () => {
    const series = seriesOf(null);
    assert.equal(byId(series, 'pipes-service')?.data.length, 0, 'service pipes out');
    const trunk = byId(series, 'pipes-trunk')?.data as { coords: unknown[] }[];
    assert.equal(trunk.length, 300);
    assert.ok(
      trunk.every((p) => p.coords.length === 2),
      'straight lines keep their two ends only',
    );
  });

  it('names stations, draws every pipe and no cluster in a 2 km window', () => {
    const [, , , lon, lat] = map.stations[100] ?? [];
    assert.ok(lon !== undefined && lat !== undefined);
    const view = windowAround(fullWindow(bounds, SIZE), lon, lat, 2);
    const series = seriesOf(view);
    const clusters = series.filter((s) => s.id.includes('clusters')).flatMap((s) => s.data);
    assert.equal(clusters.length, 0);
    const stations = byId(series, 'stations');
    assert.equal(stations?.label?.show, true);
    assert.ok((stations?.data.length ?? 0) < 200, 'only the stations around the window are drawn');
    assert.ok((stations?.symbolSize as number) > 5, 'bigger dots when zoomed in');
    const service = byId(series, 'pipes-service')?.data as { coords: unknown[] }[];
    assert.ok(service.length > 0 && service.every((p) => p.coords.length === 6), 'full detail');
  });
});
