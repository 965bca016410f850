// Several Hearth processes on one PostgreSQL database: a device revoked or rotated in one stops being accepted by
// every other at once (LISTEN/NOTIFY), not after the other processes' caches expire (60 s).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stationTopic } from '@hearth/contracts/telemetry';
import { DEFAULT_TELEMETRY, type Container } from '../../container.ts';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { openContainer } from '../../runtime.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

const url = process.env.HEARTH_DATABASE_URL;

describe(
  'device changes reach every process',
  { skip: url ? false : 'PostgreSQL only (HEARTH_DATABASE_URL)' },
  () => {
    let t: TestApp;
    let sup: string;
    let other: { database: DatabaseHandle; container: Container };

    before(async () => {
      t = await createTestApp({ demo: true });
      sup = await t.tokenFor('supervisor');
      const target = t.database.target;
      assert.equal(target.kind, 'postgres');
      const database = await openDatabase({
        kind: 'postgres',
        url: url ?? '',
        schema: target.kind === 'postgres' ? target.schema : '',
      });
      const container = await openContainer(
        { sessionTtlMs: 3_600_000, timeZone: 'Asia/Shanghai', telemetry: DEFAULT_TELEMETRY },
        database,
      );
      other = { database, container };
    });
    after(async () => {
      await other.container.telemetryWriter.close();
      await other.container.telemetryStore.close();
      await other.database.close();
      await t.close();
    });

    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 100; i++) {
        if (await check()) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    };

    it('a revoke in one process ends the device in the other at once', async () => {
      const station = (
        (await t.request('GET', '/api/stations?pageSize=1', sup)).json() as {
          items: { id: number; code: string }[];
        }
      ).items[0] as { id: number; code: string };
      const created = (await t.request('POST', '/api/devices', sup, { stationId: station.id })).json() as {
        id: number;
        token: string;
        topic: string;
      };
      assert.equal(created.topic, stationTopic(station.code));
      const ended: number[] = [];
      other.container.devices.onCredentialChanged((id) => ended.push(id));
      // the other process learns the device (its cache now holds it for a minute)
      assert.ok(
        await until(
          async () => (await other.container.devices.identityForTarget('station', station.code)) !== null,
        ),
        'the new device is seen by the other process',
      );
      assert.ok(await other.container.devices.authenticate(created.token));

      assert.equal((await t.request('POST', `/api/devices/${created.id}/revoke`, sup)).status, 200);
      assert.ok(
        await until(
          async () => (await other.container.devices.identityForTarget('station', station.code)) === null,
        ),
        'the other process no longer maps the topic to the revoked device',
      );
      assert.equal(await other.container.devices.authenticate(created.token), null);
      assert.deepEqual(ended, [created.id], 'its live sessions there end too');
    });
  },
);
