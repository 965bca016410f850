// Planning step 4: the communities (residential estates) around a station, each with its buildings; and the
// communities' rows (their counters are set later from the household draws).
import {
  address,
  nearestDistrict,
  pad,
  type BuildingPlan,
  type CommunityPlan,
  type StationPlan,
} from './city-plan.ts';
import { planBuildings } from './buildings.ts';
import { pointInRing } from './geo.ts';
import type { District } from './names.data.ts';
import { NameBook, communityBaseName, ordinal } from './names.ts';
import { apportion, type Rng } from './prng.ts';
import type { SeedTable } from './seed-table.ts';

/** The communities and buildings planned so far, and the id of the next household. */
export type Estate = {
  communities: CommunityPlan[];
  buildings: BuildingPlan[];
  names: NameBook;
  nextHousehold: number;
};

export function createEstate(): Estate {
  return { communities: [], buildings: [], names: new NameBook(), nextHousehold: 1 };
}

/** Splits the station's households over 1–6 communities near it and plans their buildings. */
export function planCommunities(
  rng: Rng,
  districts: readonly District[],
  station: StationPlan,
  estate: Estate,
): void {
  const households = station.households;
  const nCommunities =
    households >= 200 ? rng.int(4, 6) : Math.max(1, Math.min(3, Math.floor(households / 40)));
  const perCommunity = apportion(
    households,
    Array.from({ length: nCommunities }, () => rng.logNormal(1, 0.5)),
    1,
  );
  for (let c = 0; c < nCommunities; c++) {
    const cid = estate.communities.length + 1;
    const spot = pointInRing(station, 0.1, 0.6, rng.next(), rng.next());
    const cd = nearestDistrict(districts, spot.lon, spot.lat);
    const legacy = rng.chance(cd.legacyShare);
    const name = estate.names.take(
      communityBaseName(rng, rng.pick(cd.places), legacy),
      (b, m) => `${b}${ordinal(m)}期`,
    );
    const community: CommunityPlan = {
      id: cid,
      code: `CM-${pad(cid, 6)}`,
      name,
      enterpriseId: station.enterpriseId,
      stationId: station.id,
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
    estate.communities.push(community);
    station.communityIds.push(cid);
    estate.nextHousehold = planBuildings(rng, community, estate.buildings, estate.nextHousehold);
  }
}

export function communityTable(communities: readonly CommunityPlan[], now: string): SeedTable {
  return {
    phase: '小区 communities',
    table: 'communities',
    columns: [
      'id',
      'code',
      'name',
      'enterprise_id',
      'station_id',
      'district',
      'address',
      'lon',
      'lat',
      'household_count',
      'heated_area_m2',
      'paid_count',
      'vulnerable_count',
      'created_at',
      'updated_at',
    ],
    rows: communities.map((c) => [
      c.id,
      c.code,
      c.name,
      c.enterpriseId,
      c.stationId,
      c.district,
      c.address,
      c.lon,
      c.lat,
      c.householdCount,
      c.areaCm / 100,
      c.paidCount,
      c.vulnerableCount,
      now,
      now,
    ]),
  };
}
