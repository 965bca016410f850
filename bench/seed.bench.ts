// Benchmark: `hearth seed --scale tianjin` on SQLite (time, peak RSS) and API latency at that scale
// (GET /api/stats/overview, first page of /api/households) for a supervisor and an enterprise user.
// Usage: npm run bench:seed [-- --scale city] [--keep]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/src/app.ts';
import { DEFAULT_TELEMETRY } from '../server/src/container.ts';
import { openContainer } from '../server/src/runtime.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'tianjin' }, keep: { type: 'boolean', default: false } },
});
const scale = values.scale ?? 'tianjin';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hearth-bench-${scale}-`));

console.log(`== seed --scale ${scale} (SQLite, ${os.cpus().length} cores) into ${dataDir}`);
const started = performance.now();
const result = await new Promise<{ code: number; maxRssKb: number }>((resolve, reject) => {
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
      env: { ...process.env, HEARTH_DATA_DIR: dataDir, HEARTH_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.on('error', reject);
  child.on('exit', () => {
    const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
    if (!line) return reject(new Error(`seed failed:\n${out}`));
    resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as { code: number; maxRssKb: number });
  });
});
const seedSeconds = (performance.now() - started) / 1000;
if (result.code !== 0) throw new Error('seed exited with an error');
const dbBytes = fs.statSync(path.join(dataDir, 'hearth.db')).size;
console.log(`seed time        ${seedSeconds.toFixed(1)} s   (target < 180 s)`);
console.log(`seed peak RSS    ${(result.maxRssKb / 1024).toFixed(0)} MB  (target < 2048 MB)`);
console.log(`database file    ${(dbBytes / 1024 ** 2).toFixed(0)} MB`);

const database = await openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'hearth.db') });
const container = await openContainer(
  { sessionTtlMs: 3_600_000, timeZone: 'Asia/Shanghai', telemetry: DEFAULT_TELEMETRY },
  database,
);
const app = await buildApp(container);
const enterprise = (
  await container.registry.list(SYSTEM_ACTOR, 'enterprises', { page: 1, pageSize: 1, sort: 'code' })
).items[0] as { id: number };
for (const [username, role] of [
  ['bench_sup', 'supervisor'],
  ['bench_ent', 'enterprise'],
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

async function measure(label: string, url: string, bearer: string, runs = 30) {
  const times: number[] = [];
  let cold = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
    const ms = performance.now() - t0;
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    const body = r.json<{ items?: unknown[]; total?: number }>();
    if (body.items && body.items.length === 0) throw new Error(`${url}: empty page, nothing measured`);
    if (i === 0) cold = ms;
    else times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  console.log(
    `${label.padEnd(44)} cold ${cold.toFixed(1).padStart(7)} ms  median ${median.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  (target < 200 ms)`,
  );
}

const sup = await token('bench_sup');
const ent = await token('bench_ent');
console.log(`== API latency at ${scale} scale (in-process inject, ${30} runs after one cold call)`);
await measure('GET /api/stats/overview (supervisor)', '/api/stats/overview', sup);
await measure('GET /api/stats/overview (enterprise)', '/api/stats/overview', ent);
await measure('GET /api/households page 1 (supervisor)', '/api/households?page=1&pageSize=20', sup);
await measure('GET /api/households page 1 (enterprise)', '/api/households?page=1&pageSize=20', ent);
await measure('GET /api/households?q=HH-000012 (supervisor)', '/api/households?q=HH-000012', sup);
await measure('GET /api/stations page 1 (supervisor)', '/api/stations?page=1&pageSize=20', sup);
await app.close();
await container.telemetryStore.close();
await database.close();
if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
else console.log(`kept ${dataDir}`);
