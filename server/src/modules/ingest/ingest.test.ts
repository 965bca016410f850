// Telemetry over HTTP: device credentials (scope, rotate, revoke), batch ingest with per-item results,
// every validation case, duplicates, out-of-order, dead letters, counters, latest, series and the
// monitoring table — on the test database (SQLite, or PostgreSQL when HEARTH_DATABASE_URL is set).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

type Page<T> = { items: T[]; total: number };
type Station = { id: number; code: string; enterpriseId: number };
type Result = { index: number; status: string; code?: string; outOfOrder?: boolean };
type IngestAnswer = { accepted: number; duplicates: number; rejected: number; results: Result[] };

const MIN = 60_000;

describe('telemetry over HTTP', () => {
  let t: TestApp;
  let sup: string;
  let entA: string;
  let stationA: Station;
  let stationB: Station;
  let device: { id: number; token: string; topic: string };
  // aligned to 15 minutes so every reading below falls in one rollup bucket
  const base = Math.floor(Date.now() / (15 * MIN)) * 15 * MIN - 120 * MIN;

  const ingest = (token: string, body: unknown) =>
    t.request('POST', '/api/ingest/telemetry', token, body as object);

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    const enterprises = (await t.request('GET', '/api/enterprises?sort=code', sup)).json() as Page<{
      id: number;
    }>;
    const [a, b] = enterprises.items;
    entA = await t.tokenFor('enterprise', { enterpriseId: a?.id ?? 0 });
    stationA = (
      (await t.request('GET', `/api/stations?enterpriseId=${a?.id}&sort=code`, sup)).json() as Page<Station>
    ).items[0] as Station;
    stationB = (
      (await t.request('GET', `/api/stations?enterpriseId=${b?.id}&sort=code`, sup)).json() as Page<Station>
    ).items[0] as Station;
  });
  after(() => t.close());

  it('registers devices within the caller’s scope and shows the token once', async () => {
    const r = await t.request('POST', '/api/devices', entA, { stationId: stationA.id, name: '1号站网关' });
    assert.equal(r.status, 201, r.body);
    device = r.json() as typeof device;
    assert.match(device.token, /^hdt_\d+\./);
    assert.equal(device.topic, `hearth/v1/stations/${stationA.code}/telemetry`);
    const foreign = await t.request('POST', '/api/devices', entA, { stationId: stationB.id });
    assert.equal(foreign.status, 404, 'another enterprise’s station does not exist for this user');
    const both = await t.request('POST', '/api/devices', sup, { stationId: stationA.id, householdId: 1 });
    assert.equal(both.status, 400);
    const got = (await t.request('GET', `/api/devices/${device.id}`, entA)).json() as Record<string, unknown>;
    assert.equal(got.stationId, stationA.id);
    assert.ok(
      !JSON.stringify(got).includes(device.token.split('.')[1] ?? '?'),
      'the token is never shown again',
    );
    const bDevice = (await t.request('POST', '/api/devices', sup, { stationId: stationB.id })).json() as {
      id: number;
    };
    assert.equal((await t.request('GET', `/api/devices/${bDevice.id}`, entA)).status, 404);
    assert.equal((await t.request('POST', `/api/devices/${bDevice.id}/rotate`, entA)).status, 404);
    assert.equal((await t.request('POST', `/api/devices/${bDevice.id}/revoke`, entA)).status, 404);
    assert.equal(
      ((await t.request('GET', `/api/devices/${bDevice.id}`, sup)).json() as { active: boolean }).active,
      true,
      'another enterprise cannot revoke it',
    );
    const listed = (await t.request('GET', '/api/devices', entA)).json() as Page<{ enterpriseId: number }>;
    assert.ok(listed.items.every((d) => d.enterpriseId === stationA.enterpriseId));
    const viewer = await t.tokenFor('viewer');
    assert.equal((await t.request('POST', '/api/devices', viewer, { stationId: stationA.id })).status, 403);
    assert.equal((await t.request('POST', `/api/devices/${device.id}/rotate`, viewer)).status, 403);
    assert.equal((await t.request('POST', `/api/devices/${device.id}/revoke`, viewer)).status, 403);
  });

  it('stores a good batch and answers only after commit', async () => {
    const body = [0, 1, 2].map((i) => ({
      stationCode: stationA.code,
      ts: new Date(base + i * MIN).toISOString(),
      values: { primarySupplyTemp: 90 + i, primaryReturnTemp: 55, flow: 100 + i, pumpRunning: 1 },
    }));
    const r = await ingest(device.token, body);
    assert.equal(r.status, 200, r.body);
    const answer = r.json() as IngestAnswer;
    assert.deepEqual([answer.accepted, answer.duplicates, answer.rejected], [3, 0, 0]);
    const latest = (await t.request('GET', `/api/stations/${stationA.id}/latest`, sup)).json() as {
      ts: string;
      values: Record<string, number>;
    };
    assert.equal(latest.ts, new Date(base + 2 * MIN).toISOString());
    assert.deepEqual(latest.values, {
      primarySupplyTemp: 92,
      primaryReturnTemp: 55,
      flow: 102,
      pumpRunning: 1,
    });
  });

  it('keeps the good readings of a batch with bad ones, each rejection with its reason', async () => {
    const ts = (m: number) => new Date(base + m * MIN).toISOString();
    const body = [
      { stationCode: stationA.code, ts: ts(10), values: { flow: 110 } },
      { stationCode: stationA.code, ts: ts(11), values: { flow: -5 } },
      { stationCode: stationA.code, ts: ts(12), values: { colour: 1 } },
      { stationCode: stationA.code, ts: '2026-11-23 08:00', values: { flow: 1 } },
      { stationCode: stationA.code, ts: Date.now() + 3_600_000, values: { flow: 1 } },
      { stationCode: stationA.code, ts: Date.now() - 40 * 86_400_000, values: { flow: 1 } },
      { stationCode: 'NO-SUCH-STATION', ts: ts(13), values: { flow: 1 } },
      { stationCode: stationB.code, ts: ts(14), values: { flow: 1 } },
      { stationCode: stationA.code, ts: ts(15), values: {} },
      { stationCode: stationA.code, ts: ts(16), values: { flow: '1' } },
      'not even an object',
      {
        stationCode: stationA.code,
        ts: ts(0),
        values: { primarySupplyTemp: 90, primaryReturnTemp: 55, flow: 100, pumpRunning: 1 },
      },
      { stationCode: stationA.code, ts: ts(1), values: { flow: 77 } },
      { stationCode: stationA.code, ts: ts(14), values: { flow: 120, heatTotal: 12345.6 } },
    ];
    const answer = (await ingest(device.token, body)).json() as IngestAnswer;
    const codes = answer.results.map((r) => r.code ?? r.status);
    assert.deepEqual(codes, [
      'accepted',
      'reading.out_of_range',
      'reading.unknown_metric',
      'reading.invalid_time',
      'reading.future',
      'reading.too_old',
      'reading.unknown_station',
      'reading.forbidden_target',
      'reading.empty',
      'reading.not_a_number',
      'reading.missing_target',
      'duplicate',
      'duplicate',
      'accepted',
    ]);
    assert.deepEqual([answer.accepted, answer.duplicates, answer.rejected], [2, 2, 10]);
    const latest = (await t.request('GET', `/api/stations/${stationA.id}/latest`, sup)).json() as {
      values: Record<string, number>;
    };
    assert.equal(latest.values.flow, 120);
    assert.equal(
      latest.values.primarySupplyTemp,
      92,
      'a point absent from newer readings keeps its latest value',
    );
  });

  it('stores out-of-order readings and flags them without moving the latest value back', async () => {
    const answer = (
      await ingest(device.token, [
        { stationCode: stationA.code, ts: new Date(base + 5 * MIN).toISOString(), values: { flow: 55 } },
      ])
    ).json() as IngestAnswer;
    assert.deepEqual(answer.results[0], { index: 0, status: 'accepted', outOfOrder: true });
    const latest = (await t.request('GET', `/api/stations/${stationA.id}/latest`, sup)).json() as {
      values: Record<string, number>;
    };
    assert.equal(latest.values.flow, 120);
  });

  it('refuses unknown, malformed and revoked credentials, and non-array bodies', async () => {
    assert.equal((await ingest('hdt_99999.abcdefghijklmnopqrstuvwxyz', [])).status, 401);
    assert.equal((await ingest(`hdt_${device.id}.wrongwrongwrongwrongwrong`, [])).status, 401);
    assert.equal((await ingest(sup, [])).status, 401, 'a user session is not a device');
    const notArray = await ingest(device.token, { stationCode: stationA.code });
    assert.equal(notArray.status, 400);
    const rotated = (await t.request('POST', `/api/devices/${device.id}/rotate`, entA)).json() as {
      token: string;
    };
    assert.equal((await ingest(device.token, [])).status, 401, 'the old token stops working');
    assert.equal((await ingest(rotated.token, [])).status, 200);
    device.token = rotated.token;

    const spare = (await t.request('POST', '/api/devices', entA, { stationId: stationA.id })).json() as {
      id: number;
      token: string;
    };
    assert.equal((await ingest(spare.token, [])).status, 200);
    const revoked = await t.request('POST', `/api/devices/${spare.id}/revoke`, entA);
    assert.equal((revoked.json() as { active: boolean }).active, false);
    const refused = await ingest(spare.token, [
      { stationCode: stationA.code, ts: new Date(base).toISOString(), values: { flow: 1 } },
    ]);
    assert.equal(refused.status, 401, 'a revoked device is refused');
    assert.equal((refused.json() as { error: { code: string } }).error.code, 'device.unauthenticated');
    const again = await t.request('POST', `/api/devices/${spare.id}/rotate`, entA);
    assert.equal((again.json() as { error: { code: string } }).error.code, 'device.revoked');
  });

  it('takes indoor readings from household sensors', async () => {
    const household = (
      (
        await t.request('GET', `/api/households?enterpriseId=${stationA.enterpriseId}&pageSize=1`, sup)
      ).json() as Page<{ id: number; code: string }>
    ).items[0];
    assert.ok(household);
    const sensor = (await t.request('POST', '/api/devices', sup, { householdId: household.id })).json() as {
      token: string;
      topic: string;
    };
    assert.equal(sensor.topic, `hearth/v1/households/${household.code}/indoor`);
    const answer = (
      await ingest(sensor.token, [
        { householdCode: household.code, ts: new Date(base).toISOString(), values: { indoorTemp: 19.5 } },
        { householdCode: household.code, ts: new Date(base + MIN).toISOString(), values: { flow: 1 } },
      ])
    ).json() as IngestAnswer;
    assert.deepEqual(
      answer.results.map((r) => r.code ?? r.status),
      ['accepted', 'reading.unknown_metric'],
    );
  });

  it('keeps rejected messages in a dead-letter store for supervisors', async () => {
    const r = await t.request('GET', '/api/telemetry/dead-letters?pageSize=100', sup);
    assert.equal(r.status, 200);
    const page = r.json() as Page<{ code: string; deviceId: number; reason: string; payload: string }>;
    assert.ok(page.total >= 11);
    assert.ok(page.items.some((d) => d.code === 'reading.out_of_range' && d.payload.includes('-5')));
    const filtered = (
      await t.request('GET', '/api/telemetry/dead-letters?code=reading.future', sup)
    ).json() as Page<unknown>;
    assert.equal(filtered.total, 1);
    assert.equal((await t.request('GET', '/api/telemetry/dead-letters', entA)).status, 403);
  });

  it('counts accepted, duplicate, rejected and out-of-order readings per enterprise', async () => {
    await t.container.ingest.flush();
    const mine = (await t.request('GET', '/api/telemetry/ingest-stats', entA)).json() as {
      items: {
        enterpriseId: number;
        accepted: number;
        duplicates: number;
        rejected: number;
        outOfOrder: number;
      }[];
    };
    assert.equal(mine.items.length, 1);
    assert.deepEqual(mine.items[0], {
      enterpriseId: stationA.enterpriseId,
      accepted: 7,
      duplicates: 2,
      rejected: 11,
      outOfOrder: 1,
    });
  });

  it('serves series raw and rolled up, equal to the raw values', async () => {
    await t.container.telemetryStore.refreshRollups();
    const from = new Date(base).toISOString();
    const to = new Date(base + 60 * MIN).toISOString();
    const raw = (
      await t.request(
        'GET',
        `/api/stations/${stationA.id}/series?metric=flow&from=${from}&to=${to}&resolution=raw`,
        sup,
      )
    ).json() as {
      points: { ts: string; value: number }[];
    };
    assert.deepEqual(
      raw.points.map((p) => p.value),
      [100, 101, 102, 55, 110, 120],
    );
    const rolled = (
      await t.request(
        'GET',
        `/api/stations/${stationA.id}/series?metric=flow&from=${from}&to=${to}&resolution=15m`,
        sup,
      )
    ).json() as {
      resolution: string;
      points: { ts: string; value: number; min: number; max: number; count: number }[];
    };
    assert.equal(rolled.resolution, '15m');
    const first = rolled.points[0];
    assert.ok(first);
    assert.deepEqual([first.min, first.max, first.count], [55, 120, 6]);
    assert.ok(Math.abs(first.value - (100 + 101 + 102 + 55 + 110 + 120) / 6) < 1e-9);
    const bad = await t.request(
      'GET',
      `/api/stations/${stationA.id}/series?metric=flow&from=${to}&to=${from}`,
      sup,
    );
    assert.equal(bad.status, 400);
    assert.equal(
      (await t.request('GET', `/api/stations/${stationB.id}/series?metric=flow&from=${from}&to=${to}`, entA))
        .status,
      404,
    );
  });

  it('shows the monitoring table with status from silence, scoped', async () => {
    const all = (await t.request('GET', '/api/monitoring/stations?pageSize=500', sup)).json() as {
      items: { id: number; status: string; values: Record<string, number> }[];
      total: number;
      statusCounts: Record<string, number>;
    };
    const row = all.items.find((s) => s.id === stationA.id);
    assert.equal(row?.status, 'offline', 'the last reading is ~100 minutes old');
    assert.equal(row?.values.flow, 120);
    assert.equal(all.statusCounts.no_data, all.total - 1);
    const mine = (await t.request('GET', '/api/monitoring/stations?pageSize=500', entA)).json() as {
      items: Station[];
    };
    assert.ok(mine.items.length > 0 && mine.items.every((s) => s.enterpriseId === stationA.enterpriseId));
    const offline = (await t.request('GET', '/api/monitoring/stations?status=offline', sup)).json() as {
      total: number;
    };
    assert.equal(offline.total, 1);
    assert.equal((await t.request('GET', `/api/stations/${stationB.id}/latest`, entA)).status, 404);
  });
  it('pushes live updates over server-sent events, scoped', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const response = await fetch(`${address}/api/monitoring/stream?access_token=${entA}`, {
      signal: controller.signal,
    });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const ts = new Date(Date.now() - MIN).toISOString();
    await ingest(device.token, [{ stationCode: stationA.code, ts, values: { flow: 999 } }]);
    let text = '';
    const deadline = Date.now() + 6000;
    while (!text.includes('event: stations') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const data = text.split('\n').find((l) => l.startsWith('data: '));
    assert.ok(data, text);
    const rows = JSON.parse(data.slice(6)) as {
      id: number;
      status: string;
      values: Record<string, number>;
    }[];
    assert.deepEqual(
      rows.map((r) => [r.id, r.status, r.values.flow]),
      [[stationA.id, 'online', 999]],
    );
    const anonymous = await fetch(`${address}/api/monitoring/stream`);
    assert.equal(anonymous.status, 401);
  });
  it('reports data quality and sampling shares per enterprise, scoped', async () => {
    await t.container.telemetryStore.refreshRollups();
    const quality = (await t.request('GET', '/api/telemetry/quality', sup)).json() as {
      items: {
        enterpriseId: number;
        stations: number;
        online: number;
        noData: number;
        coverage: number;
        completeness: number;
        stuckSensors: number;
      }[];
    };
    const a = quality.items.find((q) => q.enterpriseId === stationA.enterpriseId);
    assert.ok(a);
    assert.equal(a.online, 1);
    assert.equal(a.noData, a.stations - 1);
    assert.equal(a.coverage, 1 / a.stations);
    assert.ok(a.completeness > 0 && a.completeness < 1);
    assert.equal(a.stuckSensors, 0);
    // a pressure gauge that reads 0.2 MPa ten times in the last two hours is stuck
    const window = Math.floor(Date.now() / (15 * MIN)) * 15 * MIN - 120 * MIN;
    const stuck = Array.from({ length: 10 }, (_, i) => ({
      stationCode: stationA.code,
      ts: window + i * 12 * MIN + 7_000,
      values: { secondaryReturnPressure: 0.2 },
    }));
    assert.equal((await ingest(device.token, stuck)).status, 200);
    const after = (await t.request('GET', '/api/telemetry/quality', sup)).json() as typeof quality;
    assert.equal(after.items.find((q) => q.enterpriseId === stationA.enterpriseId)?.stuckSensors, 1);
    const mine = (await t.request('GET', '/api/telemetry/quality', entA)).json() as {
      items: { enterpriseId: number }[];
    };
    assert.deepEqual(
      mine.items.map((q) => q.enterpriseId),
      [stationA.enterpriseId],
    );

    const sampling = (await t.request('GET', '/api/telemetry/sampling?pageSize=500', entA)).json() as {
      minimumShare: number;
      enterprises: {
        enterpriseId: number;
        households: number;
        sensors: number;
        share: number;
        belowMinimum: boolean;
      }[];
      items: { communityId: number; sensors: number; share: number }[];
      summary: { sensors: number; households: number };
    };
    assert.equal(sampling.minimumShare, 0.03);
    assert.equal(sampling.enterprises.length, 1);
    const e = sampling.enterprises[0];
    assert.ok(e);
    assert.equal(e.sensors, 1);
    assert.equal(e.share, 1 / e.households);
    assert.equal(e.belowMinimum, true, 'one sensor is far below 3 % of the households');
    assert.equal(sampling.items.filter((c) => c.sensors > 0).length, 1);
    assert.deepEqual([sampling.summary.sensors, sampling.summary.households], [1, e.households]);
  });
  it('answers malformed JSON with 400 and treats a __proto__ key as an unknown metric', async () => {
    const broken = await t.request('POST', '/api/ingest/telemetry', device.token, '[{"stationCode":', {
      'content-type': 'application/json',
    });
    assert.equal(broken.status, 400);
    assert.equal((broken.json() as { error: { code: string } }).error.code, 'request.malformed');
    const poisoned = `[{"stationCode":"${stationA.code}","ts":${Date.now() - MIN},"values":{"__proto__":{"polluted":1}}}]`;
    const r = await t.request('POST', '/api/ingest/telemetry', device.token, poisoned, {
      'content-type': 'application/json',
    });
    assert.equal(r.status, 200);
    assert.equal((r.json() as IngestAnswer).results[0]?.code, 'reading.unknown_metric');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
  it('answers a range with more raw readings than fit from the 15-minute rollup, or says raw is cut', async () => {
    // a station reporting every second: 6,000 readings in 100 minutes (past the 5,000 raw points)
    const station = (
      (await t.request('GET', '/api/stations?sort=-code&pageSize=1', sup)).json() as Page<Station>
    ).items[0] as Station;
    const fast = (await t.request('POST', '/api/devices', sup, { stationId: station.id })).json() as {
      token: string;
    };
    const start = base - 105 * MIN; // on a 15-minute boundary
    const body = Array.from({ length: 6000 }, (_, i) => ({
      stationCode: station.code,
      ts: start + i * 1000,
      values: { flow: 100 + (i % 60) },
    }));
    assert.equal((await ingest(fast.token, body)).status, 200);
    const range = `from=${new Date(start).toISOString()}&to=${new Date(start + 100 * MIN).toISOString()}`;
    const auto = (
      await t.request('GET', `/api/stations/${station.id}/series?metric=flow&${range}`, sup)
    ).json() as { resolution: string; truncated?: boolean; points: { ts: string; count: number }[] };
    assert.equal(auto.resolution, '15m', 'too many raw readings: the rollup answers');
    assert.equal(auto.truncated, undefined);
    assert.equal(
      auto.points.reduce((n, p) => n + p.count, 0),
      6000,
      'the whole range is covered',
    );
    const raw = (
      await t.request('GET', `/api/stations/${station.id}/series?metric=flow&${range}&resolution=raw`, sup)
    ).json() as { resolution: string; truncated?: boolean; points: unknown[] };
    assert.equal(raw.resolution, 'raw');
    assert.equal(raw.truncated, true);
    assert.equal(raw.points.length, 5000);
  });
});
