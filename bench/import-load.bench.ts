// Benchmark: does a large import hold the server? `/api/health` latency and MQTT QoS 1 PUBACK latency are
// sampled while a 100,000-row household CSV is imported over HTTP, next to the same figures without the import.
// The server runs in its own process (SQLite by default; PostgreSQL with HEARTH_DATABASE_URL).
// Usage: npm run bench:import [-- --rows 100000 --seconds 10 --rate 200]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { benchHearth, exited } from './bench-server.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '200' },
  },
});
const ROWS = Number(values.rows);
const BASELINE_MS = Number(values.seconds) * 1000;
const RATE = Number(values.rate);

const pgSchema = `bench_import_${process.pid}`;
const databaseUrl = process.env.HEARTH_DATABASE_URL
  ? `${process.env.HEARTH_DATABASE_URL}${process.env.HEARTH_DATABASE_URL.includes('?') ? '&' : '?'}options=-c%20search_path%3D${pgSchema}`
  : '';
const hearth = await benchHearth('hearth-import-', { databaseUrl });
const { url, mqttPort } = hearth;

if (databaseUrl) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: process.env.HEARTH_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE; CREATE SCHEMA ${pgSchema}`);
  await admin.end();
}

console.log(
  `== import under load: ${ROWS.toLocaleString('en')} households, ${RATE} MQTT messages/s, ${databaseUrl ? 'PostgreSQL' : 'SQLite'}`,
);
await hearth.seed('small');
const { server, token } = await hearth.start();
const call = async (method: string, p: string, token: string, body?: unknown, type = 'application/json') => {
  const r = await fetch(`${url}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as Record<string, unknown>;
};
const station = (
  (await call('GET', '/api/stations?pageSize=1', token)).items as { id: number; code: string }[]
)[0];
const community = ((await call('GET', '/api/communities?pageSize=1', token)).items as { id: number }[])[0];
if (!station || !community) throw new Error('empty city');
const device = (await call('POST', '/api/devices', token, { stationId: station.id })) as {
  id: number;
  token: string;
  topic: string;
};

const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
  clientId: `bench-import-${device.id}`,
  username: String(device.id),
  password: device.token,
  reconnectPeriod: 0,
});

type Samples = { health: number[]; puback: number[]; errors: number };
let phase: Samples = { health: [], puback: [], errors: 0 };
let sampling = true;
let seq = 0;
const t0 = Date.now() - 3_600_000;

async function healthLoop() {
  while (sampling) {
    const start = performance.now();
    try {
      const r = await fetch(`${url}/api/health`);
      await r.arrayBuffer();
      if (!r.ok) phase.errors++;
    } catch {
      phase.errors++;
    }
    phase.health.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
  }
}
async function publishLoop() {
  const interval = 1000 / RATE;
  let next = performance.now();
  const pending: Promise<void>[] = [];
  while (sampling) {
    const start = performance.now();
    const target = phase;
    const payload = JSON.stringify({ ts: t0 + ++seq * 100, values: { primarySupplyTemp: 85, flow: 120 } });
    pending.push(
      client.publishAsync(device.topic, payload, { qos: 1 }).then(
        () => void target.puback.push(performance.now() - start),
        () => void target.errors++,
      ),
    );
    next += interval;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(pending);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number);
};
const summary = (name: string, s: Samples, ms: number) => ({
  phase: name,
  seconds: (ms / 1000).toFixed(1),
  'health n': s.health.length,
  'health p50 ms': pct(s.health, 50).toFixed(1),
  'health p99 ms': pct(s.health, 99).toFixed(1),
  'health max ms': Math.max(...s.health).toFixed(1),
  'PUBACK n': s.puback.length,
  'PUBACK p50 ms': pct(s.puback, 50).toFixed(1),
  'PUBACK p99 ms': pct(s.puback, 99).toFixed(1),
  'PUBACK max ms': Math.max(...s.puback).toFixed(1),
  errors: s.errors,
});

const header =
  'code,communityId,buildingId,unit,floor,room,ownerName,areaM2,billing,paidThisSeason,vulnerable';
const lines = [header];
for (let i = 0; i < ROWS; i++)
  lines.push(
    `BI${String(i).padStart(7, '0')},${community.id},,${(i % 6) + 1},${(i % 30) + 1},${i % 1000},住户${i % 97},${60 + (i % 80)},area,false,`,
  );
const csv = `${lines.join('\n')}\n`;

// sent by curl, a process of its own: sending 4 MB (or writing the file) would otherwise hold this process's
// event loop, and with it the timers measuring the server
const csvFile = path.join(hearth.dir, 'households.csv');
fs.writeFileSync(csvFile, csv);
// started now, uploading only when told: starting a process costs this one a pause of its own
const curl = spawn('sh', [
  '-c',
  'read go && exec curl -sS -X POST -H "authorization: Bearer $1" -H "content-type: text/csv" --data-binary "@$2" "$3"',
  'upload',
  token,
  csvFile,
  `${url}/api/import/households`,
]);
const loops = [healthLoop(), publishLoop()];
const baselineStart = performance.now();
await new Promise((r) => setTimeout(r, BASELINE_MS));
const baseline = phase;
const baselineMs = performance.now() - baselineStart;
phase = { health: [], puback: [], errors: 0 };
const importStart = performance.now();
curl.stdin.end('go\n');
let answer = '';
curl.stdout.on('data', (d: Buffer) => (answer += d.toString()));
if ((await exited(curl)) !== 0) throw new Error('curl failed');
const result = JSON.parse(answer) as { imported?: number; error?: unknown };
if (result.imported === undefined) throw new Error(`import failed: ${answer.slice(0, 500)}`);
const importMs = performance.now() - importStart;
const during = phase;
sampling = false;
await Promise.all(loops);
await client.endAsync();

console.log(
  `imported ${String(result.imported)} rows (${(csv.length / 1e6).toFixed(1)} MB) in ${(importMs / 1000).toFixed(2)} s`,
);
console.table([summary('without import', baseline, baselineMs), summary('during import', during, importMs)]);
await hearth.dispose(server);
if (databaseUrl) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: process.env.HEARTH_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
  await admin.end();
}
