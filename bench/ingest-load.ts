// Load generator child of ingest.bench.ts: HTTP batches or MQTT QoS 1 publishes from many devices,
// each publishing only its own station; prints BENCH_RESULT { readings, seconds, cpuSeconds } when all are
// acknowledged. Payloads are encoded before the clock starts, and HTTP goes through node:http with keep-alive
// rather than fetch, so the generator leaves as much of the machine as it can to the server it measures.
import fs from 'node:fs';
import http from 'node:http';
import mqtt from 'mqtt';
import { httpBatch, mqttPayload } from './ingest-payloads.ts';
import { connectRaw, publishPacket } from './mqtt-raw-client.ts';

type Device = { id: number; token: string; topic: string; code: string };
// argv: mode url devicesFile count startMs [seconds] — count is readings per device, or the total rate for soak
const [mode, url, devicesFile, countArg, startArg, secondsArg] = process.argv.slice(2);
const devices = JSON.parse(fs.readFileSync(devicesFile ?? '', 'utf8')) as Device[];
const perDevice = Number(countArg);
const startMs = Number(startArg);

/** POSTs one body and resolves with the response text (keep-alive: connections are reused). */
function post(
  agent: http.Agent,
  target: URL,
  token: string,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': body.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('latin1') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function httpMode(): Promise<number> {
  const batch = Math.min(5000, perDevice);
  const bodies: { token: string; body: Buffer }[] = [];
  // time-major like live traffic: every device's batch k before any device's batch k+1
  for (let o = 0; o < perDevice; o += batch)
    for (const d of devices)
      bodies.push({ token: d.token, body: Buffer.from(httpBatch(d.code, startMs, batch, o)) });
  const target = new URL('/api/ingest/telemetry', url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  let next = 0;
  let readings = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < bodies.length) {
        const { token, body } = bodies[next++] as { token: string; body: Buffer };
        const r = await post(agent, target, token, body);
        if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.text.slice(0, 200)}`);
        // the answer starts with its counts; the load generator skips parsing the per-item results
        readings += Number(/"accepted":(\d+)/.exec(r.text.slice(0, 100))?.[1] ?? 0);
      }
    }),
  );
  agent.destroy();
  return reportAndReturn(readings, started, cpu);
}

async function mqttMode(perMessage: number): Promise<number> {
  const messages = Math.floor(perDevice / perMessage);
  // every device sends the same readings (each to its own station's topic): encoded once, before the clock
  const payloads = Array.from({ length: messages }, (_, m) =>
    Buffer.from(mqttPayload(startMs, perMessage, m * perMessage)),
  );
  const clients = await Promise.all(devices.map((d) => connectRaw(url ?? '', String(d.id), d.token)));
  const packets = devices.map((d) => payloads.map((p, m) => publishPacket(d.topic, (m % 65_535) + 1, p)));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const acked = await Promise.all(clients.map((client, k) => client.publishAll(packets[k] as Buffer[], 200)));
  const total = acked.reduce((sum, n) => sum + n, 0);
  if (total !== messages * clients.length)
    throw new Error(`only ${total} of ${messages * clients.length} acknowledged`);
  const seconds = reportAndReturn(total * perMessage, started, cpu);
  await Promise.all(clients.map((c) => c.end()));
  return seconds;
}

function reportAndReturn(readings: number, started: number, cpu: NodeJS.CpuUsage): number {
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(`BENCH_RESULT ${JSON.stringify({ readings, seconds, cpuSeconds })}`);
  return seconds;
}

/** Soak: single-reading QoS 1 messages at a fixed total rate for a fixed time, 10 ms apart per device. */
async function soak(totalRate: number, seconds: number): Promise<void> {
  const clients = await Promise.all(
    devices.map((d) =>
      mqtt.connectAsync(url ?? '', { username: String(d.id), password: d.token, reconnectPeriod: 0 }),
    ),
  );
  const perDeviceRate = totalRate / clients.length;
  const started = performance.now();
  let acked = 0;
  let failed = 0;
  await Promise.all(
    clients.map(async (client, k) => {
      const device = devices[k] as Device;
      const inflight = new Set<Promise<unknown>>();
      for (let m = 0; ; m++) {
        const elapsed = (performance.now() - started) / 1000;
        if (elapsed >= seconds) break;
        const due = elapsed * perDeviceRate;
        if (m > due) await new Promise((r) => setTimeout(r, Math.max(1, ((m - due) / perDeviceRate) * 1000)));
        const payload = JSON.stringify({
          ts: startMs + m * 10,
          values: { flow: m % 5000, primarySupplyTemp: 90 },
        });
        const p = client
          .publishAsync(device.topic, payload, { qos: 1 })
          .then(
            () => void acked++,
            () => void failed++,
          )
          .finally(() => inflight.delete(p));
        inflight.add(p);
        if (inflight.size >= 500) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    }),
  );
  console.log(
    `BENCH_RESULT ${JSON.stringify({ readings: acked, failed, seconds: (performance.now() - started) / 1000 })}`,
  );
  await Promise.all(clients.map((c) => c.endAsync()));
}

if (mode === 'soak') await soak(perDevice, Number(secondsArg));
else if (mode === 'http') await httpMode();
else if (mode === 'mqtt1') await mqttMode(1);
else if (mode === 'mqtt100') await mqttMode(100);
else throw new Error(`unknown mode ${mode}`);
