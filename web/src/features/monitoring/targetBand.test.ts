// The compensation target band on the analysis chart: band base + width stacked, the dashed target line, the ℃ axis,
// the legend, the axis range, and only on a single station's temperature chart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import type { MultiSeriesResponse, StationSeries } from '@hearth/contracts/telemetry-analysis';
import { buildAnalysisOption } from './analysisOption.ts';
import { bandExtent, isBandSeries } from './targetBand.ts';

const T0 = '2026-12-03T00:00:00.000Z';
const T1 = '2026-12-03T01:00:00.000Z';
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
const target = {
  points: [
    { at: T0, supply: 60 },
    { at: T1, supply: 62.5 },
  ],
  band: 3,
  labels: { target: '目标供水温度（气候补偿）', band: '目标带 ±3 ℃' },
};
const OFFSET = 8 * 3_600_000;
type Series = {
  id?: string;
  name?: string;
  yAxisIndex?: number;
  stack?: string;
  data?: [number, number][];
  areaStyle?: object;
};

describe('target band', () => {
  const data: MultiSeriesResponse = {
    resolution: 'raw',
    series: [line(1, 'flow', 't/h', 120), line(1, 'secondarySupplyTemp', '℃', 61)],
  };

  it('adds base, width and target line on the ℃ axis, after the measured lines', () => {
    const option = buildAnalysisOption(data, { labels, cityOffsetMs: OFFSET, target });
    const series = option.series as Series[];
    assert.deepEqual(
      series.map((s) => [s.id, s.name, s.yAxisIndex, s.stack ?? null]),
      [
        ['1-flow', '循环流量', 1, null],
        ['1-secondarySupplyTemp', '二次供水温度', 0, null],
        ['target-band-low', '目标带 ±3 ℃', 0, 'target-band'],
        ['target-band-spread', '目标带 ±3 ℃', 0, 'target-band'],
        ['target-supply', '目标供水温度（气候补偿）', 0, null],
      ],
    );
    const at0 = Date.parse(T0) + OFFSET;
    const at1 = Date.parse(T1) + OFFSET;
    assert.deepEqual(series[2]?.data, [
      [at0, 57],
      [at1, 59.5],
    ]);
    assert.deepEqual(series[3]?.data, [
      [at0, 6],
      [at1, 6],
    ]);
    assert.ok(series[3]?.areaStyle, 'the width is shaded');
    assert.deepEqual(series[4]?.data, [
      [at0, 60],
      [at1, 62.5],
    ]);
    const legend = (option.legend as { data: unknown[] }).data;
    assert.deepEqual(legend.slice(2), [
      '目标供水温度（气候补偿）',
      { name: '目标带 ±3 ℃', icon: 'roundRect' },
    ]);
  });

  it('keeps the band inside the temperature axis', () => {
    const option = buildAnalysisOption(data, { labels, cityOffsetMs: OFFSET, target });
    const temp = (
      option.yAxis as {
        name: string;
        max?: (v: { max: number }) => number;
        min?: (v: { min: number }) => number;
      }[]
    )[0];
    assert.equal(temp?.name, '℃');
    assert.equal(temp?.max?.({ max: 61 }), 68);
    assert.equal(temp?.min?.({ min: 61 }), 55);
    assert.deepEqual(bandExtent(target), [57, 65.5]);
    assert.deepEqual(bandExtent(undefined), []);
  });

  it('is left out without a temperature line, when comparing stations, or without points', () => {
    const none = (d: MultiSeriesResponse, t = target) =>
      (buildAnalysisOption(d, { labels, cityOffsetMs: OFFSET, target: t }).series as Series[]).filter((s) =>
        s.id?.startsWith('target'),
      ).length;
    assert.equal(none({ resolution: 'raw', series: [line(1, 'flow', 't/h', 1)] }), 0);
    assert.equal(
      none({
        resolution: 'raw',
        series: [line(1, 'secondarySupplyTemp', '℃', 1), line(2, 'secondarySupplyTemp', '℃', 2)],
      }),
      0,
    );
    assert.equal(none(data, { ...target, points: [] }), 0);
  });

  it('the tooltip skips the band helpers', () => {
    assert.deepEqual(
      ['target-band-low', 'target-band-spread', 'target-supply', '1-flow', undefined].map(isBandSeries),
      [true, true, false, false, false],
    );
  });
});
