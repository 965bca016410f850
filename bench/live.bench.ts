// Benchmark: the live view while the simulator drives the `city` scale (600 stations, ~20k indoor sensors)
// at 60× — latency of GET /api/monitoring/stations (target < 200 ms), with the simulator in its own process.
// Usage: npm run bench:live [-- --scale city --seconds 60 --speed 60]
import { parseArgs } from 'node:util';
import { benchHearth, exited } from './bench-server.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    seconds: { type: 'string', default: '60' },
    speed: { type: 'string', default: '60' },
  },
});
const hearth = await benchHearth('hearth-live-');
const { run, url } = hearth;

console.log(`== live view under the simulator: ${values.scale} scale, ${values.speed}×, ${values.seconds} s`);
await hearth.seed(values.scale ?? 'city');
const { server, token } = await hearth.start();

const simulator = run([
  'simulate',
  '--speed',
  values.speed ?? '60',
  '--duration',
  String(Number(values.seconds) + 20),
]);
let simOut = '';
simulator.stdout?.on('data', (d: Buffer) => (simOut += d.toString()));
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
await hearth.dispose(server);
