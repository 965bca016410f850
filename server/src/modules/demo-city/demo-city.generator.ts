// Deterministic demo-city generator (SPEC §3.1): a seeded, realistic city written into an empty database.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/database.ts';
import { drawHouseholds, writeHouseholds } from './households.ts';
import { applyCapacities, at, planCity, type CityPlan, type ScaleShape } from './layout.ts';
import { DEPARTMENTS, personName } from './names.ts';
import { buildNetwork } from './network.ts';
import { createRng } from './prng.ts';

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

/** Every row carries this time so one seed always gives byte-identical data. */
const SEED_TIME = '2026-10-01T00:00:00.000Z';
const HOUSEHOLD_CHUNK = 30_000;
const ROW_CHUNK = 20_000;

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

export async function generateDemoCity(
  handle: DatabaseHandle,
  options: { scale: DemoScale; seed: number; onProgress?: (p: SeedProgress) => void },
): Promise<SeedSummary> {
  const { scale, seed } = options;
  const size = DEMO_SCALES[scale];
  if (!size) throw new Error(`unknown demo scale ${String(scale)}`);
  const progress = options.onProgress ?? (() => {});
  const shape: ScaleShape = { ...size, districts: DISTRICTS_BY_SCALE[scale] };

  progress({ phase: '规划 planning', done: 0, total: 1 });
  const plan = planCity(shape, seed);
  const draws = drawHouseholds(plan, seed);
  applyCapacities(plan, seed);
  const network = buildNetwork(plan, seed);
  progress({ phase: '规划 planning', done: 1, total: 1 });

  const T = SEED_TIME;
  const write = async (
    phase: string,
    table: string,
    columns: readonly string[],
    rows: readonly unknown[][],
  ) => {
    for (let i = 0; i < rows.length; i += ROW_CHUNK) {
      await handle.bulkInsert(table, columns, rows.slice(i, i + ROW_CHUNK));
      progress({ phase, done: Math.min(rows.length, i + ROW_CHUNK), total: rows.length });
    }
  };

  await write(
    '部门 departments',
    'departments',
    ['id', 'code', 'name', 'duty', 'phone', 'created_at', 'updated_at'],
    DEPARTMENTS.map((d, i) => [i + 1, d.code, d.name, d.duty, d.phone, T, T]),
  );
  await write(
    '企业 enterprises',
    'enterprises',
    ['id', 'code', 'name', 'type', 'license_no', 'hotline', 'address', 'created_at', 'updated_at'],
    plan.enterprises.map((e) => [e.id, e.code, e.name, e.type, e.licenseNo, e.hotline, e.address, T, T]),
  );
  await write(
    '热源 heat sources',
    'heat_sources',
    [
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
    plan.sources.map((s) => [
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
      T,
      T,
    ]),
  );
  await write(
    '换热站 stations',
    'stations',
    [
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
    plan.stations.map((s) => [
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
      T,
      T,
    ]),
  );
  await write(
    '小区 communities',
    'communities',
    [
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
    plan.communities.map((c) => [
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
      T,
      T,
    ]),
  );
  await write(
    '楼栋 buildings',
    'buildings',
    [
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
    plan.buildings.map((b) => [
      b.id,
      b.code,
      b.name,
      b.enterpriseId,
      b.communityId,
      b.type,
      b.floors,
      b.builtYear,
      T,
      T,
    ]),
  );
  await writeHouseholds(handle, plan, draws, seed, T, HOUSEHOLD_CHUNK, (done, total) =>
    progress({ phase: '住户 households', done, total }),
  );
  await write(
    '管网节点 network nodes',
    'network_nodes',
    [
      'id',
      'code',
      'enterprise_id',
      'kind',
      'heat_source_id',
      'station_id',
      'lon',
      'lat',
      'created_at',
      'updated_at',
    ],
    network.nodes.map((n) => [
      n.id,
      n.code,
      n.enterpriseId,
      n.kind,
      n.heatSourceId,
      n.stationId,
      n.lon,
      n.lat,
      T,
      T,
    ]),
  );
  await write(
    '管道 pipes',
    'pipes',
    [
      'id',
      'code',
      'enterprise_id',
      'from_node_id',
      'to_node_id',
      'diameter_mm',
      'length_m',
      'built_year',
      'coordinates',
      'created_at',
      'updated_at',
    ],
    network.pipes.map((p) => [
      p.id,
      p.code,
      p.enterpriseId,
      p.fromNodeId,
      p.toNodeId,
      p.diameterMm,
      p.lengthM,
      p.builtYear,
      p.coordinates,
      T,
      T,
    ]),
  );
  await write(
    '阀门 valves',
    'valves',
    [
      'id',
      'code',
      'enterprise_id',
      'pipe_id',
      'node_id',
      'kind',
      'status',
      'lon',
      'lat',
      'created_at',
      'updated_at',
    ],
    network.valves.map((v) => [
      v.id,
      v.code,
      v.enterpriseId,
      v.pipeId,
      v.nodeId,
      v.kind,
      v.status,
      v.lon,
      v.lat,
      T,
      T,
    ]),
  );
  const teams = repairTeams(plan, seed);
  await write(
    '抢修队伍 repair teams',
    'repair_teams',
    [
      'id',
      'code',
      'name',
      'enterprise_id',
      'leader',
      'phone',
      'members',
      'lon',
      'lat',
      'created_at',
      'updated_at',
    ],
    teams.map((t) => [...t, T, T]),
  );

  if (handle.dialect === 'postgres') {
    // explicit ids leave the serial sequences behind; later inserts must continue after them
    for (const table of DEMO_TABLES) {
      const max = sql`(SELECT COALESCE(MAX(id), 1) FROM ${sql.raw(table)})`;
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${max})`.execute(handle.db);
    }
  }

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
    repairTeams: teams.length,
  };
}

const TEAM_NAMES = ['抢修一队', '抢修二队', '抢修三队'] as const;

/** 1–3 teams per enterprise (more for larger ones), based near one of its heat sources. */
function repairTeams(plan: CityPlan, seed: number): unknown[][] {
  const rng = createRng(seed, 6);
  const rows: unknown[][] = [];
  for (const e of plan.enterprises) {
    const stations = e.sourceIds.reduce((n, id) => n + at(plan.sources, id - 1).stationIds.length, 0);
    const count = Math.min(3, 1 + Math.floor(stations / 40) + (rng.chance(0.3) ? 1 : 0));
    const short = e.name.replace(/^天津市?/, '').replace(/(集团)?有限公司$/, '');
    for (let k = 0; k < count; k++) {
      const base = at(plan.sources, at(e.sourceIds, k % e.sourceIds.length) - 1);
      const id = rows.length + 1;
      rows.push([
        id,
        `RT-${String(id).padStart(4, '0')}`,
        `${short}${TEAM_NAMES[k] ?? `抢修${k + 1}队`}`,
        e.id,
        personName(rng),
        `1${rng.pick([3, 5, 8])}${rng.int(100000000, 999999999)}`,
        rng.int(8, 40),
        Math.round((base.lon + rng.float(-0.004, 0.004)) * 1e6) / 1e6,
        Math.round((base.lat + rng.float(-0.003, 0.003)) * 1e6) / 1e6,
      ]);
    }
  }
  return rows;
}
