// Browser test of 升温令: readings before the effective time and after the deadline are posted for two new
// stations, an order with both times in the past is issued, and the detail page lists per enterprise one station
// that complied and one that did not, with the figures; the enterprise sees its own list; a city manager issues
// an order through the form. Screenshots at 1366×768 and 1920×1080 land in e2e/screenshots/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import type { RaiseOrderDetail } from '@hearth/contracts/raise-orders';
import {
  apiCall,
  apiLogin,
  BROWSER_SKIP,
  ensureWebBuilt,
  launchBrowser,
  SCREENSHOTS,
  signIn,
  startServer,
  type Account,
  type Server,
} from './harness.ts';

const SMALL = { width: 1366, height: 768 };
const LARGE = { width: 1920, height: 1080 };
const HOUR = 3_600_000;

/** no request in flight and the spinners' fade-out over, before a screenshot */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
}

describe('raise orders 升温令 in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let enterpriseId: number;
  let order: RaiseOrderDetail;

  const call = <T>(method: string, url: string, body?: unknown, bearer = token): Promise<T> =>
    apiCall<T>(server.url, bearer, method, url, body);

  /** a new station of the enterprise reporting `before` ℃ before the effective time and `after` ℃ after the deadline */
  async function station(code: string, name: string, now: number, before: number, after: number) {
    const s = await call<{ id: number; code: string }>('POST', '/api/stations', {
      code,
      name,
      enterpriseId,
      capacityMw: 10,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 80_000,
    });
    const device = await call<{ token: string }>('POST', '/api/devices', { stationId: s.id });
    const at = (h: number, value: number) => ({
      stationCode: s.code,
      ts: now + h * HOUR,
      values: { secondarySupplyTemp: value },
    });
    await call(
      'POST',
      '/api/ingest/telemetry',
      [...[-12.5, -11.5, -10.5].map((h) => at(h, before)), ...[-5.5, -4.5, -3.5].map((h) => at(h, after))],
      device.token,
    );
    return s.id;
  }

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    const entToken = await apiLogin(server.url, server.accounts.get('enterprise1') as Account);
    enterpriseId = (
      await call<{ user: { enterpriseId: number } }>('GET', '/api/auth/me', undefined, entToken)
    ).user.enterpriseId;
    const now = Date.now();
    const raised = await station('E2E-RAISE-1', '升温测试一站', now, 50, 54);
    const flat = await station('E2E-RAISE-2', '升温测试二站', now, 50, 50.5);
    order = await call<RaiseOrderDetail>('POST', '/api/raise-orders', {
      scope: 'stations',
      stationIds: [raised, flat],
      mode: 'increase',
      value: 3,
      effectiveAt: new Date(now - 10 * HOUR).toISOString(),
      deadline: new Date(now - 6 * HOUR).toISOString(),
      reason: '寒潮蓝色预警，二次供水温度提高 3 ℃',
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function login(account: string, viewport = SMALL): Promise<Page> {
    return signIn(browser, server.url, server.accounts.get(account), {
      viewport,
      timezoneId: 'Asia/Shanghai',
    });
  }

  it('shows the compliance list of an order: one station complied, one did not, with the figures', async () => {
    const page = await login('supervisor');
    await page.goto(`${server.url}/raise-orders`);
    await page.getByTestId('cold-wave-warnings').waitFor();
    await page.getByTestId('raise-orders-table').getByText(order.code).waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'raise-orders-1366.png') });
    await page.getByRole('link', { name: order.code }).click();
    await page.waitForURL(`**/raise-orders/${order.id}`);
    const card = page.getByTestId(`compliance-enterprise-${enterpriseId}`);
    await card.waitFor();
    await settle(page);
    const row = (name: string) => card.locator('tr', { hasText: name });
    assert.equal(
      await row('升温测试一站').locator('[data-outcome]').getAttribute('data-outcome'),
      'complied',
    );
    assert.equal(
      await row('升温测试二站').locator('[data-outcome]').getAttribute('data-outcome'),
      'not_complied',
    );
    assert.match((await row('升温测试一站').textContent()) ?? '', /50\.00 ℃.*54\.00 ℃.*\+3\.00 ℃.*\+4\.00 ℃/);
    assert.match((await row('升温测试二站').textContent()) ?? '', /\+0\.50 ℃/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'raise-order-detail-1366.png'), fullPage: true });
    // the station name leads to the station page
    await row('升温测试一站').getByRole('link', { name: '升温测试一站' }).click();
    await page.waitForURL(/\/stations\/\d+$/);
    await page.close();

    const large = await login('supervisor', LARGE);
    await large.goto(`${server.url}/raise-orders/${order.id}`);
    await large.getByTestId(`compliance-enterprise-${enterpriseId}`).waitFor();
    await settle(large);
    await large.screenshot({ path: path.join(SCREENSHOTS, 'raise-order-detail-1920.png') });
    await large.goto(`${server.url}/raise-orders`);
    await large.getByTestId('raise-orders-table').getByText(order.code).waitFor();
    await settle(large);
    await large.screenshot({ path: path.join(SCREENSHOTS, 'raise-orders-1920.png') });
    await large.close();
  });

  it('shows the enterprise its own order and results, without the issue button', async () => {
    const page = await login('enterprise1');
    await page.goto(`${server.url}/raise-orders`);
    await page.getByTestId('raise-orders-table').getByText(order.code).waitFor();
    assert.equal(await page.getByRole('button', { name: '下达升温令' }).count(), 0);
    await page.goto(`${server.url}/raise-orders/${order.id}`);
    await page.getByTestId(`compliance-enterprise-${enterpriseId}`).waitFor();
    assert.equal(await page.locator('[data-testid^="compliance-enterprise-"]').count(), 1);
    await page.close();
  });

  it('issues an order for a station picked by name through the form', async () => {
    const page = await login('supervisor');
    await page.goto(`${server.url}/raise-orders`);
    await page.getByRole('button', { name: '下达升温令' }).first().click();
    await page.getByRole('radio', { name: '指定换热站' }).check();
    await page.getByTestId('pick-stations').click();
    await page.keyboard.type('升温测试');
    await page.locator('.ant-select-item-option', { hasText: '升温测试一站' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('原因').fill('表单下达测试');
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'raise-order-form-1366.png') });
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.waitForURL(/\/raise-orders\/\d+$/);
    assert.equal(await page.getByTestId('order-status').textContent(), '已下达');
    assert.equal(await page.getByTestId('compliance-kind').getAttribute('data-kind'), 'pending');
    assert.match((await page.locator('.ant-descriptions').textContent()) ?? '', /指定换热站：升温测试一站/);
    await page.close();
  });
});
