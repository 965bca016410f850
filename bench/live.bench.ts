// Benchmark: the live view while the simulator drives the `city` scale (600 stations, ~20k indoor sensors)
// at 60× — latency of GET /api/monitoring/stations (target < 200 ms), with the simulator in its own process.
// Usage: npm run bench:live [-- --scale city --seconds 60 --speed 60]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const HEARTH = path.join(here, '../server/bin/hearth.js');
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    seconds: { type: 'string', default: '60' },
    speed: { type: 'string', default: '60' },
  },
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-live-'));
const free = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
const [httpPort, mqttPort] = [await free(), await free()];
const env = {
  ...process.env,
  HEARTH_DATA_DIR: dir,
  HEARTH_DATABASE_URL: '',
  HEARTH_MQTT_URL: '',
  HEARTH_PORT: String(httpPort),
  HEARTH_MQTT_PORT: String(mqttPort),
  HEARTH_ADMIN_PASSWORD: 'bench-admin-password',
  HEARTH_LOG_LEVEL: 'warn',
};
const run = (args: string[]) =>
  spawn(process.execPath, ['--disable-warning=ExperimentalWarning', HEARTH, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const exited = (child: ReturnType<typeof run>) =>
  new Promise<number>((r) => child.on('exit', (code) => r(code ?? 1)));

console.log(`== live view under the simulator: ${values.scale} scale, ${values.speed}×, ${values.seconds} s`);
const seed = run(['seed', '--scale', values.scale ?? 'city', '--seed', '1']);
if ((await exited(seed)) !== 0) throw new Error('seed failed');
const server = run(['start']);
const url = `http://127.0.0.1:${httpPort}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${url}/api/health`)).ok) break;
  } catch {
    if (i > 300) throw new Error('server did not start');
  }
  await new Promise((r) => setTimeout(r, 100));
}
const login = await fetch(`${url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: 'bench-admin-password' }),
});
const { token } = (await login.json()) as { token: string };

const simulator = run([
  'simulate',
  '--speed',
  values.speed ?? '60',
  '--duration',
  String(Number(values.seconds) + 20),
]);
let simOut = '';
simulator.stdout.on('data', (d: Buffer) => (simOut += d.toString()));
await new Promise((r) => setTimeout(r, 20_000)); // devices registered and publishing

const times: number[] = [];
let online = 0;
const until = Date.now() + Number(values.seconds) * 1000;
while (Date.now() < until) {
  const t0 = performance.now();
  const r = await fetch(`${url}/api/monitoring/stations?page=1&pageSize=20`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await r.json()) as { statusCounts: { online: number } };
  times.push(performance.now() - t0);
  online = body.statusCounts.online;
  await new Promise((r) => setTimeout(r, 500));
}
times.sort((a, b) => a - b);
const q = (p: number) => (times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0).toFixed(1);
console.log(
  `GET /api/monitoring/stations page 1: n=${times.length}  median ${q(0.5)} ms  p95 ${q(0.95)} ms  max ${q(1)} ms  (target < 200 ms)`,
);
console.log(`stations online while measuring: ${online}`);
await exited(simulator);
console.log(simOut.trim().split('\n').slice(-1)[0] ?? '');
server.kill('SIGTERM');
await exited(server);
fs.rmSync(dir, { recursive: true, force: true });
