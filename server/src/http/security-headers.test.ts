// Security headers: CSP, nosniff, frame refusal and referrer policy on the console, its assets, the API and the docs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../app.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';

describe('security headers', () => {
  let t: TestApp;
  let web: App;
  let webDir: string;
  before(async () => {
    t = await createTestApp();
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
    web = await buildApp(t.container, { webDir });
  });
  after(async () => {
    await web.close();
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  function directives(header: unknown): Map<string, string[]> {
    assert.equal(typeof header, 'string', 'a Content-Security-Policy header');
    return new Map(
      String(header)
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name = '', ...values]) => [name, values]),
    );
  }

  const pages = [
    ['the console page', '/'],
    ['a client-side route of the console', '/stations/12'],
    ['a console asset', '/assets/app.js'],
    ['an API answer', '/api/health'],
    ['an API error', '/api/stations'],
    ['an unknown API route', '/api/nothing-here'],
    ['the API docs', '/api/docs'],
  ] as const;

  for (const [label, url] of pages) {
    it(`are sent with ${label}`, async () => {
      const r = await web.inject({ url });
      assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['x-frame-options'], 'DENY');
      assert.equal(r.headers['referrer-policy'], 'no-referrer');
      const csp = directives(r.headers['content-security-policy']);
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
      assert.deepEqual(csp.get('script-src'), ["'self'"], 'scripts only from the origin, never inline');
      assert.deepEqual(csp.get('object-src'), ["'none'"]);
      assert.deepEqual(csp.get('default-src'), ["'self'"]);
      assert.ok(!csp.has('upgrade-insecure-requests'), 'Hearth is served over plain HTTP on the LAN too');
    });
  }

  it('allow what the console needs: its inline styles (antd CSS-in-JS) and data: images', async () => {
    const csp = directives((await web.inject({ url: '/' })).headers['content-security-policy']);
    assert.deepEqual(csp.get('style-src'), ["'self'", "'unsafe-inline'"]);
    assert.deepEqual(csp.get('img-src'), ["'self'", 'data:']);
    assert.deepEqual(csp.get('connect-src'), ["'self'"]);
  });
});
