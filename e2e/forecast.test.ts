// Browser test of 负荷预测: on the seeded demo city (its season's history of heat power) the supervisor opens the
// page from the menu, sees the city's history + forecast chart and the backtest figures, picks a station by name;
// an enterprise user has no city level. Screenshots at 1366×768 and 1920×1080 land in e2e/screenshots/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  BROWSER_SKIP,
  ensureWebBuilt,
  launchBrowser,
  SCREENSHOTS,
  signIn,
  startServer,
  type Server,
} from './harness.ts';

describe('load forecast page in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the city forecast with its backtest, then a station picked by name', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const page = await signIn(browser, server.url, server.accounts.get('supervisor'), { viewport });
      await page.getByRole('link', { name: '负荷预测' }).click();
      await page.waitForURL((u) => u.pathname === '/forecast');
      await page.getByTestId('forecast-chart').locator('canvas').first().waitFor();
      const backtest = page.getByTestId('forecast-backtest');
      await backtest.getByText('MAPE', { exact: true }).waitFor();
      assert.match((await backtest.textContent()) ?? '', /持续法 MAPE/);
      assert.equal(await page.getByTestId('forecast-table').locator('tbody tr.ant-table-row').count(), 7);
      await page.waitForTimeout(600); // the chart's entry animation
      await page.screenshot({ path: path.join(SCREENSHOTS, `forecast-city-${viewport.width}.png`) });

      await page.getByTestId('forecast-level').getByText('换热站').click();
      const select = page.getByTestId('forecast-target');
      await select.click();
      const first = page.locator('.ant-select-item-option').first();
      const name = (await first.textContent()) ?? '';
      await first.click();
      await page.getByText(`${name} · 日热量`).waitFor();
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(SCREENSHOTS, `forecast-station-${viewport.width}.png`) });
      await page.close();
    }
  });

  it('an enterprise user has no city level', async () => {
    const page = await signIn(browser, server.url, server.accounts.get('enterprise1'));
    await page.goto(`${server.url}/forecast`);
    await page.getByTestId('forecast-chart').locator('canvas').first().waitFor();
    const levels = (await page.getByTestId('forecast-level').textContent()) ?? '';
    assert.ok(!levels.includes('全市') && levels.includes('供热企业'), levels);
    await page.close();
  });
});
