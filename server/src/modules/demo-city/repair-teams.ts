// The repair teams of the demo city: 1–3 per enterprise, based near its heat sources.
import { at, type CityPlan } from './city-plan.ts';
import { personName } from './names.ts';
import { createRng } from './prng.ts';
import type { SeedTable } from './seed-table.ts';

const TEAM_NAMES = ['抢修一队', '抢修二队', '抢修三队'] as const;

/** 1–3 teams per enterprise (more for larger ones), based near one of its heat sources. */
export function repairTeamTable(plan: CityPlan, seed: number, now: string): SeedTable {
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
        now,
        now,
      ]);
    }
  }
  return {
    phase: '抢修队伍 repair teams',
    table: 'repair_teams',
    columns: [
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
    rows,
  };
}
