// The 管网 page map (pure): pipes by diameter class, network nodes by kind and valves by status on a lon/lat plane;
// the active tab's layer filtered like its table and clickable, the other layers faint context, the selected object
// ringed, codes shown when few are in view.
import type { NetworkAssets } from '@hearth/contracts/stats';
import type { ChartOption } from '../../shared/chart/echarts.ts';
import { axisRanges, inWindow, pairs, type Bounds, type ViewWindow } from '../../shared/map/geo.ts';

export type NetworkLayer = 'network-nodes' | 'pipes' | 'valves';
export type Selected = { layer: NetworkLayer; id: number } | null;
/** The table's filters that the map honours (kind and enterprise; the search text narrows only the table). */
export type LayerFilters = { kind?: string; enterpriseId?: string };
export type NetworkMapLabels = {
  nodes: Record<string, string>;
  valves: { open: string; closed: string };
  pipes: string;
  selected: string;
};

type Node = NetworkAssets['nodes'][number];
type Pipe = NetworkAssets['pipes'][number];
type Valve = NetworkAssets['valves'][number];

const GRID = 10;
const LEGEND_H = 30;
const LABEL_MAX = 40;
const CONTEXT_MAX = 1500;
const NODE_COLORS: Record<string, string> = { source: '#ff4d4f', station: '#52c41a', junction: '#8c8c8c' };
const VALVE_COLORS = { open: '#13c2c2', closed: '#f5222d' } as const;

export function plotWindow(b: Bounds, size: { width: number; height: number }): ViewWindow {
  return axisRanges(b, size.width - 2 * GRID, size.height - 2 * GRID - LEGEND_H);
}

const matches = (f: LayerFilters, kind: string, enterpriseId: number) =>
  (!f.kind || f.kind === kind) && (!f.enterpriseId || f.enterpriseId === String(enterpriseId));

/** Where an object is: a point, or a pipe's middle vertex; null when it is not in the layer. */
export function locate(data: NetworkAssets, sel: Selected): [number, number] | null {
  if (!sel) return null;
  if (sel.layer === 'network-nodes') {
    const n = data.nodes.find((r) => r[0] === sel.id);
    return n ? [n[4], n[5]] : null;
  }
  if (sel.layer === 'valves') {
    const v = data.valves.find((r) => r[0] === sel.id);
    return v ? [v[5], v[6]] : null;
  }
  const p = data.pipes.find((r) => r[0] === sel.id);
  if (!p || p[4].length < 2) return null;
  const mid = Math.floor(p[4].length / 4) * 2;
  return [p[4][mid] ?? 0, p[4][mid + 1] ?? 0];
}

function pipeLayer(data: NetworkAssets, active: boolean, f: LayerFilters, name: string) {
  const rows = data.pipes.filter((p) => !active || matches(f, '', p[3]));
  return {
    type: 'lines' as const,
    id: 'pipes',
    name,
    coordinateSystem: 'cartesian2d',
    polyline: true,
    silent: !active,
    large: rows.length > 3000,
    lineStyle: { color: '#fa8c16', opacity: active ? 0.9 : 0.45, width: active ? 1.6 : 1 },
    emphasis: { lineStyle: { width: 4 } },
    data: rows.map((p) => ({
      coords: pairs(p[4]),
      value: [p[0], p[1]],
      lineStyle: { width: p[2] >= 500 ? 3 : p[2] >= 200 ? 1.8 : 1 },
    })),
    z: 1,
  };
}

const label = (show: boolean) => ({
  show,
  formatter: '{@[3]}',
  position: 'right' as const,
  fontSize: 11,
  color: '#e6f4ff',
});

function pointLayers(
  data: NetworkAssets,
  layer: NetworkLayer,
  f: LayerFilters,
  labels: NetworkMapLabels,
  view: ViewWindow,
  /** a zoomed window: only the points around it are drawn (few enough for names) */
  zoomed: boolean,
) {
  const activeNodes = layer === 'network-nodes';
  const activeValves = layer === 'valves';
  // another tab's points are faint context, left out where they would only cover the map (Tianjin: 10,520 valves)
  const nodes = activeNodes
    ? data.nodes.filter((n) => matches(f, n[2], n[3]))
    : data.nodes.length <= CONTEXT_MAX
      ? data.nodes
      : [];
  const valves = activeValves
    ? data.valves.filter((v) => matches(f, v[2], v[4]))
    : data.valves.length <= CONTEXT_MAX
      ? data.valves
      : [];
  const visible = (
    activeNodes ? nodes.map((n) => [n[4], n[5]]) : activeValves ? valves.map((v) => [v[5], v[6]]) : []
  ).filter(([lon, lat]) => inWindow(view, lon ?? 0, lat ?? 0)).length;
  const showLabels = visible > 0 && visible <= LABEL_MAX;
  const nodeKinds = Object.keys(labels.nodes).filter((k) => nodes.some((n) => n[2] === k));
  const nodeSeries = nodeKinds.map((kind) => {
    const rows = nodes.filter((n: Node) => n[2] === kind && (!zoomed || inWindow(view, n[4], n[5], 0.5)));
    return {
      type: 'scatter' as const,
      id: `nodes-${kind}`,
      name: labels.nodes[kind] ?? kind,
      silent: !activeNodes,
      large: rows.length > 2000,
      symbolSize: activeNodes ? (kind === 'junction' ? 5 : 8) : 4,
      itemStyle: { color: NODE_COLORS[kind] ?? '#8c8c8c', opacity: activeNodes ? 0.95 : 0.5 },
      label: label(activeNodes && showLabels),
      labelLayout: { hideOverlap: true },
      data: rows.map((n) => [n[4], n[5], n[0], n[1]]),
      z: 3,
    };
  });
  const valveSeries = (['open', 'closed'] as const).map((st) => {
    const rows = valves.filter((v: Valve) => v[3] === st && (!zoomed || inWindow(view, v[5], v[6], 0.5)));
    return {
      type: 'scatter' as const,
      id: `valves-${st}`,
      name: labels.valves[st],
      symbol: 'diamond',
      silent: !activeValves,
      large: rows.length > 2000,
      symbolSize: activeValves ? 8 : 5,
      itemStyle: { color: VALVE_COLORS[st], opacity: activeValves ? 0.95 : 0.5 },
      label: label(activeValves && showLabels),
      labelLayout: { hideOverlap: true },
      data: rows.map((v) => [v[5], v[6], v[0], v[1]]),
      z: 4,
    };
  });
  return [...nodeSeries, ...valveSeries];
}

/** The selected object drawn on top: a ring at a point, a thick line along a pipe. */
function selectedLayer(data: NetworkAssets, sel: Selected, name: string) {
  if (!sel) return [];
  if (sel.layer === 'pipes') {
    const p: Pipe | undefined = data.pipes.find((r) => r[0] === sel.id);
    return p
      ? [
          {
            type: 'lines' as const,
            id: 'selected-pipe',
            name,
            coordinateSystem: 'cartesian2d',
            polyline: true,
            silent: true,
            lineStyle: { color: '#1677ff', width: 6, opacity: 0.95 },
            data: [{ coords: pairs(p[4]) }],
            z: 6,
          },
        ]
      : [];
  }
  const at = locate(data, sel);
  return at
    ? [
        {
          type: 'scatter' as const,
          id: 'selected-point',
          name,
          silent: true,
          symbolSize: 22,
          itemStyle: { color: 'rgba(22, 119, 255, 0.25)', borderColor: '#1677ff', borderWidth: 3 },
          data: [[at[0], at[1]]],
          z: 6,
        },
      ]
    : [];
}

export function buildNetworkMapOption(input: {
  data: NetworkAssets;
  bounds: Bounds;
  size: { width: number; height: number };
  layer: NetworkLayer;
  filters: LayerFilters;
  selected: Selected;
  view: ViewWindow | null;
  labels: NetworkMapLabels;
}): ChartOption {
  const { data, bounds, size, layer, filters, selected, labels } = input;
  const full = plotWindow(bounds, size);
  const points = pointLayers(data, layer, filters, labels, input.view ?? full, input.view !== null);
  const axis = { type: 'value' as const, show: false, scale: true, splitLine: { show: false } };
  return {
    backgroundColor: '#0b1a2b',
    animation: false,
    grid: { left: GRID, right: GRID, top: GRID + LEGEND_H, bottom: GRID },
    xAxis: { ...axis, min: full.x[0], max: full.x[1] },
    yAxis: { ...axis, min: full.y[0], max: full.y[1] },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    legend: {
      top: 8,
      left: 'center',
      textStyle: { color: '#d9d9d9', fontSize: 12 },
      inactiveColor: '#4a5a6a',
      itemHeight: 10,
      data: [labels.pipes, ...points.map((s) => s.name)],
    },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const v: unknown = (Array.isArray(p) ? p[0] : p)?.value;
        if (!Array.isArray(v)) return '';
        const code = v.length === 2 ? v[1] : v[3];
        return typeof code === 'string' ? code.replace(/[&<>"']/g, '') : '';
      },
    },
    series: [
      pipeLayer(data, layer === 'pipes', filters, labels.pipes),
      ...points,
      ...selectedLayer(data, selected, labels.selected),
    ],
  };
}
