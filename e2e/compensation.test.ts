// Browser test of the compensation target on a station's chart: the API's hourly targets drawn as 目标供水温度（气候补偿）
// with a shaded ±3 ℃ band beside the measured secondary supply (posted here: on target, then 6 ℃ too hot), the band
// width changed on the chart, screenshots at 1366×768 and 1920×1080 in e2e/screenshots/ for people to look at.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { CompensationSeries } from '@hearth/contracts/compensation';
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

const MIN = 60_000;
const HOUR = 60 * MIN;
type Station = { id: number; code: string; name: string };

describe('compensation target band in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let station: Station;
  let hours = 0;

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer();
    const token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    const api = <T>(method: string, url: string, body?: unknown) =>
      apiCall<T>(server.url, token, method, url, body);
    // a new station (no seeded history): its only secondary supply readings are the ones posted here
    const enterprise = (await api<{ items: { id: number }[] }>('GET', '/api/enterprises?pageSize=1'))
      .items[0];
    station = await api<Station>('POST', '/api/stations', {
      code: 'ST-COMP-E2E',
      name: '气候补偿测试站',
      enterpriseId: enterprise?.id,
      capacityMw: 5,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 100_000,
    });
    const end = Date.now() - MIN;
    const from = new Date(end - 24 * HOUR).toISOString();
    const targets = await api<CompensationSeries>(
      'GET',
      `/api/stations/${station.id}/compensation/series?from=${from}&to=${new Date(end).toISOString()}`,
    );
    hours = targets.points.length;
    const device = await api<{ token: string }>('POST', '/api/devices', { stationId: station.id });
    // every 15 minutes: on the target ± 1 ℃, the last 3 hours 6 ℃ above it (outside the ±3 ℃ band)
    const readings = targets.points.flatMap((p, h) =>
      [0, 15, 30, 45].map((m) => ({
        stationCode: station.code,
        ts: Date.parse(p.at) + m * MIN,
        values: { secondarySupplyTemp: p.supply + Math.sin(h + m / 15) + (h >= hours - 3 ? 6 : 0) },
      })),
    );
    const r = await apiCall<{ accepted: number }>(
      server.url,
      device.token,
      'POST',
      '/api/ingest/telemetry',
      readings,
    );
    assert.ok(r.accepted > 0);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the target band beside the measured secondary supply, with a band width the user sets', async () => {
    assert.ok(hours >= 23, `${hours} hourly targets`);
    const page = await signIn(browser, server.url, server.accounts.get('supervisor'), {
      viewport: { width: 1366, height: 768 },
      timezoneId: 'UTC',
    });
    await page.goto(`${server.url}/stations/${station.id}`);
    const chart = page.getByTestId('analysis-chart');
    await chart.locator('canvas').first().waitFor();
    await waitForAttribute(chart, 'data-target-points', (v) => Number(v) >= 23);
    assert.equal(await chart.getAttribute('data-target-band'), '3');
    assert.match((await chart.getAttribute('data-legend')) ?? '', /二次供水温度/);
    await chart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compensation-band-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compensation-band-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });

    // antd puts the test id on the <input> itself or on its wrapper, depending on the version
    const band = page.locator(
      'input[data-testid="analysis-target-band"], [data-testid="analysis-target-band"] input',
    );
    await band.fill('5');
    await band.press('Enter');
    await waitForAttribute(chart, 'data-target-band', (v) => v === '5');

    // without the secondary supply among the metrics there is no target band (its option toggles it off)
    await page.getByTestId('analysis-metrics').locator('input').first().click();
    await page.keyboard.type('二次供水温度');
    await page.locator('.ant-select-item-option').filter({ hasText: '二次供水温度 (℃)' }).first().click();
    await page.keyboard.press('Escape');
    // (this station measured nothing else: the chart is empty, with neither band nor band input)
    await band.waitFor({ state: 'detached' });
    await page.getByText('所选时间段内暂无数据').waitFor();
    await page.close();
  });
});
