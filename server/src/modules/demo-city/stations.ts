// Planning step 3: the heat-exchange stations around each heat source (counts by the city's energy mix,
// households log-normal), each planned together with its communities and buildings; and their rows.
import type { HeatSourceType } from '@hearth/contracts/registry';
import {
  address,
  at,
  nearestDistrict,
  pad,
  type BuildingPlan,
  type CommunityPlan,
  type ScaleShape,
  type SourcePlan,
  type StationPlan,
} from './city-plan.ts';
import { createEstate, planCommunities } from './communities.ts';
import { pointInRing } from './geo.ts';
import type { District } from './names.data.ts';
import { apportion, type Rng } from './prng.ts';
import type { SeedTable } from './seed-table.ts';

/** Share of stations (hence of capacity) by type: a northern city's energy mix, CHP about half. */
const STATION_SHARE: Record<HeatSourceType, number> = {
  chp: 0.5,
  gas_boiler: 0.28,
  coal_boiler: 0.07,
  geothermal: 0.05,
  heat_pump: 0.04,
  electric: 0.03,
  waste_heat: 0.03,
};

export type StationLayout = {
  stations: StationPlan[];
  communities: CommunityPlan[];
  buildings: BuildingPlan[];
  /** households planned in all */
  households: number;
};

/** Stations per heat source: the type's share spread over the sources of that type, with some noise. */
function stationCounts(rng: Rng, shape: ScaleShape, sources: readonly SourcePlan[]): number[] {
  const perType = new Map<HeatSourceType, number>();
  for (const s of sources) perType.set(s.type, (perType.get(s.type) ?? 0) + 1);
  const weights = sources.map(
    (s) => (STATION_SHARE[s.type] / (perType.get(s.type) ?? 1)) * rng.logNormal(1, 0.25),
  );
  return apportion(shape.stations, weights, 1);
}

function placeStation(
  rng: Rng,
  districts: readonly District[],
  source: SourcePlan,
  radiusKm: number,
  id: number,
  households: number,
): StationPlan {
  const where = pointInRing(source, 0.3, radiusKm, rng.next(), rng.next());
  const district = nearestDistrict(districts, where.lon, where.lat);
  return {
    id,
    code: `ST-${pad(id, 5)}`,
    name: '',
    enterpriseId: source.enterpriseId,
    heatSourceId: source.id,
    capacityMw: 0,
    designSupplyTemp: 0,
    designReturnTemp: 0,
    servedAreaCm: 0,
    lon: where.lon,
    lat: where.lat,
    address: address(rng, district),
    households,
    communityIds: [],
  };
}

/** Places every station, then its communities and their buildings, numbering households consecutively. */
export function planStations(
  rng: Rng,
  shape: ScaleShape,
  districts: readonly District[],
  sources: readonly SourcePlan[],
): StationLayout {
  const counts = stationCounts(rng, shape, sources);
  const stationHouseholds = apportion(
    shape.households,
    Array.from({ length: shape.stations }, () => rng.logNormal(1, 0.35)),
    1,
  );
  const stations: StationPlan[] = [];
  const estate = createEstate();
  for (const source of sources) {
    const n = counts[source.id - 1] ?? 0;
    const radiusKm = 0.6 + 0.55 * Math.sqrt(n);
    for (let k = 0; k < n; k++) {
      const id = stations.length + 1;
      const station = placeStation(rng, districts, source, radiusKm, id, stationHouseholds[id - 1] ?? 0);
      stations.push(station);
      source.stationIds.push(id);
      planCommunities(rng, districts, station, estate);
      station.name = `${at(estate.communities, at(station.communityIds, 0) - 1).name}换热站`;
    }
  }
  const { communities, buildings, nextHousehold } = estate;
  return { stations, communities, buildings, households: nextHousehold - 1 };
}

export function stationTable(stations: readonly StationPlan[], now: string): SeedTable {
  return {
    phase: '换热站 stations',
    table: 'stations',
    columns: [
      'id',
      'code',
      'name',
      'enterprise_id',
      'heat_source_id',
      'capacity_mw',
      'design_supply_temp',
      'design_return_temp',
      'served_area_m2',
      'lon',
      'lat',
      'address',
      'created_at',
      'updated_at',
    ],
    rows: stations.map((s) => [
      s.id,
      s.code,
      s.name,
      s.enterpriseId,
      s.heatSourceId,
      s.capacityMw,
      s.designSupplyTemp,
      s.designReturnTemp,
      s.servedAreaCm / 100,
      s.lon,
      s.lat,
      s.address,
      now,
      now,
    ]),
  };
}
