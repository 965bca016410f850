// Table-driven tests of daily energy from a cumulative heat-meter register: differences, gaps, resets, local days.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dailyFromRegister, hourlyEnergy, parseMeterCsv, type RegisterReading } from './meter-daily.rules.ts';

const H = 3_600_000;
const T0 = Date.UTC(2020, 0, 1, 0); // 2020-01-01 00:00 UTC
/** hourly readings of a register growing `rate` kWh/h from `start` over `hours` hours */
const ramp = (from: number, hours: number, start: number, rate: number): RegisterReading[] =>
  Array.from({ length: hours + 1 }, (_, h) => ({ ms: from + h * H, energy: start + h * rate }));

describe('hourlyEnergy', () => {
  const cases: { name: string; readings: RegisterReading[]; expected: [number, number][] }[] = [
    {
      name: 'hourly differences',
      readings: ramp(T0, 2, 100, 3),
      expected: [
        [T0, 3],
        [T0 + H, 3],
      ],
    },
    {
      name: 'a 3 h gap is spread over its hours',
      readings: [
        { ms: T0, energy: 0 },
        { ms: T0 + 3 * H, energy: 9 },
      ],
      expected: [
        [T0, 3],
        [T0 + H, 3],
        [T0 + 2 * H, 3],
      ],
    },
    {
      name: 'a gap over 6 h is unknown',
      readings: [
        { ms: T0, energy: 0 },
        { ms: T0 + 7 * H, energy: 70 },
      ],
      expected: [],
    },
    {
      name: 'a register reset (value goes down) leaves its interval unknown',
      readings: [
        { ms: T0, energy: 500 },
        { ms: T0 + H, energy: 505 },
        { ms: T0 + 2 * H, energy: 2 },
        { ms: T0 + 3 * H, energy: 6 },
      ],
      expected: [
        [T0, 5],
        [T0 + 2 * H, 4],
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        [...hourlyEnergy(c.readings)].sort((a, b) => a[0] - b[0]),
        c.expected,
      ),
    );
});

describe('dailyFromRegister', () => {
  it('cuts days at local midnight (UTC+8: 16:00 UTC) and takes the late rate from the last 6 hours', () => {
    // 48 h from 2020-01-01 16:00 UTC = 2020-01-02 00:00 in Shanghai; 2 kWh/h, the last 6 h of the first day 5 kWh/h
    const start = T0 + 16 * H;
    const readings: RegisterReading[] = [];
    let e = 0;
    for (let h = 0; h <= 48; h++) {
      readings.push({ ms: start + h * H, energy: e });
      e += h >= 18 && h < 24 ? 5 : 2;
    }
    const days = dailyFromRegister(readings, 'Asia/Shanghai');
    assert.deepEqual(
      days.map((d) => [d.date, d.energy, d.lateRate]),
      [
        ['2020-01-02', 18 * 2 + 6 * 5, 120],
        ['2020-01-03', 48, 48],
      ],
    );
  });

  it('scales a day missing up to 4 hours, leaves a day missing more unknown, and lists a day without data', () => {
    const a = ramp(T0, 24, 0, 1); // 2020-01-01 complete (UTC)
    const b = ramp(T0 + 24 * H, 20, 24, 1).filter((_, i) => i !== 5); // 01-02: a 2 h gap (bridged)
    const c = [{ ms: T0 + 44 * H + 7 * H, energy: 80 }]; // 01-02 20:00 → 01-03 03:00: 7 h gap, unknown
    const d = ramp(T0 + 96 * H, 24, 200, 2); // 01-05 complete; 01-04 has no reading at all
    const days = dailyFromRegister([...a, ...b, ...c, ...d], 'UTC');
    assert.deepEqual(
      days.map((x) => [x.date, x.energy === null ? null : Math.round(x.energy * 1000) / 1000]),
      [
        ['2020-01-01', 24],
        ['2020-01-02', 24], // 20 h known (1 kWh/h) → scaled to 24
        ['2020-01-03', null],
        ['2020-01-04', null],
        ['2020-01-05', 48],
      ],
    );
  });

  it('a daylight-saving day has 23 hours (Copenhagen, 2020-03-29)', () => {
    // 2020-03-28 23:00 UTC = 03-29 00:00 CET; the day ends 03-29 22:00 UTC (CEST)
    const from = Date.UTC(2020, 2, 28, 23);
    const days = dailyFromRegister(ramp(from, 24, 0, 1), 'Europe/Copenhagen');
    assert.deepEqual(
      days.map((x) => [x.date, x.energy]),
      [
        ['2020-03-29', 23],
        ['2020-03-30', null], // its first hour only: unknown
      ],
    );
  });
});

describe('parseMeterCsv', () => {
  it('reads time_rounded and energy_heat_kwh in any column order, skipping missing readings', () => {
    const text =
      'energy_heat_kwh,x,time_rounded\n10,a,2020-01-01T01:00:00Z\nNA,b,2020-01-01T02:00:00Z\n7,c,2020-01-01T00:00:00Z\n';
    assert.deepEqual(parseMeterCsv(text), [
      { ms: T0, energy: 7 },
      { ms: T0 + H, energy: 10 },
    ]);
  });
  const bad: [string, string][] = [
    ['a,b\n1,2\n', 'forecast.invalid_meter_file'],
    ['time_rounded,energy_heat_kwh\nyesterday,1\n2020-01-01T00:00:00Z,2\n', 'forecast.invalid_meter_file'],
    ['time_rounded,energy_heat_kwh\n2020-01-01T00:00:00Z,lots\n', 'forecast.invalid_meter_file'],
  ];
  for (const [text, code] of bad)
    it(`refuses ${JSON.stringify(text.slice(0, 30))}`, () =>
      assert.throws(() => parseMeterCsv(text), { code }));
});
