// MQTT ingest: the embedded broker (device auth, topic ACL, QoS 1 round trip, bad payloads acknowledged
// and dead-lettered, 100-reading messages) and, when HEARTH_MQTT_URL is set, an external broker through a
// shared subscription.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pino from 'pino';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt/embedded-broker.ts';
import { startExternalSubscriber } from './mqtt/external-subscriber.ts';

type Station = { id: number; code: string; enterpriseId: number };
const log = pino({ level: 'silent' });
const MIN = 60_000;

async function stationsOf(t: TestApp, token: string): Promise<Station[]> {
  return (
    (await t.request('GET', '/api/stations?sort=code&pageSize=100', token)).json() as { items: Station[] }
  ).items;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('MQTT ingest through the embedded broker', () => {
  let t: TestApp;
  let sup: string;
  let broker: EmbeddedBroker;
  let stations: Station[];
  let device: { id: number; token: string; topic: string };
  const url = () => `mqtt://127.0.0.1:${broker.port}`;
  const now = Date.now();

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      devices: t.container.devices,
      ingest: t.container.ingest,
      log,
    });
    stations = await stationsOf(t, sup);
    device = (
      await t.request('POST', '/api/devices', sup, { stationId: stations[0]?.id })
    ).json() as typeof device;
  });
  after(async () => {
    await broker.close();
    await t.close();
  });

  it('stores a QoS 1 reading before the PUBACK', async () => {
    const client = await mqtt.connectAsync(url(), {
      username: String(device.id),
      password: device.token,
      reconnectPeriod: 0,
    });
    await client.publishAsync(
      device.topic,
      JSON.stringify({ ts: now - MIN, values: { primarySupplyTemp: 88.5, flow: 240 } }),
      { qos: 1 },
    );
    // no waiting: the PUBACK came after the commit
    const latest = (await t.request('GET', `/api/stations/${stations[0]?.id}/latest`, sup)).json() as {
      values: Record<string, number>;
    };
    assert.deepEqual(latest.values, { primarySupplyTemp: 88.5, flow: 240 });
    await client.endAsync();
  });

  it('takes 100 readings in one message', async () => {
    const client = await mqtt.connectAsync(url(), {
      username: String(device.id),
      password: device.token,
      reconnectPeriod: 0,
    });
    const readings = Array.from({ length: 100 }, (_, i) => ({
      ts: now - 200 * MIN + i * MIN,
      values: { flow: 100 + i },
    }));
    await client.publishAsync(device.topic, JSON.stringify(readings), { qos: 1 });
    const raw = await t.container.telemetryStore.raw(
      'station',
      stations[0]?.id ?? 0,
      now - 200 * MIN,
      now - 100 * MIN,
      1000,
    );
    assert.equal(raw.length, 100);
    await client.endAsync();
  });

  it('acknowledges a bad payload and dead-letters it', async () => {
    const client = await mqtt.connectAsync(url(), {
      username: String(device.id),
      password: device.token,
      reconnectPeriod: 0,
    });
    await client.publishAsync(device.topic, 'not json {', { qos: 1 });
    await client.publishAsync(device.topic, JSON.stringify({ ts: now, values: { flow: 1e9 } }), { qos: 1 });
    const letters = (await t.request('GET', '/api/telemetry/dead-letters', sup)).json() as {
      items: { code: string; channel: string }[];
    };
    const codes = letters.items.filter((l) => l.channel === 'mqtt').map((l) => l.code);
    assert.ok(codes.includes('message.malformed_json'));
    assert.ok(codes.includes('reading.out_of_range'));
    await client.endAsync();
  });

  it('refuses a wrong token and an unknown device', async () => {
    await assert.rejects(
      mqtt.connectAsync(url(), {
        username: String(device.id),
        password: 'hdt_1.wrongwrongwrongwrongwrong',
        reconnectPeriod: 0,
      }),
    );
    await assert.rejects(
      mqtt.connectAsync(url(), { username: '424242', password: device.token, reconnectPeriod: 0 }),
    );
    await assert.rejects(
      mqtt.connectAsync(url(), { reconnectPeriod: 0 }),
      'anonymous connections are refused',
    );
  });

  it('does not let device A publish for station B, nor subscribe', async () => {
    const other = stations[1] as Station;
    const client = await mqtt.connectAsync(url(), {
      username: String(device.id),
      password: device.token,
      reconnectPeriod: 0,
    });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(
      `hearth/v1/stations/${other.code}/telemetry`,
      JSON.stringify({ ts: now, values: { flow: 1 } }),
      { qos: 1 },
    );
    await closed; // the broker drops a client that publishes outside its topic
    const latest = (await t.request('GET', `/api/stations/${other.id}/latest`, sup)).json() as {
      ts: string | null;
    };
    assert.equal(latest.ts, null, 'nothing stored for station B');
    client.end(true);

    const subscriber = await mqtt.connectAsync(url(), {
      username: String(device.id),
      password: device.token,
      reconnectPeriod: 0,
    });
    const granted = await subscriber.subscribeAsync('hearth/#', { qos: 1 }).catch(() => [{ qos: 128 }]);
    assert.equal(granted[0]?.qos, 128, 'subscription refused');
    subscriber.end(true);
  });
  it('ends the live session of a device whose token is rotated or revoked', async () => {
    const station = stations[2] as Station;
    const own = (await t.request('POST', '/api/devices', sup, { stationId: station.id })).json() as {
      id: number;
      token: string;
      topic: string;
    };
    const connect = (password: string) =>
      mqtt.connectAsync(url(), { username: String(own.id), password, reconnectPeriod: 0 });
    const latestTs = async () =>
      ((await t.request('GET', `/api/stations/${station.id}/latest`, sup)).json() as { ts: string | null })
        .ts;

    const client = await connect(own.token);
    let closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const rotated = (await t.request('POST', `/api/devices/${own.id}/rotate`, sup)).json() as {
      token: string;
    };
    await closed; // the old token's session is over
    client.publish(own.topic, JSON.stringify({ ts: now - 3 * MIN, values: { flow: 5 } }), { qos: 1 });
    client.end(true);
    await assert.rejects(connect(own.token), 'the old token no longer connects');

    const renewed = await connect(rotated.token);
    await renewed.publishAsync(own.topic, JSON.stringify({ ts: now - 2 * MIN, values: { flow: 6 } }), {
      qos: 1,
    });
    assert.equal(await latestTs(), new Date(now - 2 * MIN).toISOString());

    closed = new Promise<void>((resolve) => renewed.once('close', () => resolve()));
    assert.equal((await t.request('POST', `/api/devices/${own.id}/revoke`, sup)).status, 200);
    await closed;
    renewed.end(true);
    await assert.rejects(connect(rotated.token), 'a revoked device cannot connect');
    assert.equal(await latestTs(), new Date(now - 2 * MIN).toISOString(), 'nothing stored after revocation');
  });
});

const EXTERNAL = process.env.HEARTH_MQTT_URL;

describe(
  'MQTT ingest from an external broker (HEARTH_MQTT_URL)',
  { skip: EXTERNAL ? false : 'HEARTH_MQTT_URL is not set' },
  () => {
    let t: TestApp;
    let sup: string;
    let subscriber: { close(): Promise<void> };
    const suffix = randomBytes(4).toString('hex');

    before(async () => {
      t = await createTestApp({ demo: true });
      sup = await t.tokenFor('supervisor');
      subscriber = await startExternalSubscriber({
        url: EXTERNAL ?? '',
        group: `test-${suffix}`,
        clientId: `hearth-test-${suffix}`,
        connections: 2,
        devices: t.container.devices,
        ingest: t.container.ingest,
        log,
      });
    });
    after(async () => {
      await subscriber.close();
      await t.close();
    });

    it('stores what a registered station publishes to the broker', async () => {
      const [station, unregistered] = await stationsOf(t, sup);
      assert.ok(station && unregistered);
      const device = (await t.request('POST', '/api/devices', sup, { stationId: station.id })).json() as {
        topic: string;
      };
      const publisher = await mqtt.connectAsync(EXTERNAL ?? '', {
        clientId: `pub-${suffix}`,
        reconnectPeriod: 0,
      });
      const ts = Date.now() - MIN;
      await publisher.publishAsync(
        device.topic,
        JSON.stringify([
          { ts, values: { flow: 321 } },
          { ts: ts + 1000, values: { flow: 322 } },
        ]),
        { qos: 1 },
      );
      await publisher.publishAsync(
        `hearth/v1/stations/${unregistered.code}/telemetry`,
        JSON.stringify({ ts, values: { flow: 1 } }),
        { qos: 1 },
      );
      const latest = await waitFor(async () => {
        const l = (await t.request('GET', `/api/stations/${station.id}/latest`, sup)).json() as {
          values: Record<string, number>;
        };
        return l.values.flow === 322 ? l : undefined;
      });
      assert.equal(latest.values.flow, 322);
      // the unregistered station's message is dead-lettered, not stored
      const letter = await waitFor(async () => {
        const letters = (
          await t.request('GET', '/api/telemetry/dead-letters?code=message.no_device', sup)
        ).json() as { items: { target: string | null; deviceId: number | null }[] };
        return letters.items.find((l) => l.target === unregistered.code);
      });
      assert.equal(letter.deviceId, null);
      const none = (await t.request('GET', `/api/stations/${unregistered.id}/latest`, sup)).json() as {
        ts: string | null;
      };
      assert.equal(none.ts, null, 'a topic without a registered device is not stored');
      await publisher.endAsync();
    });
  },
);
