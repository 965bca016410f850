// The forecast chart's option: history and forecast on one date axis, joined at the last known day.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LoadForecast } from '@hearth/contracts/forecast';
import { forecastOption } from './forecastOption.ts';

const data: LoadForecast = {
  level: 'station',
  target: { id: 1, name: '一号站' },
  stations: 1,
  timeZone: 'Asia/Shanghai',
  history: [
    { date: '2026-11-30', energyGJ: null, meanMW: null, meanTemp: 3 },
    { date: '2026-12-01', energyGJ: 100, meanMW: 1.157, meanTemp: -1 },
    { date: '2026-12-02', energyGJ: null, meanMW: null, meanTemp: 0 },
    { date: '2026-12-03', energyGJ: 110, meanMW: 1.273, meanTemp: -2 },
  ],
  forecast: [{ date: '2026-12-04', energyGJ: 120, meanMW: 1.389, meanTemp: -4 }],
  model: null,
  backtest: null,
  weatherSource: 'test',
};
const labels = { actual: '实际', forecast: '预测', temperature: '气温', energy: 'GJ' };

describe('forecastOption', () => {
  const option = forecastOption(data, labels);
  const series = option.series as { name: string; data: (number | null)[] }[];
  it('puts history (from its first known day) and forecast dates on one axis', () =>
    assert.deepEqual((option.xAxis as { data: string[] }).data, [
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]));
  it('keeps a gap in the history and joins the forecast to the last known day', () => {
    assert.deepEqual(series[0]?.data, [100, null, 110, null]);
    assert.deepEqual(series[1]?.data, [null, null, 110, 120]);
    assert.deepEqual(series[2]?.data, [-1, 0, -2, -4]);
  });
});
