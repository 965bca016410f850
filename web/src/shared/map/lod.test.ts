// Unit tests of the maps' level of detail: the choice by zoom, grid clustering, line simplification, view windows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseLod,
  clusterPoints,
  lineExtent,
  simplifyLine,
  SOURCE_CLUSTER_MIN,
  STATION_CLUSTER_MIN,
} from './lod.ts';
import { axisRanges, boundsOfLayers, pxPerKm, windowAround, windowFromZoom } from './geo.ts';

describe('chooseLod', () => {
  const cases = [
    {
      name: 'Tianjin, whole city in view: station clusters, small sources, trunk pipes only, no names',
      input: { pxPerKm: 3, visibleStations: 3323, visibleSources: 385 },
      expect: { clusterStations: true, clusterSources: false, labels: false, minPipe: 500, stationSize: 3 },
    },
    {
      name: 'a district: no clusters below the threshold, branch pipes and up',
      input: { pxPerKm: 9, visibleStations: STATION_CLUSTER_MIN, visibleSources: 60 },
      expect: { clusterStations: false, clusterSources: false, labels: false, minPipe: 200, stationSize: 5 },
    },
    {
      name: 'a few streets: every pipe, big symbols and names',
      input: { pxPerKm: 60, visibleStations: 25, visibleSources: 3 },
      expect: { clusterStations: false, clusterSources: false, labels: true, minPipe: 0, stationSize: 8 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const lod = chooseLod(c.input);
      assert.equal(lod.clusterStations, c.expect.clusterStations);
      assert.equal(lod.clusterSources, c.expect.clusterSources);
      assert.equal(lod.stationLabels, c.expect.labels);
      assert.equal(lod.sourceLabels, c.expect.labels);
      assert.equal(chooseLod({ ...c.input, visibleSources: SOURCE_CLUSTER_MIN + 1 }).clusterSources, true);
      assert.equal(lod.minPipeDiameter, c.expect.minPipe);
      assert.equal(lod.stationSize, c.expect.stationSize);
    });
  }
  it('shrinks the sources when zoomed out, within limits', () => {
    const far = chooseLod({ pxPerKm: 1, visibleStations: 0, visibleSources: 0 }).sourceScale;
    const near = chooseLod({ pxPerKm: 100, visibleStations: 0, visibleSources: 0 }).sourceScale;
    assert.equal(far, 0.35);
    assert.equal(near, 1.2);
    assert.ok(chooseLod({ pxPerKm: 10, visibleStations: 0, visibleSources: 0 }).sourceScale < near);
  });
});

describe('clusterPoints', () => {
  const pts = [
    { id: 1, p: [0.1, 0.1] as const },
    { id: 2, p: [0.3, 0.4] as const },
    { id: 3, p: [1.5, 0.2] as const },
    { id: 4, p: [-0.2, 0.1] as const },
  ];
  it('puts points of one cell together at their mean', () => {
    const clusters = clusterPoints(pts, (x) => x.p, 1, 1);
    assert.equal(clusters.length, 3);
    const first = clusters[0];
    assert.deepEqual(
      first?.members.map((m) => m.id),
      [1, 2],
    );
    assert.ok(Math.abs((first?.lon ?? 0) - 0.2) < 1e-9 && Math.abs((first?.lat ?? 0) - 0.25) < 1e-9);
    assert.deepEqual(
      clusters.map((c) => c.members.length),
      [2, 1, 1],
    );
  });
  it('keeps every point once, whatever the cell', () => {
    for (const cell of [0.01, 0.5, 10]) {
      const ids = clusterPoints(pts, (x) => x.p, cell, cell).flatMap((c) => c.members.map((m) => m.id));
      assert.deepEqual(ids.sort(), [1, 2, 3, 4]);
    }
    assert.equal(clusterPoints(pts, (x) => x.p, 10, 10).length, 2, 'the negative point is a cell of its own');
  });
});

describe('simplifyLine', () => {
  const zigzag = [0, 0, 1, 0.01, 2, -0.01, 3, 0, 4, 2];
  it('drops points within the tolerance and keeps the corners and ends', () => {
    assert.deepEqual(simplifyLine(zigzag, 0.1), [0, 0, 3, 0, 4, 2]);
  });
  it('keeps everything at a tolerance below the wiggles', () => {
    assert.deepEqual(simplifyLine(zigzag, 0.001), zigzag);
  });
  it('leaves two-point lines alone', () => assert.deepEqual(simplifyLine([0, 0, 5, 5], 10), [0, 0, 5, 5]));
  it('measures a line extent', () => assert.equal(lineExtent(zigzag), 4));
});

describe('view windows', () => {
  const b = boundsOfLayers([[117.0, 39.0]], [[117.2, 39.1, 117.1, 39.05]], 0);
  it('bounds points and lines', () =>
    assert.deepEqual(b, { minLon: 117, minLat: 39, maxLon: 117.2, maxLat: 39.1 }));
  it('is null without data', () => assert.equal(boundsOfLayers([], []), null));
  it('fills the plot at an equal ground scale', () => {
    assert.ok(b);
    const full = axisRanges(b, 800, 400);
    const k = Math.cos((39.05 * Math.PI) / 180);
    const pxPerDegLon = 800 / (full.x[1] - full.x[0]);
    const pxPerDegLat = 400 / (full.y[1] - full.y[0]);
    assert.ok(Math.abs(pxPerDegLon / pxPerDegLat - k) < 1e-9, 'a km is as long across as up');
    assert.ok(full.x[0] < 117 && full.x[1] > 117.2 && full.y[0] < 39 && full.y[1] > 39.1);
    const half = windowFromZoom(full, [25, 75], [25, 75]);
    assert.ok(
      Math.abs(pxPerKm(half, 400) - 2 * pxPerKm(full, 400)) < 1e-9,
      'zooming to half doubles the scale',
    );
    const around = windowAround(full, 117.1, 39.05, 2);
    assert.ok(Math.abs(pxPerKm(around, 400) - 200) < 1e-9, '2 km in 400 px');
  });
});
