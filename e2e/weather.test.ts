// Browser test of the 气象 page on the seeded demo city: the hourly chart, daily means with the averaging switch,
// degree days and the heating-period verdict show; the supervisor imports a file with a bad row (its line and column
// listed, the good rows in) and records a decision; an enterprise user reads the page without the import or decision
// controls. Screenshots at 1366×768 and 1920×1080 land in e2e/screenshots/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import {
  BROWSER_SKIP,
  ensureWebBuilt,
  launchBrowser,
  SCREENSHOTS,
  signIn,
  startServer,
  type Server,
} from './harness.ts';

describe('weather page in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the demo city’s weather, imports a file with a bad row and records a decision', async () => {
    const page = await signIn(browser, server.url, server.accounts.get('supervisor'), {
      viewport: { width: 1920, height: 1080 },
    });
    await page.goto(`${server.url}/weather`);
    await page.getByTestId('hourly-chart').waitFor();
    await page.getByTestId('daily-chart').waitFor();
    await page.getByTestId('recommended-start').waitFor();
    // the cold-wave warnings of the coming week (寒潮预警), shared with the 升温令 page
    await page.getByTestId('cold-wave-warnings').getByText('寒潮预警').waitFor();
    const now = await page.getByTestId('outdoor-now').textContent();
    assert.match(now ?? '', /-?\d+\.\d\s*℃/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'weather-1920.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'weather-1366.png') });
    await page.getByTestId('averaging').getByText('四次定时观测平均').click();
    await page.getByTestId('daily-chart').waitFor();

    // an import with one bad line: the dialog lists it by line and column, the good rows went in
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-weather-')), 'obs.csv');
    fs.writeFileSync(file, 'time,temp\n2020-01-01 00:00,-3.5\n2020-01-01 01:00,cold\n2020-01-01 02:00,-4\n');
    await page.getByTestId('import-observations').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(file);
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /导\s*入/ })
      .click();
    const errors = page.getByTestId('weather-import-errors');
    await errors.waitFor();
    const row = await errors.locator('tbody tr').first().textContent();
    assert.match(row ?? '', /3.*temp.*weather\.row_invalid_temp/);
    assert.match((await page.getByTestId('weather-import-result').textContent()) ?? '', /新增 2/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'weather-import-1366.png') });
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /完\s*成/ })
      .click();

    // a decision: the list shows it with the recommendation it was based on
    const form = page.getByTestId('decision-form');
    await form.locator('#note').fill('寒潮提前');
    await form.locator('#start').fill('2026-11-10');
    // Enter picks the typed date and submits the form
    await form.locator('#start').press('Enter');
    await page.getByTestId('decisions-table').getByText('寒潮提前').waitFor();
    assert.match((await page.getByTestId('decisions-table').textContent()) ?? '', /2026-11-10/);
    await page.getByTestId('decisions-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'weather-decision-1366.png') });
    await page.close();
  });

  it('lets an enterprise user read the page without import or decision controls', async () => {
    const page = await signIn(browser, server.url, server.accounts.get('enterprise1'), {
      viewport: { width: 1366, height: 768 },
    });
    await page.goto(`${server.url}/weather`);
    await page.getByTestId('hourly-chart').waitFor();
    await page.getByTestId('decisions-table').waitFor();
    assert.equal(await page.getByTestId('import-observations').count(), 0);
    assert.equal(await page.getByTestId('decision-form').count(), 0);
    await page.close();
  });
});
