// The demo city's weather at seed: the simulator's outdoor series observed from the season's start up to now and a
// 7-day forecast continuing it, marked demo, so the weather reads answer for the demo city.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HourlyResponse, OutdoorNow } from '@hearth/contracts/weather';
import { seedDemo } from '../../cli/seed.ts';
import { seasonWindow } from '../simulator/history.rules.ts';
import { LOCAL_OFFSET_MS, loadWeather } from '../simulator/weather.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

describe('demo weather at seed', () => {
  let t: TestApp;
  let viewer: string;
  /** the clock's hour before and after the seed (the observations end in one of them) */
  const seeded = { from: 0, to: 0 };
  before(async () => {
    t = await createTestApp();
    seeded.from = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    await seedDemo(t.container, { scale: 'tiny', seed: 7, history: false });
    seeded.to = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    viewer = await t.tokenFor('viewer');
  });
  after(() => t.close());

  it('observes the simulator’s series from the season’s start to now, then forecasts 7 days of it', async () => {
    const now = Date.now();
    const from = seasonWindow(now, LOCAL_OFFSET_MS).from;
    const series = loadWeather(undefined, from);
    const r = (
      await t.request(
        'GET',
        `/api/weather/hourly?from=${new Date(from).toISOString()}&to=${new Date(now + 8 * DAY_MS).toISOString()}`,
        viewer,
      )
    ).json() as HourlyResponse;
    const first = Date.parse(r.observations[0]?.ts ?? '');
    const last = Date.parse(r.observations.at(-1)?.ts ?? '');
    assert.equal(first, Math.ceil(from / HOUR_MS) * HOUR_MS);
    assert.ok(last >= seeded.from && last <= seeded.to, r.observations.at(-1)?.ts);
    assert.equal(r.observations.length, (last - first) / HOUR_MS + 1);
    assert.equal(r.forecast.length, 7 * 24);
    for (const p of [r.observations[0], r.observations.at(-1), r.forecast.at(-1)]) {
      assert.ok(p);
      assert.equal(p.temp, Math.round(series.temperatureAt(Date.parse(p.ts)) * 10) / 10, p.ts);
    }
    // the port other modules get: today and the next 6 city days, each from 24 hours
    const outlook = await t.container.weather.dailyForecast();
    assert.equal(outlook.length, 7);
    const today = new Date(Date.now() + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
    assert.equal(outlook[0]?.date, today);
    for (const d of outlook) assert.ok(d.min <= d.mean && d.mean <= d.max, d.date);
    const withYesterday = await t.container.weather.dailyForecast({ pastDays: 1 });
    assert.deepEqual(withYesterday.slice(1), outlook);
    assert.equal(
      withYesterday[0]?.date,
      new Date(Date.now() + LOCAL_OFFSET_MS - DAY_MS).toISOString().slice(0, 10),
    );

    const current = (await t.request('GET', '/api/weather/now', viewer)).json() as OutdoorNow;
    assert.equal(current.kind, 'observed');
    assert.equal(current.temp, r.observations.at(-1)?.temp);
  });
});
