// End-to-end harness: a real `hearth` process (seeded through the CLI) and Debian's Chromium via playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/src/test-support/free-port.ts';
import { createProcessEnv } from '../server/src/test-support/process-env.ts';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEARTH = path.join(ROOT, 'server/bin/hearth.js');
export const CHROMIUM = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'e2e/screenshots');
/** the built console the server serves (HEARTH_WEB_DIR: a build in its own folder) */
const WEB_DIR = process.env.HEARTH_WEB_DIR || path.join(ROOT, 'web/dist');

/** a browser suite's skip reason: no Chromium outside CI (in CI a missing browser fails) */
export const BROWSER_SKIP: string | false =
  !fs.existsSync(CHROMIUM) && process.env.CI !== 'true'
    ? `no Chromium at ${CHROMIUM} (apt-get install chromium)`
    : false;

/** Debian's Chromium, headless, quiet. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A new page signed in through the login form as `account` (Chinese UI unless `options` say otherwise). */
export async function signIn(
  browser: Browser,
  url: string,
  account: Account | undefined,
  options: BrowserContextOptions = {},
): Promise<Page> {
  if (!account) throw new Error('no such demo account');
  const page = await browser.newPage({ locale: 'zh-CN', ...options });
  await page.goto(`${url}/login`);
  await page.fill('#username', account.username);
  await page.fill('#password', account.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

export type Account = { username: string; password: string; role: string };
export type Server = { url: string; accounts: Map<string, Account>; stop(): Promise<void> };

/** The console must be built before a browser can see it (CI builds it; a developer's first run builds it here). */
export function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(WEB_DIR, 'index.html'))) return;
  if (process.env.HEARTH_WEB_DIR) throw new Error(`HEARTH_WEB_DIR=${WEB_DIR} holds no built console`);
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

export async function startServer(): Promise<Server> {
  const db = await createProcessEnv('hearth-e2e-');
  const dataDir = db.dataDir;
  const port = await freePort();
  const env = {
    ...process.env,
    ...db.env,
    HEARTH_PORT: String(port),
    // the embedded broker on a free port: CI runs Mosquitto on 1883
    HEARTH_MQTT_PORT: String(await freePort()),
    HEARTH_MQTT_URL: '',
    HEARTH_ADMIN_PASSWORD: 'admin-e2e-password',
    HEARTH_LOG_LEVEL: 'warn',
    // the tests post their own readings; the seeded history is there, the live demo readings are not
    HEARTH_DEMO_LIVE: 'false',
  };
  const seed = spawnSync(process.execPath, [HEARTH, 'seed', '--scale', 'tiny', '--seed', '3'], {
    env,
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`hearth seed failed: ${seed.stdout}\n${seed.stderr}`);
  const accounts = new Map<string, Account>();
  for (const line of fs.readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8').trim().split('\n')) {
    const [username = '', password = '', role = ''] = line.split('\t');
    accounts.set(username, { username, password, role });
  }
  const child: ChildProcess = spawn(process.execPath, [HEARTH, 'start'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hearth start exited: ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`hearth did not come up: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    accounts,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await db.dispose();
    },
  };
}

/** Polls an element's attribute until `test` accepts it (CSP forbids the page-side eval of waitForFunction strings). */
export async function waitForAttribute(
  locator: Locator,
  name: string,
  test: (value: string) => boolean,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await locator.getAttribute(name, { timeout: timeoutMs }).catch(() => null)) ?? '';
    if (test(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${name}="${value}" still not as expected after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A JSON API call as `token` (`path` under the server's URL); a non-2xx answer throws with its status and body. */
export async function apiCall<T>(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

export async function apiLogin(url: string, account: Account): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  return ((await r.json()) as { token: string }).token;
}
