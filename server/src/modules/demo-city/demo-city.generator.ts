// Deterministic demo-city generator (SPEC §3.1): a seeded, realistic city written into an empty database.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/database.ts';
import { withIndexesDeferred } from '../../db/deferred-indexes.ts';
import { buildingTable } from './buildings.ts';
import { applyCapacities } from './capacities.ts';
import type { CityPlan, ScaleShape } from './city-plan.ts';
import { communityTable } from './communities.ts';
import { enterpriseTable } from './enterprises.ts';
import { sourceTable } from './heat-sources.ts';
import { drawHouseholds, writeHouseholds } from './households.ts';
import { planCity } from './layout.ts';
import { DEPARTMENTS } from './names.data.ts';
import { networkTables } from './network-rows.ts';
import { buildNetwork, type NetworkPlan } from './network.ts';
import { repairTeamTable } from './repair-teams.ts';
import { SEED_TIME, writeTable, type SeedTable } from './seed-table.ts';
import { stationTable } from './stations.ts';

export type DemoScale = 'tiny' | 'small' | 'city' | 'tianjin';

export const DEMO_SCALES: Record<
  DemoScale,
  { enterprises: number; heatSources: number; stations: number; households: number }
> = {
  tiny: { enterprises: 3, heatSources: 4, stations: 12, households: 1_500 },
  small: { enterprises: 8, heatSources: 10, stations: 100, households: 50_000 },
  city: { enterprises: 30, heatSources: 60, stations: 600, households: 600_000 },
  // Tianjin 2020 monitoring platform: 385 sources, 3,323 stations, 5.89 M households, 514 M m²
  tianjin: { enterprises: 120, heatSources: 385, stations: 3_323, households: 5_890_000 },
};

/** How many districts (central ones first) each scale spans. */
const DISTRICTS_BY_SCALE: Record<DemoScale, number> = { tiny: 6, small: 10, city: 14, tianjin: 16 };

export type SeedProgress = { phase: string; done: number; total: number };

export type SeedSummary = {
  scale: DemoScale;
  seed: number;
  enterprises: number;
  heatSources: number;
  stations: number;
  communities: number;
  buildings: number;
  households: number;
  heatedAreaM2: number;
  networkNodes: number;
  pipes: number;
  valves: number;
  departments: number;
  repairTeams: number;
};

const HOUSEHOLD_CHUNK = 30_000;

/** Every table the generator writes, in insertion order (parents first). */
export const DEMO_TABLES = [
  'departments',
  'enterprises',
  'heat_sources',
  'stations',
  'communities',
  'buildings',
  'households',
  'network_nodes',
  'pipes',
  'valves',
  'repair_teams',
] as const;

/** The whole city in memory (all but the household rows), drawn in a fixed order from the seed. */
function planAll(shape: ScaleShape, seed: number) {
  const plan = planCity(shape, seed);
  const draws = drawHouseholds(plan, seed);
  applyCapacities(plan, seed);
  const network = buildNetwork(plan, seed);
  return { plan, draws, network };
}

function departmentTable(now: string): SeedTable {
  return {
    phase: '部门 departments',
    table: 'departments',
    columns: ['id', 'code', 'name', 'duty', 'phone', 'created_at', 'updated_at'],
    rows: DEPARTMENTS.map((d, i) => [i + 1, d.code, d.name, d.duty, d.phone, now, now]),
  };
}

/**
 * PostgreSQL after a bulk load: statistics for the planner, and the visibility map set so that counts and pages
 * read the indexes alone — otherwise autovacuum does it later, during the first hours of use (enterprise household
 * pages at Tianjin scale: p95 380–460 ms while it ran, against a median of 40 ms).
 */
async function settleTables(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect !== 'postgres') return;
  await sql`VACUUM (ANALYZE) ${sql.join(DEMO_TABLES.map((t) => sql.id(t)))}`.execute(handle.db);
}

/** Explicit ids leave PostgreSQL's serial sequences behind; later inserts must continue after them. */
async function advanceSequences(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect !== 'postgres') return;
  for (const table of DEMO_TABLES) {
    const max = sql`(SELECT COALESCE(MAX(id), 1) FROM ${sql.raw(table)})`;
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${max})`.execute(handle.db);
  }
}

function summarize(
  scale: DemoScale,
  seed: number,
  plan: CityPlan,
  network: NetworkPlan,
  repairTeams: number,
): SeedSummary {
  let areaCm = 0;
  for (const c of plan.communities) areaCm += c.areaCm;
  return {
    scale,
    seed,
    enterprises: plan.enterprises.length,
    heatSources: plan.sources.length,
    stations: plan.stations.length,
    communities: plan.communities.length,
    buildings: plan.buildings.length,
    households: plan.households,
    heatedAreaM2: areaCm / 100,
    networkNodes: network.nodes.length,
    pipes: network.pipes.length,
    valves: network.valves.length,
    departments: DEPARTMENTS.length,
    repairTeams,
  };
}

export async function generateDemoCity(
  handle: DatabaseHandle,
  options: { scale: DemoScale; seed: number; onProgress?: (p: SeedProgress) => void },
): Promise<SeedSummary> {
  const { scale, seed } = options;
  const size = DEMO_SCALES[scale];
  if (!size) throw new Error(`unknown demo scale ${String(scale)}`);
  const progress = options.onProgress ?? (() => {});
  const report = (phase: string, done: number, total: number) => progress({ phase, done, total });

  report('规划 planning', 0, 1);
  const { plan, draws, network } = planAll({ ...size, districts: DISTRICTS_BY_SCALE[scale] }, seed);
  report('规划 planning', 1, 1);

  const T = SEED_TIME;
  // rows are built table by table, each dropped once written
  const registry = [
    () => departmentTable(T),
    () => enterpriseTable(plan.enterprises, T),
    () => sourceTable(plan.sources, T),
    () => stationTable(plan.stations, T),
    () => communityTable(plan.communities, T),
    () => buildingTable(plan.buildings, T),
  ];
  for (const table of registry) await writeTable(handle, table(), report);
  // the households' sort and scope indexes are built once after the load, not row by row
  await withIndexesDeferred(handle.db, handle.dialect, ['households'], () =>
    writeHouseholds(handle, plan, draws, seed, T, HOUSEHOLD_CHUNK, (done, total) =>
      report('住户 households', done, total),
    ),
  );
  for (const table of networkTables(network, T)) await writeTable(handle, table, report);
  const teams = repairTeamTable(plan, seed, T);
  await writeTable(handle, teams, report);
  await advanceSequences(handle);
  await settleTables(handle);
  return summarize(scale, seed, plan, network, teams.rows.length);
}
