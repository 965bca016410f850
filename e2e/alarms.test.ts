// Browser test of 报警中心: a reading over a threshold raises an alarm that appears in the open list without a
// reload (the alarm stream); the supervisor acknowledges it with a note and the timeline shows who and why; an
// enterprise user of another enterprise does not see it. Screenshots at 1366×768 and 1920×1080 land in
// e2e/screenshots/ for people to look at.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { AlarmPage, AlarmWebhookPayload } from '@hearth/contracts/alarms';
import {
  SECRET,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../server/src/test-support/webhook-receiver.ts';
import { verifySignature } from '../server/src/modules/webhooks/webhooks.rules.ts';
import {
  apiCall,
  apiLogin,
  BROWSER_SKIP,
  ensureWebBuilt,
  launchBrowser,
  SCREENSHOTS,
  signIn,
  startServer,
  waitForAttribute,
  type Account,
  type Server,
} from './harness.ts';

const SMALL = { width: 1366, height: 768 };
const LARGE = { width: 1920, height: 1080 };
const STATION_NAME = '报警测试换热站';

describe('报警中心 in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let receiver: WebhookReceiver;
  let stationId = 0;

  const call = <T>(method: string, url: string, body?: unknown, bearer = token): Promise<T> =>
    apiCall<T>(server.url, bearer, method, url, body);

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    // the server reads its webhook receiver from the environment it inherits
    receiver = await startWebhookReceiver();
    process.env.HEARTH_WEBHOOK_URL = receiver.url;
    process.env.HEARTH_WEBHOOK_SECRET = SECRET;
    server = await startServer();
    delete process.env.HEARTH_WEBHOOK_URL;
    delete process.env.HEARTH_WEBHOOK_SECRET;
    browser = await launchBrowser();
    token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  it('shows a new alarm live, without a reload, and the supervisor acknowledges it', async () => {
    // the station belongs to an enterprise other than enterprise1's (the next test looks as enterprise1)
    const entToken = await apiLogin(server.url, server.accounts.get('enterprise1') as Account);
    const me = await call<{ user: { enterpriseId: number } }>('GET', '/api/auth/me', undefined, entToken);
    const enterprise = (
      await call<{ items: { id: number }[] }>('GET', '/api/enterprises?pageSize=50')
    ).items.find((e) => e.id !== me.user.enterpriseId);
    assert.ok(enterprise);
    const station = await call<{ id: number; code: string }>('POST', '/api/stations', {
      code: 'E2E-ALARM-1',
      name: STATION_NAME,
      enterpriseId: enterprise.id,
      capacityMw: 10,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 80_000,
    });
    stationId = station.id;
    const device = await call<{ token: string }>('POST', '/api/devices', { stationId: station.id });
    await call('POST', '/api/alarm-rules', {
      name: 'E2E 二次供水温度过高',
      severity: 'critical',
      params: {
        type: 'threshold',
        metric: 'secondarySupplyTemp',
        direction: 'above',
        limit: 98,
        forSeconds: 0,
      },
    });

    const page = await signIn(browser, server.url, server.accounts.get('supervisor'), { viewport: SMALL });
    await page.goto(`${server.url}/alarms`);
    await page.getByTestId('alarm-list').waitFor();
    await waitForAttribute(page.getByTestId('alarm-live'), 'data-state', (s) => s === 'open');
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));

    await call(
      'POST',
      '/api/ingest/telemetry',
      [{ stationCode: station.code, ts: Date.now() - 10_000, values: { secondarySupplyTemp: 99.5 } }],
      device.token,
    );
    const row = page.getByTestId('alarm-list').locator('tr', { hasText: STATION_NAME });
    await row.waitFor({ timeout: 20_000 });
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker),
      42,
      'the alarm came without a reload',
    );
    assert.equal(await row.getByTestId('alarm-severity').innerText(), '紧急');
    assert.equal(await row.getByTestId('alarm-state').innerText(), '未确认');
    assert.match(await row.innerText(), /99\.5 ℃/);
    assert.match(await row.innerText(), /E2E 二次供水温度过高/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alarms-live-1366.png') });

    await row.getByTestId('alarm-ack').click();
    await page.getByTestId('alarm-note').fill('已通知运行班组降低供温');
    await page.getByTestId('alarm-action-ok').click();
    await row.getByTestId('alarm-state').filter({ hasText: '已确认' }).waitFor();
    await page.getByTestId('alarm-note').waitFor({ state: 'hidden' });
    const listed = await call<AlarmPage>('GET', `/api/alarms?stationId=${station.id}`);
    assert.equal(listed.items.length, 1);
    assert.equal(listed.items[0]?.state, 'acknowledged');

    await row.getByTestId('alarm-details').click();
    // the events are drawn in the drawer only
    const drawer = page.locator('body');
    const ack = drawer.locator('[data-testid="alarm-event"][data-kind="acknowledged"]');
    await ack.waitFor();
    assert.match(await ack.innerText(), /已通知运行班组降低供温/);
    assert.equal(await drawer.locator('[data-testid="alarm-event"][data-kind="raised"]').count(), 1);
    await page.setViewportSize(LARGE);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alarms-timeline-1920.png') });
    await page.keyboard.press('Escape');
    await ack.waitFor({ state: 'hidden' });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alarms-live-1920.png') });
    await page.close();

    // the same two changes went out as signed webhooks (the dispatcher runs inside `hearth start`)
    const ours = () =>
      receiver.received
        .map((h) => ({ h, body: JSON.parse(h.body) as { topic: string; payload: AlarmWebhookPayload } }))
        .filter(({ body }) => body.payload.alarm.stationId === station.id);
    for (let i = 0; i < 100 && ours().length < 2; i++) await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      ours().map(({ body }) => body.topic),
      ['alarm.raised', 'alarm.acknowledged'],
    );
    for (const { h } of ours())
      assert.ok(
        verifySignature(
          SECRET,
          String(h.headers['x-hearth-signature']),
          h.body,
          Math.floor(Date.now() / 1000),
        ).ok,
      );
  });

  it("an enterprise user does not see another enterprise's alarm", async () => {
    const account = server.accounts.get('enterprise1') as Account;
    const entToken = await apiLogin(server.url, account);
    const theirs = await call<AlarmPage>('GET', `/api/alarms?stationId=${stationId}`, undefined, entToken);
    assert.equal(theirs.total, 0);
    const page = await signIn(browser, server.url, account, { viewport: SMALL });
    await page.goto(`${server.url}/alarms`);
    await page.getByTestId('alarm-list').waitFor();
    assert.equal(
      await page.getByRole('tab', { name: '推送记录' }).count(),
      0,
      'deliveries are for city managers',
    );
    await page.getByRole('tab', { name: '历史记录' }).click();
    const history = page.getByTestId('alarm-history');
    await history.locator('.ant-table-row, .ant-empty').first().waitFor();
    assert.equal(await history.locator('tr', { hasText: STATION_NAME }).count(), 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alarms-enterprise-1366.png') });
    // the sound is off by default and the choice outlives a reload
    const sound = page.getByTestId('alarm-sound');
    assert.equal(await sound.getAttribute('aria-checked'), 'false');
    await sound.click();
    await page.reload();
    await waitForAttribute(page.getByTestId('alarm-sound'), 'aria-checked', (v) => v === 'true');
    await page.close();
  });
});
