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
  type DataQualityResponse,
  type SamplingSpreadCheck,
  type IndoorSummary,
} from '@hearth/contracts/telemetry';
import { DomainError } from '../../http/domain-error.ts';
import type { Actor } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { scopeOf } from '../auth/actor.ts';
import { completeness, stalePoints } from './quality.rules.ts';
import type { SamplingRepository } from './sampling.repository.ts';
import { createSamplingView } from './sampling.service.ts';
import { resolutionFor, stationStatus, type StationStatus } from './status.rules.ts';
import { indoorSummary } from './indoor.rules.ts';
import { createSeriesAnalysis, type SeriesTable } from './series.analysis.ts';
import { windowMeans } from './series.window.ts';
import { isMonitoringSort, sortMonitored } from './table.rules.ts';
import { monitoringTable } from './table.export.ts';
import type { LatestRecord, RollupLevel, TargetKind, TelemetryStore } from '../telemetry/telemetry.store.ts';

export type MonitoringDeps = {
  store: TelemetryStore;
  registry: RegistryService;
  /** households with an active indoor sensor, optionally among some (devices module; across enterprises) */
  sensedHouseholdIds: (among?: readonly number[]) => Promise<number[]>;
  /** the indoor temperature standard, ℃ */
  indoorStandard: number;
  /** the city's minimum share of households with indoor sensors */
  minimumSamplingShare: number;
  /** the spread checks of the indoor sample the city applies */
  samplingSpread: readonly SamplingSpreadCheck[];
  staleMs: number;
  offlineMs: number;
  now?: () => number;
  /** the sampling read model (communities, their households and indoor sensors, aggregated in SQL) */
  samplingRepo: SamplingRepository;
  /** the city's time zone (HEARTH_TZ), for exported times */
  timeZone?: string;
};

const MAX_RAW_POINTS = 5_000;
/** 数据质量 looks at the last 24 h */
const QUALITY_WINDOW_MS = 86_400_000;
/** the longest its rollup reads are reused (see qualityReads) */
const QUALITY_REUSE_MS = 60_000;
type QualityReads = {
  latest: Map<number, LatestRecord>;
  buckets: Map<number, number>;
  flat: Map<number, number>;
};
/** a point that has not moved over this window (whole 15-minute buckets) counts as stuck… */
const FLAT_WINDOW_MS = 2 * 3_600_000;
/** …when it reported at least this often in it (once every 15 minutes) */
const FLAT_MIN_READINGS = 8;
/** the registry resource of each telemetry target */
const RESOURCE: Record<TargetKind, 'stations' | 'households'> = {
  station: 'stations',
  household: 'households',
};
/** ids per registry lookup (SQL parameters stay far below SQLite's limit) */
const ID_CHUNK = 5_000;
const chunks = (ids: readonly number[]) =>
  Array.from({ length: Math.ceil(ids.length / ID_CHUNK) }, (_, i) =>
    ids.slice(i * ID_CHUNK, (i + 1) * ID_CHUNK),
  );
const bucketStart = (ms: number) => Math.floor(ms / 900_000) * 900_000;

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

/** filters and order of the monitoring table */
type StationsQuery = {
  q?: string | undefined;
  sort?: string | undefined;
  enterpriseId?: number | undefined;
  status?: StationStatus | undefined;
};

type StationEntry = { id: number; code: string; name: string; enterpriseId: number };
const DIRECTORY_MS = 30_000;

export function createMonitoringService(deps: MonitoringDeps) {
  const { store, registry } = deps;
  let rollupReads:
    | { windowEnd: number; until: number; value: Promise<[Map<number, number>, Map<number, number>]> }
    | undefined;

  /**
   * The city-wide telemetry side of 数据质量 (each scope filters it by its stations). Both rollup reads come from the
   * 15-minute rollup: all of the completeness window is brought up to date first, not only the flat window
   * (readings older than 2 h, e.g. history or a late backlog, counted only after the next rollup run of the ingest
   * process, and never where this process runs none: completeness near 0 %). They are reused for up to a minute
   * while no bucket was rebuilt here and the window has not moved on (at Tianjin scale they read ~320,000 rollup
   * rows; another process's or the runtime's own rollup run is seen within the minute).
   */
  async function qualityReads(at: number): Promise<QualityReads> {
    const windowEnd = bucketStart(at);
    const flatFrom = windowEnd - FLAT_WINDOW_MS;
    const windowFrom = windowEnd - QUALITY_WINDOW_MS;
    const rebuilt = await store.refreshRollups({ fromMs: Math.min(windowFrom, flatFrom), toMs: windowEnd });
    if (rebuilt > 0 || rollupReads?.windowEnd !== windowEnd || rollupReads.until <= at) {
      const value = Promise.all([
        store.bucketCounts('15m', 'station', windowFrom, windowEnd),
        store.flatPoints('station', flatFrom, windowEnd, FLAT_MIN_READINGS),
      ]);
      const entry = { windowEnd, until: at + QUALITY_REUSE_MS, value };
      rollupReads = entry;
      value.catch(() => rollupReads === entry && (rollupReads = undefined));
    }
    const [latest, [buckets, flat]] = await Promise.all([store.latest('station'), rollupReads.value]);
    return { latest, buckets, flat };
  }

  const sampling = createSamplingView(deps);
  const analysis = createSeriesAnalysis(deps);
  const now = deps.now ?? Date.now;
  const directories = new Map<string, { until: number; stations: StationEntry[] }>();

  /** The stations an actor may see, cached briefly per scope (the live view asks every few seconds). */
  async function directory(actor: Actor): Promise<StationEntry[]> {
    const key = String(actor.role === 'enterprise' ? actor.enterpriseId : 'city');
    const hit = directories.get(key);
    if (hit && hit.until > now()) return hit.stations;
    const stations: StationEntry[] = [];
    for await (const { id, code, name, enterpriseId } of registry.scan(scopeOf(actor), 'stations'))
      stations.push({ id, code, name, enterpriseId });
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

  const service = {
    /** Latest value of every point of a station or household in the caller's scope (404 outside it). */
    async latest(actor: Actor, kind: TargetKind, id: number): Promise<LatestValues> {
      await registry.require(scopeOf(actor), RESOURCE[kind], id); // 404 outside the caller's scope
      return latestValues((await store.latest(kind, [id])).get(id));
    },

    async series(
      actor: Actor,
      kind: TargetKind,
      targetId: number,
      query: { metric: MetricKey; from: string; to: string; resolution: 'auto' | 'raw' | RollupLevel },
    ): Promise<SeriesResponse> {
      await registry.require(scopeOf(actor), RESOURCE[kind], targetId);
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      if (!(to > from)) {
        throw new DomainError(
          'series.invalid_range',
          400,
          '结束时间必须晚于开始时间 / `to` must be after `from`',
        );
      }
      let resolution = query.resolution === 'auto' ? resolutionFor(from, to) : query.resolution;
      const def = METRICS[query.metric];
      if (def.target !== kind) {
        throw new DomainError(
          'series.invalid_metric',
          400,
          kind === 'station'
            ? `${query.metric} 不是换热站指标 / not a station metric`
            : `${query.metric} 不是住户室温指标 / not a household metric`,
        );
      }
      if (resolution === 'raw') {
        const index = METRIC_KEYS.indexOf(query.metric);
        const rows = await store.raw(kind, targetId, from, to, MAX_RAW_POINTS + 1);
        const truncated = rows.length > MAX_RAW_POINTS;
        // A station reporting faster than the range allows raw points for: chosen automatically, the range is
        // answered from the 15-minute rollup instead of cutting it short; asked for raw, it says it is cut.
        if (!truncated || query.resolution === 'raw') {
          const points = rows.slice(0, MAX_RAW_POINTS).flatMap((r) => {
            const value = r.values[index];
            return value === null || value === undefined ? [] : [{ ts: new Date(r.ts).toISOString(), value }];
          });
          return {
            metric: query.metric,
            unit: def.unit,
            resolution,
            points,
            ...(truncated ? { truncated } : {}),
          };
        }
        resolution = '15m';
      }
      // the minute job may not have rolled the newest readings up yet: the dirty buckets of this range first
      await store.refreshRollups({ fromMs: from, toMs: to });
      const rows = await store.series(resolution, kind, targetId, query.metric, from, to);
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

    /**
     * Coverage, completeness (last 24 h), stale points (not updated) and stuck points (not moving over the last
     * 2 h) per enterprise in the caller's scope.
     */
    async quality(actor: Actor): Promise<DataQualityResponse> {
      const at = now();
      const windowMs = QUALITY_WINDOW_MS;
      const [stations, { latest, buckets, flat }] = await Promise.all([directory(actor), qualityReads(at)]);
      const byEnterprise = new Map<number, DataQualityResponse['items'][number]>();
      for (const station of stations) {
        let q = byEnterprise.get(station.enterpriseId);
        if (!q) {
          q = {
            enterpriseId: station.enterpriseId,
            stations: 0,
            online: 0,
            stale: 0,
            offline: 0,
            noData: 0,
            coverage: 0,
            completeness: 0,
            staleSensors: 0,
            stuckSensors: 0,
          };
          byEnterprise.set(station.enterpriseId, q);
        }
        const record = latest.get(station.id);
        const status = stationStatus(record?.ts, at, deps.staleMs, deps.offlineMs);
        q.stations++;
        if (status === 'no_data') q.noData++;
        else q[status]++;
        q.completeness += completeness(buckets.get(station.id) ?? 0, windowMs);
        q.staleSensors += stalePoints(record, at, deps.staleMs);
        // a station gone silent is counted as offline, not as stuck
        if (status === 'online' || status === 'stale') q.stuckSensors += flat.get(station.id) ?? 0;
      }
      const items = [...byEnterprise.values()].map((q) => ({
        ...q,
        coverage: (q.online + q.stale) / q.stations,
        completeness: q.completeness / q.stations,
      }));
      return { windowHours: 24, items: items.sort((x, y) => x.enterpriseId - y.enterpriseId) };
    },

    sampling: sampling.sampling,

    /** mean of a station metric over a window per station (system-level; the 升温令 check's port) */
    windowMeans: (stationIds: readonly number[], metric: MetricKey, fromMs: number, toMs: number) =>
      windowMeans(store, stationIds, metric, fromMs, toMs),

    /** several metrics of up to 5 stations at one resolution, and the same as an export table */
    multiSeries: analysis.multiSeries,
    seriesTable: analysis.seriesTable,

    /**
     * Newest indoor temperature of every sensed household of a community — one with an active sensor or with
     * readings (a household's readings are its own: revoking its sensor never hides them) — and the figures.
     */
    async indoor(actor: Actor, communityId: number): Promise<IndoorSummary> {
      const scope = scopeOf(actor);
      await registry.community(scope, communityId);
      // the community's households now (registry), then which of them have a sensor or readings
      const members: number[] = [];
      for await (const h of registry.scan(scope, 'households', { communityId })) members.push(h.id);
      const sensed = new Set<number>();
      const latest = new Map<number, LatestRecord>();
      for (const part of chunks(members)) {
        for (const id of await deps.sensedHouseholdIds(part)) sensed.add(id);
        for (const [id, record] of await store.latest('household', part)) {
          latest.set(id, record);
          sensed.add(id);
        }
      }
      const ids = [...sensed].sort((a, b) => a - b);
      const readings = ids.map((householdId) => {
        const point = latest.get(householdId)?.points.indoorTemp;
        return { householdId, value: point?.value ?? null, ts: point?.ts ?? null };
      });
      return indoorSummary(communityId, readings, now(), deps.staleMs, deps.indoorStandard);
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
      query: StationsQuery & { page: number; pageSize: number },
    ): Promise<MonitoringPage> {
      if (query.sort && !isMonitoringSort(query.sort)) {
        throw new DomainError(
          'request.invalid_sort',
          400,
          `不能按 ${query.sort} 排序 / cannot sort by ${query.sort}`,
          [{ path: 'sort', reason: query.sort }],
        );
      }
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
        items: sortMonitored(all, query.sort).slice(start, start + query.pageSize),
        total: all.length,
        page: query.page,
        pageSize: query.pageSize,
        statusCounts,
      };
    },

    /** Every row of the filtered, sorted monitoring table as an export table (Chinese headers, city time). */
    async stationsTable(actor: Actor, query: StationsQuery): Promise<SeriesTable> {
      const all = await service.stations(actor, { ...query, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
      return monitoringTable(registry, actor, all.items, deps.timeZone ?? 'Asia/Shanghai');
    },
  };
  return service;
}
export type MonitoringService = ReturnType<typeof createMonitoringService>;
