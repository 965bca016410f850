// Benchmark (issue 8 path e, one Hearth process): devices → Mosquitto started with deploy/mosquitto/hearth.conf →
// Hearth's external subscriber → the store (PostgreSQL with HEARTH_DATABASE_URL, else SQLite). Prints, beside the
// broker's own QoS 1 pass-through in the same run (a subscriber that acknowledges without storing), messages/s and
// readings/s drained, and the count the broker acknowledged to devices next to the count stored (must be equal).
// Usage: npm run bench:broker [-- --messages 60000 --per-message 1 --connections 1]
import { parseArgs } from 'node:util';
import pino from 'pino';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.ts';
import { connectPipelined } from '../server/src/modules/telemetry/mqtt/pipelined-connection.ts';
import { startExternalSubscriber } from '../server/src/modules/telemetry/mqtt/external-subscriber.ts';
import { startMosquitto } from '../server/src/test-support/mosquitto.ts';
import { openBenchCity } from './bench-city.ts';
import { connectRaw, publishPacket } from './mqtt-raw-client.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '60000' },
    'per-message': { type: 'string', default: '1' },
    connections: { type: 'string', default: '1' },
    'in-flight': { type: 'string', default: '1000' },
    stations: { type: 'string', default: '20' },
  },
});
const MESSAGES = Number(values.messages);
const PER = Number(values['per-message']);
const STATIONS = Number(values.stations);
const log = pino({ level: 'warn' });

const city = await openBenchCity('hearth-broker-', STATIONS, process.env.HEARTH_DATABASE_URL || undefined);
const stations = city.stations.slice(0, STATIONS);
for (const s of stations)
  await city.container.devices.create(SYSTEM_ACTOR, { stationId: s.id, name: 'bench' });

/** the messages, encoded before the clock starts: each station's readings one second apart */
function packets(startMs: number): Buffer[] {
  const out: Buffer[] = [];
  for (let m = 0; m < MESSAGES; m++) {
    const s = stations[m % stations.length] as { code: string };
    const k = Math.floor(m / stations.length);
    const readings = Array.from({ length: PER }, (_, r) => ({
      ts: startMs + (k * PER + r) * 1000,
      values: { primarySupplyTemp: 85.5, primaryReturnTemp: 52.1, flow: 120.4, primarySupplyPressure: 0.62 },
    }));
    const payload = Buffer.from(JSON.stringify(PER === 1 ? readings[0] : readings));
    out.push(publishPacket(`hearth/v1/stations/${s.code}/telemetry`, (m % 65535) + 1, payload));
  }
  return out;
}

async function publish(url: string, startMs: number): Promise<number> {
  const list = packets(startMs);
  const publisher = await connectRaw(url, 'bench', 'bench');
  const acknowledged = await publisher.publishAll(list, 1000);
  await publisher.end();
  return acknowledged;
}

/** resolves when `count()` reaches `target`, or after 10 minutes */
function whenCounted(): { tick(): void; reached: Promise<void> } {
  let n = 0;
  let done: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (done = resolve));
  const timeout = setTimeout(done, 600_000);
  return {
    tick() {
      if (++n === MESSAGES) {
        clearTimeout(timeout);
        done();
      }
    },
    reached,
  };
}

// 1) the broker's own pass-through: a subscriber that acknowledges at once
const passBroker = await startMosquitto();
const passed = whenCounted();
const pass = await connectPipelined({
  url: passBroker.url,
  clientId: 'bench-pass',
  sessionExpirySeconds: 600,
  receiveMaximum: 1000,
  subscriptions: [{ topic: '$share/pass/hearth/v1/stations/+/telemetry', qos: 1 }],
  onMessage: async () => passed.tick(),
  log,
});
const passStart = performance.now();
await publish(passBroker.url, Date.now() - 3_600_000);
await passed.reached;
const passRate = MESSAGES / ((performance.now() - passStart) / 1000);
await pass.close();
await passBroker.stop();

// 2) into Hearth: messages counted as ingest returns (each after its commit)
const broker = await startMosquitto();
const ingested = whenCounted();
const ingest = city.container.ingest;
const ingestMessage = ingest.ingestMessage;
ingest.ingestMessage = async (...args) => {
  await ingestMessage(...args);
  ingested.tick();
};
const subscriber = await startExternalSubscriber({
  url: broker.url,
  group: 'bench',
  clientId: 'hearth-bench',
  connections: Number(values.connections),
  inFlight: Number(values['in-flight']),
  devices: city.container.devices,
  ingest,
  log,
});
const startMs = Date.now() - 20 * 86_400_000;
const t0 = performance.now();
const acknowledged = await publish(broker.url, startMs);
await ingested.reached;
const seconds = (performance.now() - t0) / 1000;
await subscriber.close();
await broker.stop();
let stored = 0;
for (const s of stations)
  stored += (await city.container.telemetryStore.raw('station', s.id, startMs - 1, Date.now(), 10_000_000))
    .length;

const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(
  `== broker → Hearth (${city.database.dialect}), ${fmt(MESSAGES)} messages × ${PER} reading(s), ${values.connections} connection(s)`,
);
console.log(`broker pass-through (acknowledge, store nothing): ${fmt(passRate)} messages/s`);
console.log(
  `into Hearth: ${fmt(MESSAGES / seconds)} messages/s, ${fmt((MESSAGES * PER) / seconds)} readings/s (${((MESSAGES / seconds / passRate) * 100).toFixed(0)} % of pass-through)`,
);
console.log(
  `acknowledged by the broker: ${fmt(acknowledged)} messages; stored: ${fmt(stored)} readings (${fmt(stored / PER)} messages)`,
);
await city.container.telemetryWriter.close();
await city.container.telemetryStore.close();
await city.database.close();
await city.dropSchema();
