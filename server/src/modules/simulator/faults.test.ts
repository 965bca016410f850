// Faults: parsing, the seeded choice of stations, leak and stuck-sensor effects.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { faultCount, FAULT_KINDS, leakEffect, parseFaults, planFaults, stuckValue } from './faults.ts';

describe('parseFaults', () => {
  const cases: [string[], string[]][] = [
    [[], []],
    [['leak,stuck'], ['leak', 'stuck']],
    [
      ['underheat', 'offline', ' Leak '],
      ['leak', 'offline', 'underheat'],
    ],
    [['stuck,,stuck'], ['stuck']],
  ];
  for (const [input, expected] of cases)
    it(JSON.stringify(input), () => assert.deepEqual(parseFaults(input), expected));
  it('refuses an unknown fault', () =>
    assert.throws(() => parseFaults(['leak,fire']), { code: 'simulate.invalid_fault' }));
});

describe('faultCount', () => {
  const cases: [number, number][] = [
    [0, 0],
    [1, 1],
    [12, 1],
    [100, 3],
    [600, 10],
    [3323, 10],
  ];
  for (const [n, expected] of cases) it(`${n} → ${expected}`, () => assert.equal(faultCount(n), expected));
});

describe('planFaults', () => {
  const stations = Array.from({ length: 100 }, (_, i) => i + 1);
  const households = Array.from({ length: 1500 }, (_, i) => i + 1);
  it('is deterministic in the seed and independent of input order', () => {
    const a = planFaults(stations, households, FAULT_KINDS, 5);
    const b = planFaults([...stations].reverse(), households, FAULT_KINDS, 5);
    assert.deepEqual(a, b);
    assert.notDeepEqual(planFaults(stations, households, FAULT_KINDS, 6).offline, a.offline);
  });
  it('gives each kind its own stations, the same whichever other kinds are chosen', () => {
    const all = planFaults(stations, households, FAULT_KINDS, 5);
    const ids = [
      ...all.leak,
      ...all.offline,
      ...all.stuck.map((s) => s.stationId),
      ...all.underheat.map((u) => u.stationId),
    ];
    assert.equal(ids.length, 12);
    assert.equal(new Set(ids).size, 12);
    assert.deepEqual(planFaults(stations, households, ['offline'], 5).offline, all.offline);
    assert.deepEqual(planFaults(stations, households, ['offline'], 5).leak, []);
  });
  it('under-heats by 10–15 ℃ and sticks a few indoor sensors too', () => {
    const plan = planFaults(stations, households, FAULT_KINDS, 5);
    for (const u of plan.underheat) assert.ok(u.shortfall >= 10 && u.shortfall <= 15);
    assert.equal(plan.stuckHouseholds.length, 10);
  });
});

describe('leakEffect', () => {
  const cases: [number, number, number][] = [
    [-1, 1, 0],
    [0, 10, 0],
    [1, 10, 0.03],
    [2, 10, 0.06],
    [10, 10, 0.12],
  ];
  for (const [hours, factor, drop] of cases)
    it(`${hours} h`, () => {
      const e = leakEffect(hours);
      assert.equal(e.makeupFactor, factor);
      assert.ok(Math.abs(e.pressureDrop - drop) < 1e-12);
    });
});

describe('stuckValue', () => {
  it('repeats the first value it saw', () => {
    const memory = new Map<string, number>();
    assert.deepEqual(
      [1, 2, 3].map((v) => stuckValue(memory, 'a', v)),
      [1, 1, 1],
    );
    assert.equal(stuckValue(memory, 'b', 7), 7);
  });
});
