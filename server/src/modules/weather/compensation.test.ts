// Weather compensation over HTTP: targets with their parameters' sources, curve, series, station overrides (audited,
// validated), role and tenant isolation route by route; the service over a recorded outdoor series.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '@hearth/contracts/auth';
import type { Page } from '@hearth/contracts/common';
import type {
  CompensationCurve,
  CompensationSeries,
  CompensationSetup,
  CompensationTarget,
} from '@hearth/contracts/compensation';
import { CITY_SCOPE, SYSTEM_ACTOR } from '../auth/actor.ts';
import { buildEnterprise, buildStation, create } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { compensationTarget } from './compensation.rules.ts';
import { createCompensationRepository } from './compensation.repository.ts';
import { createCompensationService } from './compensation.service.ts';

const HOUR = 3_600_000;

describe('weather compensation', () => {
  let t: TestApp;
  let sup: string;
  let entA: string;
  let viewer: string;
  let stationA: number;
  let stationB: number;

  const put = async (id: number, token: string | undefined, body: unknown) => {
    const r = await t.app.inject({
      method: 'PUT',
      url: `/api/stations/${id}/compensation`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: body as object,
    });
    return { status: r.statusCode, json: () => r.json() as unknown, body: r.body };
  };

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    viewer = await t.tokenFor('viewer');
    const a = await create(t, sup, 'enterprises', buildEnterprise());
    const b = await create(t, sup, 'enterprises', buildEnterprise());
    entA = await t.tokenFor('enterprise', { enterpriseId: a.id });
    stationA = (
      await create(
        t,
        sup,
        'stations',
        buildStation({ enterpriseId: a.id, designSupplyTemp: 95, designReturnTemp: 70 }),
      )
    ).id;
    stationB = (await create(t, sup, 'stations', buildStation({ enterpriseId: b.id }))).id;
  });
  after(() => t.close());

  it('answers the SPEC example: 95/70 at 0 ℃ in Beijing → 75.981 / 58.403, with every source', async () => {
    const r = await t.request('GET', `/api/stations/${stationA}/compensation?outdoorTemp=0`, sup);
    assert.equal(r.status, 200, r.body);
    const target = r.json() as CompensationTarget;
    assert.deepEqual(target.target, { outdoorTemp: 0, supply: 75.981, return: 58.403, relativeLoad: 0.7031 });
    assert.equal(target.city, '北京');
    assert.deepEqual(target.params, {
      designSupply: 95,
      designReturn: 70,
      indoorTemp: 18,
      designOutdoorTemp: -7.6,
      radiatorExponent: 0.3,
    });
    assert.deepEqual(target.sources, {
      designSupply: 'station',
      designReturn: 'station',
      indoorTemp: 'city',
      designOutdoorTemp: 'standard',
      radiatorExponent: 'standard',
    });
    assert.equal(target.outdoorFrom, 'query');
    assert.equal(target.outdoorAt, null);
  });

  it('without an outdoor temperature uses the latest hour of the outdoor series', async () => {
    const r = await t.request('GET', `/api/stations/${stationA}/compensation`, sup);
    assert.equal(r.status, 200, r.body);
    const target = r.json() as CompensationTarget;
    assert.equal(target.outdoorFrom, 'weather');
    assert.ok(
      target.outdoorAt && Date.now() - Date.parse(target.outdoorAt) < 2 * HOUR,
      target.outdoorAt ?? '',
    );
    const expected = compensationTarget(target.target.outdoorTemp, target.params);
    assert.ok(Math.abs(target.target.supply - expected.supply) < 0.001);
  });

  it('draws the curve from −20 to +10 ℃, falling as it gets warmer below the load cap', async () => {
    const r = await t.request('GET', `/api/stations/${stationA}/compensation/curve`, sup);
    assert.equal(r.status, 200, r.body);
    const curve = r.json() as CompensationCurve;
    assert.deepEqual(
      [curve.points[0]?.outdoorTemp, curve.points.at(-1)?.outdoorTemp, curve.points.length],
      [-20, 10, 31],
    );
    // colder than 18 − 1.2 × 25.6 = −12.72 ℃ the load is capped at 1.2 (a flat top); warmer, strictly falling
    const capped = curve.points.filter((p) => p.relativeLoad === 1.2).map((p) => p.outdoorTemp);
    assert.deepEqual(capped, [-20, -19, -18, -17, -16, -15, -14, -13]);
    for (let i = capped.length; i < curve.points.length; i++)
      assert.ok((curve.points[i]?.supply ?? 0) < (curve.points[i - 1]?.supply ?? 0), `${i}`);
    assert.equal(curve.points.find((p) => p.outdoorTemp === 0)?.supply, 75.981);
  });

  it('answers the hourly targets over a range', async () => {
    const from = '2026-01-10T00:00:00.000Z';
    const to = '2026-01-11T00:00:00.000Z';
    const r = await t.request(
      'GET',
      `/api/stations/${stationA}/compensation/series?from=${from}&to=${to}`,
      sup,
    );
    assert.equal(r.status, 200, r.body);
    const series = r.json() as CompensationSeries;
    assert.equal(series.points.length, 24);
    assert.equal(series.points[0]?.at, from);
    for (const p of series.points)
      assert.ok(Math.abs(p.supply - compensationTarget(p.outdoorTemp, series.params).supply) < 0.001);
    const bad = [`from=${to}&to=${from}`, `from=${from}&to=2026-06-01T00:00:00Z`, `from=yesterday&to=${to}`];
    for (const q of bad)
      assert.equal(
        (await t.request('GET', `/api/stations/${stationA}/compensation/series?${q}`, sup)).status,
        400,
        q,
      );
  });

  it('the owning enterprise sets overrides; the target follows; null restores the default; audited', async () => {
    const r = await put(stationA, entA, { indoorTemp: 20, radiatorExponent: 0.35 });
    assert.equal(r.status, 200, r.body);
    const setup = r.json() as CompensationSetup;
    assert.equal(setup.params.indoorTemp, 20);
    assert.equal(setup.sources.indoorTemp, 'override');
    assert.equal(setup.sources.designOutdoorTemp, 'standard');
    const target = (
      await t.request('GET', `/api/stations/${stationA}/compensation?outdoorTemp=0`, entA)
    ).json() as CompensationTarget;
    const expected = compensationTarget(0, {
      designSupply: 95,
      designReturn: 70,
      indoorTemp: 20,
      designOutdoorTemp: -7.6,
      radiatorExponent: 0.35,
    });
    assert.equal(target.target.supply, Math.round(expected.supply * 1000) / 1000);
    assert.ok(target.target.supply > 75.981);

    const cleared = (
      await put(stationA, sup, { indoorTemp: null, designOutdoorTemp: -9 })
    ).json() as CompensationSetup;
    assert.deepEqual(
      [
        cleared.params.indoorTemp,
        cleared.sources.indoorTemp,
        cleared.params.radiatorExponent,
        cleared.params.designOutdoorTemp,
      ],
      [18, 'city', 0.35, -9],
    );
    const audit = (
      await t.request('GET', '/api/audit?entity=station_compensation', sup)
    ).json() as Page<AuditEntry>;
    assert.deepEqual(
      audit.items.map((e) => [e.entityId, e.changes]),
      [
        [String(stationA), { indoorTemp: { from: 20, to: null }, designOutdoorTemp: { from: null, to: -9 } }],
        [
          String(stationA),
          { indoorTemp: { from: null, to: 20 }, radiatorExponent: { from: null, to: 0.35 } },
        ],
      ],
    );
    // the same values again change nothing and record nothing
    assert.equal((await put(stationA, sup, { designOutdoorTemp: -9 })).status, 200);
    const again = (
      await t.request('GET', '/api/audit?entity=station_compensation', sup)
    ).json() as Page<AuditEntry>;
    assert.equal(again.total, 2);
  });

  it('validates the overrides', async () => {
    const cases: unknown[] = [
      {},
      { indoorTemp: 40 },
      { radiatorExponent: 2 },
      { designOutdoorTemp: 12 },
      { indoorTemp: '18' },
      { designSupply: 80 },
    ];
    for (const body of cases) {
      const r = await put(stationB, sup, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal((r.json() as { error: { code: string } }).error.code, 'request.invalid');
    }
  });

  it('keeps enterprises to their own stations (a foreign id is 404) and read-only roles from writing', async () => {
    const foreign = [
      `/api/stations/${stationB}/compensation?outdoorTemp=0`,
      `/api/stations/${stationB}/compensation/curve`,
      `/api/stations/${stationB}/compensation/series?from=2026-01-10T00:00:00Z&to=2026-01-11T00:00:00Z`,
    ];
    for (const url of foreign) {
      const r = await t.request('GET', url, entA);
      assert.equal(r.status, 404, url);
      assert.equal((r.json() as { error: { code: string } }).error.code, 'station.not_found');
    }
    assert.equal((await put(stationB, entA, { indoorTemp: 19 })).status, 404);
    assert.equal(
      (await t.request('GET', `/api/stations/${stationB}/compensation/curve`, viewer)).status,
      200,
    );
    assert.equal((await put(stationB, viewer, { indoorTemp: 19 })).status, 403);
    assert.equal((await put(stationB, undefined, { indoorTemp: 19 })).status, 401);
    assert.equal((await t.request('GET', `/api/stations/${stationB}/compensation/curve`)).status, 401);
    assert.equal((await t.request('GET', `/api/stations/999999/compensation/curve`, sup)).status, 404);
  });

  it('the service follows an injected outdoor series, and says so when there is none', async () => {
    const start = Date.parse('2026-01-10T00:00:00Z');
    const recorded = [
      { ts: start, temp: -7.6 },
      { ts: start + HOUR, temp: 0 },
      { ts: start + 2 * HOUR, temp: 18 },
    ];
    const service = createCompensationService({
      db: t.database.db,
      repo: createCompensationRepository(t.database.db),
      registry: t.container.registry,
      audit: t.container.audit,
      outdoor: { hourly: async (from, to) => recorded.filter((p) => p.ts >= from && p.ts < to) },
      city: { name: '天津', indoorTemp: 18, designOutdoorTemp: -7.0 },
      now: () => start + 2 * HOUR + 10 * 60_000,
    });
    const series = await service.series(
      CITY_SCOPE,
      stationB,
      new Date(start).toISOString(),
      new Date(start + 3 * HOUR).toISOString(),
    );
    assert.deepEqual(
      series.points.map((p) => [p.outdoorTemp, p.supply, p.return]),
      [
        [-7.6, 76.119, 50.519],
        [0, 61.563, 43.563],
        [18, 18, 18],
      ],
    );
    // 75/50 with Tianjin's tw′ −7.0 (by hand: Q̄ = 25.6/25 = 1.024 at −7.6 ℃, 0.72 at 0 ℃): past the design day at −7.6 ℃,
    // so above 75 ℃
    assert.equal(series.points[0]?.relativeLoad, 1.024);
    const now = await service.targetFor(CITY_SCOPE, stationB);
    assert.deepEqual([now.outdoorFrom, now.target.outdoorTemp, now.city], ['weather', 18, '天津']);
    const silent = createCompensationService({
      db: t.database.db,
      repo: createCompensationRepository(t.database.db),
      registry: t.container.registry,
      audit: t.container.audit,
      outdoor: { hourly: async () => [] },
      city: { name: '北京', indoorTemp: 18, designOutdoorTemp: -7.6 },
    });
    await assert.rejects(silent.targetFor(CITY_SCOPE, stationB), /outdoor/);
    await assert.rejects(
      silent.update({ ...SYSTEM_ACTOR, role: 'enterprise', enterpriseId: -5 }, stationB, { indoorTemp: 19 }),
      /station/,
    );
  });
});
