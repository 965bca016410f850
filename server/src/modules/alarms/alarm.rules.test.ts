// Table-driven tests of the pure alarm rules: rule resolution with overrides, conditions, the hold step, leak
// baselines, the raise decision (dedup, flapping within the hold-off) and escalation levels.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  baselineReady,
  deviationCondition,
  escalationDue,
  makeupCondition,
  newBaseline,
  newHoldState,
  offlineCondition,
  pressureDropCondition,
  raiseDecision,
  rulesInForce,
  step,
  thresholdCondition,
  updateBaseline,
  type EngineRule,
} from './alarm.rules.ts';

const rule = (o: Partial<EngineRule>): EngineRule => ({
  id: 1,
  baseRuleId: null,
  scope: 'city',
  enterpriseId: null,
  stationId: null,
  name: 'r',
  type: 'threshold',
  enabled: true,
  severity: 'warning',
  params: { type: 'threshold', metric: 'secondarySupplyTemp', direction: 'above', limit: 95, forSeconds: 0 },
  holdOffSeconds: 600,
  level1Minutes: 30,
  level2Minutes: 120,
  dutyContact: null,
  ...o,
});

describe('alarm rules', () => {
  it('picks the station override, else the enterprise override, else the city rule', () => {
    const rules = [
      rule({ id: 1 }),
      rule({ id: 2, baseRuleId: 1, scope: 'enterprise', enterpriseId: 7 }),
      rule({ id: 3, baseRuleId: 1, scope: 'station', stationId: 70 }),
      rule({ id: 4, baseRuleId: 1, scope: 'station', stationId: 71, enabled: false }),
    ];
    const cases: [number | null, number | null, number | null][] = [
      // station, enterprise → rule in force (null: none)
      [70, 7, 3],
      [72, 7, 2],
      [72, 8, 1],
      [71, 7, null],
      [null, null, 1],
    ];
    for (const [stationId, enterpriseId, expected] of cases) {
      const got = rulesInForce(rules, { stationId, enterpriseId });
      assert.equal(got[0]?.rule.id ?? null, expected, `${stationId}/${enterpriseId}`);
      if (expected !== null) assert.equal(got[0]?.ruleId, 1, 'alarms are keyed by the city rule');
    }
  });

  it('judges thresholds, deviations, make-up water and pressure drops', () => {
    const cases: [string, { on: boolean; limit: number }, boolean, number][] = [
      ['above, over', thresholdCondition(96, 'above', 95), true, 95],
      ['above, at', thresholdCondition(95, 'above', 95), false, 95],
      ['below, under', thresholdCondition(0.05, 'below', 0.1), true, 0.1],
      ['deviation high', deviationCondition(70, 60, 8), true, 68],
      ['deviation low', deviationCondition(50, 60, 8), true, 52],
      ['deviation inside', deviationCondition(66, 60, 8), false, 68],
      ['make-up ×2', makeupCondition(2.1, 1, 2), true, 2],
      ['make-up floor', makeupCondition(0.3, 0.01, 2), false, 0.4],
      ['pressure drop', pressureDropCondition(0.2, 0.3, 0.05), true, 0.25],
      ['pressure off', pressureDropCondition(0.2, 0.3, 0), false, 0.3],
    ];
    for (const [name, c, on, limit] of cases) {
      assert.equal(c.on, on, name);
      assert.ok(Math.abs(c.limit - limit) < 1e-9, name);
    }
  });

  it('raises once after the duration, clears at once, ignores older readings', () => {
    const s = newHoldState();
    const steps: [boolean, number, string | null][] = [
      [true, 0, null],
      [true, 30_000, null],
      [true, 60_000, 'raise'],
      [true, 90_000, null],
      [true, 10_000, null], // older: ignored
      [false, 120_000, 'clear'],
      [false, 130_000, null],
      [true, 140_000, null],
    ];
    for (const [on, ts, expected] of steps) assert.equal(step(s, on, ts, 60_000), expected, `${on}@${ts}`);
  });

  it('learns a baseline over its window and trusts it after a quarter of it', () => {
    const b = newBaseline();
    const hour = 3_600_000;
    for (let i = 0; i <= 6; i++) updateBaseline(b, 1, i * hour, 24 * hour);
    assert.ok(baselineReady(b, 24 * hour));
    assert.equal(b.mean, 1);
    updateBaseline(b, 3, 7 * hour, 24 * hour);
    assert.ok(b.mean > 1 && b.mean < 1.2);
    assert.equal(baselineReady(newBaseline(), hour), false);
  });

  it('decides insert / keep / re-raise / close-and-insert against the open alarm', () => {
    const cases: [Parameters<typeof raiseDecision>[0], number, string][] = [
      [undefined, 0, 'insert'],
      [{ state: 'raised', clearedAt: null }, 0, 'keep'],
      [{ state: 'acknowledged', clearedAt: null }, 0, 'keep'],
      [{ state: 'cleared', clearedAt: 0 }, 600_000, 'reraise'],
      [{ state: 'cleared', clearedAt: 0 }, 600_001, 'close_and_insert'],
    ];
    for (const [open, at, expected] of cases) assert.equal(raiseDecision(open, at, 600), expected);
  });

  it('escalates unacknowledged alarms by age, never down', () => {
    const r = { level1Minutes: 30, level2Minutes: 120 };
    const cases: [string, number, number, number][] = [
      ['raised', 29, 0, 0],
      ['raised', 30, 0, 1],
      ['raised', 120, 0, 2],
      ['raised', 10, 1, 1],
      ['acknowledged', 500, 0, 0],
    ];
    for (const [state, minutes, level, expected] of cases)
      assert.equal(
        escalationDue({ state: state as never, raisedAt: 0, escalationLevel: level }, r, minutes * 60_000),
        expected,
      );
    assert.equal(
      escalationDue(
        { state: 'raised', raisedAt: 0, escalationLevel: 0 },
        { level1Minutes: 0, level2Minutes: 5 },
        1e9,
      ),
      0,
    );
  });

  it('judges offline only for stations that reported', () => {
    assert.equal(offlineCondition(null, 1e9, 30), null);
    assert.equal(offlineCondition(0, 30 * 60_000, 30), false);
    assert.equal(offlineCondition(0, 30 * 60_000 + 1, 30), true);
  });
});
