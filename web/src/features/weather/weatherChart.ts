// The 气象 page's chart options (pure): hourly observations and forecast on a city-time axis, daily mean with its
// min–max band (interpolated and forecast days marked); the city day arithmetic the page's ranges use.
import type { DailyPoint, HourlyResponse } from '@hearth/contracts/weather';
import type { ChartOption } from '../../shared/chart/echarts.ts';
import { TIME_AXIS } from '../../shared/chart/timeAxis.ts';

export const CITY_TZ = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const OBSERVED = '#1677ff';
const FORECAST = '#fa8c16';
const BAND = 'rgba(22, 119, 255, 0.15)';

/** A time zone's UTC offset at an instant, ms. */
export function offsetMs(timeZone: string, at: number): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000) : 0;
}

/** An instant shifted so the browser's local clock (which ECharts draws) shows the city's wall time. */
export function cityAxisMs(iso: string, timeZone = CITY_TZ): number {
  const ms = Date.parse(iso);
  return ms + offsetMs(timeZone, ms) + new Date(ms).getTimezoneOffset() * 60_000;
}

/** The city day (YYYY-MM-DD) of an instant, `plusDays` later. */
export function cityDate(ms: number, plusDays = 0, timeZone = CITY_TZ): string {
  return new Date(ms + offsetMs(timeZone, ms) + plusDays * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar date `days` later (YYYY-MM-DD, no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant (ISO) a city day begins. */
export function cityDayStart(date: string, timeZone = CITY_TZ): string {
  const wall = Date.parse(`${date}T00:00:00Z`);
  return new Date(wall - offsetMs(timeZone, wall)).toISOString();
}

/** The first day of the season a city day belongs to (08-01 → 07-31), shown from 10-01. */
export function seasonViewStart(today: string): string {
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 8 ? 1 : 0);
  return `${year}-10-01`;
}

export type HourlyLabels = { observed: string; forecast: string; unit: string };

export function hourlyOption(h: HourlyResponse, labels: HourlyLabels): ChartOption {
  const obs = h.observations.map((p) => [cityAxisMs(p.ts), p.temp]);
  // the forecast line starts at the last observation so the two join
  const last = obs.at(-1);
  const fc = [
    ...(last && h.forecast.length > 0 ? [last] : []),
    ...h.forecast.map((p) => [cityAxisMs(p.ts), p.temp]),
  ];
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 36, bottom: 56 },
    legend: { top: 4, right: 8, data: [labels.observed, labels.forecast] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)} ${labels.unit}` : '—'),
    },
    dataZoom: [{ type: 'inside' }],
    xAxis: { ...TIME_AXIS },
    yAxis: { type: 'value', name: labels.unit, scale: true },
    series: [
      {
        type: 'line',
        id: 'observed',
        name: labels.observed,
        data: obs,
        symbol: 'none',
        lineStyle: { width: 1.5 },
        itemStyle: { color: OBSERVED },
      },
      {
        type: 'line',
        id: 'forecast',
        name: labels.forecast,
        data: fc,
        symbol: 'none',
        lineStyle: { width: 1.5, type: 'dashed' },
        itemStyle: { color: FORECAST },
      },
    ],
  };
}

export type DailyLabels = {
  mean: string;
  band: string;
  forecast: string;
  interpolated: string;
  threshold: string;
  unit: string;
};

export function dailyOption(
  days: readonly DailyPoint[],
  threshold: number,
  labels: DailyLabels,
): ChartOption {
  const dates = days.map((d) => d.date.slice(5));
  const lo = days.map((d) => d.min ?? d.mean);
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 36, bottom: 32 },
    legend: { top: 4, right: 8, data: [labels.mean, { name: labels.band, icon: 'roundRect' }] },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const i = (Array.isArray(params) ? params[0] : params)?.dataIndex ?? 0;
        const d = days[i];
        if (!d) return '';
        const flags = [d.forecast ? labels.forecast : '', d.interpolated ? labels.interpolated : '']
          .filter(Boolean)
          .join(' · ');
        const range =
          d.min !== null && d.max !== null
            ? `${d.min.toFixed(1)} … ${d.max.toFixed(1)} ${labels.unit}<br/>`
            : '';
        return `${d.date}${flags ? ` (${flags})` : ''}<br/>${labels.mean} ${d.mean.toFixed(2)} ${labels.unit}<br/>${range}`;
      },
    },
    xAxis: { type: 'category', data: dates, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: labels.unit, scale: true },
    series: [
      {
        type: 'line',
        id: 'lo',
        name: labels.band,
        stack: 'band',
        stackStrategy: 'all',
        data: lo,
        symbol: 'none',
        silent: true,
        lineStyle: { opacity: 0 },
      },
      {
        type: 'line',
        id: 'spread',
        name: labels.band,
        stack: 'band',
        // the band spans zero in winter: stack across signs (the default stacks negatives and positives apart)
        stackStrategy: 'all',
        data: days.map((d, i) => (d.max ?? d.mean) - (lo[i] ?? d.mean)),
        symbol: 'none',
        silent: true,
        lineStyle: { opacity: 0 },
        areaStyle: { color: BAND },
        itemStyle: { color: BAND },
      },
      {
        type: 'line',
        id: 'mean',
        name: labels.mean,
        itemStyle: { color: OBSERVED },
        data: days.map((d) => ({
          value: d.mean,
          symbol: d.interpolated ? 'emptyCircle' : d.forecast ? 'diamond' : 'circle',
          symbolSize: d.interpolated || d.forecast ? 7 : 3,
          itemStyle: { color: d.forecast ? FORECAST : OBSERVED },
        })),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: '#cf1322' },
          label: { formatter: labels.threshold, position: 'insideEndTop' },
          data: [{ yAxis: threshold }],
        },
      },
    ],
  };
}
