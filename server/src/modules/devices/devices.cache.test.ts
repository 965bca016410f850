// The topic → device cache of the external-broker path: a burst of messages for one topic costs one lookup
// (thousands of concurrent misses cut PostgreSQL ingest from 36,000 to 5,000 messages/s), and a revoke is seen
// by the next message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerDevice } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

describe('devices: identity of a topic', () => {
  let t: TestApp;
  let sup: string;
  let station: { id: number; code: string };
  let lookups = 0;

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    station = (
      (await t.request('GET', '/api/stations?pageSize=1', sup)).json() as {
        items: { id: number; code: string }[];
      }
    ).items[0] as { id: number; code: string };
    const registry = t.container.registry;
    const findByCode = registry.findByCode.bind(registry);
    registry.findByCode = (...args) => {
      lookups++;
      return findByCode(...args);
    };
  });
  after(() => t.close());

  it('concurrent messages of one topic share a single lookup', async () => {
    const created = await registerDevice(t, sup, { stationId: station.id });
    lookups = 0;
    const identities = await Promise.all(
      Array.from({ length: 200 }, () => t.container.devices.identityForTarget('station', station.code)),
    );
    assert.equal(lookups, 1);
    assert.ok(identities.every((x) => x?.id === created.id));

    assert.equal((await t.request('POST', `/api/devices/${created.id}/revoke`, sup)).status, 200);
    assert.equal(await t.container.devices.identityForTarget('station', station.code), null);
    assert.equal(lookups, 2, 'the revoke cleared the cache: looked up again');
  });

  it('a topic naming no station is remembered as unknown, once', async () => {
    lookups = 0;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => t.container.devices.identityForTarget('station', 'NO-SUCH-STATION')),
    );
    assert.ok(answers.every((x) => x === null));
    assert.equal(lookups, 1);
  });
});
