// The 气象 page's pure helpers: city-time axis shift, city days, the season's view start, the chart series.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  cityAxisMs,
  cityDate,
  cityDayStart,
  dailyOption,
  hourlyOption,
  seasonViewStart,
} from './weatherChart.ts';

describe('weather chart helpers', () => {
  it('shifts instants so the browser clock shows Beijing wall time', () => {
    const shown = new Date(cityAxisMs('2026-12-01T16:00:00Z'));
    assert.deepEqual([shown.getDate(), shown.getHours()], [2, 0]);
  });

  it('counts city days', () => {
    assert.equal(cityDate(Date.parse('2026-12-01T16:30:00Z')), '2026-12-02');
    assert.equal(cityDate(Date.parse('2026-12-01T15:30:00Z'), 1), '2026-12-02');
    assert.equal(cityDayStart('2026-12-02'), '2026-12-01T16:00:00.000Z');
    assert.equal(addDays('2027-02-27', 2), '2027-03-01');
    assert.equal(seasonViewStart('2027-02-27'), '2026-10-01');
    assert.equal(seasonViewStart('2026-12-03'), '2026-10-01');
  });

  it('joins the forecast line to the last observation and marks forecast and interpolated days', () => {
    const h = hourlyOption(
      {
        area: 'city',
        observations: [{ ts: '2026-12-01T16:00:00Z', temp: -3 }],
        forecast: [{ ts: '2026-12-01T17:00:00Z', temp: -4 }],
        issuedAt: null,
      },
      { observed: 'o', forecast: 'f', unit: '℃' },
    );
    const series = h.series as { id: string; data: [number, number][] }[];
    assert.deepEqual(
      series.map((s) => s.data.map((p) => p[1])),
      [[-3], [-3, -4]],
    );
    const d = dailyOption(
      [
        { date: '2026-12-01', mean: -1, min: -5, max: 3, hours: 24, interpolated: false, forecast: false },
        { date: '2026-12-02', mean: 0, min: null, max: null, hours: 10, interpolated: true, forecast: false },
        { date: '2026-12-03', mean: 1, min: -2, max: 4, hours: 24, interpolated: false, forecast: true },
      ],
      5,
      { mean: 'm', band: 'b', forecast: 'f', interpolated: 'i', threshold: 't', unit: '℃' },
    );
    const mean = (d.series as { id: string; data: unknown[] }[]).find((s) => s.id === 'mean');
    assert.deepEqual(
      (mean?.data as { symbol: string }[]).map((p) => p.symbol),
      ['circle', 'emptyCircle', 'diamond'],
    );
    const spread = (d.series as { id: string; data: number[] }[]).find((s) => s.id === 'spread');
    assert.deepEqual(spread?.data, [8, 0, 6]);
  });
});
