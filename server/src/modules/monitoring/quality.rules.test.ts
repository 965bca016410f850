// Table-driven tests of the data-quality and sampling rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SamplingSpreadCheck } from '@hearth/contracts/telemetry';
import {
  completeness,
  farEnds,
  missingFloors,
  orderedChecks,
  samplingShare,
  stalePoints,
  type SensedPlace,
} from './quality.rules.ts';

const DAY = 86_400_000;
const MIN = 60_000;

describe('completeness', () => {
  const cases: [number, number, number][] = [
    [96, DAY, 1],
    [48, DAY, 0.5],
    [0, DAY, 0],
    [120, DAY, 1],
    [4, 3_600_000, 1],
    // the window is in milliseconds: 96 intervals of 15 minutes in 24 h, whatever the live cadence
    [1, DAY, 1 / 96],
    [95, DAY, 95 / 96],
    [72, DAY, 0.75],
    [2, 30 * MIN, 1],
    [1, 30 * MIN, 0.5],
  ];
  for (const [buckets, window, expected] of cases)
    it(`${buckets} buckets in ${window / 3_600_000} h → ${expected}`, () =>
      assert.equal(completeness(buckets, window), expected));
});

describe('stalePoints', () => {
  const now = 10 * DAY;
  it('counts points older than the window on a reporting station', () => {
    const record = {
      ts: now - MIN,
      points: { flow: { value: 1, ts: now - MIN }, heatTotal: { value: 2, ts: now - 20 * MIN } },
    };
    assert.equal(stalePoints(record, now, 10 * MIN), 1);
  });
  it('does not count a silent station', () => {
    assert.equal(
      stalePoints({ ts: now - 30 * MIN, points: { flow: { value: 1, ts: now - 30 * MIN } } }, now, 10 * MIN),
      0,
    );
  });
  it('is zero without data', () => assert.equal(stalePoints(undefined, now, MIN), 0));
});

describe('samplingShare', () => {
  const cases: [number, number, number, boolean][] = [
    [3, 100, 0.03, false],
    [2, 100, 0.02, true],
    [0, 0, 0, false],
    [50, 1000, 0.05, false],
  ];
  for (const [sensors, households, share, below] of cases) {
    it(`${sensors}/${households} → ${share}${below ? ' (below 3 %)' : ''}`, () =>
      assert.deepEqual(samplingShare(sensors, households, 0.03), { share, belowMinimum: below }));
  }
});

describe('missingFloors', () => {
  const all = new Set<SamplingSpreadCheck>(['ground_floor', 'top_floor', 'far_end']);
  const at = (floor: number | null, topFloor: number | null): SensedPlace => ({ floor, topFloor });
  const cases: [string, SensedPlace[], ReadonlySet<SamplingSpreadCheck>, SamplingSpreadCheck[]][] = [
    ['ground and top floor sampled', [at(1, 6), at(6, 6)], all, []],
    ['only middle floors', [at(3, 6), at(4, 18)], all, ['ground_floor', 'top_floor']],
    ['a basement flat counts as ground', [at(-1, 6), at(6, 6)], all, []],
    ['a one-storey building is both', [at(1, 1)], all, []],
    ['no ground floor', [at(6, 6), at(3, 6)], all, ['ground_floor']],
    ['no top floor', [at(1, 6), at(5, 6)], all, ['top_floor']],
    ['top unknown without the building height', [at(3, null)], all, ['ground_floor']],
    ['nothing known, nothing judged', [at(null, 6), at(null, null)], all, []],
    ['no sensed households', [], all, []],
    ['a city that checks only the top floor', [at(3, 6)], new Set(['top_floor']), ['top_floor']],
    ['a city without floor checks', [at(3, 6)], new Set(['far_end']), []],
  ];
  for (const [name, places, checks, expected] of cases)
    it(name, () => assert.deepEqual(missingFloors(places, checks), expected));
});

describe('farEnds', () => {
  const stations = [
    { id: 1, lon: 117.2, lat: 39.1 },
    { id: 2, lon: 117.3, lat: 39.2 },
    { id: 3, lon: null, lat: null },
  ];
  const community = (
    id: number,
    stationId: number | null,
    lon: number | null,
    lat: number | null,
    households = 10,
  ) => ({ id, stationId, lon, lat, households });
  const cases: [string, ReturnType<typeof community>[], number[]][] = [
    [
      'the farthest community of each station',
      [
        community(10, 1, 117.201, 39.1),
        community(11, 1, 117.23, 39.1),
        community(12, 2, 117.31, 39.2),
        community(13, 2, 117.3, 39.201),
      ],
      [11, 12],
    ],
    ['a station with one community', [community(20, 1, 117.2, 39.15)], [20]],
    [
      'a farther community without households is not the far end',
      [community(50, 1, 117.21, 39.1), community(51, 1, 117.3, 39.1, 0)],
      [50],
    ],
    ['a tie keeps the lower id', [community(31, 1, 117.21, 39.1), community(30, 1, 117.19, 39.1)], [30]],
    [
      'no coordinates, no far end',
      [community(40, 3, 117.2, 39.1), community(41, 1, null, null), community(42, null, 117.2, 39.1)],
      [],
    ],
  ];
  for (const [name, communities, expected] of cases)
    it(name, () => assert.deepEqual([...farEnds(stations, communities)].sort(), expected));
});

describe('orderedChecks', () => {
  it('orders and dedupes', () =>
    assert.deepEqual(orderedChecks(['far_end', 'ground_floor', 'far_end']), ['ground_floor', 'far_end']));
});
