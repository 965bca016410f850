// Load generator child of ingest.bench.ts: HTTP batches or MQTT QoS 1 publishes from many devices,
// each publishing only its own station; prints BENCH_RESULT { readings, seconds } when all are acknowledged.
import fs from 'node:fs';
import mqtt from 'mqtt';
import { httpBatch, mqttPayload } from './ingest-payloads.ts';

type Device = { id: number; token: string; topic: string; code: string };
// argv: mode url devicesFile count startMs [seconds] — count is readings per device, or the total rate for soak
const [mode, url, devicesFile, countArg, startArg, secondsArg] = process.argv.slice(2);
const devices = JSON.parse(fs.readFileSync(devicesFile ?? '', 'utf8')) as Device[];
const perDevice = Number(countArg);
const startMs = Number(startArg);

async function http(): Promise<number> {
  const batch = 5000;
  const bodies: { token: string; body: string }[] = [];
  // time-major like live traffic: every device's batch k before any device's batch k+1
  for (let o = 0; o < perDevice; o += batch)
    for (const d of devices) bodies.push({ token: d.token, body: httpBatch(d.code, startMs, batch, o) });
  let next = 0;
  let readings = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < bodies.length) {
        const { token, body } = bodies[next++] as { token: string; body: string };
        const r = await fetch(`${url}/api/ingest/telemetry`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        // the answer starts with its counts; the load generator skips parsing the per-item results
        const text = await r.text();
        if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${text.slice(0, 200)}`);
        readings += Number(/"accepted":(\d+)/.exec(text.slice(0, 100))?.[1] ?? 0);
      }
    }),
  );
  return reportAndReturn(readings, started);
}

async function mqttMode(perMessage: number): Promise<number> {
  const messages = Math.floor(perDevice / perMessage);
  const payloads = Array.from({ length: Math.min(messages, 2000) }, (_, m) =>
    mqttPayload(startMs, perMessage, m * perMessage),
  );
  const clients = await Promise.all(
    devices.map((d) =>
      mqtt.connectAsync(url ?? '', { username: String(d.id), password: d.token, reconnectPeriod: 0 }),
    ),
  );
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, k) => {
      const device = devices[k] as Device;
      const inflight = new Set<Promise<unknown>>();
      for (let m = 0; m < messages; m++) {
        // beyond the pre-built payloads, build on the fly (distinct timestamps keep every reading new)
        const payload = payloads[m] ?? mqttPayload(startMs, perMessage, m * perMessage);
        const p = client.publishAsync(device.topic, payload, { qos: 1 }).finally(() => inflight.delete(p));
        inflight.add(p);
        if (inflight.size >= 200) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    }),
  );
  const seconds = reportAndReturn(messages * perMessage * clients.length, started);
  await Promise.all(clients.map((c) => c.endAsync()));
  return seconds;
}

function reportAndReturn(readings: number, started: number): number {
  const seconds = (performance.now() - started) / 1000;
  console.log(`BENCH_RESULT ${JSON.stringify({ readings, seconds })}`);
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
else if (mode === 'http') await http();
else if (mode === 'mqtt1') await mqttMode(1);
else if (mode === 'mqtt100') await mqttMode(100);
else throw new Error(`unknown mode ${mode}`);
