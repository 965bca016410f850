// The simulator's targets: the stations (with their physics state) and the households with an indoor sensor,
// loaded from the registry, and the faults planned onto them.
import type { MetricKey } from '@hearth/contracts/telemetry';
import type { Container } from '../../container.ts';
import { CITY_SCOPE } from '../auth/actor.ts';
import { createRng, type Rng } from '../demo-city/prng.ts';
import type { FaultPlan } from './faults.ts';
import { designLoadKw, type DesignConditions } from '../weather/compensation.rules.ts';
import { initialStationState, type StationOutput, type StationParams, type StationState } from './physics.ts';
import type { SimDevice } from './transport.ts';
import { LOCAL_OFFSET_MS } from './weather.ts';

export type Station = {
  id: number;
  code: string;
  params: StationParams;
  state: StationState;
  /** the operator's steady deviation from the curve, ℃ */
  bias: number;
  rng: Rng;
  output: StationOutput | null;
  lastSimMs: number;
  device: SimDevice | null;
  offline: boolean;
  leak: boolean;
  shortfall: number;
  stuck: MetricKey | null;
};

export type Household = {
  id: number;
  code: string;
  station: Station;
  /** room position relative to the station's representative room (top floor colder, middle warmer), K */
  offset: number;
  /** which station step of each household interval it reports on (spreads the load) */
  slot: number;
  stuck: boolean;
  rng: Rng;
  device: SimDevice | null;
};

/** A stable uniform number in [0, 1) per (seed, id), independent of scan order. */
function hashUnit(seed: number, id: number): number {
  let h = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((seed + 0x632be5ab) | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Heat already metered this season when no register is stored yet: a mean load of 55 % since 11-15. */
function seasonHeatSoFar(designKw: number, nowMs: number): number {
  const local = new Date(nowMs + LOCAL_OFFSET_MS);
  let start = Date.UTC(local.getUTCFullYear(), 10, 15) - LOCAL_OFFSET_MS;
  if (nowMs < start) start = Date.UTC(local.getUTCFullYear() - 1, 10, 15) - LOCAL_OFFSET_MS;
  const days = Math.min(121, (nowMs - start) / 86_400_000);
  return (designKw * 0.55 * days * 86_400) / 1e6;
}

export async function loadStations(
  container: Container,
  design: DesignConditions,
  seed: number,
  outdoorTemp: number,
  startMs: number,
): Promise<Station[]> {
  const registers = await container.telemetryStore.latest('station');
  const stations: Station[] = [];
  for await (const item of container.registry.scan(CITY_SCOPE, 'stations')) {
    const id = item.id;
    const rng = createRng(seed, 100_000 + id);
    const area = item.servedAreaM2;
    const designSupply = item.designSupplyTemp;
    const designReturn = item.designReturnTemp;
    const params: StationParams = {
      designLoadKw: area > 0 ? designLoadKw(area, design.heatIndex) : item.capacityMw * 800,
      designSupply,
      designReturn,
      primaryDesignSupply: Math.max(130, designSupply + 20),
      primaryDesignReturn: Math.max(70, designReturn + 10),
      lossFactor: rng.float(0.82, 0.92),
      primaryStatic: rng.float(0.28, 0.35),
      primaryDp: rng.float(0.4, 0.55),
      secondaryStatic: rng.float(0.26, 0.32),
      secondaryDp: rng.float(0.08, 0.15),
      makeupRatio: rng.float(0.005, 0.01),
    };
    const state = initialStationState(params, outdoorTemp, design);
    const stored = registers.get(id)?.points.heatTotal?.value ?? 0;
    state.heatTotal = Math.max(stored, seasonHeatSoFar(params.designLoadKw, startMs));
    stations.push({
      id,
      code: item.code,
      params,
      state,
      bias: Math.max(-1.5, Math.min(1.5, rng.normal(0, 0.6))),
      rng,
      output: null,
      lastSimMs: startMs,
      device: null,
      offline: false,
      leak: false,
      shortfall: 0,
      stuck: null,
    });
  }
  return stations;
}

/**
 * Households with an indoor sensor: per community ⌈count × share⌉ (share lowered to respect the cap),
 * chosen by a seeded hash; top- and ground-floor rooms count double, as sampling rules ask for them.
 */
export async function sampleHouseholds(
  container: Container,
  stationsById: Map<number, Station>,
  seed: number,
  share: number,
  cap: number,
  /** exactly these households (the demo city's sensed ones), whatever share and cap say */
  only?: ReadonlySet<number>,
): Promise<{ id: number; code: string; station: Station; position: 'top' | 'ground' | 'middle' }[]> {
  const communities = new Map<number, { station: Station; quota: number }>();
  let total = 0;
  const counts: { id: number; station: Station; count: number }[] = [];
  for await (const c of container.registry.scan(CITY_SCOPE, 'communities')) {
    const station = c.stationId === null ? undefined : stationsById.get(c.stationId);
    const count = c.householdCount;
    total += count;
    if (station) counts.push({ id: c.id, station, count });
  }
  const effective = only ? 1 : total === 0 ? 0 : Math.min(share, cap / total);
  if (effective <= 0) return [];
  for (const c of counts)
    communities.set(c.id, { station: c.station, quota: Math.ceil(c.count * effective) });
  const floors = new Map<number, number>();
  for await (const b of container.registry.scan(CITY_SCOPE, 'buildings')) floors.set(b.id, b.floors);

  type Candidate = {
    u: number;
    id: number;
    code: string;
    station: Station;
    position: 'top' | 'ground' | 'middle';
  };
  const best = new Map<number, Candidate[]>();
  for await (const h of container.registry.scan(CITY_SCOPE, 'households')) {
    const communityId = h.communityId;
    const community = communities.get(communityId);
    if (!community || (only && !only.has(h.id))) continue;
    const id = h.id;
    const floor = h.floor;
    const top = h.buildingId === null ? undefined : floors.get(h.buildingId);
    const position =
      floor === null
        ? 'middle'
        : floor <= 1
          ? 'ground'
          : top !== undefined && floor >= top
            ? 'top'
            : 'middle';
    const u = hashUnit(seed, id) / (position === 'middle' ? 1 : 2);
    let list = best.get(communityId);
    if (!list) best.set(communityId, (list = []));
    if (list.length >= community.quota && u >= (list[list.length - 1] as Candidate).u) continue;
    let at = list.length;
    while (at > 0 && (list[at - 1] as Candidate).u > u) at--;
    list.splice(at, 0, { u, id, code: h.code, station: community.station, position });
    if (list.length > community.quota) list.pop();
  }
  return [...best.values()]
    .flat()
    .sort((a, b) => a.u - b.u)
    .slice(0, only ? only.size : cap)
    .sort((a, b) => a.id - b.id);
}

/** Marks the planned faults on the stations. */
export function applyStationFaults(stationsById: Map<number, Station>, plan: FaultPlan): void {
  for (const id of plan.leak) (stationsById.get(id) as Station).leak = true;
  for (const id of plan.offline) (stationsById.get(id) as Station).offline = true;
  for (const u of plan.underheat) (stationsById.get(u.stationId) as Station).shortfall = u.shortfall;
  for (const s of plan.stuck) (stationsById.get(s.stationId) as Station).stuck = s.metric;
}

/**
 * The sampled households as simulated rooms: a seeded offset from the station's representative room by
 * position, and the station step of each household interval they report on (`slots` of them, spread).
 */
export function buildHouseholds(
  sample: Awaited<ReturnType<typeof sampleHouseholds>>,
  plan: FaultPlan,
  seed: number,
  slots: number,
): Household[] {
  const stuckHouseholds = new Set(plan.stuckHouseholds);
  return sample.map((h, i) => {
    const rng = createRng(seed, 1_000_000 + h.id);
    const offset =
      h.position === 'top'
        ? rng.float(-0.3, 0.3)
        : h.position === 'ground'
          ? rng.float(-0.2, 0.4)
          : rng.float(0.3, 1.5);
    return { ...h, offset, slot: i % slots, stuck: stuckHouseholds.has(h.id), rng, device: null };
  });
}
