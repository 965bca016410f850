// Browser test of data exchange: a supervisor exports the heat-source list as XLSX (Chinese headers, labels),
// downloads the import template, imports an XLSX file with Chinese headers and a reference by name through the
// dialog, and sees a bad CSV refused by line and column header. Screenshots at 1366×768 and 1920×1080.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { readSheet } from '../server/src/lib/spreadsheet.ts';
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

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe('data exchange in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let dir: string;

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-exchange-'));
    server = await startServer();
    token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function login(viewport: { width: number; height: number }): Promise<Page> {
    return signIn(browser, server.url, server.accounts.get('supervisor'), {
      viewport,
      acceptDownloads: true,
    });
  }

  const api = async <T>(url: string): Promise<T> =>
    (await (
      await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as T;

  async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const to = path.join(dir, file.suggestedFilename());
    await file.saveAs(to);
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(to) };
  }

  it('exports the heat-source list as XLSX with Chinese headers and labels', async () => {
    const page = await login(VIEWPORTS[0]);
    await page.goto(`${server.url}/heat-sources`);
    await page.locator('.ant-table-tbody a[href^="/heat-sources/"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'exchange-list-1366.png') });
    const { name, bytes } = await download(page, 'export-xlsx');
    assert.match(name, /^热源.*\.xlsx$/);
    const sheet = await readSheet('xlsx', bytes);
    const header = sheet.header?.fields ?? [];
    for (const h of ['编码', '名称', '所属企业名称', '热源类型', '燃料', '容量 (MW)'])
      assert.ok(header.includes(h), `${h} in ${header.join(',')}`);
    const total = (await api<{ total: number }>('/api/heat-sources?pageSize=1')).total;
    assert.equal(sheet.rows.length, total, 'every heat source');
    const type = header.indexOf('热源类型');
    assert.ok(
      sheet.rows.every((r) => /\p{Script=Han}/u.test(r.fields[type] ?? '')),
      'types as labels',
    );
    await page.close();
  });

  it('offers the template and imports an XLSX file through the dialog; a bad CSV names line and column', async () => {
    const enterprise = (await api<{ items: { name: string; id: number }[] }>('/api/enterprises?pageSize=1'))
      .items[0];
    assert.ok(enterprise);
    for (const viewport of VIEWPORTS) {
      const page = await login(viewport);
      await page.goto(`${server.url}/heat-sources`);
      await page.getByRole('button', { name: /导\s*入/ }).click();
      await page.getByTestId('import-templates').waitFor();
      await page.waitForTimeout(500); // the dialog's entry animation
      await page.screenshot({
        path: path.join(SCREENSHOTS, `exchange-import-dialog-${viewport.width}.png`),
      });
      if (viewport.width === 1366) {
        const template = await download(page, 'import-template-xlsx');
        assert.match(template.name, /导入模板.*\.xlsx$/);
        const sheet = await readSheet('xlsx', template.bytes);
        assert.deepEqual(sheet.header?.fields.slice(0, 4), ['编码', '名称', '所属企业编码', '热源类型']);

        const bad = path.join(dir, 'bad.csv');
        fs.writeFileSync(
          bad,
          `编码,名称,所属企业编码,热源类型,燃料,容量 (MW)\nEX-BAD,坏热源,NO-SUCH,火山,煤,10\n`,
        );
        await page.locator('.ant-modal input[type=file]').setInputFiles(bad);
        await page.getByRole('button', { name: /开始导入/ }).click();
        const errors = page.getByTestId('import-errors');
        await errors.waitFor();
        const text = await errors.innerText();
        assert.match(text, /所属企业编码/);
        assert.match(text, /NO-SUCH/);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'exchange-import-errors-1366.png') });

        const workbook = new ExcelJS.Workbook();
        const ws = workbook.addWorksheet('热源');
        ws.addRow(['编码', '名称', '所属企业', '热源类型', '燃料', '容量 (MW)']);
        ws.addRow(['EX-1', '浏览器导入热源一', enterprise.name, '热电联产', '煤', 150.5]);
        ws.addRow(['EX-2', '浏览器导入热源二', enterprise.name, '燃气锅炉', '天然气', 40]);
        const good = path.join(dir, 'heat-sources.xlsx');
        fs.writeFileSync(good, Buffer.from(await workbook.xlsx.writeBuffer()));
        await page.locator('.ant-modal input[type=file]').setInputFiles(good);
        await page.getByRole('button', { name: /开始导入/ }).click();
        await page.getByText('已导入 2 条').waitFor({ timeout: 30_000 });
        const imported = await api<{ items: { code: string; type: string; enterpriseId: number }[] }>(
          '/api/heat-sources?q=EX-&sort=code',
        );
        assert.deepEqual(
          imported.items.map((i) => [i.code, i.type, i.enterpriseId]),
          [
            ['EX-1', 'chp', enterprise.id],
            ['EX-2', 'gas_boiler', enterprise.id],
          ],
        );
      }
      await page.close();
    }
    const wide = await login(VIEWPORTS[1]);
    await wide.goto(`${server.url}/heat-sources`);
    await wide.locator('.ant-table-tbody a[href^="/heat-sources/"]').first().waitFor();
    await wide.waitForLoadState('networkidle');
    await wide.screenshot({ path: path.join(SCREENSHOTS, 'exchange-list-1920.png') });
    await wide.close();
  });
});
