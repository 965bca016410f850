// The broker's dropped counter, seen by two Hearth processes at once, is recorded once per change, in the
// database both read; a broker restart starts the count again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { createIngestRepository } from '../ingest.repository.ts';
import { BROKER_SYS_TOPICS, createBrokerWatch } from './broker-watch.ts';

describe('broker watch', () => {
  let t: TestApp;
  let sup: string;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
  });
  after(() => t.close());

  const letters = async () =>
    (
      (await t.request('GET', '/api/telemetry/dead-letters?code=broker.dropped', sup)).json() as {
        items: { reason: string; payload: string }[];
      }
    ).items.map((l) => JSON.parse(l.payload) as { dropped: number; total: number });

  it('records each drop once, whichever process saw it', async () => {
    // two processes: two watches over the same database
    const [a, b] = [0, 1].map(() =>
      createBrokerWatch({ repo: createIngestRepository(t.database.db), mode: 'external' }),
    ) as [ReturnType<typeof createBrokerWatch>, ReturnType<typeof createBrokerWatch>];
    const seen = (value: string) =>
      Promise.all([a, b].map((w) => w.observe(BROKER_SYS_TOPICS.dropped, Buffer.from(value))));
    await seen('0');
    assert.deepEqual(await letters(), [], 'nothing dropped, nothing recorded');
    await seen('1701');
    await seen('1701');
    assert.deepEqual(await letters(), [{ dropped: 1701, total: 1701 }]);
    await seen('2000');
    await seen('40'); // the broker restarted
    assert.deepEqual(
      (await letters()).map((l) => l.dropped),
      [40, 299, 1701],
    );
    await a.observe(BROKER_SYS_TOPICS.queued, Buffer.from('12345'));
    const status = (await t.request('GET', '/api/telemetry/broker', sup)).json() as {
      dropped: number;
      queued: number;
      lastDropAt: string | null;
    };
    assert.equal(status.dropped, 40);
    assert.equal(status.queued, 12345);
    assert.ok(status.lastDropAt !== null);
  });
});
