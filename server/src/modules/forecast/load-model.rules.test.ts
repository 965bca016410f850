// Table-driven tests of the load model: degree days, features, the least-squares fit and the recursive forecast.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addRow,
  featureValue,
  fitLoadModel,
  forecastAhead,
  heatingDegreeDays,
  normalEquations,
  predictDay,
  solve,
  type DayRecord,
  type FeatureName,
} from './load-model.rules.ts';

const close = (actual: number, expected: number, tol = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} ≠ ${expected}`);

describe('heatingDegreeDays (base 18 ℃)', () => {
  const cases: [number, number, number][] = [
    [-7.6, 18, 25.6],
    [0, 18, 18],
    [18, 18, 0],
    [25, 18, 0],
    [10, 15, 5],
  ];
  for (const [t, base, hdd] of cases)
    it(`${t} ℃, base ${base} → ${hdd} K·d`, () => close(heatingDegreeDays(t, base), hdd));
});

describe('featureValue', () => {
  const ctx = { date: '2024-01-06', meanTemp: -2, prevEnergy: 100, prevLateRate: 120 }; // a Saturday
  const cases: [FeatureName, number | null][] = [
    ['intercept', 1],
    ['hdd', 20],
    ['prevEnergy', 100],
    ['lateRate', 120],
    ['weekend', 1],
    ['seasonCos', Math.cos((2 * Math.PI * 6) / 365.25)],
    ['seasonSin', Math.sin((2 * Math.PI * 6) / 365.25)],
  ];
  for (const [name, value] of cases)
    it(`${name} → ${value}`, () => close(featureValue(name, ctx, 18) as number, value as number));
  it('a Monday is no weekend; an unknown temperature has no degree days', () => {
    assert.equal(featureValue('weekend', { ...ctx, date: '2024-01-08' }, 18), 0);
    assert.equal(featureValue('hdd', { ...ctx, meanTemp: null }, 18), null);
  });
});

describe('solve (normal equations)', () => {
  const cases: { name: string; rows: [number[], number][]; beta: number[] }[] = [
    {
      name: 'exact line y = 2 + 3x',
      rows: [
        [[1, 0], 2],
        [[1, 1], 5],
        [[1, 2], 8],
      ],
      beta: [2, 3],
    },
    {
      name: 'least squares through noise: y = 1 + x ± 1',
      rows: [
        [[1, 0], 2],
        [[1, 1], 1],
        [[1, 2], 4],
        [[1, 3], 3],
      ],
      beta: [1.6, 0.6],
    },
    {
      name: 'a constant-zero column gets 0',
      rows: [
        [[1, 0, 0], 1],
        [[1, 1, 0], 3],
        [[1, 2, 0], 5],
      ],
      beta: [1, 2, 0],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const eq = normalEquations(c.beta.length);
      for (const [x, y] of c.rows) addRow(eq, x, y);
      const beta = solve(eq);
      assert.ok(beta);
      c.beta.forEach((b, j) => close(beta[j] as number, b, 1e-4));
    });
});

/** a degree-day load: E = 50 + 10·HDD (GJ/day), temperatures cycling −8…+4 ℃ */
const synthetic = (n: number): DayRecord[] =>
  Array.from({ length: n }, (_, i) => {
    const meanTemp = -8 + ((i * 5) % 13);
    return {
      date: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      energy: 50 + 10 * heatingDegreeDays(meanTemp),
      meanTemp,
    };
  });

describe('fitLoadModel', () => {
  it('recovers a degree-day law exactly', () => {
    const model = fitLoadModel(synthetic(30), ['intercept', 'hdd']);
    assert.ok(model);
    close(model.coefficients[0] as number, 50, 1e-3);
    close(model.coefficients[1] as number, 10, 1e-4);
    assert.equal(model.trainingDays, 30);
  });
  it('skips days without energy and needs enough days', () => {
    const days = synthetic(10).map((d, i) => (i % 2 ? { ...d, energy: null } : d));
    assert.equal(fitLoadModel(days, ['intercept', 'hdd']), null, '5 days < 7');
    assert.equal(fitLoadModel(synthetic(14), ['intercept', 'hdd'])?.trainingDays, 14);
  });
  it('prevEnergy needs the day before: the first day is not a training row', () => {
    assert.equal(fitLoadModel(synthetic(20), ['intercept', 'hdd', 'prevEnergy'])?.trainingDays, 19);
  });
});

describe('forecastAhead', () => {
  it('predicts the forecast days from their degree days', () => {
    const model = fitLoadModel(synthetic(30), ['intercept', 'hdd']);
    assert.ok(model);
    const out = forecastAhead(model, { energy: 0 }, [
      { date: '2024-02-01', mean: -10 },
      { date: '2024-02-02', mean: 20 },
    ]);
    assert.deepEqual(
      out.map((d) => Math.round(d.energy * 100) / 100),
      [330, 50],
    );
  });
  it('feeds each predicted day into the next (autoregression)', () => {
    const model = {
      features: ['prevEnergy'] as FeatureName[],
      coefficients: [0.5],
      trainingDays: 9,
      baseTemp: 18,
    };
    const temps = ['2024-02-01', '2024-02-02', '2024-02-03'].map((date) => ({ date, mean: 0 }));
    assert.deepEqual(
      forecastAhead(model, { energy: 80 }, temps).map((d) => d.energy),
      [40, 20, 10],
    );
  });
  it('stops at a day whose temperature is unknown; never predicts a negative load', () => {
    const model = {
      features: ['intercept', 'hdd'] as FeatureName[],
      coefficients: [-100, 1],
      trainingDays: 9,
      baseTemp: 18,
    };
    assert.equal(
      predictDay(model, { date: '2024-02-01', meanTemp: 10, prevEnergy: null, prevLateRate: null }),
      0,
    );
    const out = forecastAhead(model, { energy: 1 }, [
      { date: '2024-02-01', mean: 0 },
      { date: '2024-02-02', mean: null },
    ]);
    assert.equal(out.length, 1);
  });
});
