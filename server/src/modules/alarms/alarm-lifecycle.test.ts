// The notify port (the webhook outbox's enqueue): every state change hands it one event inside the change's
// transaction — a failing enqueue rolls the change back, so no change is ever committed without its webhook.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AlarmWebhookPayload } from '@hearth/contracts/alarms';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { buildEnterprise, buildHeatSource, create } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import type { AlarmTarget } from './alarm-lifecycle.ts';
import { createAlarmsService, type AlarmsService } from './alarms.service.ts';

describe('alarm webhook events', () => {
  let t: TestApp;
  let alarms: AlarmsService;
  let target: AlarmTarget;
  const sent: { topic: string; payload: AlarmWebhookPayload }[] = [];
  let failNext = false;

  before(async () => {
    t = await createTestApp();
    const sup = await t.tokenFor('supervisor');
    const enterprise = await create(t, sup, 'enterprises', buildEnterprise());
    const source = await create(t, sup, 'heat-sources', buildHeatSource({ enterpriseId: enterprise.id }));
    alarms = createAlarmsService({
      db: t.database.db,
      audit: t.container.audit,
      registry: t.container.registry,
      async notify(executor, event) {
        if (failNext) throw new Error('outbox unavailable');
        // written through the transaction it was handed: visible to it before the commit
        assert.ok(
          await executor
            .selectFrom('alarms')
            .select('id')
            .where('id', '=', event.payload.alarm.id)
            .executeTakeFirst(),
        );
        sent.push(event);
      },
      compensation: { target: () => null },
      latestStationTimes: async () => new Map(),
      timeZone: 'Asia/Shanghai',
      instance: 'lifecycle-test',
    });
    await alarms.start();
    target = (await alarms.heatSourceTargets([source.id])).get(source.id) as AlarmTarget;
  });
  after(async () => t.close());

  it('enqueues one event per state change, with the alarm after it', async () => {
    await alarms.raiseFromHook('fuel_reserve', target, { message: '储备 12 天', value: 12, threshold: 15 });
    const id = sent[0]?.payload.alarm.id as number;
    await alarms.acknowledge(SYSTEM_ACTOR, id, '已联系供应商');
    await alarms.clearFromHook('fuel_reserve', target);
    await alarms.close(SYSTEM_ACTOR, id, '已补库');
    assert.deepEqual(
      sent.map((e) => [e.topic, e.payload.event, e.payload.alarm.state]),
      [
        ['alarm.raised', 'raised', 'raised'],
        ['alarm.acknowledged', 'acknowledged', 'acknowledged'],
        ['alarm.cleared', 'cleared', 'cleared'],
        ['alarm.closed', 'closed', 'closed'],
      ],
    );
    assert.equal(sent[0]?.payload.alarm.ruleName, '燃料储备不足');
  });

  it('a failing enqueue rolls the change back', async () => {
    failNext = true;
    await assert.rejects(alarms.raiseFromHook('fuel_reserve', target, { message: '储备 10 天' }));
    failNext = false;
    const open = await t.database.db
      .selectFrom('alarms')
      .select('id')
      .where('targetKind', '=', 'heat_source')
      .where('targetId', '=', target.id)
      .where('state', '<>', 'closed')
      .execute();
    assert.equal(open.length, 0);
  });
});
