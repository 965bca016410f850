// Browser test: the console and the API docs work under Hearth's Content-Security-Policy — every page an admin
// reaches renders with no CSP violation reported (securitypolicyviolation events and console messages).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  apiLogin,
  BROWSER_SKIP,
  ensureWebBuilt,
  launchBrowser,
  startServer,
  type Server,
} from './harness.ts';

describe('console under the Content-Security-Policy', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  const violations: string[] = [];

  before(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await context.exposeBinding('reportCspViolation', (source, text: string) => {
      violations.push(`${source.page.url()}: ${text}`);
    });
    // a string: this runs in the page, where the DOM types of the server's tsconfig do not reach
    await context.addInitScript(`
        document.addEventListener('securitypolicyviolation', (e) => {
          window.reportCspViolation(
            e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')',
          );
        });
      `);
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
  }

  it('serves the console with the policy and renders every page without a violation', async () => {
    const html = await fetch(`${server.url}/`);
    assert.match(html.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(html.headers.get('x-frame-options'), 'DENY');

    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'admin');
    await page.fill('#password', 'admin-e2e-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // overview: KPIs, the energy chart and the network map on canvas
    await page.getByTestId('overview-kpis').waitFor();
    await page.getByTestId('network-map').locator('canvas').first().waitFor();
    await settle(page);

    const token = await apiLogin(server.url, {
      username: 'admin',
      password: 'admin-e2e-password',
      role: 'admin',
    });
    const stations = (await (
      await fetch(`${server.url}/api/stations?pageSize=1`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { items: { id: number }[] };
    const stationId = stations.items[0]?.id;
    assert.ok(stationId);

    for (const path of [
      '/monitoring',
      '/devices',
      '/telemetry/quality',
      '/telemetry/dead-letters',
      '/stations',
      `/stations/${stationId}`,
      '/communities',
      '/households',
      '/network',
      '/users',
      '/audit',
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.locator('.ant-layout-content').first().waitFor();
      await settle(page);
    }
    // a tooltip of a chart is HTML with inline styles
    await page.goto(`${server.url}/`);
    const chart = page.getByTestId('network-map').locator('canvas').first();
    await chart.waitFor();
    const box = await chart.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await settle(page);
    assert.deepEqual(violations, []);
  });

  it('renders the API docs (Swagger UI) under the same policy', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    await settle(page);
    assert.deepEqual(violations, []);
  });
});
