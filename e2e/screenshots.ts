// The console's main pages at the two screen sizes the engineer on duty uses (1366×768 and 1920×1080), for a person
// to look at: a seeded `hearth` process and Debian's Chromium, as in the browser tests. Writes
// e2e/screenshots/sizes/<page>-<width>.png. Usage: npm run screenshots
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, SCREENSHOTS, ensureWebBuilt, startServer } from './harness.ts';

const PAGES = [
  ['overview', '/'],
  ['monitoring', '/monitoring'],
  ['data-quality', '/telemetry/quality'],
  ['devices', '/devices'],
  ['dead-letters', '/telemetry/dead-letters'],
  ['weather', '/weather'],
  ['stations', '/stations'],
  ['households', '/households'],
  ['audit', '/audit'],
  ['forecast', '/forecast'],
] as const;
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

ensureWebBuilt();
const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM });
const out = path.join(SCREENSHOTS, 'sizes');
fs.mkdirSync(out, { recursive: true });
try {
  const account = server.accounts.get('supervisor');
  if (!account) throw new Error('no supervisor account in the demo city');
  for (const viewport of SIZES) {
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(`${server.url}/login`);
    await page.fill('#username', account.username);
    await page.fill('#password', account.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    for (const [name, route] of PAGES) {
      await page.goto(`${server.url}${route}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(600); // charts finish their entry animation
      const file = path.join(out, `${name}-${viewport.width}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
