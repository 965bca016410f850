// Browser test of the 管网 page map: the network drawn beside its table, a row click marking and centring its object,
// a map click selecting the object's row, and a pipe's detail page showing its geometry on a map (not JSON); the
// overview map marks when it has drawn. Screenshots at 1366×768 and 1920×1080 land in e2e/screenshots/network-map/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import {
  BROWSER_SKIP,
  ensureWebBuilt,
  launchBrowser,
  SCREENSHOTS,
  signIn,
  startServer,
  type Server,
} from './harness.ts';

const OUT = path.join(SCREENSHOTS, 'network-map');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const MARKED = 'rgb(230, 244, 255)';

describe('network page map in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(OUT, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function login(viewport: { width: number; height: number }): Promise<Page> {
    return signIn(browser, server.url, server.accounts.get('supervisor'), { viewport });
  }

  const map = (page: Page) => page.getByTestId('network-assets-map');
  const rows = (page: Page, tab: string) =>
    page.locator(`[data-testid="table-${tab}"] .ant-table-tbody tr[data-row-key]`);
  const background = (page: Page, tab: string, id: string) =>
    page.evaluate(
      `getComputedStyle(document.querySelector('[data-testid="table-${tab}"] tr[data-row-key="${id}"] > td')).backgroundColor`,
    );
  /** whether the row is marked, once the table's colour transition has ended (up to 3 s) */
  const marked = async (page: Page, tab: string, id: string) => {
    for (let i = 0; i < 30; i++) {
      if ((await background(page, tab, id)) === MARKED) return true;
      await page.waitForTimeout(100);
    }
    return false;
  };

  it('draws the network beside the table; a row click marks the row, a map click selects an object', async () => {
    const page = await login(SIZES[0]);
    await page.goto(`${server.url}/network`);
    await map(page).locator('canvas').first().waitFor();
    await page.locator('[data-testid="network-assets-map"][data-map-drawn-ms]').waitFor();
    await rows(page, 'network-nodes').first().waitFor();
    assert.match(await page.getByText('管网分布').innerText(), /管网分布/);

    // a row click (not on its link) marks the row; the map centres on the node
    const row = rows(page, 'network-nodes').nth(2);
    const id = (await row.getAttribute('data-row-key')) ?? '';
    const code = (await row.locator('td').first().innerText()).trim();
    assert.equal(await marked(page, 'network-nodes', id), false, 'not marked before the click');
    await row.locator('td').nth(1).click();
    assert.equal(await marked(page, 'network-nodes', id), true);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(OUT, 'network-1366.png') });

    // the node now sits in the middle of the map's plot: clicking there selects it by its code
    await map(page).scrollIntoViewIfNeeded();
    const box = await map(page).boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + box.width / 2, box.y + 40 + (box.height - 50) / 2);
    await page.waitForURL((u) => u.searchParams.get('q') !== null);
    const q = new URL(page.url()).searchParams.get('q') ?? '';
    assert.equal(q, code, 'the clicked node is the row’s node');
    await rows(page, 'network-nodes').first().waitFor();
    assert.equal(await marked(page, 'network-nodes', id), true, 'its row stays marked');
    await page.close();
  });

  it('a pipe’s detail page shows its geometry on a map, not as JSON', async () => {
    const page = await login(SIZES[1]);
    await page.goto(`${server.url}/network?tab=pipes`);
    await map(page).locator('canvas').first().waitFor();
    const link = page.locator('[data-testid="table-pipes"] .ant-table-tbody a[href^="/pipes/"]').first();
    await link.waitFor();
    await page.locator('[data-testid="network-assets-map"][data-map-drawn-ms]').waitFor();
    await page.screenshot({ path: path.join(OUT, 'network-pipes-1920.png') });
    const code = (await link.innerText()).trim();
    await link.click();
    await page.getByRole('heading', { level: 2, name: code }).waitFor();
    await page.getByTestId('geometry-map').locator('canvas').first().waitFor();
    await page.locator('[data-testid="geometry-map"][data-map-drawn-ms]').waitFor();
    const text = await page.getByTestId('geometry-text').innerText();
    assert.match(
      text,
      /^\d+ 个点 · 起 \d+\.\d{5}, \d+\.\d{5} → 止 \d+\.\d{5}, \d+\.\d{5} · 约 \d+\.\d{2} km$/,
    );
    const body = await page.locator('main').innerText();
    assert.doesNotMatch(body, /LineString|"coordinates"|\[\[/, 'no raw GeoJSON on the page');
    await page.screenshot({ path: path.join(OUT, 'pipe-detail-1920.png'), fullPage: true });
    await page.setViewportSize(SIZES[0]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, 'pipe-detail-1366.png'), fullPage: true });
    await page.close();
  });

  it('the overview map marks when it has drawn', async () => {
    const page = await login(SIZES[1]);
    await page.locator('[data-testid="network-map-canvas"][data-map-drawn-ms]').waitFor();
    const ms = Number(await page.getByTestId('network-map-canvas').getAttribute('data-map-drawn-ms'));
    assert.ok(ms > 0 && ms < 60_000, `drawn ${ms} ms after navigation`);
    await page.goto(`${server.url}/network`);
    await page.locator('[data-testid="network-assets-map"][data-map-drawn-ms]').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, 'network-1920.png') });
    await page.close();
  });
});
