// The analysis chart's option (axes per unit, names, design lines, city time) and the chart's range helpers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import type { MultiSeriesResponse, StationSeries } from '@hearth/contracts/telemetry-analysis';
import { axisUnits, buildAnalysisOption } from './analysisOption.ts';
import { cityWallClock, fromCityWallClock, resolveRange, seasonRange } from './chartRange.ts';

const T0 = '2026-12-03T00:00:00.000Z';
const line = (stationId: number, metric: string, unit: string, value: number): StationSeries => ({
  stationId,
  stationCode: `ST-${stationId}`,
  stationName: `站${stationId}`,
  metric,
  unit,
  points: [{ ts: T0, value }],
});
const labels = {
  designSupply: '设计供水温度',
  designReturn: '设计回水温度',
  metric: (m: string) => METRICS[m as MetricKey].label,
};
const opts = { labels, cityOffsetMs: 8 * 3_600_000 };

type Axis = { name?: string; position?: string; offset?: number };
type Series = {
  name?: string;
  yAxisIndex?: number;
  data?: [number, number][];
  markLine?: { data: { yAxis: number; name: string }[] };
};

describe('buildAnalysisOption', () => {
  const multi: MultiSeriesResponse = {
    resolution: '1h',
    series: [
      line(1, 'primarySupplyPressure', 'MPa', 0.8),
      line(1, 'secondarySupplyTemp', '℃', 70),
      line(1, 'secondaryReturnTemp', '℃', 50),
      line(1, 'flow', 't/h', 120),
    ],
  };

  it('gives each unit its axis, temperatures on the left, the others on the right side by side', () => {
    assert.deepEqual(axisUnits(multi.series), ['℃', 'MPa', 't/h']);
    const option = buildAnalysisOption(multi, opts);
    const axes = option.yAxis as Axis[];
    assert.deepEqual(
      axes.map((a) => [a.name, a.position, a.offset]),
      [
        ['℃', 'left', 0],
        ['MPa', 'right', 0],
        ['t/h', 'right', 58],
      ],
    );
    const series = option.series as Series[];
    assert.deepEqual(
      series.map((s) => [s.name, s.yAxisIndex]),
      [
        ['一次供水压力', 1],
        ['二次供水温度', 0],
        ['二次回水温度', 0],
        ['循环流量', 2],
      ],
    );
  });

  it('draws the design temperatures as reference lines on the first temperature line only', () => {
    const option = buildAnalysisOption(multi, { ...opts, design: { supply: 75, return: 50 } });
    const series = option.series as Series[];
    assert.deepEqual(
      series[1]?.markLine?.data.map((d) => [d.name, d.yAxis]),
      [
        ['设计供水温度', 75],
        ['设计回水温度', 50],
      ],
    );
    assert.equal(series[2]?.markLine, undefined);
    assert.equal(series[0]?.markLine, undefined);
    // the temperature axis reaches the design lines
    const temp = (
      option.yAxis as { min?: (v: { min: number }) => number; max?: (v: { max: number }) => number }[]
    )[0];
    assert.equal(temp?.max?.({ max: 70 }), 77);
    assert.equal(temp?.min?.({ min: 55 }), 48);
  });

  it('names the lines by station when comparing stations on one metric, without design lines', () => {
    const compared: MultiSeriesResponse = {
      resolution: '15m',
      series: [line(1, 'flow', 't/h', 100), line(2, 'flow', 't/h', 90), line(3, 'flow', 't/h', 80)],
    };
    const option = buildAnalysisOption(compared, { ...opts, design: { supply: 75, return: 50 } });
    const series = option.series as Series[];
    assert.deepEqual(
      series.map((s) => s.name),
      ['站1', '站2', '站3'],
    );
    assert.ok(series.every((s) => s.markLine === undefined));
    assert.equal((option.yAxis as Axis[]).length, 1);
  });

  it('draws times on the city clock (shifted by its offset, read as UTC)', () => {
    const option = buildAnalysisOption(multi, opts);
    assert.equal(option.useUTC, true);
    assert.equal((option.series as Series[])[0]?.data?.[0]?.[0], Date.parse(T0) + 8 * 3_600_000);
  });
});

describe('chart ranges in city time', () => {
  it('converts between instants and the city clock', () => {
    assert.equal(cityWallClock(Date.parse('2026-12-03T16:05:00Z')), '2026-12-04 00:05');
    assert.equal(fromCityWallClock('2026-12-04 00:05'), Date.parse('2026-12-03T16:05:00Z'));
  });

  it('takes the running heating season, or the last one out of season', () => {
    const inSeason = Date.parse('2026-12-03T04:00:00Z');
    assert.deepEqual(seasonRange(inSeason), { from: Date.parse('2026-11-14T16:00:00Z'), to: inSeason });
    const january = Date.parse('2027-01-20T04:00:00Z');
    assert.equal(seasonRange(january).from, Date.parse('2026-11-14T16:00:00Z'));
    const summer = Date.parse('2026-07-01T00:00:00Z');
    assert.deepEqual(seasonRange(summer), {
      from: Date.parse('2025-11-14T16:00:00Z'),
      to: Date.parse('2026-03-15T16:00:00Z'),
    });
  });

  it('resolves presets relative to now and keeps a picked span as it is', () => {
    const now = Date.parse('2026-12-03T04:00:00Z');
    const day = resolveRange({ preset: '24h' }, now);
    assert.equal(day.to - day.from, 24 * 3_600_000);
    assert.equal(day.to, now + 60_000);
    assert.deepEqual(resolveRange({ from: 1, to: 2 }, now), { from: 1, to: 2 });
  });
});
