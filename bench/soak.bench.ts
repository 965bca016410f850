// Soak: single-reading MQTT QoS 1 messages at a fixed rate (default 25,000 readings/s = half the single-
// message target) for 10 minutes into the embedded broker + SQLite; prints RSS over time and checks that
// every acknowledged reading is stored. Usage: npm run bench:soak [-- --rate 25000 --minutes 10]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { openBenchCity, writeDevicesFile } from './bench-city.ts';
import { startEmbeddedBroker } from '../server/src/modules/ingest/mqtt/embedded-broker.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { rate: { type: 'string', default: '25000' }, minutes: { type: 'string', default: '10' } },
});
const rate = Number(values.rate);
const seconds = Number(values.minutes) * 60;
const DIR_PREFIX = 'hearth-soak-';
const mb = () => Math.round(process.memoryUsage().rss / 1024 ** 2);

const city = await openBenchCity(DIR_PREFIX, 20);
const { dir, database, container } = city;
const file = await writeDevicesFile(city, 20, 'soak');
const devices = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
const broker = await startEmbeddedBroker({
  host: '127.0.0.1',
  port: 0,
  devices: container.devices,
  ingest: container.ingest,
  log: pino({ level: 'silent' }),
});
const flush = setInterval(() => void container.ingest.flush(), 5000);
const rollups = setInterval(() => void container.telemetryStore.refreshRollups(), 60_000);

console.log(
  `== soak: ${rate.toLocaleString('en')} readings/s, 1 reading per QoS 1 message, ${seconds / 60} min, ${devices.length} devices`,
);
const samples: number[] = [];
const started = Date.now();
const sampler = setInterval(() => {
  samples.push(mb());
  const m = process.memoryUsage();
  const MiB = (n: number) => Math.round(n / 1024 ** 2);
  console.log(
    `  t=${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s  RSS ${mb()} MB  ` +
      `(main heap ${MiB(m.heapUsed)} MB, array buffers ${MiB(m.arrayBuffers)} MB)  writer backlog ${container.telemetryWriter.backlog()}`,
  );
}, 30_000);

const startMs = Date.now() - 3 * 3_600_000;
const result = await new Promise<{ readings: number; failed: number; seconds: number }>((resolve, reject) => {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      path.join(here, 'ingest-load.ts'),
      'soak',
      `mqtt://127.0.0.1:${broker.port}`,
      file,
      String(rate),
      String(startMs),
      String(seconds),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.on('exit', (code) => {
    const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
    if (code !== 0 || !line) return reject(new Error(`soak load failed: ${out}`));
    resolve(JSON.parse(line.slice(13)) as { readings: number; failed: number; seconds: number });
  });
});
clearInterval(sampler);
clearInterval(flush);
clearInterval(rollups);
await broker.close();
await container.telemetryWriter.close();
const stored = await sql<{ n: number }>`select count(*) as n from telemetry_readings`.execute(database.db);
const storedCount = Number(stored.rows[0]?.n ?? 0);
// the first minutes warm caches (SQLite page caches, the first rollups): compare from the third sample on
const first = samples.slice(2, 4);
const last = samples.slice(-2);
const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((s, x) => s + x, 0) / xs.length) : 0);
console.log(
  `acknowledged ${result.readings.toLocaleString('en')}  (${Math.round(result.readings / result.seconds).toLocaleString('en')}/s), failed ${result.failed}`,
);
console.log(
  `stored       ${storedCount.toLocaleString('en')}  ${storedCount === result.readings ? '= acknowledged: nothing lost' : '≠ acknowledged: LOSS'}`,
);
if (samples.length === 0) console.log('RSS: run shorter than one 30 s sample');
else
  console.log(
    `RSS at minute 2 ${avg(first)} MB (warm), last minute ${avg(last)} MB, max ${Math.max(...samples)} MB; minute 1 ${avg(samples.slice(0, 2))} MB`,
  );
await container.telemetryStore.close();
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
if (storedCount !== result.readings) process.exitCode = 1;
