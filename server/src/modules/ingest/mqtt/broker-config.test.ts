// The shipped Mosquitto configuration (deploy/mosquitto/hearth.conf) loses nothing it acknowledged: a burst larger
// than Mosquitto's default queue, published while Hearth is away, is stored exactly once when Hearth returns. With
// Mosquitto's default queue the same burst loses messages — and Hearth says so (dead letter `broker.dropped`).
// Needs the mosquitto binary: runs with the external-broker suite (HEARTH_MQTT_URL set), fails if it is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pino from 'pino';
import { stationTopic } from '@hearth/contracts/telemetry';
import { registerDevice } from '../../../test-support/factories.ts';
import { startMosquitto, type TestBroker } from '../../../test-support/mosquitto.ts';
import { createTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { startExternalSubscriber } from './external-subscriber.ts';

const log = pino({ level: 'silent' });
const BURST = 3000; // Mosquitto's default max_queued_messages is 1,000

describe(
  'the shipped broker configuration',
  { skip: process.env.HEARTH_MQTT_URL ? false : 'HEARTH_MQTT_URL not set (external-broker suite)' },
  () => {
    let t: TestApp;
    let sup: string;
    let stations: { id: number; code: string }[];
    const brokers: TestBroker[] = [];

    before(async () => {
      t = await createTestApp({ demo: true });
      sup = await t.tokenFor('supervisor');
      stations = (
        (await t.request('GET', '/api/stations?pageSize=2&sort=code', sup)).json() as {
          items: { id: number; code: string }[];
        }
      ).items;
      for (const s of stations) await registerDevice(t, sup, { stationId: s.id });
    });
    after(async () => {
      await t.close();
      for (const b of brokers) await b.stop();
    });

    /** Readings of the station in [start, start + count s), once they stop changing or reach `count`. */
    async function storedOnceSettled(stationId: number, start: number, count: number): Promise<number> {
      const stored = async () =>
        (
          await t.container.telemetryStore.raw(
            'station',
            stationId,
            start - 1,
            start + count * 1000,
            count * 2,
          )
        ).length;
      let last = -1;
      for (let quiet = 0; quiet < 10 && last !== count;) {
        await new Promise((r) => setTimeout(r, 300));
        const now = await stored();
        quiet = now === last ? quiet + 1 : 0;
        last = now;
      }
      return last;
    }

    /** Subscribes once (the persistent session exists), leaves, lets a device publish `count` QoS 1 messages,
     *  comes back; answers how many the broker acknowledged and how many are stored after `settleMs`. */
    async function burstWhileAway(broker: TestBroker, station: { id: number; code: string }, count: number) {
      const id = randomBytes(4).toString('hex');
      const subscriber = () =>
        startExternalSubscriber({
          url: broker.url,
          group: `burst-${id}`,
          clientId: `hearth-burst-${id}`,
          connections: 1,
          devices: t.container.devices,
          ingest: t.container.ingest,
          brokerWatch: t.container.brokerWatch,
          log,
        });
      await (await subscriber()).close();
      const device = await mqtt.connectAsync(broker.url, { clientId: `device-${id}`, reconnectPeriod: 0 });
      const start = Date.now() - 3_600_000;
      let acknowledged = 0;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          device
            .publishAsync(
              stationTopic(station.code),
              JSON.stringify({ ts: start + i * 1000, values: { primarySupplyTemp: 80 + (i % 5) } }),
              { qos: 1 },
            )
            .then(() => void acknowledged++),
        ),
      );
      await device.endAsync();
      const back = await subscriber();
      const last = await storedOnceSettled(station.id, start, count);
      await back.close();
      return { acknowledged, stored: last };
    }

    it(`stores every message of a ${BURST}-message burst exactly once`, async () => {
      const broker = await startMosquitto();
      brokers.push(broker);
      const { acknowledged, stored } = await burstWhileAway(
        broker,
        stations[0] as { id: number; code: string },
        BURST,
      );
      assert.equal(acknowledged, BURST, 'the broker acknowledged every message to the device');
      assert.equal(stored, BURST, 'every acknowledged message is stored, once');
    });

    it('two processes in one group split the load; one crashing mid-stream loses nothing', async (context) => {
      const broker = await startMosquitto();
      brokers.push(broker);
      const station = stations[0] as { id: number; code: string };
      const id = randomBytes(4).toString('hex');
      let handled = 0;
      const byMember = new Map<string, number>();
      const ingest = t.container.ingest;
      const member = (name: string) =>
        startExternalSubscriber({
          url: broker.url,
          group: `pair-${id}`,
          clientId: `hearth-${name}-${id}`,
          connections: 1,
          devices: t.container.devices,
          ingest: {
            ...ingest,
            ingestMessage: async (...args: Parameters<typeof ingest.ingestMessage>) => {
              await ingest.ingestMessage(...args);
              handled++;
              byMember.set(name, (byMember.get(name) ?? 0) + 1);
            },
          },
          log,
        });
      const [a, b] = [await member('a'), await member('b')];
      const device = await mqtt.connectAsync(broker.url, {
        clientId: `device-pair-${id}`,
        reconnectPeriod: 0,
      });
      const start = Date.now() - 10 * 86_400_000; // a span no other test here writes to
      const count = 6000;
      let acknowledged = 0;
      const publishing = Promise.all(
        Array.from({ length: count }, (_, i) =>
          device
            .publishAsync(
              stationTopic(station.code),
              JSON.stringify({ ts: start + i * 1000, values: { flow: i } }),
              {
                qos: 1,
              },
            )
            .then(() => void acknowledged++),
        ),
      );
      while (handled < 1000) await new Promise((r) => setTimeout(r, 5));
      assert.ok((byMember.get('a') ?? 0) > 0 && (byMember.get('b') ?? 0) > 0, 'both members take messages');
      a.abort(); // as a SIGKILL would: messages in flight to it are neither acknowledged nor lost
      await publishing;
      await device.endAsync();
      const restarted = await member('a'); // the same client id: its persistent session is handed back
      const last = await storedOnceSettled(station.id, start, count);
      await Promise.all([b.close(), restarted.close()]);
      context.diagnostic(
        `${acknowledged} acknowledged, ${handled} handled (redeliveries included), ${last} stored`,
      );
      assert.equal(acknowledged, count);
      assert.equal(last, count, 'every acknowledged message stored, once');
    });

    it('with Mosquitto’s default queue the loss shows on 异常数据', async (context) => {
      const broker = await startMosquitto({ settings: ['persistence true'], sysInterval: 1 });
      brokers.push(broker);
      const { acknowledged, stored } = await burstWhileAway(
        broker,
        stations[1] as { id: number; code: string },
        BURST,
      );
      assert.equal(acknowledged, BURST);
      assert.ok(stored < BURST, `the default queue dropped some (${stored} of ${BURST} stored)`);
      context.diagnostic(`Mosquitto's defaults: ${acknowledged} acknowledged, ${stored} stored`);
      // the broker's counter arrives with its next $SYS update (every second here)
      const subscriber = await startExternalSubscriber({
        url: broker.url,
        group: `watch-${randomBytes(3).toString('hex')}`,
        clientId: `hearth-watch-${randomBytes(3).toString('hex')}`,
        connections: 1,
        devices: t.container.devices,
        ingest: t.container.ingest,
        brokerWatch: t.container.brokerWatch,
        log,
      });
      try {
        let letters: { code: string; reason: string }[] = [];
        for (let i = 0; i < 50 && letters.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 200));
          letters = (
            (await t.request('GET', '/api/telemetry/dead-letters?code=broker.dropped', sup)).json() as {
              items: { code: string; reason: string }[];
            }
          ).items;
        }
        assert.equal(letters.length, 1, 'one dead letter for the drop');
        assert.match(letters[0]?.reason ?? '', new RegExp(`丢弃了 ${BURST - stored} 条`));
        const status = (await t.request('GET', '/api/telemetry/broker', sup)).json() as { dropped: number };
        assert.equal(status.dropped, BURST - stored);
      } finally {
        await subscriber.close();
      }
    });
  },
);
