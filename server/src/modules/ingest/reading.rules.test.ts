// Table-driven tests of the reading rules: every rejection code and the accepted forms of time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { METRIC_KEYS } from '@hearth/contracts/telemetry';
import { parseReadingTime, validateReading } from './reading.rules.ts';

const NOW = Date.parse('2026-11-23T08:00:00Z');
const LIMITS = { maxFutureMs: 300_000, maxAgeMs: 30 * 86_400_000 };

describe('parseReadingTime', () => {
  const cases: [unknown, number | null][] = [
    ['2026-11-23T16:00:00+08:00', NOW],
    ['2026-11-23T08:00:00Z', NOW],
    ['2026-11-23T08:00:00.250Z', NOW + 250],
    ['2026-11-23T16:00+0800', NOW],
    [NOW, NOW],
    ['2026-11-23T08:00:00', null], // no offset: ambiguous local time
    ['2026-11-23', null],
    ['yesterday', null],
    [1_795_000_000, null], // seconds, not milliseconds
    [NOW + 0.5, null],
    [null, null],
    // fields that do not exist: Date.parse would roll them over into the next day or month
    ['2026-02-30T00:00:00Z', null],
    ['2026-02-29T00:00:00Z', null], // 2026 is no leap year
    ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
    ['2100-02-29T00:00:00Z', null], // nor is 2100
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2026-04-31T08:00:00+08:00', null],
    ['2026-12-31T23:59:59Z', Date.UTC(2026, 11, 31, 23, 59, 59)],
    ['2026-13-01T00:00:00Z', null],
    ['2026-00-10T00:00:00Z', null],
    ['2026-01-00T00:00:00Z', null],
    ['2026-01-32T00:00:00Z', null],
    ['2026-11-23T24:00:00Z', null],
    ['2026-11-23T25:00:00Z', null],
    ['2026-11-23T08:61:00Z', null],
    ['2026-11-23T08:60+08:00', null],
    ['2026-11-23T08:00:60Z', null],
    ['2026-11-23T08:00:00+24:00', null],
    ['2026-11-23T08:00:00+08:60', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(parseReadingTime(input), expected));
  }
});

describe('validateReading', () => {
  const ok = { ts: NOW, values: { primarySupplyTemp: 95.5, flow: 120, pumpRunning: 1 } };
  const cases: [string, unknown, 'station' | 'household', string | null][] = [
    ['a good station reading', ok, 'station', null],
    ['a good indoor reading', { ts: NOW, values: { indoorTemp: 19.2 } }, 'household', null],
    ['not an object', [1, 2], 'station', 'reading.malformed'],
    ['values missing', { ts: NOW }, 'station', 'reading.malformed'],
    ['bad time', { ts: '2026-11-23 08:00', values: { flow: 1 } }, 'station', 'reading.invalid_time'],
    [
      'impossible date',
      { ts: '2026-02-30T08:00:00Z', values: { flow: 1 } },
      'station',
      'reading.invalid_time',
    ],
    ['future beyond skew', { ts: NOW + 301_000, values: { flow: 1 } }, 'station', 'reading.future'],
    ['within skew', { ts: NOW + 299_000, values: { flow: 1 } }, 'station', null],
    ['too old', { ts: NOW - 31 * 86_400_000, values: { flow: 1 } }, 'station', 'reading.too_old'],
    ['unknown metric', { ts: NOW, values: { colour: 3 } }, 'station', 'reading.unknown_metric'],
    [
      'indoor metric on a station',
      { ts: NOW, values: { indoorTemp: 20 } },
      'station',
      'reading.unknown_metric',
    ],
    ['string value', { ts: NOW, values: { flow: '12' } }, 'station', 'reading.not_a_number'],
    ['NaN-like', { ts: NOW, values: { flow: null } }, 'station', 'reading.not_a_number'],
    ['above range', { ts: NOW, values: { primarySupplyTemp: 400 } }, 'station', 'reading.out_of_range'],
    ['below range', { ts: NOW, values: { flow: -1 } }, 'station', 'reading.out_of_range'],
    ['range bounds inclusive', { ts: NOW, values: { primarySupplyPressure: 2.5, flow: 0 } }, 'station', null],
    ['pump state not 0/1', { ts: NOW, values: { pumpRunning: 0.5 } }, 'station', 'reading.out_of_range'],
    ['empty values', { ts: NOW, values: {} }, 'station', 'reading.empty'],
  ];
  for (const [name, input, kind, code] of cases) {
    it(name, () => {
      const r = validateReading(input, kind, NOW, LIMITS);
      if (code === null) assert.equal(r.ok, true, JSON.stringify(r));
      else {
        assert.equal(r.ok, false);
        if (!r.ok) {
          assert.equal(r.code, code);
          assert.ok(r.reason.length > 5);
        }
      }
    });
  }
  it('places values in catalogue order and leaves absent points null', () => {
    const r = validateReading(ok, 'station', NOW, LIMITS);
    assert.ok(r.ok);
    assert.equal(r.values.length, METRIC_KEYS.length);
    assert.equal(r.values[METRIC_KEYS.indexOf('primarySupplyTemp')], 95.5);
    assert.equal(r.values[METRIC_KEYS.indexOf('flow')], 120);
    assert.equal(r.values[METRIC_KEYS.indexOf('heatTotal')], null);
  });
});
