// Weather over HTTP: imports (UCI and time,temp CSV, JSON) idempotent with line/column errors and the good rows kept,
// forecasts keeping their latest issue, daily means by both conventions, degree days, the outdoor temperature now,
// the heating-period verdict, decision records with their audit entry, and who may do what.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  DailyResponse,
  DegreeDaysResponse,
  HeatingDecision,
  HeatingVerdict,
  HourlyResponse,
  OutdoorNow,
  WeatherImportResult,
} from '@hearth/contracts/weather';
import type { CompensationSeries } from '@hearth/contracts/compensation';
import { buildEnterprise, buildStation } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

const CSV = { 'content-type': 'text/csv' };
const HOUR_MS = 3_600_000;

/** UCI rows of one city day: hour h at `base + h / 2` ℃ (mean of 24 h = base + 5.75; of 02/08/14/20 h = base + 5.5) */
function uciDay(date: string, base: number, skip: readonly number[] = []): string[] {
  const [y, m, d] = date.split('-').map(Number);
  const rows: string[] = [];
  for (let h = 0; h < 24; h++)
    rows.push(`${y},${m},${d},${h},${skip.includes(h) ? 'NA' : (base + h / 2).toFixed(1)}`);
  return rows;
}

describe('weather', () => {
  let t: TestApp;
  let sup: string;
  let ent: string;
  let admin: string;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    admin = await t.tokenFor('admin');
    const e = await t.request('POST', '/api/enterprises', sup, {
      code: 'EW',
      name: '气象热力',
      type: 'heating',
    });
    assert.equal(e.status, 201, e.body);
    ent = await t.tokenFor('enterprise', { enterpriseId: (e.json() as { id: number }).id });
  });
  after(() => t.close());

  const post = (path: string, token: string, body: unknown, headers: Record<string, string> = CSV) =>
    t.request('POST', path, token, body, headers);

  it('answers every read before any weather is stored (empty series, unknown now, the legal dates as verdict)', async () => {
    const hourly = (
      await t.request('GET', '/api/weather/hourly?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z', ent)
    ).json() as HourlyResponse;
    assert.deepEqual([hourly.observations, hourly.forecast, hourly.issuedAt], [[], [], null]);
    const daily = (
      await t.request('GET', '/api/weather/daily?from=2026-11-01&to=2026-11-30', ent)
    ).json() as DailyResponse;
    assert.deepEqual(daily.days, []);
    const hdd = (
      await t.request('GET', '/api/weather/degree-days?from=2026-11-01&to=2026-11-30', ent)
    ).json() as DegreeDaysResponse;
    assert.deepEqual([hdd.hdd, hdd.days], [0, 0]);
    const now = (await t.request('GET', '/api/weather/now', ent)).json() as OutdoorNow;
    assert.deepEqual([now.temp, now.kind], [null, null]);
    const verdict = (await t.request('GET', '/api/weather/heating-period', ent)).json() as HeatingVerdict;
    assert.deepEqual(
      [verdict.climateStart, verdict.recommendedStart, verdict.observedDays],
      [null, verdict.legalStart, 0],
    );
    assert.deepEqual(await t.container.weather.dailyForecast(), []);
  });

  it('imports a UCI file: NA hours are gaps, bad rows are listed by line and column, good rows go in', async () => {
    const lines = [
      'No,year,month,day,hour,pm2.5,TEMP',
      ...uciDay('2020-01-01', -10).map((r, i) => `${i + 1},${r.replace(/,([^,]*)$/, ',NA,$1')}`),
      '25,2020,13,2,0,NA,-3',
      '26,2020,1,2,1,NA,warm',
      '27,2020,1,2,2,NA,NA',
    ];
    const r = await post('/api/weather/observations/import', sup, lines.join('\n'));
    assert.equal(r.status, 200, r.body);
    const result = r.json() as WeatherImportResult;
    assert.equal(result.format, 'uci');
    assert.equal(result.inserted, 24);
    assert.equal(result.missing, 1);
    assert.equal(result.rejected, 2);
    assert.deepEqual(
      result.errors.map((e) => [e.line, e.column, e.code]),
      [
        [26, 'month', 'weather.row_invalid_month'],
        [27, 'temp', 'weather.row_invalid_temp'],
      ],
    );

    const again = (
      await post('/api/weather/observations/import', sup, lines.join('\n'))
    ).json() as WeatherImportResult;
    assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 24]);

    const changed = lines.map((l) => (l.startsWith('1,2020,1,1,0,') ? '1,2020,1,1,0,NA,-30' : l));
    const third = (
      await post('/api/weather/observations/import', sup, changed.join('\n'))
    ).json() as WeatherImportResult;
    assert.deepEqual([third.inserted, third.updated, third.unchanged], [0, 1, 23]);

    const hourly = (
      await t.request('GET', '/api/weather/hourly?from=2019-12-31T16:00:00Z&to=2020-01-01T16:00:00Z', ent)
    ).json() as HourlyResponse;
    assert.equal(hourly.observations.length, 24);
    // city time: 2020-01-01 00:00 in Beijing is 2019-12-31T16:00Z
    assert.deepEqual(hourly.observations[0], { ts: '2019-12-31T16:00:00.000Z', temp: -30 });
  });

  it('imports time,temp CSV and JSON, and refuses an unknown header with a stable code', async () => {
    const csv = [
      'time,temp',
      '2020-02-01 00:00,1.5',
      '2020-02-01 01:30,2',
      '2020-02-01T02:00:00+08:00,2.5',
      'x,3',
    ];
    const r = (
      await post('/api/weather/observations/import', sup, csv.join('\r\n'))
    ).json() as WeatherImportResult;
    assert.equal(r.format, 'time_temp');
    assert.equal(r.inserted, 2);
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.column, e.code]),
      [
        [3, 'time', 'weather.row_invalid_time'],
        [5, 'time', 'weather.row_invalid_time'],
      ],
    );
    const json = await post(
      '/api/weather/observations/import?area=D01',
      admin,
      {
        observations: [
          { time: '2020-02-01T00:00:00Z', temp: 3 },
          { time: 'soon', temp: 1 },
          { time: '2020-02-01T01:00:00Z', temp: 99 },
        ],
      },
      {},
    );
    const j = json.json() as WeatherImportResult;
    assert.equal(j.area, 'D01');
    assert.equal(j.inserted, 1);
    assert.deepEqual(
      j.errors.map((e) => [e.line, e.code]),
      [
        [2, 'weather.row_invalid_time'],
        [3, 'weather.row_invalid_temp'],
      ],
    );
    const bad = await post('/api/weather/observations/import', sup, 'foo,bar\n1,2');
    assert.equal(bad.status, 422);
    assert.equal((bad.json() as { error: { code: string } }).error.code, 'weather.import_invalid');
  });

  it('answers daily means by both conventions, interpolates a thin day, and counts degree days', async () => {
    const file = [
      'year,month,day,hour,TEMP',
      ...uciDay('2021-01-10', -4),
      ...uciDay('2021-01-11', 0, [0, 1, 3, 4, 5, 6, 7, 9]),
      ...uciDay('2021-01-12', 2),
    ];
    assert.equal((await post('/api/weather/observations/import', sup, file.join('\n'))).status, 200);
    const get = async (averaging: string) =>
      (
        await t.request('GET', `/api/weather/daily?from=2021-01-10&to=2021-01-12&averaging=${averaging}`, ent)
      ).json() as DailyResponse;
    const h24 = await get('24h');
    assert.deepEqual(
      h24.days.map((d) => [d.date, d.mean, d.interpolated]),
      [
        ['2021-01-10', 1.75, false],
        ['2021-01-11', 4.75, true],
        ['2021-01-12', 7.75, false],
      ],
    );
    assert.equal(h24.days[0]?.min, -4);
    assert.equal(h24.days[0]?.max, 7.5);
    const obs4 = await get('4obs');
    // day 11 has 02, 08, 14, 20 h: its own mean (0 + 5.5)
    assert.deepEqual(
      obs4.days.map((d) => [d.mean, d.interpolated]),
      [
        [1.5, false],
        [5.5, false],
        [7.5, false],
      ],
    );
    const hdd = (
      await t.request('GET', '/api/weather/degree-days?from=2021-01-10&to=2021-01-12', sup)
    ).json() as DegreeDaysResponse;
    assert.equal(hdd.base, 18);
    assert.equal(hdd.hdd, 16.25 + 13.25 + 10.25);
    const hdd20 = (
      await t.request(
        'GET',
        '/api/weather/degree-days?from=2021-01-10&to=2021-01-12&base=20&averaging=4obs',
        sup,
      )
    ).json() as DegreeDaysResponse;
    assert.equal(hdd20.hdd, 18.5 + 14.5 + 12.5);
    const reversed = await t.request('GET', '/api/weather/daily?from=2021-01-12&to=2021-01-10', sup);
    assert.equal((reversed.json() as { error: { code: string } }).error.code, 'weather.invalid_range');
  });

  it('feeds weather compensation: the station targets follow the stored hourly temperatures', async () => {
    const company = await t.request('POST', '/api/enterprises', sup, buildEnterprise());
    const station = await t.request(
      'POST',
      '/api/stations',
      sup,
      buildStation({ enterpriseId: (company.json() as { id: number }).id }),
    );
    assert.equal(station.status, 201, station.body);
    // 2021-01-10 00:00–02:00 Beijing, imported above at −4, −3.5, −3 ℃
    const r = await t.request(
      'GET',
      `/api/stations/${(station.json() as { id: number }).id}/compensation/series?from=2021-01-09T16:00:00Z&to=2021-01-09T19:00:00Z`,
      sup,
    );
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(
      (r.json() as CompensationSeries).points.map((p) => p.outdoorTemp),
      [-4, -3.5, -3],
    );
  });

  it('keeps the latest forecast issue per target and shows the forecast beyond the last observation', async () => {
    const now = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const iso = (ms: number) => new Date(ms).toISOString();
    const observed = [-2, -1, 0].map((k) => ({ time: iso(now + k * HOUR_MS), temp: -5 + k }));
    await post('/api/weather/observations/import', sup, observed, {});
    const hours = [1, 2, 3].map((k) => ({ time: iso(now + k * HOUR_MS), temp: k }));
    const issue = (issuedAt: string, body: unknown) =>
      post(`/api/weather/forecasts/import?issuedAt=${issuedAt}`, sup, body, {});
    const first = (
      await issue(iso(now), { hourly: hours, daily: [{ date: '2030-01-01', min: -9, max: 1 }] })
    ).json() as WeatherImportResult;
    assert.deepEqual([first.inserted, first.updated], [4, 0]);
    const older = (
      await issue(iso(now - HOUR_MS), { hourly: hours.map((h) => ({ ...h, temp: 40 })) })
    ).json() as WeatherImportResult;
    assert.deepEqual([older.inserted, older.updated, older.unchanged], [0, 0, 3]);
    const newer = (
      await issue(iso(now + 1000), { hourly: [{ ...hours[0], temp: 7 }] })
    ).json() as WeatherImportResult;
    assert.deepEqual([newer.updated, newer.unchanged], [1, 0]);

    const r = (
      await t.request(
        'GET',
        `/api/weather/hourly?from=${iso(now - 3 * HOUR_MS)}&to=${iso(now + 4 * HOUR_MS)}`,
        ent,
      )
    ).json() as HourlyResponse;
    assert.deepEqual(
      r.observations.map((o) => o.temp),
      [-7, -6, -5],
    );
    assert.deepEqual(
      r.forecast.map((f) => f.temp),
      [7, 2, 3],
    );
    assert.equal(r.issuedAt, iso(now + 1000));

    // the port other modules get: the same hours, epoch ms
    const port = await t.container.weather.hourly(now - 3 * HOUR_MS, now + 4 * HOUR_MS);
    assert.deepEqual(
      port.map((p) => [p.ts - now, p.temp]),
      [-2, -1, 0, 1, 2, 3].map((k, i) => [k * HOUR_MS, [-7, -6, -5, 7, 2, 3][i]]),
    );

    const current = (await t.request('GET', '/api/weather/now', ent)).json() as OutdoorNow;
    assert.deepEqual([current.temp, current.kind], [-5, 'observed']);
  });

  it('gives the heating-period verdict against the configured legal period', async () => {
    const r = await t.request('GET', '/api/weather/heating-period', ent);
    assert.equal(r.status, 200, r.body);
    const v = r.json() as HeatingVerdict;
    assert.match(v.legalStart, /-11-15$/);
    assert.match(v.legalEnd, /-03-15$/);
    assert.equal(v.threshold, 5);
    assert.ok(v.reasons.length > 0);
  });

  it('records a decision with its figures and an audit entry; enterprises read but cannot decide or import', async () => {
    const created = await post(
      '/api/weather/decisions',
      sup,
      { startDate: '2026-11-10', stopDate: '2027-03-20', note: '寒潮提前供热' },
      {},
    );
    assert.equal(created.status, 201, created.body);
    const d = created.json() as HeatingDecision;
    assert.equal(d.decidedBy.startsWith('supervisor_'), true);
    assert.match(d.basis.legalStart, /-11-15$/);
    const list = (await t.request('GET', '/api/weather/decisions', ent)).json() as {
      items: HeatingDecision[];
    };
    assert.deepEqual(
      list.items.map((i) => [i.id, i.startDate, i.stopDate, i.note, i.basis.winter]),
      [[d.id, '2026-11-10', '2027-03-20', '寒潮提前供热', d.season]],
    );
    const audit = (await t.request('GET', '/api/audit?entity=weather_decision', sup)).json() as {
      items: { entityId: string; action: string; changes: Record<string, unknown> }[];
    };
    assert.deepEqual(
      audit.items.map((a) => [a.action, a.entityId, a.changes.startDate]),
      [['create', String(d.id), '2026-11-10']],
    );
    const imports = (await t.request('GET', '/api/audit?entity=weather_observation', sup)).json() as {
      total: number;
    };
    assert.ok(imports.total >= 5);

    const backwards = await post(
      '/api/weather/decisions',
      sup,
      { startDate: '2026-11-10', stopDate: '2026-11-01' },
      {},
    );
    assert.equal((backwards.json() as { error: { code: string } }).error.code, 'weather_decision.invalid');

    assert.equal((await post('/api/weather/decisions', ent, { startDate: '2026-11-10' }, {})).status, 403);
    assert.equal(
      (await post('/api/weather/observations/import', ent, 'time,temp\n2020-01-01 00:00,1')).status,
      403,
    );
    assert.equal((await post('/api/weather/forecasts/import', ent, [], {})).status, 403);
    assert.equal((await post('/api/weather/forecasts/refresh', ent, undefined, {})).status, 403);
    assert.equal(
      (await t.request('GET', '/api/weather/daily?from=2021-01-10&to=2021-01-12', ent)).status,
      200,
    );
    assert.equal((await t.request('GET', '/api/weather/now')).status, 401);
  });

  it('refuses a refresh when no provider is configured', async () => {
    const r = await post('/api/weather/forecasts/refresh', sup, undefined, {});
    assert.equal(r.status, 409);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'weather.provider_disabled');
  });
});
