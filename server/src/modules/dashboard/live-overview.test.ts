// The live overview over HTTP (GET /api/overview/live): station statuses, heat load against capacity, indoor
// compliance 室温合格率 and the coldest communities from ingested readings; an enterprise user sees its own only;
// an empty city answers zeros and nulls. Runs on SQLite, and on PostgreSQL with HEARTH_DATABASE_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveOverview } from '@hearth/contracts/live-overview';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import {
  buildCommunity,
  buildEnterprise,
  buildHeatSource,
  buildHousehold,
  buildStation,
  create,
  registerDevice,
} from '../../test-support/factories.ts';

const MIN = 60_000;
const close = (actual: number | null | undefined, expected: number) =>
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9,
    `${actual} ≈ ${expected}`,
  );

describe('live overview', () => {
  let t: TestApp;
  let sup: string;
  let userA: string;
  let userB: string;
  const ids: Record<string, number> = {};

  const live = async (token: string) => {
    const r = await t.request('GET', '/api/overview/live', token);
    assert.equal(r.status, 200, r.body);
    return r.json() as LiveOverview;
  };
  /** a station with a device that reported `heatPower` `agoMin` minutes ago (or never) */
  const station = async (name: string, enterpriseId: number, capacityMw: number, heat?: [number, number]) => {
    const s = await create(t, sup, 'stations', buildStation({ name, enterpriseId, capacityMw }));
    ids[name] = s.id;
    if (!heat) return;
    const device = await registerDevice(t, sup, { stationId: s.id });
    const [agoMin, heatPower] = heat;
    const body = [{ stationCode: s.code, ts: Date.now() - agoMin * MIN, values: { heatPower } }];
    const r = await t.request('POST', '/api/ingest/telemetry', device.token, body);
    assert.equal(r.status, 200, r.body);
  };
  /** a community whose households reported these indoor temperatures [minutes ago, ℃] */
  const community = async (name: string, enterpriseId: number, temps: [number, number][]) => {
    const c = await create(t, sup, 'communities', buildCommunity({ name, enterpriseId }));
    ids[name] = c.id;
    for (const [agoMin, indoorTemp] of temps) {
      const h = await create(t, sup, 'households', buildHousehold({ communityId: c.id }));
      const device = await registerDevice(t, sup, { householdId: h.id });
      const body = [{ householdCode: h.code, ts: Date.now() - agoMin * MIN, values: { indoorTemp } }];
      const r = await t.request('POST', '/api/ingest/telemetry', device.token, body);
      assert.equal(r.status, 200, r.body);
    }
  };

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    const a = await create(t, sup, 'enterprises', buildEnterprise({ name: '甲热力' }));
    const b = await create(t, sup, 'enterprises', buildEnterprise({ name: '乙热力' }));
    await create(t, sup, 'heat-sources', buildHeatSource({ enterpriseId: a.id, capacityMw: 300 }));
    await create(t, sup, 'heat-sources', buildHeatSource({ enterpriseId: b.id, capacityMw: 200 }));
    // online, never reported | online, stale (20 min), offline (40 min): statuses with the default 10 / 30 min
    await station('甲一站', a.id, 5, [1, 3.2]);
    await station('甲二站', a.id, 6);
    await station('乙一站', b.id, 8, [2, 4.5]);
    await station('乙二站', b.id, 4, [20, 1]);
    await station('乙三站', b.id, 7, [40, 2]);
    await community('阳光花园', a.id, [
      [2, 20.5],
      [3, 16],
      [1, 18],
    ]);
    await community('暖阳里', a.id, [[5, 22]]);
    // the second household reported an hour ago: not counted
    await community('冬青小区', b.id, [
      [4, 15],
      [60, 12],
    ]);
    userA = await t.tokenFor('enterprise', { enterpriseId: a.id });
    userB = await t.tokenFor('enterprise', { enterpriseId: b.id });
    ids.a = a.id;
    ids.b = b.id;
  });
  after(() => t.close());

  it('answers a supervisor the city: statuses, heat load against capacity, compliance, coldest first', async () => {
    const o = await live(sup);
    assert.equal(o.enterprise, null);
    assert.equal(o.timeZone, 'Asia/Shanghai');
    assert.ok(Math.abs(Date.parse(o.at) - Date.now()) < 60_000);
    assert.deepEqual(o.stations, { total: 5, online: 2, stale: 1, offline: 1, noData: 1 });
    // the offline station's last heat power is not part of the load
    close(o.heatLoad.loadMw, 3.2 + 4.5 + 1);
    assert.equal(o.heatLoad.reportingStations, 3);
    close(o.heatLoad.sourceCapacityMw, 500);
    close(o.heatLoad.stationCapacityMw, 30);
    assert.equal(o.indoor.standardC, 18);
    assert.equal(o.indoor.reporting, 5);
    assert.equal(o.indoor.belowStandard, 2);
    close(o.indoor.compliance, 3 / 5);
    close(o.indoor.meanC, (20.5 + 16 + 18 + 22 + 15) / 5);
    assert.deepEqual(
      o.indoor.coldest.map((c) => [c.name, c.enterpriseName, c.sensors, c.belowStandard]),
      [
        ['冬青小区', '乙热力', 1, 1],
        ['阳光花园', '甲热力', 3, 1],
        ['暖阳里', '甲热力', 1, 0],
      ],
    );
    close(o.indoor.coldest[1]?.meanIndoorC, (20.5 + 16 + 18) / 3);
    assert.equal(o.indoor.coldest[0]?.communityId, ids['冬青小区']);
    // no station metric measures the outdoor temperature: said so, not invented
    assert.equal(o.outdoorTempC, null);
  });

  it('answers an enterprise user its own stations, communities and capacity under its name', async () => {
    const a = await live(userA);
    assert.deepEqual(a.enterprise, { id: ids.a, name: '甲热力' });
    assert.deepEqual(a.stations, { total: 2, online: 1, stale: 0, offline: 0, noData: 1 });
    close(a.heatLoad.loadMw, 3.2);
    close(a.heatLoad.sourceCapacityMw, 300);
    close(a.heatLoad.stationCapacityMw, 11);
    assert.equal(a.indoor.reporting, 4);
    close(a.indoor.compliance, 3 / 4);
    assert.deepEqual(
      a.indoor.coldest.map((c) => c.name),
      ['阳光花园', '暖阳里'],
    );

    const b = await live(userB);
    assert.deepEqual(b.enterprise, { id: ids.b, name: '乙热力' });
    assert.deepEqual(b.stations, { total: 3, online: 1, stale: 1, offline: 1, noData: 0 });
    close(b.heatLoad.loadMw, 5.5);
    assert.equal(b.indoor.reporting, 1);
    close(b.indoor.compliance, 0);
    assert.deepEqual(
      b.indoor.coldest.map((c) => [c.name, c.enterpriseName]),
      [['冬青小区', '乙热力']],
    );
  });

  it('refuses an anonymous caller', async () => {
    assert.equal((await t.request('GET', '/api/overview/live')).status, 401);
  });
});

describe('live overview of an empty city', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('answers zeros, no compliance, no coldest communities and no outdoor temperature', async () => {
    const r = await t.request('GET', '/api/overview/live', await t.tokenFor('supervisor'));
    assert.equal(r.status, 200, r.body);
    const o = r.json() as LiveOverview;
    assert.deepEqual(o.stations, { total: 0, online: 0, stale: 0, offline: 0, noData: 0 });
    assert.deepEqual(o.heatLoad, {
      loadMw: 0,
      reportingStations: 0,
      sourceCapacityMw: 0,
      stationCapacityMw: 0,
    });
    assert.deepEqual(o.indoor, {
      standardC: 18,
      reporting: 0,
      belowStandard: 0,
      compliance: null,
      meanC: null,
      coldest: [],
    });
    assert.equal(o.outdoorTempC, null);
  });
});
