// `hearth start` as a process: an alarm's webhook still pending when the process is killed (SIGKILL, its receiver
// down) is sent after the process starts again on the same data — to the receiver, once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { AlarmWebhookPayload } from '@hearth/contracts/alarms';
import type { WebhookDelivery } from '@hearth/contracts/webhooks';
import { freePort } from '../../test-support/free-port.ts';
import { startHearthProcess, type HearthProcess } from '../../test-support/hearth-process.ts';
import { createProcessEnv, type ProcessEnv } from '../../test-support/process-env.ts';
import { SECRET, startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver.ts';
import { verifySignature } from './webhooks.rules.ts';

const HEARTH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/hearth.js');

describe('webhook outbox across a process crash', () => {
  let env: ProcessEnv;
  let receiverPort: number;
  let processEnv: Record<string, string>;
  let hearth: HearthProcess | undefined;
  let receiver: WebhookReceiver | undefined;

  before(async () => {
    env = await createProcessEnv('hearth-webhooks-');
    const seeded = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', HEARTH, 'seed', '--scale', 'tiny', '--no-history'],
      { env: { ...process.env, ...env.env, HEARTH_LOG_LEVEL: 'warn' }, encoding: 'utf8' },
    );
    assert.equal(seeded.status, 0, `${seeded.stdout}\n${seeded.stderr}`);
    receiverPort = await freePort();
    processEnv = {
      ...env.env,
      HEARTH_WEBHOOK_URL: `http://127.0.0.1:${receiverPort}/hooks/hearth`,
      HEARTH_WEBHOOK_SECRET: SECRET,
    };
  });
  after(async () => {
    await hearth?.stop();
    await receiver?.close();
    await env.dispose();
  });

  async function api<T>(token: string | null, method: string, url: string, body?: unknown): Promise<T> {
    const r = await fetch(`${hearth?.url}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(r.ok, `${method} ${url}: ${r.status} ${await r.clone().text()}`);
    return (await r.json()) as T;
  }
  /** the seeded supervisor (the seed writes the demo accounts beside the data) */
  const login = async () => {
    const lines = fs.readFileSync(path.join(env.dataDir, 'demo-accounts.txt'), 'utf8').trim().split('\n');
    const [username, password] = (lines.find((l) => l.startsWith('supervisor\t')) ?? '').split('\t');
    return (await api<{ token: string }>(null, 'POST', '/api/auth/login', { username, password })).token;
  };
  const deliveries = async (token: string) =>
    (await api<{ items: WebhookDelivery[] }>(token, 'GET', '/api/webhooks/deliveries')).items;

  it('sends the pending delivery after restart, once', async () => {
    hearth = await startHearthProcess(processEnv);
    let token = await login();
    const enterprise = (await api<{ items: { id: number }[] }>(token, 'GET', '/api/enterprises?pageSize=1'))
      .items[0];
    assert.ok(enterprise);
    const station = await api<{ id: number; code: string; name: string }>(token, 'POST', '/api/stations', {
      code: 'WH-CRASH-1',
      name: '推送测试换热站',
      enterpriseId: enterprise.id,
      capacityMw: 5,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 50_000,
    });
    const device = await api<{ token: string }>(token, 'POST', '/api/devices', { stationId: station.id });
    await api(token, 'POST', '/api/alarm-rules', {
      name: '推送测试：二次供水温度过高',
      severity: 'critical',
      params: {
        type: 'threshold',
        metric: 'secondarySupplyTemp',
        direction: 'above',
        limit: 98,
        forSeconds: 0,
      },
    });
    await api(device.token, 'POST', '/api/ingest/telemetry', [
      { stationCode: station.code, ts: Date.now() - 5000, values: { secondarySupplyTemp: 99.5 } },
    ]);
    // the receiver is down: the event waits in the outbox
    let pending: WebhookDelivery | undefined;
    for (let i = 0; i < 100 && !pending; i++) {
      pending = (await deliveries(token)).find((d) => d.topic === 'alarm.raised');
      if (!pending) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(pending, 'alarm.raised enqueued');
    assert.equal(pending.status, 'pending');
    assert.equal(await hearth.stop('SIGKILL'), 'SIGKILL');

    receiver = await startWebhookReceiver(() => 200, receiverPort);
    hearth = await startHearthProcess(processEnv);
    token = await login();
    let delivered: WebhookDelivery | undefined;
    for (let i = 0; i < 300 && !delivered; i++) {
      delivered = (await deliveries(token)).find((d) => d.id === pending.id && d.status === 'delivered');
      if (!delivered) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(delivered, 'delivered after the restart');
    assert.equal(await hearth.stop('SIGTERM'), 0);

    const ours = receiver.received.filter((h) => h.headers['x-hearth-event-id'] === pending.eventId);
    assert.equal(ours.length, 1, 'once');
    const [hook] = ours;
    assert.ok(hook);
    assert.ok(
      verifySignature(
        SECRET,
        String(hook.headers['x-hearth-signature']),
        hook.body,
        Math.floor(Date.now() / 1000),
      ).ok,
    );
    const body = JSON.parse(hook.body) as { topic: string; payload: AlarmWebhookPayload };
    assert.equal(body.topic, 'alarm.raised');
    assert.equal(body.payload.alarm.targetName, station.name);
  });
});
