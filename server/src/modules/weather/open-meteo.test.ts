// The Open-Meteo forecast adapter against a local node:http server serving a recorded-format answer: a refresh
// stores it (city time), a second one changes nothing, and a timeout or a bad answer is a clear error that keeps the
// previous forecast.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HourlyResponse, WeatherImportResult } from '@hearth/contracts/weather';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { DEFAULT_WEATHER } from '../../container.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createWeatherService } from './weather.service.ts';
import { startWeatherRuntime } from './weather.runtime.ts';

const FIXTURE = fs.readFileSync(new URL('./fixtures/open-meteo-beijing.json', import.meta.url));

describe('Open-Meteo forecast adapter', () => {
  let server: http.Server;
  let base: string;
  let t: TestApp;
  let sup: string;
  const hanging = new Set<http.ServerResponse>();
  let fetched = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.startsWith('/v1/forecast')) {
        fetched++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(FIXTURE);
      } else if (req.url === '/slow') {
        hanging.add(res); // never answers
      } else if (req.url === '/broken') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"hourly":{"time":["2026-12-02T00:00"]}}');
      } else if (req.url === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      } else res.writeHead(500).end('upstream error');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestApp({
      weather: { forecastUrl: `${base}/v1/forecast?latitude=39.9&longitude=116.4&hourly=temperature_2m` },
    });
    sup = await t.tokenFor('supervisor');
  });
  after(async () => {
    for (const res of hanging) res.destroy();
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const stored = async () =>
    (
      await t.request('GET', '/api/weather/hourly?from=2026-12-01T16:00:00Z&to=2026-12-03T16:00:00Z', sup)
    ).json() as HourlyResponse;

  it('stores the provider’s hourly forecast on demand, in city time, once', async () => {
    const r = await t.request('POST', '/api/weather/forecasts/refresh', sup);
    assert.equal(r.status, 200, r.body);
    const result = r.json() as WeatherImportResult;
    assert.equal(result.format, 'open_meteo');
    // 48 hours and 2 days (min/max)
    assert.deepEqual([result.inserted, result.rejected], [50, 0]);
    const series = await stored();
    assert.equal(series.forecast.length, 48);
    // 2026-12-02T00:00 Beijing (UTC+8)
    assert.equal(series.forecast[0]?.ts, '2026-12-01T16:00:00.000Z');
    assert.equal(series.forecast[14]?.temp, 0.7);
    const again = (
      await t.request('POST', '/api/weather/forecasts/refresh', sup)
    ).json() as WeatherImportResult;
    assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 50]);
  });

  it('answers a timeout, an error status and an unusable answer with clear codes and keeps the forecast', async () => {
    const before = await stored();
    const serviceAt = (path: string) =>
      createWeatherService({
        db: t.database.db,
        audit: t.container.audit,
        settings: {
          timeZone: 'Asia/Shanghai',
          legalPeriod: { start: '11-15', end: '03-15' },
          hddBase: 18,
          threshold: 5,
          forecastUrl: `${base}${path}`,
          timeoutMs: 300,
        },
      });
    const cases: [string, string][] = [
      ['/slow', 'weather.provider_timeout'],
      ['/missing', 'weather.provider_invalid'],
      ['/broken', 'weather.provider_invalid'],
      ['/html', 'weather.provider_invalid'],
    ];
    for (const [path, code] of cases) {
      await assert.rejects(
        serviceAt(path).refreshForecast(SYSTEM_ACTOR),
        (error: Error & { code?: string }) => {
          assert.equal(error.code, code, path);
          return true;
        },
      );
    }
    assert.deepEqual(await stored(), before);
  });

  it('schedules the fetch only when a provider is configured, and fetches once at start', async () => {
    const log = { info: () => undefined, warn: () => undefined } as unknown as Parameters<
      typeof startWeatherRuntime
    >[2];
    const weather = t.container.weather;
    // a schedule that does not come round during the test: the one fetch is the one at start
    const settings = { ...DEFAULT_WEATHER, forecastUrl: `${base}/v1/forecast`, forecastCron: '0 0 1 1 *' };
    const zone = 'Asia/Shanghai';
    assert.equal(
      startWeatherRuntime(weather, { timeZone: zone, weather: { ...settings, forecastUrl: undefined } }, log),
      null,
    );
    const before = fetched;
    const on = startWeatherRuntime(weather, { timeZone: zone, weather: settings }, log);
    assert.ok(on);
    for (let i = 0; i < 100 && fetched === before; i++) await new Promise((r) => setTimeout(r, 50));
    on.close();
    assert.equal(fetched, before + 1);
  });
});
