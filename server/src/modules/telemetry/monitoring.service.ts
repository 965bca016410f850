// Live monitoring 运行监测: latest values, metric series with the rollup level chosen by range, and the
// station table with status from silence — all within the caller's enterprise scope.
import {
  METRIC_KEYS,
  METRICS,
  STATION_STATUSES,
  type LatestValues,
  type MetricKey,
  type MonitoredStation,
  type MonitoringPage,
  type SeriesResponse,
} from '@hearth/contracts/telemetry';
import { DomainError } from '../../http/domain-error.ts';
import type { Actor } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { resolutionFor, stationStatus, type StationStatus } from './status.rules.ts';
import type { LatestRecord, RollupLevel, TelemetryStore } from './telemetry.store.ts';

export type MonitoringDeps = {
  store: TelemetryStore;
  registry: RegistryService;
  staleMs: number;
  offlineMs: number;
  now?: () => number;
};

const MAX_RAW_POINTS = 5_000;

function latestValues(record: LatestRecord | undefined): LatestValues {
  if (!record) return { ts: null, values: {}, points: {} };
  const values: Record<string, number> = {};
  const points: Record<string, { value: number; ts: string }> = {};
  for (const [metric, point] of Object.entries(record.points)) {
    if (!point) continue;
    values[metric] = point.value;
    points[metric] = { value: point.value, ts: new Date(point.ts).toISOString() };
  }
  return { ts: new Date(record.ts).toISOString(), values, points };
}

type StationEntry = { id: number; code: string; name: string; enterpriseId: number };
const DIRECTORY_MS = 30_000;

export function createMonitoringService(deps: MonitoringDeps) {
  const { store, registry } = deps;
  const now = deps.now ?? Date.now;
  const directories = new Map<string, { until: number; stations: StationEntry[] }>();

  /** The stations an actor may see, cached briefly per scope (the live view asks every few seconds). */
  async function directory(actor: Actor): Promise<StationEntry[]> {
    const key = String(actor.role === 'enterprise' ? actor.enterpriseId : 'city');
    const hit = directories.get(key);
    if (hit && hit.until > now()) return hit.stations;
    const stations: StationEntry[] = [];
    for await (const item of registry.exportItems(actor, 'stations', { page: 1, pageSize: 1 })) {
      stations.push({
        id: Number(item.id),
        code: String(item.code),
        name: String(item.name),
        enterpriseId: Number(item.enterpriseId),
      });
    }
    directories.set(key, { until: now() + DIRECTORY_MS, stations });
    return stations;
  }

  function monitored(s: StationEntry, record: LatestRecord | undefined, at: number): MonitoredStation {
    const live = latestValues(record);
    return {
      ...s,
      status: stationStatus(record?.ts, at, deps.staleMs, deps.offlineMs),
      lastTs: live.ts,
      values: live.values,
    };
  }

  return {
    async latest(actor: Actor, stationId: number): Promise<LatestValues> {
      await registry.get(actor, 'stations', stationId); // 404 outside the caller's scope
      return latestValues((await store.latest('station', [stationId])).get(stationId));
    },

    async series(
      actor: Actor,
      stationId: number,
      query: { metric: MetricKey; from: string; to: string; resolution: 'auto' | 'raw' | RollupLevel },
    ): Promise<SeriesResponse> {
      await registry.get(actor, 'stations', stationId);
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      if (!(to > from)) {
        throw new DomainError(
          'series.invalid_range',
          400,
          '结束时间必须晚于开始时间 / `to` must be after `from`',
        );
      }
      const resolution = query.resolution === 'auto' ? resolutionFor(from, to) : query.resolution;
      const def = METRICS[query.metric];
      if (def.target !== 'station') {
        throw new DomainError(
          'series.invalid_metric',
          400,
          `${query.metric} 不是换热站指标 / not a station metric`,
        );
      }
      if (resolution === 'raw') {
        const index = METRIC_KEYS.indexOf(query.metric);
        const rows = await store.raw('station', stationId, from, to, MAX_RAW_POINTS);
        const points = rows.flatMap((r) => {
          const value = r.values[index];
          return value === null || value === undefined ? [] : [{ ts: new Date(r.ts).toISOString(), value }];
        });
        return { metric: query.metric, unit: def.unit, resolution, points };
      }
      const rows = await store.series(resolution, 'station', stationId, query.metric, from, to);
      return {
        metric: query.metric,
        unit: def.unit,
        resolution,
        points: rows.map((r) => ({
          ts: new Date(r.bucket).toISOString(),
          value: r.mean,
          min: r.min,
          max: r.max,
          count: r.count,
        })),
      };
    },

    /** Live rows of the given stations that the actor may see (for the SSE stream). */
    async updates(actor: Actor, stationIds: readonly number[]): Promise<MonitoredStation[]> {
      const wanted = new Set(stationIds);
      const visible = (await directory(actor)).filter((s) => wanted.has(s.id));
      if (visible.length === 0) return [];
      const latest = await store.latest(
        'station',
        visible.map((s) => s.id),
      );
      const at = now();
      return visible.map((s) => monitored(s, latest.get(s.id), at));
    },

    /** The monitoring table: every station in scope with status and live values, filtered and paged. */
    async stations(
      actor: Actor,
      query: {
        page: number;
        pageSize: number;
        q?: string | undefined;
        enterpriseId?: number | undefined;
        status?: StationStatus | undefined;
      },
    ): Promise<MonitoringPage> {
      const at = now();
      const latest = await store.latest('station');
      const all: MonitoredStation[] = [];
      const statusCounts = Object.fromEntries(STATION_STATUSES.map((s) => [s, 0])) as Record<
        StationStatus,
        number
      >;
      const needle = query.q?.toLowerCase();
      for (const station of await directory(actor)) {
        if (query.enterpriseId !== undefined && station.enterpriseId !== query.enterpriseId) continue;
        if (
          needle &&
          !station.name.toLowerCase().includes(needle) &&
          !station.code.toLowerCase().includes(needle)
        )
          continue;
        const row = monitored(station, latest.get(station.id), at);
        statusCounts[row.status]++;
        if (query.status === undefined || row.status === query.status) all.push(row);
      }
      const start = (query.page - 1) * query.pageSize;
      return {
        items: all.slice(start, start + query.pageSize),
        total: all.length,
        page: query.page,
        pageSize: query.pageSize,
        statusCounts,
      };
    },
  };
}
export type MonitoringService = ReturnType<typeof createMonitoringService>;
