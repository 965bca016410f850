// Browser test of the demo city's past: the seeded city (harness: `hearth seed --scale tiny`, history included)
// has a season of data on every station, the station chart draws it for 本采暖季, and 设备管理 marks and filters
// the demo devices. Screenshots at 1366×768 and 1920×1080 land in e2e/screenshots/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
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

const DAY = 86_400_000;
type Station = { id: number; code: string; name: string };
type Series = { resolution: string; series: { stationId: number; points: unknown[] }[] };

/** 11-15 00:00 city time (UTC+8) of the season the clock is in (the harness seeds in season or the last one) */
function seasonStart(now: number): number {
  const year = new Date(now + 8 * 3_600_000).getUTCFullYear();
  const start = (y: number) => Date.UTC(y, 10, 15) - 8 * 3_600_000;
  return now >= start(year) ? start(year) : start(year - 1);
}

describe('the demo city has a past', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let stations: Station[];

  const api = <T>(url: string): Promise<T> => apiCall<T>(server.url, token, 'GET', url);

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer();
    token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    stations = (await api<{ items: Station[] }>('/api/stations?pageSize=100&sort=code')).items;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function login(width: number, height: number): Promise<Page> {
    return signIn(browser, server.url, server.accounts.get('supervisor'), { viewport: { width, height } });
  }

  it('has every day of the season on every station', async () => {
    const now = Date.now();
    const from = seasonStart(now);
    const days = Math.floor((now - from) / DAY); // whole days so far (today may have begun minutes ago)
    assert.ok(stations.length > 0);
    for (let i = 0; i < stations.length; i += 5) {
      const ids = stations.slice(i, i + 5).map((s) => s.id);
      const q = new URLSearchParams({
        stationIds: ids.join(','),
        metrics: 'secondarySupplyTemp',
        from: new Date(from).toISOString(),
        to: new Date(now).toISOString(),
        resolution: '1d',
      });
      const body = await api<Series>(`/api/monitoring/series?${q.toString()}`);
      for (const s of body.series)
        assert.ok(s.points.length >= days, `station ${s.stationId}: ${s.points.length} of ${days} days`);
    }
  });

  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const)
    it(`draws the season on a station's chart at ${width}×${height}`, async () => {
      const page = await login(width, height);
      const station = stations[0] as Station;
      await page.goto(`${server.url}/stations/${station.id}`);
      await page.getByTestId('analysis-range').getByText('本采暖季').click();
      const chart = page.getByTestId('analysis-chart');
      const expected = Math.floor((Date.now() - seasonStart(Date.now())) / DAY) * 24;
      await waitForAttribute(chart, 'data-points', (v) => Number(v) >= expected, 30_000);
      assert.ok(await chart.locator('canvas').count(), 'the chart draws');
      await chart.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `history-station-${width}.png`) });
      await page.close();
    });

  it('marks the demo devices 演示 and filters them', async () => {
    const page = await login(1366, 768);
    await page.goto(`${server.url}/devices`);
    const table = page.getByTestId('devices-table');
    await table.getByText('演示', { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'history-devices-1366.png') });
    // 非演示设备: none in a freshly seeded city
    await page.getByText('全部设备', { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '非演示设备' }).click();
    await page.waitForURL((u) => u.searchParams.get('demo') === 'false');
    const rows = table.locator('.ant-table-tbody tr.ant-table-row');
    for (let i = 0; i < 50 && (await rows.count()) > 0; i++) await page.waitForTimeout(200);
    assert.equal(await rows.count(), 0);
    await page.close();
  });
});
