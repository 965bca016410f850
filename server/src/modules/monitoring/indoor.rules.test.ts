// Table-driven tests of the indoor temperature rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indoorSummary, type IndoorReading } from './indoor.rules.ts';

const MIN = 60_000;
const now = 1_000 * MIN;
const stale = 30 * MIN;
const at = (householdId: number, value: number | null, agoMin: number | null): IndoorReading => ({
  householdId,
  value,
  ts: agoMin === null ? null : now - agoMin * MIN,
});

describe('indoorSummary', () => {
  const cases: {
    name: string;
    readings: IndoorReading[];
    standard?: number;
    expect: {
      reporting: number;
      below: number;
      compliance: number | null;
      min: number | null;
      mean: number | null;
      max: number | null;
      order: number[];
    };
  }[] = [
    {
      name: 'all warm',
      readings: [at(1, 20.5, 5), at(2, 18, 1)],
      expect: { reporting: 2, below: 0, compliance: 1, min: 18, mean: 19.25, max: 20.5, order: [2, 1] },
    },
    {
      name: 'one below 18 ℃ (18 itself complies)',
      readings: [at(1, 17.9, 5), at(2, 18, 5), at(3, 22, 5), at(4, 19, 5)],
      expect: {
        reporting: 4,
        below: 1,
        compliance: 0.75,
        min: 17.9,
        mean: 19.225,
        max: 22,
        order: [1, 2, 4, 3],
      },
    },
    {
      name: 'a silent sensor is not counted, even when cold',
      readings: [at(1, 12, 45), at(2, 19, 5)],
      expect: { reporting: 1, below: 0, compliance: 1, min: 19, mean: 19, max: 19, order: [2, 1] },
    },
    {
      name: 'never reported: no figures, listed last by id',
      readings: [at(3, null, null), at(2, null, null), at(1, 15, 40), at(4, 16, 35)],
      expect: {
        reporting: 0,
        below: 0,
        compliance: null,
        min: null,
        mean: null,
        max: null,
        order: [4, 1, 2, 3],
      },
    },
    {
      name: 'a 20 ℃ province',
      readings: [at(1, 19.5, 1), at(2, 21, 1)],
      standard: 20,
      expect: { reporting: 2, below: 1, compliance: 0.5, min: 19.5, mean: 20.25, max: 21, order: [1, 2] },
    },
    {
      name: 'no sensors',
      readings: [],
      expect: { reporting: 0, below: 0, compliance: null, min: null, mean: null, max: null, order: [] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = indoorSummary(7, c.readings, now, stale, c.standard ?? 18);
      assert.deepEqual(
        {
          reporting: s.reporting,
          below: s.belowStandard,
          compliance: s.compliance,
          min: s.min,
          mean: s.mean === null ? null : Math.round(s.mean * 1000) / 1000,
          max: s.max,
          order: s.households.map((h) => h.householdId),
        },
        c.expect,
      );
      assert.equal(s.sensed, c.readings.length);
      assert.equal(s.households.filter((h) => h.belowStandard).length, s.belowStandard);
    });
  }
});
