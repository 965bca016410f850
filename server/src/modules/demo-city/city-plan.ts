// The in-memory plan of the demo city (enterprises, heat sources, stations, communities, buildings, with ids)
// that the planning steps fill in, and the small helpers they share.
import type { HeatSourceType } from '@hearth/contracts/registry';
import type { LonLat } from './geo.ts';
import { STREETS, type District } from './names.data.ts';
import type { Rng } from './prng.ts';

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

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

export function nearestDistrict(districts: readonly District[], lon: number, lat: number): District {
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

export function address(rng: Rng, district: District): string {
  return `${district.name}${rng.pick(STREETS)}${rng.int(1, 388)}号`;
}
