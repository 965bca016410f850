// Benchmark: telemetry ingest on this machine, in one run —
// (a) the raw reference: JSON.parse of the same payloads + the SQLite engine's prepared-statement insert, one
// batch after the other in one thread of a process of its own (no validation, no HTTP, no worker);
// (b) HTTP batch ingest end to end; (c) MQTT QoS 1 through the embedded broker, 1 and 100 readings per
// message; (d) the PostgreSQL COPY path when HEARTH_DATABASE_URL is set — and (b), (c) as ratios of (a); (e) an
// external Mosquitto → one and two Hearth processes → PostgreSQL, as ratios of (d) and of the broker's own
// pass-through (ingest-broker.ts; needs HEARTH_DATABASE_URL and the mosquitto binary).
// Load comes from a child process; this process serves. Payloads are at instrument precision (as `hearth
// simulate` sends). Each path also prints the CPU it cost per reading.
// (f) HTTP batch ingest on every station of the `city` scale with every alarm rule type active, as a share of the
// same run without the alarm engine (ingest-alarms.ts).
// Usage: npm run bench:ingest [-- --only a,b,c1,c100,d,e,f] (e1 / e100: one message size of (e))
import { telemetryFileFor } from '../server/src/modules/telemetry/store/sqlite-telemetry-file.ts';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from '../server/src/app.ts';
import { dropPostgresSchema, openDatabase } from '../server/src/db/database.ts';
import { startEmbeddedBroker } from '../server/src/modules/ingest/mqtt/embedded-broker.ts';
import { openBenchCity, writeDevicesFile } from './bench-city.ts';
import { runAlarmsPath } from './ingest-alarms.ts';
import { runBrokerPath } from './ingest-broker.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const DAY = 86_400_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const DIR_PREFIX = 'hearth-bench-ingest-';
const rss = () => `${(process.memoryUsage().rss / 1024 ** 2).toFixed(0)} MB`;
const rate = (n: number, s: number) => Math.round(n / s);
const fmt = (n: number) => n.toLocaleString('en').padStart(10);

/** `--only a,b,c1,c100,d` runs some of the paths (for profiling one); all by default */
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : undefined;
const runs = (path: string) => only === undefined || only.has(path);

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

type LoadResult = {
  readings: number;
  seconds: number;
  cpuSeconds: number;
  serverCpuSeconds: number;
  /** share of the time the server's main thread (HTTP, MQTT, validation) was busy */
  mainBusy: number;
};

/** CPU per reading of this (server) process, all threads, and of the load generator */
const cpuNote = (r: LoadResult) =>
  `server ${((r.serverCpuSeconds / r.readings) * 1e6).toFixed(2)} µs CPU/reading (main thread ${(r.mainBusy * 100).toFixed(0)} % busy), load generator ${((r.cpuSeconds / r.readings) * 1e6).toFixed(2)}`;

async function load(mode: string, url: string, file: string, perDevice: number, startMs: number) {
  // the server idles while the child builds its payloads, so its CPU over the child's life is the serving
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const result = (await child(path.join(here, 'ingest-load.ts'), [
    mode,
    url,
    file,
    String(perDevice),
    String(startMs),
  ])) as Omit<LoadResult, 'serverCpuSeconds' | 'mainBusy'>;
  const used = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(elu).utilization;
  return { ...result, serverCpuSeconds: (used.user + used.system) / 1e6, mainBusy: busy };
}

console.log(`== telemetry ingest, ${os.cpus().length} cores, SQLite at ${dir}; 12 points per reading`);
const results: [string, number, string][] = [];

let ref: number | undefined;
const ofRef = (value: number) => (ref === undefined ? '' : `${((value / ref) * 100).toFixed(0)} % of (a)`);
if (runs('a')) {
  // the server's telemetry file (the store's own, beside hearth.db)
  const a = await reference(['sqlite', telemetryFileFor(path.join(dir, 'hearth.db'))], now - 25 * DAY);
  ref = rate(a.readings, a.seconds);
  results.push(['(a) reference: JSON.parse + prepared insert', ref, '']);
  console.log(
    `(a) ${fmt(ref)} readings/s  ${fmt(ref * 12)} points/s   [${a.readings} readings, RSS ${rss()}]`,
  );
}

const app = await buildApp(container);
const httpUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const broker = await startEmbeddedBroker({
  host: '127.0.0.1',
  port: 0,
  devices: container.devices,
  ingest: container.ingest,
  log: pino({ level: 'silent' }),
});
const mqttUrl = `mqtt://127.0.0.1:${broker.port}`;

/** one load path: its rate, its ratio to (a), and the CPU it cost */
async function measure(
  label: string,
  tag: string,
  mode: string,
  target: string,
  devices: number,
  perDevice: number,
  startMs: number,
) {
  const r = await load(mode, target, await devicesFile(devices, mode), perDevice, startMs);
  const value = rate(r.readings, r.seconds);
  results.push([label, value, ofRef(value)]);
  console.log(
    `${tag} ${fmt(value)} readings/s  ${fmt(value * 12)} points/s   [${r.readings} readings, ${cpuNote(r)}, server RSS ${rss()}]`,
  );
}

if (runs('b'))
  await measure('(b) HTTP batch ingest, end to end', '(b)', 'http', httpUrl, 12, 50_000, now - 20 * DAY);
if (runs('c1'))
  await measure('(c) MQTT QoS 1, 1 reading/message', '(c)', 'mqtt1', mqttUrl, 20, 5_000, now - 15 * DAY);
if (runs('c100'))
  await measure(
    '(c) MQTT QoS 1, 100 readings/message',
    '(c)',
    'mqtt100',
    mqttUrl,
    10,
    60_000,
    now - 10 * DAY,
  );

await broker.close();
await app.close();
await container.telemetryWriter.close();
await container.telemetryStore.close();
await database.close();

if (runs('f')) {
  // 600 stations × 1,500 readings a run (bodies of 1,500): the alarm engine holds a state per rule and station
  const f = await runAlarmsPath(load, now - 28 * DAY, 1_500);
  const share = `${((f.withRules / f.without) * 100).toFixed(1)} % of the run without rules (target ≥ 85 %)`;
  results.push(['(f) HTTP batch, city scale, every alarm rule', f.withRules, share]);
  results.push(['(f) same run without the alarm engine', f.without, '']);
  const cpuShare = `${((f.cpuWithout / f.cpuWithRules) * 100).toFixed(1)} %`;
  console.log(
    `(f) with rules ${fmt(f.withRules)} readings/s = ${share}; by server CPU per reading (best of each side) ${f.cpuWithRules.toFixed(2)} vs ${f.cpuWithout.toFixed(2)} µs = ${cpuShare}; ${f.alarms} alarms open after the runs`,
  );
}

const url = process.env.HEARTH_DATABASE_URL;
/** readings/s of (d), the reference of (e) */
let pgRate: number | undefined;
if (url && runs('d')) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const pg = await openDatabase({ kind: 'postgres', url, schema });
  await pg.migrate();
  await pg.close();
  const d = await reference(['postgres', url, schema], now - 5 * DAY);
  pgRate = rate(d.readings, d.seconds);
  results.push(['(d) PostgreSQL COPY path (JSON.parse + COPY)', pgRate, '']);
  console.log(`(d) ${fmt(pgRate)} readings/s  ${fmt(pgRate * 12)} points/s   [${d.readings} readings]`);
  await dropPostgresSchema(url, schema);
} else if (runs('d')) {
  console.log('(d) skipped: set HEARTH_DATABASE_URL for the PostgreSQL COPY path');
}

const brokerCases = [1, 100].filter((n) => runs('e') || runs(`e${n}`));
if (url && brokerCases.length > 0 && spawnSync('mosquitto', ['-h']).error === undefined) {
  // the external-broker path, against (d): see ingest-broker.ts
  const per = (n: number) => (n === 1 ? 60_000 : 3_000);
  const cases = brokerCases.flatMap((perMessage) =>
    [1, 2].map((processes) => ({ perMessage, processes, messages: per(perMessage) })),
  );
  await runBrokerPath(url, cases, (r) => {
    const value = Math.round(r.readingsPerSecond);
    const ofD = pgRate === undefined ? '' : `${((value / pgRate) * 100).toFixed(0)} % of (d)`;
    const ofPass = `${((r.messagesPerSecond / r.passMessagesPerSecond) * 100).toFixed(0)} % of pass-through`;
    results.push([r.label, value, `${ofD}, ${ofPass}`]);
    console.log(
      `${r.label}: ${fmt(Math.round(r.messagesPerSecond))} messages/s ${fmt(value)} readings/s; broker pass-through ${fmt(Math.round(r.passMessagesPerSecond))} messages/s (${ofPass}); acknowledged ${r.acknowledged.toLocaleString('en')} readings, stored ${r.stored.toLocaleString('en')}${r.acknowledged === r.stored ? '' : '  ← NOT EQUAL'}`,
    );
  });
} else if (brokerCases.length > 0) {
  console.log('(e) skipped: set HEARTH_DATABASE_URL and install mosquitto for the external-broker path');
}

console.log('\n== summary (readings/s; 12 points each)');
for (const [label, value, ratio] of results) console.log(`${label.padEnd(48)} ${fmt(value)}  ${ratio}`);
console.log(
  'targets: (b) ≥ 300,000 and ≥ 50 % of (a); (c) ≥ 50,000 single / ≥ 300,000 with 100 per message; (d) ≥ 150,000;\n' +
    '(e) one process: single-reading messages ≥ 70 % of the pass-through, ≥ 150,000 readings/s with 100 per message',
);
fs.rmSync(dir, { recursive: true, force: true });
