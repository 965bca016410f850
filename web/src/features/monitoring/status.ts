// Station status colours and labels, the key metrics of the live table, and metric value formatting.
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import {
  METRICS,
  STATION_STATUS_LABELS,
  STATION_STATUSES,
  type MetricKey,
  type MonitoredStation,
} from '@hearth/contracts/telemetry';
import { unitIn, type Lang } from '../../shared/i18n.ts';
import { METRIC_LABELS_EN } from '@hearth/contracts/labels-en';

dayjs.extend(relativeTime);

export type StationStatus = MonitoredStation['status'];
export { STATION_STATUSES };

/** Colour per status: 在线 green, 数据延迟 orange, 离线 red, 未接入 grey. */
export const STATUS_COLORS: Record<StationStatus, string> = {
  online: '#52c41a',
  stale: '#fa8c16',
  offline: '#f5222d',
  no_data: '#8c8c8c',
};

/** antd Badge status per station status (the coloured dot). */
export const STATUS_BADGE = {
  online: 'success',
  stale: 'warning',
  offline: 'error',
  no_data: 'default',
} as const satisfies Record<StationStatus, 'success' | 'warning' | 'error' | 'default'>;

const STATUS_EN: Record<StationStatus, string> = {
  online: 'Online',
  stale: 'Delayed',
  offline: 'Offline',
  no_data: 'Not connected',
};

export function statusLabel(status: StationStatus, lang: Lang): string {
  return lang === 'en' ? STATUS_EN[status] : STATION_STATUS_LABELS[status];
}

export function isStationStatus(v: unknown): v is StationStatus {
  return typeof v === 'string' && (STATION_STATUSES as readonly string[]).includes(v);
}

/** The metrics shown as live columns of the monitoring table. */
export const KEY_METRICS: readonly MetricKey[] = [
  'primarySupplyTemp',
  'primaryReturnTemp',
  'secondarySupplyTemp',
  'secondaryReturnTemp',
  'flow',
  'heatPower',
  'makeupWater',
];

/** Short column headings of the key metrics (the unit is shown beneath, the full label on hover). */
const SHORT: Partial<Record<MetricKey, [string, string]>> = {
  primarySupplyTemp: ['一次供温', 'Prim. supply'],
  primaryReturnTemp: ['一次回温', 'Prim. return'],
  secondarySupplyTemp: ['二次供温', 'Sec. supply'],
  secondaryReturnTemp: ['二次回温', 'Sec. return'],
  flow: ['循环流量', 'Flow'],
  heatPower: ['热功率', 'Heat power'],
  makeupWater: ['补水量', 'Make-up'],
};

export function shortMetricLabel(metric: MetricKey, lang: Lang): string {
  const s = SHORT[metric];
  return s ? (lang === 'en' ? s[1] : s[0]) : metricLabel(metric, lang);
}

/** A metric's label in the console's language (declared once, in contracts). */
export function metricLabel(metric: MetricKey, lang: Lang): string {
  return lang === 'en' ? METRIC_LABELS_EN[metric] : METRICS[metric].label;
}

/** A metric's unit in the console's language (t/h 或 m³/h → t/h or m³/h). */
export function metricUnit(metric: MetricKey, lang: Lang): string {
  return unitIn(lang, METRICS[metric].unit);
}

/** A metric value with sensible precision (pressures 3 digits, temperatures 1, counters 0). */
export function formatMetric(metric: MetricKey, value: number | undefined, lang: Lang = 'zh'): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (metric === 'pumpRunning') {
    const on = value >= 0.5;
    return lang === 'en' ? (on ? 'On' : 'Off') : on ? '运行' : '停止';
  }
  const digits = METRICS[metric].unit === 'MPa' ? 3 : metric === 'heatTotal' ? 0 : value >= 1000 ? 0 : 1;
  return value.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** "3 分钟前" (relative to `now`), or null when there is no time. */
export function fromNow(ts: string | null | undefined, now: number): string | null {
  if (!ts) return null;
  return dayjs(Math.min(dayjs(ts).valueOf(), now)).from(now);
}

/** Points older than this are greyed out (the server's default HEARTH_STALE_MINUTES). */
export const STALE_POINT_MS = 10 * 60_000;
