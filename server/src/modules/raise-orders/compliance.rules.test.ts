// Table tests of the compliance rule: outcomes and figures for increase and target orders.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { complianceOf, countOutcomes, windowsOf } from './compliance.rules.ts';

const RULE = { toleranceC: 0.5, minReadings: 2 };
const w = (mean: number | null, count = 10) => ({ mean, count });

describe('compliance of a station', () => {
  // [mode, value, baseline, after, outcome, required, achieved]
  const cases: [
    'increase' | 'target',
    number,
    { mean: number | null; count: number },
    { mean: number | null; count: number },
    string,
    number | null,
    number | null,
  ][] = [
    ['increase', 3, w(50), w(53.2), 'complied', 3, 3.2],
    ['increase', 3, w(50), w(52.5), 'complied', 3, 2.5], // within the 0.5 ℃ tolerance
    ['increase', 3, w(50), w(52.49), 'not_complied', 3, 2.49],
    ['increase', 3, w(50), w(49), 'not_complied', 3, -1],
    ['increase', 3, w(null, 0), w(53), 'no_data', 3, null],
    ['increase', 3, w(50, 1), w(53), 'no_data', 3, null], // fewer readings than the minimum
    ['increase', 3, w(50), w(null, 0), 'no_data', 3, null],
    ['target', 55, w(50), w(55), 'complied', 5, 5],
    ['target', 55, w(50), w(54), 'not_complied', 5, 4],
    ['target', 55, w(60), w(60.1), 'complied', 0, 0.1], // already above the target
    ['target', 55, w(null, 0), w(56), 'complied', null, null], // a target needs no baseline
    ['target', 55, w(50), w(null, 0), 'no_data', 5, null],
  ];
  for (const [mode, value, baseline, after, outcome, required, achieved] of cases) {
    it(`${mode} ${value}: ${baseline.mean} → ${after.mean} is ${outcome}`, () => {
      const got = complianceOf({ mode, value }, baseline, after, RULE);
      assert.deepEqual(
        { outcome: got.outcome, required: got.required, achieved: got.achieved },
        { outcome, required, achieved },
      );
    });
  }

  it('rounds the figures to 0.01 ℃', () => {
    const got = complianceOf({ mode: 'increase', value: 2 }, w(50.123), w(52.456), RULE);
    assert.deepEqual(got, {
      outcome: 'complied',
      baseline: 50.12,
      after: 52.46,
      required: 2,
      achieved: 2.34,
    });
  });

  it('counts outcomes', () => {
    assert.deepEqual(countOutcomes(['complied', 'no_data', 'complied', 'not_complied']), {
      complied: 2,
      notComplied: 1,
      noData: 1,
    });
  });

  it('places the windows before the effective time and after the deadline', () => {
    assert.deepEqual(windowsOf(10_000, 20_000, { baselineMs: 3_000, afterMs: 5_000 }), {
      baseline: { fromMs: 7_000, toMs: 10_000 },
      after: { fromMs: 20_000, toMs: 25_000 },
    });
  });
});
