// The city's UTC offset that aligns day rollups.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { utcOffsetMs } from './telemetry.open.ts';

describe('utcOffsetMs', () => {
  const H = 3_600_000;
  const cases: [string, number][] = [
    ['Asia/Shanghai', 8 * H],
    ['Asia/Urumqi', 6 * H],
    ['UTC', 0],
    ['Asia/Kolkata', 5.5 * H],
    ['America/Sao_Paulo', -3 * H],
  ];
  for (const [zone, offset] of cases)
    it(zone, () => assert.equal(utcOffsetMs(zone, Date.parse('2026-01-15T00:00:00Z')), offset));
});
