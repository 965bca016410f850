// The history + forecast chart of a load forecast (pure: the ECharts option from the API answer).
import type { LoadForecast } from '@hearth/contracts/forecast';
import type { ChartOption } from '../../shared/chart/echarts.ts';

export type ForecastChartLabels = { actual: string; forecast: string; temperature: string; energy: string };

const COLORS = { actual: '#1677ff', forecast: '#fa541c', temperature: '#8c8c8c' };

/**
 * Dates (city days, MM-DD) on one axis: the history's heat (GJ) solid, the forecast dashed — joined to the last
 * known day so the line reads on — and the daily mean outdoor temperature (℃) on the right axis.
 */
export function forecastOption(whole: LoadForecast, labels: ForecastChartLabels): ChartOption {
  // from the first day with a known heat (before it the target did not report: the season had not begun)
  const start = whole.history.findIndex((d) => d.energyGJ !== null);
  const data = { ...whole, history: start > 0 ? whole.history.slice(start) : whole.history };
  const dates = [...data.history.map((d) => d.date), ...data.forecast.map((d) => d.date)];
  const n = data.history.length;
  const lastKnown = data.history[n - 1]?.energyGJ ?? null;
  const actual = [...data.history.map((d) => d.energyGJ), ...data.forecast.map(() => null)];
  const forecast = [
    ...data.history.map((_, i) => (i === n - 1 ? lastKnown : null)),
    ...data.forecast.map((d) => d.energyGJ),
  ];
  const temperature = [...data.history, ...data.forecast].map((d) => d.meanTemp);
  return {
    grid: { left: 56, right: 48, top: 40, bottom: 32 },
    legend: { top: 0, data: [labels.actual, labels.forecast, labels.temperature] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(1) : '—') },
    xAxis: {
      type: 'category',
      data: dates,
      axisLabel: { formatter: (v: string) => v.slice(5) },
      axisLine: { onZero: false },
    },
    yAxis: [
      { type: 'value', name: labels.energy, scale: true },
      { type: 'value', name: '℃', splitLine: { show: false } },
    ],
    series: [
      { name: labels.actual, type: 'line', data: actual, color: COLORS.actual, symbolSize: 4 },
      {
        name: labels.forecast,
        type: 'line',
        data: forecast,
        color: COLORS.forecast,
        lineStyle: { type: 'dashed', width: 2 },
        symbolSize: 6,
      },
      {
        name: labels.temperature,
        type: 'line',
        yAxisIndex: 1,
        data: temperature,
        color: COLORS.temperature,
        lineStyle: { type: 'dotted' },
        symbol: 'none',
      },
    ],
  };
}
