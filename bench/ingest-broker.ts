// Path (e) of ingest.bench.ts: devices → Mosquitto started with deploy/mosquitto/hearth.conf → one or two Hearth
// processes (`hearth start`, shared-subscription group) → PostgreSQL. Beside each, the broker's own QoS 1
// pass-through in the same run (broker-pass.ts: a process that acknowledges without storing). Messages are
// encoded before the clock starts and published from this process with 1,000 in flight; the clock stops when
// the database holds every reading. Prints messages/s, readings/s, the share of the pass-through, and the count
// the broker acknowledged to the publisher next to the count stored (they must be equal).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.ts';
import { startHearthProcess, urlInSchema } from '../server/src/test-support/hearth-process.ts';
import { startMosquitto } from '../server/src/test-support/mosquitto.ts';
import { openBenchCity } from './bench-city.ts';
import { connectRaw, publishPacket } from './mqtt-raw-client.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const STATIONS = 20;
const VALUES = { primarySupplyTemp: 85.5, primaryReturnTemp: 52.1, flow: 120.4, primarySupplyPressure: 0.62 };

export type BrokerRun = {
  label: string;
  perMessage: number;
  processes: number;
  messagesPerSecond: number;
  readingsPerSecond: number;
  passMessagesPerSecond: number;
  acknowledged: number;
  stored: number;
};

/** QoS 1 PUBLISH packets: each station's readings one second apart from `startMs` */
function packets(codes: readonly string[], messages: number, perMessage: number, startMs: number): Buffer[] {
  const out: Buffer[] = [];
  for (let m = 0; m < messages; m++) {
    const k = Math.floor(m / codes.length);
    const readings = Array.from({ length: perMessage }, (_, r) => ({
      ts: startMs + (k * perMessage + r) * 1000,
      values: VALUES,
    }));
    const payload = Buffer.from(JSON.stringify(perMessage === 1 ? readings[0] : readings));
    const code = codes[m % codes.length] as string;
    out.push(publishPacket(`hearth/v1/stations/${code}/telemetry`, (m % 65535) + 1, payload));
  }
  return out;
}

async function publish(url: string, list: readonly Buffer[]): Promise<number> {
  const publisher = await connectRaw(url, 'bench', 'bench');
  const acknowledged = await publisher.publishAll(list, 1000);
  await publisher.end();
  return acknowledged;
}

/** the broker's pass-through for these packets: messages/s into a subscriber that stores nothing */
async function passThrough(list: readonly Buffer[]): Promise<number> {
  const broker = await startMosquitto();
  try {
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        path.join(here, 'broker-pass.ts'),
        broker.url,
        String(list.length),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let out = '';
    let onLine: () => void = () => undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      onLine();
    });
    const line = (word: string) =>
      new Promise<void>((resolve) => {
        onLine = () => out.includes(word) && resolve();
        onLine();
      });
    await line('READY');
    const started = performance.now();
    await publish(broker.url, list);
    await line('DONE');
    const seconds = (performance.now() - started) / 1000;
    await exited;
    return list.length / seconds;
  } finally {
    await broker.stop();
  }
}

/** Runs path (e) for each case; `databaseUrl` is the PostgreSQL server (a schema of its own, dropped after). */
export async function runBrokerPath(
  databaseUrl: string,
  cases: { perMessage: number; messages: number; processes: number }[],
  report: (run: BrokerRun) => void,
): Promise<void> {
  const city = await openBenchCity('hearth-bench-broker-', STATIONS, databaseUrl);
  const target = city.database.target;
  if (target.kind !== 'postgres') throw new Error('path (e) needs PostgreSQL');
  for (const s of city.stations)
    await city.container.devices.create(SYSTEM_ACTOR, { stationId: s.id, name: 'bench' });
  const codes = city.stations.map((s) => s.code);
  await city.container.telemetryWriter.close();
  await city.container.telemetryStore.close();
  await city.database.close();
  const counter = new pg.Client({ connectionString: urlInSchema(databaseUrl, target.schema) });
  await counter.connect();
  // inside the retention window (30 days by default): older readings are refused
  let startMs = Date.now() - 10 * 86_400_000;
  try {
    for (const c of cases) {
      const list = packets(codes, c.messages, c.perMessage, startMs);
      const from = startMs;
      startMs += (c.messages / codes.length) * c.perMessage * 1000 + 3_600_000;
      const pass = await passThrough(list);

      const broker = await startMosquitto();
      const hearths = await Promise.all(
        Array.from({ length: c.processes }, (_, i) =>
          startHearthProcess({
            HEARTH_DATABASE_URL: urlInSchema(databaseUrl, target.schema),
            HEARTH_MQTT_URL: broker.url,
            HEARTH_MQTT_CLIENT_ID: `hearth-bench-${i}`,
          }),
        ),
      );
      const expected = c.messages * c.perMessage;
      const stored = async () =>
        Number(
          (
            await counter.query<{ n: string }>(
              'SELECT count(*) AS n FROM telemetry_readings WHERE ts >= $1 AND ts < $2',
              [from, startMs],
            )
          ).rows[0]?.n ?? 0,
        );
      const started = performance.now();
      const acknowledged = await publish(broker.url, list);
      let count = await stored();
      for (let quiet = 0; count < expected && quiet < 60;) {
        await new Promise((r) => setTimeout(r, 50));
        const now = await stored();
        quiet = now === count ? quiet + 1 : 0;
        count = now;
      }
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(hearths.map((h) => h.stop()));
      await broker.stop();
      report({
        label: `(e) broker → Hearth ×${c.processes}, ${c.perMessage} reading${c.perMessage > 1 ? 's' : ''}/message`,
        perMessage: c.perMessage,
        processes: c.processes,
        messagesPerSecond: c.messages / seconds,
        readingsPerSecond: expected / seconds,
        passMessagesPerSecond: pass,
        acknowledged: acknowledged * c.perMessage,
        stored: count,
      });
    }
  } finally {
    await counter.end();
    await city.dropSchema();
  }
}
