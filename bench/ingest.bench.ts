// Benchmark: telemetry ingest on this machine, in one run —
// (a) the raw reference: JSON.parse of the same payloads + the SQLite engine's prepared-statement insert, one
// batch after the other in one thread of a process of its own (no validation, no HTTP, no worker);
// (b) HTTP batch ingest end to end; (c) MQTT QoS 1 through the embedded broker, 1 and 100 readings per
// message; (d) the PostgreSQL COPY path when HEARTH_DATABASE_URL is set — and (b), (c) as ratios of (a).
// Load comes from a child process; this process serves. Payloads are at instrument precision (as `hearth
// simulate` sends). Each path also prints the CPU it cost per reading. Usage: npm run bench:ingest
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from '../server/src/app.ts';
import { dropPostgresSchema, openDatabase } from '../server/src/db/database.ts';
import { startEmbeddedBroker } from '../server/src/modules/telemetry/mqtt/embedded-broker.ts';
import { openBenchCity, writeDevicesFile } from './bench-city.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const DAY = 86_400_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const DIR_PREFIX = 'hearth-bench-ingest-';
const rss = () => `${(process.memoryUsage().rss / 1024 ** 2).toFixed(0)} MB`;
const rate = (n: number, s: number) => Math.round(n / s);
const fmt = (n: number) => n.toLocaleString('en').padStart(10);

const city = await openBenchCity(DIR_PREFIX, 60);
const { dir, database, container, stations } = city;
/** The reference (a) or (d) in a child process of its own (a fresh heap, nothing else running in it). */
function reference(target: string[], startMs: number) {
  const file = path.join(dir, 'reference-stations.json');
  fs.writeFileSync(file, JSON.stringify(stations.slice(0, 12).map((s) => ({ id: s.id, code: s.code }))));
  return child(path.join(here, 'ingest-reference.ts'), [...target, file, String(startMs)]) as Promise<{
    readings: number;
    seconds: number;
  }>;
}

/** Runs a benchmark child and returns what it printed after BENCH_RESULT. */
function child(script: string, args: string[]) {
  return new Promise<unknown>((resolve, reject) => {
    const proc = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) return reject(new Error(`${path.basename(script)} failed (${code}): ${out}`));
      resolve(JSON.parse(line.slice(13)));
    });
  });
}

const devicesFile = (count: number, name: string) => writeDevicesFile(city, count, name);

type LoadResult = { readings: number; seconds: number; cpuSeconds: number; serverCpuSeconds: number };

/** CPU per reading of this (server) process, all threads, and of the load generator */
const cpuNote = (r: LoadResult) =>
  `server ${((r.serverCpuSeconds / r.readings) * 1e6).toFixed(2)} µs CPU/reading, load generator ${((r.cpuSeconds / r.readings) * 1e6).toFixed(2)}`;

async function load(mode: string, url: string, file: string, perDevice: number, startMs: number) {
  // the server idles while the child builds its payloads, so its CPU over the child's life is the serving
  const cpu = process.cpuUsage();
  const result = (await child(path.join(here, 'ingest-load.ts'), [
    mode,
    url,
    file,
    String(perDevice),
    String(startMs),
  ])) as Omit<LoadResult, 'serverCpuSeconds'>;
  const used = process.cpuUsage(cpu);
  return { ...result, serverCpuSeconds: (used.user + used.system) / 1e6 };
}

console.log(`== telemetry ingest, ${os.cpus().length} cores, SQLite at ${dir}; 12 points per reading`);
const results: [string, number, string][] = [];

const a = await reference(['sqlite', path.join(dir, 'hearth.db')], now - 25 * DAY);
const ref = rate(a.readings, a.seconds);
results.push(['(a) reference: JSON.parse + prepared insert', ref, '']);
console.log(`(a) ${fmt(ref)} readings/s  ${fmt(ref * 12)} points/s   [${a.readings} readings, RSS ${rss()}]`);

const app = await buildApp(container);
const httpUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const broker = await startEmbeddedBroker({
  host: '127.0.0.1',
  port: 0,
  devices: container.devices,
  ingest: container.ingest,
  log: pino({ level: 'silent' }),
});

const b = await load('http', httpUrl, await devicesFile(12, 'http'), 50_000, now - 20 * DAY);
const httpRate = rate(b.readings, b.seconds);
results.push([
  '(b) HTTP batch ingest, end to end',
  httpRate,
  `${((httpRate / ref) * 100).toFixed(0)} % of (a)`,
]);
console.log(
  `(b) ${fmt(httpRate)} readings/s  ${fmt(httpRate * 12)} points/s   [${b.readings} readings, ${cpuNote(b)}, server RSS ${rss()}]`,
);

const c1 = await load(
  'mqtt1',
  `mqtt://127.0.0.1:${broker.port}`,
  await devicesFile(20, 'mqtt1'),
  5_000,
  now - 15 * DAY,
);
const mqtt1 = rate(c1.readings, c1.seconds);
results.push(['(c) MQTT QoS 1, 1 reading/message', mqtt1, `${((mqtt1 / ref) * 100).toFixed(0)} % of (a)`]);
console.log(
  `(c) ${fmt(mqtt1)} readings/s  ${fmt(mqtt1 * 12)} points/s   [1 reading/msg, ${c1.readings} readings, ${cpuNote(c1)}, RSS ${rss()}]`,
);

const c100 = await load(
  'mqtt100',
  `mqtt://127.0.0.1:${broker.port}`,
  await devicesFile(10, 'mqtt100'),
  60_000,
  now - 10 * DAY,
);
const mqtt100 = rate(c100.readings, c100.seconds);
results.push([
  '(c) MQTT QoS 1, 100 readings/message',
  mqtt100,
  `${((mqtt100 / ref) * 100).toFixed(0)} % of (a)`,
]);
console.log(
  `(c) ${fmt(mqtt100)} readings/s  ${fmt(mqtt100 * 12)} points/s   [100 readings/msg, ${c100.readings} readings, ${cpuNote(c100)}, RSS ${rss()}]`,
);

await broker.close();
await app.close();
await container.telemetryWriter.close();
await container.telemetryStore.close();
await database.close();

const url = process.env.HEARTH_DATABASE_URL;
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const pg = await openDatabase({ kind: 'postgres', url, schema });
  await pg.migrate();
  await pg.close();
  const d = await reference(['postgres', url, schema], now - 5 * DAY);
  const pgRate = rate(d.readings, d.seconds);
  results.push(['(d) PostgreSQL COPY path (JSON.parse + COPY)', pgRate, '']);
  console.log(`(d) ${fmt(pgRate)} readings/s  ${fmt(pgRate * 12)} points/s   [${d.readings} readings]`);
  await dropPostgresSchema(url, schema);
} else {
  console.log('(d) skipped: set HEARTH_DATABASE_URL for the PostgreSQL COPY path');
}

console.log('\n== summary (readings/s; 12 points each)');
for (const [label, value, ratio] of results) console.log(`${label.padEnd(48)} ${fmt(value)}  ${ratio}`);
console.log(
  'targets: (b) ≥ 300,000 and ≥ 50 % of (a); (c) ≥ 50,000 single / ≥ 300,000 with 100 per message; (d) ≥ 150,000',
);
fs.rmSync(dir, { recursive: true, force: true });
