// Table-driven tests of the day-ahead backtest: the metrics' formulas, the expanding window, the scored days.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backtestDayAhead, errorMetrics, octoberToApril } from './backtest.rules.ts';
import { heatingDegreeDays, type DayRecord } from './load-model.rules.ts';

describe('errorMetrics', () => {
  const cases: {
    name: string;
    pairs: { actual: number; predicted: number }[];
    mape: number;
    cvrmse: number;
  }[] = [
    { name: 'perfect', pairs: [{ actual: 10, predicted: 10 }], mape: 0, cvrmse: 0 },
    {
      name: '±10 % on 100 and 200',
      pairs: [
        { actual: 100, predicted: 110 },
        { actual: 200, predicted: 180 },
      ],
      // MAPE (10 % + 10 %) / 2; RMSE √((100 + 400) / 2) = 15.811 over the mean 150
      mape: 10,
      cvrmse: (100 * Math.sqrt(250)) / 150,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const m = errorMetrics(c.pairs);
      assert.ok(Math.abs(m.mape - c.mape) < 1e-9);
      assert.ok(Math.abs(m.cvrmse - c.cvrmse) < 1e-9);
    });
});

describe('octoberToApril', () => {
  const cases: [string, boolean][] = [
    ['2019-10-01', true],
    ['2019-12-31', true],
    ['2020-04-30', true],
    ['2020-05-01', false],
    ['2020-09-30', false],
  ];
  for (const [date, expected] of cases)
    it(`${date} → ${expected}`, () => assert.equal(octoberToApril(date), expected));
});

const day = (i: number, meanTemp: number, energy: number | null): DayRecord => ({
  date: new Date(Date.UTC(2019, 9, 1) + i * 86_400_000).toISOString().slice(0, 10),
  energy,
  meanTemp,
});

describe('backtestDayAhead', () => {
  // a degree-day law with a jumpy weather: persistence errs, the model fitted on earlier days does not
  const temps = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? -6 : i % 3 === 1 ? 2 : -1));
  const days = temps.map((t, i) => day(i, t, 40 + 8 * heatingDegreeDays(t)));

  it('scores each day with a model fitted only on the days before it, next to persistence', () => {
    const r = backtestDayAhead(days, ['intercept', 'hdd']);
    // 7 training days first (minTrainingDays(2) = 7), and day 0 has no previous day for persistence
    assert.equal(r.days, 53);
    assert.ok(r.mape < 1e-3, `mape ${r.mape}`);
    assert.ok(r.persistenceMape > 10, `persistence ${r.persistenceMape}`);
    assert.ok(r.persistenceCvrmse > r.cvrmse);
  });

  it('never sees the future: a changed law after day 30 shows in the errors of the days after it', () => {
    const changed = days.map((d, i) => (i >= 30 ? { ...d, energy: (d.energy as number) * 1.5 } : d));
    const r = backtestDayAhead(changed, ['intercept', 'hdd']);
    assert.ok(r.mape > 1, `mape ${r.mape}`);
  });

  it('skips days out of season, unknown days and the day after a gap', () => {
    const gappy = days.map((d, i) => (i === 20 ? { ...d, energy: null } : d));
    // day 20 unknown; day 21 has no persistence
    assert.equal(backtestDayAhead(gappy, ['intercept', 'hdd']).days, 51);
    const summer = days.map((d) => ({
      ...d,
      date: d.date.replace('2019-10', '2019-06').replace('2019-11', '2019-07'),
    }));
    assert.equal(backtestDayAhead(summer, ['intercept', 'hdd']).days, 0);
  });
});
