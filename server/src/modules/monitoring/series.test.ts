// Analysis series over HTTP: several metrics of a station, up to 5 stations compared, tenancy of every station,
// validation (too many stations, bad range, unknown metric), the series and the monitoring table exported, the
// table's sort.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MonitoringPage } from '@hearth/contracts/telemetry';
import type { MultiSeriesResponse } from '@hearth/contracts/telemetry-analysis';
import { readSheet } from '../../lib/spreadsheet.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { buildEnterprise, buildStation, create, registerDevice } from '../../test-support/factories.ts';

const MIN = 60_000;
/** a whole hour, two hours ago: the readings' city time is known */
const base = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;

describe('analysis series', () => {
  let t: TestApp;
  let sup: string;
  let entA: string;
  const stations: { id: number; code: string; name: string; enterpriseId: number }[] = [];

  const post = async (token: string, body: object[]) => {
    const r = await t.request('POST', '/api/ingest/telemetry', token, body);
    assert.equal(r.status, 200, r.body);
  };
  const get = (path: string, token = sup) => t.request('GET', path, token);
  const range = `from=${new Date(base).toISOString()}&to=${new Date(base + 60 * MIN).toISOString()}`;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    const ea = await create(t, sup, 'enterprises', buildEnterprise());
    const eb = await create(t, sup, 'enterprises', buildEnterprise());
    entA = await t.tokenFor('enterprise', { enterpriseId: ea.id });
    for (let i = 0; i < 6; i++) {
      const s = await create(
        t,
        sup,
        'stations',
        buildStation({ enterpriseId: i < 5 ? ea.id : eb.id, name: `分析站${i}` }),
      );
      stations.push(s);
      const device = await registerDevice(t, sup, { stationId: s.id });
      // every 5 minutes for an hour: supply 70 + i + k/10, return 50 + i, pressure 0.31234
      await post(
        device.token,
        Array.from({ length: 12 }, (_, k) => ({
          stationCode: s.code,
          ts: base + k * 5 * MIN,
          values: {
            secondarySupplyTemp: 70 + i + k / 10,
            secondaryReturnTemp: 50 + i,
            secondarySupplyPressure: 0.31234,
          },
        })),
      );
    }
  });
  after(() => t.close());

  it('overlays several metrics of one station, raw over a short range', async () => {
    const s = stations[0];
    assert.ok(s);
    const r = await get(
      `/api/monitoring/series?stationIds=${s.id}&metrics=secondarySupplyTemp,secondaryReturnTemp,secondarySupplyPressure&${range}`,
    );
    assert.equal(r.status, 200, r.body);
    const body = r.json() as MultiSeriesResponse;
    assert.equal(body.resolution, 'raw');
    assert.deepEqual(
      body.series.map((x) => [x.stationName, x.metric, x.unit, x.points.length]),
      [
        ['分析站0', 'secondarySupplyTemp', '℃', 12],
        ['分析站0', 'secondaryReturnTemp', '℃', 12],
        ['分析站0', 'secondarySupplyPressure', 'MPa', 12],
      ],
    );
    assert.deepEqual(
      body.series[0]?.points.slice(0, 3).map((p) => p.value),
      [70, 70.1, 70.2],
    );
  });

  it('compares up to 5 stations on one metric, rolled up at the resolution asked', async () => {
    const ids = stations.slice(0, 5).map((s) => s.id);
    const r = await get(
      `/api/monitoring/series?stationIds=${ids.join(',')}&metrics=secondaryReturnTemp&${range}&resolution=1h`,
    );
    assert.equal(r.status, 200, r.body);
    const body = r.json() as MultiSeriesResponse;
    assert.equal(body.resolution, '1h');
    assert.deepEqual(
      body.series.map((x) => [x.stationId, x.points.map((p) => [p.value, p.count])]),
      ids.map((id, i) => [id, [[50 + i, 12]]]),
    );
  });

  it('refuses a 6th station, a bad range and an unknown or household metric', async () => {
    const ids = stations.map((s) => s.id);
    const six = await get(`/api/monitoring/series?stationIds=${ids.join(',')}&metrics=flow&${range}`);
    assert.equal(six.status, 400);
    assert.equal((six.json() as { error: { code: string } }).error.code, 'series.too_many_stations');
    assert.match((six.json() as { error: { message: string } }).error.message, /最多对比 5 个换热站/);

    const backwards = `from=${new Date(base + MIN).toISOString()}&to=${new Date(base).toISOString()}`;
    const bad = await get(`/api/monitoring/series?stationIds=${ids[0]}&metrics=flow&${backwards}`);
    assert.equal(bad.status, 400);
    assert.equal((bad.json() as { error: { code: string } }).error.code, 'series.invalid_range');

    const unknown = await get(`/api/monitoring/series?stationIds=${ids[0]}&metrics=flow,boilerMood&${range}`);
    assert.equal(unknown.status, 400);
    assert.equal((unknown.json() as { error: { code: string } }).error.code, 'request.invalid');

    const indoor = await get(`/api/monitoring/series?stationIds=${ids[0]}&metrics=indoorTemp&${range}`);
    assert.equal(indoor.status, 400);
    assert.equal((indoor.json() as { error: { code: string } }).error.code, 'series.invalid_metric');
  });

  it("answers an enterprise user 404 when any station is another enterprise's", async () => {
    const [own, , , , , foreign] = stations;
    assert.ok(own && foreign);
    const mine = await get(`/api/monitoring/series?stationIds=${own.id}&metrics=flow&${range}`, entA);
    assert.equal(mine.status, 200, mine.body);
    const mixed = await get(
      `/api/monitoring/series?stationIds=${own.id},${foreign.id}&metrics=flow&${range}`,
      entA,
    );
    assert.equal(mixed.status, 404);
    assert.equal((mixed.json() as { error: { code: string } }).error.code, 'station.not_found');
    const exported = await get(
      `/api/monitoring/series/export?stationIds=${foreign.id}&metrics=flow&${range}`,
      entA,
    );
    assert.equal(exported.status, 404);
  });

  it('exports the series as CSV: Chinese headers, city time, fixed decimals', async () => {
    const s = stations[1];
    assert.ok(s);
    const r = await get(
      `/api/monitoring/series/export?stationIds=${s.id}&metrics=secondarySupplyTemp,secondarySupplyPressure&${range}&format=csv`,
    );
    assert.equal(r.status, 200, r.body);
    assert.match(String(r.headers['content-type']), /text\/csv/);
    // 运行曲线-<time>.csv, UTF-8 encoded (RFC 5987)
    assert.match(
      String(r.headers['content-disposition']),
      /filename\*=UTF-8''%E8%BF%90%E8%A1%8C%E6%9B%B2%E7%BA%BF-\d{8}-\d{4}\.csv/,
    );
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], '时间,站名,站编码,二次供水温度 (℃),二次供水压力 (MPa)');
    assert.equal(lines.length, 13);
    // base is a whole hour in UTC; Asia/Shanghai is 8 h ahead
    const city = new Date(base + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    assert.equal(lines[1], `${city},分析站1,${s.code},71.0,0.312`);
  });

  it('exports the series as XLSX: the same headers, numbers as numbers', async () => {
    const s = stations[2];
    assert.ok(s);
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/monitoring/series/export?stationIds=${s.id}&metrics=secondaryReturnTemp&${range}&format=xlsx`,
      headers: { authorization: `Bearer ${sup}` },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-type']), /spreadsheetml/);
    const sheet = await readSheet('xlsx', r.rawPayload);
    assert.deepEqual(sheet.header?.fields, ['时间', '站名', '站编码', '二次回水温度 (℃)']);
    assert.equal(sheet.rows.length, 12);
    assert.deepEqual(sheet.rows[0]?.fields.slice(1), ['分析站2', s.code, '52']);
  });

  it('sorts the monitoring table by a metric and exports it as filtered', async () => {
    const desc = (
      await get('/api/monitoring/stations?sort=-secondaryReturnTemp&pageSize=3')
    ).json() as MonitoringPage;
    assert.deepEqual(
      desc.items.map((s) => s.values.secondaryReturnTemp),
      [55, 54, 53],
    );
    const asc = (await get('/api/monitoring/stations?sort=name&pageSize=2')).json() as MonitoringPage;
    assert.deepEqual(
      asc.items.map((s) => s.name),
      ['分析站0', '分析站1'],
    );
    const bad = await get('/api/monitoring/stations?sort=password');
    assert.equal(bad.status, 400);
    assert.equal((bad.json() as { error: { code: string } }).error.code, 'request.invalid_sort');

    const r = await get('/api/monitoring/stations/export?format=csv&sort=-name', entA);
    assert.equal(r.status, 200, r.body);
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.match(lines[0] ?? '', /^状态,站名,站编码,所属企业,最近上报,一次供水温度 \(℃\)/);
    assert.equal(lines.length, 6, 'the enterprise user gets its 5 stations, not the other one');
    assert.match(lines[1] ?? '', /^(在线|数据延迟|离线),分析站4,/);
    assert.match(lines[1] ?? '', /测试热力公司/);
  });
});
