// Browser test: the console speaks to people, not programmers — the audit log shows display names, Chinese actions
// and object names (no raw `(user)` codes), English mode translates the role tag and enum labels, and an error
// message comes in one language at a time. Screenshots at 1366×768 and 1920×1080 land in e2e/screenshots/human/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import {
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

const OUT = path.join(SCREENSHOTS, 'human');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const HAN = /[\u3400-\u9fff]/;

describe('human, not internal', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let station: { id: number; name: string; code: string };

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(OUT, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    // a change for the audit log, made by the supervisor (display name 市供热办)
    const token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const list = (await (await fetch(`${server.url}/api/stations?pageSize=1`, { headers })).json()) as {
      items: { id: number; name: string; code: string }[];
    };
    const first = list.items[0];
    assert.ok(first, 'the demo city has stations');
    const renamed = `${first.name}（改）`;
    const r = await fetch(`${server.url}/api/stations/${first.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ name: renamed }),
    });
    assert.equal(r.status, 200, await r.text());
    station = { ...first, name: renamed };
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function login(viewport: { width: number; height: number }): Promise<Page> {
    return signIn(browser, server.url, server.accounts.get('supervisor'), { viewport });
  }

  it('audit log: display name, Chinese action, the object by name, no raw codes', async () => {
    for (const viewport of SIZES) {
      const page = await login(viewport);
      await page.goto(`${server.url}/audit`);
      const actor = page.getByTestId('audit-actor').first();
      await actor.waitFor();
      await page.waitForLoadState('networkidle');
      assert.match((await actor.innerText()).trim(), /^市供热办\s*supervisor$/);
      const table = page.locator('.ant-table-tbody');
      const firstRow = await table.locator('tr.ant-table-row').first().innerText();
      assert.match(firstRow, /修改/);
      assert.match(firstRow, /换热站/);
      assert.ok(firstRow.includes(station.name), firstRow);
      assert.ok(firstRow.includes(station.code), firstRow);
      const link = page.getByTestId('audit-entity').first().locator('a');
      assert.equal(await link.getAttribute('href'), `/stations/${station.id}`);
      const text = await page.locator('main, .ant-layout-content').first().innerText();
      assert.doesNotMatch(text, /\((user|station|heat_source|community|household)\)/);
      assert.doesNotMatch(text, /用户 \(user\)/);
      // the table fits the window: no horizontal page scroll
      const overflow = await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at ${viewport.width}`);
      const tableOverflow = await page
        .locator('.ant-table-content, .ant-table-body')
        .first()
        .evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(tableOverflow <= 0, `the table scrolls sideways by ${tableOverflow}px at ${viewport.width}`);
      await page.screenshot({ path: path.join(OUT, `audit-${viewport.width}.png`) });
      await page.close();
    }
  });

  it('English mode: role tag and enum labels in English', async () => {
    for (const viewport of SIZES) {
      const page = await login(viewport);
      await page.getByTestId('role-tag').waitFor();
      assert.equal(await page.getByTestId('role-tag').innerText(), '供热主管部门');
      await page.getByText('EN', { exact: true }).click();
      await page.getByTestId('role-tag').getByText('Heating authority').waitFor();
      await page.goto(`${server.url}/heat-sources`);
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor();
      await page.waitForLoadState('networkidle');
      // the type and fuel columns (3rd and 4th) hold English labels only
      const types = await rows.locator('td:nth-child(3)').allInnerTexts();
      const fuels = await rows.locator('td:nth-child(4)').allInnerTexts();
      assert.ok(types.length > 0);
      for (const label of [...types, ...fuels]) assert.doesNotMatch(label, HAN, label);
      assert.ok(types.includes('Combined heat and power'), types.join(', '));
      const header = await page.locator('.ant-table-thead').innerText();
      assert.doesNotMatch(header, HAN, 'column titles in English');
      await page.screenshot({ path: path.join(OUT, `heat-sources-en-${viewport.width}.png`) });
      await page.goto(`${server.url}/audit`);
      await page.getByTestId('audit-actor').first().waitFor();
      await page.waitForLoadState('networkidle');
      const audit = await page.locator('.ant-table-tbody tr.ant-table-row').first().innerText();
      assert.match(audit, /Update/);
      assert.match(audit, /Station/);
      await page.screenshot({ path: path.join(OUT, `audit-en-${viewport.width}.png`) });
      await page.close();
    }
  });

  it('users page (admin): role labels and departments by name, not code', async () => {
    for (const viewport of SIZES) {
      const page = await browser.newPage({ viewport, locale: 'zh-CN' });
      await page.goto(`${server.url}/login`);
      await page.fill('#username', 'admin');
      await page.fill('#password', 'admin-e2e-password');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${server.url}/users`);
      const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'dept_fgw' });
      await row.getByText('市发展改革委').waitFor();
      const text = await row.innerText();
      assert.match(text, /协同部门/, 'role by its label');
      assert.doesNotMatch(text, /\bfgw\b(?!_)/, text);
      await page.screenshot({ path: path.join(OUT, `users-${viewport.width}.png`) });
      await page.close();
    }
  });

  it('households: 楼栋, 单元 and 房号 side by side after the account number', async () => {
    const page = await login(SIZES[0] as { width: number; height: number });
    await page.goto(`${server.url}/households`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    const titles = (await page.locator('.ant-table-thead th').allInnerTexts()).map((h) => h.trim());
    const at = (title: string) => titles.indexOf(title);
    assert.ok(
      at('楼栋') > at('户号') && at('单元') === at('楼栋') + 1 && at('房号') === at('单元') + 1,
      titles.join('|'),
    );
    const cells = await page
      .locator('.ant-table-tbody tr.ant-table-row')
      .first()
      .locator('td')
      .allInnerTexts();
    assert.match(cells[at('楼栋')] ?? '', /号楼|楼|馆|中心|学校|医院/);
    assert.match(cells[at('单元')] ?? '', /单元/);
    await page.screenshot({ path: path.join(OUT, 'households-1366.png') });
    await page.close();
  });

  it('an error message comes in one language: Chinese, then English', async () => {
    const page = await login(SIZES[0] as { width: number; height: number });
    await page.goto(`${server.url}/stations/987654`);
    const alert = page.locator('.ant-result, .ant-alert').first();
    await alert.waitFor();
    const zh = await alert.innerText();
    assert.match(zh, /换热站不存在/);
    assert.doesNotMatch(zh, / \/ |not found|station\.not_found/);
    // the stable code stays out of the sentence, beside it for support staff
    assert.equal(
      await page.getByTestId('error-message').getAttribute('data-error-code'),
      'station.not_found',
    );
    await page.screenshot({ path: path.join(OUT, 'error-zh-1366.png') });
    await page.getByText('EN', { exact: true }).click();
    await page.reload();
    const again = page.locator('.ant-result, .ant-alert').first();
    await again.getByText(/not found/).waitFor();
    const en = await again.innerText();
    assert.doesNotMatch(en, /换热站不存在|station\.not_found/);
    await page.screenshot({ path: path.join(OUT, 'error-en-1366.png') });
    await page.close();
  });
});
