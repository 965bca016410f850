// The outbox across restarts and processes: a delivery pending when its process stops, or held by a dispatcher
// that died mid-send, is sent after restart exactly once; two dispatchers on one database send every event once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dropPostgresSchema, openDatabase, type DatabaseHandle } from '../../db/database.ts';
import {
  startWebhookReceiver,
  webhooksOn,
  type WebhookReceiver,
} from '../../test-support/webhook-receiver.ts';

/** One database (SQLite file, or a PostgreSQL schema with HEARTH_DATABASE_URL) opened as often as a test likes. */
async function reopenableDatabase() {
  const url = process.env.HEARTH_DATABASE_URL;
  const schema = `w_${randomBytes(5).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-webhooks-'));
  const open = (): Promise<DatabaseHandle> =>
    url
      ? openDatabase({ kind: 'postgres', url, schema })
      : openDatabase({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
  const first = await open();
  await first.migrate();
  await first.close();
  return {
    open,
    async dispose() {
      if (url) await dropPostgresSchema(url, schema);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('webhook outbox durability', () => {
  let receiver: WebhookReceiver;
  let store: Awaited<ReturnType<typeof reopenableDatabase>>;
  before(async () => {
    receiver = await startWebhookReceiver();
    store = await reopenableDatabase();
  });
  after(async () => {
    await receiver.close();
    await store.dispose();
  });

  const eventIds = () => receiver.received.map((h) => String(h.headers['x-hearth-event-id']));

  it('sends a delivery left pending when its process stopped, after restart, once', async () => {
    receiver.received.length = 0;
    const first = await store.open();
    const before = webhooksOn(first, receiver.url);
    await first.db
      .transaction()
      .execute((trx) => before.outbox.enqueue(trx, { topic: 'alarm.raised', payload: { alarmId: 11 } }));
    // the process stops before its dispatcher ran
    await first.close();
    assert.equal(receiver.received.length, 0);

    const second = await store.open();
    const after = webhooksOn(second, receiver.url);
    assert.equal(await after.dispatcher.runOnce(), 1);
    assert.equal(await after.dispatcher.runOnce(), 0);
    assert.equal(receiver.received.length, 1);
    assert.deepEqual(JSON.parse(receiver.received[0]?.body ?? '').payload, { alarmId: 11 });
    await second.close();
  });

  it('takes over a delivery whose dispatcher died mid-send once its lease has passed, and sends it once', async () => {
    receiver.received.length = 0;
    const clock = { now: Date.now() };
    const first = await store.open();
    const dying = webhooksOn(first, receiver.url, { clock, instance: 'dying' });
    await dying.outbox.enqueue(first.db, { topic: 'alarm.raised', payload: { alarmId: 12 } });
    // claimed, then the process is gone before it sent or settled anything
    const claimed = await dying.repo.claim(
      new Date(clock.now).toISOString(),
      new Date(clock.now + 35_000).toISOString(),
      'dying',
      10,
    );
    assert.equal(claimed.length, 1);
    await first.close();

    const second = await store.open();
    const next = webhooksOn(second, receiver.url, { clock, instance: 'next' });
    assert.equal(await next.dispatcher.runOnce(), 0, 'the lease still holds it');
    clock.now += 35_001;
    assert.equal(await next.dispatcher.runOnce(), 1);
    assert.equal(await next.dispatcher.runOnce(), 0);
    assert.equal(receiver.received.length, 1);
    const [row] = await next.outbox.list({ page: 1, pageSize: 1 }).then((p) => p.items);
    assert.equal(row?.status, 'delivered');
    assert.equal(row?.attempts, 2, 'the lost attempt counts');
    // a late word from the dead dispatcher changes nothing
    assert.equal(
      await next.repo.settle(claimed[0]?.id ?? 0, 'dying', {
        status: 'failed',
        at: new Date(clock.now).toISOString(),
        lastStatus: null,
        lastError: 'late',
      }),
      false,
    );
    await second.close();
  });

  it('two dispatchers on one database (two connection pools) deliver every event exactly once', async () => {
    receiver.received.length = 0;
    const a = await store.open();
    const b = await store.open();
    const hooksA = webhooksOn(a, receiver.url, { instance: 'a' });
    const hooksB = webhooksOn(b, receiver.url, { instance: 'b' });
    const events = 60;
    const deliveredBefore = (await hooksA.outbox.list({ status: 'delivered', page: 1, pageSize: 1 })).total;
    for (let i = 0; i < events; i++)
      await hooksA.outbox.enqueue(a.db, { topic: 'alarm.raised', payload: { alarmId: 1000 + i } });
    const drain = async (hooks: typeof hooksA) => {
      let sent = 0;
      for (let n = await hooks.dispatcher.runOnce(); n > 0; n = await hooks.dispatcher.runOnce()) sent += n;
      return sent;
    };
    const [sentA, sentB] = await Promise.all([drain(hooksA), drain(hooksB)]);
    assert.equal(sentA + sentB, events);
    assert.equal(receiver.received.length, events);
    assert.equal(new Set(eventIds()).size, events, 'no event twice');
    const delivered = await hooksB.outbox.list({ status: 'delivered', page: 1, pageSize: 1 });
    assert.equal(delivered.total, deliveredBefore + events);
    await a.close();
    await b.close();
  });
});
