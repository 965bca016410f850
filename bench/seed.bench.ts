// Benchmark: `hearth seed --scale tianjin` (time, peak RSS) and the latency of the requests the console makes at
// that scale (overview, map, every registry list incl. households, monitoring table, data quality, sampling,
// devices, audit) for a supervisor and an enterprise user, then the map payload size and a real browser's map draw time
// (bench/map-draw.ts). SQLite by default; PostgreSQL when HEARTH_DATABASE_URL
// is set, in a schema of its own that is dropped afterwards (unless --keep). Indoor sensors are registered for
// every 33rd household (≈ 3 %, the usual sampling share) so the sampling figures have something to count.
// Usage: npm run bench:seed [-- --scale city] [--keep] [--reuse <data dir | schema>]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.ts';
import { DEFAULT_TELEMETRY } from '../server/src/container.ts';
import { openContainer } from '../server/src/runtime.ts';
import { dropPostgresSchema, openDatabase } from '../server/src/db/database.ts';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.ts';
import { measureMapDraw, printMapDraw } from './map-draw.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'tianjin' },
    keep: { type: 'boolean', default: false },
    /** measure an already seeded data dir (SQLite) or schema (PostgreSQL) from an earlier --keep run */
    reuse: { type: 'string' },
  },
});
const scale = values.scale ?? 'tianjin';
const pgUrl = process.env.HEARTH_DATABASE_URL || undefined;
const engine = pgUrl ? 'PostgreSQL' : 'SQLite';
const dataDir = pgUrl
  ? fs.mkdtempSync(path.join(os.tmpdir(), `hearth-bench-${scale}-`))
  : (values.reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), `hearth-bench-${scale}-`)));
const schema = pgUrl ? (values.reuse ?? `bench_${randomBytes(4).toString('hex')}`) : undefined;

async function removeData() {
  if (values.keep || values.reuse) return void console.log(`kept ${schema ?? dataDir}`);
  if (pgUrl && schema) await dropPostgresSchema(pgUrl, schema);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (!values.reuse) {
  let childUrl = '';
  if (pgUrl && schema) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const withSchema = new URL(pgUrl);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    childUrl = withSchema.toString();
  }
  console.log(
    `== seed --scale ${scale} (${engine}, ${os.cpus().length} cores) into ${schema ? `schema ${schema}` : dataDir}`,
  );
  const started = performance.now();
  const result = await new Promise<{ code: number; maxRssKb: number; out: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        path.join(here, 'seed-child.ts'),
        'seed',
        '--scale',
        scale,
        '--seed',
        '1',
      ],
      {
        env: { ...process.env, HEARTH_DATA_DIR: dataDir, HEARTH_DATABASE_URL: childUrl },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (!line) return reject(new Error(`seed failed:\n${out}`));
      const parsed = JSON.parse(line.slice('BENCH_RESULT '.length)) as { code: number; maxRssKb: number };
      resolve({ ...parsed, out });
    });
  });
  const seedSeconds = (performance.now() - started) / 1000;
  if (result.code !== 0) {
    await removeData();
    throw new Error('seed exited with an error');
  }
  // the whole seed — registry, demo devices and the season's history — against the scale's budget
  const budget: Record<string, number> = { tiny: 30, small: 30, city: 180, tianjin: 600 };
  console.log(
    `seed time        ${seedSeconds.toFixed(1)} s   (target < ${budget[scale] ?? 600} s, history included)`,
  );
  console.log(`seed peak RSS    ${(result.maxRssKb / 1024).toFixed(0)} MB  (target < 2048 MB)`);
  const history = result.out.split('\n').find((l) => l.includes('历史数据 / history'));
  console.log(`history         ${history ? history.replace(/^\s*历史数据 \/ history/, '') : ' none'}`);
}

const database = pgUrl
  ? await openDatabase({ kind: 'postgres', url: pgUrl, ...(schema ? { schema } : {}) })
  : await openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'hearth.db') });
await database.migrate(); // a reused database may predate the newest migrations
if (pgUrl) {
  const { rows } = await sql<{ bytes: string }>`
    SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`.execute(
    database.db,
  );
  console.log(
    `database size    ${(Number(rows[0]?.bytes ?? 0) / 1024 ** 2).toFixed(0)} MB (registry and telemetry; tianjin target < 4096 MB)`,
  );
} else {
  const mb = (file: string) =>
    fs.existsSync(path.join(dataDir, file)) ? fs.statSync(path.join(dataDir, file)).size / 1024 ** 2 : 0;
  const telemetry = mb('hearth-telemetry.db') + mb('hearth-telemetry.db-wal');
  console.log(
    `database files   ${mb('hearth.db').toFixed(0)} MB registry + ${telemetry.toFixed(0)} MB telemetry (tianjin target < 4096 MB)`,
  );
}

// indoor sensors for ≈ 3 % of the households (once per database)
const sensors = await database.db
  .selectFrom('devices')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('householdId', 'is not', null)
  .executeTakeFirstOrThrow();
if (Number(sensors.n) === 0) {
  const t0 = performance.now();
  await sql`INSERT INTO devices (enterprise_id, household_id, community_id, name, token_hash, active, created_at, updated_at)
    SELECT h.enterprise_id, h.id, h.community_id, 'bench', 'bench-' || h.id, 1, ${'2025-11-15T00:00:00.000Z'}, ${'2025-11-15T00:00:00.000Z'}
    FROM households h WHERE h.id % 33 = 0`.execute(database.db);
  const n = await database.db
    .selectFrom('devices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `indoor sensors   ${Number(n.n).toLocaleString()} registered in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (pgUrl) await sql`ANALYZE`.execute(database.db);
}

const container = await openContainer(
  { sessionTtlMs: 3_600_000, timeZone: 'Asia/Shanghai', telemetry: DEFAULT_TELEMETRY },
  database,
);
const app = await buildApp(container);
const enterprise = (
  await container.registry.list(SYSTEM_ACTOR, 'enterprises', { page: 1, pageSize: 1, sort: 'code' })
).items[0] as { id: number };
const suffix = randomBytes(3).toString('hex'); // a reused database already holds the accounts of earlier runs
for (const [username, role] of [
  [`bench_sup_${suffix}`, 'supervisor'],
  [`bench_ent_${suffix}`, 'enterprise'],
] as const) {
  await container.users.create(SYSTEM_ACTOR, {
    username,
    password: 'bench-password',
    role,
    ...(role === 'enterprise' ? { enterpriseId: enterprise.id } : {}),
  });
}
const token = async (username: string) =>
  (
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'bench-password' },
    })
  ).json<{ token: string }>().token;

const RUNS = 20;
const slow: string[] = [];
async function measure(label: string, url: string, bearer: string, runs = RUNS) {
  const times: number[] = [];
  let cold = 0;
  let bytes = 0;
  let empty = false;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
    const ms = performance.now() - t0;
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 500)}`);
    const body = r.json<{ items?: unknown[]; total?: number }>();
    empty = body.items !== undefined && body.items.length === 0;
    bytes = r.rawPayload.length;
    if (i === 0) cold = ms;
    else times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  if (p95 >= 200) slow.push(label);
  const size =
    bytes >= 1024 * 1024 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
  console.log(
    `${label.padEnd(54)} cold ${cold.toFixed(1).padStart(7)} ms  median ${median.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  ${size.padStart(9)}${empty ? '  (empty page)' : ''}`,
  );
}

const sup = await token(`bench_sup_${suffix}`);
const ent = await token(`bench_ent_${suffix}`);
const REGISTRY = [
  'enterprises',
  'heat-sources',
  'stations',
  'communities',
  'buildings',
  'households',
  'network-nodes',
  'pipes',
  'valves',
  'departments',
  'repair-teams',
];
console.log(
  `== API latency at ${scale} scale on ${engine} (in-process inject, ${RUNS} runs after one cold call; target p95 < 200 ms)`,
);
for (const [who, bearer] of [
  ['supervisor', sup],
  ['enterprise', ent],
] as const) {
  const m = (label: string, url: string) => measure(`${label} (${who})`, url, bearer);
  await m('GET /api/stats/overview', '/api/stats/overview');
  await m('GET /api/map/network', '/api/map/network');
  for (const resource of REGISTRY) {
    if (who === 'enterprise' && (resource === 'enterprises' || resource === 'departments')) continue;
    await m(`GET /api/${resource} page 1`, `/api/${resource}?page=1&pageSize=20`);
  }
  await m('GET /api/households page 100', '/api/households?page=100&pageSize=20');
  await m('GET /api/households sort -areaM2', '/api/households?page=1&pageSize=20&sort=-areaM2');
  await m('GET /api/households?q=HH-000012', '/api/households?page=1&pageSize=20&q=HH-000012');
  await m('GET /api/monitoring/stations page 1', '/api/monitoring/stations?page=1&pageSize=20');
  await m('GET /api/telemetry/quality', '/api/telemetry/quality');
  await m('GET /api/telemetry/sampling page 1', '/api/telemetry/sampling?page=1&pageSize=20');
  await m(
    'GET /api/telemetry/sampling flagged, by share',
    '/api/telemetry/sampling?page=1&pageSize=20&flagged=true&sort=share',
  );
  await m('GET /api/devices page 1', '/api/devices?page=1&pageSize=20');
  if (who === 'supervisor') {
    await m('GET /api/telemetry/dead-letters page 1', '/api/telemetry/dead-letters?page=1&pageSize=20');
    await m('GET /api/audit page 1', '/api/audit?page=1&pageSize=20');
  }
}
console.log(slow.length ? `over 200 ms (p95): ${slow.join('; ')}` : 'every request p95 < 200 ms');
printMapDraw(scale, await measureMapDraw({ container, token: sup }));
await app.close();
await container.telemetryStore.close();
await database.close();
await removeData();
