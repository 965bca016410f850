// Pure rules of the live overview 城市实时概览: station statuses, heat load, indoor compliance 室温合格率 and the
// coldest communities, from the newest readings (same thresholds as monitoring: silence, stale window, standard).
import type { ColdCommunity, LiveOverview } from '@hearth/contracts/live-overview';
import { stationStatus } from '../monitoring/status.rules.ts';

/** a metric's newest value (epoch ms) */
type Point = { value: number; ts: number };
/** a target's newest record: its time and the newest point of each metric it reported */
export type LatestPoints = { ts: number; points: Partial<Record<string, Point>> };

export type Thresholds = { now: number; staleMs: number; offlineMs: number };

/** the station metric a station's outdoor sensor would report (none of the catalogue's metrics today) */
export const OUTDOOR_METRIC = 'outdoorTemp';
export const COLDEST_COUNT = 5;

const fresh = (p: Point | undefined, t: Thresholds, windowMs: number): p is Point =>
  p !== undefined && t.now - p.ts < windowMs;

/**
 * Station statuses, the heat load (latest 热功率 of stations not yet offline, MW) and the mean outdoor temperature
 * over the stations that report one within the stale window.
 */
export function summariseStations(
  stations: readonly { id: number; capacityMw: number }[],
  latest: ReadonlyMap<number, LatestPoints>,
  t: Thresholds,
): Pick<LiveOverview, 'stations' | 'outdoorTempC'> & {
  loadMw: number;
  reportingStations: number;
  stationCapacityMw: number;
} {
  const counts = { total: stations.length, online: 0, stale: 0, offline: 0, noData: 0 };
  let loadMw = 0;
  let reportingStations = 0;
  let stationCapacityMw = 0;
  let outdoorSum = 0;
  let outdoorCount = 0;
  for (const s of stations) {
    stationCapacityMw += s.capacityMw;
    const record = latest.get(s.id);
    const status = stationStatus(record?.ts, t.now, t.staleMs, t.offlineMs);
    if (status === 'no_data') counts.noData++;
    else counts[status]++;
    const power = record?.points.heatPower;
    if (fresh(power, t, t.offlineMs)) {
      loadMw += power.value;
      reportingStations++;
    }
    const outdoor = record?.points[OUTDOOR_METRIC];
    if (fresh(outdoor, t, t.staleMs)) {
      outdoorSum += outdoor.value;
      outdoorCount++;
    }
  }
  return {
    stations: counts,
    loadMw,
    reportingStations,
    stationCapacityMw,
    outdoorTempC: outdoorCount > 0 ? outdoorSum / outdoorCount : null,
  };
}

export type CommunityEntry = { name: string; enterpriseId: number };

/**
 * Compliance over the households in scope whose newest indoor reading is fresh (a reading at the standard
 * complies), and the coldest communities by the mean of those readings (coldest first, then by id).
 */
export function summariseIndoor(
  readings: readonly { communityId: number; value: number; ts: number }[],
  communities: ReadonlyMap<number, CommunityEntry>,
  enterpriseNames: ReadonlyMap<number, string>,
  standardC: number,
  t: Thresholds,
): LiveOverview['indoor'] {
  let reporting = 0;
  let below = 0;
  let sum = 0;
  const per = new Map<number, { sum: number; n: number; below: number }>();
  for (const r of readings) {
    if (t.now - r.ts >= t.staleMs || !communities.has(r.communityId)) continue;
    const isBelow = r.value < standardC;
    reporting++;
    sum += r.value;
    if (isBelow) below++;
    const c = per.get(r.communityId) ?? { sum: 0, n: 0, below: 0 };
    c.sum += r.value;
    c.n++;
    if (isBelow) c.below++;
    per.set(r.communityId, c);
  }
  const coldest: ColdCommunity[] = [...per.entries()]
    .map(([communityId, c]) => {
      const entry = communities.get(communityId) as CommunityEntry;
      return {
        communityId,
        name: entry.name,
        enterpriseId: entry.enterpriseId,
        enterpriseName: enterpriseNames.get(entry.enterpriseId) ?? '',
        meanIndoorC: c.sum / c.n,
        sensors: c.n,
        belowStandard: c.below,
      };
    })
    .sort((a, b) => a.meanIndoorC - b.meanIndoorC || a.communityId - b.communityId)
    .slice(0, COLDEST_COUNT);
  return {
    standardC,
    reporting,
    belowStandard: below,
    compliance: reporting > 0 ? (reporting - below) / reporting : null,
    meanC: reporting > 0 ? sum / reporting : null,
    coldest,
  };
}
