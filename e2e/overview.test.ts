// Browser test of the live overview 城市总览: readings posted over the HTTP ingest API show up in the KPIs, the
// heat load and the coldest communities without a reload; 大屏 goes full screen (dark, no scrollbars at
// 1920×1080) and back; an enterprise user sees "<企业名称> 概览" with its own communities only. Screenshots at
// 1366×768 and 1920×1080 land in e2e/screenshots/ for people to look at.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import type { LiveOverview } from '@hearth/contracts/live-overview';
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

/** what the page functions touch in the browser (the e2e files compile without the DOM library) */
type Browserish = {
  document: { fullscreenElement: { getAttribute(name: string): string | null } | null };
  localStorage: { setItem(key: string, value: string): void };
};
const SMALL = { width: 1366, height: 768 };
const LARGE = { width: 1920, height: 1080 };

describe('live overview in a real browser', { skip: BROWSER_SKIP }, () => {
  let server: Server;
  let browser: Browser;
  let token: string;

  const call = <T>(method: string, url: string, body?: unknown, bearer = token): Promise<T> =>
    apiCall<T>(server.url, bearer, method, url, body);

  before(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    token = await apiLogin(server.url, server.accounts.get('supervisor') as Account);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function login(account: Account | undefined, viewport = SMALL): Promise<Page> {
    return signIn(browser, server.url, account, { viewport });
  }

  /** a new station reporting `heatPower` MW now, and two households of a community reporting cold rooms */
  async function postReadings(heatPower: number, temps: readonly number[]) {
    const enterprise = (await call<{ items: { id: number }[] }>('GET', '/api/enterprises?pageSize=1'))
      .items[0];
    assert.ok(enterprise);
    const station = await call<{ id: number; code: string }>('POST', '/api/stations', {
      code: 'E2E-LIVE-1',
      name: '实时测试换热站',
      enterpriseId: enterprise.id,
      capacityMw: 20,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 100_000,
    });
    const stationDevice = await call<{ token: string }>('POST', '/api/devices', { stationId: station.id });
    await call(
      'POST',
      '/api/ingest/telemetry',
      [{ stationCode: station.code, ts: Date.now() - 30_000, values: { heatPower } }],
      stationDevice.token,
    );
    const community = (
      await call<{ items: { id: number; name: string }[] }>('GET', '/api/communities?pageSize=1&sort=-code')
    ).items[0];
    assert.ok(community);
    const households = (
      await call<{ items: { id: number; code: string }[] }>(
        'GET',
        `/api/households?communityId=${community.id}&pageSize=${temps.length}&sort=code`,
      )
    ).items;
    assert.equal(households.length, temps.length);
    for (const [i, h] of households.entries()) {
      const device = await call<{ token: string }>('POST', '/api/devices', { householdId: h.id });
      await call(
        'POST',
        '/api/ingest/telemetry',
        [{ householdCode: h.code, ts: Date.now() - 20_000, values: { indoorTemp: temps[i] } }],
        device.token,
      );
    }
    return community;
  }

  it('supervisor: the KPIs follow posted readings without a reload, and 大屏 fits 1920×1080', async () => {
    const page = await login(server.accounts.get('supervisor'));
    await page.getByTestId('live-updated').waitFor();
    await page.locator('[data-testid="live-kpis"], [data-testid="live-empty"]').first().waitFor();
    const before = await call<LiveOverview>('GET', '/api/overview/live');
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));
    // the answer the page itself received last: what it must be showing once it has rendered it
    let received: LiveOverview | undefined;
    page.on('response', (r) => {
      if (r.url().includes('/api/overview/live') && r.ok())
        void r.json().then((body: LiveOverview) => (received = body));
    });
    const updatedBefore = await page.getByTestId('live-updated').innerText();
    assert.match(updatedBefore, /^更新于 \d\d:\d\d:\d\d$/);

    const community = await postReadings(1.5, [2, 3]);
    // the server keeps an answer 5 s: wait for the new figures there, then for the page to show them
    let now = before;
    for (let i = 0; i < 40 && now.stations.total === before.stations.total; i++) {
      await new Promise((r) => setTimeout(r, 500));
      now = await call<LiveOverview>('GET', '/api/overview/live');
    }
    assert.equal(now.stations.total, before.stations.total + 1);
    // the seeded stations keep ageing (online → late → offline) while the test runs: the new one is counted as
    // heard from, and its 1.5 MW is in the load (minus whatever went offline meanwhile)
    const heard = (o: LiveOverview) => o.stations.online + o.stations.stale + o.stations.offline;
    assert.equal(heard(now), heard(before) + 1);
    assert.equal(now.stations.noData, before.stations.noData);
    assert.ok(now.stations.online >= 1);
    assert.ok(now.heatLoad.loadMw - before.heatLoad.loadMw <= 1.5 + 1e-6, 'the load grew by at most 1.5 MW');
    assert.ok(now.heatLoad.loadMw >= 1.5, 'the new station’s 1.5 MW is in the load');
    // two rooms at 2–3 ℃ (beside whatever the seeded sensors report) make their community the coldest
    const cold = now.indoor.coldest[0];
    assert.ok(cold);
    assert.equal(cold.communityId, community.id);
    assert.ok(cold.sensors >= 2 && cold.belowStandard >= 2);

    const online = page.getByTestId('live-online');
    await page
      .locator('[data-testid="live-online"]', { hasText: `/ ${now.stations.total}` })
      .waitFor({ timeout: 40_000 });
    // the page shows the server's answer it last received (seeded stations age between answers)
    let onlineText = '';
    let loadText = '';
    const shown = (o: LiveOverview | undefined) =>
      o !== undefined &&
      new RegExp(`站点在线\\s*${o.stations.online}\\s*/ ${o.stations.total}`).test(onlineText) &&
      loadText.replace(/,/g, '').includes(`${o.heatLoad.loadMw.toFixed(1)}`);
    for (let i = 0; i < 50; i++) {
      onlineText = await online.innerText();
      loadText = await page.getByTestId('live-load').innerText();
      if (shown(received)) break;
      await page.waitForTimeout(100);
    }
    assert.ok(
      shown(received),
      `${onlineText} | ${loadText} | ${JSON.stringify(received?.stations)} ${received?.heatLoad.loadMw}`,
    );
    const around = [now, received as LiveOverview, await call<LiveOverview>('GET', '/api/overview/live')];
    assert.match(onlineText, /数据延迟 \d+ · 离线 \d+ · 未接入 \d+/);
    assert.match(loadText, /当前热负荷\s*[\d.]+\s*MW/);
    const first = page.getByTestId('coldest-communities').locator('li').first();
    const firstText = await first.innerText();
    const listed = (o: LiveOverview) => {
      const c = o.indoor.coldest[0];
      return (
        c !== undefined &&
        new RegExp(`${c.name}[\\s\\S]*${Number(c.meanIndoorC.toFixed(1))} ℃[\\s\\S]*${c.sensors} 户`).test(
          firstText,
        )
      );
    };
    assert.ok(firstText.includes(community.name) && around.some(listed), firstText);
    assert.equal(
      await first.locator('a').getAttribute('href'),
      `/communities/${community.id}`,
      'the coldest community links to its page',
    );
    assert.match(await page.getByTestId('live-compliance').innerText(), /室温合格率[\s\S]*%/);
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker),
      42,
      'no reload',
    );
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-live-1366.png') });

    await page.setViewportSize(LARGE);
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-live-1920.png') });

    await page.getByTestId('big-screen-toggle').click();
    const big = page.locator('[data-testid="overview-page"][data-big-screen="true"]');
    await big.waitFor();
    assert.equal(
      await page.evaluate(
        () =>
          (globalThis as unknown as Browserish).document.fullscreenElement?.getAttribute('data-testid') ??
          null,
      ),
      'overview-page',
      'the Fullscreen API holds the overview',
    );
    await page.getByTestId('network-map').locator('canvas').first().waitFor();
    await page.waitForTimeout(1000);
    const overflow = await big.evaluate((el) => ({
      vertical: el.scrollHeight - el.clientHeight,
      horizontal: el.scrollWidth - el.clientWidth,
    }));
    assert.deepEqual(
      overflow,
      { vertical: 0, horizontal: 0 },
      'no scrollbars on the big screen at 1920×1080',
    );
    assert.match(await page.getByTestId('big-screen-toggle').innerText(), /退出大屏/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-bigscreen-1920.png') });
    await page.setViewportSize(SMALL);
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-bigscreen-1366.png') });

    await page.getByTestId('big-screen-toggle').click();
    await page.locator('[data-testid="overview-page"][data-big-screen="false"]').waitFor();
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as Browserish).document.fullscreenElement),
      null,
      'full screen left',
    );
    await page.close();
  });

  it('enterprise user: "<企业名称> 概览" with its own communities only', async () => {
    const account = server.accounts.get('enterprise1');
    const own = await call<LiveOverview>(
      'GET',
      '/api/overview/live',
      undefined,
      await apiLogin(server.url, account as Account),
    );
    assert.ok(own.enterprise, 'an enterprise user is answered its enterprise');
    const page = await login(account);
    await page.getByTestId('live-updated').waitFor();
    assert.equal(await page.getByTestId('overview-title').innerText(), `${own.enterprise.name} 概览`);
    const coldest = page.getByTestId('coldest-communities').locator('li');
    if (own.indoor.coldest.length > 0) {
      await coldest.first().waitFor();
      for (const text of await coldest.allInnerTexts()) assert.match(text, new RegExp(own.enterprise.name));
    }
    assert.match(await page.getByTestId('live-online').innerText(), new RegExp(`/ ${own.stations.total}`));
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-enterprise-1366.png') });

    // the English mode translates the live part too
    await page.evaluate(() =>
      (globalThis as unknown as Browserish).localStorage.setItem('hearth.lang', 'en'),
    );
    await page.reload();
    await page.getByTestId('live-updated').waitFor();
    assert.equal(await page.getByTestId('overview-title').innerText(), `${own.enterprise.name} overview`);
    assert.match(await page.getByTestId('live-updated').innerText(), /^Updated \d\d:\d\d:\d\d$/);
    assert.match(await page.getByTestId('live-online').innerText(), /Stations online/);
    assert.match(await page.getByTestId('big-screen-toggle').innerText(), /Big screen/);
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-enterprise-en-1366.png') });
    await page.close();
  });
});
