// Bounded telemetry input, end to end: MQTT packets over HEARTH_MQTT_MAX_PACKET_BYTES refused from their
// header, deeply nested JSON dead-lettered and acknowledged (embedded broker, HTTP, external broker), impossible
// dates refused, and client ids bound to their device.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { remainingLength, utf8Field } from '../../test-support/mqtt-wire.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt/embedded-broker.ts';
import { startExternalSubscriber } from './mqtt/external-subscriber.ts';

type Station = { id: number; code: string };
type Device = { id: number; token: string; topic: string };
type Letter = { code: string; channel: string; deviceId: number | null };

const MIN = 60_000;
const MAX_PACKET = 1024 * 1024;
const deep = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
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

describe('bounded telemetry input', () => {
  let t: TestApp;
  let sup: string;
  let broker: EmbeddedBroker;
  let stations: Station[];
  let device: Device;
  let other: Device;
  const warnings: Record<string, unknown>[] = [];
  const url = () => `mqtt://127.0.0.1:${broker.port}`;
  const connect = (d: Device, clientId?: string) =>
    mqtt.connectAsync(url(), {
      username: String(d.id),
      password: d.token,
      reconnectPeriod: 0,
      ...(clientId ? { clientId } : {}),
    });
  const letters = async (code: string) =>
    (
      (await t.request('GET', `/api/telemetry/dead-letters?code=${code}`, sup)).json() as {
        items: Letter[];
      }
    ).items;

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      devices: t.container.devices,
      ingest: t.container.ingest,
      maxPacketBytes: MAX_PACKET,
      log: pino(
        { level: 'warn' },
        { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) },
      ),
    });
    stations = (
      (await t.request('GET', '/api/stations?sort=code&pageSize=10', sup)).json() as { items: Station[] }
    ).items;
    const create = async (station: Station | undefined) =>
      (await t.request('POST', '/api/devices', sup, { stationId: station?.id })).json() as Device;
    device = await create(stations[0]);
    other = await create(stations[1]);
  });
  after(async () => {
    await broker.close();
    await t.close();
  });

  it('refuses an MQTT packet over the limit from its header, before buffering it', async () => {
    const socket = net.connect({ host: '127.0.0.1', port: broker.port });
    socket.on('error', () => undefined); // the server ends the connection while we write
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const connectBody = Buffer.concat([
      utf8Field('MQTT'),
      Buffer.from([4, 0xc2, 0, 60]),
      utf8Field('raw-oversize'),
      utf8Field(String(device.id)),
      utf8Field(device.token),
    ]);
    socket.write(Buffer.concat([Buffer.from([0x10, ...remainingLength(connectBody.length)]), connectBody]));
    const connack = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
    assert.deepEqual([...connack], [0x20, 2, 0, 0], 'connected');

    // a QoS 1 PUBLISH announcing 250 MB, and 8 MB of it
    const announced = 250_000_000;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const topic = utf8Field(device.topic);
    socket.write(
      Buffer.concat([Buffer.from([0x32, ...remainingLength(announced)]), topic, Buffer.from([0, 1])]),
    );
    const chunk = Buffer.alloc(64 * 1024, 0x5b);
    let sent = 0;
    let open = true;
    void closed.then(() => (open = false));
    while (open && sent < 8 * 1024 * 1024) {
      if (!socket.write(chunk)) await new Promise((r) => setTimeout(r, 5));
      sent += chunk.length;
    }
    await within(closed, 5000, 'the oversize connection closing');

    const refusal = warnings.find((w) => w.packetBytes !== undefined);
    assert.ok(refusal, 'the refusal is logged');
    assert.equal(refusal.packetBytes, 1 + 4 + announced);
    assert.equal(refusal.deviceId, device.id);
    // what the server ever read of that connection: the CONNECT and the first chunks, not the announced size
    assert.ok(
      (refusal.bytesRead as number) <= MAX_PACKET,
      `read ${String(refusal.bytesRead)} bytes of the connection`,
    );
    const dead = await waitFor(async () => (await letters('message.packet_too_large'))[0]);
    assert.equal(dead.deviceId, device.id);
  });

  it('still takes a packet of exactly the limit, and refuses one byte more', async () => {
    const client = await connect(device);
    const now = Date.now();
    // readings of 8 points (~200 bytes each) up to the last byte the limit allows: fixed header (type byte and
    // a remaining length of 3 bytes below 2 MiB), topic, packet id
    const room = MAX_PACKET - (1 + 3) - (2 + device.topic.length) - 2;
    const readings: string[] = [];
    let size = 2; // []
    for (let i = 0; ; i++) {
      const reading = JSON.stringify({
        ts: now - 500 * MIN + i * 1000,
        values: {
          primarySupplyTemp: 95.25,
          primaryReturnTemp: 55.5,
          secondarySupplyTemp: 60.75,
          secondaryReturnTemp: 45.5,
          primarySupplyPressure: 0.855,
          primaryReturnPressure: 0.305,
          flow: 100 + (i % 50),
          heatPower: 2.1234,
        },
      });
      if (size + reading.length + (i > 0 ? 1 : 0) > room) break;
      size += reading.length + (i > 0 ? 1 : 0);
      readings.push(reading);
    }
    const text = `[${readings.join(',')}]${' '.repeat(room - size)}`; // padded to exactly the limit
    assert.equal(Buffer.byteLength(text) + (1 + 3) + (2 + device.topic.length) + 2, MAX_PACKET);
    await within(client.publishAsync(device.topic, text, { qos: 1 }), 10_000, 'PUBACK');
    const raw = await t.container.telemetryStore.raw(
      'station',
      stations[0]?.id ?? 0,
      now - 500 * MIN,
      now,
      100_000,
    );
    assert.equal(raw.length, readings.length);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(device.topic, `${text} `, { qos: 1 }, () => undefined);
    await within(closed, 5000, 'the connection closing');
    client.end(true);
  });

  it('acknowledges deeply nested MQTT messages and dead-letters them as message.too_deep', async () => {
    const client = await connect(device);
    const ts = Date.now() - MIN;
    for (const payload of [
      deep(100_000),
      JSON.stringify({ ts, values: { flow: 1 } }).replace('1}', `${deep(100_000)}}`),
      `{"ts":${deep(100_000, String(ts))},"values":{"flow":1}}`,
    ]) {
      await within(client.publishAsync(device.topic, payload, { qos: 1 }), 5000, 'PUBACK');
    }
    assert.ok(client.connected, 'the connection stays up');
    const dead = await letters('message.too_deep');
    assert.equal(dead.filter((l) => l.channel === 'mqtt' && l.deviceId === device.id).length, 3);
    await client.endAsync();
  });

  it('answers deeply nested HTTP batches 422 message.too_deep and dead-letters them', async () => {
    const ts = Date.now() - MIN;
    const code = stations[0]?.code ?? '';
    for (const body of [
      deep(100_000),
      `[{"stationCode":"${code}","ts":${ts},"values":{"flow":${deep(100_000)}}}]`,
      `[{"stationCode":"${code}","ts":${deep(63, String(ts))},"values":{"flow":1}}]`, // 65 levels in all
    ]) {
      const r = await t.request('POST', '/api/ingest/telemetry', device.token, body, {
        'content-type': 'application/json',
      });
      assert.equal(r.status, 422, r.body.slice(0, 200));
      assert.equal((r.json() as { error: { code: string } }).error.code, 'message.too_deep');
    }
    const dead = await letters('message.too_deep');
    assert.equal(dead.filter((l) => l.channel === 'http').length, 3);
    // 64 levels are still JSON for the rules to judge: here a reading with an invalid time
    const r = await t.request(
      'POST',
      '/api/ingest/telemetry',
      device.token,
      `[{"stationCode":"${code}","ts":${deep(62, String(ts))},"values":{"flow":1}}]`,
      { 'content-type': 'application/json' },
    );
    assert.equal(r.status, 200);
    const answer = r.json() as { results: { status: string; code?: string }[] };
    assert.deepEqual(
      answer.results.map((x) => [x.status, x.code]),
      [['rejected', 'reading.invalid_time']],
    );
  });

  it('refuses a reading whose ts does not exist on the calendar or the clock', async () => {
    const code = stations[0]?.code ?? '';
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const r = await t.request(
      'POST',
      '/api/ingest/telemetry',
      device.token,
      [
        // Date.parse would read these as today 00:00 and as the day after yesterday's 23:00
        { stationCode: code, ts: `${yesterday}T24:00:00Z`, values: { flow: 1 } },
        { stationCode: code, ts: `${yesterday}T23:60:00+00:00`, values: { flow: 1 } },
        { stationCode: code, ts: `${yesterday}T23:00:00Z`, values: { flow: 1 } },
      ],
      { 'content-type': 'application/json' },
    );
    assert.equal(r.status, 200);
    const answer = r.json() as { results: { status: string; code?: string }[] };
    assert.deepEqual(
      answer.results.map((x) => [x.status, x.code]),
      [
        ['rejected', 'reading.invalid_time'],
        ['rejected', 'reading.invalid_time'],
        ['accepted', undefined],
      ],
    );
  });

  it('refuses an impossible date in a series range as request.invalid', async () => {
    const id = stations[0]?.id ?? 0;
    for (const [from, to] of [
      ['2026-02-30T00:00:00Z', '2026-03-02T00:00:00Z'],
      ['2026-11-01T00:00:00Z', '2026-11-31T00:00:00+08:00'],
      ['2026-11-01T25:00:00Z', '2026-11-02T00:00:00Z'],
    ]) {
      const r = await t.request(
        'GET',
        `/api/stations/${id}/series?metric=flow&from=${encodeURIComponent(from ?? '')}&to=${encodeURIComponent(to ?? '')}`,
        sup,
      );
      assert.equal(r.status, 400, `${from} – ${to}`);
      assert.equal((r.json() as { error: { code: string } }).error.code, 'request.invalid');
    }
  });

  it('binds a client id to its device: another device cannot take the session over', async () => {
    const clientId = `gw-${randomBytes(3).toString('hex')}`;
    const first = await connect(device, clientId);
    let firstClosed = false;
    first.on('close', () => (firstClosed = true));
    const intruder: MqttClient = await connect(other, clientId);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(firstClosed, false, 'the first device keeps its connection');
    assert.ok(intruder.connected, 'the other device is connected too, in a session of its own');
    await within(
      first.publishAsync(device.topic, JSON.stringify({ ts: Date.now() - MIN, values: { flow: 7 } }), {
        qos: 1,
      }),
      5000,
      'PUBACK to the first device',
    );
    // the device itself, reconnecting with its client id, takes its old session over (MQTT 3.1.1 §3.1.4)
    const again = await connect(device, clientId);
    await waitFor(async () => (firstClosed ? true : undefined), 3000);
    assert.ok(again.connected && intruder.connected);
    await Promise.all([again.endAsync(), intruder.endAsync(), first.endAsync(true)]);
  });
});

const EXTERNAL = process.env.HEARTH_MQTT_URL;

describe(
  'deeply nested messages through an external broker',
  { skip: EXTERNAL ? false : 'HEARTH_MQTT_URL not set' },
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
        group: `limits-${suffix}`,
        clientId: `hearth-limits-${suffix}`,
        connections: 1,
        maxPacketBytes: MAX_PACKET,
        devices: t.container.devices,
        ingest: t.container.ingest,
        log: pino({ level: 'silent' }),
      });
    });
    after(async () => {
      await subscriber.close();
      await t.close();
    });

    it('dead-letters them and goes on with the next message', async () => {
      const station = (
        (await t.request('GET', '/api/stations?sort=code&pageSize=1', sup)).json() as { items: Station[] }
      ).items[0];
      assert.ok(station);
      const device = (await t.request('POST', '/api/devices', sup, { stationId: station.id })).json() as {
        topic: string;
      };
      const publisher = await mqtt.connectAsync(EXTERNAL ?? '', {
        clientId: `pub-limits-${suffix}`,
        reconnectPeriod: 0,
      });
      await publisher.publishAsync(device.topic, deep(100_000), { qos: 1 });
      await publisher.publishAsync(
        device.topic,
        JSON.stringify({ ts: Date.now() - MIN, values: { flow: 432 } }),
        { qos: 1 },
      );
      const latest = await waitFor(async () => {
        const l = (await t.request('GET', `/api/stations/${station.id}/latest`, sup)).json() as {
          values: Record<string, number>;
        };
        return l.values.flow === 432 ? l : undefined;
      });
      assert.equal(latest.values.flow, 432);
      const dead = await waitFor(async () => {
        const letters = (
          await t.request('GET', '/api/telemetry/dead-letters?code=message.too_deep', sup)
        ).json() as { items: Letter[] };
        return letters.items[0];
      });
      assert.equal(dead.channel, 'mqtt');
      await publisher.endAsync();
    });
  },
);
