// Number and time formatting shared by every feature (pure: no React, unit-tested under node:test).
import dayjs from 'dayjs';

export function formatNumber(n: number, maxFractionDigits = 2): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: maxFractionDigits });
}

export function formatTime(value: unknown): string {
  return typeof value === 'string' && value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** A value for antd's Statistic, which cuts digits past its `precision` off (5.5552 → "5.5"): rounded first (5.6). */
export const statisticValue = <T>(value: T, digits: number): T | number =>
  typeof value === 'number' ? Number(value.toFixed(digits)) : value;

/** The city's time zone: times read as on the city's clocks, whatever the browser's zone. */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const cityClock = (second: boolean) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: CITY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(second ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  });
const CITY_SECOND = cityClock(true);
const CITY_MINUTE = cityClock(false);

/** An ISO instant as `YYYY-MM-DD HH:mm:ss` in city time; '—' for nothing, the text itself when not a time. */
export function formatCityTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '—';
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : CITY_SECOND.format(at).replace('T', ' ');
}

/** An ISO instant as `YYYY-MM-DD HH:mm` in city time. */
export function formatCityMinute(value: unknown): string {
  if (typeof value !== 'string' || !value) return '—';
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : CITY_MINUTE.format(at).replace('T', ' ');
}
