// Pure rules of the live overview: statuses and heat load by silence, outdoor mean, compliance and the coldest five.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summariseIndoor, summariseStations, type LatestPoints } from './live-overview.rules.ts';

const MIN = 60_000;
const NOW = 1_800_000_000_000;
const t = { now: NOW, staleMs: 10 * MIN, offlineMs: 30 * MIN };
const record = (agoMin: number, points: Record<string, number>): LatestPoints => ({
  ts: NOW - agoMin * MIN,
  points: Object.fromEntries(
    Object.entries(points).map(([k, value]) => [k, { value, ts: NOW - agoMin * MIN }]),
  ),
});

describe('summariseStations', () => {
  it('counts statuses, sums the heat power of stations not offline and the capacity of all', () => {
    const stations = [1, 2, 3, 4].map((id) => ({ id, capacityMw: id }));
    const latest = new Map([
      [1, record(0, { heatPower: 2 })],
      [2, record(15, { heatPower: 3 })],
      [3, record(30, { heatPower: 100 })],
    ]);
    const s = summariseStations(stations, latest, t);
    assert.deepEqual(s.stations, { total: 4, online: 1, stale: 1, offline: 1, noData: 1 });
    assert.equal(s.loadMw, 5);
    assert.equal(s.reportingStations, 2);
    assert.equal(s.stationCapacityMw, 10);
    assert.equal(s.outdoorTempC, null);
  });

  it('means the fresh outdoor readings a station reports, and ignores old ones', () => {
    const latest = new Map([
      [1, record(1, { outdoorTemp: -4 })],
      [2, record(2, { outdoorTemp: -2 })],
      [3, record(12, { outdoorTemp: 9 })],
    ]);
    const s = summariseStations(
      [1, 2, 3].map((id) => ({ id, capacityMw: 1 })),
      latest,
      t,
    );
    assert.equal(s.outdoorTempC, -3);
  });
});

describe('summariseIndoor', () => {
  const communities = new Map(
    [1, 2, 3, 4, 5, 6, 7].map((id) => [id, { name: `小区${id}`, enterpriseId: id % 2 }]),
  );
  const names = new Map([
    [0, '甲'],
    [1, '乙'],
  ]);

  it('counts a reading at the standard as compliant, skips stale ones and communities out of scope', () => {
    const readings = [
      { communityId: 1, value: 18, ts: NOW - MIN },
      { communityId: 1, value: 17.9, ts: NOW - MIN },
      { communityId: 2, value: 10, ts: NOW - 10 * MIN },
      { communityId: 99, value: 5, ts: NOW - MIN },
    ];
    const s = summariseIndoor(readings, communities, names, 18, t);
    assert.equal(s.reporting, 2);
    assert.equal(s.belowStandard, 1);
    assert.equal(s.compliance, 0.5);
    assert.deepEqual(
      s.coldest.map((c) => [c.communityId, c.enterpriseName, c.sensors]),
      [[1, '乙', 2]],
    );
  });

  it('keeps the five coldest by mean, coldest first', () => {
    const readings = [7, 6, 5, 4, 3, 2, 1].map((id) => ({
      communityId: id,
      value: id === 2 ? 3 : 10 + id,
      ts: NOW,
    }));
    const s = summariseIndoor(readings, communities, names, 18, t);
    assert.deepEqual(
      s.coldest.map((c) => c.communityId),
      [2, 1, 3, 4, 5],
    );
    assert.equal(summariseIndoor([], communities, names, 18, t).compliance, null);
  });
});
