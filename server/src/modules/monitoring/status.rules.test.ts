// Table-driven tests of the live-view rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolutionFor, stationStatus } from './status.rules.ts';

const MIN = 60_000;
const NOW = 1_800_000_000_000;

describe('stationStatus', () => {
  const cases: [number | undefined, string][] = [
    [undefined, 'no_data'],
    [NOW, 'online'],
    [NOW - 9 * MIN, 'online'],
    [NOW - 10 * MIN, 'stale'],
    [NOW - 29 * MIN, 'stale'],
    [NOW - 30 * MIN, 'offline'],
    [NOW + MIN, 'online'],
  ];
  for (const [last, expected] of cases) {
    it(`${last === undefined ? 'never' : `${(NOW - last) / MIN} min`} → ${expected}`, () =>
      assert.equal(stationStatus(last, NOW, 10 * MIN, 30 * MIN), expected));
  }
});

describe('resolutionFor', () => {
  const H = 3_600_000;
  const cases: [number, string][] = [
    [H, 'raw'],
    [6 * H, 'raw'],
    [6 * H + 1, '15m'],
    [72 * H, '15m'],
    [10 * 24 * H, '1h'],
    [120 * 24 * H, '1d'],
  ];
  for (const [span, expected] of cases)
    it(`${span / H} h → ${expected}`, () => assert.equal(resolutionFor(0, span), expected));
});
