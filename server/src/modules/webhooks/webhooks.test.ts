// The webhook outbox end to end against a local receiver: signature, transactional enqueue, retries with backoff,
// failure after the last attempt, timeouts, and the supervisors' API (list, retry, roles, errors, audit).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { WebhookDelivery } from '@hearth/contracts/webhooks';
import { buildEnterprise, create } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import {
  SECRET,
  startWebhookReceiver,
  webhooksOn,
  type WebhookReceiver,
} from '../../test-support/webhook-receiver.ts';
import { verifySignature } from './webhooks.rules.ts';

describe('webhook outbox', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let hooks: ReturnType<typeof webhooksOn>;
  let supervisor: string;

  before(async () => {
    t = await createTestApp();
    receiver = await startWebhookReceiver();
    supervisor = await t.tokenFor('supervisor');
  });
  after(async () => {
    await receiver.close();
    await t.close();
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom('webhookDeliveries').execute();
    receiver.received.length = 0;
    receiver.respondWith(() => 200);
    hooks = webhooksOn(t.database, receiver.url);
  });

  const enqueue = (topic: string, payload: unknown) =>
    t.database.db.transaction().execute((trx) => hooks.outbox.enqueue(trx, { topic, payload }));
  const deliveries = async (query = '') => {
    const r = await t.request('GET', `/api/webhooks/deliveries${query}`, supervisor);
    assert.equal(r.status, 200, r.body);
    return r.json() as { items: WebhookDelivery[]; total: number };
  };

  it('POSTs a committed event once, signed so that the receiver verifies it', async () => {
    await enqueue('alarm.raised', { alarmId: 7, severity: 'critical', note: '供水温度过高' });
    assert.equal(await hooks.dispatcher.runOnce(), 1);
    assert.equal(receiver.received.length, 1);
    const [hook] = receiver.received;
    assert.ok(hook);
    const verdict = verifySignature(
      SECRET,
      hook.headers['x-hearth-signature'] as string,
      hook.body,
      Math.floor(hooks.clock.now / 1000),
    );
    assert.deepEqual(verdict, { ok: true });
    assert.equal(
      verifySignature(
        'another-secret-000000',
        hook.headers['x-hearth-signature'] as string,
        hook.body,
        Math.floor(hooks.clock.now / 1000),
      ).ok,
      false,
    );
    const body = JSON.parse(hook.body) as { id: string; topic: string; payload: unknown };
    assert.equal(body.topic, 'alarm.raised');
    assert.deepEqual(body.payload, { alarmId: 7, severity: 'critical', note: '供水温度过高' });
    assert.equal(hook.headers['x-hearth-event-id'], body.id);
    assert.equal(hook.headers['x-hearth-topic'], 'alarm.raised');
    assert.equal(hook.headers['content-type'], 'application/json');

    const { items } = await deliveries();
    assert.equal(items.length, 1);
    assert.equal(items[0]?.eventId, body.id);
    assert.equal(items[0]?.status, 'delivered');
    assert.equal(items[0]?.attempts, 1);
    assert.equal(items[0]?.lastStatus, 200);
    assert.ok(items[0]?.deliveredAt);
    assert.equal(await hooks.dispatcher.runOnce(), 0, 'nothing left to send');
    assert.equal(receiver.received.length, 1);
  });

  it('forgets delivered events after 30 days, keeps failed and pending ones', async () => {
    receiver.respondWith((n) => (n === 0 ? 200 : 500));
    await enqueue('alarm.raised', { n: 1 });
    await enqueue('alarm.raised', { n: 2 });
    assert.equal(await hooks.dispatcher.runOnce(), 2);
    assert.equal((await deliveries('?status=delivered')).total, 1);
    // a dispatcher 31 days on (its first pass purges)
    const later = webhooksOn(t.database, receiver.url, { clock: { now: hooks.clock.now + 31 * 86_400_000 } });
    await later.dispatcher.runOnce();
    assert.equal((await deliveries('?status=delivered')).total, 0);
    assert.equal((await deliveries()).total, 1, 'the undelivered one stays');
  });

  it('sends nothing of a transaction that rolled back', async () => {
    await assert.rejects(
      t.database.db.transaction().execute(async (trx) => {
        await hooks.outbox.enqueue(trx, { topic: 'alarm.raised', payload: { alarmId: 1 } });
        throw new Error('the caller fails after enqueueing');
      }),
      /caller fails/,
    );
    assert.equal(await hooks.dispatcher.runOnce(), 0);
    assert.equal(receiver.received.length, 0);
    assert.equal((await deliveries()).total, 0);
  });

  it('records nothing when webhooks are off', async () => {
    await t.database.db
      .transaction()
      .execute((trx) => t.container.webhooks.enqueue(trx, { topic: 'x', payload: 1 }));
    assert.equal(t.container.webhooks.enabled, false);
    assert.equal((await deliveries()).total, 0);
  });

  it('retries after 500s with growing waits, not before they pass, then delivers the same event', async () => {
    receiver.respondWith((n) => (n < 2 ? 500 : 204));
    await enqueue('alarm.raised', { alarmId: 2 });
    assert.equal(await hooks.dispatcher.runOnce(), 1);
    let [d] = (await deliveries()).items;
    assert.equal(d?.status, 'pending');
    assert.equal(d?.lastStatus, 500);
    assert.equal(d?.lastError, 'HTTP 500');
    // base 1 s, random 0.5: 750 ms after the first failure, 1.5 s after the second
    assert.equal(Date.parse(d?.nextAttemptAt ?? '') - hooks.clock.now, 750);
    assert.equal(await hooks.dispatcher.runOnce(), 0, 'not due yet');
    hooks.clock.now += 750;
    assert.equal(await hooks.dispatcher.runOnce(), 1);
    [d] = (await deliveries()).items;
    assert.equal(Date.parse(d?.nextAttemptAt ?? '') - hooks.clock.now, 1500);
    hooks.clock.now += 1500;
    assert.equal(await hooks.dispatcher.runOnce(), 1);
    [d] = (await deliveries()).items;
    assert.equal(d?.status, 'delivered');
    assert.equal(d?.attempts, 3);
    assert.equal(receiver.received.length, 3);
    const ids = new Set(receiver.received.map((h) => h.headers['x-hearth-event-id']));
    assert.equal(ids.size, 1, 'one event id across the attempts');
    assert.deepEqual(
      receiver.received.map((h) => h.headers['x-hearth-attempt']),
      ['1', '2', '3'],
    );
  });

  it('marks a delivery failed after the last attempt; a supervisor retries it and it goes out', async () => {
    receiver.respondWith(() => 503);
    await enqueue('alarm.escalated', { alarmId: 3 });
    for (let i = 0; i < 4; i++) {
      assert.equal(await hooks.dispatcher.runOnce(), 1, `attempt ${i + 1}`);
      hooks.clock.now += 3_600_000;
    }
    assert.equal(await hooks.dispatcher.runOnce(), 0, 'no fifth attempt');
    const failed = await deliveries('?status=failed');
    assert.equal(failed.total, 1);
    const [d] = failed.items;
    assert.ok(d);
    assert.equal(d.attempts, 4);
    assert.equal(d.lastStatus, 503);
    assert.equal(d.nextAttemptAt, null);
    assert.equal((await deliveries('?status=pending')).total, 0);

    receiver.respondWith(() => 200);
    const retried = await t.request('POST', `/api/webhooks/deliveries/${d.id}/retry`, supervisor);
    assert.equal(retried.status, 200, retried.body);
    assert.equal((retried.json() as WebhookDelivery).status, 'pending');
    assert.equal((retried.json() as WebhookDelivery).attempts, 0);
    assert.equal(await hooks.dispatcher.runOnce(), 1);
    assert.equal((await t.container.webhooks.get(d.id)).status, 'delivered');
    const again = await t.request('POST', `/api/webhooks/deliveries/${d.id}/retry`, supervisor);
    assert.equal(again.status, 409);
    assert.equal((again.json() as { error: { code: string } }).error.code, 'webhook_delivery.not_failed');

    const audit = await t.container.audit.list({ entity: 'webhook_delivery', page: 1, pageSize: 10 });
    assert.equal(audit.total, 1);
    assert.equal(audit.items[0]?.action, 'retry');
    assert.equal(audit.items[0]?.entityId, String(d.id));
  });

  it('gives up on a receiver that does not answer within the timeout and tries again later', async () => {
    const slow = webhooksOn(t.database, receiver.url, { timeoutMs: 200, clock: hooks.clock });
    receiver.respondWith((n) => (n === 0 ? 'hang' : 200));
    await enqueue('alarm.raised', { alarmId: 4 });
    assert.equal(await slow.dispatcher.runOnce(), 1);
    const [d] = (await deliveries()).items;
    assert.equal(d?.status, 'pending');
    assert.equal(d?.lastStatus, null);
    assert.equal(d?.lastError, 'timeout after 200 ms');
    hooks.clock.now += 60_000;
    assert.equal(await slow.dispatcher.runOnce(), 1);
    assert.equal((await deliveries('?status=delivered')).total, 1);
  });

  it('filters by topic, pages newest first, and is for city managers only', async () => {
    for (let i = 0; i < 3; i++) await enqueue(i === 1 ? 'alarm.closed' : 'alarm.raised', { i });
    const page = await deliveries('?topic=alarm.raised&pageSize=1&page=2');
    assert.equal(page.total, 2);
    assert.deepEqual(
      page.items.map((d) => d.payload),
      [{ i: 0 }],
    );
    const enterprise = await create(t, supervisor, 'enterprises', buildEnterprise());
    const user = await t.tokenFor('enterprise', { enterpriseId: enterprise.id });
    const { items } = await deliveries();
    const first = items[0];
    assert.ok(first);
    for (const [method, url] of [
      ['GET', '/api/webhooks/deliveries'],
      ['GET', `/api/webhooks/deliveries/${first.id}`],
      ['POST', `/api/webhooks/deliveries/${first.id}/retry`],
    ] as const) {
      assert.equal((await t.request(method, url, user)).status, 403, url);
      assert.equal((await t.request(method, url)).status, 401, url);
    }
    const missing = await t.request('POST', '/api/webhooks/deliveries/999999/retry', supervisor);
    assert.equal(missing.status, 404);
    assert.equal((missing.json() as { error: { code: string } }).error.code, 'webhook_delivery.not_found');
    assert.equal((await t.request('GET', '/api/webhooks/deliveries?status=lost', supervisor)).status, 400);
  });
});
