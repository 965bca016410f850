// Demo-city generator: determinism per seed, derived counters, tenancy chain, network connectivity, PostgreSQL.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { dropPostgresSchema, openDatabase, type DatabaseHandle } from '../../db/database.ts';
import {
  DEMO_TABLES as TABLES,
  generateDemoCity,
  type SeedProgress,
  type SeedSummary,
} from './demo-city.generator.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-demo-city-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function generateSqlite(name: string, seed: number, onProgress?: (p: SeedProgress) => void) {
  const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, `${name}.db`) });
  await handle.migrate();
  const summary = await generateDemoCity(handle, {
    scale: 'tiny',
    seed,
    ...(onProgress ? { onProgress } : {}),
  });
  return { handle, summary };
}

async function rows(handle: DatabaseHandle, query: string): Promise<Record<string, unknown>[]> {
  const result = await sql.raw<Record<string, unknown>>(query).execute(handle.db);
  return result.rows;
}

/** One hash per table over its rows in id order; times normalised so both engines compare equal. */
async function tableHashes(handle: DatabaseHandle): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const table of TABLES) {
    const hash = createHash('sha256');
    for (const row of await rows(handle, `SELECT * FROM ${table} ORDER BY id`)) {
      const values = Object.values(row).map((v) => (v instanceof Date ? v.toISOString() : v));
      hash.update(JSON.stringify(values));
      hash.update('\n');
    }
    hashes[table] = hash.digest('hex');
  }
  return hashes;
}

async function tableCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await rows(handle, `SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row?.n);
  }
  return counts;
}

function assertSummaryMatches(summary: SeedSummary, counts: Record<string, number>) {
  assert.deepEqual(
    [
      summary.departments,
      summary.enterprises,
      summary.heatSources,
      summary.stations,
      summary.communities,
      summary.buildings,
      summary.households,
      summary.networkNodes,
      summary.pipes,
      summary.valves,
      summary.repairTeams,
    ],
    TABLES.map((t) => counts[t]),
  );
}

/** Checks every invariant the rest of the platform relies on. */
async function assertConsistent(handle: DatabaseHandle, summary: SeedSummary) {
  assertSummaryMatches(summary, await tableCounts(handle));

  const communities = await rows(
    handle,
    `SELECT c.id, c.household_count, c.heated_area_m2, c.paid_count, c.vulnerable_count, c.enterprise_id,
            COUNT(h.id) AS n, COALESCE(SUM(h.area_m2), 0) AS area,
            COALESCE(SUM(h.paid_this_season), 0) AS paid, COUNT(h.vulnerable) AS vulnerable,
            COALESCE(MIN(h.enterprise_id), c.enterprise_id) AS hmin,
            COALESCE(MAX(h.enterprise_id), c.enterprise_id) AS hmax
       FROM communities c LEFT JOIN households h ON h.community_id = c.id
      GROUP BY c.id, c.household_count, c.heated_area_m2, c.paid_count, c.vulnerable_count, c.enterprise_id
      ORDER BY c.id`,
  );
  let area = 0;
  for (const c of communities) {
    assert.equal(Number(c.householdCount), Number(c.n), `community ${c.id} household_count`);
    assert.ok(Math.abs(Number(c.heatedAreaM2) - Number(c.area)) < 1e-6, `community ${c.id} heated_area_m2`);
    assert.equal(Number(c.paidCount), Number(c.paid), `community ${c.id} paid_count`);
    assert.equal(Number(c.vulnerableCount), Number(c.vulnerable), `community ${c.id} vulnerable_count`);
    assert.equal(
      Number(c.hmin),
      Number(c.enterpriseId),
      `community ${c.id} households belong to its enterprise`,
    );
    assert.equal(
      Number(c.hmax),
      Number(c.enterpriseId),
      `community ${c.id} households belong to its enterprise`,
    );
    area += Number(c.heatedAreaM2);
  }
  assert.ok(Math.abs(area - summary.heatedAreaM2) < 1e-3);
  const mean = summary.heatedAreaM2 / summary.households;
  // Tianjin: 514 M m² over 5.89 M households
  assert.ok(Math.abs(mean / (514e6 / 5.89e6) - 1) < 0.03, `mean household area ${mean}`);

  const stations = await rows(
    handle,
    `SELECT s.id, s.enterprise_id, s.heat_source_id, s.capacity_mw, s.served_area_m2,
            hs.enterprise_id AS source_enterprise,
            (SELECT COALESCE(SUM(c.heated_area_m2), 0) FROM communities c WHERE c.station_id = s.id) AS area,
            (SELECT COUNT(*) FROM communities c
              WHERE c.station_id = s.id AND c.enterprise_id <> s.enterprise_id) AS foreign_communities
       FROM stations s LEFT JOIN heat_sources hs ON hs.id = s.heat_source_id
      ORDER BY s.id`,
  );
  for (const s of stations) {
    assert.notEqual(s.heatSourceId, null, `station ${s.id} has a heat source`);
    assert.equal(
      Number(s.enterpriseId),
      Number(s.sourceEnterprise),
      `station ${s.id} enterprise = its source's`,
    );
    assert.equal(Number(s.foreignCommunities), 0, `station ${s.id} communities share its enterprise`);
    assert.ok(Math.abs(Number(s.servedAreaM2) - Number(s.area)) < 1e-6, `station ${s.id} served area`);
    // 45–60 W/m², rounded to 0.1 MW
    const mw = (wPerM2: number) => Math.max(0.1, Math.round(Number(s.servedAreaM2) * wPerM2 * 1e-5) / 10);
    const capacity = Number(s.capacityMw);
    assert.ok(
      capacity >= mw(45) && capacity <= mw(60),
      `station ${s.id} capacity ${capacity} MW for ${s.servedAreaM2} m²`,
    );
  }
  const sources = await rows(
    handle,
    `SELECT hs.id, hs.type, hs.fuel, hs.capacity_mw,
            (SELECT SUM(s.capacity_mw) FROM stations s WHERE s.heat_source_id = hs.id) AS load
       FROM heat_sources hs ORDER BY hs.id`,
  );
  const fuels: Record<string, string[]> = {
    chp: ['coal', 'gas'],
    coal_boiler: ['coal'],
    gas_boiler: ['gas'],
    geothermal: ['geothermal'],
    heat_pump: ['electricity'],
    electric: ['electricity'],
    waste_heat: ['waste_heat'],
  };
  for (const s of sources) {
    assert.ok(fuels[String(s.type)]?.includes(String(s.fuel)), `source ${s.id}: ${s.type} burns ${s.fuel}`);
    assert.ok(
      Number(s.capacityMw) >= Number(s.load) * 1.05 - 1e-9,
      `source ${s.id} capacity covers its stations`,
    );
  }

  // every station node is reached from its own source node without crossing a closed valve
  const nodes = await rows(
    handle,
    'SELECT id, kind, heat_source_id, station_id FROM network_nodes ORDER BY id',
  );
  const pipes = await rows(
    handle,
    `SELECT p.id, p.from_node_id, p.to_node_id FROM pipes p
      WHERE NOT EXISTS (SELECT 1 FROM valves v WHERE v.pipe_id = p.id AND v.status = 'closed') ORDER BY p.id`,
  );
  const adjacency = new Map<number, number[]>();
  const link = (a: number, b: number) => adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
  for (const p of pipes) {
    link(Number(p.fromNodeId), Number(p.toNodeId));
    link(Number(p.toNodeId), Number(p.fromNodeId));
  }
  const sourceOfStation = new Map(stations.map((s) => [Number(s.id), Number(s.heatSourceId)]));
  const stationNodes = nodes.filter((n) => n.kind === 'station');
  assert.equal(stationNodes.length, stations.length, 'one network node per station');
  for (const source of nodes.filter((n) => n.kind === 'source')) {
    const reached = new Set<number>([Number(source.id)]);
    const queue = [Number(source.id)];
    for (let i = 0; i < queue.length; i++) {
      for (const next of adjacency.get(queue[i] ?? 0) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const n of stationNodes) {
      const own = sourceOfStation.get(Number(n.stationId)) === Number(source.heatSourceId);
      assert.equal(
        reached.has(Number(n.id)),
        own,
        `station node ${n.id} reachable from source node ${source.id}: ${own}`,
      );
    }
  }
  const closed = await rows(handle, `SELECT COUNT(*) AS n FROM valves WHERE status = 'closed'`);
  assert.ok(Number(closed[0]?.n) >= 1, 'at least one normally-closed tie line');
}

describe('demo-city generator', () => {
  it('builds the tiny city consistently and identically for one seed', async () => {
    const phases = new Set<string>();
    const a = await generateSqlite('a', 42, (p) => phases.add(p.phase));
    const b = await generateSqlite('b', 42);
    try {
      assert.equal(a.summary.households, 1500);
      assert.deepEqual([a.summary.enterprises, a.summary.heatSources, a.summary.stations], [3, 4, 12]);
      assert.ok(phases.has('住户 households'));
      assert.deepEqual(a.summary, b.summary);
      assert.deepEqual(await tableHashes(a.handle), await tableHashes(b.handle));
      await assertConsistent(a.handle, a.summary);
    } finally {
      await a.handle.close();
      await b.handle.close();
    }
  });

  it('gives a different city for a different seed', async () => {
    const a = await generateSqlite('c', 1);
    const b = await generateSqlite('d', 2);
    try {
      const [ha, hb] = [await tableHashes(a.handle), await tableHashes(b.handle)];
      assert.equal(ha.departments, hb.departments, 'the departments are a fixed list');
      for (const table of ['enterprises', 'heat_sources', 'stations', 'households', 'pipes'] as const) {
        assert.notEqual(ha[table], hb[table], `${table} differ between seeds`);
      }
      await assertConsistent(b.handle, b.summary);
    } finally {
      await a.handle.close();
      await b.handle.close();
    }
  });

  const url = process.env.HEARTH_DATABASE_URL;
  if (url) {
    it('writes the same city to PostgreSQL and advances the id sequences', async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      try {
        const pg = await openDatabase({ kind: 'postgres', url, schema });
        const lite = await generateSqlite('pg-reference', 7);
        try {
          await pg.migrate();
          const summary = await generateDemoCity(pg, { scale: 'tiny', seed: 7 });
          assert.deepEqual(summary, lite.summary);
          assert.deepEqual(await tableHashes(pg), await tableHashes(lite.handle));
          await assertConsistent(pg, summary);
          const inserted = await pg.db
            .insertInto('departments')
            .values({ code: 'test_dept', name: '测试', createdAt: new Date(), updatedAt: new Date() })
            .returning('id')
            .executeTakeFirstOrThrow();
          assert.equal(
            inserted.id,
            summary.departments + 1,
            'serial sequence continues after the explicit ids',
          );
        } finally {
          await pg.close();
          await lite.handle.close();
        }
      } finally {
        await dropPostgresSchema(url, schema);
      }
    });
  }
});
