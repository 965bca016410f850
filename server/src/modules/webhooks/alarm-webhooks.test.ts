// The alarm engine's webhook port wired to the outbox (container.ts): a reading over a threshold and the
// supervisor's acknowledgement each reach a local receiver as a signed event carrying the alarm.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AlarmPage, AlarmWebhookPayload } from '@hearth/contracts/alarms';
import type { WebhookDelivery } from '@hearth/contracts/webhooks';
import { buildEnterprise, buildStation, create, registerDevice } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { SECRET, startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver.ts';
import { verifySignature } from './webhooks.rules.ts';

describe('alarm webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let sup: string;

  before(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestApp({
      webhook: { url: receiver.url, secret: SECRET, timeoutMs: 5000, maxAttempts: 3 },
    });
    sup = await t.tokenFor('supervisor');
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  const events = () =>
    receiver.received.map((h) => {
      const body = JSON.parse(h.body) as { topic: string; payload: AlarmWebhookPayload };
      const verdict = verifySignature(
        SECRET,
        h.headers['x-hearth-signature'] as string,
        h.body,
        Math.floor(Date.now() / 1000),
      );
      assert.ok(verdict.ok, 'signed');
      return body;
    });

  it('sends alarm.raised and alarm.acknowledged, signed, with the alarm by name', async () => {
    const enterprise = await create(t, sup, 'enterprises', buildEnterprise());
    const station = await create(t, sup, 'stations', buildStation({ enterpriseId: enterprise.id }));
    const device = await registerDevice(t, sup, { stationId: station.id });
    const rule = await t.request('POST', '/api/alarm-rules', sup, {
      name: '二次供水温度严重过高',
      severity: 'critical',
      params: {
        type: 'threshold',
        metric: 'secondarySupplyTemp',
        direction: 'above',
        limit: 98,
        forSeconds: 0,
      },
    });
    assert.equal(rule.status, 201, rule.body);
    const posted = await t.request('POST', '/api/ingest/telemetry', device.token, [
      { stationCode: station.code, ts: Date.now() - 5000, values: { secondarySupplyTemp: 99.5 } },
    ]);
    assert.equal(posted.status, 200, posted.body);
    await t.container.alarms.idle();

    const pending = await t.request('GET', '/api/webhooks/deliveries?status=pending', sup);
    const queued = (pending.json() as { items: WebhookDelivery[] }).items;
    assert.deepEqual(
      queued.map((d) => d.topic),
      ['alarm.raised'],
    );
    const dispatcher = t.container.webhookDispatcher;
    assert.ok(dispatcher, 'webhooks on');
    assert.equal(await dispatcher.runOnce(), 1);
    const [raised] = events();
    assert.equal(raised?.topic, 'alarm.raised');
    assert.equal(raised?.payload.event, 'raised');
    assert.equal(raised?.payload.alarm.targetName, station.name);
    assert.equal(raised?.payload.alarm.enterpriseName, enterprise.name);
    assert.equal(raised?.payload.alarm.severity, 'critical');
    assert.equal(raised?.payload.alarm.value, 99.5);

    const alarms = (await t.request('GET', `/api/alarms?stationId=${station.id}`, sup)).json() as AlarmPage;
    assert.equal(alarms.items.length, 1);
    const ack = await t.request('POST', `/api/alarms/${alarms.items[0]?.id}/acknowledge`, sup, {
      note: '已通知运行班组',
    });
    assert.equal(ack.status, 200, ack.body);
    assert.equal(await dispatcher.runOnce(), 1);
    const [, acknowledged] = events();
    assert.equal(acknowledged?.topic, 'alarm.acknowledged');
    assert.equal(acknowledged?.payload.alarm.state, 'acknowledged');
    assert.equal(acknowledged?.payload.alarm.id, alarms.items[0]?.id);
    assert.equal(await dispatcher.runOnce(), 0, 'each event once');
  });
});
