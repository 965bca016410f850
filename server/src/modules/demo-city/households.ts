// Household areas (drawn once into a typed array) and the streamed household rows of the demo city.
import type { DatabaseHandle } from '../../db/database.ts';
import type { CityPlan } from './city-plan.ts';
import { MASKED_OWNER_CUMULATIVE, MASKED_OWNER_NAMES } from './names.ts';
import { createRng } from './prng.ts';

/** 514 M m² over 5.89 M households (Tianjin 2020). */
export const TARGET_MEAN_AREA_M2 = 514e6 / 5.89e6;
const MIN_AREA_CM = 40 * 100;
const MAX_AREA_CM = 180 * 100;
/** log-space spread between buildings and between flats of one building */
const SIGMA_BUILDING = 0.18;
const SIGMA_FLAT = 0.15;
const LEGACY_MEDIAN = 64;
const PUBLIC_MEDIAN = 120;
const PUBLIC_SIGMA = 0.2;

export const HOUSEHOLD_COLUMNS = [
  'id',
  'code',
  'enterprise_id',
  'community_id',
  'building_id',
  'unit',
  'floor',
  'room',
  'owner_name',
  'area_m2',
  'billing',
  'paid_this_season',
  'vulnerable',
  'created_at',
  'updated_at',
] as const;

/** Per-household draws made before any row is written, so community counters are known up front. */
export type HouseholdDraws = {
  /** centi-m² by household id - 1: integers, so community and station totals are exact sums */
  areasCm: Int32Array;
  /** by household id - 1: bit 0 paid this season, bit 1 metered, bits 2–4 vulnerable category (1-based) */
  flags: Uint8Array;
};

const PAID = 1;
const METERED = 2;
const VULNERABLE_SHIFT = 2;
/** dibao 40 %, elderly_alone 30 %, disabled 20 %, tekun 10 % of vulnerable households */
const VULNERABLE_PICK = [1, 1, 1, 1, 4, 4, 4, 3, 3, 2] as const;

/**
 * Draws area, billing, payment and vulnerability of every household and sets the community counters
 * (household count, heated area, paid, vulnerable). The new-build median area is solved so the city
 * mean lands on the target whatever the mix of old and new buildings.
 */
export function drawHouseholds(plan: CityPlan, seed: number): HouseholdDraws {
  const rng = createRng(seed, 2);
  const next = rng.next;
  const { savingMedian, legacyMedian } = areaMedians(plan);
  const areasCm = new Int32Array(plan.households);
  const flags = new Uint8Array(plan.households);
  for (const c of plan.communities) {
    c.householdCount = 0;
    c.areaCm = 0;
    c.paidCount = 0;
    c.vulnerableCount = 0;
  }
  let drawn = 0;
  for (const b of plan.buildings) {
    const community = plan.communities[b.communityId - 1];
    const enterprise = plan.enterprises[b.enterpriseId - 1];
    if (!community || !enterprise) throw new Error(`building ${b.id} has no community or enterprise`);
    const isPublic = b.type === 'public';
    const isLegacy = b.type === 'residential_legacy';
    const median = isPublic ? PUBLIC_MEDIAN : isLegacy ? legacyMedian : savingMedian;
    const buildingMedian = rng.logNormal(median, isPublic ? PUBLIC_SIGMA : SIGMA_BUILDING);
    const sigma = isPublic ? PUBLIC_SIGMA : SIGMA_FLAT;
    // heat meters came with the energy-saving standards; public buildings are mostly metered
    const meteredP = isPublic ? 0.6 : isLegacy ? 0.02 : b.builtYear >= 2008 ? 0.3 : 0.1;
    const vulnerableP = isPublic ? 0 : isLegacy ? 0.045 : 0.02;
    let paid = 0;
    let vulnerable = 0;
    for (let h = b.firstHousehold; h < b.firstHousehold + b.households; h++) {
      const cm = Math.min(
        MAX_AREA_CM,
        Math.max(MIN_AREA_CM, Math.round(rng.logNormal(buildingMedian, sigma) * 100)),
      );
      areasCm[h - 1] = cm;
      drawn += cm;
      let f = next() < meteredP ? METERED : 0;
      let isVulnerable = false;
      if (next() < vulnerableP) {
        f |= (VULNERABLE_PICK[Math.floor(next() * VULNERABLE_PICK.length)] ?? 1) << VULNERABLE_SHIFT;
        isVulnerable = true;
        vulnerable++;
      }
      // subsidies keep nearly every vulnerable household paid up
      if (next() < (isVulnerable ? 0.97 : enterprise.paidRate)) {
        f |= PAID;
        paid++;
      }
      flags[h - 1] = f;
    }
    community.householdCount += b.households;
    community.paidCount += paid;
    community.vulnerableCount += vulnerable;
  }
  rescaleAreas(plan, areasCm, drawn);
  return { areasCm, flags };
}

/** Few large buildings can pull a small city's mean away from the target: rescales, keeping the spread. */
function rescaleAreas(plan: CityPlan, areasCm: Int32Array, drawn: number): void {
  const factor = plan.households > 0 ? (TARGET_MEAN_AREA_M2 * 100 * plan.households) / drawn : 1;
  const rescale = Math.abs(factor - 1) > 0.002;
  for (const b of plan.buildings) {
    let area = 0;
    for (let h = b.firstHousehold - 1; h < b.firstHousehold - 1 + b.households; h++) {
      let cm = areasCm[h] ?? 0;
      if (rescale) cm = Math.min(MAX_AREA_CM, Math.max(MIN_AREA_CM, Math.round(cm * factor)));
      areasCm[h] = cm;
      area += cm;
    }
    const community = plan.communities[b.communityId - 1];
    if (community) community.areaCm += area;
  }
}

/**
 * Median flat areas of new and old residential buildings, solved so the city mean lands on the target
 * whatever the mix of old and new buildings.
 */
function areaMedians(plan: CityPlan): { savingMedian: number; legacyMedian: number } {
  let legacy = 0;
  let pub = 0;
  for (const b of plan.buildings) {
    if (b.type === 'residential_legacy') legacy += b.households;
    else if (b.type === 'public') pub += b.households;
  }
  const total = Math.max(1, plan.households);
  const newBuilt = total - legacy - pub;
  const saving = Math.max(1, newBuilt);
  const spread = Math.exp((SIGMA_BUILDING ** 2 + SIGMA_FLAT ** 2) / 2);
  const publicTotal = pub * PUBLIC_MEDIAN * Math.exp(PUBLIC_SIGMA ** 2);
  const wanted = TARGET_MEAN_AREA_M2 * total - publicTotal;
  // new flats take up the difference first; a city of mostly old blocks also gets roomier old flats
  const savingMedian = Math.min(
    115,
    Math.max(70, (wanted - legacy * LEGACY_MEDIAN * spread) / saving / spread),
  );
  const legacyMedian =
    legacy > 0
      ? Math.min(85, Math.max(LEGACY_MEDIAN, (wanted - newBuilt * savingMedian * spread) / legacy / spread))
      : LEGACY_MEDIAN;
  return { savingMedian, legacyMedian };
}

const UNITS = Array.from({ length: 9 }, (_, i) => `${i + 1}单元`);
const MAX_FLOORS = 40;
const MAX_PER_FLOOR = 9;
/** room labels by floor and position: 1502 = floor 15, flat 02 */
const ROOMS: string[] = Array.from({ length: (MAX_FLOORS + 1) * (MAX_PER_FLOOR + 1) }, (_, i) => {
  const floor = Math.floor(i / (MAX_PER_FLOOR + 1));
  const pos = i % (MAX_PER_FLOOR + 1);
  return `${floor}${String(pos).padStart(2, '0')}`;
});
/** index = the 1-based category code of `HouseholdDraws.flags` */
const VULNERABLE: readonly (string | null)[] = [null, 'dibao', 'tekun', 'disabled', 'elderly_alone'];

function ownerName(u: number): string {
  let lo = 0;
  let hi = MASKED_OWNER_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((MASKED_OWNER_CUMULATIVE[mid] ?? 1) > u) hi = mid;
    else lo = mid + 1;
  }
  return MASKED_OWNER_NAMES[lo] ?? '王**';
}

/**
 * Streams every household row to the database in chunks, never holding more than one chunk.
 * Each building's households are spread evenly over its units and floors (top and ground floors included).
 */
export async function writeHouseholds(
  handle: DatabaseHandle,
  plan: CityPlan,
  draws: HouseholdDraws,
  seed: number,
  now: string,
  chunkSize: number,
  onChunk: (done: number, total: number) => void,
): Promise<void> {
  const rng = createRng(seed, 3);
  const next = rng.next;
  const rows: unknown[][] = [];
  let done = 0;
  for (const b of plan.buildings) {
    if (b.households === 0) continue;
    const slots = b.units * b.floors * b.perFloor;
    const perUnit = b.floors * b.perFloor;
    for (let j = 0; j < b.households; j++) {
      const id = b.firstHousehold + j;
      const slot = Math.floor((j * slots) / b.households);
      const unit = Math.floor(slot / perUnit);
      const inUnit = slot - unit * perUnit;
      const floor = Math.floor(inUnit / b.perFloor) + 1;
      const pos = inUnit - (floor - 1) * b.perFloor + 1;
      const f = draws.flags[id - 1] ?? 0;
      rows.push([
        id,
        `HH-${String(id).padStart(8, '0')}`,
        b.enterpriseId,
        b.communityId,
        b.id,
        UNITS[unit] ?? `${unit + 1}单元`,
        floor,
        ROOMS[floor * (MAX_PER_FLOOR + 1) + pos] ?? `${floor}${String(pos).padStart(2, '0')}`,
        ownerName(next()),
        (draws.areasCm[id - 1] ?? 0) / 100,
        f & METERED ? 'metered' : 'area',
        f & PAID,
        VULNERABLE[f >> VULNERABLE_SHIFT] ?? null,
        now,
        now,
      ]);
      if (rows.length >= chunkSize) {
        await handle.bulkInsert('households', HOUSEHOLD_COLUMNS, rows);
        done += rows.length;
        rows.length = 0;
        onChunk(done, plan.households);
      }
    }
  }
  if (rows.length > 0) {
    await handle.bulkInsert('households', HOUSEHOLD_COLUMNS, rows);
    done += rows.length;
    onChunk(done, plan.households);
  }
}
