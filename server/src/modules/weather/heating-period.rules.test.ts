// Table-driven tests of the heating-period rules: the sliding-average method on synthetic seasons and on the
// Beijing 2010–2014 daily means (checked by hand), the simple trigger, the design temperature, start/stop advice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { addDays } from './daily.rules.ts';
import {
  designOutdoorTemp,
  heatingPeriods,
  recommendStartStop,
  simpleStartTrigger,
  type DailyMean,
  type HeatingPeriod,
} from './heating-period.rules.ts';

/** Daily means from a start date, one per value. */
const series = (from: string, means: readonly number[]): DailyMean[] =>
  means.map((mean, i) => ({ date: addDays(from, i), mean }));
const repeat = (n: number, v: number) => Array.from({ length: n }, () => v);

function beijingDaily(): DailyMean[] {
  const text = fs.readFileSync(new URL('./fixtures/beijing-2010-2014-daily.csv', import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [date = '', mean = ''] = l.split(',');
      return { date, mean: Number(mean) };
    });
}

describe('heatingPeriods (GB/T 50155 sliding-average method)', () => {
  // a full season 2020-08-01 → 2021-07-31 (365 days): warm, a cold spell, warm
  const season = (cold: readonly number[], coldFrom: string) => {
    const days = series('2020-08-01', repeat(365, 15));
    const offset = days.findIndex((d) => d.date === coldFrom);
    cold.forEach((mean, i) => {
      const d = days[offset + i];
      if (d) d.mean = mean;
    });
    return days;
  };
  const cases: { name: string; daily: DailyMean[]; threshold?: number; expected: HeatingPeriod[] }[] = [
    {
      name: 'a clean cold spell: start and end on its own first and last cold day',
      daily: season(repeat(100, 0), '2020-11-15'),
      expected: [{ winter: '2020/21', start: '2020-11-15', end: '2021-02-22', days: 100 }],
    },
    {
      // the first cold window 11-14..11-18 = (8, 1, 1, 1, 1) → 2.4 ≤ 5; its first day (8 ℃) is warm, so start = 11-15;
      // the last cold window 11-23..11-27 = (1, 1, 1, 9, 12) → 4.8, so end = 11-25
      name: 'start = first day of the first window whose own mean is ≤ threshold',
      daily: season([8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 12], '2020-11-14'),
      expected: [{ winter: '2020/21', start: '2020-11-15', end: '2020-11-25', days: 11 }],
    },
    {
      // the last cold window 12-05..12-09 = (1, 1, 1, 7, 8) → 3.6; its last two days are warm, so end = 12-07
      name: 'end = last day of the last window whose own mean is ≤ threshold',
      daily: season([1, 1, 1, 1, 1, 1, 1, 7, 8], '2020-12-01'),
      expected: [{ winter: '2020/21', start: '2020-12-01', end: '2020-12-07', days: 7 }],
    },
    {
      name: 'the longest run wins over an earlier shorter one',
      daily: season([...repeat(6, 0), ...repeat(10, 15), ...repeat(20, 0)], '2020-11-01'),
      expected: [{ winter: '2020/21', start: '2020-11-17', end: '2020-12-06', days: 20 }],
    },
    {
      name: 'equally long runs: the earliest',
      daily: season([...repeat(10, 0), ...repeat(10, 15), ...repeat(10, 0)], '2020-11-01'),
      expected: [{ winter: '2020/21', start: '2020-11-01', end: '2020-11-10', days: 10 }],
    },
    {
      name: 'a threshold of 8 ℃ takes the 6–8 ℃ shoulder in',
      daily: season([...repeat(5, 7), ...repeat(10, 0), ...repeat(5, 7)], '2020-11-01'),
      threshold: 8,
      expected: [{ winter: '2020/21', start: '2020-11-01', end: '2020-11-20', days: 20 }],
    },
    {
      name: 'no cold window: no period',
      daily: season([], '2020-11-01'),
      expected: [{ winter: '2020/21', start: null, end: null, days: 0 }],
    },
    {
      name: 'cut off by the end of the data: end null, days counted to the last day',
      daily: series('2020-08-01', [...repeat(100, 15), ...repeat(20, 0)]),
      expected: [{ winter: '2020/21', start: '2020-11-09', end: null, days: 20 }],
    },
    {
      name: 'cut off by the start of the data: start null, days counted from the first day',
      daily: series('2021-01-01', [...repeat(30, 0), ...repeat(150, 15)]),
      expected: [{ winter: '2020/21', start: null, end: '2021-01-30', days: 30 }],
    },
    {
      name: 'data opening after 10-01 outside a cold run: the winter is undetermined (not the later short snap)',
      daily: series('2021-03-01', [...repeat(10, 8), ...repeat(6, 0), ...repeat(137, 15)]),
      expected: [{ winter: '2020/21', start: null, end: null, days: 0 }],
    },
    {
      name: 'data opening after 10-01 inside a short cold run, a longer one later: undetermined',
      daily: series('2020-11-01', [...repeat(6, 0), ...repeat(10, 15), ...repeat(20, 0), ...repeat(236, 15)]),
      expected: [{ winter: '2020/21', start: null, end: null, days: 0 }],
    },
    {
      name: 'data opening after 10-01 inside the longest cold run: start null, its end',
      daily: series('2020-11-01', [
        ...repeat(26, 0),
        ...repeat(10, 15),
        ...repeat(20, 0),
        ...repeat(216, 15),
      ]),
      expected: [{ winter: '2020/21', start: null, end: '2020-11-26', days: 26 }],
    },
    {
      name: 'data opening before 10-01 shows the whole winter',
      daily: series('2020-09-20', [...repeat(40, 15), ...repeat(20, 0), ...repeat(255, 15)]),
      expected: [{ winter: '2020/21', start: '2020-10-30', end: '2020-11-18', days: 20 }],
    },
    {
      name: 'a gap in the data breaks the windows',
      // 11-09 … 11-11 missing: the 8 days before the gap (5 windows) outrun the 6 after it (3 windows)
      daily: [
        ...series('2020-08-01', [...repeat(92, 15), ...repeat(8, 0)]),
        ...series('2020-11-12', [...repeat(6, 0), ...repeat(256, 15)]),
      ],
      expected: [{ winter: '2020/21', start: '2020-11-01', end: '2020-11-08', days: 8 }],
    },
    {
      name: 'two seasons, the window never spans 07-31 → 08-01',
      daily: series('2020-07-29', [0, 0, 0, 0, 0, 0]),
      expected: [
        { winter: '2019/20', start: null, end: null, days: 0 },
        { winter: '2020/21', start: null, end: null, days: 0 },
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () => assert.deepEqual(heatingPeriods(c.daily, { threshold: c.threshold }), c.expected));

  it('Beijing 2010–2014 (24-hour means), checked by hand', () => {
    // 2012/13 by hand: the 5-day means run 11-09 5.18 (warm) → 11-10 4.00 (first cold window: 5.88, 4.04, 5.21, 3.33,
    // 1.54, so start = 11-11) … 03-02 4.90 (last cold window: −0.04, 3.96, 8.71, 5.75, 6.12, so end = 03-03) → 03-03
    // 6.39 (warm). The other winters were checked the same way with an independent script.
    assert.deepEqual(heatingPeriods(beijingDaily()), [
      { winter: '2009/10', start: null, end: '2010-03-19', days: 78 },
      { winter: '2010/11', start: '2010-11-09', end: '2011-03-04', days: 116 },
      { winter: '2011/12', start: '2011-11-19', end: '2012-03-20', days: 123 },
      { winter: '2012/13', start: '2012-11-11', end: '2013-03-03', days: 113 },
      { winter: '2013/14', start: '2013-11-22', end: '2014-03-10', days: 109 },
      { winter: '2014/15', start: '2014-11-15', end: null, days: 47 },
    ]);
  });
});

describe('simpleStartTrigger', () => {
  const cases: [string, DailyMean[], number, number | undefined, string | null][] = [
    [
      'first day whose trailing 5 days average ≤ 5 (equal counts)',
      series('2020-10-20', [...repeat(10, 10), 6, 6, 6, 6, 1]),
      2020,
      undefined,
      '2020-11-03',
    ],
    [
      'the trailing window may reach back before 10-01',
      series('2020-09-27', repeat(10, 0)),
      2020,
      undefined,
      '2020-10-01',
    ],
    [
      'threshold 3: (4, 4, 2, 2, 2) = 2.8',
      series('2020-10-01', [...repeat(10, 4), ...repeat(5, 2)]),
      2020,
      3,
      '2020-10-13',
    ],
    ['never cold enough', series('2020-10-01', repeat(60, 6)), 2020, undefined, null],
    [
      'a September cold spell does not count',
      series('2020-09-01', [...repeat(10, 0), ...repeat(40, 12)]),
      2020,
      undefined,
      null,
    ],
  ];
  for (const [name, daily, year, threshold, expected] of cases)
    it(name, () => assert.equal(simpleStartTrigger(daily, year, threshold), expected));
  it('Beijing 2010–2014', () => {
    const daily = beijingDaily();
    assert.deepEqual(
      [2010, 2011, 2012, 2013].map((y) => simpleStartTrigger(daily, y)),
      ['2010-11-12', '2011-11-21', '2012-11-14', '2013-11-20'],
    );
  });
});

describe('designOutdoorTemp', () => {
  // a complete season of distinct means 1..365 (any order): the 6th lowest is 6
  const distinct = (from: string, n: number, shift = 0) =>
    series(
      from,
      Array.from({ length: n }, (_, i) => ((i * 7) % n) + 1 + shift),
    );
  const cases: [string, DailyMean[], { designTemp: number | null; years: number }][] = [
    ['one complete season: the 6th lowest', distinct('2020-08-01', 365), { designTemp: 6, years: 1 }],
    [
      'two seasons: the 11th lowest of both',
      [...distinct('2020-08-01', 365), ...distinct('2021-08-01', 365, 0.5)],
      { designTemp: 6, years: 2 },
    ],
    ['a leap season counts 366 days', distinct('2019-08-01', 366), { designTemp: 6, years: 1 }],
    [
      'an incomplete season is left out',
      [...distinct('2020-08-01', 365), ...series('2021-08-01', repeat(200, -30))],
      { designTemp: 6, years: 1 },
    ],
    ['no complete season', series('2020-08-01', repeat(364, 0)), { designTemp: null, years: 0 }],
  ];
  for (const [name, daily, expected] of cases)
    it(name, () => assert.deepEqual(designOutdoorTemp(daily), expected));
  it('Beijing 2010–2014: 4 complete seasons, the 21st lowest daily mean', () => {
    const r = designOutdoorTemp(beijingDaily());
    assert.equal(r.years, 4);
    assert.equal(r.designTemp?.toFixed(2), '-7.83');
  });
});

describe('recommendStartStop', () => {
  const legal = { start: '11-15', end: '03-15' };
  it('a cold forecast before the legal date: start early, with the means it used', () => {
    const r = recommendStartStop({
      observed: series('2020-10-25', repeat(10, 8)),
      forecast: series('2020-11-04', repeat(7, 2)),
      legal,
      today: '2020-11-03',
    });
    assert.equal(r.winter, '2020/21');
    assert.equal(r.legalStart, '2020-11-15');
    // windows ending 11-04 … : (8,8,8,8,2) = 6.8, (8,8,8,2,2) = 5.6, (8,8,2,2,2) = 4.4 on 11-06
    assert.equal(r.climateStart, '2020-11-06');
    assert.equal(r.recommendedStart, '2020-11-06');
    assert.equal(r.startBeforeLegal, true);
    assert.deepEqual(
      r.runningMeans.filter((m) => m.date >= '2020-11-03').map((m) => [m.date, m.mean, m.forecast]),
      [
        ['2020-11-03', 8, false],
        ['2020-11-04', 6.8, true],
        ['2020-11-05', 5.6, true],
        ['2020-11-06', 4.4, true],
        ['2020-11-07', 3.2, true],
        ['2020-11-08', 2, true],
        ['2020-11-09', 2, true],
        ['2020-11-10', 2, true],
      ],
    );
    assert.match(r.reasons[0]?.zh ?? '', /提前供热/);
    assert.match(r.reasons[0]?.en ?? '', /start early/);
  });
  it('mild weather: start on the legal date', () => {
    const r = recommendStartStop({
      observed: series('2020-10-20', repeat(20, 9)),
      forecast: series('2020-11-09', repeat(7, 8)),
      legal,
      today: '2020-11-08',
    });
    assert.equal(r.climateStart, null);
    assert.equal(r.recommendedStart, '2020-11-15');
    assert.equal(r.startBeforeLegal, false);
    assert.match(r.reasons[0]?.en ?? '', /legal date 2020-11-15/);
  });
  it('an observed day wins over the forecast of the same day', () => {
    const r = recommendStartStop({
      observed: series('2020-11-01', repeat(5, 9)),
      forecast: series('2020-11-01', repeat(10, 0)),
      legal,
      today: '2020-11-05',
    });
    // merged: 9 × 5 then 0 × 5; (9, 9, 0, 0, 0) = 3.6 on 11-08 (the forecast alone would give 11-05)
    assert.equal(r.climateStart, '2020-11-08');
  });
  it('still cold past the legal end: extend, stop not yet known', () => {
    const r = recommendStartStop({
      observed: series('2021-02-01', repeat(42, 0)),
      forecast: series('2021-03-15', repeat(7, 1)),
      legal,
      today: '2021-03-14',
    });
    assert.equal(r.legalEnd, '2021-03-15');
    assert.equal(r.extendAfterLegal, true);
    assert.equal(r.recommendedStop, null);
    assert.match(r.reasons.at(-1)?.zh ?? '', /延长供热/);
  });
  it('the cold ends after the legal end: extend to the last cold day', () => {
    const r = recommendStartStop({
      observed: series('2021-02-01', repeat(40, 0)),
      forecast: series('2021-03-13', [1, 2, 3, 4, 10, 12, 14, 14]),
      legal,
      today: '2021-03-12',
    });
    // last cold window ends 03-17 (0,1,2,3,4 → 2 … (2,3,4,10,12) = 6.2 warm); its last cold day is 03-16
    assert.equal(r.climateStop, '2021-03-16');
    assert.equal(r.recommendedStop, '2021-03-16');
    assert.equal(r.extendAfterLegal, true);
  });
  it('an early spring: stop on the legal date anyway', () => {
    const r = recommendStartStop({
      observed: series('2021-02-01', [...repeat(20, 0), ...repeat(15, 12)]),
      forecast: series('2021-03-08', repeat(7, 12)),
      legal,
      today: '2021-03-07',
    });
    assert.equal(r.climateStop, '2021-02-20');
    assert.equal(r.recommendedStop, '2021-03-15');
    assert.equal(r.extendAfterLegal, false);
    assert.match(r.reasons.at(-1)?.en ?? '', /stop on the legal date/);
  });
});
