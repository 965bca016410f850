// Table-driven tests of the data-quality and sampling rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { completeness, samplingShare, stalePoints } from './quality.rules.ts';

const DAY = 86_400_000;
const MIN = 60_000;

describe('completeness', () => {
  const cases: [number, number, number][] = [
    [96, DAY, 1],
    [48, DAY, 0.5],
    [0, DAY, 0],
    [120, DAY, 1],
    [4, 3_600_000, 1],
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
