// Builds the analysis chart: several metrics or stations as lines over city time, one y-axis per unit (℃ on the
// left, MPa, t/h, MW … on the right) and the station's design supply/return temperatures as reference lines.
import { TIME_AXIS } from '../../shared/chart/timeAxis.ts';
import type { MultiSeriesResponse, StationSeries } from '@hearth/contracts/telemetry-analysis';
import type { ChartOption } from '../../shared/chart/echarts.ts';
import { bandExtent, isBandSeries, targetBandSeries, TARGET_LINE_ID, type TargetBand } from './targetBand.ts';

export type DesignTemps = { supply?: number | undefined; return?: number | undefined };
export type AnalysisLabels = {
  designSupply: string;
  designReturn: string;
  /** a metric key's label in the console's language */
  metric: (key: string) => string;
};

const AXIS_GAP = 58;
const DESIGN_COLORS = { supply: '#cf1322', return: '#1677ff' };

/** The units of the series, one axis each: ℃ first when shown (the left axis), then in order of appearance. */
export function axisUnits(series: readonly StationSeries[]): string[] {
  const units = [...new Set(series.map((s) => s.unit))];
  return units.includes('℃') ? ['℃', ...units.filter((u) => u !== '℃')] : units;
}

/** A line's name: the metric (one station), the station (one metric), both otherwise. */
export function seriesName(s: StationSeries, all: readonly StationSeries[], labels: AnalysisLabels): string {
  const stations = new Set(all.map((x) => x.stationId)).size;
  const metrics = new Set(all.map((x) => x.metric)).size;
  const metric = labels.metric(s.metric);
  if (stations <= 1) return metric;
  return metrics <= 1 ? s.stationName : `${s.stationName} · ${metric}`;
}

function round(v: number): string {
  return v.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
}

/** The design lines, on the first temperature line of a single station's chart. */
function designMarkLine(design: DesignTemps | undefined, labels: AnalysisLabels) {
  const lines = [
    { value: design?.supply, name: labels.designSupply, color: DESIGN_COLORS.supply },
    { value: design?.return, name: labels.designReturn, color: DESIGN_COLORS.return },
  ].filter((l): l is { value: number; name: string; color: string } => typeof l.value === 'number');
  if (lines.length === 0) return undefined;
  return {
    silent: true,
    symbol: 'none',
    data: lines.map((l) => ({
      name: l.name,
      yAxis: l.value,
      lineStyle: { color: l.color, type: 'dashed' as const, width: 1.5 },
      label: {
        formatter: `${l.name} ${l.value} ℃`,
        position: 'insideEndTop' as const,
        color: l.color,
      },
    })),
  };
}

function yAxes(units: string[], design: number[]): NonNullable<ChartOption['yAxis']> {
  return units.map((unit, i) => ({
    type: 'value' as const,
    scale: true,
    name: unit,
    position: i === 0 ? ('left' as const) : ('right' as const),
    offset: i <= 1 ? 0 : (i - 1) * AXIS_GAP,
    alignTicks: i > 0,
    axisLine: { show: i > 0 },
    splitLine: { show: i === 0 },
    nameTextStyle: { align: i === 0 ? ('right' as const) : ('left' as const) },
    // the reference lines stay inside the temperature axis
    ...(unit === '℃' && design.length > 0
      ? {
          min: (v: { min: number }) => Math.floor(Math.min(v.min, ...design) - 2),
          max: (v: { max: number }) => Math.ceil(Math.max(v.max, ...design) + 2),
        }
      : {}),
  }));
}

/**
 * The chart option. Times are drawn on the city's clocks: each instant shifted by the city's UTC offset and the
 * chart told to read them as UTC, whatever the browser's zone. `target`: the compensation target band, drawn on
 * the ℃ axis of a single station's chart.
 */
export function buildAnalysisOption(
  data: MultiSeriesResponse,
  opts: {
    labels: AnalysisLabels;
    design?: DesignTemps | undefined;
    cityOffsetMs: number;
    target?: TargetBand | undefined;
  },
): ChartOption {
  const units = axisUnits(data.series);
  const single = new Set(data.series.map((s) => s.stationId)).size === 1;
  const firstTemp = single ? data.series.findIndex((s) => s.unit === '℃') : -1;
  const markLine = firstTemp >= 0 ? designMarkLine(opts.design, opts.labels) : undefined;
  const target = firstTemp >= 0 && opts.target && opts.target.points.length > 0 ? opts.target : undefined;
  const design = [
    ...(markLine
      ? [opts.design?.supply, opts.design?.return].filter((v): v is number => typeof v === 'number')
      : []),
    ...bandExtent(target),
  ];
  const extra = target ? targetBandSeries(target, units.indexOf('℃'), opts.cityOffsetMs) : [];
  const names = data.series.map((s) => seriesName(s, data.series, opts.labels));
  const rightAxes = Math.max(0, units.length - 1);
  return {
    animation: false,
    useUTC: true,
    grid: { left: 56, right: 24 + rightAxes * AXIS_GAP, top: 56, bottom: 36 },
    legend: {
      type: 'scroll',
      top: 4,
      left: 8,
      right: 8,
      data: target
        ? [...names, target.labels.target, { name: target.labels.band, icon: 'roundRect' }]
        : names,
    },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? round(v) : String(v ?? '')),
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const first = list[0];
        const at = Array.isArray(first?.value) ? Number(first.value[0]) : NaN;
        const head = Number.isFinite(at) ? new Date(at).toISOString().slice(0, 16).replace('T', ' ') : '';
        const rows = list
          .filter((p) => !isBandSeries(p.seriesId))
          .map((p) => {
            const s = data.series[p.seriesIndex ?? -1];
            const y = Array.isArray(p.value) ? Number(p.value[1]) : NaN;
            const unit = p.seriesId === TARGET_LINE_ID ? `℃ (±${target?.band ?? 0})` : (s?.unit ?? '');
            return `${String(p.marker ?? '')}${p.seriesName ?? ''}: <b>${round(y)}</b> ${unit}`;
          });
        return [`<b>${head}</b>`, ...rows].join('<br/>');
      },
    },
    xAxis: TIME_AXIS,
    yAxis: yAxes(units, design),
    dataZoom: [{ type: 'inside', xAxisIndex: 0 }],
    series: [
      ...data.series.map((s, i) => ({
        type: 'line' as const,
        id: `${s.stationId}-${s.metric}`,
        name: names[i],
        yAxisIndex: Math.max(0, units.indexOf(s.unit)),
        showSymbol: s.points.length <= 48,
        symbolSize: 4,
        connectNulls: false,
        lineStyle: { width: 2 },
        data: s.points.map((p) => [Date.parse(p.ts) + opts.cityOffsetMs, p.value]),
        ...(i === firstTemp && markLine ? { markLine } : {}),
      })),
      ...extra,
    ],
  };
}
