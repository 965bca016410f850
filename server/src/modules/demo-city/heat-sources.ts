// Planning step 2: the heat sources (a northern city's mix of types), their owners and places; and their rows.
import type { HeatSourceType } from '@hearth/contracts/registry';
import {
  address,
  at,
  nearestDistrict,
  pad,
  type EnterprisePlan,
  type ScaleShape,
  type SourcePlan,
} from './city-plan.ts';
import { pointInRing } from './geo.ts';
import { SOURCE_TYPE_WORDS, WASTE_HEAT_HOSTS, type District } from './names.data.ts';
import { NameBook, ordinal } from './names.ts';
import { apportion, type Rng } from './prng.ts';
import type { SeedTable } from './seed-table.ts';

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
const SOURCE_TYPES = Object.keys(SOURCE_COUNT_SHARE) as HeatSourceType[];

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
export function planSources(
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

export function sourceTable(sources: readonly SourcePlan[], now: string): SeedTable {
  return {
    phase: '热源 heat sources',
    table: 'heat_sources',
    columns: [
      'id',
      'code',
      'name',
      'enterprise_id',
      'type',
      'fuel',
      'capacity_mw',
      'lon',
      'lat',
      'address',
      'created_at',
      'updated_at',
    ],
    rows: sources.map((s) => [
      s.id,
      s.code,
      s.name,
      s.enterpriseId,
      s.type,
      s.fuel,
      s.capacityMw,
      s.lon,
      s.lat,
      s.address,
      now,
      now,
    ]),
  };
}
