// Browser test: a supervisor opens the overview, the station list, a station, the data quality page and a
// community's indoor temperatures down to one household's trend; an enterprise user sees only its own
// stations. Screenshots land in e2e/screenshots/ for people to look at.
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
  type Account,
  type Server,
} from './harness.ts';

/** the name cell of each station row links to its detail page */
const STATION_LINKS = '[data-testid="table-stations"] .ant-table-tbody a[href^="/stations/"]';
describe('console in a real browser', { skip: BROWSER_SKIP }, () => {
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

  async function login(account: Account | undefined): Promise<Page> {
    return signIn(browser, server.url, account, { viewport: { width: 1440, height: 900 } });
  }

  it('supervisor: overview, station list, station detail', async () => {
    const page = await login(server.accounts.get('supervisor'));
    await page.getByTestId('overview-kpis').waitFor();
    await page.getByTestId('network-map').locator('canvas').first().waitFor();
    await page.waitForTimeout(800); // let the charts finish their entry animation before the screenshot
    const kpis = await page.getByTestId('overview-kpis').innerText();
    assert.match(kpis, /换热站/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview.png'), fullPage: true });

    await page.goto(`${server.url}/stations`);
    const firstLink = page.locator(STATION_LINKS).first();
    await firstLink.waitFor();
    const name = (await firstLink.innerText()).trim();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stations.png') });
    await firstLink.click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'station-detail.png') });
    await page.close();
  });

  it('supervisor: data quality page with the quality table and the sampling section', async () => {
    const page = await login(server.accounts.get('supervisor'));
    await page.getByRole('link', { name: '数据质量' }).click();
    await page.waitForURL((u) => u.pathname === '/telemetry/quality');
    await page.getByRole('heading', { level: 2, name: '数据质量' }).waitFor();
    const enterpriseLinks = page
      .getByTestId('quality-table')
      .locator('.ant-table-tbody a[href^="/enterprises/"]');
    await enterpriseLinks.first().waitFor();
    // one row per enterprise the server reports (the table pages 20 at a time on the client)
    const token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    const quality = (await (
      await fetch(`${server.url}/api/telemetry/quality`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: { enterpriseId: number }[] };
    assert.ok(quality.items.length > 1, 'the demo city has several enterprises');
    assert.equal(await enterpriseLinks.count(), Math.min(quality.items.length, 20), 'a row per enterprise');
    assert.match(await page.getByTestId('quality-table').innerText(), /覆盖率[\s\S]*完整率[\s\S]*卡死测点/);
    await page
      .getByTestId('sampling-enterprises')
      .locator('.ant-table-tbody a[href^="/enterprises/"]')
      .first()
      .waitFor();
    await page
      .getByTestId('sampling-communities')
      .locator('.ant-table-tbody a[href^="/communities/"]')
      .first()
      .waitFor();
    assert.match(await page.getByTestId('quality-summary').innerText(), /室温采样率/);
    // the spread rules: each station's farthest community is marked, and its missing sample flagged
    assert.match(await page.getByTestId('sampling-communities').innerText(), /管网末端/);
    assert.equal(await page.getByText('分布要求：底层 · 顶层 · 管网末端').count(), 2);
    // the community table pages on the server: a total below it, and "only falling short" asks the server again
    assert.match(await page.getByTestId('sampling-communities').innerText(), /共 [\d,]+ 条/);
    await page.getByTestId('only-below').click();
    await page.waitForURL((u) => u.searchParams.get('below') === '1');
    await page.getByTestId('sampling-filtered-summary').waitFor();
    assert.match(await page.getByTestId('sampling-filtered-summary').innerText(), /筛选结果：[\d,]+ 个小区/);
    await page.getByTestId('only-below').click();
    await page.waitForURL((u) => u.searchParams.get('below') === null);
    await page.locator('[data-testid="only-below"][aria-checked="false"]').waitFor();
    await page.getByTestId('sampling-filtered-summary').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'data-quality.png'), fullPage: true });
    await page.close();
  });

  it('supervisor: a community’s indoor temperatures and a household’s trend', async () => {
    const token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    const call = <T>(method: string, url: string, body?: unknown, bearer = token): Promise<T> =>
      apiCall<T>(server.url, bearer, method, url, body);
    // a community of this test's own: the seeded ones carry demo sensors whose latest hourly reading may or may
    // not fall inside the stale window, so their figures would depend on the minute of the hour
    const enterprise = (await call<{ items: { id: number }[] }>('GET', '/api/enterprises?pageSize=1'))
      .items[0];
    assert.ok(enterprise);
    const community = await call<{ id: number; name: string }>('POST', '/api/communities', {
      code: 'E2E-INDOOR',
      name: '室温测试小区',
      enterpriseId: enterprise.id,
    });
    const households: { id: number; code: string }[] = [];
    for (const n of [1, 2, 3])
      households.push(
        await call<{ id: number; code: string }>('POST', '/api/households', {
          code: `E2E-INDOOR-${n}`,
          communityId: community.id,
          areaM2: 80,
        }),
      );
    assert.equal(households.length, 3);
    const temps = [17.2, 19.5, 21];
    for (const [i, h] of households.entries()) {
      const device = await call<{ token: string }>('POST', '/api/devices', { householdId: h.id });
      const now = Date.now();
      await call(
        'POST',
        '/api/ingest/telemetry',
        [30, 20, 10, 1].map((ago, k) => ({
          householdCode: h.code,
          ts: now - ago * 60_000,
          values: { indoorTemp: (temps[i] as number) + (k - 3) * 0.3 },
        })),
        device.token,
      );
    }

    const page = await login(server.accounts.get('supervisor'));
    await page.goto(`${server.url}/communities/${community.id}`);
    await page.getByTestId('indoor-figures').waitFor();
    const figures = await page.getByTestId('indoor-figures').innerText();
    assert.match(figures, /室温合格率\s*66\.7%/);
    assert.match(figures, /不达标户数\s*1/);
    const card = page.locator('.ant-card').filter({ has: page.getByTestId('community-indoor') });
    assert.match(await card.innerText(), /室温标准 18 ℃/);
    const rows = page.getByTestId('indoor-households').locator('.ant-table-tbody tr.ant-table-row');
    assert.match(await rows.first().innerText(), /17\.2 ℃[\s\S]*低于 18 ℃/);
    await page.waitForLoadState('networkidle');
    await page
      .getByTestId('community-indoor')
      .screenshot({ path: path.join(SCREENSHOTS, 'community-indoor.png') });

    await rows.first().locator('a[href^="/households/"]').click();
    await page.getByTestId('household-telemetry').getByTestId('latest-grid').waitFor();
    assert.match(await page.getByTestId('latest-grid').innerText(), /室内温度[\s\S]*17\.2/);
    await page.getByTestId('series-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'household-detail.png'), fullPage: true });
    await page.close();
  });

  it('supervisor: imports 30,000 households with progress, and sees a bad file refused by line', async () => {
    const token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    const community = (
      (await (
        await fetch(`${server.url}/api/communities?pageSize=1`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { items: { id: number }[] }
    ).items[0];
    assert.ok(community);
    const header =
      'code,communityId,buildingId,unit,floor,room,ownerName,areaM2,billing,paidThisSeason,vulnerable';
    const rows = (n: number, bad?: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `EI${String(i).padStart(6, '0')},${community.id},,1,${(i % 20) + 1},${i},,${i === bad ? '-5' : '80'},area,false,`,
      );
    const dir = fs.mkdtempSync(path.join(SCREENSHOTS, '..', '.import-'));
    const good = path.join(dir, 'households.csv');
    const bad = path.join(dir, 'households-bad.csv');
    fs.writeFileSync(good, `${header}\n${rows(30_000).join('\n')}\n`);
    fs.writeFileSync(
      bad,
      `${header}\n${rows(20, 7)
        .map((r) => r.replace('EI', 'EJ'))
        .join('\n')}\n`,
    );
    try {
      const page = await login(server.accounts.get('supervisor'));
      await page.goto(`${server.url}/households`);
      await page.getByRole('button', { name: /导\s*入/ }).click();
      await page.locator('.ant-modal input[type=file]').setInputFiles(bad);
      await page.getByRole('button', { name: /开始导入/ }).click();
      const errors = page.getByTestId('import-errors');
      await errors.waitFor();
      assert.match(await errors.innerText(), /9[\s\S]*areaM2/, 'the bad row (line 9) and its column');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'import-errors.png') });

      await page.locator('.ant-modal input[type=file]').setInputFiles(good);
      await page.getByRole('button', { name: /开始导入/ }).click();
      await page.getByTestId('import-progress').waitFor();
      assert.match(await page.getByTestId('import-progress').innerText(), /正在/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'import-progress.png') });
      await page.getByText('已导入 30000 条').waitFor({ timeout: 60_000 });
      const listed = (await (
        await fetch(`${server.url}/api/households?q=EI&pageSize=1`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { total: number };
      assert.equal(listed.total, 30_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('enterprise user sees only its own stations', async () => {
    const account = server.accounts.get('enterprise1');
    assert.ok(account);
    const token = await apiLogin(server.url, account);
    const own = (await (
      await fetch(`${server.url}/api/stations?pageSize=500`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { items: { name: string }[]; total: number };
    const supToken = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
    const all = (await (
      await fetch(`${server.url}/api/stations?pageSize=500`, {
        headers: { authorization: `Bearer ${supToken}` },
      })
    ).json()) as { items: { name: string }[]; total: number };
    assert.ok(own.total > 0 && own.total < all.total, 'the enterprise has some but not all stations');

    const page = await login(account);
    await page.goto(`${server.url}/stations?pageSize=100`);
    await page.locator(STATION_LINKS).first().waitFor();
    const shown = (await page.locator(STATION_LINKS).allInnerTexts()).map((s) => s.trim());
    const ownNames = new Set(own.items.map((s) => s.name));
    const foreign = all.items.map((s) => s.name).filter((n) => !ownNames.has(n));
    assert.ok(shown.length > 0);
    for (const name of shown) assert.ok(ownNames.has(name), `${name} belongs to the enterprise`);
    for (const name of foreign)
      assert.ok(!shown.includes(name), `${name} of another enterprise is not shown`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'enterprise-stations.png') });
    await page.close();
    it('monitoring: live values arrive in the table without a reload', async () => {
      const supervisor = server.accounts.get('supervisor') as Account;
      const token = await apiLogin(server.url, supervisor);
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const station = (
        (await (
          await fetch(`${server.url}/api/stations?sort=code&pageSize=1`, { headers: auth })
        ).json()) as {
          items: { id: number; code: string; name: string }[];
        }
      ).items[0];
      assert.ok(station);
      const device = (await (
        await fetch(`${server.url}/api/devices`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ stationId: station.id }),
        })
      ).json()) as { token: string };
      const post = (flow: number) =>
        fetch(`${server.url}/api/ingest/telemetry`, {
          method: 'POST',
          headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
          body: JSON.stringify([
            {
              stationCode: station.code,
              ts: new Date().toISOString(),
              values: { primarySupplyTemp: 91.5, flow },
            },
          ]),
        });
      assert.equal((await post(123.4)).status, 200);

      const page = await login(supervisor);
      await page.goto(`${server.url}/monitoring`);
      const table = page.getByTestId('monitoring-table');
      const row = table.locator('tr', { hasText: station.name });
      await row.waitFor();
      await page.getByTestId('status-summary').waitFor();
      assert.match(await row.innerText(), /123\.4/);
      await page.waitForTimeout(1000); // the live stream is connected
      assert.equal((await post(456.7)).status, 200);
      await row.getByText(/456\.7/).waitFor({ timeout: 8000 });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'monitoring.png') });
      await page.goto(`${server.url}/stations/${station.id}`);
      await page.getByTestId('station-telemetry').waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'station-telemetry.png'), fullPage: true });
      await page.close();
    });
  });
});
