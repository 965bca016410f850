// Plans the demo city in memory: enterprises, heat sources, stations, communities, buildings, with ids.
import type { HeatSourceType } from '@hearth/contracts/registry';
import { pointInRing, round1, type LonLat } from './geo.ts';
import {
  CITY_GROUP_NAME,
  DISTRICTS,
  NameBook,
  SOURCE_TYPE_WORDS,
  STREETS,
  WASTE_HEAT_HOSTS,
  communityBaseName,
  enterpriseBaseName,
  ordinal,
  type District,
} from './names.ts';
import { apportion, createRng, type Rng } from './prng.ts';

export type ScaleShape = {
  enterprises: number;
  heatSources: number;
  stations: number;
  households: number;
  /** how many districts of DISTRICTS (central first) the city spans */
  districts: number;
};

export type EnterprisePlan = {
  id: number;
  code: string;
  name: string;
  type: 'heating' | 'source' | 'integrated';
  licenseNo: string;
  hotline: string;
  address: string;
  district: District;
  /** relative size, used to pick owners */
  weight: number;
  /** share of its households that paid this season */
  paidRate: number;
  sourceIds: number[];
};

export type SourcePlan = LonLat & {
  id: number;
  code: string;
  name: string;
  enterpriseId: number;
  type: HeatSourceType;
  fuel: string;
  capacityMw: number;
  address: string;
  district: District;
  stationIds: number[];
};

export type StationPlan = LonLat & {
  id: number;
  code: string;
  name: string;
  enterpriseId: number;
  heatSourceId: number;
  capacityMw: number;
  designSupplyTemp: number;
  designReturnTemp: number;
  /** centi-m², summed exactly as integers */
  servedAreaCm: number;
  address: string;
  households: number;
  communityIds: number[];
};

export type CommunityPlan = LonLat & {
  id: number;
  code: string;
  name: string;
  enterpriseId: number;
  stationId: number;
  district: string;
  address: string;
  legacy: boolean;
  builtYear: number;
  householdCount: number;
  /** centi-m² */
  areaCm: number;
  paidCount: number;
  vulnerableCount: number;
  firstBuilding: number;
  buildingCount: number;
};

export type BuildingType = 'residential_saving' | 'residential_legacy' | 'public';

export type BuildingPlan = {
  id: number;
  code: string;
  name: string;
  enterpriseId: number;
  communityId: number;
  type: BuildingType;
  floors: number;
  units: number;
  perFloor: number;
  builtYear: number;
  households: number;
  /** id of its first household; its households are consecutive */
  firstHousehold: number;
};

export type CityPlan = {
  enterprises: EnterprisePlan[];
  sources: SourcePlan[];
  stations: StationPlan[];
  communities: CommunityPlan[];
  buildings: BuildingPlan[];
  households: number;
  districts: readonly District[];
};

/** Share of the number of heat sources by type (many small clean sources, few large CHP plants). */
const SOURCE_COUNT_SHARE: Record<HeatSourceType, number> = {
  chp: 0.05,
  coal_boiler: 0.08,
  gas_boiler: 0.3,
  geothermal: 0.2,
  heat_pump: 0.17,
  electric: 0.12,
  waste_heat: 0.08,
};
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
const SOURCE_TYPES = Object.keys(SOURCE_COUNT_SHARE) as HeatSourceType[];

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

function nearestDistrict(districts: readonly District[], lon: number, lat: number): District {
  let best = at(districts, 0);
  let bestD = Infinity;
  for (const d of districts) {
    // district centres are close together: a flat-earth comparison is enough
    const dx = (d.lon - lon) * 0.776;
    const dy = d.lat - lat;
    const dist = dx * dx + dy * dy;
    if (dist < bestD) {
      bestD = dist;
      best = d;
    }
  }
  return best;
}

function address(rng: Rng, district: District): string {
  return `${district.name}${rng.pick(STREETS)}${rng.int(1, 388)}号`;
}

function fuelFor(rng: Rng, type: HeatSourceType): string {
  switch (type) {
    case 'chp':
      return rng.chance(0.75) ? 'coal' : 'gas';
    case 'coal_boiler':
      return 'coal';
    case 'gas_boiler':
      return 'gas';
    case 'geothermal':
      return 'geothermal';
    case 'waste_heat':
      return 'waste_heat';
    default:
      return 'electricity';
  }
}

function sourceTypeList(rng: Rng, count: number): HeatSourceType[] {
  const counts = apportion(
    count,
    SOURCE_TYPES.map((t) => SOURCE_COUNT_SHARE[t]),
  );
  // every city with two sources or more has at least one CHP plant and one gas boiler house
  const musts = [SOURCE_TYPES.indexOf('chp'), SOURCE_TYPES.indexOf('gas_boiler')];
  for (const must of musts) {
    if (count >= 2 && counts[must] === 0) {
      let donor = -1;
      for (let i = 0; i < counts.length; i++) {
        if (musts.includes(i)) continue;
        if (donor < 0 || (counts[i] ?? 0) > (counts[donor] ?? 0)) donor = i;
      }
      counts[donor] = (counts[donor] ?? 0) - 1;
      counts[must] = 1;
    }
  }
  const list: HeatSourceType[] = [];
  SOURCE_TYPES.forEach((t, i) => {
    for (let k = 0; k < (counts[i] ?? 0); k++) list.push(t);
  });
  rng.shuffle(list);
  // the first source belongs to the city group: make it a CHP plant
  const chp = list.indexOf('chp');
  if (chp > 0) [list[0], list[chp]] = [list[chp] as HeatSourceType, list[0] as HeatSourceType];
  return list;
}

function planEnterprises(rng: Rng, shape: ScaleShape, districts: readonly District[]): EnterprisePlan[] {
  const homes: District[] = [at(districts, 0)];
  const perDistrict = apportion(
    shape.enterprises - 1,
    districts.map((d) => d.weight),
  );
  districts.forEach((d, i) => {
    for (let k = 0; k < (perDistrict[i] ?? 0); k++) homes.push(d);
  });
  return homes.map((district, i) => ({
    id: i + 1,
    code: `EN-${pad(i + 1, 3)}`,
    name: '',
    type: 'heating',
    licenseNo: `津热许字〔${rng.int(2015, 2023)}〕第${pad(i + 1, 3)}号`,
    hotline: `022-${rng.int(23000000, 28999999)}`,
    address: address(rng, district),
    district,
    weight: i === 0 ? 6 : rng.logNormal(1, 0.6),
    paidRate: rng.float(0.85, 0.95),
    sourceIds: [],
  }));
}

function nameEnterprises(rng: Rng, enterprises: EnterprisePlan[], sources: SourcePlan[]): void {
  const taken = new Set<string>();
  for (const e of enterprises) {
    const types = e.sourceIds.map((id) => at(sources, id - 1).type);
    if (e.id === 1 || types.includes('chp')) e.type = 'integrated';
    else if (
      types.every((t) => t === 'geothermal' || t === 'waste_heat' || t === 'heat_pump') &&
      rng.chance(0.5)
    )
      e.type = 'source';
    else e.type = rng.chance(0.65) ? 'heating' : 'integrated';
    let name = e.id === 1 ? CITY_GROUP_NAME : enterpriseBaseName(rng, e.district, e.type, true);
    for (let attempt = 0; taken.has(name) && attempt < 30; attempt++) {
      name = enterpriseBaseName(rng, e.district, e.type, false);
    }
    if (taken.has(name)) name = name.replace(/有限公司$/, `第${ordinal(e.id)}有限公司`);
    taken.add(name);
    e.name = name;
  }
}

function planSources(
  rng: Rng,
  shape: ScaleShape,
  districts: readonly District[],
  enterprises: EnterprisePlan[],
): SourcePlan[] {
  const types = sourceTypeList(rng, shape.heatSources);
  const central = districts.filter((d) => d.central);
  const byDistrict = new Map<string, EnterprisePlan[]>();
  for (const e of enterprises.slice(1)) {
    const list = byDistrict.get(e.district.name) ?? [];
    list.push(e);
    byDistrict.set(e.district.name, list);
  }
  const group = at(enterprises, 0);
  const book = new NameBook();
  const placeUse = new Map<string, number>();
  const sources: SourcePlan[] = [];
  for (let k = 0; k < types.length; k++) {
    const type = at(types, k);
    let district: District;
    let owner: EnterprisePlan;
    if (k === 0) {
      district = rng.weighted(
        central,
        central.map((d) => d.weight),
      );
      owner = group;
    } else if (k < enterprises.length) {
      owner = at(enterprises, k);
      district = owner.district;
    } else {
      district = rng.weighted(
        districts,
        districts.map((d) => d.weight),
      );
      const local = byDistrict.get(district.name) ?? nearestOwners(districts, byDistrict, district);
      const candidates = district.central ? [group, ...local] : local;
      owner =
        type === 'chp' && district.central && rng.chance(0.7)
          ? group
          : rng.weighted(
              candidates,
              candidates.map((e) => e.weight),
            );
    }
    const where = pointInRing(district, 0, district.radiusKm * 0.9, rng.next(), rng.next());
    // cycle through the district's places so neighbouring sources get different names
    const used = placeUse.get(district.name) ?? rng.int(0, district.places.length - 1);
    placeUse.set(district.name, used + 1);
    const place =
      type === 'waste_heat' ? rng.pick(WASTE_HEAT_HOSTS) : at(district.places, used % district.places.length);
    const word = SOURCE_TYPE_WORDS[type] ?? '热源';
    const id = k + 1;
    sources.push({
      id,
      code: `HS-${pad(id, 4)}`,
      name: book.take(place + word, (_b, n) => `${place}第${ordinal(n)}${word}`),
      enterpriseId: owner.id,
      type,
      fuel: fuelFor(rng, type),
      capacityMw: 0,
      lon: where.lon,
      lat: where.lat,
      address: address(rng, district),
      district,
      stationIds: [],
    });
    owner.sourceIds.push(id);
  }
  return sources;
}

function nearestOwners(
  districts: readonly District[],
  byDistrict: Map<string, EnterprisePlan[]>,
  from: District,
): EnterprisePlan[] {
  const withOwners = districts.filter((d) => byDistrict.has(d.name));
  if (withOwners.length === 0) return [];
  const near = nearestDistrict(withOwners, from.lon, from.lat);
  return byDistrict.get(near.name) ?? [];
}

const LEGACY_FLOORS = [5, 6, 6, 6, 7] as const;
const SAVING_FLOORS = [6, 6, 7, 11, 12, 15, 18, 18, 24, 26, 28, 30] as const;
const PUBLIC_NAMES = ['社区服务中心', '幼儿园', '配套公建', '商业楼', '卫生服务站'] as const;

function planBuildings(
  rng: Rng,
  community: CommunityPlan,
  buildings: BuildingPlan[],
  firstHousehold: number,
): number {
  const occupancy = rng.float(0.85, 1);
  const caps: number[] = [];
  const planned: Omit<BuildingPlan, 'households' | 'firstHousehold' | 'id' | 'code' | 'name'>[] = [];
  let total = 0;
  const base = { enterpriseId: community.enterpriseId, communityId: community.id };
  while (total * occupancy < community.householdCount || planned.length === 0) {
    const legacy = community.legacy;
    const floors = legacy ? rng.pick(LEGACY_FLOORS) : rng.pick(SAVING_FLOORS);
    const units = legacy ? rng.int(2, 5) : rng.int(1, 3);
    const perFloor = legacy ? rng.int(2, 3) : rng.pick([2, 2, 3, 4]);
    const builtYear = Math.min(
      legacy ? 2000 : 2024,
      Math.max(legacy ? 1978 : 2001, community.builtYear + rng.int(-2, 2)),
    );
    planned.push({
      ...base,
      type: legacy ? 'residential_legacy' : 'residential_saving',
      floors,
      units,
      perFloor,
      builtYear,
    });
    caps.push(floors * units * perFloor);
    total += floors * units * perFloor;
  }
  if (rng.chance(0.12)) {
    const floors = rng.int(2, 4);
    const perFloor = rng.int(1, 2);
    planned.push({ ...base, type: 'public', floors, units: 1, perFloor, builtYear: community.builtYear });
    caps.push(floors * perFloor);
  }
  const counts = apportion(community.householdCount, caps);
  community.firstBuilding = buildings.length + 1;
  community.buildingCount = planned.length;
  let next = firstHousehold;
  let residential = 0;
  planned.forEach((p, i) => {
    const id = buildings.length + 1;
    const households = Math.min(counts[i] ?? 0, caps[i] ?? 0);
    const name = p.type === 'public' ? rng.pick(PUBLIC_NAMES) : `${++residential}号楼`;
    buildings.push({ ...p, id, code: `BD-${pad(id, 7)}`, name, households, firstHousehold: next });
    next += households;
  });
  return next;
}

/** Lays out the whole city except the figures that depend on household areas (see `applyCapacities`). */
export function planCity(shape: ScaleShape, seed: number): CityPlan {
  const rng = createRng(seed, 1);
  const districts = DISTRICTS.slice(0, Math.max(1, Math.min(DISTRICTS.length, shape.districts)));
  const enterprises = planEnterprises(rng, shape, districts);
  const sources = planSources(rng, shape, districts, enterprises);
  nameEnterprises(rng, enterprises, sources);

  const stationCounts = apportion(
    shape.stations,
    (() => {
      const perType = new Map<HeatSourceType, number>();
      for (const s of sources) perType.set(s.type, (perType.get(s.type) ?? 0) + 1);
      return sources.map(
        (s) => (STATION_SHARE[s.type] / (perType.get(s.type) ?? 1)) * rng.logNormal(1, 0.25),
      );
    })(),
    1,
  );
  const stationHouseholds = apportion(
    shape.households,
    Array.from({ length: shape.stations }, () => rng.logNormal(1, 0.35)),
    1,
  );

  const stations: StationPlan[] = [];
  const communities: CommunityPlan[] = [];
  const buildings: BuildingPlan[] = [];
  const communityNames = new NameBook();
  let nextHousehold = 1;
  for (const source of sources) {
    const n = stationCounts[source.id - 1] ?? 0;
    const radiusKm = 0.6 + 0.55 * Math.sqrt(n);
    for (let k = 0; k < n; k++) {
      const id = stations.length + 1;
      const where = pointInRing(source, 0.3, radiusKm, rng.next(), rng.next());
      const households = stationHouseholds[id - 1] ?? 0;
      const district = nearestDistrict(districts, where.lon, where.lat);
      const station: StationPlan = {
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
      stations.push(station);
      source.stationIds.push(id);

      const nCommunities =
        households >= 200 ? rng.int(4, 6) : Math.max(1, Math.min(3, Math.floor(households / 40)));
      const perCommunity = apportion(
        households,
        Array.from({ length: nCommunities }, () => rng.logNormal(1, 0.5)),
        1,
      );
      for (let c = 0; c < nCommunities; c++) {
        const cid = communities.length + 1;
        const spot = pointInRing(station, 0.1, 0.6, rng.next(), rng.next());
        const cd = nearestDistrict(districts, spot.lon, spot.lat);
        const legacy = rng.chance(cd.legacyShare);
        const name = communityNames.take(
          communityBaseName(rng, rng.pick(cd.places), legacy),
          (b, m) => `${b}${ordinal(m)}期`,
        );
        const community: CommunityPlan = {
          id: cid,
          code: `CM-${pad(cid, 6)}`,
          name,
          enterpriseId: source.enterpriseId,
          stationId: id,
          district: cd.name,
          address: address(rng, cd),
          lon: spot.lon,
          lat: spot.lat,
          legacy,
          builtYear: legacy ? rng.int(1980, 2000) : rng.int(2001, 2024),
          householdCount: perCommunity[c] ?? 0,
          areaCm: 0,
          paidCount: 0,
          vulnerableCount: 0,
          firstBuilding: 0,
          buildingCount: 0,
        };
        communities.push(community);
        station.communityIds.push(cid);
        nextHousehold = planBuildings(rng, community, buildings, nextHousehold);
      }
      station.name = `${at(communities, at(station.communityIds, 0) - 1).name}换热站`;
    }
  }
  return { enterprises, sources, stations, communities, buildings, households: nextHousehold - 1, districts };
}

/**
 * Sets the figures that follow from the community areas (see `drawHouseholds`): station served area,
 * capacity and design temperatures, source capacity.
 */
export function applyCapacities(plan: CityPlan, seed: number): void {
  const rng = createRng(seed, 4);
  for (const station of plan.stations) {
    let area = 0;
    let legacyArea = 0;
    let yearWeighted = 0;
    for (const cid of station.communityIds) {
      const c = at(plan.communities, cid - 1);
      area += c.areaCm;
      if (c.legacy) legacyArea += c.areaCm;
      yearWeighted += c.builtYear * c.areaCm;
    }
    station.servedAreaCm = area;
    const legacyShare = area > 0 ? legacyArea / area : 0;
    const meanYear = area > 0 ? yearWeighted / area : 2000;
    // W/m²: older building stock needs more heat per m² (SPEC §5 heat indices)
    const heatIndex = Math.min(60, Math.max(45, 45 + 15 * legacyShare + rng.normal(0, 2)));
    station.capacityMw = Math.max(0.1, round1(((area / 100) * heatIndex) / 1e6));
    if (legacyShare > 0.5) [station.designSupplyTemp, station.designReturnTemp] = [85, 60];
    else if (meanYear >= 2012 && rng.chance(0.6))
      [station.designSupplyTemp, station.designReturnTemp] = [60, 45];
    else [station.designSupplyTemp, station.designReturnTemp] = [75, 50];
  }
  for (const source of plan.sources) {
    let sum = 0;
    for (const sid of source.stationIds) sum += at(plan.stations, sid - 1).capacityMw;
    // rounded up so the margin never drops below 5 %
    source.capacityMw = Math.ceil(sum * rng.float(1.05, 1.3) * 10) / 10;
  }
}

export { at };
