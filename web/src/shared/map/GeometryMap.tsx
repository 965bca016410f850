// A small tile-free map of one object's geometry (a ringed point or a highlighted line) with the network around it
// in grey, on a lon/lat plane at an equal ground scale; wheel to zoom, drag to pan.
import { useMemo, useState } from 'react';
import type { ChartOption } from '../chart/echarts.ts';
import { axisRanges, boundsOfLayers, pairs } from './geo.ts';
import { CONTEXT_PAD, type Geometry, type MapContext } from './geometry.ts';
import { MapCanvas } from './MapCanvas.tsx';

function geometryOption(g: Geometry, ctx: MapContext, size: { width: number; height: number }): ChartOption {
  const b = boundsOfLayers(
    g.kind === 'point' ? [[g.lon, g.lat]] : [],
    g.kind === 'line' ? [g.flat] : [],
    CONTEXT_PAD,
  );
  const full = b ? axisRanges(b, size.width - 16, size.height - 16) : { x: [0, 1], y: [0, 1] };
  const axis = { type: 'value' as const, show: false, scale: true, splitLine: { show: false } };
  const own =
    g.kind === 'point'
      ? {
          type: 'scatter' as const,
          id: 'geometry',
          symbolSize: 16,
          itemStyle: { color: 'rgba(22, 119, 255, 0.35)', borderColor: '#1677ff', borderWidth: 3 },
          data: [[g.lon, g.lat]],
          z: 5,
        }
      : {
          type: 'lines' as const,
          id: 'geometry',
          coordinateSystem: 'cartesian2d',
          polyline: true,
          lineStyle: { color: '#1677ff', width: 5 },
          data: [{ coords: pairs(g.flat) }],
          z: 5,
        };
  return {
    backgroundColor: '#0b1a2b',
    animation: false,
    grid: { left: 8, right: 8, top: 8, bottom: 8 },
    xAxis: { ...axis, min: full.x[0], max: full.x[1] },
    yAxis: { ...axis, min: full.y[0], max: full.y[1] },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    series: [
      {
        type: 'lines',
        id: 'context-lines',
        coordinateSystem: 'cartesian2d',
        polyline: true,
        silent: true,
        lineStyle: { color: '#8c9bab', width: 1.2, opacity: 0.7 },
        data: ctx.lines.map((l) => ({ coords: pairs(l) })),
        z: 1,
      },
      {
        type: 'scatter',
        id: 'context-points',
        silent: true,
        symbolSize: 4,
        itemStyle: { color: '#8c9bab' },
        data: ctx.points.map(([lon, lat]) => [lon, lat]),
        z: 2,
      },
      own,
    ],
  };
}

export function GeometryMap({
  geometry,
  context,
  height = 280,
}: {
  geometry: Geometry;
  context?: MapContext;
  height?: number;
}) {
  const [size, setSize] = useState({ width: 600, height });
  const option = useMemo(
    () => geometryOption(geometry, context ?? { lines: [], points: [] }, size),
    [geometry, context, size],
  );
  return (
    <MapCanvas
      option={option}
      data-testid="geometry-map"
      style={{ height, borderRadius: 6, overflow: 'hidden' }}
      onResize={(s) => setSize((prev) => (prev.width === s.width && prev.height === s.height ? prev : s))}
    />
  );
}
