// The live overview's pure helpers: the clock in city time, percentages, load share, and the empty rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cityClock, hasLiveData, loadPercent, percent } from './liveFormat.ts';

describe('live overview format', () => {
  it('shows the clock in the city zone, not the browser one', () => {
    assert.equal(cityClock('2026-12-03T16:05:09.500Z', 'Asia/Shanghai'), '00:05:09');
    assert.equal(cityClock('2026-12-03T16:05:09.500Z', 'UTC'), '16:05:09');
  });

  it('rounds shares and load to one decimal, and never divides by no capacity', () => {
    assert.equal(percent(0.66666), 66.7);
    assert.equal(percent(null), null);
    assert.equal(loadPercent(120, 480), 25);
    assert.equal(loadPercent(5, 0), 0);
  });

  it('calls a city with only never-reporting stations empty', () => {
    const stations = { online: 0, stale: 0, offline: 0 };
    assert.equal(hasLiveData({ stations, indoor: { reporting: 0 } }), false);
    assert.equal(hasLiveData({ stations: { ...stations, offline: 1 }, indoor: { reporting: 0 } }), true);
    assert.equal(hasLiveData({ stations, indoor: { reporting: 2 } }), true);
  });
});
