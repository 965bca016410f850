// Load forecast over HTTP: stations with 40 days of heat power following a degree-day law under the demo weather;
// the forecast, model and backtest per station, source, enterprise and city; tenancy route by route; validation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ForecastTargets, LoadForecast } from '@hearth/contracts/forecast';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import {
  buildEnterprise,
  buildHeatSource,
  buildStation,
  create,
  registerDevice,
} from '../../test-support/factories.ts';
import { createDemoDailyWeather } from '../simulator/demo-weather.ts';
import { loadWeather } from '../simulator/weather.ts';
import { addDays, cityDate, cityMidnight } from './forecast.history.ts';
import { createForecastService } from './forecast.service.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { heatingDegreeDays } from './load-model.rules.ts';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const HISTORY_DAYS = 40;
/** the heat law of station i: k_i × (2 + 0.3 × HDD) MW, constant through a day */
const law = (k: number, meanTemp: number) => k * (2 + 0.3 * heatingDegreeDays(meanTemp));

describe('load forecast API', () => {
  let t: TestApp;
  let sup: string;
  let entA: string;
  let viewer: string;
  const weather = createDemoDailyWeather();
  const ids = { ea: 0, eb: 0, sa: 0, sb: 0, s1: 0, s2: 0, s3: 0 };
  const temps = new Map<string, number>();
  const today = cityDate(Date.now(), TZ);

  const get = (url: string, token = sup) => t.request('GET', url, token);
  const load = async (query: string, token = sup) => {
    const r = await get(`/api/forecast/load?${query}`, token);
    assert.equal(r.status, 200, r.body);
    return r.json() as LoadForecast;
  };

  /** posts 4 readings a day (02, 08, 14, 20 h city time) of the station's law for the last 40 days */
  async function history(stationId: number, code: string, k: number) {
    const device = await registerDevice(t, sup, { stationId });
    const readings = [];
    for (let i = HISTORY_DAYS; i >= 1; i--) {
      const date = addDays(today, -i);
      const midnight = cityMidnight(date, TZ);
      for (const h of [2, 8, 14, 20])
        readings.push({
          stationCode: code,
          ts: midnight + h * HOUR,
          values: { heatPower: law(k, temps.get(date) ?? 0) },
        });
    }
    const r = await t.request('POST', '/api/ingest/telemetry', device.token, readings);
    assert.equal(r.status, 200, r.body);
  }

  before(async () => {
    t = await createTestApp({ telemetry: { retentionMs: 90 * 86_400_000 } });
    sup = await t.tokenFor('supervisor');
    viewer = await t.tokenFor('viewer');
    // the weather store holds the shipped demo winter (observed up to now, a 7-day forecast beyond), as at seed
    const series = loadWeather(undefined, Date.now());
    await t.container.weather.writeDemo(
      SYSTEM_ACTOR,
      cityMidnight(addDays(today, -HISTORY_DAYS - 2), TZ),
      (ms) => series.temperatureAt(ms),
    );
    for (const d of await t.container.weather.observedDaily(
      addDays(today, -HISTORY_DAYS),
      addDays(today, -1),
    ))
      temps.set(d.date, d.mean);
    const ea = await create(t, sup, 'enterprises', buildEnterprise({ name: '甲热力' }));
    const eb = await create(t, sup, 'enterprises', buildEnterprise({ name: '乙热力' }));
    const sa = await create(t, sup, 'heat-sources', buildHeatSource({ enterpriseId: ea.id, name: '甲热源' }));
    const sb = await create(t, sup, 'heat-sources', buildHeatSource({ enterpriseId: eb.id, name: '乙热源' }));
    const s1 = await create(
      t,
      sup,
      'stations',
      buildStation({ enterpriseId: ea.id, heatSourceId: sa.id, name: '一号站' }),
    );
    const s2 = await create(
      t,
      sup,
      'stations',
      buildStation({ enterpriseId: ea.id, heatSourceId: sa.id, name: '二号站' }),
    );
    const s3 = await create(
      t,
      sup,
      'stations',
      buildStation({ enterpriseId: eb.id, heatSourceId: sb.id, name: '三号站' }),
    );
    Object.assign(ids, { ea: ea.id, eb: eb.id, sa: sa.id, sb: sb.id, s1: s1.id, s2: s2.id, s3: s3.id });
    await history(s1.id, s1.code, 1);
    await history(s2.id, s2.code, 2);
    await history(s3.id, s3.code, 4);
    entA = await t.tokenFor('enterprise', { enterpriseId: ea.id });
  });
  after(() => t.close());

  it("forecasts a station's next days from the degree-day law its history follows", async () => {
    const body = await load(`level=station&id=${ids.s1}&days=3`);
    assert.equal(body.target.name, '一号站');
    assert.equal(body.stations, 1);
    assert.equal(body.forecast.length, 3);
    assert.equal(body.forecast[0]?.date, today);
    const coming = await t.container.weather.dailyForecast();
    for (const day of body.forecast) {
      const mean = coming.find((c) => c.date === day.date)?.mean as number;
      const expected = law(1, mean) * 86.4;
      assert.ok(
        Math.abs(day.energyGJ - expected) < 0.01 * expected,
        `${day.date}: ${day.energyGJ} vs ${expected}`,
      );
      assert.ok(Math.abs(day.meanMW - day.energyGJ / 86.4) < 1e-3);
      assert.equal(day.meanTemp, mean);
    }
    // the fitted law: 2 × 86.4 GJ/d + 0.3 × 86.4 GJ/d per K·d
    const coef = Object.fromEntries(body.model?.coefficients.map((c) => [c.feature, c.value]) ?? []);
    assert.ok(Math.abs((coef.hdd as number) - 25.92) < 0.1, JSON.stringify(coef));
    assert.equal(body.model?.trainingDays, HISTORY_DAYS - 1);
    // history up to yesterday: 30 days for the chart
    assert.equal(body.history.length, 30);
    assert.equal(body.history[29]?.date, addDays(today, -1));
    assert.ok(body.backtest);
    assert.ok(
      body.backtest.mape < 1 && body.backtest.mape < body.backtest.persistenceMape,
      JSON.stringify(body.backtest),
    );
    // day 0 has no previous day; days 1–7 train the first model (3 coefficients need 7 days): 32 days scored
    assert.equal(body.backtest.days, HISTORY_DAYS - 8);
  });

  it('sums the stations of a heat source, an enterprise and the city', async () => {
    const one = await load(`level=station&id=${ids.s1}`);
    const source = await load(`level=source&id=${ids.sa}`);
    const enterprise = await load(`level=enterprise&id=${ids.ea}`);
    const city = await load('level=city');
    assert.deepEqual([source.stations, enterprise.stations, city.stations], [2, 2, 3]);
    assert.equal(source.forecast.length, 7);
    const first = (f: LoadForecast) => f.forecast[0]?.energyGJ as number;
    // stations 1 + 2 follow 1× and 2× the law; the city adds station 3 (4×)
    assert.ok(Math.abs(first(source) - 3 * first(one)) < 0.01 * first(source));
    assert.ok(Math.abs(first(enterprise) - first(source)) < 1e-6);
    assert.ok(Math.abs(first(city) - 7 * first(one)) < 0.01 * first(city));
    // each figure is rounded to 0.001 GJ on its own
    const summed = source.history[0]?.energyGJ as number;
    assert.ok(Math.abs(summed - (one.history[0]?.energyGJ as number) * 3) <= 0.0025, `${summed}`);
  });

  it('the service answers other modules (fuel) with the daily GJ and MW', async () => {
    const days = await t.container.forecast.forecastDaily('enterprise', ids.eb, 2);
    assert.equal(days.length, 2);
    assert.deepEqual(Object.keys(days[0] ?? {}), ['date', 'energyGJ', 'meanMW']);
    await assert.rejects(t.container.forecast.forecastDaily('station', 999_999, 2), {
      code: 'station.not_found',
    });
  });

  it('computes a target once per city day (the next day reads the history again)', async () => {
    let clock = Date.parse(`${today}T04:00:00Z`);
    const reads: number[] = [];
    const service = createForecastService({
      registry: t.container.registry,
      heatHistory: async (id) => {
        reads.push(id);
        return [];
      },
      weather,
      weatherSource: 'test',
      timeZone: TZ,
      now: () => clock,
    });
    await service.load(SYSTEM_ACTOR, 'source', ids.sa, 7);
    await service.load(SYSTEM_ACTOR, 'source', ids.sa, 2);
    assert.equal(reads.length, 2, 'two stations read once');
    clock += 86_400_000;
    const next = await service.load(SYSTEM_ACTOR, 'source', ids.sa, 7);
    assert.equal(reads.length, 4);
    // no history: no model, no backtest, no forecast — and no error
    assert.deepEqual([next.model, next.backtest, next.forecast], [null, null, []]);
  });

  it('an enterprise user forecasts only its own targets (others are not found, the city is not theirs)', async () => {
    const cases: [string, number][] = [
      [`level=station&id=${ids.s1}`, 200],
      [`level=station&id=${ids.s3}`, 404],
      [`level=source&id=${ids.sa}`, 200],
      [`level=source&id=${ids.sb}`, 404],
      [`level=enterprise&id=${ids.ea}`, 200],
      [`level=enterprise&id=${ids.eb}`, 404],
      ['level=city', 403],
    ];
    for (const [query, status] of cases) {
      const r = await get(`/api/forecast/load?${query}`, entA);
      assert.equal(r.status, status, `${query}: ${r.body}`);
    }
    const own = await get('/api/forecast/targets?level=station', entA);
    assert.deepEqual(
      (own.json() as ForecastTargets).items.map((i) => i.name),
      ['一号站', '二号站'].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    );
    const sources = await get('/api/forecast/targets?level=source', entA);
    assert.deepEqual(
      (sources.json() as ForecastTargets).items.map((i) => i.name),
      ['甲热源'],
    );
    assert.deepEqual((await get('/api/forecast/targets?level=city', entA)).json(), { items: [] });
    // a city-wide viewer sees every target
    const all = (await get('/api/forecast/targets?level=enterprise', viewer)).json() as ForecastTargets;
    assert.ok(all.items.some((i) => i.name === '乙热力') && all.items.some((i) => i.name === '甲热力'));
  });

  it('validates the query and needs a session', async () => {
    const cases: [string, number, string][] = [
      [`level=station&id=${ids.s1}&days=8`, 400, 'request.invalid'],
      [`level=station&id=${ids.s1}&days=0`, 400, 'request.invalid'],
      ['level=galaxy', 400, 'request.invalid'],
      ['level=station', 400, 'forecast.id_required'],
      ['level=station&id=999999', 404, 'station.not_found'],
    ];
    for (const [query, status, code] of cases) {
      const r = await get(`/api/forecast/load?${query}`);
      assert.equal(r.status, status, `${query}: ${r.body}`);
      assert.equal((r.json() as { error: { code: string } }).error.code, code);
    }
    assert.equal((await t.request('GET', '/api/forecast/load?level=city')).status, 401);
    assert.equal((await t.request('GET', '/api/forecast/targets?level=city')).status, 401);
  });
});
