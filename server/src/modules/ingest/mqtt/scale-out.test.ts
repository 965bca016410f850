// Two Hearth processes (`hearth start`, each its own OS process) on one PostgreSQL database behind a Mosquitto
// started with the shipped configuration, in one shared-subscription group: every message the broker acknowledged
// is stored exactly once though one process is SIGKILLed mid-stream, and a browser sees the same live stream and
// latest values whichever process it talks to. Runs with the external-broker suite (both variables set).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { stationTopic } from '@hearth/contracts/telemetry';
import { registerDevice } from '../../../test-support/factories.ts';
import { startHearthProcess, urlInSchema, type HearthProcess } from '../../../test-support/hearth-process.ts';
import { startMosquitto, type TestBroker } from '../../../test-support/mosquitto.ts';
import { createTestApp, type TestApp } from '../../../test-support/test-app.ts';

const databaseUrl = process.env.HEARTH_DATABASE_URL;
const MESSAGES = 4000;
const PASSWORD = 'scale-out-admin-password';

type Station = { id: number; code: string };

describe(
  'several Hearth processes behind the shipped broker',
  {
    skip:
      databaseUrl && process.env.HEARTH_MQTT_URL
        ? false
        : 'PostgreSQL and external broker only (HEARTH_DATABASE_URL and HEARTH_MQTT_URL)',
  },
  () => {
    let t: TestApp;
    let broker: TestBroker;
    let stations: Station[];
    const tokens = new Map<number, string>();
    const processes: Partial<Record<'a' | 'b', HearthProcess>> = {};

    const start = (name: 'a' | 'b') => {
      const target = t.database.target;
      assert.equal(target.kind, 'postgres');
      return startHearthProcess({
        HEARTH_DATABASE_URL: urlInSchema(databaseUrl ?? '', target.kind === 'postgres' ? target.schema : ''),
        HEARTH_MQTT_URL: broker.url,
        HEARTH_MQTT_GROUP: 'hearth',
        HEARTH_MQTT_CLIENT_ID: `hearth-${name}`,
        HEARTH_ADMIN_PASSWORD: PASSWORD,
      });
    };

    before(async () => {
      t = await createTestApp({ demo: true });
      const sup = await t.tokenFor('supervisor');
      stations = (
        (await t.request('GET', '/api/stations?pageSize=4&sort=code', sup)).json() as { items: Station[] }
      ).items;
      for (const s of stations) tokens.set(s.id, (await registerDevice(t, sup, { stationId: s.id })).token);
      broker = await startMosquitto();
      [processes.a, processes.b] = await Promise.all([start('a'), start('b')]);
    });
    after(async () => {
      await Promise.all(Object.values(processes).map((p) => p.stop()));
      await broker.stop();
      await t.close();
    });

    /** readings stored for the stations since `from`, once the count stops moving or reaches `expected` */
    async function storedSettled(from: number, expected: number): Promise<number> {
      const count = async () => {
        let n = 0;
        for (const s of stations) {
          n += (await t.container.telemetryStore.raw('station', s.id, from, from + 3_600_000, 100_000))
            .length;
        }
        return n;
      };
      let last = -1;
      for (let quiet = 0, tries = 0; quiet < 15 && last !== expected && tries < 600; tries++) {
        await new Promise((r) => setTimeout(r, 200));
        const now = await count();
        quiet = now === last ? quiet + 1 : 0;
        last = now;
      }
      return last;
    }

    it('stores every acknowledged message once though a process is killed mid-stream', async () => {
      const from = Date.now() - 2 * 3_600_000;
      const device = await mqtt.connectAsync(broker.url, {
        clientId: 'scale-out-device',
        reconnectPeriod: 0,
      });
      let acknowledged = 0;
      let killed: Promise<number | string> | undefined;
      const publishes: Promise<unknown>[] = [];
      for (let m = 0; m < MESSAGES; m++) {
        const s = stations[m % stations.length] as Station;
        const ts = from + Math.floor(m / stations.length) * 1000;
        const payload = JSON.stringify({ ts, values: { primarySupplyTemp: 80 + (m % 10), flow: 100 } });
        publishes.push(
          device.publishAsync(stationTopic(s.code), payload, { qos: 1 }).then(() => {
            acknowledged++;
            // a crash a quarter of the way in: its unacknowledged messages go back to the broker
            if (acknowledged === MESSAGES / 4) killed = processes.a?.stop('SIGKILL');
          }),
        );
        if (m % 500 === 499) await new Promise((r) => setTimeout(r, 20)); // ~25,000 messages/s
      }
      await Promise.all(publishes);
      await device.endAsync();
      assert.equal(await killed, 'SIGKILL', 'process a was killed mid-stream');
      // its persistent session holds what the broker had sent it: it comes back and takes it
      processes.a = await start('a');
      assert.equal(acknowledged, MESSAGES);
      assert.equal(await storedSettled(from, MESSAGES), MESSAGES, 'every acknowledged reading, stored once');
    });

    it('shows the same live stream and latest values through either process', async () => {
      const [a, b] = [processes.a, processes.b] as [HearthProcess, HearthProcess];
      const login = await fetch(`${b.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      const station = stations[1] as Station;

      // a browser on process b listens; the reading arrives through process a
      const stream = new AbortController();
      const events = await fetch(`${b.url}/api/monitoring/stream?access_token=${token}`, {
        signal: stream.signal,
      });
      assert.equal(events.status, 200);
      const ts = Date.now() - 5000;
      const ingested = await fetch(`${a.url}/api/ingest/telemetry`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(station.id)}` },
        body: JSON.stringify([{ stationCode: station.code, ts, values: { primarySupplyTemp: 91.5 } }]),
      });
      assert.equal(ingested.status, 200, await ingested.clone().text());

      const reader = (events.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      const deadline = Date.now() + 15_000;
      let row: { id: number } | undefined;
      while (!row && Date.now() < deadline) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<undefined>((r) => setTimeout(() => r(undefined), deadline - Date.now())),
        ]);
        if (!chunk || chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
        for (const block of text.split('\n\n')) {
          const data = /^event: stations\ndata: (.*)$/m.exec(block)?.[1];
          row ??= data ? (JSON.parse(data) as { id: number }[]).find((r) => r.id === station.id) : undefined;
        }
      }
      stream.abort();
      assert.ok(row, 'process b streamed the station whose reading process a stored');

      const latest = async (p: HearthProcess) =>
        (await fetch(`${p.url}/api/stations/${station.id}/latest`, {
          headers: { authorization: `Bearer ${token}` },
        }).then((r) => r.json())) as { points: Record<string, { value: number }> };
      assert.equal((await latest(b)).points.primarySupplyTemp?.value, 91.5);
      assert.deepEqual(await latest(a), await latest(b));
    });
  },
);
