// How 报警中心 words and colours an alarm, and turns its filters into the API's query (city days → instants).
// Pure: no React, no Vite (unit-tested under node:test).
import {
  ALARM_SEVERITIES,
  type ALARM_SORTS,
  type Alarm,
  type AlarmLiveEvent,
  type AlarmSeverity,
  type AlarmState,
} from '@hearth/contracts/alarms';
import { METRICS } from '@hearth/contracts/telemetry';

/** antd Tag colours: red for 紧急, orange for 重要, gold for 一般, blue for 提示. */
export const SEVERITY_COLORS: Record<AlarmSeverity, string> = {
  critical: 'red',
  major: 'volcano',
  warning: 'gold',
  info: 'blue',
};

/** The same as plain colours (row stripes, counters). */
export const SEVERITY_HEX: Record<AlarmSeverity, string> = {
  critical: '#cf1322',
  major: '#d4380d',
  warning: '#d48806',
  info: '#0958d9',
};

export const STATE_COLORS: Record<AlarmState, string> = {
  raised: 'error',
  acknowledged: 'processing',
  cleared: 'success',
  closed: 'default',
};

/** Most severe first. */
export const SEVERITIES_DESC: readonly AlarmSeverity[] = [...ALARM_SEVERITIES].reverse();

/** The instant (ISO) a city day `YYYY-MM-DD` begins, `plusDays` later (China has no daylight saving: UTC+8). */
export function cityDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 8 * 3_600_000).toISOString();
}

/** "75.3 ℃ (限值 70 ℃)": the value that raised it and the limit, in the metric's unit. */
export function valueText(alarm: Pick<Alarm, 'metric' | 'value' | 'threshold'>, limitWord: string): string {
  if (alarm.value === null) return '—';
  const unit = alarm.metric ? METRICS[alarm.metric].unit : '';
  // pressures in MPa read to the kPa; temperatures, flows and powers to one decimal
  const digits = unit === 'MPa' ? 3 : alarm.metric ? 1 : 2;
  const fmt = (n: number) => `${Number(n.toFixed(digits))}${unit ? ` ${unit}` : ''}`;
  return alarm.threshold === null
    ? fmt(alarm.value)
    : `${fmt(alarm.value)} (${limitWord} ${fmt(alarm.threshold)})`;
}

/** How long an alarm has lasted (to its clearing or closing, else to `now`), as "2小时5分" / "2 h 5 min". */
export function durationText(
  alarm: Pick<Alarm, 'raisedAt' | 'clearedAt' | 'closedAt'>,
  now: number,
  en: boolean,
) {
  const end = alarm.clearedAt ?? alarm.closedAt;
  const minutes = Math.max(
    0,
    Math.floor(((end ? Date.parse(end) : now) - Date.parse(alarm.raisedAt)) / 60_000),
  );
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (en) return [d ? `${d} d` : '', h ? `${h} h` : '', d ? '' : `${m} min`].filter(Boolean).join(' ');
  return [d ? `${d}天` : '', h ? `${h}小时` : '', d ? '' : `${m}分`].filter(Boolean).join('');
}

export type AlarmSort = (typeof ALARM_SORTS)[number];

export type AlarmFilters = {
  state?: AlarmState | 'open' | undefined;
  severity?: AlarmSeverity | undefined;
  type?: Alarm['type'] | undefined;
  enterpriseId?: number | undefined;
  stationId?: number | undefined;
  q?: string | undefined;
  /** first and last city day, YYYY-MM-DD, inclusive */
  fromDay?: string | undefined;
  toDay?: string | undefined;
};

/** The API's filter query of `GET /alarms` and `/alarms/export`: city days become instants [from, to). */
export function alarmQuery(f: AlarmFilters): Record<string, string | number | undefined> {
  return {
    state: f.state,
    severity: f.severity,
    type: f.type,
    enterpriseId: f.enterpriseId,
    stationId: f.stationId,
    q: f.q,
    from: f.fromDay ? cityDayStart(f.fromDay) : undefined,
    to: f.toDay ? cityDayStart(f.toDay, 1) : undefined,
  };
}

/** A live event that should sound: a new (or returning) critical alarm. */
export const soundsFor = (e: AlarmLiveEvent): boolean =>
  (e.event === 'raised' || e.event === 'reraised') && e.alarm.severity === 'critical';

/** Which actions the alarm's state allows (acknowledge: only unacknowledged; close: any open alarm). */
export function actionsOf(state: AlarmState): { acknowledge: boolean; close: boolean } {
  return { acknowledge: state === 'raised', close: state !== 'closed' };
}
