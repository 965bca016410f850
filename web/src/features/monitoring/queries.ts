// TanStack Query hooks of the live view (monitoring table, every station for the map, latest values, series)
// and the merge of streamed rows into the table and map caches; the analysis chart's series and pickers.
import { keepPreviousData, useQuery, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { MetricKey, MonitoredStation, MonitoringPage } from '@hearth/contracts/telemetry';
import { MAX_SERIES_DAYS } from '@hearth/contracts/compensation';
import { request } from '../../shared/api/client.ts';
import type { StationStatus } from './status.ts';
import { resolveRange, type ChartRange } from './chartRange.ts';

export type MonitoringParams = {
  page: number;
  pageSize: number;
  q?: string;
  /** a column ascending, `-column` descending (server-side) */
  sort?: string;
  enterpriseId?: number;
  status?: StationStatus;
};

const TABLE_KEY = ['monitoring', 'stations'] as const;
const ALL_KEY = ['monitoring', 'all'] as const;
/** Pages of 500 fetched for the map, at most this many stations. */
const MAP_PAGE = 500;
const MAP_CAP = 5_000;

export function useMonitoringPage(params: MonitoringParams) {
  return useQuery({
    queryKey: [...TABLE_KEY, params],
    queryFn: ({ signal }) => request('GET /monitoring/stations', { query: params, signal }),
    placeholderData: keepPreviousData,
    // values arrive over the stream; the refetch catches stations going stale or offline by silence
    refetchInterval: 30_000,
  });
}

/** Every station in scope with its status (paged through 500 at a time, capped), for the map. */
export function useAllMonitored(enabled = true) {
  return useQuery({
    queryKey: ALL_KEY,
    enabled,
    queryFn: async ({ signal }) => {
      const rows: MonitoredStation[] = [];
      for (let page = 1; rows.length < MAP_CAP; page++) {
        const res = await request('GET /monitoring/stations', {
          query: { page, pageSize: MAP_PAGE },
          signal,
        });
        rows.push(...res.items);
        if (res.items.length < MAP_PAGE || rows.length >= res.total) break;
      }
      return rows;
    },
    refetchInterval: 60_000,
  });
}

/** A station or a household (its indoor sensor): what latest values and series are read for. */
export type TelemetryTarget = { kind: 'station' | 'household'; id: number };
const targetParams = (t: TelemetryTarget) => ({
  targets: t.kind === 'station' ? 'stations' : 'households',
  id: t.id,
});

export function useLatest(target: TelemetryTarget) {
  return useQuery({
    queryKey: ['monitoring', 'latest', target.kind, target.id],
    queryFn: ({ signal }) => request('GET /:targets/:id/latest', { params: targetParams(target), signal }),
    refetchInterval: 15_000,
  });
}

export function useSeries(target: TelemetryTarget, metric: MetricKey, rangeMs: number) {
  return useQuery({
    queryKey: ['monitoring', 'series', target.kind, target.id, metric, rangeMs],
    queryFn: ({ signal }) => {
      // a minute past now catches readings stamped slightly ahead; the span stays the chosen range, so the
      // server's resolution choice (raw up to 6 h) holds
      const to = Date.now() + 60_000;
      return request('GET /:targets/:id/series', {
        params: targetParams(target),
        query: {
          metric,
          from: new Date(to - rangeMs).toISOString(),
          to: new Date(to).toISOString(),
          resolution: 'auto',
        },
        signal,
      });
    },
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

function matches(row: MonitoredStation, p: MonitoringParams): boolean {
  if (p.enterpriseId !== undefined && row.enterpriseId !== p.enterpriseId) return false;
  const needle = p.q?.trim().toLowerCase();
  return !needle || row.name.toLowerCase().includes(needle) || row.code.toLowerCase().includes(needle);
}

/**
 * One cached table page with streamed rows merged in: rows on the page are replaced, and a known status
 * change moves a station between the summary counts. `refetch` when a status filter gains or loses rows.
 */
export function mergePage(
  page: MonitoringPage,
  params: MonitoringParams,
  rows: readonly MonitoredStation[],
  known: ReadonlyMap<number, StationStatus>,
): { page: MonitoringPage; refetch: boolean } {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const counts = { ...page.statusCounts };
  let refetch = false;
  for (const row of rows) {
    const before = known.get(row.id);
    if (before === undefined || before === row.status || !matches(row, params)) continue;
    counts[before] = Math.max(0, (counts[before] ?? 0) - 1);
    counts[row.status] = (counts[row.status] ?? 0) + 1;
    if (params.status !== undefined && (before === params.status || row.status === params.status))
      refetch = true;
  }
  const items = page.items.map((s) => byId.get(s.id) ?? s);
  return { page: { ...page, items, statusCounts: counts }, refetch };
}

/** Status of every station the caches know, before a merge. */
function knownStatuses(qc: QueryClient): Map<number, StationStatus> {
  const known = new Map<number, StationStatus>();
  for (const [, all] of qc.getQueriesData<MonitoredStation[]>({ queryKey: ALL_KEY }))
    for (const s of all ?? []) known.set(s.id, s.status);
  for (const [, page] of qc.getQueriesData<MonitoringPage>({ queryKey: TABLE_KEY }))
    for (const s of page?.items ?? []) known.set(s.id, s.status);
  return known;
}

/** Streamed rows (event `stations`) into every cached table page and the map's station list. */
export function mergeLiveRows(qc: QueryClient, rows: readonly MonitoredStation[]): void {
  if (rows.length === 0) return;
  const known = knownStatuses(qc);
  const stale: QueryKey[] = [];
  for (const [key, page] of qc.getQueriesData<MonitoringPage>({ queryKey: TABLE_KEY })) {
    const params = key[2];
    if (!page || typeof params !== 'object' || params === null) continue;
    const merged = mergePage(page, params as MonitoringParams, rows, known);
    qc.setQueryData(key, merged.page);
    if (merged.refetch) stale.push(key);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  qc.setQueriesData<MonitoredStation[]>({ queryKey: ALL_KEY }, (all) => all?.map((s) => byId.get(s.id) ?? s));
  for (const key of stale) void qc.invalidateQueries({ queryKey: key, exact: true });
}

/** After the stream was down: whatever it missed comes from a refetch. */
export function refreshMonitoring(qc: QueryClient): Promise<void> {
  return qc.invalidateQueries({ queryKey: ['monitoring'] });
}

/** A community's sensed households with their newest indoor temperature, and its compliance. */
export function useIndoor(communityId: number) {
  return useQuery({
    queryKey: ['monitoring', 'indoor', communityId],
    queryFn: ({ signal }) => request('GET /communities/:id/indoor', { params: { id: communityId }, signal }),
    refetchInterval: 30_000,
  });
}

/** Several metrics of up to 5 stations over a range (a preset is resolved at each fetch). */
export function useAnalysisSeries(
  stationIds: readonly number[],
  metrics: readonly MetricKey[],
  range: ChartRange,
) {
  return useQuery({
    queryKey: ['monitoring', 'analysis', stationIds, metrics, range],
    enabled: stationIds.length > 0 && metrics.length > 0,
    queryFn: ({ signal }) => {
      const { from, to } = resolveRange(range, Date.now());
      return request('GET /monitoring/series', {
        query: {
          stationIds: stationIds.join(','),
          metrics: metrics.join(','),
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          resolution: 'auto',
        },
        signal,
      });
    },
    placeholderData: keepPreviousData,
    refetchInterval: 'preset' in range ? 60_000 : false,
  });
}

/** Longest range the compensation series answers (MAX_SERIES_DAYS of the contract). */
const MAX_TARGET_MS = MAX_SERIES_DAYS * 86_400_000;

/** The station's hourly compensation targets over the chart's range (none past the longest range asked at once). */
export function useCompensationSeries(stationId: number, range: ChartRange, enabled: boolean) {
  return useQuery({
    queryKey: ['weather', 'compensation', 'series', stationId, range],
    enabled,
    queryFn: ({ signal }) => {
      const { from, to } = resolveRange(range, Date.now());
      if (to - from > MAX_TARGET_MS) return null;
      return request('GET /stations/:id/compensation/series', {
        params: { id: stationId },
        query: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
        signal,
      });
    },
    placeholderData: keepPreviousData,
    refetchInterval: 'preset' in range ? 10 * 60_000 : false,
  });
}

/** A station's registry item (its design temperatures), cached under the registry's own key for it. */
export function useStationItem(id: number) {
  return useQuery({
    queryKey: ['registry', 'stations', 'item', id],
    queryFn: ({ signal }) => request('GET /:resource/:id', { params: { resource: 'stations', id }, signal }),
  });
}

/** Stations by name or code for the comparison picker (the first 20 matches in the caller's scope). */
export function useStationOptions(q: string) {
  return useQuery({
    queryKey: ['monitoring', 'station-options', q],
    queryFn: ({ signal }) =>
      request('GET /:resource', { params: { resource: 'stations' }, query: { pageSize: 20, q }, signal }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
