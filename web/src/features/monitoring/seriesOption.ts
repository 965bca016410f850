// Builds the station metric chart: the mean (or raw) line over time and, for rollups, a min–max band beneath it.
import { TIME_AXIS } from '../../shared/chart/timeAxis.ts';
import dayjs from 'dayjs';
import type { SeriesResponse } from '@hearth/contracts/telemetry';
import type { ChartOption } from '../../shared/chart/echarts.ts';

export type SeriesLabels = { mean: string; value: string; band: string };

const LINE = '#d4380d';
const BAND = 'rgba(250, 84, 28, 0.22)';
const BAND_KEY = '#ffbb96';

function round(v: number): string {
  return v.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
}

export function buildSeriesOption(s: SeriesResponse, labels: SeriesLabels): ChartOption {
  const pts = s.points;
  const hasBand = pts.some((p) => p.min !== undefined && p.max !== undefined);
  const lineName = hasBand ? labels.mean : labels.value;
  const band = hasBand
    ? [
        {
          type: 'line' as const,
          id: 'band-min',
          name: labels.band,
          stack: 'band',
          symbol: 'none',
          silent: true,
          lineStyle: { opacity: 0 },
          itemStyle: { color: BAND_KEY },
          data: pts.map((p) => [p.ts, p.min ?? p.value]),
          z: 1,
        },
        {
          type: 'line' as const,
          id: 'band-spread',
          name: labels.band,
          stack: 'band',
          symbol: 'none',
          silent: true,
          lineStyle: { opacity: 0 },
          areaStyle: { color: BAND },
          itemStyle: { color: BAND_KEY },
          data: pts.map((p) => [p.ts, (p.max ?? p.value) - (p.min ?? p.value)]),
          z: 1,
        },
      ]
    : [];
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 36 },
    legend: {
      top: 4,
      right: 8,
      data: hasBand ? [lineName, { name: labels.band, icon: 'roundRect' }] : [lineName],
    },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const p = typeof first?.dataIndex === 'number' ? pts[first.dataIndex] : undefined;
        if (!p) return '';
        const lines = [
          `<b>${dayjs(p.ts).format('YYYY-MM-DD HH:mm')}</b>`,
          `${lineName}: <b>${round(p.value)}</b> ${s.unit}`,
        ];
        if (p.min !== undefined && p.max !== undefined)
          lines.push(`${labels.band}: ${round(p.min)} – ${round(p.max)} ${s.unit}`);
        if (p.count !== undefined) lines.push(`n = ${p.count}`);
        return lines.join('<br/>');
      },
    },
    xAxis: TIME_AXIS,
    yAxis: { type: 'value', scale: true, name: s.unit, nameTextStyle: { align: 'right' } },
    dataZoom: [{ type: 'inside', xAxisIndex: 0 }],
    series: [
      ...band,
      {
        type: 'line',
        id: 'value',
        name: lineName,
        showSymbol: pts.length <= 48,
        symbolSize: 4,
        lineStyle: { width: 2, color: LINE },
        itemStyle: { color: LINE },
        data: pts.map((p) => [p.ts, p.value]),
        z: 3,
      },
    ],
  };
}
