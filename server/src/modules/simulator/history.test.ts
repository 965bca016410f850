// The demo city's season history: every station and sensed household has its past, the faults show where the
// views look for them, the demo devices persist and are reused, and revoking a sensor never hides a history.
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { METRIC_KEYS } from '@hearth/contracts/telemetry';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { CITY_SCOPE, SYSTEM_ACTOR } from '../auth/actor.ts';
import { writeSeasonHistory, type HistoryReport } from './history.ts';
import { runSimulation } from './simulator.ts';
import { FAULT_LEAD_MS } from './history.rules.ts';

const HOUR = 3_600_000;
/** 2026-12-03 22:37 city time: 18 days and 22.5 hours into the season */
const NOW = Date.parse('2026-12-03T22:37:00+08:00');
const metric = (key: string) => METRIC_KEYS.indexOf(key as (typeof METRIC_KEYS)[number]);

describe('season history', () => {
  let t: TestApp;
  let report: HistoryReport;
  const store = () => t.container.telemetryStore;

  before(async () => {
    t = await createTestApp({ demo: true });
    report = await writeSeasonHistory(t.container, { seed: 7, now: NOW });
  });
  after(() => t.close());

  it('covers the season from 11-15 00:00 city time to now, for every station and sensed household', async () => {
    assert.equal(report.from, Date.parse('2026-11-15T00:00:00+08:00'));
    assert.equal(report.to, Date.parse('2026-12-03T22:30:00+08:00'));
    const stations = [];
    for await (const s of t.container.registry.scan(CITY_SCOPE, 'stations')) stations.push(s.id);
    assert.equal(report.stations, stations.length);
    assert.ok(report.households > 0, 'some households are sensed');
    assert.equal(report.devices, report.stations + report.households);
    const steps = (report.to - report.from) / 900_000 + 1;
    const counts = await store().bucketCounts('15m', 'station', report.from, report.to + 900_000);
    const offline = new Set(report.faults.offline);
    for (const id of stations) {
      // silent from `to − 6 h` inclusive
      const expected = offline.has(id) ? steps - FAULT_LEAD_MS.offline / 900_000 - 1 : steps;
      assert.equal(counts.get(id), expected, `station ${id}: a reading every 15 minutes`);
    }
    const hourly = await store().bucketCounts('1h', 'household', report.from, report.to + 900_000);
    const hours = Math.floor((report.to - report.from) / HOUR) + 1;
    assert.equal(hourly.size, report.households);
    for (const n of hourly.values()) assert.equal(n, hours, 'an indoor reading every hour');
  });

  it('rolls the history up to days', async () => {
    const [station] = report.faults.leak;
    const days = await store().series(
      '1d',
      'station',
      station as number,
      'secondarySupplyTemp',
      report.from,
      report.to,
    );
    assert.equal(days.length, 19, '11-15 … 12-03');
  });

  it('puts the faults where the quality and indoor views look', async () => {
    const raw = (id: number, from: number) => store().raw('station', id, from, report.to + 1, 10_000);
    const leak = report.faults.leak[0] as number;
    const before = await raw(leak, report.to - 5 * 24 * HOUR);
    const makeup = (r: { ts: number; values: readonly (number | null)[] }) =>
      r.values[metric('makeupWater')] as number;
    const early = before.filter((r) => r.ts < report.to - FAULT_LEAD_MS.leak);
    const late = before.filter((r) => r.ts > report.to - FAULT_LEAD_MS.leak + HOUR);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    assert.ok(mean(late.map(makeup)) > 5 * mean(early.map(makeup)), 'the leak multiplies the make-up water');

    const stuck = report.faults.stuck[0] as { stationId: number; metric: string };
    const frozen = await raw(stuck.stationId, report.to - FAULT_LEAD_MS.stuck);
    assert.equal(
      new Set(frozen.map((r) => r.values[metric(stuck.metric)])).size,
      1,
      'a stuck sensor repeats',
    );

    const offline = report.faults.offline[0] as number;
    const last = (await store().latest('station', [offline])).get(offline);
    assert.ok(last && last.ts <= report.to - FAULT_LEAD_MS.offline, 'the offline station fell silent');
  });

  it('is deterministic in the seed', async () => {
    const other = await createTestApp({ demo: true });
    try {
      const again = await writeSeasonHistory(other.container, { seed: 7, now: NOW });
      assert.deepEqual(again.faults, report.faults);
      const id = report.faults.underheat[0]?.stationId as number;
      const a = await store().raw('station', id, report.to - 6 * HOUR, report.to + 1, 100);
      const b = await other.container.telemetryStore.raw(
        'station',
        id,
        report.to - 6 * HOUR,
        report.to + 1,
        100,
      );
      assert.deepEqual(
        b.map((r) => r.values),
        a.map((r) => r.values),
      );
    } finally {
      await other.close();
    }
  });

  it('registers the demo devices once, marked and filterable', async () => {
    const token = await t.tokenFor('supervisor');
    const demo = (await t.request('GET', '/api/devices?demo=true&pageSize=1', token)).json() as {
      total: number;
      items: { demo: boolean; name: string }[];
    };
    assert.equal(demo.total, report.devices);
    assert.equal(demo.items[0]?.demo, true);
    const others = (await t.request('GET', '/api/devices?demo=false', token)).json() as { total: number };
    assert.equal(others.total, 0);
  });

  it('lets the simulator reuse the demo devices, and keeps them when it stops', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const run = await runSimulation(t.container, {
      transport: { kind: 'http', url },
      durationSeconds: 2,
      log: () => undefined,
    });
    assert.ok(run.acked > 0, 'readings accepted under the reissued demo tokens');
    assert.equal(run.errors, 0);
    assert.equal(run.revoked, 0, 'demo devices are not revoked');
    const demo = await t.container.demoDevices.list();
    assert.equal(demo.length, report.devices, 'all demo devices still active, none added');
    const sensed = demo.flatMap((d) => (d.householdId === null ? [] : [d.householdId])).sort((a, b) => a - b);
    assert.deepEqual(run.sampledHouseholds, sensed, 'the simulator samples the demo households');
    const all = (await t.container.devices.list(SYSTEM_ACTOR, { page: 1, pageSize: 1 })).total;
    assert.equal(all, report.devices, 'no device of its own registered');
  });

  it('keeps a household history visible after its sensor is revoked', async () => {
    const [device] = (await t.container.demoDevices.list()).filter((d) => d.householdId !== null);
    assert.ok(device?.householdId);
    const household = await t.container.registry.household(CITY_SCOPE, device.householdId);
    await t.container.devices.revoke(SYSTEM_ACTOR, device.id);
    const indoor = await t.container.monitoring.indoor(SYSTEM_ACTOR, household.communityId);
    const row = indoor.households.find((h) => h.householdId === device.householdId);
    assert.ok(row, 'the household is still listed in its community');
    assert.equal(typeof row.value, 'number');
  });
});
