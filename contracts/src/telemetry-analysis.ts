// Analysis charts 分析曲线 (telemetry contract v1, additive): several metrics of a station or one metric of up to 5
// stations, their export, the normal operating band of the key metrics and the decimals of each unit.
import { z } from 'zod';
import { METRIC_KEYS, METRICS, SERIES_RESOLUTIONS, SeriesPoint, type MetricKey } from './telemetry.ts';

/** at most this many stations on one comparison chart */
export const MAX_COMPARED_STATIONS = 5;
/** at most this many metrics on one chart */
export const MAX_CHART_METRICS = 8;
const idList = z
  .string()
  .max(200)
  .transform((s) =>
    s
      .split(',')
      .filter((x) => x.trim() !== '')
      .map(Number),
  )
  .pipe(z.array(z.number().int().positive()).min(1));
const metricList = z
  .string()
  .max(400)
  .transform((s) => s.split(',').filter((x) => x.trim() !== ''))
  .pipe(
    z
      .array(z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]))
      .min(1)
      .max(MAX_CHART_METRICS),
  );
/**
 * Query of `GET /api/monitoring/series`: comma-separated station ids (up to 5, each checked against the caller's
 * scope) and metrics; the resolution is chosen by the range as for one series.
 */
export const MultiSeriesQuery = z.object({
  stationIds: idList.describe('换热站 id，逗号分隔，最多 5 个 / comma-separated station ids, at most 5'),
  metrics: metricList.describe('指标，逗号分隔 / comma-separated metric keys'),
  from: z.iso.datetime({ offset: true }).describe('range start, ISO 8601'),
  to: z.iso.datetime({ offset: true }).describe('range end (exclusive), ISO 8601'),
  resolution: z.enum(SERIES_RESOLUTIONS).default('auto'),
});
export type MultiSeriesQuery = z.input<typeof MultiSeriesQuery>;
export const SERIES_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const SeriesExportQuery = MultiSeriesQuery.extend({
  format: z.enum(SERIES_EXPORT_FORMATS).default('csv'),
});
export const StationSeries = z.object({
  stationId: z.number().int(),
  stationCode: z.string(),
  stationName: z.string(),
  metric: z.string(),
  unit: z.string(),
  points: z.array(SeriesPoint),
  truncated: z.boolean().optional(),
});
export type StationSeries = z.infer<typeof StationSeries>;
export const MultiSeriesResponse = z.object({
  /** one resolution for every series of the chart */
  resolution: z.enum(['raw', '15m', '1h', '1d']),
  /** station by station in the order asked, each with its metrics in the order asked */
  series: z.array(StationSeries),
});
export type MultiSeriesResponse = z.infer<typeof MultiSeriesResponse>;

/**
 * Normal operating band 正常运行范围 of the key station metrics (inside the plausible range of METRICS; primary
 * side up to 150/80 ℃ as large networks run at design cold, secondary radiator side up to 95/70 ℃): the monitoring
 * table marks a value outside it.
 */
export const OPERATING_RANGES: Partial<Record<MetricKey, readonly [min: number, max: number]>> = {
  primarySupplyTemp: [50, 150],
  primaryReturnTemp: [20, 80],
  secondarySupplyTemp: [30, 95],
  secondaryReturnTemp: [20, 70],
  primarySupplyPressure: [0.2, 1.6],
  primaryReturnPressure: [0.1, 1.2],
  secondarySupplyPressure: [0.1, 1.0],
  secondaryReturnPressure: [0.05, 0.8],
};

/** Decimals of each unit in exports and tables 导出小数位 (℃ 1, MPa 3, t/h 2, MW 2, GJ 1). */
export const UNIT_DECIMALS: Record<string, number> = {
  '℃': 1,
  MPa: 3,
  't/h': 2,
  MW: 2,
  GJ: 1,
  '0/1': 0,
  't/h 或 m³/h': 2,
};
export const metricDecimals = (metric: MetricKey): number => UNIT_DECIMALS[METRICS[metric].unit] ?? 2;
