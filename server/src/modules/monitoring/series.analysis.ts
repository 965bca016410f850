// Analysis series 分析曲线: several metrics of up to 5 stations over one range at one resolution, and the
// same series as export rows (city time, station name, a column per metric with its unit, fixed decimals).
import { METRIC_KEYS, METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import {
  MAX_COMPARED_STATIONS,
  metricDecimals,
  type MultiSeriesResponse,
  type StationSeries,
} from '@hearth/contracts/telemetry-analysis';
import { DomainError } from '../../http/domain-error.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeOf } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { RollupLevel, TelemetryStore } from '../telemetry/telemetry.store.ts';
import { cityTime } from './series.rules.ts';
import { resolutionFor } from './status.rules.ts';

export type SeriesAnalysisDeps = {
  store: TelemetryStore;
  registry: RegistryService;
  /** the city's time zone (HEARTH_TZ): export times are written in it */
  timeZone?: string;
};

export type MultiSeriesParams = {
  stationIds: number[];
  metrics: MetricKey[];
  from: string;
  to: string;
  resolution: 'auto' | 'raw' | RollupLevel;
};

/** An export table: each column's Chinese header and, for values, its fixed decimals. */
export type SeriesTable = {
  columns: { header: string; decimals?: number }[];
  rows: (string | number | null)[][];
};

const MAX_RAW_POINTS = 5_000;
type Station = { id: number; code: string; name: string };

/** The range in ms; 400 `series.invalid_range` unless `to` is after `from`. */
export function seriesRange(from: string, to: string): { fromMs: number; toMs: number } {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (!(toMs > fromMs))
    throw new DomainError(
      'series.invalid_range',
      400,
      '结束时间必须晚于开始时间 / `to` must be after `from`',
    );
  return { fromMs, toMs };
}

function checkRequest(q: MultiSeriesParams): { ids: number[]; metrics: MetricKey[] } {
  const ids = [...new Set(q.stationIds)];
  if (ids.length > MAX_COMPARED_STATIONS) {
    throw new DomainError(
      'series.too_many_stations',
      400,
      `一张图最多对比 ${MAX_COMPARED_STATIONS} 个换热站 / at most ${MAX_COMPARED_STATIONS} stations on one chart`,
      [{ path: 'stationIds', reason: `max ${MAX_COMPARED_STATIONS}` }],
    );
  }
  const metrics = [...new Set(q.metrics)];
  const household = metrics.find((m) => METRICS[m].target !== 'station');
  if (household) {
    throw new DomainError(
      'series.invalid_metric',
      400,
      `${household} 不是换热站指标 / not a station metric`,
      [{ path: 'metrics', reason: household }],
    );
  }
  return { ids, metrics };
}

export function createSeriesAnalysis(deps: SeriesAnalysisDeps) {
  const { store, registry } = deps;
  const timeZone = deps.timeZone ?? 'Asia/Shanghai';

  /** Raw readings of each station, or null when one holds more than the limit (then a rollup answers). */
  async function rawSeries(
    stations: Station[],
    metrics: MetricKey[],
    fromMs: number,
    toMs: number,
    forced: boolean,
  ): Promise<StationSeries[] | null> {
    const reads = await Promise.all(
      stations.map((s) => store.raw('station', s.id, fromMs, toMs, MAX_RAW_POINTS + 1)),
    );
    if (!forced && reads.some((rows) => rows.length > MAX_RAW_POINTS)) return null;
    return stations.flatMap((s, i) => {
      const rows = reads[i] ?? [];
      const truncated = rows.length > MAX_RAW_POINTS;
      return metrics.map((metric) => {
        const index = METRIC_KEYS.indexOf(metric);
        const points = rows.slice(0, MAX_RAW_POINTS).flatMap((r) => {
          const value = r.values[index];
          return value === null || value === undefined ? [] : [{ ts: new Date(r.ts).toISOString(), value }];
        });
        return { ...header(s, metric), points, ...(truncated ? { truncated } : {}) };
      });
    });
  }

  async function rolledSeries(
    level: RollupLevel,
    stations: Station[],
    metrics: MetricKey[],
    fromMs: number,
    toMs: number,
  ): Promise<StationSeries[]> {
    // the minute job may not have rolled the newest readings up yet: the dirty buckets of this range first
    await store.refreshRollups({ fromMs, toMs });
    const pairs = stations.flatMap((s) => metrics.map((metric) => ({ s, metric })));
    return Promise.all(
      pairs.map(async ({ s, metric }) => {
        const rows = await store.series(level, 'station', s.id, metric, fromMs, toMs);
        const points = rows.map((r) => ({
          ts: new Date(r.bucket).toISOString(),
          value: r.mean,
          min: r.min,
          max: r.max,
          count: r.count,
        }));
        return { ...header(s, metric), points };
      }),
    );
  }

  async function multiSeries(actor: Actor, query: MultiSeriesParams): Promise<MultiSeriesResponse> {
    const { ids, metrics } = checkRequest(query);
    const { fromMs, toMs } = seriesRange(query.from, query.to);
    const scope = scopeOf(actor);
    // every station in the caller's scope, else 404 (a foreign id is not found)
    const stations: Station[] = [];
    for (const id of ids) {
      const { code, name } = await registry.station(scope, id);
      stations.push({ id, code, name });
    }
    const resolution = query.resolution === 'auto' ? resolutionFor(fromMs, toMs) : query.resolution;
    if (resolution === 'raw') {
      const raw = await rawSeries(stations, metrics, fromMs, toMs, query.resolution === 'raw');
      if (raw) return { resolution, series: raw };
      return { resolution: '15m', series: await rolledSeries('15m', stations, metrics, fromMs, toMs) };
    }
    return { resolution, series: await rolledSeries(resolution, stations, metrics, fromMs, toMs) };
  }

  return {
    multiSeries,

    /** The series as a table: 时间 (city time), 站名, 站编码 and a column per metric, rows by station then time. */
    async seriesTable(actor: Actor, query: MultiSeriesParams): Promise<SeriesTable> {
      const { series } = await multiSeries(actor, query);
      const metrics = [...new Set(query.metrics)];
      const columns = [
        { header: '时间' },
        { header: '站名' },
        { header: '站编码' },
        ...metrics.map((m) => ({
          header: `${METRICS[m].label} (${METRICS[m].unit})`,
          decimals: metricDecimals(m),
        })),
      ];
      const rows: SeriesTable['rows'] = [];
      for (const id of [...new Set(query.stationIds)]) {
        const mine = series.filter((s) => s.stationId === id);
        const first = mine[0];
        if (!first) continue;
        const byTs = new Map<string, (number | null)[]>();
        mine.forEach((s, column) => {
          for (const p of s.points) {
            let values = byTs.get(p.ts);
            if (!values) byTs.set(p.ts, (values = metrics.map(() => null)));
            values[column] = p.value;
          }
        });
        for (const ts of [...byTs.keys()].sort()) {
          const values = byTs.get(ts) ?? [];
          rows.push([
            cityTime(Date.parse(ts), timeZone),
            first.stationName,
            first.stationCode,
            ...values.map((v, i) => fixed(v, metrics[i])),
          ]);
        }
      }
      return { columns, rows };
    },
  };
}

function header(s: Station, metric: MetricKey) {
  return { stationId: s.id, stationCode: s.code, stationName: s.name, metric, unit: METRICS[metric].unit };
}

/** The value rounded to its unit's decimals (a number, so spreadsheets can compute with it). */
function fixed(value: number | null, metric: MetricKey | undefined): number | null {
  if (value === null || metric === undefined) return null;
  const factor = 10 ** metricDecimals(metric);
  return Math.round(value * factor) / factor;
}

export type SeriesAnalysis = ReturnType<typeof createSeriesAnalysis>;
