// Planning step 7 (after the household draws): station served area, capacity and design temperatures, and
// source capacity, from the heated areas of the communities.
import { round1 } from './geo.ts';
import { at, type CityPlan } from './city-plan.ts';
import { createRng } from './prng.ts';

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
