// Table-driven tests of the daily weather rules: both averaging conventions, gap interpolation, min/max, HDD.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dailyFromHourly, degreeDays, type Averaging, type HourlyTemp } from './daily.rules.ts';

/** 24 hourly rows of a day, temp = f(hour); hours listed in `missing` are null. */
const day = (date: string, f: (h: number) => number, missing: readonly number[] = []): HourlyTemp[] =>
  Array.from({ length: 24 }, (_, hour) => ({ date, hour, temp: missing.includes(hour) ? null : f(hour) }));
const flat = (date: string, t: number, missing: readonly number[] = []) => day(date, () => t, missing);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('dailyFromHourly', () => {
  const cases: {
    name: string;
    hours: HourlyTemp[];
    averaging: Averaging;
    expected: {
      date: string;
      mean: number;
      min: number | null;
      max: number | null;
      hours: number;
      interpolated: boolean;
    }[];
  }[] = [
    {
      name: '24h: mean of 24 values, min and max',
      hours: day('2013-01-01', (h) => h - 10),
      averaging: '24h',
      expected: [{ date: '2013-01-01', mean: 1.5, min: -10, max: 13, hours: 24, interpolated: false }],
    },
    {
      name: '24h: 20 of 24 values is enough (mean of the available)',
      hours: day('2013-01-01', (h) => h, [0, 1, 2, 3]),
      averaging: '24h',
      expected: [{ date: '2013-01-01', mean: 13.5, min: 4, max: 23, hours: 20, interpolated: false }],
    },
    {
      name: '24h: 19 of 24 is interpolated between the neighbouring valid days',
      hours: [...flat('2013-01-01', 0), ...flat('2013-01-02', 50, [0, 1, 2, 3, 4]), ...flat('2013-01-03', 4)],
      averaging: '24h',
      expected: [
        { date: '2013-01-01', mean: 0, min: 0, max: 0, hours: 24, interpolated: false },
        { date: '2013-01-02', mean: 2, min: 50, max: 50, hours: 19, interpolated: true },
        { date: '2013-01-03', mean: 4, min: 4, max: 4, hours: 24, interpolated: false },
      ],
    },
    {
      name: '24h: a run of missing days (no rows at all) is interpolated linearly by day distance',
      hours: [...flat('2013-02-27', -3), ...flat('2013-03-02', 3)],
      averaging: '24h',
      expected: [
        { date: '2013-02-27', mean: -3, min: -3, max: -3, hours: 24, interpolated: false },
        { date: '2013-02-28', mean: -1, min: null, max: null, hours: 0, interpolated: true },
        { date: '2013-03-01', mean: 1, min: null, max: null, hours: 0, interpolated: true },
        { date: '2013-03-02', mean: 3, min: 3, max: 3, hours: 24, interpolated: false },
      ],
    },
    {
      name: 'invalid days at the edges cannot be bracketed and are left out',
      hours: [
        ...flat('2013-01-01', 1, range(10)),
        ...flat('2013-01-02', 2),
        ...flat('2013-01-03', 3, range(24)),
      ],
      averaging: '24h',
      expected: [{ date: '2013-01-02', mean: 2, min: 2, max: 2, hours: 24, interpolated: false }],
    },
    {
      name: '4obs: mean of the 02/08/14/20 h readings only',
      hours: day('2013-01-01', (h) => (h === 2 ? -4 : h === 8 ? 0 : h === 14 ? 6 : h === 20 ? 2 : 100)),
      averaging: '4obs',
      expected: [{ date: '2013-01-01', mean: 1, min: -4, max: 100, hours: 24, interpolated: false }],
    },
    {
      name: '4obs: other hours missing do not matter',
      hours: day(
        '2013-01-01',
        (h) => h,
        range(24).filter((h) => ![2, 8, 14, 20].includes(h)),
      ),
      averaging: '4obs',
      expected: [{ date: '2013-01-01', mean: 11, min: 2, max: 20, hours: 4, interpolated: false }],
    },
    {
      name: '4obs: one of the four missing → interpolated like a short 24h day',
      hours: [...flat('2013-01-01', 0), ...flat('2013-01-02', 9, [14]), ...flat('2013-01-03', 2)],
      averaging: '4obs',
      expected: [
        { date: '2013-01-01', mean: 0, min: 0, max: 0, hours: 24, interpolated: false },
        { date: '2013-01-02', mean: 1, min: 9, max: 9, hours: 23, interpolated: true },
        { date: '2013-01-03', mean: 2, min: 2, max: 2, hours: 24, interpolated: false },
      ],
    },
    {
      name: 'the same day with 23 values is valid for 24h but not for 4obs when 08 h is the gap',
      hours: [...flat('2013-01-01', 0), ...flat('2013-01-02', 6, [8]), ...flat('2013-01-03', 0)],
      averaging: '24h',
      expected: [
        { date: '2013-01-01', mean: 0, min: 0, max: 0, hours: 24, interpolated: false },
        { date: '2013-01-02', mean: 6, min: 6, max: 6, hours: 23, interpolated: false },
        { date: '2013-01-03', mean: 0, min: 0, max: 0, hours: 24, interpolated: false },
      ],
    },
    {
      name: 'a duplicated hour counts once (the last wins), rows in any order',
      hours: [...flat('2013-01-02', 1), ...flat('2013-01-01', 0), { date: '2013-01-01', hour: 5, temp: 24 }],
      averaging: '24h',
      expected: [
        { date: '2013-01-01', mean: 1, min: 0, max: 24, hours: 24, interpolated: false },
        { date: '2013-01-02', mean: 1, min: 1, max: 1, hours: 24, interpolated: false },
      ],
    },
    { name: 'no rows → no days', hours: [], averaging: '24h', expected: [] },
  ];
  for (const c of cases)
    it(c.name, () => assert.deepEqual(dailyFromHourly(c.hours, c.averaging), c.expected));
});

describe('degreeDays', () => {
  const cases: [string, number[], number | undefined, number][] = [
    ['HDD18 of cold days', [0, -5, 10], undefined, 18 + 23 + 8],
    ['warm days count nothing', [18, 25, 30], undefined, 0],
    ['base 20', [19, 21], 20, 1],
    ['no days', [], undefined, 0],
  ];
  for (const [name, means, base, hdd] of cases)
    it(name, () =>
      assert.equal(
        degreeDays(
          means.map((mean) => ({ mean })),
          base,
        ),
        hdd,
      ),
    );
});

describe('addDays', () => {
  const cases: [string, number, string][] = [
    ['2013-02-28', 1, '2013-03-01'],
    ['2012-02-28', 1, '2012-02-29'],
    ['2013-01-01', -1, '2012-12-31'],
    ['2014-03-30', 2, '2014-04-01'],
  ];
  for (const [from, n, to] of cases) it(`${from} + ${n} → ${to}`, () => assert.equal(addDays(from, n), to));
});
