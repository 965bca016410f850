// Planning step 5: the buildings of a community (old walk-ups or new towers, now and then a public building),
// its households spread over them with consecutive ids; and the buildings' rows.
import { pad, type BuildingPlan, type CommunityPlan } from './city-plan.ts';
import { apportion, type Rng } from './prng.ts';
import type { SeedTable } from './seed-table.ts';

const LEGACY_FLOORS = [5, 6, 6, 6, 7] as const;
const SAVING_FLOORS = [6, 6, 7, 11, 12, 15, 18, 18, 24, 26, 28, 30] as const;
const PUBLIC_NAMES = ['社区服务中心', '幼儿园', '配套公建', '商业楼', '卫生服务站'] as const;

/** Plans the community's buildings after `buildings`; returns the id of the next household. */
export function planBuildings(
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

export function buildingTable(buildings: readonly BuildingPlan[], now: string): SeedTable {
  return {
    phase: '楼栋 buildings',
    table: 'buildings',
    columns: [
      'id',
      'code',
      'name',
      'enterprise_id',
      'community_id',
      'type',
      'floors',
      'built_year',
      'created_at',
      'updated_at',
    ],
    rows: buildings.map((b) => [
      b.id,
      b.code,
      b.name,
      b.enterpriseId,
      b.communityId,
      b.type,
      b.floors,
      b.builtYear,
      now,
      now,
    ]),
  };
}
