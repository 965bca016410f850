// Indoor temperatures over HTTP: a household's latest value and series, a community's figures and compliance
// 室温合格率 against the standard, scoped to the caller's enterprise.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  IndoorSummary,
  LatestValues,
  SamplingResponse,
  SeriesResponse,
} from '@hearth/contracts/telemetry';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

const MIN = 60_000;

describe('indoor temperatures', () => {
  let t: TestApp;
  let sup: string;
  let enterpriseA: number;
  let communityId: number;
  const households: { id: number; code: string; token?: string }[] = [];

  const create = async (path: string, body: object) => {
    const r = await t.request('POST', path, sup, body);
    assert.equal(r.status, 201, r.body);
    return r.json() as { id: number; token: string };
  };

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    enterpriseA = (await create('/api/enterprises', { code: 'EA', name: '甲热力', type: 'heating' })).id;
    await create('/api/enterprises', { code: 'EB', name: '乙热力', type: 'heating' });
    communityId = (
      await create('/api/communities', { code: 'C1', name: '阳光花园', enterpriseId: enterpriseA })
    ).id;
    for (let i = 0; i < 5; i++) {
      const code = `H${i}`;
      const { id } = await create('/api/households', { code, communityId, floor: i + 1, areaM2: 80 });
      // households 0–3 have a sensor; 4 has none
      const token = i < 4 ? (await create('/api/devices', { householdId: id })).token : undefined;
      households.push({ id, code, ...(token ? { token } : {}) });
    }
    const now = Date.now();
    // H0 warm, H1 cold, H2 exactly at the standard; H3 reported an hour ago only (silent)
    const send = async (h: (typeof households)[number], readings: [number, number][]) => {
      const body = readings.map(([agoMin, value]) => ({
        householdCode: h.code,
        ts: now - agoMin * MIN,
        values: { indoorTemp: value },
      }));
      const r = await t.request('POST', '/api/ingest/telemetry', h.token, body);
      assert.equal(r.status, 200, r.body);
      assert.equal((r.json() as { accepted: number }).accepted, readings.length);
    };
    await send(households[0] as (typeof households)[number], [
      [20, 20.5],
      [2, 21.2],
    ]);
    await send(households[1] as (typeof households)[number], [[3, 16.4]]);
    await send(households[2] as (typeof households)[number], [[1, 18]]);
    await send(households[3] as (typeof households)[number], [[60, 12]]);
  });
  after(() => t.close());

  it('answers a household’s latest indoor temperature and its series', async () => {
    const h = households[0];
    const latest = (await t.request('GET', `/api/households/${h?.id}/latest`, sup)).json() as LatestValues;
    assert.equal(latest.values.indoorTemp, 21.2);
    const from = new Date(Date.now() - 60 * MIN).toISOString();
    const to = new Date(Date.now() + MIN).toISOString();
    const r = await t.request(
      'GET',
      `/api/households/${h?.id}/series?metric=indoorTemp&from=${from}&to=${to}`,
      sup,
    );
    assert.equal(r.status, 200, r.body);
    const series = r.json() as SeriesResponse;
    assert.equal(series.resolution, 'raw');
    assert.deepEqual(
      series.points.map((p) => p.value),
      [20.5, 21.2],
    );
    const wrong = await t.request(
      'GET',
      `/api/households/${h?.id}/series?metric=flow&from=${from}&to=${to}`,
      sup,
    );
    assert.equal(wrong.status, 400);
    assert.equal((wrong.json() as { error: { code: string } }).error.code, 'series.invalid_metric');
  });

  it('sums a community up against the 18 ℃ standard, coldest first', async () => {
    const r = await t.request('GET', `/api/communities/${communityId}/indoor`, sup);
    assert.equal(r.status, 200, r.body);
    const s = r.json() as IndoorSummary;
    assert.deepEqual(
      [s.standard, s.sensed, s.reporting, s.belowStandard, s.min, s.max],
      [18, 4, 3, 1, 16.4, 21.2],
    );
    assert.equal(s.compliance, 2 / 3);
    assert.ok(Math.abs((s.mean ?? 0) - (16.4 + 18 + 21.2) / 3) < 1e-9);
    assert.deepEqual(
      s.households.map((h) => [h.householdId, h.value, h.stale, h.belowStandard]),
      [
        [households[1]?.id, 16.4, false, true],
        [households[2]?.id, 18, false, false],
        [households[0]?.id, 21.2, false, false],
        [households[3]?.id, 12, true, false],
      ],
    );
  });

  it('keeps another enterprise out', async () => {
    const other = (
      (await t.request('GET', '/api/enterprises?code=EB', sup)).json() as {
        items: { id: number; code: string }[];
      }
    ).items.find((e) => e.code === 'EB');
    const tokenB = await t.tokenFor('enterprise', { enterpriseId: other?.id ?? 0 });
    const tokenA = await t.tokenFor('enterprise', { enterpriseId: enterpriseA });
    assert.equal((await t.request('GET', `/api/communities/${communityId}/indoor`, tokenB)).status, 404);
    assert.equal((await t.request('GET', `/api/households/${households[0]?.id}/latest`, tokenB)).status, 404);
    const range = `from=${new Date(Date.now() - 60 * MIN).toISOString()}&to=${new Date().toISOString()}`;
    assert.equal(
      (
        await t.request(
          'GET',
          `/api/households/${households[0]?.id}/series?metric=indoorTemp&${range}`,
          tokenB,
        )
      ).status,
      404,
    );
    assert.equal((await t.request('GET', `/api/communities/${communityId}/indoor`, tokenA)).status, 200);
    assert.equal((await t.request('GET', `/api/communities/${communityId}/indoor`)).status, 401);
  });

  it('follows a household moved to another enterprise’s community, sensor and all', async () => {
    const enterprises = (await t.request('GET', '/api/enterprises', sup)).json() as {
      items: { id: number; code: string }[];
    };
    const enterpriseB = enterprises.items.find((e) => e.code === 'EB')?.id ?? 0;
    const communityB = (
      await create('/api/communities', { code: 'C2', name: '乙小区', enterpriseId: enterpriseB })
    ).id;
    const moved = households[1]; // the cold one, with its sensor
    const r = await t.request('PATCH', `/api/households/${moved?.id}`, sup, { communityId: communityB });
    assert.equal(r.status, 200, r.body);

    const tokenA = await t.tokenFor('enterprise', { enterpriseId: enterpriseA });
    const tokenB = await t.tokenFor('enterprise', { enterpriseId: enterpriseB });
    const a = (
      await t.request('GET', `/api/communities/${communityId}/indoor`, tokenA)
    ).json() as IndoorSummary;
    assert.equal(a.sensed, 3);
    assert.ok(
      !a.households.some((h) => h.householdId === moved?.id),
      'no longer shown to its old enterprise',
    );
    const b = (
      await t.request('GET', `/api/communities/${communityB}/indoor`, tokenB)
    ).json() as IndoorSummary;
    assert.deepEqual(
      b.households.map((h) => [h.householdId, h.value]),
      [[moved?.id, 16.4]],
    );

    const samplingA = (await t.request('GET', '/api/telemetry/sampling', tokenA)).json() as SamplingResponse;
    assert.deepEqual(
      samplingA.items.map((c) => [c.communityId, c.sensors]),
      [[communityId, 3]],
    );
    const samplingB = (await t.request('GET', '/api/telemetry/sampling', tokenB)).json() as SamplingResponse;
    assert.deepEqual(
      samplingB.items.map((c) => [c.communityId, c.sensors, c.households]),
      [[communityB, 1, 1]],
    );
  });
});
