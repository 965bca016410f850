// Browser test of the analysis charts: a station's chart overlays several metrics with a second axis for pressure
// and the design temperatures, compares stations (a 6th refused), exports the series; the monitoring table marks a
// value outside its range, sorts and exports. Readings come through the HTTP ingest API (no seeded history needed).
// Screenshots at 1366×768 and 1920×1080 land in e2e/screenshots/ for people to look at.
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

/** the browser globals these tests touch (the e2e files compile without the DOM library) */
type BrowserGlobals = {
  getComputedStyle(e: unknown): { color: string };
  scrollTo(x: number, y: number): void;
};

const MIN = 60_000;
type Station = { id: number; code: string; name: string };

describe('analysis charts in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let stations: Station[] = [];

  const api = <T>(token: string, method: string, url: string, body?: unknown): Promise<T> =>
    apiCall<T>(server.url, token, method, url, body);

  /** 6 h of readings every 15 minutes for the first 6 stations; the first one's secondary supply ends too hot */
  async function seedReadings(token: string) {
    stations = (await api<{ items: Station[] }>(token, 'GET', '/api/stations?pageSize=6&sort=code')).items;
    assert.equal(stations.length, 6);
    const end = Date.now() - MIN;
    for (const [i, s] of stations.entries()) {
      const device = await api<{ token: string }>(token, 'POST', '/api/devices', { stationId: s.id });
      const readings = Array.from({ length: 24 }, (_, k) => {
        const ts = end - (23 - k) * 15 * MIN;
        const wave = Math.sin(k / 4);
        return {
          stationCode: s.code,
          ts,
          values: {
            primarySupplyTemp: 95 + 5 * wave + i,
            primaryReturnTemp: 55 + 3 * wave + i,
            secondarySupplyTemp: i === 0 && k === 23 ? 98 : 62 + 4 * wave + i,
            secondaryReturnTemp: 45 + 2 * wave + i,
            primarySupplyPressure: 0.9 + 0.05 * wave,
            secondaryReturnPressure: 0.3,
            flow: 180 + 20 * wave + 10 * i,
            heatPower: 4 + wave,
          },
        };
      });
      const r = await api<{ accepted: number }>(device.token, 'POST', '/api/ingest/telemetry', readings);
      assert.equal(r.accepted, readings.length);
    }
  }

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer();
    await seedReadings(await apiLogin(server.url, server.accounts.get('supervisor') as Account));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function login(width: number, height: number): Promise<Page> {
    return signIn(browser, server.url, server.accounts.get('supervisor'), {
      viewport: { width, height },
      timezoneId: 'UTC',
      acceptDownloads: true,
    });
  }

  const chartAttr = (page: Page, name: string) =>
    page
      .getByTestId('analysis-chart')
      .getAttribute(name)
      .then((v) => v ?? '');

  it('overlays several metrics with a pressure axis and the design temperatures, then exports them', async () => {
    const station = stations[0] as Station;
    const page = await login(1366, 768);
    await page.goto(`${server.url}/stations/${station.id}`);
    await page.getByTestId('analysis-chart').locator('canvas').first().waitFor();
    assert.equal(await chartAttr(page, 'data-legend'), '一次供水温度|一次回水温度|二次供水温度|二次回水温度');
    assert.equal(await chartAttr(page, 'data-axes'), '℃');
    assert.equal(await chartAttr(page, 'data-marklines'), '设计供水温度|设计回水温度');

    // a pressure beside the temperatures: a second y-axis in MPa
    // into the search box (a click on the tags could close one)
    await page.getByTestId('analysis-metrics').locator('input').first().click();
    await page.keyboard.type('一次供水压力');
    await page.locator('.ant-select-item-option').filter({ hasText: '一次供水压力 (MPa)' }).first().click();
    await page.keyboard.press('Escape');
    await waitForAttribute(page.getByTestId('analysis-chart'), 'data-axes', (v) => v === '℃|MPa');
    assert.match(await chartAttr(page, 'data-legend'), /二次回水温度\|一次供水压力$/);
    assert.ok(Number(await chartAttr(page, 'data-points')) >= 5 * 24, 'every line has its readings');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charts-metrics-1366.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('analysis-export-csv').click(),
    ]);
    assert.match(download.suggestedFilename(), /^运行曲线-\d{8}-\d{4}\.csv$/);
    const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, first] = csv.split('\r\n');
    assert.equal(
      header,
      '时间,站名,站编码,一次供水温度 (℃),一次回水温度 (℃),二次供水温度 (℃),二次回水温度 (℃),一次供水压力 (MPa)',
    );
    assert.match(
      first ?? '',
      new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,${station.name},${station.code},\\d+\\.\\d,`),
    );
    await page.close();
  });

  it('compares stations on one metric and refuses a 6th', async () => {
    const page = await login(1920, 1080);
    await page.goto(`${server.url}/stations/${(stations[0] as Station).id}`);
    await page.getByTestId('analysis-chart').locator('canvas').first().waitFor();
    await page.getByTestId('analysis-mode').getByText('多站对比').click();
    await page.getByTestId('analysis-stations').waitFor();
    const picker = page.getByTestId('analysis-stations');
    // the search box itself is clicked and filled: a click on the picker's middle can land on a chosen tag
    const search = picker.getByRole('combobox');
    for (const s of stations.slice(1, 6)) {
      await search.click();
      await search.fill(s.name);
      const option = page.locator('.ant-select-item-option').filter({ hasText: s.name }).first();
      await option.waitFor();
      await option.click();
      await page.keyboard.press('Escape');
    }
    // the 6th station is refused with a message; the chart keeps 5
    await page.getByText('最多同时对比 5 个换热站，请先移除一个').waitFor();
    const names = stations.slice(0, 5).map((s) => s.name);
    await waitForAttribute(page.getByTestId('analysis-chart'), 'data-legend', (v) => v === names.join('|'));
    assert.equal(await chartAttr(page, 'data-marklines'), '', 'no design lines across stations');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charts-compare-1920.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charts-compare-1366.png'), fullPage: true });
    await page.close();
  });

  it('marks a value outside its range in the monitoring table, sorts and exports it', async () => {
    const page = await login(1920, 1080);
    await page.goto(`${server.url}/monitoring`);
    const table = page.getByTestId('monitoring-table');
    await table.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    // a click on 二次回温 sorts ascending, a second descending, on the server (the URL keeps it)
    const header = table.locator('th').filter({ hasText: '二次回温' });
    await header.click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'secondaryReturnTemp');
    await table.locator('th[aria-sort="ascending"]').filter({ hasText: '二次回温' }).waitFor();
    await header.click();
    await page.waitForURL((u) => u.searchParams.get('sort') === '-secondaryReturnTemp');
    await table.locator('th[aria-sort="descending"]').filter({ hasText: '二次回温' }).waitFor();
    const column = await table
      .locator('th')
      .evaluateAll((ths) => ths.findIndex((th) => th.textContent?.includes('二次回温')));
    const cells = table.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${column + 1})`);
    const readColumn = async () =>
      (await cells.evaluateAll((tds) => tds.map((td) => Number(td.textContent?.replace(/,/g, ''))))).filter(
        (v) => Number.isFinite(v),
      );
    const descending = (v: number[]) => v.join() === [...v].sort((a, b) => b - a).join();
    // the new page replaces the previous one when it arrives
    let shown = await readColumn();
    for (let tries = 0; tries < 50 && !descending(shown); tries++) {
      await page.waitForTimeout(200);
      shown = await readColumn();
    }
    assert.ok(shown.length >= 6, `values shown: ${shown.join(' ')}`);
    assert.ok(descending(shown), `highest first: ${shown.join(' ')}`);
    // the first station's 98 ℃ secondary supply is above its 30–95 ℃ band: red, with the band on hover (searched
    // by its code: where it ranks among the seeded stations depends on the hour the history was written)
    await page.goto(
      `${server.url}/monitoring?sort=-secondaryReturnTemp&q=${encodeURIComponent((stations[0] as Station).code)}`,
    );
    const row = table
      .locator('.ant-table-tbody tr.ant-table-row')
      .filter({ has: page.getByText((stations[0] as Station).code, { exact: true }) });
    const mark = row.locator('[data-out-of-range]');
    // (the previous page stays on screen until the searched one arrives)
    await mark.first().waitFor();
    assert.deepEqual(await mark.evaluateAll((es) => es.map((e) => e.getAttribute('data-out-of-range'))), [
      'secondarySupplyTemp',
    ]);
    assert.equal(await mark.first().innerText(), '98');
    const colour = await mark
      .first()
      .evaluate((e) => (globalThis as unknown as BrowserGlobals).getComputedStyle(e).color);
    assert.equal(colour, 'rgb(207, 19, 34)');
    await mark.first().hover();
    await page.getByText('超出正常范围 30–95 ℃').waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.mouse.move(0, 0);
    await page.evaluate(() => (globalThis as unknown as BrowserGlobals).scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charts-monitoring-1366.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charts-monitoring-1920.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('monitoring-export-xlsx').click(),
    ]);
    assert.match(download.suggestedFilename(), /^运行监测-\d{8}-\d{4}\.xlsx$/);
    const bytes = fs.readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX workbook');
    await page.close();
  });
});
