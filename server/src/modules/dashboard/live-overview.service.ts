// The city now 城市实时概览: live figures for the overview (polled), from the registry service and the telemetry store's
// newest values, within the caller's scope; answers are kept a few seconds per scope.
import type { LiveOverview } from '@hearth/contracts/live-overview';
import { CITY_SCOPE, scopeOf, type Actor, type Scope } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { TelemetryStore } from '../telemetry/telemetry.store.ts';
import {
  summariseIndoor,
  summariseStations,
  type CommunityEntry,
  type LatestPoints,
} from './live-overview.rules.ts';

export type LiveOverviewDeps = {
  store: Pick<TelemetryStore, 'latest'>;
  registry: Pick<RegistryService, 'scan' | 'findByIds' | 'find' | 'writeCount'>;
  /** the indoor temperature standard, ℃ */
  indoorStandard: number;
  staleMs: number;
  offlineMs: number;
  /** the city's time zone (HEARTH_TZ) */
  timeZone: string;
  /** the outdoor temperature (℃) at an instant when no station measures it (the weather store), or null */
  fallbackOutdoor?: (at: number) => Promise<number | null>;
  now?: () => number;
};

/** how long an answer is kept per scope (the console polls every ~15 s; many screens may poll at once) */
const ANSWER_MS = 5_000;
/** how long the registry side (stations, communities, names) is kept while no registry write happened here */
const DIRECTORY_MS = 30_000;
const ID_CHUNK = 5_000;

type Directory = {
  key: number;
  until: number;
  enterprise: LiveOverview['enterprise'];
  stations: { id: number; capacityMw: number }[];
  communities: Map<number, CommunityEntry>;
  enterpriseNames: Map<number, string>;
  sourceCapacityMw: number;
};

/** one scope's registry side: the answer in use, and the one being loaded */
type Slot = { ready?: Directory; loading?: { key: number; value: Promise<Directory> } };

export function createLiveOverviewService(deps: LiveOverviewDeps) {
  const { store, registry } = deps;
  const now = deps.now ?? Date.now;
  const directories = new Map<string, Slot>();
  const answers = new Map<string, { until: number; value: Promise<LiveOverview> }>();
  /** household → community, city-wide, for the households that ever reported (dropped on any registry write) */
  let householdCommunity = { key: -1, map: new Map<number, number>() };

  async function loadDirectory(scope: Scope, key: number): Promise<Directory> {
    const stations: Directory['stations'] = [];
    for await (const s of registry.scan(scope, 'stations'))
      stations.push({ id: s.id, capacityMw: s.capacityMw });
    const communities = new Map<number, CommunityEntry>();
    for await (const c of registry.scan(scope, 'communities'))
      communities.set(c.id, { name: c.name, enterpriseId: c.enterpriseId });
    const enterpriseNames = new Map<number, string>();
    for await (const e of registry.scan(scope, 'enterprises')) enterpriseNames.set(e.id, e.name);
    let sourceCapacityMw = 0;
    for await (const h of registry.scan(scope, 'heat-sources')) sourceCapacityMw += h.capacityMw;
    const own = scope.enterpriseId;
    return {
      key,
      until: now() + DIRECTORY_MS,
      enterprise: own === null ? null : { id: own, name: enterpriseNames.get(own) ?? '' },
      stations,
      communities,
      enterpriseNames,
      sourceCapacityMw,
    };
  }

  function reload(scope: Scope, key: number, slot: Slot): Promise<Directory> {
    if (slot.loading?.key === key) return slot.loading.value;
    const loading = {
      key,
      value: loadDirectory(scope, key).then((d) => {
        if (!slot.ready || slot.ready.key <= d.key) slot.ready = d;
        return d;
      }),
    };
    slot.loading = loading;
    const done = () => {
      if (slot.loading === loading) delete slot.loading;
    };
    loading.value.then(done, done);
    return loading.value;
  }

  /**
   * The scope's stations, communities and names: reloaded at once after a registry write of this process; past
   * DIRECTORY_MS still answered while a fresh one loads (writes of other processes; ~1 s at city scale).
   */
  async function directory(scope: Scope): Promise<Directory> {
    const id = String(scope.enterpriseId ?? 'city');
    const key = registry.writeCount();
    let slot = directories.get(id);
    if (!slot) directories.set(id, (slot = {}));
    const ready = slot.ready;
    if (ready?.key === key) {
      if (ready.until <= now()) reload(scope, key, slot).catch(() => undefined);
      return ready;
    }
    return reload(scope, key, slot);
  }

  /** The community of each household (city-wide; a scope keeps only its own communities afterwards). */
  async function communitiesOf(householdIds: readonly number[]): Promise<Map<number, number>> {
    const key = registry.writeCount();
    if (householdCommunity.key !== key) householdCommunity = { key, map: new Map() };
    const { map } = householdCommunity;
    const missing = householdIds.filter((id) => !map.has(id));
    for (let i = 0; i < missing.length; i += ID_CHUNK) {
      for (const h of await registry.findByIds(CITY_SCOPE, 'households', missing.slice(i, i + ID_CHUNK)))
        map.set(h.id, h.communityId);
    }
    return map;
  }

  async function compute(scope: Scope): Promise<LiveOverview> {
    const [dir, stationLatest, householdLatest] = await Promise.all([
      directory(scope),
      store.latest('station'),
      store.latest('household'),
    ]);
    const at = now();
    const t = { now: at, staleMs: deps.staleMs, offlineMs: deps.offlineMs };
    const live = summariseStations(dir.stations, stationLatest as ReadonlyMap<number, LatestPoints>, t);
    const freshIds = [...householdLatest]
      .filter(([, r]) => r.points.indoorTemp !== undefined && at - r.points.indoorTemp.ts < deps.staleMs)
      .map(([id]) => id);
    const community = await communitiesOf(freshIds);
    const readings = freshIds.flatMap((id) => {
      const point = householdLatest.get(id)?.points.indoorTemp;
      const communityId = community.get(id);
      return point && communityId !== undefined ? [{ communityId, value: point.value, ts: point.ts }] : [];
    });
    return {
      at: new Date(at).toISOString(),
      timeZone: deps.timeZone,
      enterprise: dir.enterprise,
      stations: live.stations,
      indoor: summariseIndoor(readings, dir.communities, dir.enterpriseNames, deps.indoorStandard, t),
      heatLoad: {
        loadMw: live.loadMw,
        reportingStations: live.reportingStations,
        sourceCapacityMw: dir.sourceCapacityMw,
        stationCapacityMw: live.stationCapacityMw,
      },
      ...(await outdoorOf(live.outdoorTempC, at)),
    };
  }

  /** the stations' mean, else the fallback (the weather store), with where it came from */
  async function outdoorOf(measured: number | null, at: number) {
    if (measured !== null) return { outdoorTempC: measured, outdoorSource: 'stations' as const };
    const fallback = (await deps.fallbackOutdoor?.(at)) ?? null;
    return { outdoorTempC: fallback, outdoorSource: fallback === null ? null : ('weather' as const) };
  }

  return {
    /** The live figures of the caller's scope (an enterprise user: its own stations and communities only). */
    async live(actor: Actor): Promise<LiveOverview> {
      const scope = scopeOf(actor);
      const id = String(scope.enterpriseId ?? 'city');
      const hit = answers.get(id);
      if (hit && hit.until > now()) return hit.value;
      const value = compute(scope);
      answers.set(id, { until: now() + ANSWER_MS, value });
      value.catch(() => {
        if (answers.get(id)?.value === value) answers.delete(id);
      });
      return value;
    },
  };
}
export type LiveOverviewService = ReturnType<typeof createLiveOverviewService>;
